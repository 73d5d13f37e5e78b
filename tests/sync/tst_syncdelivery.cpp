// Delivery that loses nothing: a fake webhook that throttles (429 with
// Retry-After), fails (500), answers slowly and rejects some records; every
// good row must arrive exactly once per key, bad ones rejected with the
// receiver's reason and retried on later runs, and a kill -9 at any moment
// must leave a snapshot that claims nothing unacknowledged.

#include "fakewebhookserver.h"
#include "syncfixture.h"
#include "testsupport.h"

#include "project/runrecorder.h"
#include "project/statestore.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTest>

#include <thread>

#include <csignal>
#include <sys/types.h>

using namespace sluice;
using namespace sluice::test;
using nlohmann::json;
using sluice::fakes::FakeWebhookBehaviour;
using sluice::fakes::FakeWebhookServer;

namespace {

DestinationDef hook(const FakeWebhookServer &server, int batchSize = 10, int concurrency = 4)
{
    return DestinationDef{
        "hook",
        "webhook",
        {{"url", server.url()}, {"batchSize", batchSize}, {"concurrency", concurrency}, {"timeoutSeconds", 5}}};
}

json fastRetries()
{
    return json{{"retryBaseMs", 20}, {"maxAttempts", 10}};
}

} // namespace

class TstSyncDelivery : public QObject {
    Q_OBJECT
private slots:
    void faultsLoseNothing()
    {
        FakeWebhookBehaviour b;
        b.rateLimitFirst = 2;
        b.retryAfter = "1";
        b.serverErrorEvery = 5;
        b.rateLimitRate = 0.1;
        b.seed = 7;
        b.delayMs = 5;
        b.rejectRecord = FakeWebhookServer::rejectWhenFieldLacks("email", "@");
        FakeWebhookServer server(b);
        SyncFixture f(300);
        f.warehouse("UPDATE people SET email = 'broken-' || id WHERE id % 50 = 0"); // 6 bad rows
        f.addSync("s", hook(server), "upsert", fastRetries());
        QElapsedTimer t;
        t.start();
        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("partial"));
        QCOMPARE(r.added.planned, 300);
        QCOMPARE(r.added.delivered, 294);
        QCOMPARE(r.added.rejected, 6);
        QCOMPARE(r.added.pending, 0);
        QVERIFY(r.retries >= 2);
        QVERIFY(t.elapsed() >= 1000); // Retry-After: 1 was honoured
        QCOMPARE(server.recordCount(), std::size_t(294));
        QCOMPARE(server.maxDeliveriesPerKey(), 1); // exactly once per key
        QCOMPARE(server.record(json{{"id", 7}})->at("email").get<std::string>(), std::string("p7@example.com"));
        QVERIFY(!server.record(json{{"id", 50}}));
        QCOMPARE(f.snapshotSize("s"), 294);

        auto state = StateStore::open(f.projectPath());
        auto syncId = std::stoll(f.query(f.path("p.sluice"), "SELECT id FROM syncs WHERE name='s'")[0][0]);
        auto rejected = (*state)->rejections(syncId);
        QCOMPARE(rejected->size(), std::size_t(6));
        QCOMPARE((*rejected)[0].displayKey, std::string("50"));
        QVERIFY2((*rejected)[0].reason.find("email") != std::string::npos, (*rejected)[0].reason.c_str());
        QVERIFY((*rejected)[0].payload.find("broken-50") != std::string::npos);

        // Next run: the rejected rows (only) are tried again, and fail again.
        server.setBehaviour([] {
            FakeWebhookBehaviour quiet;
            quiet.rejectRecord = FakeWebhookServer::rejectWhenFieldLacks("email", "@");
            return quiet;
        }());
        r = f.run("s");
        QCOMPARE(r.added.planned, 6);
        QCOMPARE(r.added.rejected, 6);
        QCOMPARE(r.unchanged.planned, 294);
        rejected = (*state)->rejections(syncId);
        QCOMPARE((*rejected)[0].attempts, 2);

        // Fixed at the source: delivered, and the rejections are gone.
        f.warehouse("UPDATE people SET email = 'fixed' || id || '@example.com' WHERE email LIKE 'broken-%'");
        r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 6);
        QCOMPARE(server.recordCount(), std::size_t(300));
        QVERIFY((*state)->rejections(syncId)->empty());
        QCOMPARE(server.maxDeliveriesPerKey(), 1);
    }

    void wholeBatchRefusalIsSplit()
    {
        FakeWebhookBehaviour b;
        b.rejectRecord = FakeWebhookServer::rejectWhenFieldLacks("email", "@");
        b.rejectWholeBatch = true;
        FakeWebhookServer server(b);
        SyncFixture f(40);
        f.warehouse("UPDATE people SET email = 'bad' WHERE id = 13");
        f.addSync("s", hook(server, 20, 1), "upsert", fastRetries());
        RunSummary r = f.run("s");
        QCOMPARE(r.added.delivered, 39);
        QCOMPARE(r.added.rejected, 1);
        QCOMPARE(server.recordCount(), std::size_t(39));
        QCOMPARE(server.maxDeliveriesPerKey(), 1);
    }

    void fatalAnswerStopsTheRun()
    {
        FakeWebhookBehaviour b;
        b.bearerToken = "right";
        FakeWebhookServer server(b);
        SyncFixture f(50);
        DestinationDef d = hook(server, 10, 1);
        d.settings["headers"] = json{{"Authorization", "Bearer ${env:SLUICE_TST_HOOK_TOKEN}"}};
        qputenv("SLUICE_TST_HOOK_TOKEN", "wrong");
        f.addSync("s", d, "upsert", fastRetries());
        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("failed"));
        QVERIFY2(r.error.find("401") != std::string::npos, r.error.c_str());
        QCOMPARE(r.added.delivered, 0);
        // Planning stops with the run: what it had planned is pending, nothing claimed.
        QVERIFY(r.added.planned >= 10 && r.added.planned <= 50);
        QCOMPARE(r.added.pending, r.added.planned);
        QCOMPARE(server.requestCount(), std::size_t(1)); // no retry of a 401
        QCOMPARE(f.snapshotSize("s"), 0);
        qputenv("SLUICE_TST_HOOK_TOKEN", "right");
        r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 50);
        qunsetenv("SLUICE_TST_HOOK_TOKEN");
    }

    void rateLimitAndApiInspector()
    {
        FakeWebhookBehaviour b;
        b.bearerToken = "s3cr3t-token";
        FakeWebhookServer server(b);
        SyncFixture f(100);
        DestinationDef d = hook(server, 2, 4);
        d.settings["requestsPerSecond"] = 20;
        d.settings["headers"] = json{{"Authorization", "Bearer ${env:SLUICE_TST_TOKEN}"}};
        qputenv("SLUICE_TST_TOKEN", "s3cr3t-token");
        f.addSync("s", d, "upsert", fastRetries());
        QElapsedTimer t;
        t.start();
        RunSummary r = f.run("s");
        qunsetenv("SLUICE_TST_TOKEN");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.requests, 50);
        // 50 requests at 20/s with a one-second burst: the last 30 wait about 1.5 s.
        QVERIFY2(t.elapsed() >= 1400, qPrintable(QString::number(t.elapsed())));
        auto state = StateStore::open(f.projectPath());
        auto exchanges = RunRecorder::exchanges((*state)->handle(), r.runId);
        QVERIFY(exchanges);
        QCOMPARE(exchanges->size(), std::size_t(50));
        const HttpExchange &first = exchanges->front().exchange;
        QCOMPARE(first.method, std::string("POST"));
        QCOMPARE(first.status, 200);
        QVERIFY2(first.requestHeaders.find("Authorization: Bearer [redacted]") != std::string::npos,
                 first.requestHeaders.c_str());
        for (const auto &e : *exchanges)
            QVERIFY(e.exchange.requestHeaders.find("s3cr3t") == std::string::npos);
        QVERIFY(first.requestBody.find("\"records\":[") != std::string::npos);
        // The CLI shows the same, redacted.
        const CliResult cli = runSluicectl(
            {"log", QString::fromStdString(f.projectPath()), "--run", QString::number(r.runId), "--http", "--json"});
        QCOMPARE(cli.exitCode, 0);
        QVERIFY(!cli.out.contains("s3cr3t"));
        QCOMPARE(json::parse(cli.out.toStdString())["exchanges"].size(), std::size_t(50));
    }

    void cancelStopsAtBatchBoundary()
    {
        FakeWebhookBehaviour b;
        b.delayMs = 30;
        FakeWebhookServer server(b);
        SyncFixture f(2000);
        f.addSync("s", hook(server, 10, 1), "upsert", fastRetries());
        CancelToken cancel;
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            cancel.cancel();
        });
        auto r = runSync(f.projectPath(), "s", {}, cancel);
        stopper.join();
        QVERIFY(r);
        QCOMPARE(r->status, std::string("cancelled"));
        QVERIFY(r->added.delivered > 0);
        QVERIFY(r->added.delivered < 2000);
        // What was acknowledged is exactly what the receiver has and the snapshot claims.
        QCOMPARE(std::int64_t(server.recordCount()), r->added.delivered);
        QCOMPARE(f.snapshotSize("s"), r->added.delivered);
        server.setBehaviour({});
        RunSummary rest = f.run("s");
        QCOMPARE(rest.added.planned, 2000 - r->added.delivered);
        QCOMPARE(rest.added.delivered, rest.added.planned);
        QCOMPARE(server.recordCount(), std::size_t(2000));
        QCOMPARE(server.maxDeliveriesPerKey(), 1);
    }

    void killNineLosesNothing_data()
    {
        QTest::addColumn<int>("killAfterMs");
        QTest::newRow("while planning") << 50;
        QTest::newRow("mid-run") << 400;
        QTest::newRow("later") << 900;
    }

    void killNineLosesNothing()
    {
        QFETCH(int, killAfterMs);
        FakeWebhookBehaviour b;
        b.delayMs = 20;
        FakeWebhookServer server(b);
        SyncFixture f(3000);
        f.addSync("s", hook(server, 25, 2), "upsert", fastRetries());
        QProcess p;
        p.start(qEnvironmentVariable("SLUICECTL"), {"run", QString::fromStdString(f.projectPath()), "--sync", "s"});
        QVERIFY(p.waitForStarted());
        QTest::qWait(killAfterMs);
        ::kill(pid_t(p.processId()), SIGKILL);
        p.waitForFinished();
        // The snapshot never claims a row the receiver does not have.
        const auto claimed = f.snapshotSize("s");
        QVERIFY2(claimed <= std::int64_t(server.recordCount()),
                 qPrintable(QString("snapshot %1, receiver %2").arg(claimed).arg(server.recordCount())));
        // Run again: every row arrives; a row in flight at the kill may arrive twice (at least once).
        server.setBehaviour({});
        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(server.recordCount(), std::size_t(3000));
        QCOMPARE(f.snapshotSize("s"), 3000);
        QVERIFY(server.maxDeliveriesPerKey() <= 2);
        // The killed run is marked failed in the history, not left "running"
        // (a process killed before it recorded its run leaves none: under a
        // sanitizer, start-up alone can take longer than the kill's delay).
        auto statuses = f.query(f.path("p.sluice"), "SELECT status FROM runs ORDER BY id");
        QVERIFY(!statuses.empty() && statuses.size() <= 2);
        QCOMPARE(statuses.back()[0], std::string("succeeded"));
        if (statuses.size() == 2)
            QCOMPARE(statuses[0][0], std::string("failed"));
        // The project file is intact.
        QCOMPARE(f.query(f.path("p.sluice"), "PRAGMA integrity_check")[0][0], std::string("ok"));
    }

    void secondProcessIsRefused()
    {
        FakeWebhookBehaviour b;
        b.delayMs = 50;
        FakeWebhookServer server(b);
        SyncFixture f(500);
        f.addSync("s", hook(server, 10, 1), "upsert", fastRetries());
        QProcess first;
        first.start(qEnvironmentVariable("SLUICECTL"), {"run", QString::fromStdString(f.projectPath()), "--sync", "s"});
        QVERIFY(first.waitForStarted());
        QTRY_VERIFY(server.requestCount() > 0);
        const CliResult second = runSluicectl({"run", QString::fromStdString(f.projectPath()), "--sync", "s"});
        QCOMPARE(second.exitCode, 1);
        QCOMPARE(second.err, QByteArray("error: sync 's' is already running in another process\n"));
        first.terminate(); // SIGTERM: finishes the batch in flight and exits cleanly
        QVERIFY(first.waitForFinished(20000));
        QCOMPARE(first.exitStatus(), QProcess::NormalExit);
        QCOMPARE(first.exitCode(), 1); // cancelled
        auto runs = f.query(f.path("p.sluice"), "SELECT status FROM runs ORDER BY id");
        QCOMPARE(runs.back()[0], std::string("cancelled"));
        QCOMPARE(f.snapshotSize("s"), std::int64_t(server.recordCount()));
    }
};

QTEST_GUILESS_MAIN(TstSyncDelivery)
#include "tst_syncdelivery.moc"

// Runs that would hang or crawl end early instead (issue 13): a destination
// that never answers stops the run with "destination unreachable" after a few
// requests in a row, dropped connections count as retries, and a server that
// asks to wait an hour defers the run: rows stay pending, the run says until
// when, and the daemon runs the sync at that time.

#include "fakewebhookserver.h"
#include "syncfixture.h"
#include "testsupport.h"

#include "daemon/daemon.h"
#include "project/statestore.h"

#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace sluice;
using namespace sluice::fakes;
using namespace sluice::test;
using nlohmann::json;
using namespace std::chrono;

namespace {

// A TCP server on 127.0.0.1 that accepts every connection and closes it at
// once, without an answer: a load balancer with no healthy backend.
class DroppingServer {
public:
    DroppingServer()
    {
        m_socket = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_socket, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
        socklen_t length = sizeof addr;
        ::getsockname(m_socket, reinterpret_cast<sockaddr *>(&addr), &length);
        m_port = ntohs(addr.sin_port);
        ::listen(m_socket, 16);
        m_thread = std::thread([this] {
            for (;;) {
                const int client = ::accept(m_socket, nullptr, nullptr);
                if (client < 0)
                    return;
                ++m_accepted;
                char buffer[4096];
                (void)::recv(client, buffer, sizeof buffer, 0); // the request starts; then nothing
                ::close(client);
            }
        });
    }
    ~DroppingServer()
    {
        ::shutdown(m_socket, SHUT_RDWR);
        ::close(m_socket);
        m_thread.join();
    }
    int port() const { return m_port; }
    int accepted() const { return m_accepted; }

private:
    int m_socket = -1;
    int m_port = 0;
    std::atomic<int> m_accepted{0};
    std::thread m_thread;
};

// A port on 127.0.0.1 where nothing listens (connection refused).
int closedPort()
{
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(s, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    socklen_t length = sizeof addr;
    ::getsockname(s, reinterpret_cast<sockaddr *>(&addr), &length);
    ::close(s);
    return ntohs(addr.sin_port);
}

DestinationDef hookAt(const std::string &url)
{
    return DestinationDef{
        "hook", "webhook", {{"url", url}, {"batchSize", 100}, {"concurrency", 1}, {"timeoutSeconds", 5}}};
}

} // namespace

class TstDeliveryLimits : public QObject {
    Q_OBJECT
private slots:
    void deadEndpointStopsTheRun()
    {
        SyncFixture f(1000);
        f.addSync("s", hookAt("http://127.0.0.1:" + std::to_string(closedPort()) + "/hook"), "upsert",
                  json{{"retryBaseMs", 20}});
        QElapsedTimer t;
        t.start();
        QString output;
        auto r = runSyncWithSluicectl(f.projectPath(), "s", &output);
        QVERIFY2(r, qPrintable(output));
        QVERIFY(t.elapsed() < 20000); // it took 58.5 s for 1,000 rows before
        QCOMPARE(r->status, std::string("failed"));
        QVERIFY2(r->error.starts_with("destination unreachable: ")
                     && r->error.find("connection refused") != std::string::npos,
                 r->error.c_str());
        QVERIFY2(r->error.ends_with("(5 requests in a row got no answer)"), r->error.c_str());
        QCOMPARE(r->delivered(), 0);
        QCOMPARE(r->added.pending, r->added.planned); // nothing lost: the next run sends every row
        QCOMPARE(f.snapshotSize("s"), 0);
        QVERIFY2(output.startsWith("exit 1"), qPrintable(output));
    }

    // Dropped connections are retried, counted, and end the run as unreachable.
    void droppedConnectionsAreRetriesAndThenUnreachable()
    {
        DroppingServer server;
        SyncFixture f(300);
        f.addSync("s", hookAt("http://127.0.0.1:" + std::to_string(server.port()) + "/hook"), "upsert",
                  json{{"retryBaseMs", 20}});
        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("failed"));
        QCOMPARE(r.requests, 5);
        QCOMPARE(r.retries, 4);
        QCOMPARE(server.accepted(), 5);
        QVERIFY2(r.error.starts_with("destination unreachable: "), r.error.c_str());
    }

    // An answer between failures resets the count: a flaky server is retried, not declared dead.
    void answersBetweenFailuresKeepTheRunGoing()
    {
        FakeWebhookBehaviour b;
        b.serverErrorEvery = 2; // every other delivery fails with 500 (an answer)
        FakeWebhookServer server(b);
        SyncFixture f(1000);
        f.addSync("s", hookAt(server.url()), "upsert", json{{"retryBaseMs", 5}});
        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(server.recordCount(), std::size_t(1000));
    }

    void longRetryAfterDefersTheRun()
    {
        FakeWebhookBehaviour b;
        b.rateLimitFirst = 1;
        b.retryAfter = "3600";
        FakeWebhookServer server(b);
        SyncFixture f(500);
        f.addSync("s", hookAt(server.url()), "upsert", json{{"retryBaseMs", 20}});
        QElapsedTimer t;
        t.start();
        QString output;
        auto r = runSyncWithSluicectl(f.projectPath(), "s", &output);
        QVERIFY2(r, qPrintable(output));
        QVERIFY(t.elapsed() < 20000);
        QCOMPARE(r->status, std::string("deferred"));
        QCOMPARE(r->delivered(), 0);
        // The plan stopped with the run: what it reached is pending, the rest unplanned; none is lost.
        QVERIFY(r->added.planned >= 100);
        QCOMPARE(r->added.pending, r->added.planned);
        QCOMPARE(f.snapshotSize("s"), 0);
        const json doc = json::parse(
            output.mid(output.indexOf('{')).left(output.lastIndexOf('}') - output.indexOf('{') + 1).toStdString());
        const auto until = parseIsoUtc(doc["deferred_until"].get<std::string>());
        QVERIFY(until);
        const auto wait = duration_cast<seconds>(*until - system_clock::now()).count();
        QVERIFY2(wait > 3500 && wait <= 3601, qPrintable(QString::number(wait)));
        QVERIFY2(doc["deferred_because"].get<std::string>().find("429") != std::string::npos,
                 doc["deferred_because"].dump().c_str());
        QVERIFY2(output.contains("deferred until"), qPrintable(output));

        // The daemon runs the sync at that time, not at its schedule's (every 5 minutes).
        auto store = StateStore::open(f.projectPath());
        QVERIFY(store);
        auto due = deferredUntil((*store)->handle(), "s");
        QVERIFY(due && *due);
        QCOMPARE(formatIsoUtc(**due), doc["deferred_until"].get<std::string>());
        ProjectConfig c = f.baseConfig();
        c.destinations.push_back(hookAt(server.url()));
        c.syncs.push_back(SyncDef{"s",
                                  "people",
                                  "hook",
                                  "upsert",
                                  json::array(),
                                  {{"retryBaseMs", 20}, {"schedule", {{"type", "interval"}, {"minutes", 5}}}}});
        f.save(c);
        SysTime fakeNow = system_clock::now();
        std::vector<SysTime> starts;
        struct Listener : DaemonListener {
            std::vector<SysTime> *starts;
            void runStarted(const std::string &, SysTime at) override { starts->push_back(at); }
        } listener;
        listener.starts = &starts;
        CancelToken cancel;
        DaemonOptions options;
        const SysTime stopAt = **due + seconds(30);
        options.clock.now = [&] { return fakeNow; };
        options.clock.sleep = [&](milliseconds d) {
            fakeNow += d;
            if (fakeNow >= stopAt)
                cancel.cancel();
        };
        options.sleepSlice = milliseconds(60000);
        auto report = runDaemon(f.projectPath(), cancel, options, &listener);
        QVERIFY2(report, report ? "" : report.error().describe().c_str());
        QCOMPARE(starts.size(), std::size_t(1));
        QVERIFY(starts[0] >= **due && starts[0] < **due + seconds(61));
        QCOMPARE(server.recordCount(), std::size_t(500)); // the pending rows went then
    }
};

QTEST_GUILESS_MAIN(TstDeliveryLimits)
#include "tst_deliverylimits.moc"

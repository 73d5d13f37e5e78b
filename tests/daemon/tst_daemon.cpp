// The daemon: in process with an injected clock (due syncs run, history
// respected, a sync running elsewhere skipped, bad schedules reported once),
// and as a process (--once twice; exit 1 on a failed run; SIGTERM while a run
// is in flight and while idle).

#include "fakewebhookserver.h"
#include "syncfixture.h"
#include "testsupport.h"

#include "daemon/daemon.h"
#include "project/runrecorder.h"
#include "project/statestore.h"
#include "schedule/cronexpr.h"
#include "schedule/schedule.h"
#include "sync/synclock.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <map>
#include <mutex>
#include <optional>

using namespace sluice;
using namespace sluice::test;
using namespace std::chrono;
using nlohmann::json;

namespace {

// Daemon options on a fake clock at `now`: each sleep moves it on, and the
// daemon is cancelled once the clock reaches `end`.
DaemonOptions onFakeClockUntil(SysTime &now, SysTime end, CancelToken &cancel)
{
    DaemonOptions options;
    options.clock.now = [&now] { return now; };
    options.clock.sleep = [&now, end, &cancel](milliseconds d) {
        now += d;
        if (now >= end)
            cancel.cancel();
    };
    return options;
}

DestinationDef jsonl(const std::string &name, const std::string &file)
{
    return DestinationDef{name, "jsonl", {{"path", file}}};
}

std::int64_t runCount(const SyncFixture &f, const std::string &sync)
{
    return std::stoll(f.query(f.path("p.sluice"), "SELECT count(*) FROM runs WHERE sync_name = '" + sync + "'")[0][0]);
}

// Set by ctest; the host is built next to this test when it is run by hand.
QString daemonHost()
{
    const QString host = qEnvironmentVariable("SLUICE_DAEMON_HOST");
    return host.isEmpty() ? QCoreApplication::applicationDirPath() + "/sluicectl_daemon_host" : host;
}

// Counts what the daemon reports, by sync.
class CountingListener : public DaemonListener {
public:
    void runFinished(const std::string &sync, SysTime startedAt, const RunSummary &summary,
                     const std::vector<AlertNotice> &) override
    {
        std::lock_guard lock(m_mutex);
        starts[sync].push_back(startedAt);
        statuses[sync].push_back(summary.status);
    }
    void runSkipped(const std::string &sync, SysTime, const Error &why) override
    {
        std::lock_guard lock(m_mutex);
        skipped.push_back(sync + ": " + why.describe());
    }
    void problem(SysTime, const Error &error) override
    {
        std::lock_guard lock(m_mutex);
        problems.push_back(error.describe());
    }

    std::map<std::string, std::vector<SysTime>> starts;
    std::map<std::string, std::vector<std::string>> statuses;
    std::vector<std::string> skipped;
    std::vector<std::string> problems;

private:
    std::mutex m_mutex;
};

} // namespace

class TstDaemon : public QObject {
    Q_OBJECT
private slots:
    // The loop with a fake clock from 2030-01-01T00:00:00Z for 5.5 minutes:
    // an interval sync every minute, a cron sync every 2 minutes, a
    // continuous sync every 30 s, and a manual one that never runs.
    void daemonLoopWithInjectedClock()
    {
        SyncFixture f(5);
        ProjectConfig c = f.baseConfig();
        c.destinations = {jsonl("d1", "every.jsonl"), jsonl("d2", "cron.jsonl"), jsonl("d3", "poll.jsonl"),
                          jsonl("d4", "hand.jsonl")};
        c.syncs = {SyncDef{"every",
                           "people",
                           "d1",
                           "mirror",
                           json::array(),
                           {{"schedule", {{"type", "interval"}, {"minutes", 1}}}}},
                   SyncDef{"cron2",
                           "people",
                           "d2",
                           "mirror",
                           json::array(),
                           {{"schedule", {{"type", "cron"}, {"expression", "*/2 * * * *"}}}}},
                   SyncDef{"poll",
                           "people",
                           "d3",
                           "mirror",
                           json::array(),
                           {{"schedule", {{"type", "continuous"}, {"seconds", 30}}}}},
                   SyncDef{"hand", "people", "d4", "mirror", json::array(), json::object()}};
        f.save(c);

        const SysTime start = at("2030-01-01T00:00:00Z");
        const SysTime end = start + seconds(330);
        SysTime fakeNow = start;
        CancelToken cancel;
        DaemonOptions options = onFakeClockUntil(fakeNow, end, cancel);
        CountingListener listener;
        auto report = runDaemon(f.projectPath(), cancel, options, &listener);
        QVERIFY2(report, report ? "" : report.error().describe().c_str());
        QVERIFY2(listener.problems.empty(), listener.problems.empty() ? "" : listener.problems.front().c_str());
        QVERIFY(listener.skipped.empty());

        auto offsets = [&](const std::string &sync) {
            std::vector<long> out;
            for (SysTime t : listener.starts[sync])
                out.push_back(long(duration_cast<seconds>(t - start).count()));
            std::sort(out.begin(), out.end());
            return out;
        };
        QCOMPARE(offsets("every"), (std::vector<long>{0, 60, 120, 180, 240, 300}));
        QCOMPARE(offsets("cron2"), (std::vector<long>{0, 120, 240}));
        QCOMPARE(offsets("poll"), (std::vector<long>{0, 30, 60, 90, 120, 150, 180, 210, 240, 270, 300}));
        QVERIFY(offsets("hand").empty());
        QCOMPARE(report->runs, 20);
        QCOMPARE(report->failedRuns, 0);
        // The run history agrees, and every run finished.
        QCOMPARE(runCount(f, "every"), 6);
        QCOMPARE(runCount(f, "cron2"), 3);
        QCOMPARE(runCount(f, "poll"), 11);
        QCOMPARE(runCount(f, "hand"), 0);
        QCOMPARE(f.query(f.path("p.sluice"), "SELECT count(*) FROM runs WHERE status <> 'succeeded'")[0][0],
                 std::string("0"));
        QCOMPARE(f.jsonlLines(f.path("every.jsonl")).size(), std::size_t(5));
    }

    // A schedule chosen while the daemon runs (the app's scheduler is this
    // daemon) counts from the change: picking "continuous, every 30 s" for a
    // sync that never ran starts its first run 30 s later, not at once.
    void aChangedScheduleCountsFromTheChange()
    {
        SyncFixture f(3);
        ProjectConfig c = f.baseConfig();
        c.destinations = {jsonl("d", "out.jsonl")};
        c.syncs = {SyncDef{"s", "people", "d", "mirror", json::array(), json::object()}}; // manual
        f.save(c);

        const SysTime start = at("2030-01-01T00:00:00Z");
        const SysTime end = start + seconds(200);
        SysTime fakeNow = start;
        std::optional<SysTime> changedAt;
        CancelToken cancel;
        DaemonOptions options;
        options.rescanEvery = milliseconds(5000);
        options.clock.now = [&] { return fakeNow; };
        options.clock.sleep = [&](milliseconds d) {
            fakeNow += d;
            if (!changedAt && fakeNow >= start + seconds(60)) {
                c.syncs[0].settings = {{"schedule", {{"type", "continuous"}, {"seconds", 30}}}};
                f.save(c);
                changedAt = fakeNow;
            }
            if (fakeNow >= end)
                cancel.cancel();
        };
        CountingListener listener;
        auto report = runDaemon(f.projectPath(), cancel, options, &listener);
        QVERIFY2(report, report ? "" : report.error().describe().c_str());
        QVERIFY(changedAt);
        const auto &starts = listener.starts["s"];
        QVERIFY(!starts.empty());
        QVERIFY2(starts.front() >= *changedAt + seconds(30),
                 formatIsoUtc(starts.front()).c_str()); // not at once
        QVERIFY(starts.front() <= *changedAt + seconds(30) + options.rescanEvery + seconds(1));
        for (std::size_t i = 1; i < starts.size(); ++i)
            QCOMPARE(duration_cast<seconds>(starts[i] - starts[i - 1]).count(), 30);
        QVERIFY(starts.size() >= 3);
    }

    // A restarted daemon computes the next run from the history: a sync run
    // a minute ago on an hourly schedule is not run again.
    void daemonRespectsHistory()
    {
        SyncFixture f(3);
        f.addSync("hourly", jsonl("d", "out.jsonl"), "mirror",
                  json{{"schedule", {{"type", "interval"}, {"minutes", 60}}}});
        f.run("hourly");
        CancelToken cancel;
        DaemonOptions options;
        options.once = true;
        CountingListener listener;
        auto report = runDaemon(f.projectPath(), cancel, options, &listener);
        QVERIFY(report);
        QCOMPARE(report->runs, 0);
        QCOMPARE(runCount(f, "hourly"), 1);
        // A dry run does not count as the last run.
        f.run("hourly", RunKind::DryRun);
        auto db = StateStore::open(f.projectPath());
        QVERIFY(db);
        auto last = lastScheduledRunStart((*db)->handle(), "hourly");
        QVERIFY(last && *last);
        auto runs = RunRecorder::runs((*db)->handle(), "hourly", 10);
        QCOMPARE(runs->size(), std::size_t(2));
        QCOMPARE(formatIsoUtc(**last), formatIsoUtc(*parseIsoUtc(runs->back().startedAt)));
    }

    // A sync that runs elsewhere is skipped and reported, never run twice at once.
    void daemonSkipsASyncRunningElsewhere()
    {
        SyncFixture f(3);
        f.addSync("busy", jsonl("d", "out.jsonl"), "mirror",
                  json{{"schedule", {{"type", "interval"}, {"minutes", 5}}}});
        const auto syncId = std::stoll(f.query(f.path("p.sluice"), "SELECT id FROM syncs WHERE name = 'busy'")[0][0]);
        auto lock = SyncLock::acquire(f.projectPath(), syncId, "busy");
        QVERIFY(lock);
        CancelToken cancel;
        DaemonOptions options;
        options.once = true;
        CountingListener listener;
        auto report = runDaemon(f.projectPath(), cancel, options, &listener);
        QVERIFY(report);
        QCOMPARE(report->runs, 0);
        QCOMPARE(report->skipped, 1);
        QCOMPARE(listener.skipped, (std::vector<std::string>{"busy: sync 'busy' is already running in this process"}));
        QCOMPARE(runCount(f, "busy"), 0);
        lock->reset();
        report = runDaemon(f.projectPath(), cancel, options, &listener);
        QVERIFY(report);
        QCOMPARE(report->runs, 1);
        QCOMPARE(runCount(f, "busy"), 1);
    }

    void daemonReportsBadSchedulesOnce()
    {
        SyncFixture f(3);
        f.addSync("bad", jsonl("d", "out.jsonl"), "mirror",
                  json{{"schedule", {{"type", "cron"}, {"expression", "* 25 * * *"}}}});
        SysTime fakeNow = at("2030-01-01T00:00:00Z");
        const SysTime end = fakeNow + seconds(40); // three project reloads
        CancelToken cancel;
        DaemonOptions options = onFakeClockUntil(fakeNow, end, cancel);
        CountingListener listener;
        auto report = runDaemon(f.projectPath(), cancel, options, &listener);
        QVERIFY(report);
        QCOMPARE(report->runs, 0);
        QCOMPARE(listener.problems.size(), std::size_t(1));
        QCOMPARE(
            listener.problems[0],
            std::string("sync 'bad': settings.schedule.expression: cron field 2 (hour): '25' is out of range 0-23"));
    }

    void daemonRefusesMissingProject()
    {
        QTemporaryDir dir;
        CancelToken cancel;
        auto report = runDaemon(dir.filePath("nope.sluice").toStdString(), cancel, DaemonOptions{}, nullptr);
        QVERIFY(!report);
        QCOMPARE(report.error().kind, ErrorKind::InvalidInput);

        QProcess p;
        p.start(daemonHost(), {"daemon", dir.filePath("nope.sluice")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().startsWith("error: "));
        p.start(daemonHost(), {"daemon"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("usage: sluicectl daemon PROJECT [--once]"));
    }

    // --once runs what is due, once; right after, nothing is due.
    void daemonOnceRunsDueSyncExactlyOnce()
    {
        SyncFixture f(3);
        ProjectConfig c = f.baseConfig();
        c.destinations = {jsonl("d1", "hourly.jsonl"), jsonl("d2", "hand.jsonl")};
        c.syncs = {SyncDef{"hourly",
                           "people",
                           "d1",
                           "mirror",
                           json::array(),
                           {{"schedule", {{"type", "interval"}, {"minutes", 60}}}}},
                   SyncDef{"hand", "people", "d2", "mirror", json::array(), json::object()}};
        f.save(c);

        QProcess p;
        p.start(daemonHost(), {"daemon", QString::fromStdString(f.projectPath()), "--once"});
        QVERIFY(p.waitForFinished(60000));
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitCode() == 0, err.constData());
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const QStringList lines = out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1);
        static const QRegularExpression line(
            R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ run \d+ of sync 'hourly': succeeded, 3 delivered, 0 rejected$)");
        QVERIFY2(line.match(lines[0]).hasMatch(), qPrintable(lines[0]));
        QVERIFY(err.contains("sync 'hourly': every hour; next run"));
        QVERIFY(err.contains("sync 'hand': manual, not run by the daemon"));
        QCOMPARE(runCount(f, "hourly"), 1);
        QCOMPARE(runCount(f, "hand"), 0);

        p.start(daemonHost(), {"daemon", QString::fromStdString(f.projectPath()), "--once"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.readAllStandardOutput(), QByteArray());
        QCOMPARE(runCount(f, "hourly"), 1);
    }

    void daemonOnceExitsOneWhenARunFails()
    {
        SyncFixture f(3);
        f.addSync("guarded", jsonl("d", "out.jsonl"), "mirror",
                  json{{"schedule", {{"type", "continuous"}, {"seconds", 1}}}});
        f.run("guarded");
        f.warehouse("DELETE FROM people"); // the mirror guard stops the next run
        QTest::qWait(1100);
        QProcess p;
        p.start(daemonHost(), {"daemon", QString::fromStdString(f.projectPath()), "--once"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        const QByteArray out = p.readAllStandardOutput();
        QVERIFY2(
            out.contains(
                "of sync 'guarded': failed, 0 delivered, 0 rejected, 3 pending: mirror guard: stopped before deleting"),
            out.constData());
        QCOMPARE(runCount(f, "guarded"), 2);
    }

    // SIGTERM while a run is in flight: the run finishes its batch and is
    // recorded (cancelled, or succeeded if it was done), the daemon exits 0.
    void sigtermStopsDaemonCleanly()
    {
        fakes::FakeWebhookBehaviour b;
        b.delayMs = 150;
        fakes::FakeWebhookServer server(b);
        SyncFixture f(200);
        f.addSync(
            "slow",
            DestinationDef{"hook",
                           "webhook",
                           {{"url", server.url()}, {"batchSize", 10}, {"concurrency", 1}, {"timeoutSeconds", 10}}},
            "upsert", json{{"schedule", {{"type", "interval"}, {"minutes", 60}}}});

        QProcess p;
        p.start(daemonHost(), {"daemon", QString::fromStdString(f.projectPath())});
        QVERIFY(p.waitForStarted(10000));
        // Wait until the run is recorded as running and a batch has arrived.
        QDeadlineTimer deadline(30000);
        bool inFlight = false;
        while (!deadline.hasExpired() && !inFlight) {
            QTest::qWait(50);
            inFlight = f.query(f.path("p.sluice"), "SELECT count(*) FROM runs WHERE status = 'running'")[0][0] == "1"
                    && server.requestCount() >= 1;
        }
        QVERIFY(inFlight);
        p.terminate(); // SIGTERM
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitCode() == 0, err.constData());
        auto statuses = f.query(f.path("p.sluice"), "SELECT status FROM runs WHERE sync_name = 'slow'");
        QCOMPARE(statuses.size(), std::size_t(1));
        QVERIFY2(statuses[0][0] == "cancelled" || statuses[0][0] == "succeeded", statuses[0][0].c_str());
        QVERIFY(
            p.readAllStandardOutput().contains("run 1 of sync 'slow': " + QByteArray::fromStdString(statuses[0][0])));
        QVERIFY(err.contains("sluicectl daemon: stopped after 1 run"));
        // What was delivered is in the snapshot, nothing more.
        QCOMPARE(f.snapshotSize("slow"), std::int64_t(server.recordCount()));
        server.stop();
    }

    void sigtermWhileIdleExitsAtOnce()
    {
        SyncFixture f(1);
        f.addSync("hand", jsonl("d", "out.jsonl"), "mirror");
        QProcess p;
        p.start(daemonHost(), {"daemon", QString::fromStdString(f.projectPath())});
        QVERIFY(p.waitForStarted(10000));
        QDeadlineTimer deadline(20000);
        QByteArray err;
        while (!deadline.hasExpired() && !err.contains("manual, not run by the daemon")) {
            p.waitForReadyRead(100);
            err += p.readAllStandardError();
        }
        QVERIFY(err.contains("manual, not run by the daemon"));
        QElapsedTimer t;
        t.start();
        p.terminate();
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(t.elapsed() < 5000);
    }
};

QTEST_GUILESS_MAIN(TstDaemon)
#include "tst_daemon.moc"

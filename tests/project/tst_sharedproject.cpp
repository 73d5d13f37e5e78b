// Two processes on one project file, as users run them: this process holds
// the project open the way the app does (a document connection, a job-log
// connection, edits saved while another is pending, the schedules running on
// a thread), while another process runs sluicectl's runs, run, export and
// daemon --once in a loop. Nothing may be lost: the file stays intact, every
// run of both is in the history, every edit is saved, and the -wal file is
// never deleted from under the holder (it was, when opening the project read
// its header with std::ifstream and so dropped SQLite's locks: issue 20).

#include "daemon/daemon.h"
#include "demo/demoproject.h"
#include "project/projectstore.h"
#include "project/runrecorder.h"
#include "project/statestore.h"
#include "sharedfile.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <mutex>
#include <set>
#include <sqlite3.h>
#include <thread>
#include <unistd.h>

using namespace sluice;
using nlohmann::json;

namespace {

// Collects the runs the holder's scheduler made.
class RecordingListener : public DaemonListener {
public:
    void runFinished(const std::string &, SysTime, const RunSummary &s, const std::vector<AlertNotice> &) override
    {
        std::lock_guard lock(mutex);
        runIds.insert(s.runId);
    }
    std::mutex mutex;
    std::set<std::int64_t> runIds;
};

// The run ids sluicectl printed: "run 12 of sync 'x': ..." (daemon) or {"run_id": 12} (run --json).
std::set<std::int64_t> runIdsIn(const QByteArray &out)
{
    std::set<std::int64_t> ids;
    static const QRegularExpression daemonLine(R"( run (\d+) of sync ')");
    for (auto it = daemonLine.globalMatch(QString::fromUtf8(out)); it.hasNext();)
        ids.insert(it.next().captured(1).toLongLong());
    const json doc = json::parse(out.toStdString(), nullptr, false);
    if (doc.is_object() && doc.contains("run_id") && doc["run_id"].is_number_integer())
        ids.insert(doc["run_id"].get<std::int64_t>());
    return ids;
}

Result<> setDescription(ProjectStore &store, const std::string &model, const std::string &text)
{
    auto config = store.load();
    if (!config)
        return std::unexpected(config.error());
    for (auto &m : config->models)
        if (m.name == model)
            m.description = text;
    return store.save(*config);
}

} // namespace

class TstSharedProject : public QObject {
    Q_OBJECT

private slots:
    void holderKeepsSqliteLockOnTheProject()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("locked.sluice");
        QVERIFY(createDemoProject(path.toStdString(), 50));
        QVERIFY(test::locksHeldOn(path, ::getpid()).isEmpty());
        auto store = ProjectStore::open(path.toStdString());
        QVERIFY(store);
        QVERIFY((*store)->load());
        // SQLite holds a shared lock on a WAL database for as long as the
        // connection is open: it is how another process knows not to delete
        // the -wal when it closes.
        const QStringList held = test::locksHeldOn(path, ::getpid());
        QVERIFY2(!held.isEmpty(), "no lock of this process on the open project in /proc/locks");
        QVERIFY2(held.first().startsWith("POSIX ADVISORY READ"), qPrintable(held.join('\n')));
        // Opening it again (what every worker thread of the app does) keeps it.
        for (int i = 0; i < 3; ++i) {
            auto again = ProjectStore::open(path.toStdString());
            QVERIFY(again);
            auto state = StateStore::open(path.toStdString());
            QVERIFY(state);
        }
        QVERIFY2(!test::locksHeldOn(path, ::getpid()).isEmpty(), "reopening the project dropped SQLite's lock");
        store->reset();
        QVERIFY(test::locksHeldOn(path, ::getpid()).isEmpty());
    }

    void sluicectlBesideAnOpenProject()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("shared.sluice");
        const std::string p = path.toStdString();
        QVERIFY(createDemoProject(p, 300));

        // The holder: the document's connection, the job log's, and the
        // schedules on their own thread, as in the app.
        auto document = ProjectStore::open(p);
        QVERIFY(document);
        {
            auto config = (*document)->load();
            QVERIFY(config);
            for (auto &s : config->syncs)
                if (s.name == "user_360_to_file")
                    s.settings["schedule"] = {{"type", "continuous"}, {"seconds", 1}};
            QVERIFY((*document)->save(*config));
        }
        auto jobLog = StateStore::open(p);
        QVERIFY(jobLog);
        test::WalWatcher wal(path);
        QVERIFY2(wal.start(), qPrintable(wal.problem()));

        RecordingListener scheduled;
        CancelToken stopSchedules;
        DaemonOptions options;
        options.sleepSlice = std::chrono::milliseconds(20);
        options.rescanEvery = std::chrono::milliseconds(300);
        std::optional<Result<DaemonReport>> schedulerResult;
        std::thread schedules([&] { schedulerResult = runDaemon(p, stopSchedules, options, &scheduled); });

        // Edits, one every 150 ms; every fourth holds its write transaction
        // open for 200 ms first (a pending edit the other process must wait for).
        std::atomic<bool> editing{true};
        std::vector<std::string> saved;
        std::string editError;
        std::thread edits([&] {
            for (int n = 1; editing.load(); ++n) {
                const std::string text = "edit " + std::to_string(n);
                sqlite3 *db = (*document)->handle();
                if (n % 4 == 0) {
                    if (sqlite3_exec(db, "BEGIN IMMEDIATE; UPDATE project SET value = value WHERE key = 'name'",
                                     nullptr, nullptr, nullptr)
                        != SQLITE_OK) {
                        editError = std::string("pending edit: ") + sqlite3_errmsg(db);
                        return;
                    }
                    std::this_thread::sleep_for(std::chrono::milliseconds(200));
                    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
                }
                if (auto r = setDescription(**document, "user_360", text); !r) {
                    editError = text + ": " + r.error().describe();
                    return;
                }
                saved.push_back(text);
                std::this_thread::sleep_for(std::chrono::milliseconds(150));
            }
        });

        // The other process, over and over.
        std::set<std::int64_t> cliRuns;
        QStringList cliFailures;
        const QString exported = dir.filePath("shared.json");
        // Ten rounds at least, and until the holder's schedule ran three times
        // (a run a second): both processes are busy on the file throughout.
        QElapsedTimer elapsed;
        elapsed.start();
        const auto holderRuns = [&] {
            std::lock_guard lock(scheduled.mutex);
            return scheduled.runIds.size();
        };
        for (int round = 0; (round < 10 || holderRuns() < 3) && elapsed.elapsed() < 60000; ++round) {
            const QList<QStringList> commands = {
                {"runs", path, "--json"},
                {"run", path, "--sync", "contacts_to_crm_table", "--json"},
                {"export", path, exported},
                {"daemon", path, "--once"},
            };
            for (const QStringList &args : commands) {
                const test::CliResult r = test::runSluicectl(args);
                // daemon --once may find the schedule's sync running here: a skip, exit 0.
                if (r.exitCode != 0)
                    cliFailures << QString("sluicectl %1: exit %2: %3")
                                       .arg(args.join(' '))
                                       .arg(r.exitCode)
                                       .arg(QString::fromUtf8(r.err + r.out).left(400));
                for (std::int64_t id : runIdsIn(r.out))
                    cliRuns.insert(id);
            }
        }

        editing = false;
        edits.join();
        stopSchedules.cancel();
        schedules.join();
        wal.stop();
        QVERIFY2(editError.empty(), editError.c_str());
        QVERIFY2(cliFailures.isEmpty(), qPrintable(cliFailures.join('\n')));
        QVERIFY2(schedulerResult && *schedulerResult, "the holder's schedules failed");
        QVERIFY2(wal.problem().isEmpty(), qPrintable(wal.problem()));
        QVERIFY(wal.polls() > 100);

        // The holder, still open, reads what the other process wrote and the
        // other process reads what the holder wrote.
        const std::set<std::int64_t> holderRunIds = scheduled.runIds;
        QVERIFY2(holderRunIds.size() >= 3, qPrintable(QString("only %1 scheduled runs").arg(holderRunIds.size())));
        QVERIFY(cliRuns.size() >= 10); // one `run` a round, and the daemon's
        const test::CliResult listed = test::runSluicectl({"runs", path, "--json", "--limit", "100000"});
        QCOMPARE(listed.exitCode, 0);
        const json runs = json::parse(listed.out.toStdString())["runs"];
        std::set<std::int64_t> inHistory;
        for (const json &r : runs) {
            inHistory.insert(r["run_id"].get<std::int64_t>());
            QVERIFY2(r["status"] == "succeeded", r.dump().c_str());
        }
        std::set<std::int64_t> expected = holderRunIds;
        expected.insert(cliRuns.begin(), cliRuns.end());
        QCOMPARE(expected.size(), holderRunIds.size() + cliRuns.size()); // no id claimed twice
        QCOMPARE(inHistory, expected);

        const test::CliResult out = test::runSluicectl({"export", path, "-"});
        QCOMPARE(out.exitCode, 0);
        QVERIFY2(out.out.contains(QByteArray("\"description\": \"") + saved.back().c_str() + "\""),
                 "sluicectl export does not see the holder's last edit");
        auto revisions = (*document)->revisions("model", "user_360");
        QVERIFY(revisions);
        std::set<std::string> revised;
        for (const Revision &r : *revisions)
            revised.insert(json::parse(r.document).value("description", ""));
        for (const std::string &text : saved)
            QVERIFY2(revised.count(text), ("edit not in the history: " + text).c_str());

        jobLog->reset();
        document->reset();
        QCOMPARE(test::integrityOf(path), std::string("ok"));
    }
};

QTEST_MAIN(TstSharedProject)
#include "tst_sharedproject.moc"

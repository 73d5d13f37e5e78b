// File destinations after a kill -9 at the exact moments that matter (the
// engine's failpoints, core/failpoint.h): rows a killed run staged are never
// recorded as delivered later, a killed append run is never written twice,
// and temporary files of killed runs do not stay behind (issue 13).

#include "syncfixture.h"
#include "testsupport.h"

#include <QDir>
#include <QProcess>
#include <QTest>

#include <set>

using namespace sluice;
using namespace sluice::test;
using nlohmann::json;

namespace {

DestinationDef jsonl()
{
    return DestinationDef{"out", "jsonl", {{"path", "out.jsonl"}}};
}

// `sluicectl run` killed by SIGKILL at `failpoint`; true when it died there.
bool runKilledAt(const SyncFixture &f, const std::string &sync, const QString &failpoint)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("SLUICE_FAILPOINT", failpoint);
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("SLUICECTL"),
            {"run", QString::fromStdString(f.projectPath()), "--sync", QString::fromStdString(sync)});
    if (!p.waitForStarted() || !p.waitForFinished(60000))
        return false;
    return p.exitStatus() == QProcess::CrashExit;
}

QStringList leftovers(const SyncFixture &f)
{
    return QDir(f.path(".")).entryList({"out.jsonl.sluice-tmp-*"}, QDir::Files);
}

// Each id of the JSON Lines file, counted.
std::map<std::int64_t, int> idsIn(const std::vector<std::string> &lines)
{
    std::map<std::int64_t, int> ids;
    for (const auto &line : lines)
        ++ids[json::parse(line)["id"].get<std::int64_t>()];
    return ids;
}

} // namespace

class TstFileCrash : public QObject {
    Q_OBJECT
private slots:
    // The lost updates: rows staged by a killed run must not be
    // promoted by a later run, or their next change is never sent.
    void stagedRowsOfAKilledRunAreNeverPromoted()
    {
        SyncFixture f(20000);
        f.addSync("s", jsonl(), "mirror", json{{"batchSize", 1000}});
        QCOMPARE(f.run("s").added.delivered, 20000);
        f.warehouse("UPDATE people SET score = -1");
        QVERIFY(runKilledAt(f, "s", "file.staged")); // some rows staged, the file untouched
        QVERIFY(f.query(f.path("p.sluice"), "SELECT count(*) FROM sync_staged")[0][0] != "0");
        QCOMPARE(leftovers(f).size(), 1);

        f.warehouse("UPDATE people SET score = id * 10"); // back to what the file holds
        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.changed.planned, 0);
        QCOMPARE(f.query(f.path("p.sluice"), "SELECT count(*) FROM sync_staged")[0][0], std::string("0"));
        QVERIFY(leftovers(f).isEmpty());

        f.warehouse("UPDATE people SET score = -1");
        r = f.run("s");
        QCOMPARE(r.changed.planned, 20000); // every row, not 20000 minus what the killed run staged
        QCOMPARE(r.changed.delivered, 20000);
        for (const auto &line : f.jsonlLines(f.path("out.jsonl")))
            QVERIFY2(json::parse(line)["score"] == -1, line.c_str());
    }

    // Append (upsert into a file) killed after the file was replaced and
    // before the snapshot knew: the next run records the rows, sends nothing.
    void appendKilledAfterTheRenameIsNotWrittenTwice()
    {
        SyncFixture f(5000);
        f.addSync("s", jsonl(), "upsert", json{{"batchSize", 500}});
        QVERIFY(runKilledAt(f, "s", "file.renamed"));
        QCOMPARE(f.jsonlLines(f.path("out.jsonl")).size(), std::size_t(5000));
        QCOMPARE(f.snapshotSize("s"), 0);

        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.planned, 0);
        QCOMPARE(r.unchanged.planned, 5000);
        QCOMPARE(r.delivered(), 0);
        QCOMPARE(f.jsonlLines(f.path("out.jsonl")).size(), std::size_t(5000));
        QCOMPARE(f.snapshotSize("s"), 5000);
        const auto log = f.query(f.path("p.sluice"), "SELECT message FROM run_log WHERE level = 'warning'");
        QVERIFY(!log.empty());
        QVERIFY2(log[0][0].find("was stopped after it replaced the file") != std::string::npos, log[0][0].c_str());

        // New rows are appended once.
        f.warehouse("INSERT INTO people VALUES (5001, 'n@example.com', 'New', 1, 1)");
        r = f.run("s");
        QCOMPARE(r.added.delivered, 1);
        const auto ids = idsIn(f.jsonlLines(f.path("out.jsonl")));
        QCOMPARE(ids.size(), std::size_t(5001));
        for (const auto &[id, count] : ids)
            QVERIFY2(count == 1, qPrintable(QString("id %1 appears %2 times").arg(id).arg(count)));
    }

    // Killed after the commit was recorded, before the rename: the file is
    // the old one, the prepared file goes, the rows are sent again, once.
    void appendKilledBeforeTheRenameIsSentOnce()
    {
        SyncFixture f(3000);
        f.addSync("s", jsonl(), "upsert", json{{"batchSize", 500}});
        QCOMPARE(f.run("s").added.delivered, 3000);
        f.warehouse("UPDATE people SET name = 'Changed' WHERE id <= 100");
        QVERIFY(runKilledAt(f, "s", "file.prepared"));
        QCOMPARE(f.jsonlLines(f.path("out.jsonl")).size(), std::size_t(3000)); // the old file
        QCOMPARE(leftovers(f).size(), 1);

        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.changed.delivered, 100);
        QVERIFY(leftovers(f).isEmpty());
        const auto lines = f.jsonlLines(f.path("out.jsonl"));
        QCOMPARE(lines.size(), std::size_t(3100)); // appended once
        int changed = 0;
        for (const auto &line : lines)
            changed += json::parse(line)["name"] == "Changed";
        QCOMPARE(changed, 100);
    }
};

QTEST_GUILESS_MAIN(TstFileCrash)
#include "tst_filecrash.moc"

// Change detection and sync modes over sequences of runs, with the
// destination's contents checked row by row (JSON Lines file, SQLite table).

#include "syncfixture.h"

#include "project/runrecorder.h"
#include "project/statestore.h"
#include "sync/synclock.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <sys/stat.h>

using namespace sluice;
using namespace sluice::test;
using nlohmann::json;

namespace {

DestinationDef jsonl(const std::string &file = "out.jsonl")
{
    return DestinationDef{"file", "jsonl", {{"path", file}}};
}

DestinationDef table(const std::string &name = "people_copy")
{
    return DestinationDef{"table", "sqlite_table", {{"path", "dest.sqlite"}, {"table", name}}};
}

// queried = invalid + added + changed + unchanged, always.
void checkBalance(const RunSummary &s)
{
    QCOMPARE(s.queried, s.invalid + s.added.planned + s.changed.planned + s.unchanged.planned);
}

} // namespace

class TstSyncRunner : public QObject {
    Q_OBJECT
private slots:
    void jsonlMirrorOverRuns()
    {
        SyncFixture f(100);
        f.addSync("s", jsonl(), "mirror");
        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.queried, 100);
        QCOMPARE(r.added.planned, 100);
        QCOMPARE(r.added.delivered, 100);
        QCOMPARE(r.removed.planned, 0);
        checkBalance(r);
        auto lines = f.jsonlLines(f.path("out.jsonl"));
        QCOMPARE(lines.size(), std::size_t(100));
        QCOMPARE(lines[0],
                 std::string(R"({"id":1,"email":"p1@example.com","name":"Person 1","score":10,"updated_at":1})"));
        QCOMPARE(f.snapshotSize("s"), 100);

        // No change: nothing is written (the same file, same inode and
        // time: a rewrite renames a new file over it) and the run says so.
        const auto statOf = [&](const QString &path) {
            struct stat st { };
            if (::stat(path.toLocal8Bit().constData(), &st) != 0)
                return std::pair<ino_t, long long>{0, 0};
            return std::pair<ino_t, long long>{st.st_ino, st.st_mtim.tv_nsec + st.st_mtim.tv_sec * 1000000000LL};
        };
        const auto before = statOf(f.path("out.jsonl"));
        QVERIFY(before.first != 0);
        r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.planned, 0);
        QCOMPARE(r.changed.planned, 0);
        QCOMPARE(r.unchanged.planned, 100);
        QCOMPARE(r.delivered(), 0);
        QCOMPARE(r.pending(), 0);
        QVERIFY(r.destinationUntouched);
        QVERIFY(r.toJson()["destination_untouched"] == json(true));
        QVERIFY(statOf(f.path("out.jsonl")) == before);
        QCOMPARE(f.jsonlLines(f.path("out.jsonl")).size(), std::size_t(100));
        QCOMPARE(QDir(f.path(".")).entryList({"out.jsonl.sluice-tmp-*"}, QDir::Files | QDir::Hidden), QStringList());

        // A file removed by hand is written again, though no row changed.
        QVERIFY(QFile::remove(f.path("out.jsonl")));
        r = f.run("s");
        QVERIFY(!r.destinationUntouched);
        QCOMPARE(r.unchanged.delivered, 100);
        QCOMPARE(f.jsonlLines(f.path("out.jsonl")).size(), std::size_t(100));

        // 5 changed, 3 deleted, 2 added.
        f.warehouse("UPDATE people SET score = -1 WHERE id <= 5; DELETE FROM people WHERE id IN (50, 51, 52);"
                    "INSERT INTO people VALUES (101, 'new1@example.com', 'New 1', 0, 0), (102, 'new2@example.com', "
                    "'New 2', 0, 0);");
        r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.planned, 2);
        QCOMPARE(r.changed.planned, 5);
        QCOMPARE(r.removed.planned, 3);
        QCOMPARE(r.unchanged.planned, 92);
        QCOMPARE(r.removed.delivered, 3);
        checkBalance(r);
        lines = f.jsonlLines(f.path("out.jsonl"));
        QCOMPARE(lines.size(), std::size_t(99));
        QCOMPARE(lines[0],
                 std::string(R"({"id":1,"email":"p1@example.com","name":"Person 1","score":-1,"updated_at":1})"));
        QCOMPARE(lines.back(),
                 std::string(R"({"id":102,"email":"new2@example.com","name":"New 2","score":0,"updated_at":0})"));
        for (const auto &l : lines)
            QVERIFY(l.find("\"id\":50,") == std::string::npos);
        QCOMPARE(f.snapshotSize("s"), 99);
    }

    void csvMirrorAndAppend()
    {
        SyncFixture f(3);
        f.warehouse("UPDATE people SET name = 'Smith, \"Jr\"' WHERE id = 2");
        f.addSync("s", DestinationDef{"csv", "csv", {{"path", "out.csv"}}}, "mirror");
        QCOMPARE(f.run("s").status, std::string("succeeded"));
        QFile out(f.path("out.csv"));
        QVERIFY(out.open(QIODevice::ReadOnly));
        QCOMPARE(out.readAll(), QByteArray("id,email,name,score,updated_at\n"
                                           "1,p1@example.com,Person 1,10,1\n"
                                           "2,p2@example.com,\"Smith, \"\"Jr\"\"\",20,2\n"
                                           "3,p3@example.com,Person 3,30,3\n"));
        out.close();
        // Upsert appends this run's changes under the same header.
        f.addSync("s", DestinationDef{"csv", "csv", {{"path", "out.csv"}}}, "upsert");
        f.warehouse("UPDATE people SET score = 0 WHERE id = 3");
        QCOMPARE(f.run("s").changed.delivered, 1);
        QVERIFY(out.open(QIODevice::ReadOnly));
        QVERIFY(out.readAll().endsWith("3,p3@example.com,Person 3,30,3\n3,p3@example.com,Person 3,0,3\n"));
        out.close();
        // A different mapping would shift columns under the old header: refused.
        f.addSync("s", DestinationDef{"csv", "csv", {{"path", "out.csv"}}}, "upsert", json::object(),
                  json::array({json{{"field", "id"}, {"column", "id"}}}));
        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("failed"));
        QVERIFY2(r.error.find("the file's header differs from the mapped fields") != std::string::npos,
                 r.error.c_str());
    }

    void sqliteTableUpsertAndMirror()
    {
        SyncFixture f(20);
        f.addSync("s", table(), "upsert");
        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 20);
        auto rows = f.query(f.path("dest.sqlite"), "SELECT id, email, name, score FROM people_copy ORDER BY id");
        QCOMPARE(rows.size(), std::size_t(20));
        QCOMPARE(rows[3], (std::vector<std::string>{"4", "p4@example.com", "Person 4", "40"}));

        f.warehouse("UPDATE people SET name = '张伟' WHERE id = 4; DELETE FROM people WHERE id = 20;");
        r = f.run("s");
        QCOMPARE(r.changed.planned, 1);
        QCOMPARE(r.changed.delivered, 1);
        QCOMPARE(r.removed.planned, 1);
        QCOMPARE(r.removed.delivered, 0); // upsert mode never deletes
        rows = f.query(f.path("dest.sqlite"), "SELECT name FROM people_copy WHERE id IN (4, 20) ORDER BY id");
        QCOMPARE(rows[0][0], std::string("张伟"));
        QCOMPARE(rows.size(), std::size_t(2));

        // The same sync in mirror mode deletes the removed row.
        ProjectConfig c = f.baseConfig();
        f.addSync("s", table(), "mirror");
        r = f.run("s");
        QCOMPARE(r.removed.planned, 1);
        QCOMPARE(r.removed.delivered, 1);
        QCOMPARE(f.query(f.path("dest.sqlite"), "SELECT count(*) FROM people_copy")[0][0], std::string("19"));
        QCOMPARE(f.snapshotSize("s"), 19);
    }

    void insertAndUpdateModes()
    {
        SyncFixture f(10);
        f.addSync("ins", table("t_ins"), "insert");
        QCOMPARE(f.run("ins").added.delivered, 10);
        f.warehouse(
            "UPDATE people SET score = 0 WHERE id = 1; INSERT INTO people VALUES (11, 'x@example.com', 'X', 1, 0);");
        RunSummary r = f.run("ins");
        QCOMPARE(r.added.planned, 1);
        QCOMPARE(r.added.delivered, 1);
        QCOMPARE(r.changed.planned, 1);
        QCOMPARE(r.changed.delivered, 0); // insert mode: changed rows are not sent
        QCOMPARE(f.query(f.path("dest.sqlite"), "SELECT score FROM t_ins WHERE id = 1")[0][0], std::string("10"));

        f.addSync("upd", table("t_ins"), "update");
        // A fresh sync on the same table: its first run sees every row as added, sends none.
        r = f.run("upd");
        QCOMPARE(r.added.planned, 11);
        QCOMPARE(r.added.delivered, 0);
        QCOMPARE(r.status, std::string("succeeded"));
    }

    void invalidKeysAreNeverSent()
    {
        SyncFixture f(10);
        ProjectConfig c = f.baseConfig();
        c.models[0].sql
            = "SELECT CASE WHEN id = 3 THEN NULL WHEN id IN (7, 8) THEN 7 ELSE id END AS id, email, name FROM people";
        f.save(c);
        f.addSync("s", jsonl(), "upsert");
        RunSummary r = f.run("s");
        QCOMPARE(r.queried, 10);
        QCOMPARE(r.invalid, 3); // one NULL, two rows sharing 7
        QCOMPARE(r.added.delivered, 7);
        checkBalance(r);
        int invalidSamples = 0;
        for (const auto &s : r.samples)
            if (s.rowClass == "invalid")
                ++invalidSamples;
        QCOMPARE(invalidSamples, 2);
        for (const auto &l : f.jsonlLines(f.path("out.jsonl")))
            QVERIFY(l.find("\"id\":7,") == std::string::npos);
    }

    void dryRunTouchesNothing()
    {
        SyncFixture f(10);
        f.addSync("s", table(), "mirror");
        RunSummary r = f.run("s", RunKind::DryRun);
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.planned, 10);
        QVERIFY(r.dryRun);
        const json j = r.toJson();
        QVERIFY(j["delivered"].is_null());
        QVERIFY(j["rejected"].is_null());
        QCOMPARE(j["planned"]["added"].get<int>(), 10);
        QVERIFY(!QFile::exists(f.path("dest.sqlite")));
        QCOMPARE(f.snapshotSize("s"), 0);
        QVERIFY(!r.samples.empty());
        QCOMPARE(r.samples[0].payload,
                 std::string(R"({"id":1,"email":"p1@example.com","name":"Person 1","score":10,"updated_at":1})"));
    }

    void mirrorGuard()
    {
        SyncFixture f(10);
        f.addSync("s", table(), "mirror");
        QCOMPARE(f.run("s").added.delivered, 10);
        f.warehouse("DELETE FROM people WHERE id > 7"); // 30% of the destination
        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("failed"));
        QVERIFY2(
            r.error.find(
                "mirror guard: stopped before deleting: it would delete 3 of 10 records (30.0%, over the 20% limit)")
                == 0,
            r.error.c_str());
        QCOMPARE(f.query(f.path("dest.sqlite"), "SELECT count(*) FROM people_copy")[0][0], std::string("10"));
        QCOMPARE(f.snapshotSize("s"), 10);
        r = f.run("s", RunKind::Normal, true);
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.removed.delivered, 3);
        QCOMPARE(f.query(f.path("dest.sqlite"), "SELECT count(*) FROM people_copy")[0][0], std::string("7"));

        // A model that returns nothing never empties the destination.
        f.warehouse("DELETE FROM people");
        r = f.run("s");
        QCOMPARE(r.status, std::string("failed"));
        QVERIFY(r.error.find("the model returned no rows at all, and the destination holds 7 records")
                != std::string::npos);
        QCOMPARE(f.query(f.path("dest.sqlite"), "SELECT count(*) FROM people_copy")[0][0], std::string("7"));
    }

    void mirrorGuardKeepsFileIntact()
    {
        SyncFixture f(10);
        f.addSync("s", jsonl(), "mirror");
        f.run("s");
        f.warehouse("DELETE FROM people WHERE id > 2");
        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("failed"));
        QCOMPARE(f.jsonlLines(f.path("out.jsonl")).size(), std::size_t(10));
        QCOMPARE(f.snapshotSize("s"), 10);
    }

    void resetBaselineAndFullResync()
    {
        SyncFixture f(10);
        f.addSync("s", table(), "upsert");
        CancelToken cancel;
        auto reset = resetBaseline(f.projectPath(), "s", cancel);
        QVERIFY(reset);
        QCOMPARE(reset->status, std::string("succeeded"));
        QCOMPARE(reset->unchanged.planned, 10);
        QCOMPARE(f.snapshotSize("s"), 10);
        RunSummary r = f.run("s");
        QCOMPARE(r.unchanged.planned, 10);
        QCOMPARE(r.delivered(), 0);
        QVERIFY(!QFile::exists(f.path("dest.sqlite"))
                || f.query(f.path("dest.sqlite"), "SELECT count(*) FROM sqlite_schema WHERE name = 'people_copy'")[0][0]
                       == "1");
        r = f.run("s", RunKind::FullResync);
        QCOMPARE(r.unchanged.planned, 10);
        QCOMPARE(r.unchanged.delivered, 10);
        QCOMPARE(f.query(f.path("dest.sqlite"), "SELECT count(*) FROM people_copy")[0][0], std::string("10"));
    }

    void changedMappingChangesEveryRow()
    {
        SyncFixture f(10);
        f.addSync("s", jsonl(), "upsert");
        f.run("s");
        f.addSync("s", jsonl(), "upsert", json::object(),
                  json::array({json{{"field", "id"}, {"column", "id"}}, json{{"field", "mail"}, {"column", "email"}}}));
        RunSummary r = f.run("s");
        QCOMPARE(r.changed.planned, 10);
        QCOMPARE(r.changed.delivered, 10);
        auto lines = f.jsonlLines(f.path("out.jsonl"));
        QCOMPARE(lines.size(), std::size_t(20)); // upsert appends this run's records
        QCOMPARE(lines.back(), std::string(R"({"id":10,"mail":"p10@example.com"})"));
    }

    void historyAndLog()
    {
        SyncFixture f(5);
        f.addSync("s", jsonl(), "upsert");
        RunSummary r1 = f.run("s");
        RunSummary r2 = f.run("s", RunKind::DryRun);
        auto state = StateStore::open(f.projectPath());
        QVERIFY(state);
        auto runs = RunRecorder::runs((*state)->handle(), "s", 10);
        QVERIFY(runs);
        QCOMPARE(runs->size(), std::size_t(2));
        QCOMPARE((*runs)[0].id, r2.runId);
        QCOMPARE((*runs)[0].kind, std::string("dry-run"));
        QCOMPARE((*runs)[1].status, std::string("succeeded"));
        QCOMPARE((*runs)[1].counts["delivered"].get<int>(), 5);
        auto events = RunRecorder::events((*state)->handle(), r1.runId, LogLevel::Info);
        QVERIFY(events);
        QVERIFY(events->size() >= 2);
        QCOMPARE(events->front().message,
                 std::string("run of sync 's': model 'people' -> destination 'file' (upsert mode)"));
        QVERIFY(events->back().message.starts_with("succeeded: 5 queried, 0 invalid; added 5"));
    }

    void oneRunAtATime()
    {
        SyncFixture f(5);
        f.addSync("s", jsonl(), "upsert");
        // Held by this process: a second run of the same sync is refused.
        auto lock = [&] {
            auto store = f.query(f.path("p.sluice"), "SELECT id FROM syncs WHERE name = 's'");
            return SyncLock::acquire(f.projectPath(), std::stoll(store[0][0]), "s");
        }();
        QVERIFY(lock);
        CancelToken cancel;
        auto r = runSync(f.projectPath(), "s", {}, cancel);
        QVERIFY(!r);
        QCOMPARE(r.error().code, std::string("sync.already_running"));
        QCOMPARE(r.error().message, std::string("sync 's' is already running in this process"));
        lock->reset();
        QVERIFY(runSync(f.projectPath(), "s", {}, cancel));
    }

    // A CSV file as a model (issue 13): sorted by its key in bounded memory,
    // so it syncs like any source, changes and removals included.
    void csvModelSyncsOverRuns()
    {
        SyncFixture f(0);
        auto writeCsv = [&](const QByteArray &content) {
            QFile file(f.path("crm.csv"));
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(content);
        };
        writeCsv("email,name,tier\nzoe@x.com,Zoe,VIP\nana@x.com,Ana,Standard\nbob@x.com,Bob,VIP\n");
        ProjectConfig c = f.baseConfig();
        c.sources.push_back(SourceDef{"crm", "csv", {{"path", "crm.csv"}}});
        c.models.push_back(ModelDef{"contacts", "crm", "", {"email"}, ""});
        c.destinations.push_back(DestinationDef{"out", "jsonl", {{"path", "contacts.jsonl"}}});
        c.syncs.push_back(SyncDef{"s", "contacts", "out", "mirror", json::array(), json::object()});
        f.save(c);
        RunSummary r = f.run("s");
        QVERIFY2(r.status == "succeeded", r.error.c_str());
        QCOMPARE(r.added.delivered, 3);
        QCOMPARE(f.jsonlLines(f.path("contacts.jsonl")),
                 (std::vector<std::string>{R"({"email":"ana@x.com","name":"Ana","tier":"Standard"})",
                                           R"({"email":"bob@x.com","name":"Bob","tier":"VIP"})",
                                           R"({"email":"zoe@x.com","name":"Zoe","tier":"VIP"})"}));
        writeCsv("email,name,tier\nzoe@x.com,Zoe,Standard\ncid@x.com,Cid,VIP\nana@x.com,Ana,Standard\n");
        r = f.run("s", RunKind::Normal, true); // one of three removed is over the mirror guard's 20%
        QVERIFY2(r.status == "succeeded", r.error.c_str());
        QCOMPARE(r.added.delivered, 1);
        QCOMPARE(r.changed.delivered, 1);
        QCOMPARE(r.removed.delivered, 1);
        QCOMPARE(r.unchanged.planned, 1);
        QCOMPARE(f.jsonlLines(f.path("contacts.jsonl")).size(), std::size_t(3));
        r = f.run("s");
        QCOMPARE(r.unchanged.planned, 3);
        QCOMPARE(r.added.planned + r.changed.planned + r.removed.planned, 0);
    }

    void unknownSyncAndUnsupportedMode()
    {
        SyncFixture f(5);
        f.addSync("s", jsonl(), "upsert");
        CancelToken cancel;
        auto r = runSync(f.projectPath(), "nope", {}, cancel);
        QCOMPARE(r.error().code, std::string("sync.unknown"));
        QCOMPARE(r.error().message, std::string("no sync named 'nope' (syncs: s)"));
    }
};

QTEST_GUILESS_MAIN(TstSyncRunner)
#include "tst_syncrunner.moc"

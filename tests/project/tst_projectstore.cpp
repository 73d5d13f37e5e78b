// The project file: creation, migrations, refusal of files that are not
// ours (without touching them), save/load round trips and config history.

#include "project/migrations.h"
#include "project/projectstore.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace sluice;
using nlohmann::json;

namespace {

ProjectConfig sampleConfig()
{
    ProjectConfig c;
    c.name = "Sample";
    c.sources.push_back(SourceDef{"wh", "sqlite", {{"path", "wh.sqlite"}}});
    c.sources.push_back(
        SourceDef{"pg", "postgres", {{"database", "w"}, {"user", "u"}, {"password", "${env:PGPASSWORD}"}}});
    c.models.push_back(ModelDef{"users", "wh", "SELECT *\nFROM users", {"user_id"}, "All users"});
    c.models.push_back(ModelDef{"pairs", "pg", "SELECT a, b FROM t", {"a", "b"}, ""});
    c.destinations.push_back(DestinationDef{"out", "jsonl", {{"path", "out.jsonl"}}});
    c.syncs.push_back(SyncDef{"users_to_file", "users", "out", "upsert",
                              json::array({json{{"field", "id"}, {"column", "user_id"}}}), json{{"batchSize", 500}}});
    return c;
}

// Executes SQL on a file with the raw C API, outside ProjectStore.
void rawExec(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
    char *err = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
    QVERIFY2(rc == SQLITE_OK, err ? err : "");
    sqlite3_close(db);
}

// One number from `sql`, read with the raw C API; -1 on error.
long long rawCount(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    long long n = -1;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return n;
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files, QDir::Name);
}

} // namespace

class TstProjectStore : public QObject {
    Q_OBJECT
private slots:
    void createAndReopen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("p.sluice");
        {
            auto store = ProjectStore::create(path.toStdString(), "My project");
            QVERIFY2(store, store ? "" : store.error().describe().c_str());
            QCOMPARE((*store)->schemaVersion(), currentProjectSchemaVersion());
        }
        auto again = ProjectStore::create(path.toStdString(), "x");
        QVERIFY(!again);
        QCOMPARE(again.error().code, std::string("project.exists"));

        auto store = ProjectStore::open(path.toStdString());
        QVERIFY(store);
        auto config = (*store)->load();
        QVERIFY(config);
        QCOMPARE(config->name, std::string("My project"));
        QVERIFY(config->sources.empty());
        // WAL mode, and our application id in the header.
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2((*store)->handle(), "PRAGMA journal_mode", -1, &st, nullptr);
        QCOMPARE(sqlite3_step(st), SQLITE_ROW);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(st, 0))), QByteArray("wal"));
        sqlite3_finalize(st);
        sqlite3_prepare_v2((*store)->handle(), "PRAGMA application_id", -1, &st, nullptr);
        QCOMPARE(sqlite3_step(st), SQLITE_ROW);
        QCOMPARE(sqlite3_column_int(st, 0), kProjectApplicationId);
        sqlite3_finalize(st);
    }

    void saveLoadRoundTrip()
    {
        QTemporaryDir dir;
        auto store = ProjectStore::create(dir.filePath("p.sluice").toStdString(), "Sample");
        QVERIFY(store);
        const ProjectConfig c = sampleConfig();
        auto saved = (*store)->save(c);
        QVERIFY2(saved, saved ? "" : saved.error().describe().c_str());
        auto loaded = (*store)->load();
        QVERIFY(loaded);
        // load() returns items sorted by name.
        QCOMPARE(loaded->sources.size(), std::size_t(2));
        QCOMPARE(loaded->sources[0].name, std::string("pg"));
        QCOMPARE(loaded->sources[1], c.sources[0]);
        QCOMPARE(loaded->models[1], c.models[0]);
        QCOMPARE(loaded->models[0].primaryKey, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(loaded->syncs[0], c.syncs[0]);
        QCOMPARE(loaded->destinations[0], c.destinations[0]);
    }

    void revisionsOnlyForChanges()
    {
        QTemporaryDir dir;
        auto store = ProjectStore::create(dir.filePath("p.sluice").toStdString(), "Sample");
        QVERIFY(store);
        ProjectConfig c = sampleConfig();
        QVERIFY((*store)->save(c));
        QVERIFY((*store)->save(c)); // unchanged: no new revision
        auto revs = (*store)->revisions("model", "users");
        QVERIFY(revs);
        QCOMPARE(revs->size(), std::size_t(1));

        const std::int64_t syncId = [&] {
            sqlite3_stmt *st = nullptr;
            sqlite3_prepare_v2((*store)->handle(), "SELECT id FROM syncs WHERE name='users_to_file'", -1, &st, nullptr);
            sqlite3_step(st);
            const auto id = sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
            return id;
        }();

        c.models[0].sql = "SELECT * FROM users WHERE active";
        c.syncs[0].mode = "mirror";
        QVERIFY((*store)->save(c));
        revs = (*store)->revisions("model", "users");
        QCOMPARE(revs->size(), std::size_t(2));
        QVERIFY(json::parse(revs->back().document)["sql"].dump().find("WHERE active") != std::string::npos);
        QVERIFY(!revs->back().deleted);

        // The sync keeps its id across edits (its state will hang off it).
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2((*store)->handle(), "SELECT id, mode FROM syncs WHERE name='users_to_file'", -1, &st,
                           nullptr);
        QCOMPARE(sqlite3_step(st), SQLITE_ROW);
        QCOMPARE(sqlite3_column_int64(st, 0), syncId);
        sqlite3_finalize(st);

        c.syncs.clear();
        QVERIFY((*store)->save(c));
        auto syncRevs = (*store)->revisions("sync", "users_to_file");
        QCOMPARE(syncRevs->size(), std::size_t(3));
        QVERIFY(syncRevs->back().deleted);
        QVERIFY((*store)->load()->syncs.empty());

        // Saves that amend (typing "SELECT 1", "SELECT 12", "SELECT 123"
        // merged into one undo step) replace the newest version: one more.
        c.models[0].sql = "SELECT 1";
        QVERIFY((*store)->save(c));
        c.models[0].sql = "SELECT 12";
        QVERIFY((*store)->save(c, ConfigSaveOptions{true}));
        c.models[0].sql = "SELECT 123";
        QVERIFY((*store)->save(c, ConfigSaveOptions{true}));
        revs = (*store)->revisions("model", "users");
        QCOMPARE(revs->size(), std::size_t(3));
        QVERIFY(json::parse(revs->back().document)["sql"].dump().find("SELECT 123") != std::string::npos);
        // A deletion is never amended: re-creating the sync adds a version.
        c.syncs = sampleConfig().syncs;
        QVERIFY((*store)->save(c, ConfigSaveOptions{true}));
        syncRevs = (*store)->revisions("sync", "users_to_file");
        QCOMPARE(syncRevs->size(), std::size_t(4));
        QVERIFY(syncRevs->at(2).deleted);
        QVERIFY(!syncRevs->back().deleted);
    }

    void invalidSaveChangesNothing()
    {
        QTemporaryDir dir;
        auto store = ProjectStore::create(dir.filePath("p.sluice").toStdString(), "Sample");
        QVERIFY(store);
        QVERIFY((*store)->save(sampleConfig()));
        const ProjectConfig before = *(*store)->load();
        ProjectConfig bad = sampleConfig();
        bad.models[0].source = "nowhere";
        auto r = (*store)->save(bad);
        QVERIFY(!r);
        QCOMPARE(r.error().code, std::string("config.unknown_source"));
        QCOMPARE(r.error().where, std::string("$.models[0].source")); // the order given, not sorted
        QCOMPARE(*(*store)->load(), before);
    }

    void migratesVersionOneFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("old.sluice");
        // A project as schema version 1 wrote it.
        const std::string v1
            = std::string("PRAGMA application_id = ") + std::to_string(kProjectApplicationId)
            + "; PRAGMA journal_mode = WAL;" + projectMigrations()[0].sql
            + "INSERT INTO project VALUES ('name', 'Old');"
              "INSERT INTO sources(name, kind, settings) VALUES ('wh', 'sqlite', '{\"path\":\"w.sqlite\"}');"
              "INSERT INTO models(name, source, sql, primary_key) VALUES ('m', 'wh', 'SELECT 1 AS id', '[\"id\"]');"
              "PRAGMA user_version = 1;";
        rawExec(path, v1.c_str());
        auto store = ProjectStore::open(path.toStdString());
        QVERIFY2(store, store ? "" : store.error().describe().c_str());
        QCOMPARE((*store)->schemaVersion(), currentProjectSchemaVersion());
        auto c = (*store)->load();
        QCOMPARE(c->name, std::string("Old"));
        QCOMPARE(c->models.size(), std::size_t(1));
        QCOMPARE(c->models[0].primaryKey, std::vector<std::string>{"id"});
        auto revs = (*store)->revisions("model", "m"); // table added by migration 2
        QVERIFY(revs);
        QVERIFY(revs->empty());
    }

    // Version 7 rebuilds the syncs table (a sync's model may be an audience):
    // the syncs keep their ids, and nothing that refers to them (mappings,
    // the snapshot, the run history) is lost on the way.
    void migratesVersionSixFileKeepingWhatRefersToSyncs()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("six.sluice");
        std::string v6 = std::string("PRAGMA application_id = ") + std::to_string(kProjectApplicationId)
                       + "; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;";
        for (const Migration &m : projectMigrations())
            if (m.version <= 6)
                v6 += m.sql;
        v6 += "INSERT INTO project VALUES ('name', 'Six');"
              "INSERT INTO sources(name, kind, settings) VALUES ('wh', 'sqlite', '{\"path\":\"w.sqlite\"}');"
              "INSERT INTO models(name, source, sql, primary_key) VALUES ('m', 'wh', 'SELECT 1 AS id', '[\"id\"]');"
              "INSERT INTO destinations(name, kind, settings) VALUES ('d', 'jsonl', '{\"path\":\"o.jsonl\"}');"
              "INSERT INTO syncs(id, name, model, destination, mode, settings) VALUES (7, 's', 'm', 'd', 'upsert', "
              "'{}');"
              "INSERT INTO mappings VALUES (7, 0, '{\"field\":\"id\",\"column\":\"id\"}');"
              "INSERT INTO sync_snapshot VALUES (7, x'01', 42);"
              "INSERT INTO runs(id, sync_id, sync_name, kind, status, started_at) "
              "VALUES (1, 7, 's', 'run', 'succeeded', '2026-12-01T00:00:00Z');"
              "PRAGMA user_version = 6;";
        rawExec(path, v6.c_str());
        auto store = ProjectStore::open(path.toStdString());
        QVERIFY2(store, store ? "" : store.error().describe().c_str());
        QCOMPARE((*store)->schemaVersion(), currentProjectSchemaVersion());
        auto c = (*store)->load();
        QVERIFY(c);
        QCOMPARE(c->syncs.size(), std::size_t(1));
        QCOMPARE(c->syncs[0].model, std::string("m"));
        QCOMPARE(c->syncs[0].mapping.dump(), std::string(R"([{"column":"id","field":"id"}])"));
        auto id = (*store)->syncId("s");
        QVERIFY(id && *id);
        QCOMPARE(**id, std::int64_t(7));
        store->reset(); // closed, so the checks below read the file
        QCOMPARE(rawCount(path, "SELECT COUNT(*) FROM sync_snapshot WHERE sync_id = 7"), 1);
        QCOMPARE(rawCount(path, "SELECT COUNT(*) FROM runs WHERE sync_id = 7"), 1);
        QCOMPARE(rawCount(path, "SELECT COUNT(*) FROM pragma_foreign_key_list('syncs') WHERE \"from\" = 'model'"), 0);
        QCOMPARE(rawCount(path, "SELECT COUNT(*) FROM pragma_foreign_key_list('syncs') WHERE \"from\" = "
                                "'destination'"),
                 1);
    }

    void refusesNewerSchemaUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("new.sluice");
        QVERIFY(ProjectStore::create(path.toStdString(), "n"));
        rawExec(path, "PRAGMA user_version = 99");
        const QByteArray before = test::fileSha256(path);
        auto store = ProjectStore::open(path.toStdString());
        QVERIFY(!store);
        QCOMPARE(store.error().code, std::string("project.newer_schema"));
        QCOMPARE(store.error().kind, ErrorKind::InvalidInput);
        QVERIFY(store.error().message.find("schema version 99") != std::string::npos);
        QCOMPARE(test::fileSha256(path), before);
    }

    void refusesForeignFilesUntouched_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("code");
        QTest::newRow("empty") << QByteArray() << "project.empty";
        QTest::newRow("text") << QByteArray("name,email\nana,ana@example.com\n") << "project.not_sqlite";
        QTest::newRow("json") << QByteArray("{\"formatVersion\": 1}") << "project.not_sqlite";
    }

    void refusesForeignFilesUntouched()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, code);
        QTemporaryDir dir;
        const QString path = dir.filePath("x.sluice");
        test::writeFile(path, content);
        const QByteArray before = test::fileSha256(path);
        auto store = ProjectStore::open(path.toStdString());
        QVERIFY(!store);
        QCOMPARE(QString::fromStdString(store.error().code), code);
        QCOMPARE(store.error().where, path.toStdString());
        QCOMPARE(test::fileSha256(path), before);
        QCOMPARE(filesIn(dir.path()), QStringList{"x.sluice"});
    }

    void refusesOtherSqliteDatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("other.db");
        rawExec(path,
                "CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'a');");
        const QByteArray before = test::fileSha256(path);
        auto store = ProjectStore::open(path.toStdString());
        QVERIFY(!store);
        QCOMPARE(store.error().code, std::string("project.not_sluice"));
        QCOMPARE(store.error().describe(),
                 path.toStdString() + ": not a Sluice project (a SQLite database of another application)");
        QCOMPARE(test::fileSha256(path), before);
        QCOMPARE(filesIn(dir.path()), QStringList{"other.db"}); // no -wal/-shm created
    }

    void refusesCorruptProject()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("c.sluice");
        {
            auto store = ProjectStore::create(path.toStdString(), "c");
            QVERIFY(store);
            QVERIFY((*store)->save(sampleConfig()));
        }
        // Overwrite the schema's pages past the header with garbage.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.size() > 8192);
        f.seek(100);
        f.write(QByteArray(4000, '\xA5'));
        f.close();
        const QByteArray before = test::fileSha256(path);
        auto store = ProjectStore::open(path.toStdString());
        QVERIFY(!store);
        QCOMPARE(store.error().code, std::string("sqlite.corrupt"));
        QCOMPARE(store.error().kind, ErrorKind::InvalidInput);
        QVERIFY(store.error().describe().find("corrupt") != std::string::npos);
        QCOMPARE(test::fileSha256(path), before);
    }

    void missingAndDirectory()
    {
        QTemporaryDir dir;
        auto missing = ProjectStore::open(dir.filePath("nope.sluice").toStdString());
        QCOMPARE(missing.error().code, std::string("project.missing"));
        auto isDir = ProjectStore::open(dir.path().toStdString());
        QCOMPARE(isDir.error().code, std::string("project.is_directory"));
    }
};

QTEST_GUILESS_MAIN(TstProjectStore)
#include "tst_projectstore.moc"

// The sync engine against a real PostgreSQL server, both ends: a PostgreSQL
// model (text keys ordered bytewise with COLLATE "C", whatever the
// database's collation) synced to a PostgreSQL table, over runs that insert,
// update and delete source rows.

#include "pgsession.h"
#include "syncfixture.h"
#include "testsupport.h"

#include <QTest>

using namespace sluice;
using namespace sluice::test;
using nlohmann::json;

class TstSyncPostgres : public QObject {
    Q_OBJECT
    std::optional<PgServer> m_server;

private slots:
    void initTestCase()
    {
        QString why;
        m_server = pgServer(&why);
        if (!m_server)
            QFAIL(qPrintable(why));
        PgSession pg(*m_server);
        QVERIFY(pg.ok());
        pg.exec("DROP SCHEMA IF EXISTS tst_sync CASCADE; CREATE SCHEMA tst_sync;"
                "CREATE TABLE tst_sync.contacts (email text PRIMARY KEY, name text NOT NULL, tier text, spend numeric);"
                "INSERT INTO tst_sync.contacts SELECT 'user' || i || '@example.com', 'Name ' || i, "
                "  CASE WHEN i % 3 = 0 THEN 'VIP' ELSE 'Standard' END, i * 1.5 FROM generate_series(1, 500) i;"
                // Keys whose order differs between a linguistic collation and bytewise order.
                "INSERT INTO tst_sync.contacts VALUES ('Zoe@example.com', 'Zoe', 'VIP', 1), ('alice@example.com', "
                "'Alice', NULL, 2),"
                "  ('_under@example.com', 'Under', NULL, 3), ('Émile@example.com', 'Émile', NULL, 4);");
    }

    void cleanupTestCase()
    {
        if (m_server) {
            PgSession pg(*m_server);
            pg.exec("DROP SCHEMA IF EXISTS tst_sync CASCADE");
        }
    }

    void postgresToPostgresOverRuns()
    {
        qputenv("SLUICE_TST_PGPASSWORD", m_server->password.toUtf8());
        SyncFixture f(0);
        ProjectConfig c = f.baseConfig();
        const json conn{{"host", m_server->host.toStdString()},
                        {"port", m_server->port},
                        {"database", m_server->database.toStdString()},
                        {"user", m_server->user.toStdString()},
                        {"password", "${env:SLUICE_TST_PGPASSWORD}"}};
        c.sources.push_back(SourceDef{"pg", "postgres", conn});
        c.models.push_back(
            ModelDef{"contacts", "pg", "SELECT email, name, tier, spend FROM tst_sync.contacts", {"email"}, ""});
        json dest = conn;
        dest["schema"] = "tst_sync";
        dest["table"] = "contacts_copy";
        c.destinations.push_back(DestinationDef{"pgtable", "postgres_table", dest});
        c.syncs.push_back(SyncDef{"s", "contacts", "pgtable", "mirror", json::array(), json{{"batchSize", 100}}});
        f.save(c);

        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 504);
        PgSession pg(*m_server);
        QCOMPARE(pg.rows("SELECT count(*) FROM tst_sync.contacts_copy")[0][0], std::string("504"));
        QCOMPARE(pg.rows("SELECT name, tier, spend FROM tst_sync.contacts_copy WHERE email = 'Émile@example.com'")[0],
                 (std::vector<std::string>{"Émile", "NULL", "4"}));

        // Second run: nothing changed (the merge agrees with the snapshot's order).
        r = f.run("s");
        QCOMPARE(r.unchanged.planned, 504);
        QCOMPARE(r.added.planned + r.changed.planned + r.removed.planned, 0);

        pg.exec("UPDATE tst_sync.contacts SET tier = 'Premium' WHERE email IN ('user1@example.com', 'Zoe@example.com');"
                "DELETE FROM tst_sync.contacts WHERE email IN ('user2@example.com', '_under@example.com');"
                "INSERT INTO tst_sync.contacts VALUES ('new@example.com', 'New', 'Standard', 0);");
        r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.changed.delivered, 2);
        QCOMPARE(r.removed.delivered, 2);
        QCOMPARE(r.added.delivered, 1);
        QCOMPARE(r.unchanged.planned, 500);
        QCOMPARE(pg.rows("SELECT count(*) FROM tst_sync.contacts_copy")[0][0], std::string("503"));
        QCOMPARE(pg.rows("SELECT tier FROM tst_sync.contacts_copy WHERE email = 'Zoe@example.com'")[0][0],
                 std::string("Premium"));
        QVERIFY(pg.rows("SELECT 1 FROM tst_sync.contacts_copy WHERE email = '_under@example.com'").empty());
        QCOMPARE(
            pg.rows(
                "SELECT count(*) FROM (SELECT * FROM tst_sync.contacts EXCEPT SELECT * FROM tst_sync.contacts_copy) d")
                [0][0],
            std::string("0"));
        qunsetenv("SLUICE_TST_PGPASSWORD");
    }

    // Issue 22: a timestamp cursor on a timestamptz column, read by a role
    // whose DateStyle is 'SQL, DMY' and time zone Asia/Shanghai: no COLLATE on
    // the timestamp (PostgreSQL refuses it), the literal cast to the column's
    // type, the value read as ISO text whatever the role's DateStyle.
    void timestampCursorOnATimestampColumn()
    {
        PgSession pg(*m_server);
        pg.exec(
            "CREATE TABLE tst_sync.events (id text PRIMARY KEY, at timestamptz NOT NULL);"
            "INSERT INTO tst_sync.events VALUES ('e-1', '2024-05-01 09:00:00+00'), ('e-2', '2024-05-02 10:00:00+00');"
            "DROP ROLE IF EXISTS tst_sync_dmy; CREATE ROLE tst_sync_dmy LOGIN PASSWORD 'dmy-password';"
            "ALTER ROLE tst_sync_dmy SET DateStyle = 'SQL, DMY'; ALTER ROLE tst_sync_dmy SET TimeZone = "
            "'Asia/Shanghai';"
            "GRANT USAGE ON SCHEMA tst_sync TO tst_sync_dmy; GRANT SELECT ON tst_sync.events TO tst_sync_dmy;");
        qputenv("SLUICE_TST_DMY_PASSWORD", "dmy-password");
        SyncFixture f(0);
        ProjectConfig c = f.baseConfig();
        const json conn{{"host", m_server->host.toStdString()},
                        {"port", m_server->port},
                        {"database", m_server->database.toStdString()},
                        {"user", "tst_sync_dmy"},
                        {"password", "${env:SLUICE_TST_DMY_PASSWORD}"}};
        c.sources.push_back(SourceDef{"pg", "postgres", conn});
        c.models.push_back(ModelDef{"events", "pg", "SELECT id, at FROM tst_sync.events", {"id"}, ""});
        c.destinations.push_back(DestinationDef{"file", "jsonl", {{"path", "events.jsonl"}}});
        c.syncs.push_back(SyncDef{"s", "events", "file", "insert", json::array(),
                                  json{{"changeDetection", "timestamp"}, {"timestampColumn", "at"}}});
        f.save(c);
        RunSummary r = f.run("s");
        QVERIFY2(r.status == "succeeded", r.error.c_str());
        QCOMPARE(r.added.delivered, 2);
        QCOMPARE(f.query(f.path("p.sluice"), "SELECT timestamp FROM sync_cursor")[0][0],
                 std::string("2024-05-02 18:00:00+08"));
        // Same timestamp with a greater key, and a later one; an older one is not sent.
        pg.exec("INSERT INTO tst_sync.events VALUES ('e-3', '2024-05-02 10:00:00+00'), "
                "('e-0', '2024-04-30 08:00:00+00'), ('e-4', '2024-05-03 00:00:00.5+00')");
        r = f.run("s");
        QVERIFY2(r.status == "succeeded", r.error.c_str());
        QCOMPARE(r.queried, 2);
        QCOMPARE(r.added.delivered, 2);
        pg.exec("DROP OWNED BY tst_sync_dmy; DROP ROLE tst_sync_dmy");
        qunsetenv("SLUICE_TST_DMY_PASSWORD");
    }
};

QTEST_GUILESS_MAIN(TstSyncPostgres)
#include "tst_syncpostgres.moc"

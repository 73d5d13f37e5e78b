// Warehouse reads are read-only (issue 19): a model that calls nextval,
// setval, lo_create or a function that writes fails with a clear "read-only"
// error on preview, key check and run, and the warehouse is unchanged; a
// model cannot end its read-only transaction (COMMIT) or make it writable.
// Against a real PostgreSQL server.

#include "pgsession.h"
#include "testsupport.h"

#include "project/projectstore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sluice;
using namespace sluice::test;
using nlohmann::json;

class TstPgReadOnly : public QObject {
    Q_OBJECT
    std::optional<PgServer> m_server;
    QTemporaryDir m_dir;
    QString m_project;

private slots:
    void initTestCase()
    {
        QString why;
        m_server = pgServer(&why);
        if (!m_server)
            QFAIL(qPrintable(why));
        PgSession pg(*m_server);
        pg.exec(
            "DROP SCHEMA IF EXISTS tst_ro CASCADE; CREATE SCHEMA tst_ro;"
            "CREATE TABLE tst_ro.t (id int PRIMARY KEY, v text);"
            "INSERT INTO tst_ro.t VALUES (1, 'a'), (2, 'b');"
            "CREATE SEQUENCE tst_ro.s;"
            "CREATE TABLE tst_ro.audit (at timestamptz DEFAULT now());"
            "CREATE FUNCTION tst_ro.touch() RETURNS int LANGUAGE sql AS $$ INSERT INTO tst_ro.audit DEFAULT VALUES; "
            "SELECT 1 $$;");
        qputenv("SLUICE_TST_RO_PASSWORD", m_server->password.toUtf8());
        m_project = m_dir.filePath("ro.sluice");
        auto store = ProjectStore::create(m_project.toStdString(), "read-only");
        QVERIFY(store);
        ProjectConfig c;
        c.name = "read-only";
        c.sources.push_back(SourceDef{"pg",
                                      "postgres",
                                      {{"host", m_server->host.toStdString()},
                                       {"port", m_server->port},
                                       {"database", m_server->database.toStdString()},
                                       {"user", m_server->user.toStdString()},
                                       {"password", "${env:SLUICE_TST_RO_PASSWORD}"}}});
        const std::vector<std::pair<std::string, std::string>> models
            = {{"uses_nextval", "SELECT id, v, nextval('tst_ro.s') AS n FROM tst_ro.t"},
               {"uses_setval", "SELECT id, setval('tst_ro.s', 100) AS n FROM tst_ro.t"},
               {"uses_lo_create", "SELECT id, v, (SELECT count(*) FROM (SELECT lo_create(0)) x) AS lo FROM tst_ro.t"},
               {"uses_writer", "SELECT id, tst_ro.touch() AS w FROM tst_ro.t"},
               {"reopens_writes", "SELECT id, set_config('default_transaction_read_only', 'off', false) AS x, "
                                  "nextval('tst_ro.s') AS n FROM tst_ro.t"},
               {"plain", "SET search_path TO tst_ro; SELECT id, v FROM t"}};
        for (const auto &[name, sql] : models)
            c.models.push_back(ModelDef{name, "pg", sql, {"id"}, ""});
        c.destinations.push_back(DestinationDef{"file", "jsonl", {{"path", "out.jsonl"}}});
        c.syncs.push_back(SyncDef{"s", "uses_nextval", "file", "mirror", json::array(), json::object()});
        c.syncs.push_back(SyncDef{"w", "uses_writer", "file", "mirror", json::array(), json::object()});
        auto saved = (*store)->save(c);
        QVERIFY2(saved, saved ? "" : saved.error().describe().c_str());
    }

    void cleanupTestCase()
    {
        if (m_server) {
            PgSession pg(*m_server);
            pg.exec("DROP SCHEMA IF EXISTS tst_ro CASCADE");
        }
        qunsetenv("SLUICE_TST_RO_PASSWORD");
    }

    void writesFailOnPreviewCheckAndRun_data()
    {
        QTest::addColumn<QString>("model");
        for (const char *m : {"uses_nextval", "uses_setval", "uses_lo_create", "uses_writer", "reopens_writes"})
            QTest::newRow(m) << m;
    }

    void writesFailOnPreviewCheckAndRun()
    {
        QFETCH(QString, model);
        PgSession pg(*m_server);
        const std::string before = pg.value("SELECT last_value || '/' || is_called FROM tst_ro.s") + " "
                                 + pg.value("SELECT count(*) FROM tst_ro.audit") + " "
                                 + pg.value("SELECT count(*) FROM pg_largeobject_metadata");
        for (const QStringList &args : {QStringList{"preview", m_project, "--model", model},
                                        QStringList{"preview", m_project, "--model", model, "--limit", "1"},
                                        QStringList{"check", m_project, "--model", model}}) {
            const CliResult r = runSluicectl(args);
            QVERIFY2(r.exitCode == 2, qPrintable(args.join(' ') + ": exit " + QString::number(r.exitCode)));
            QVERIFY2(r.err.contains("read-only"), r.err.constData());
        }
        const std::string after = pg.value("SELECT last_value || '/' || is_called FROM tst_ro.s") + " "
                                + pg.value("SELECT count(*) FROM tst_ro.audit") + " "
                                + pg.value("SELECT count(*) FROM pg_largeobject_metadata");
        QCOMPARE(after, before);
    }

    void syncOfAWritingModelFailsAndWritesNothing()
    {
        PgSession pg(*m_server);
        const std::string audit = pg.value("SELECT count(*) FROM tst_ro.audit");
        for (const char *sync : {"s", "w"}) {
            const CliResult r = runSluicectl({"run", m_project, "--sync", sync});
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.startsWith("error: model '")
                         && r.err.contains("read-only: Sluice reads warehouses in "
                                           "read-only transactions"),
                     r.err.constData());
        }
        QCOMPARE(pg.value("SELECT count(*) FROM tst_ro.audit"), audit);
        QCOMPARE(pg.value("SELECT is_called FROM tst_ro.s"), std::string("f"));
    }

    // A model cannot end the transaction or open a writable one.
    void modelsCannotEscapeTheTransaction_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("error");
        QTest::newRow("commit then write") << "SELECT 1 AS id; COMMIT; INSERT INTO tst_ro.t VALUES (9, 'x')"
                                           << "model SQL line 1: only one query is allowed, the last statement";
        QTest::newRow("writable transaction") << "SET TRANSACTION READ WRITE; SELECT id FROM tst_ro.t"
                                              << "model SQL line 1: SET TRANSACTION is not allowed";
        QTest::newRow("writable default") << "SET default_transaction_read_only = off; SELECT id FROM tst_ro.t"
                                          << "model SQL line 1: SET DEFAULT_TRANSACTION_READ_ONLY is not allowed";
        QTest::newRow("a write through a CTE") << "WITH gone AS (DELETE FROM tst_ro.t RETURNING id) SELECT id FROM gone"
                                               << "model SQL line 1: a WITH query that writes (DELETE) is not allowed";
        QTest::newRow("plain write") << "INSERT INTO tst_ro.t VALUES (9, 'x') RETURNING id"
                                     << "model SQL line 1: INSERT is not allowed";
    }

    void modelsCannotEscapeTheTransaction()
    {
        QFETCH(QString, sql);
        QFETCH(QString, error);
        QTemporaryDir dir;
        const QString project = dir.filePath("escape.sluice");
        {
            auto store = ProjectStore::create(project.toStdString(), "escape");
            auto config = ProjectStore::open(m_project.toStdString()).value()->load().value();
            config.models = {ModelDef{"m", "pg", sql.toStdString(), {"id"}, ""}};
            config.syncs.clear();
            auto saved = (*store)->save(config);
            QVERIFY2(saved, saved ? "" : saved.error().describe().c_str());
        }
        const CliResult r = runSluicectl({"preview", project, "--model", "m"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(error), r.err.constData());
        PgSession pg(*m_server);
        QCOMPARE(pg.value("SELECT count(*) FROM tst_ro.t"), std::string("2"));
    }

    // Session settings before the query still work, read-only.
    void searchPathThenQueryStillWorks()
    {
        const CliResult r = runSluicectl({"preview", m_project, "--model", "plain", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("\"b\""));
    }
};

QTEST_GUILESS_MAIN(TstPgReadOnly)
#include "tst_pgreadonly.moc"

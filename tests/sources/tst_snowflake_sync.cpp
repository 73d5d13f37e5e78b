// The Snowflake source against the loopback Snowflake SQL API fake: a sync
// from a Snowflake model to a JSON Lines file through runSync, timestamp
// cursors, and sluicectl test/schema --source against the fake.

#include "snowflaketesting.h"

#include "project/projectstore.h"
#include "sync/syncrunner.h"

#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>

class TstSnowflakeSync : public QObject {
    Q_OBJECT
private slots:
    // A sync from a Snowflake model to a JSON Lines file, twice: the second
    // run sends only what changed.
    void syncToJsonLines()
    {
        SnowflakeFakeOptions options;
        options.longRows = 5; // the model's query is long: polled, 3 partitions
        SnowflakeServer server(options);
        qputenv(kTokenVariable, "sandbox-token");
        QTemporaryDir dir;
        const std::string project = dir.filePath("p.sluice").toStdString();
        ProjectConfig config;
        config.name = "snowflake sync";
        config.sources.push_back(
            server.source(json{{"warehouse", "COMPUTE_WH"}, {"database", "SLUICE_DB"}, {"schema", "PUBLIC"}}));
        config.models.push_back(ModelDef{"people", "sf", "SELECT ID, EMAIL, NAME, SCORE FROM PEOPLE", {"ID"}, ""});
        config.destinations.push_back(DestinationDef{"file", "jsonl", {{"path", "out.jsonl"}}});
        config.syncs.push_back(SyncDef{"s", "people", "file", "mirror", json::array(), json::object()});
        QCOMPARE(createProject(project, config), QString());
        auto lines = [&] {
            std::vector<std::string> out;
            QFile f(dir.filePath("out.jsonl"));
            if (f.open(QIODevice::ReadOnly))
                for (const QByteArray &line : f.readAll().split('\n'))
                    if (!line.isEmpty())
                        out.push_back(line.toStdString());
            return out;
        };

        CancelToken cancel;
        auto run = runSync(project, "s", RunOptions{}, cancel);
        QVERIFY2(run, run ? "" : run.error().describe().c_str());
        QVERIFY2(run->status == "succeeded", run->error.c_str());
        QCOMPARE(run->queried, 10);
        QCOMPARE(run->added.delivered, 10);
        std::vector<std::string> expected;
        for (int i = 1; i <= 10; ++i) {
            const double score = i * 1.5;
            const std::string s
                = score == int(score) ? std::to_string(int(score)) : QString::number(score).toStdString();
            expected.push_back("{\"ID\":" + std::to_string(i) + ",\"EMAIL\":\"p" + std::to_string(i)
                               + "@example.com\",\"NAME\":\"Person " + std::to_string(i) + "\",\"SCORE\":" + s + "}");
        }
        QCOMPARE_LINES(lines(), expected);
        // The model was probed (LIMIT 0), then read in key order, in 3 partitions.
        auto statements = server.fake.statements();
        QCOMPARE(statements.size(), std::size_t(2));
        QCOMPARE_STR(statements[0].sql,
                     "SELECT * FROM (\nSELECT ID, EMAIL, NAME, SCORE FROM PEOPLE\n) AS sluice_model LIMIT 0");
        QCOMPARE_STR(statements[1].sql,
                     "SELECT * FROM (\nSELECT ID, EMAIL, NAME, SCORE FROM PEOPLE\n) AS sluice_model ORDER BY \"ID\"");
        QCOMPARE(statements[1].partitions, 3);

        server.fake.exec("UPDATE PEOPLE SET NAME = 'Renamed' WHERE ID = 4; DELETE FROM PEOPLE WHERE ID = 9");
        run = runSync(project, "s", RunOptions{}, cancel);
        QVERIFY(run);
        QVERIFY2(run->status == "succeeded", run->error.c_str());
        QCOMPARE(run->changed.delivered, 1);
        QCOMPARE(run->removed.delivered, 1);
        QCOMPARE(run->unchanged.planned, 8);
        expected[3] = "{\"ID\":4,\"EMAIL\":\"p4@example.com\",\"NAME\":\"Renamed\",\"SCORE\":6}";
        expected.erase(expected.begin() + 8);
        QCOMPARE_LINES(lines(), expected);
    }

    // Timestamp-cursor change detection on a Snowflake model: the cursor's
    // ORDER BY and WHERE compare text bytewise in Snowflake's own words
    // (COLLATE 'utf8'), and the second run sends only the newer row.
    void timestampCursorUsesSnowflakeCollation()
    {
        SnowflakeServer server;
        qputenv(kTokenVariable, "sandbox-token");
        server.fake.exec("CREATE TABLE EVENTS (ID NUMBER(38,0) NOT NULL, EMAIL VARCHAR, UPDATED VARCHAR)");
        server.fake.exec("INSERT INTO EVENTS VALUES (1, 'a@example.com', '2026-11-01T10:00:00Z'), "
                         "(2, 'b@example.com', '2026-11-02T10:00:00Z')");
        QTemporaryDir dir;
        const std::string project = dir.filePath("p.sluice").toStdString();
        ProjectConfig config;
        config.name = "cursor";
        config.sources.push_back(server.source());
        config.models.push_back(ModelDef{"events", "sf", "SELECT ID, EMAIL, UPDATED FROM EVENTS", {"ID"}, ""});
        config.destinations.push_back(DestinationDef{"file", "jsonl", {{"path", "out.jsonl"}}});
        config.syncs.push_back(SyncDef{"s", "events", "file", "insert", json::array(),
                                       json{{"changeDetection", "timestamp"}, {"timestampColumn", "UPDATED"}}});
        QCOMPARE(createProject(project, config), QString());
        CancelToken cancel;
        auto run = runSync(project, "s", RunOptions{}, cancel);
        QVERIFY2(run, run ? "" : run.error().describe().c_str());
        QVERIFY2(run->status == "succeeded", run->error.c_str());
        QCOMPARE(run->added.delivered, 2);

        server.fake.exec("INSERT INTO EVENTS VALUES (3, 'c@example.com', '2026-11-03T10:00:00Z')");
        const std::size_t before = server.fake.statements().size();
        run = runSync(project, "s", RunOptions{}, cancel);
        QVERIFY2(run, run ? "" : run.error().describe().c_str());
        QVERIFY2(run->status == "succeeded", run->error.c_str());
        QCOMPARE(run->queried, 1);
        QCOMPARE(run->added.delivered, 1);
        const auto statements = server.fake.statements();
        QCOMPARE(statements.size(), before + 2); // the probe, then the rows after the cursor
        const std::string read = statements.back().sql;
        QVERIFY2(read.find("\"UPDATED\" COLLATE 'utf8'") != std::string::npos, read.c_str());
        QVERIFY2(read.find("'2026-11-02T10:00:00Z'") != std::string::npos, read.c_str());
        QVERIFY2(read.find("BINARY") == std::string::npos, read.c_str());
    }

    // Issue 22: a cursor on a TIMESTAMP_NTZ column compares timestamps, never
    // with COLLATE (Snowflake, and now the fake, refuse it on a timestamp), its
    // literal parsed by an explicit format; rows that share the cursor's
    // timestamp with a greater key are still sent.
    void timestampCursorOnATimestampColumn()
    {
        SnowflakeServer server;
        qputenv(kTokenVariable, "sandbox-token");
        server.fake.exec("CREATE TABLE EVENTS (ID VARCHAR NOT NULL, DAY DATE, UPDATED_AT TIMESTAMP_NTZ(9))");
        server.fake.exec("INSERT INTO EVENTS VALUES ('e-1', '2024-05-01', '2024-05-01 09:00:00'), "
                         "('e-2', '2024-05-02', '2024-05-02 10:00:00')");
        // The fake refuses COLLATE on a timestamp, as Snowflake does.
        {
            SnowflakeSettings settings;
            settings.baseUrl = server.baseUrl();
            settings.token = "sandbox-token";
            SnowflakeSource source(settings);
            QuerySpec spec;
            spec.sql = "SELECT ID, UPDATED_AT FROM EVENTS WHERE UPDATED_AT COLLATE 'utf8' > '2024'";
            auto refused = source.query(spec);
            QVERIFY(!refused);
            QVERIFY2(refused.error().message.find("Invalid argument types for function 'COLLATE': (TIMESTAMP_NTZ(9), "
                                                  "VARCHAR(4))")
                         != std::string::npos,
                     refused.error().message.c_str());
        }
        QTemporaryDir dir;
        const std::string project = dir.filePath("p.sluice").toStdString();
        ProjectConfig config;
        config.name = "cursor";
        config.sources.push_back(server.source());
        config.models.push_back(ModelDef{"events", "sf", "SELECT ID, DAY, UPDATED_AT FROM EVENTS", {"ID"}, ""});
        config.destinations.push_back(DestinationDef{"file", "jsonl", {{"path", "out.jsonl"}}});
        config.syncs.push_back(SyncDef{"ts", "events", "file", "insert", json::array(),
                                       json{{"changeDetection", "timestamp"}, {"timestampColumn", "UPDATED_AT"}}});
        config.syncs.push_back(SyncDef{"day", "events", "file", "insert", json::array(),
                                       json{{"changeDetection", "timestamp"}, {"timestampColumn", "DAY"}}});
        QCOMPARE(createProject(project, config), QString());
        CancelToken cancel;
        for (const char *sync : {"ts", "day"}) {
            auto run = runSync(project, sync, RunOptions{}, cancel);
            QVERIFY2(run, run ? "" : run.error().describe().c_str());
            QVERIFY2(run->status == "succeeded", run->error.c_str());
            QCOMPARE(run->added.delivered, 2);
        }

        // e-3 shares e-2's timestamp and day with a greater key; e-0 is older.
        server.fake.exec(
            "INSERT INTO EVENTS VALUES ('e-3', '2024-05-02', '2024-05-02 10:00:00'), "
            "('e-0', '2024-04-30', '2024-04-30 08:00:00'), ('e-4', '2024-05-03', '2024-05-03 00:00:00.5')");
        const std::size_t before = server.fake.statements().size();
        auto run = runSync(project, "ts", RunOptions{}, cancel);
        QVERIFY2(run, run ? "" : run.error().describe().c_str());
        QVERIFY2(run->status == "succeeded", run->error.c_str());
        QCOMPARE(run->queried, 2); // e-3 and e-4
        QCOMPARE(run->added.delivered, 2);
        const std::string read = server.fake.statements().back().sql;
        QCOMPARE(server.fake.statements().size(), before + 2);
        QCOMPARE_STR(read, "SELECT * FROM (\nSELECT ID, DAY, UPDATED_AT FROM EVENTS\n) AS sluice_model WHERE "
                           "((\"UPDATED_AT\" > TO_TIMESTAMP_NTZ('2024-05-02 10:00:00', 'YYYY-MM-DD HH24:MI:SS')) "
                           "OR (\"UPDATED_AT\" = TO_TIMESTAMP_NTZ('2024-05-02 10:00:00', 'YYYY-MM-DD HH24:MI:SS') "
                           "AND \"ID\" COLLATE 'utf8' > 'e-2')) ORDER BY \"UPDATED_AT\", \"ID\" COLLATE 'utf8'");
        // A fraction in the cursor's timestamp is parsed with as many digits.
        server.fake.exec("INSERT INTO EVENTS VALUES ('e-5', '2024-05-03', '2024-05-03 00:00:00.75')");
        run = runSync(project, "ts", RunOptions{}, cancel);
        QVERIFY2(run && run->status == "succeeded", run ? run->error.c_str() : run.error().describe().c_str());
        QCOMPARE(run->queried, 1);
        const std::string withFraction = server.fake.statements().back().sql;
        QVERIFY2(withFraction.find("TO_TIMESTAMP_NTZ('2024-05-03 00:00:00.500000000', 'YYYY-MM-DD HH24:MI:SS.FF9')")
                     != std::string::npos,
                 withFraction.c_str());

        run = runSync(project, "day", RunOptions{}, cancel);
        QVERIFY2(run, run ? "" : run.error().describe().c_str());
        QVERIFY2(run->status == "succeeded", run->error.c_str());
        QCOMPARE(run->queried, 3); // e-3 (same day, greater key), e-4 and e-5
        const std::string byDay = server.fake.statements().back().sql;
        QVERIFY2(byDay.find("\"DAY\" > TO_DATE('2024-05-02', 'YYYY-MM-DD')") != std::string::npos, byDay.c_str());
        QVERIFY2(byDay.find("\"DAY\" COLLATE") == std::string::npos, byDay.c_str());
    }

    // sluicectl test and schema --source against the fake.
    void sluicectlTestAndSchema()
    {
        SnowflakeServer server;
        QTemporaryDir dir;
        const std::string project = dir.filePath("cli.sluice").toStdString();
        ProjectConfig config;
        config.name = "cli";
        config.sources.push_back(server.source(json{{"database", "SLUICE_DB"}, {"role", "ANALYST"}}));
        QCOMPARE(createProject(project, config), QString());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(kTokenVariable, "sandbox-token");
        const QString path = QString::fromStdString(project);

        CliResult r = runSluicectl({"test", path, "--source", "sf"}, env);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QString::fromUtf8(r.err), QString());
        QCOMPARE(QString::fromUtf8(r.out),
                 QString::fromStdString("OK: Snowflake 9.3.1 at " + server.where()
                                        + ", account SANDBOX, database SLUICE_DB, schema PUBLIC, warehouse "
                                          "COMPUTE_WH, role ANALYST\n"));

        r = runSluicectl({"schema", path, "--source", "sf"}, env);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QString::fromUtf8(r.out), QString("view PUBLIC.ACTIVE_PEOPLE\n"
                                                   "  ID  NUMBER(38,0)\n"
                                                   "  EMAIL  TEXT\n"
                                                   "table PUBLIC.PEOPLE\n"
                                                   "  ID  NUMBER(38,0)\n"
                                                   "  EMAIL  TEXT\n"
                                                   "  NAME  TEXT\n"
                                                   "  SCORE  NUMBER(10,2)\n"
                                                   "  ACTIVE  BOOLEAN\n"
                                                   "  SIGNED_UP  DATE\n"
                                                   "  UPDATED_AT  TIMESTAMP_NTZ\n"
                                                   "  SEEN_AT  TIMESTAMP_TZ\n"));

        env.insert(kTokenVariable, "expired");
        r = runSluicectl({"test", path, "--source", "sf"}, env);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QString::fromUtf8(r.out), QString());
        QCOMPARE(QString::fromUtf8(r.err),
                 QString::fromStdString("error: source 'sf': " + server.where()
                                        + ": Snowflake refused the token (401): Invalid OAuth access token.\n"));

        env.remove(kTokenVariable);
        r = runSluicectl({"test", path, "--source", "sf"}, env);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(
            QString::fromUtf8(r.err),
            QString("error: source 'sf': settings.token: environment variable %1 is not set\n").arg(kTokenVariable));
    }
};

QTEST_GUILESS_MAIN(TstSnowflakeSync)
#include "tst_snowflake_sync.moc"

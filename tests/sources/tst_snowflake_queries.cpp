// The Snowflake source against the loopback Snowflake SQL API fake: value
// types, bytewise ORDER BY, cancel, testConnection and listTables, a refused
// token, and the settings and factory.

#include "snowflaketesting.h"

#include <QElapsedTimer>

#include <thread>

class TstSnowflakeQueries : public QObject {
    Q_OBJECT
private slots:
    // Values arrive as strings and are typed by rowType.
    void valueTypes()
    {
        SnowflakeServer server;
        server.fake.exec("INSERT INTO PEOPLE (ID, EMAIL) VALUES (11, NULL)");
        SnowflakeSource source(server.settings());
        auto cursor = source.query(QuerySpec{"SELECT ID, SCORE, ACTIVE, SIGNED_UP, UPDATED_AT, SEEN_AT, EMAIL FROM "
                                             "PEOPLE WHERE ID IN (2, 3, 11) ORDER BY ID",
                                             {},
                                             {},
                                             false,
                                             {}});
        QVERIFY2(cursor, cursor ? "" : cursor.error().describe().c_str());
        std::vector<std::string> declared;
        std::vector<std::string> types;
        for (const Column &c : (*cursor)->columns()) {
            declared.push_back(c.name + " " + c.declaredType);
            types.push_back(std::string(valueTypeName(c.type)));
        }
        QCOMPARE_LINES(declared, (std::vector<std::string>{"ID NUMBER(38,0)", "SCORE NUMBER(10,2)", "ACTIVE BOOLEAN",
                                                           "SIGNED_UP DATE", "UPDATED_AT TIMESTAMP_NTZ",
                                                           "SEEN_AT TIMESTAMP_TZ", "EMAIL TEXT"}));
        QCOMPARE_LINES(types, (std::vector<std::string>{"integer", "real", "boolean", "text", "text", "text", "text"}));
        Row row;
        QVERIFY(*(*cursor)->next(row));
        QVERIFY(row[0] == Value(std::int64_t(2)));
        QVERIFY(row[1] == Value(3.0));
        QVERIFY(row[2] == Value(false));
        QCOMPARE_STR(row[3].asText(), "2026-03-02");
        QCOMPARE_STR(row[4].asText(), "2026-03-29 01:30:01.500000000");
        QCOMPARE_STR(row[5].asText(), "2026-03-29 09:30:00+08:00");
        QVERIFY(*(*cursor)->next(row));
        QVERIFY(row[1] == Value(4.5));
        QVERIFY(row[2] == Value(true));
        QVERIFY(*(*cursor)->next(row));
        QVERIFY(row[0] == Value(std::int64_t(11)));
        for (std::size_t i = 1; i < row.size(); ++i)
            QVERIFY2(row[i].isNull(), qPrintable(QString::number(i)));
        QVERIFY(!*(*cursor)->next(row));
    }

    // ORDER BY a text key with bytewise order: COLLATE 'utf8' after a LIMIT 0
    // probe of the column types; a number key gets no COLLATE.
    void bytewiseOrder()
    {
        SnowflakeServer server;
        server.fake.exec("CREATE TABLE WORDS (WORD VARCHAR COLLATE NOCASE, N NUMBER(38,0))");
        server.fake.exec("INSERT INTO WORDS VALUES ('b', 1), ('B', 2), ('a', 3), ('\xc3\xa9', 4), ('Z', 5)");
        SnowflakeSource source(server.settings());
        QuerySpec spec;
        spec.sql = "SELECT WORD, N FROM WORDS;";
        spec.orderBy = {"WORD"};
        spec.bytewiseOrder = true;
        auto cursor = source.query(spec);
        QVERIFY2(cursor, cursor ? "" : cursor.error().describe().c_str());
        auto rows = readAll(**cursor);
        QVERIFY(rows);
        QCOMPARE_LINES(*rows, (std::vector<std::string>{"B|2", "Z|5", "a|3", "b|1", "\xc3\xa9|4"}));
        auto statements = server.fake.statements();
        QCOMPARE(statements.size(), std::size_t(2));
        QCOMPARE_STR(statements[0].sql, "SELECT * FROM (\nSELECT WORD, N FROM WORDS\n) AS sluice_model LIMIT 0");
        QCOMPARE_STR(statements[1].sql,
                     "SELECT * FROM (\nSELECT WORD, N FROM WORDS\n) AS sluice_model ORDER BY \"WORD\" COLLATE 'utf8'");

        // The types are known now: no second probe; N is a number, no COLLATE.
        spec.orderBy = {"N", "WORD"};
        spec.limit = 2;
        cursor = source.query(spec);
        QVERIFY(cursor);
        rows = readAll(**cursor);
        QCOMPARE_LINES(*rows, (std::vector<std::string>{"b|1", "B|2"}));
        statements = server.fake.statements();
        QCOMPARE(statements.size(), std::size_t(3));
        QCOMPARE_STR(statements[2].sql, "SELECT * FROM (\nSELECT WORD, N FROM WORDS\n) AS sluice_model ORDER BY "
                                        "\"N\", \"WORD\" COLLATE 'utf8' LIMIT 2");
    }

    // cancel() from another thread stops the polling at once, cancels the
    // statement on Snowflake, and sticks.
    void cancelWhileRunning()
    {
        SnowflakeFakeOptions options;
        options.longMarker = "/*slow*/";
        options.pendingPolls = 1000000;
        SnowflakeServer server(options);
        SnowflakeSettings settings = server.settings();
        settings.pollMax = 50ms;
        SnowflakeSource source(settings);
        std::optional<Error> error;
        QElapsedTimer timer;
        timer.start();
        std::thread worker([&] {
            auto cursor = source.query(QuerySpec{"SELECT /*slow*/ ID FROM PEOPLE", {}, {}, false, {}});
            if (!cursor)
                error = cursor.error();
        });
        QTest::qWait(300);
        source.cancel();
        worker.join();
        QVERIFY(timer.elapsed() < 3000);
        QVERIFY(error);
        QVERIFY(error->kind == ErrorKind::Cancelled);
        QCOMPARE(server.fake.cancels(), 1);
        const auto requests = server.fake.requests();
        const std::string handle = server.fake.statements().at(0).handle;
        QCOMPARE_STR(requests.back().method + " " + requests.back().path,
                     "POST /api/v2/statements/" + handle + "/cancel");
        QVERIFY(server.fake.statements().at(0).cancelled);

        // Sticky: nothing more is sent.
        const std::size_t sent = requests.size();
        auto again = source.query(QuerySpec{"SELECT 1", {}, {}, false, {}});
        QVERIFY(!again);
        QVERIFY(again.error().kind == ErrorKind::Cancelled);
        QCOMPARE(server.fake.requests().size(), sent);
    }

    void testConnectionAndTables()
    {
        SnowflakeServer server;
        SnowflakeSource source(server.settings());
        auto ok = source.testConnection();
        QVERIFY2(ok, ok ? "" : ok.error().describe().c_str());
        QCOMPARE_STR(*ok,
                     "Snowflake 9.3.1 at " + server.where()
                         + ", account SANDBOX, database SLUICE_DB, schema PUBLIC, warehouse COMPUTE_WH, role ANALYST");

        auto tables = source.listTables();
        QVERIFY2(tables, tables ? "" : tables.error().describe().c_str());
        std::vector<std::string> listed;
        for (const TableInfo &t : *tables) {
            std::string line = (t.isView ? "view " : "table ") + t.schema + "." + t.name + ":";
            for (const Column &c : t.columns)
                line += " " + c.name + " " + c.declaredType + "/" + std::string(valueTypeName(c.type));
            listed.push_back(line);
        }
        QCOMPARE_LINES(listed, (std::vector<std::string>{
                                   "view PUBLIC.ACTIVE_PEOPLE: ID NUMBER(38,0)/integer EMAIL TEXT/text",
                                   "table PUBLIC.PEOPLE: ID NUMBER(38,0)/integer EMAIL TEXT/text NAME TEXT/text "
                                   "SCORE NUMBER(10,2)/real ACTIVE BOOLEAN/boolean SIGNED_UP DATE/text "
                                   "UPDATED_AT TIMESTAMP_NTZ/text SEEN_AT TIMESTAMP_TZ/text"}));
    }

    void refusedToken()
    {
        SnowflakeServer server;
        SnowflakeSource source(server.settings("wrong-token"));
        auto ok = source.testConnection();
        QVERIFY(!ok);
        QCOMPARE_STR(ok.error().code, "snowflake.auth");
        QCOMPARE_STR(ok.error().describe(),
                     server.where() + ": Snowflake refused the token (401): Invalid OAuth access token.");
        QCOMPARE(server.fake.requests().size(), std::size_t(1)); // not retried
        QCOMPARE(server.fake.executions(), 0);
    }

    // The settings: validated, the token resolved from its reference, the URL
    // made from the account.
    void settingsAndFactory()
    {
        QCOMPARE_STR(snowflakeAccountUrl("MyOrg-Acme"), "https://myorg-acme.snowflakecomputing.com");
        QCOMPARE_STR(snowflakeAccountUrl("xy12345.eu-west-1.snowflakecomputing.com"),
                     "https://xy12345.eu-west-1.snowflakecomputing.com");
        const KindSpec *spec = findSourceKind("snowflake");
        QVERIFY(spec);
        QVERIFY(spec->find("token") && spec->find("token")->secret);

        auto plain = makeSource(SourceDef{"sf", "snowflake", {{"account", "acme"}, {"token", "abc"}}},
                                SourceContext{{}, SecretAccess::Allowed});
        QVERIFY(!plain);
        QCOMPARE_STR(plain.error().describe(), "source 'sf': settings.token: 'token' is a secret: give a reference "
                                               "such as ${env:NAME}, never the secret itself");
        auto noAccount = makeSource(SourceDef{"sf", "snowflake", {{"token", "${env:X}"}}},
                                    SourceContext{{}, SecretAccess::Allowed});
        QVERIFY(!noAccount);
        QCOMPARE_STR(noAccount.error().describe(), "source 'sf': settings: give the account identifier (or a baseUrl)");

        SnowflakeServer server;
        qputenv(kTokenVariable, "sandbox-token");
        auto made = makeSource(SourceDef{"sf",
                                         "snowflake",
                                         {{"baseUrl", server.baseUrl()},
                                          {"token", std::string("${env:") + kTokenVariable + "}"},
                                          {"database", "SLUICE_DB"}}},
                               SourceContext{{}, SecretAccess::Allowed});
        QVERIFY2(made, made ? "" : made.error().describe().c_str());
        QCOMPARE_STR(std::string((*made)->kind()), "snowflake");
        auto ok = (*made)->testConnection();
        QVERIFY2(ok, ok ? "" : ok.error().describe().c_str());
        QCOMPARE_STR(*ok,
                     "Snowflake 9.3.1 at " + server.where()
                         + ", account SANDBOX, database SLUICE_DB, schema PUBLIC, warehouse COMPUTE_WH, role SYSADMIN");
        const json body = json::parse(server.fake.requests().at(0).body);
        QCOMPARE_JSON(body["timeout"], json(600));
        QVERIFY(!body.contains("warehouse"));
    }
};

QTEST_GUILESS_MAIN(TstSnowflakeQueries)
#include "tst_snowflake_queries.moc"

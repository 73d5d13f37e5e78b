// The Snowflake source against the loopback Snowflake SQL API fake: contract
// cases 38-40 of shared/reference/destination-apis.md (long query with
// partitions, SQL error, 429 and 500 with resubmission), value types,
// bytewise ORDER BY, cancel, testConnection and listTables, a sync from a
// Snowflake model to a JSON Lines file through runSync, and sluicectl
// test/schema --source against the fake.

#include "fakehttpserver.h"
#include "jsoncompare.h"
#include "snowflakefake.h"
#include "testsupport.h"

#include "http/httpclient.h"
#include "project/projectstore.h"
#include "sources/snowflakesource.h"
#include "sources/sourcekinds.h"
#include "sync/syncrunner.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <regex>
#include <thread>

using namespace sluice;
using namespace sluice::test;
using sluice::fakes::FakeHttpServer;
using sluice::fakes::SnowflakeFake;
using sluice::fakes::SnowflakeFakeOptions;
using sluice::fakes::SnowflakeRequest;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

const char *const kTokenVariable = "SLUICE_TEST_SNOWFLAKE_TOKEN";

// The fake alone on a loopback server, with a PEOPLE table of 10 rows.
class SnowflakeServer {
public:
    explicit SnowflakeServer(SnowflakeFakeOptions options = {}) : fake(std::move(options))
    {
        fake.mount(http.http(), "/snowflake");
        fake.exec("CREATE TABLE PEOPLE (ID NUMBER(38,0) NOT NULL, EMAIL VARCHAR, NAME VARCHAR, SCORE NUMBER(10,2), "
                  "ACTIVE BOOLEAN, SIGNED_UP DATE, UPDATED_AT TIMESTAMP_NTZ(9), SEEN_AT TIMESTAMP_TZ(9))");
        fake.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) "
                  "INSERT INTO PEOPLE SELECT i, 'p' || i || '@example.com', 'Person ' || i, i * 1.5, i % 2, "
                  "printf('2026-03-%02d', i), printf('2026-03-29 01:30:%02d.5', i - 1), "
                  "'2026-03-29 09:30:00+08:00' FROM n");
        fake.exec("CREATE VIEW ACTIVE_PEOPLE AS SELECT ID, EMAIL FROM PEOPLE WHERE ACTIVE");
        http.start();
    }
    ~SnowflakeServer() { http.stop(); }

    std::string baseUrl() const { return http.url("/snowflake"); }
    std::string where() const { return "127.0.0.1:" + std::to_string(http.port()) + "/snowflake"; }

    // Fast polls and back-off, so the tests take milliseconds where Snowflake takes seconds.
    SnowflakeSettings settings(const std::string &token = "sandbox-token") const
    {
        SnowflakeSettings s;
        s.baseUrl = baseUrl();
        s.token = token;
        s.warehouse = "COMPUTE_WH";
        s.database = "SLUICE_DB";
        s.schema = "PUBLIC";
        s.role = "ANALYST";
        s.timeoutSeconds = 60;
        s.pollInitial = 10ms;
        s.pollMax = 40ms;
        s.retry = RetryPolicy{5, 20ms, 200ms};
        return s;
    }

    FakeHttpServer http;
    SnowflakeFake fake;
};

// "POST /api/v2/statements 202", "GET /api/v2/statements/H?partition=1 200".
std::vector<std::string> requestLines(const std::vector<SnowflakeRequest> &requests)
{
    std::vector<std::string> out;
    for (const auto &r : requests) {
        std::string line = r.method + " " + r.path;
        if (const auto p = r.query.find("partition"); p != r.query.end())
            line += "?partition=" + p->second;
        out.push_back(line + " " + std::to_string(r.status));
    }
    return out;
}

std::string rowText(const Row &row)
{
    std::string out;
    for (const Value &v : row) {
        if (!out.empty())
            out += "|";
        out += v.isNull() ? "NULL" : v.toString();
    }
    return out;
}

// Every row of a cursor as text ("1|p1@example.com").
Result<std::vector<std::string>> readAll(RowCursor &cursor)
{
    std::vector<std::string> rows;
    Row row;
    for (;;) {
        auto next = cursor.next(row);
        if (!next)
            return std::unexpected(next.error());
        if (!*next)
            return rows;
        rows.push_back(rowText(row));
    }
}

QString joinLines(const std::vector<std::string> &lines)
{
    QString out;
    for (const auto &line : lines)
        out += QString::fromStdString(line) + "\n";
    return out;
}

bool isUuid(const std::string &s)
{
    static const std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    return std::regex_match(s, uuid);
}

std::vector<std::string> peopleRows(int from, int to)
{
    std::vector<std::string> rows;
    for (int i = from; i <= to; ++i)
        rows.push_back(std::to_string(i) + "|p" + std::to_string(i) + "@example.com|Person " + std::to_string(i));
    return rows;
}

} // namespace

#define QCOMPARE_STR(actual, expected) QCOMPARE(QString::fromStdString(actual), QString::fromStdString(expected))
// Lists compared as one text, so a failure shows both sides.
#define QCOMPARE_LINES(actual, expected) QCOMPARE(joinLines(actual), joinLines(expected))
// QCOMPARE cannot print nlohmann::json: compare and show the dumps.
class TstSnowflake : public QObject {
    Q_OBJECT
private slots:
    // Case 38: 202 code 333334 with a handle, two more 202 polls, then 200
    // with 3 partitions; partitions 1 and 2 are fetched in order, one at a
    // time as the rows are read, and the row count equals numRows.
    void case38_longQueryPartitions_data()
    {
        QTest::addColumn<bool>("gzip");
        QTest::newRow("partitions gzip-encoded") << true;
        QTest::newRow("partitions plain") << false;
    }
    void case38_longQueryPartitions()
    {
        QFETCH(bool, gzip);
        SnowflakeFakeOptions options;
        options.longRows = 5;
        options.gzipPartitions = gzip;
        SnowflakeServer server(options);
        SnowflakeSource source(server.settings());

        auto cursor = source.query(QuerySpec{"SELECT ID, EMAIL, NAME FROM PEOPLE ORDER BY ID", {}, {}, false, {}});
        QVERIFY2(cursor, cursor ? "" : cursor.error().describe().c_str());
        const auto statements = server.fake.statements();
        QCOMPARE(statements.size(), std::size_t(1));
        const std::string handle = statements[0].handle;
        const std::string path = "/api/v2/statements/" + handle;
        QCOMPARE(statements[0].partitions, 3);
        QCOMPARE((*cursor)->columns().size(), std::size_t(3));
        QCOMPARE_STR((*cursor)->columns()[0].name, "ID");
        QCOMPARE_STR((*cursor)->columns()[0].declaredType, "NUMBER(38,0)");
        QVERIFY((*cursor)->columns()[0].type == ValueType::Integer);
        QCOMPARE_STR((*cursor)->columns()[1].declaredType, "TEXT");

        // Submitted, polled twice while running, then the first partition.
        std::vector<std::string> expected = {"POST /api/v2/statements 202", "GET " + path + " 202",
                                             "GET " + path + " 202", "GET " + path + " 200"};
        QCOMPARE_LINES(requestLines(server.fake.requests()), expected);

        // Partition 0 holds 4 rows: nothing more is fetched until the 5th is read.
        Row row;
        std::vector<std::string> rows;
        for (int i = 0; i < 4; ++i) {
            QVERIFY(*(*cursor)->next(row));
            rows.push_back(rowText(row));
        }
        QCOMPARE(server.fake.requests().size(), std::size_t(4));
        QVERIFY(*(*cursor)->next(row));
        rows.push_back(rowText(row));
        QCOMPARE(server.fake.requests().size(), std::size_t(5));
        auto rest = readAll(**cursor);
        QVERIFY2(rest, rest ? "" : rest.error().describe().c_str());
        rows.insert(rows.end(), rest->begin(), rest->end());
        QCOMPARE_LINES(rows, peopleRows(1, 10));

        expected.push_back("GET " + path + "?partition=1 200");
        expected.push_back("GET " + path + "?partition=2 200");
        const auto requests = server.fake.requests();
        QCOMPARE_LINES(requestLines(requests), expected);
        QCOMPARE(requests[4].acceptEncoding, std::string("gzip"));
        QCOMPARE(requests[4].gzipped, gzip);
        QCOMPARE(requests[5].gzipped, gzip);

        // The submission: a UUID requestId, async, the session, the headers.
        const SnowflakeRequest &post = requests[0];
        QVERIFY2(isUuid(post.query.at("requestId")), post.query.at("requestId").c_str());
        QCOMPARE(post.query.at("async"), std::string("true"));
        QVERIFY(!post.query.contains("retry"));
        QCOMPARE(post.authorization, std::string("Bearer sandbox-token"));
        QCOMPARE(post.tokenType, std::string("OAUTH"));
        QCOMPARE(post.userAgent, std::string("sluice/0.1.0"));
        QCOMPARE_JSON(json::parse(post.body),
                 json({{"statement", "SELECT ID, EMAIL, NAME FROM PEOPLE ORDER BY ID"}, {"timeout", 60},
                       {"warehouse", "COMPUTE_WH"}, {"database", "SLUICE_DB"}, {"schema", "PUBLIC"},
                       {"role", "ANALYST"}}));
        QCOMPARE(server.fake.executions(), 1);
        QCOMPARE(server.fake.cancels(), 0);
    }

    // Case 39: 422 code 000904, SQL state 42000: not retried, the SQL message
    // in the user's lines (the LIMIT wrapper's first line is not counted).
    void case39_sqlErrorIsNotRetried()
    {
        SnowflakeServer server;
        SnowflakeSource source(server.settings());
        QuerySpec spec;
        spec.sql = "SELECT ID, EMAIL2 FROM PEOPLE";
        spec.limit = 5;
        auto cursor = source.query(spec);
        QVERIFY(!cursor);
        const Error &e = cursor.error();
        QVERIFY(e.kind == ErrorKind::InvalidInput);
        QCOMPARE_STR(e.code, "snowflake.sql");
        QCOMPARE_STR(e.message, "SQL compilation error: error line 1 at position 11 invalid identifier 'EMAIL2' "
                                "(Snowflake error 000904, SQL state 42000)");
        const auto statements = server.fake.statements();
        QCOMPARE(statements.size(), std::size_t(1));
        QVERIFY(statements[0].failed);
        QCOMPARE_STR(e.where, server.where() + ", statement " + statements[0].handle);
        QCOMPARE_STR(statements[0].sql, "SELECT * FROM (\nSELECT ID, EMAIL2 FROM PEOPLE\n) AS sluice_model LIMIT 5");
        const std::vector<std::string> expected = {"POST /api/v2/statements 202",
                                                   "GET /api/v2/statements/" + statements[0].handle + " 422"};
        QCOMPARE_LINES(requestLines(server.fake.requests()), expected);

        // The same SQL unwrapped: the position is Snowflake's own.
        auto plain = source.query(QuerySpec{"SELECT ID,\n  EMAIL2 FROM PEOPLE", {}, {}, false, {}});
        QVERIFY(!plain);
        QCOMPARE_STR(plain.error().message, "SQL compilation error: error line 2 at position 2 invalid identifier "
                                            "'EMAIL2' (Snowflake error 000904, SQL state 42000)");
        QCOMPARE(server.fake.executions(), 2);
        QCOMPARE(server.fake.requests().size(), std::size_t(4));
    }

    // Case 40a: 429 code 390505 with Retry-After: 1, then success. The client
    // waits at least the hint and resubmits the same requestId once.
    void case40_rateLimitedThenSuccess()
    {
        SnowflakeFakeOptions options;
        options.rateLimited.first = 1;
        options.retryAfterSeconds = 1;
        SnowflakeServer server(options);
        SnowflakeSource source(server.settings());
        QElapsedTimer timer;
        timer.start();
        auto cursor = source.query(QuerySpec{"SELECT ID, EMAIL, NAME FROM PEOPLE WHERE ID <= 3 ORDER BY ID", {}, {},
                                             false, {}});
        QVERIFY2(cursor, cursor ? "" : cursor.error().describe().c_str());
        QVERIFY2(timer.elapsed() >= 1000, qPrintable(QString::number(timer.elapsed())));
        auto rows = readAll(**cursor);
        QVERIFY(rows);
        QCOMPARE_LINES(*rows, peopleRows(1, 3));

        const auto requests = server.fake.requests();
        const std::string handle = server.fake.statements().at(0).handle;
        const std::vector<std::string> expected = {"POST /api/v2/statements 429", "POST /api/v2/statements 202",
                                                   "GET /api/v2/statements/" + handle + " 200"};
        QCOMPARE_LINES(requestLines(requests), expected);
        QCOMPARE(requests[1].query.at("requestId"), requests[0].query.at("requestId"));
        QCOMPARE(server.fake.executions(), 1);
    }

    // Case 40b: a 500 on the submission (the statement ran, the answer was
    // lost): resubmitted with the same requestId and retry=true; the fake
    // answers for the statement it has and runs it only once.
    void case40_serverErrorResubmitsOnce()
    {
        SnowflakeFakeOptions options;
        options.submitServerError.first = 1;
        SnowflakeServer server(options);
        SnowflakeSource source(server.settings());
        auto cursor = source.query(QuerySpec{"SELECT ID, EMAIL, NAME FROM PEOPLE WHERE ID > 8 ORDER BY ID", {}, {},
                                             false, {}});
        QVERIFY2(cursor, cursor ? "" : cursor.error().describe().c_str());
        auto rows = readAll(**cursor);
        QVERIFY(rows);
        QCOMPARE_LINES(*rows, peopleRows(9, 10));

        const auto requests = server.fake.requests();
        const auto statements = server.fake.statements();
        QCOMPARE(statements.size(), std::size_t(1));
        const std::vector<std::string> expected = {"POST /api/v2/statements 500", "POST /api/v2/statements 202",
                                                   "GET /api/v2/statements/" + statements[0].handle + " 200"};
        QCOMPARE_LINES(requestLines(requests), expected);
        const std::string requestId = requests[0].query.at("requestId");
        QCOMPARE(requests[1].query.at("requestId"), requestId);
        QVERIFY(!requests[0].query.contains("retry"));
        QCOMPARE(requests[1].query.at("retry"), std::string("true"));
        QCOMPARE(statements[0].requestId, requestId);
        QCOMPARE(server.fake.executions(requestId), 1);
        QCOMPARE(server.fake.executions(), 1);
    }

    // The fake's side of case 40: a known requestId is answered from the
    // statement only with retry=true; without it the statement runs again.
    void case40_fakeDeduplicatesOnlyWithRetry()
    {
        SnowflakeServer server;
        HttpClient client;
        auto submit = [&](const std::string &query) {
            HttpRequest r;
            r.method = "POST";
            r.url = server.baseUrl() + "/api/v2/statements?requestId=11111111-2222-4333-8444-555555555555" + query;
            r.headers = {{"Authorization", "Bearer sandbox-token"}, {"User-Agent", "test/1"},
                         {"Content-Type", "application/json"}};
            r.body = R"({"statement": "SELECT COUNT(*) FROM PEOPLE"})";
            return client.send(r);
        };
        QCOMPARE(submit("").status, 200);
        QCOMPARE(submit("&retry=true").status, 200);
        QCOMPARE(server.fake.executions("11111111-2222-4333-8444-555555555555"), 1);
        const HttpResponse again = submit("");
        QCOMPARE(again.status, 200);
        QCOMPARE(server.fake.executions("11111111-2222-4333-8444-555555555555"), 2);
        const json body = json::parse(again.body);
        QCOMPARE_JSON(body["data"], json::parse(R"([["10"]])"));
        QCOMPARE_JSON(body["resultSetMetaData"]["rowType"][0]["name"], json("COUNT(*)"));
        QCOMPARE_JSON(body["resultSetMetaData"]["rowType"][0]["type"], json("fixed"));
    }

    // Values arrive as strings and are typed by rowType.
    void valueTypes()
    {
        SnowflakeServer server;
        server.fake.exec("INSERT INTO PEOPLE (ID, EMAIL) VALUES (11, NULL)");
        SnowflakeSource source(server.settings());
        auto cursor = source.query(QuerySpec{
            "SELECT ID, SCORE, ACTIVE, SIGNED_UP, UPDATED_AT, SEEN_AT, EMAIL FROM PEOPLE WHERE ID IN (2, 3, 11) ORDER BY ID",
            {}, {}, false, {}});
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
        QCOMPARE_STR(requests.back().method + " " + requests.back().path, "POST /api/v2/statements/" + handle + "/cancel");
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
        QCOMPARE_STR(*ok, "Snowflake 9.3.1 at " + server.where()
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

        auto plain = makeSource(SourceDef{"sf", "snowflake", {{"account", "acme"}, {"token", "abc"}}}, SourceContext{{}, SecretAccess::Allowed});
        QVERIFY(!plain);
        QCOMPARE_STR(plain.error().describe(), "source 'sf': settings.token: 'token' is a secret: give a reference "
                                               "such as ${env:NAME}, never the secret itself");
        auto noAccount = makeSource(SourceDef{"sf", "snowflake", {{"token", "${env:X}"}}}, SourceContext{{}, SecretAccess::Allowed});
        QVERIFY(!noAccount);
        QCOMPARE_STR(noAccount.error().describe(), "source 'sf': settings: give the account identifier (or a baseUrl)");

        SnowflakeServer server;
        qputenv(kTokenVariable, "sandbox-token");
        auto made = makeSource(SourceDef{"sf", "snowflake",
                                         {{"baseUrl", server.baseUrl()},
                                          {"token", std::string("${env:") + kTokenVariable + "}"},
                                          {"database", "SLUICE_DB"}}},
                               SourceContext{{}, SecretAccess::Allowed});
        QVERIFY2(made, made ? "" : made.error().describe().c_str());
        QCOMPARE_STR(std::string((*made)->kind()), "snowflake");
        auto ok = (*made)->testConnection();
        QVERIFY2(ok, ok ? "" : ok.error().describe().c_str());
        QCOMPARE_STR(*ok, "Snowflake 9.3.1 at " + server.where()
                              + ", account SANDBOX, database SLUICE_DB, schema PUBLIC, warehouse COMPUTE_WH, role SYSADMIN");
        const json body = json::parse(server.fake.requests().at(0).body);
        QCOMPARE_JSON(body["timeout"], json(600));
        QVERIFY(!body.contains("warehouse"));
    }

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
        QVERIFY(ProjectStore::create(project, "snowflake sync"));
        ProjectConfig config;
        config.name = "snowflake sync";
        config.sources.push_back(SourceDef{"sf", "snowflake",
                                           {{"baseUrl", server.baseUrl()},
                                            {"token", std::string("${env:") + kTokenVariable + "}"},
                                            {"warehouse", "COMPUTE_WH"},
                                            {"database", "SLUICE_DB"},
                                            {"schema", "PUBLIC"}}});
        config.models.push_back(ModelDef{"people", "sf", "SELECT ID, EMAIL, NAME, SCORE FROM PEOPLE", {"ID"}, ""});
        config.destinations.push_back(DestinationDef{"file", "jsonl", {{"path", "out.jsonl"}}});
        config.syncs.push_back(SyncDef{"s", "people", "file", "mirror", json::array(), json::object()});
        {
            auto store = ProjectStore::open(project);
            QVERIFY(store);
            auto saved = (*store)->save(config);
            QVERIFY2(saved, saved ? "" : saved.error().describe().c_str());
        }
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
            const std::string s = score == int(score) ? std::to_string(int(score)) : QString::number(score).toStdString();
            expected.push_back("{\"ID\":" + std::to_string(i) + ",\"EMAIL\":\"p" + std::to_string(i)
                               + "@example.com\",\"NAME\":\"Person " + std::to_string(i) + "\",\"SCORE\":" + s + "}");
        }
        QCOMPARE_LINES(lines(), expected);
        // The model was probed (LIMIT 0), then read in key order, in 3 partitions.
        auto statements = server.fake.statements();
        QCOMPARE(statements.size(), std::size_t(2));
        QCOMPARE_STR(statements[0].sql, "SELECT * FROM (\nSELECT ID, EMAIL, NAME, SCORE FROM PEOPLE\n) AS sluice_model LIMIT 0");
        QCOMPARE_STR(statements[1].sql, "SELECT * FROM (\nSELECT ID, EMAIL, NAME, SCORE FROM PEOPLE\n) AS sluice_model ORDER BY \"ID\"");
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
        QVERIFY(ProjectStore::create(project, "cursor"));
        ProjectConfig config;
        config.name = "cursor";
        config.sources.push_back(SourceDef{"sf", "snowflake",
                                           {{"baseUrl", server.baseUrl()},
                                            {"token", std::string("${env:") + kTokenVariable + "}"}}});
        config.models.push_back(ModelDef{"events", "sf", "SELECT ID, EMAIL, UPDATED FROM EVENTS", {"ID"}, ""});
        config.destinations.push_back(DestinationDef{"file", "jsonl", {{"path", "out.jsonl"}}});
        config.syncs.push_back(SyncDef{"s", "events", "file", "insert", json::array(),
                                       json{{"changeDetection", "timestamp"}, {"timestampColumn", "UPDATED"}}});
        {
            auto store = ProjectStore::open(project);
            QVERIFY(store);
            auto saved = (*store)->save(config);
            QVERIFY2(saved, saved ? "" : saved.error().describe().c_str());
        }
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
        QVERIFY(ProjectStore::create(project, "cursor"));
        ProjectConfig config;
        config.name = "cursor";
        config.sources.push_back(SourceDef{"sf", "snowflake",
                                           {{"baseUrl", server.baseUrl()},
                                            {"token", std::string("${env:") + kTokenVariable + "}"}}});
        config.models.push_back(ModelDef{"events", "sf", "SELECT ID, DAY, UPDATED_AT FROM EVENTS", {"ID"}, ""});
        config.destinations.push_back(DestinationDef{"file", "jsonl", {{"path", "out.jsonl"}}});
        config.syncs.push_back(SyncDef{"ts", "events", "file", "insert", json::array(),
                                       json{{"changeDetection", "timestamp"}, {"timestampColumn", "UPDATED_AT"}}});
        config.syncs.push_back(SyncDef{"day", "events", "file", "insert", json::array(),
                                       json{{"changeDetection", "timestamp"}, {"timestampColumn", "DAY"}}});
        {
            auto store = ProjectStore::open(project);
            QVERIFY(store);
            auto saved = (*store)->save(config);
            QVERIFY2(saved, saved ? "" : saved.error().describe().c_str());
        }
        CancelToken cancel;
        for (const char *sync : {"ts", "day"}) {
            auto run = runSync(project, sync, RunOptions{}, cancel);
            QVERIFY2(run, run ? "" : run.error().describe().c_str());
            QVERIFY2(run->status == "succeeded", run->error.c_str());
            QCOMPARE(run->added.delivered, 2);
        }

        // e-3 shares e-2's timestamp and day with a greater key; e-0 is older.
        server.fake.exec("INSERT INTO EVENTS VALUES ('e-3', '2024-05-02', '2024-05-02 10:00:00'), "
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
        QVERIFY(ProjectStore::create(project, "cli"));
        ProjectConfig config;
        config.name = "cli";
        config.sources.push_back(SourceDef{"sf", "snowflake",
                                           {{"baseUrl", server.baseUrl()},
                                            {"token", std::string("${env:") + kTokenVariable + "}"},
                                            {"database", "SLUICE_DB"},
                                            {"role", "ANALYST"}}});
        {
            auto store = ProjectStore::open(project);
            QVERIFY(store);
            QVERIFY((*store)->save(config));
        }
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
        QCOMPARE(QString::fromUtf8(r.err),
                 QString("error: source 'sf': settings.token: environment variable %1 is not set\n").arg(kTokenVariable));
    }
};

QTEST_GUILESS_MAIN(TstSnowflake)
#include "tst_snowflake.moc"

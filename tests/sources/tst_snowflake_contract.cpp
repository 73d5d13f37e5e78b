// The Snowflake source against the loopback Snowflake SQL API fake: contract
// cases 38-40 of shared/reference/destination-apis.md (long query with
// partitions, SQL error, 429 and 500 with resubmission), and the fake's side
// of case 40.

#include "snowflaketesting.h"

#include "http/httpclient.h"

#include <QElapsedTimer>

#include <regex>

namespace {

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

class TstSnowflakeContract : public QObject {
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
        std::vector<std::string> expected
            = {"POST /api/v2/statements 202", "GET " + path + " 202", "GET " + path + " 202", "GET " + path + " 200"};
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
        QCOMPARE_JSON(json::parse(post.body), json({{"statement", "SELECT ID, EMAIL, NAME FROM PEOPLE ORDER BY ID"},
                                                    {"timeout", 60},
                                                    {"warehouse", "COMPUTE_WH"},
                                                    {"database", "SLUICE_DB"},
                                                    {"schema", "PUBLIC"},
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
        const std::vector<std::string> expected
            = {"POST /api/v2/statements 202", "GET /api/v2/statements/" + statements[0].handle + " 422"};
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
        auto cursor = source.query(
            QuerySpec{"SELECT ID, EMAIL, NAME FROM PEOPLE WHERE ID <= 3 ORDER BY ID", {}, {}, false, {}});
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
        auto cursor
            = source.query(QuerySpec{"SELECT ID, EMAIL, NAME FROM PEOPLE WHERE ID > 8 ORDER BY ID", {}, {}, false, {}});
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
            r.headers = {{"Authorization", "Bearer sandbox-token"},
                         {"User-Agent", "test/1"},
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
};

QTEST_GUILESS_MAIN(TstSnowflakeContract)
#include "tst_snowflake_contract.moc"

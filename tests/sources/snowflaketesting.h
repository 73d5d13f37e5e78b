#pragma once
// The Snowflake source against the loopback Snowflake SQL API fake: contract
// cases 38-40 of shared/reference/destination-apis.md (long query with
// partitions, SQL error, 429 and 500 with resubmission), value types,
// bytewise ORDER BY, cancel, testConnection and listTables, a sync from a
// Snowflake model to a JSON Lines file through runSync, and sluicectl
// test/schema --source against the fake.
//
// Shared by the parts of the Snowflake source tests (tst_snowflake_contract,
// tst_snowflake_queries, tst_snowflake_sync): the fake on a loopback server
// with a PEOPLE table, rows read as text, and comparisons that show both sides.

#include "fakehttpserver.h"
#include "jsoncompare.h"
#include "snowflakefake.h"
#include "testsupport.h"

#include "sources/snowflakesource.h"
#include "sources/sourcekinds.h"

#include <QTest>

using namespace sluice;
using namespace sluice::test;
using nlohmann::json;
using sluice::fakes::FakeHttpServer;
using sluice::fakes::SnowflakeFake;
using sluice::fakes::SnowflakeFakeOptions;
using sluice::fakes::SnowflakeRequest;
using namespace std::chrono_literals;

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

    // The project's source for this server (named "sf"), its token read from
    // $SLUICE_TEST_SNOWFLAKE_TOKEN; `more` adds settings.
    SourceDef source(const json &more = json::object()) const
    {
        json settings{{"baseUrl", baseUrl()}, {"token", std::string("${env:") + kTokenVariable + "}"}};
        settings.update(more);
        return SourceDef{"sf", "snowflake", settings};
    }

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

inline std::string rowText(const Row &row)
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
inline Result<std::vector<std::string>> readAll(RowCursor &cursor)
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

inline QString joinLines(const std::vector<std::string> &lines)
{
    QString out;
    for (const auto &line : lines)
        out += QString::fromStdString(line) + "\n";
    return out;
}

#define QCOMPARE_STR(actual, expected) QCOMPARE(QString::fromStdString(actual), QString::fromStdString(expected))
// Lists compared as one text, so a failure shows both sides.
#define QCOMPARE_LINES(actual, expected) QCOMPARE(joinLines(actual), joinLines(expected))
// QCOMPARE cannot print nlohmann::json: compare and show the dumps.

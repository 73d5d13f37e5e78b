#pragma once
// Snowflake through the SQL API v2 (HTTPS + JSON, no driver):
//
//   POST /api/v2/statements?requestId=UUID&async=true   -> 202 {statementHandle}
//   GET  /api/v2/statements/{handle}                    -> 202 while running, then
//                                                          200 ResultSet (partition 0)
//   GET  /api/v2/statements/{handle}?partition=i        -> partitions 1..n-1, in order
//   POST /api/v2/statements/{handle}/cancel
//
// Statements are submitted asynchronously so every request is short and a
// cancel() can reach the statement at once (its handle is known from the
// first answer). Rows stream: a cursor holds one partition at a time and
// fetches the next when it is used up; the row count is checked against the
// result's numRows. Values arrive as strings and are typed by the result's
// rowType (see docs/project-format.md, "Snowflake source").
//
// Retries (engine/http/retrypolicy): 429 (code 390505, after Retry-After),
// 500/502/503/504 and network errors, with jittered exponential back-off. A
// statement whose submission failed that way is submitted again with the same
// requestId and retry=true, so Snowflake never runs it twice. 422 (a SQL
// error) and the other 4xx are not retried. A 401 with a renewable sign-in
// (key pair, OAuth refresh) renews the token once and sends the same request
// again: a download whose token expires goes on at the partition it reached.

#include "http/retrypolicy.h"
#include "sources/snowflakeauth.h"
#include "sources/source.h"

#include <chrono>
#include <map>
#include <memory>
#include <string>

namespace sluice {

struct SnowflakeSettings {
    // https://ACCOUNT.snowflakecomputing.com, or a sandbox's URL; no trailing slash.
    std::string baseUrl;
    // How to sign in (snowflakeauth.h); without it, `token` as given.
    std::shared_ptr<SnowflakeAuth> auth;
    std::string token;               // already resolved from its reference
    std::string tokenType = "OAUTH"; // OAUTH | PROGRAMMATIC_ACCESS_TOKEN | KEYPAIR_JWT
    std::string warehouse;
    std::string database;
    std::string schema;
    std::string role;
    // Sent as the statement's timeout; Sluice also stops waiting (and cancels
    // the statement) a minute after it. 0: Snowflake's maximum (7 days).
    int timeoutSeconds = 600;
    int requestTimeoutMs = 60000;               // per HTTP request
    std::chrono::milliseconds pollInitial{100}; // first wait for a running statement
    std::chrono::milliseconds pollMax{5000};    // the waits double up to this
    RetryPolicy retry{8, std::chrono::milliseconds(500), std::chrono::milliseconds(30000)};
};

// The account identifier ("myorg-acme", "xy12345.eu-west-1") as the API's URL.
std::string snowflakeAccountUrl(const std::string &account);

class SnowflakeConnection;

class SnowflakeSource final : public Source {
public:
    explicit SnowflakeSource(SnowflakeSettings settings);
    ~SnowflakeSource() override;

    std::string_view kind() const override { return "snowflake"; }
    std::string bytewiseTextCollation() const override { return " COLLATE 'utf8'"; }
    std::string collationFor(const Column &column) const override;
    std::string comparison(const Column &column, std::string_view op, const Value &value) const override;
    Result<std::string> testConnection() override;
    Result<std::vector<TableInfo>> listTables() override;
    Result<std::unique_ptr<RowCursor>> query(const QuerySpec &spec) override;
    void cancel() override;

private:
    Result<std::vector<Column>> modelColumns(const std::string &sql);

    std::shared_ptr<SnowflakeConnection> m_connection;         // shared with open cursors
    std::map<std::string, std::vector<Column>> m_columnsBySql; // the columns each model SQL returns
};

} // namespace sluice

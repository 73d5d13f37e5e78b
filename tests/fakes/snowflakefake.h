#pragma once
// A loopback fake of the Snowflake SQL API v2, faithful to section 8 and
// contract cases 38-40 of shared/reference/destination-apis.md. Statements
// run on an in-memory SQLite database that stands for one Snowflake
// database and schema (tables are created with exec()). Mounted under a path
// prefix, so a source's baseUrl is e.g. http://127.0.0.1:PORT/snowflake.
//
//   POST {prefix}/api/v2/statements?requestId=UUID[&async=true][&retry=true][&nullable=false]
//   GET  {prefix}/api/v2/statements/{handle}[?partition=N]
//   POST {prefix}/api/v2/statements/{handle}/cancel
//
// - Authorization: Bearer <token> required (else 401 code 390303), and a
//   User-Agent (else 400); a POST body must be JSON with "statement" (else
//   400 code 390142), sent as application/json (else 415). A "database"
//   other than the fake's is refused (422 code 390201).
// - Every statement runs once, when it is submitted; its requestId is
//   remembered. A submission with retry=true and a known requestId answers
//   for that statement without running it again. (Without retry=true a known
//   requestId is run again: that double execution is what the flag prevents,
//   and tests see it in executions().)
// - "Long" statements (options: text containing longMarker, or at least
//   longRows rows) answer 202 code 333334 with their statementHandle; the
//   next pendingPolls GETs answer 202 again, then 200 with the result cut into
//   `partitions` partitions. async=true answers 202 for every statement (the
//   first GET then has the result). Results are also cut every
//   maxPartitionRows rows. Partition 0 comes with the ResultSet; later ones
//   ({"data": [...]} only, with a Link header) are gzip-encoded when
//   gzipPartitions is set, whether or not the client asked for it.
// - Values are sent as Snowflake does (jsonv2): strings or null; DATE as days
//   since 1970, TIME and TIMESTAMP_NTZ/LTZ as epoch seconds with 9 decimals,
//   TIMESTAMP_TZ as "<seconds> <offset minutes + 1440>"; rowType from the
//   declared column types (NUMBER(p,s), FLOAT, VARCHAR, BOOLEAN, DATE, TIME,
//   TIMESTAMP_NTZ/LTZ/TZ; undeclared expressions by their values). Stored
//   date-times are ISO text ("2026-03-29 01:30:00.5+02:00").
// - Result column names are folded to upper case unless quoted in the SQL.
//   COLLATE 'utf8' compares bytes, and is refused on a column of another type
//   than text (001044 "Invalid argument types for function 'COLLATE'").
//   TO_DATE, TO_TIME, TO_TIMESTAMP_NTZ/LTZ/TZ(text, format) parse the formats
//   Sluice sends and return the fake's stored form, so cursor comparisons of
//   date-times are in time order (offsets are compared as text). CURRENT_VERSION(), CURRENT_ACCOUNT(),
//   CURRENT_DATABASE(), CURRENT_SCHEMA(), CURRENT_WAREHOUSE() and
//   CURRENT_ROLE() answer for the session. INFORMATION_SCHEMA.TABLES and
//   .COLUMNS describe the tables (and themselves).
// - SQL errors are 422 QueryFailureStatus in Snowflake's words: unknown
//   column 000904 / 42000 "SQL compilation error: error line L at position P
//   invalid identifier 'X'"; unknown table 002003 / 42S02; syntax 001003 /
//   42000; more than one statement 000008; any other SQLite error 100000
//   with SQLite's text (the fake's own code). A cancelled statement: 422
//   000604 / 57014 "SQL execution canceled".
// - Faults, deterministic (FaultPlan: the first N, then every Nth):
//   rateLimited over all API requests: 429 {"code":"390505","message":"Too
//   many requests."} with Retry-After; submitServerError over statement
//   submissions: the statement runs, then the answer is a 500 (as when an
//   answer is lost on the way back).

#include "engagementfakes.h" // FaultPlan

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace sluice::fakes {

struct SnowflakeFakeOptions {
    std::string token = "sandbox-token";
    std::string account = "SANDBOX";
    std::string database = "SLUICE_DB";
    std::string schema = "PUBLIC";
    std::string warehouse = "COMPUTE_WH";
    std::string role = "SYSADMIN";
    std::string version = "9.3.1";
    std::string longMarker;               // statements containing it are long; empty: none
    std::int64_t longRows = 0;            // statements returning at least this many rows are long; 0: none
    int pendingPolls = 2;                 // GETs answered 202 before a long statement's result
    int partitions = 3;                   // a long statement's result is cut into (at least) this many
    std::int64_t maxPartitionRows = 1000; // any result: at most this many rows a partition; 0: no limit
    bool gzipPartitions = true;           // partitions after the first are gzip-encoded
    FaultPlan rateLimited;                // over API requests
    int retryAfterSeconds = 1;            // on those 429s; 0: no Retry-After
    FaultPlan submitServerError;          // over statement submissions: run, then answered serverErrorStatus
    int serverErrorStatus = 500;

    // Sign-in besides `token`. Key pair: a JWT signed (RS256) by the private
    // key whose public half is keyPairPublicKeyPem, issued by
    // ACCOUNT.USER.SHA256:<fingerprint> for keyPairAccount / keyPairUser
    // (upper case), not expired. OAuth refresh: POST {prefix}/oauth/token-request
    // with grant_type=refresh_token, the refresh token, and the client's id
    // and secret in HTTP Basic answers {"access_token", "expires_in"}.
    std::string keyPairPublicKeyPem;
    std::string keyPairAccount;
    std::string keyPairUser;
    std::string refreshToken;
    std::string clientId;
    std::string clientSecret;
    // A token (any kind but `token`) expires after this many API requests:
    // 401 {"code":"390318","message":"OAuth access token expired. ..."}. 0: never.
    int tokenLifetimeRequests = 0;
};

struct SnowflakeRequest {
    std::string method;
    std::string path; // below the prefix, without the query
    std::map<std::string, std::string> query;
    std::string body;
    std::string authorization;
    std::string tokenType; // X-Snowflake-Authorization-Token-Type
    std::string userAgent;
    std::string acceptEncoding;
    int status = 0;       // what the fake answered
    bool gzipped = false; // the answer was gzip-encoded
};

struct SnowflakeStatement {
    std::string handle;
    std::string requestId;
    std::string sql;
    nlohmann::json session; // {"database","schema","warehouse","role"} as used
    std::int64_t rows = 0;
    int partitions = 0;
    bool failed = false;
    bool cancelled = false;
};

class SnowflakeFake {
public:
    explicit SnowflakeFake(SnowflakeFakeOptions options = {});
    ~SnowflakeFake();
    SnowflakeFake(const SnowflakeFake &) = delete;
    SnowflakeFake &operator=(const SnowflakeFake &) = delete;

    // Registers the handlers under `prefix` (before the server starts).
    void mount(httplib::Server &server, const std::string &prefix);

    // Runs SQL on the backing database directly (setup: CREATE TABLE, INSERT);
    // not an API execution. Throws std::runtime_error with SQLite's message.
    void exec(const std::string &sql);

    void setOptions(SnowflakeFakeOptions options);
    SnowflakeFakeOptions options() const;
    // Forgets requests, statements and counters; keeps tables and options.
    void reset();

    // Statements executed through the API, in order (a resubmission that was
    // answered from the requestId is not one).
    std::vector<SnowflakeStatement> statements() const;
    int executions() const;
    int executions(const std::string &requestId) const;
    int cancels() const;
    std::vector<SnowflakeRequest> requests() const;
    // Access tokens issued by the OAuth endpoint; distinct tokens (JWTs
    // included) that were refused as expired.
    int accessTokensIssued() const;
    int expiredTokensRefused() const;

    // {"statements": [...], "tables": {NAME: row count}} for the sandbox.
    nlohmann::json contents() const;

    struct Stored; // a statement with its result

private:
    void handleSubmit(const httplib::Request &request, httplib::Response &response);
    void handleStatus(const httplib::Request &request, httplib::Response &response, const std::string &handle);
    void handleCancel(const httplib::Request &request, httplib::Response &response, const std::string &handle);
    void handleTokenRequest(const httplib::Request &request, httplib::Response &response);
    // Why the bearer token is refused, or "" (m_mutex held).
    std::string refusal(const std::string &token, std::string &code);
    // Checks credentials and the rate-limit plan; false when it answered. m_mutex held.
    bool admit(const httplib::Request &request, httplib::Response &response);
    std::size_t logRequest(const httplib::Request &request, const std::string &path);
    void finishLog(std::size_t index, const httplib::Response &response);
    struct RequestLog;
    // The statement with this handle, or nullptr after answering 422 as Snowflake does. m_mutex held.
    Stored *knownStatement(const std::string &handle, httplib::Response &response);
    // m_mutex held.
    Stored execute(const std::string &sql, const nlohmann::json &session, const std::string &requestId,
                   bool nullsAsText);
    void answer(Stored &statement, bool fromSubmit, bool async, const httplib::Request &request,
                httplib::Response &response);
    void answerPartition(Stored &statement, int partition, const httplib::Request &request,
                         httplib::Response &response);
    void refreshInformationSchema();
    nlohmann::json resultSet(const Stored &statement) const;

    SnowflakeFakeOptions m_options;
    std::string m_prefix;
    mutable std::mutex m_mutex;
    sqlite3 *m_db = nullptr;
    nlohmann::json m_session; // the session of the statement running (for CURRENT_*())
    std::vector<Stored> m_statements;
    std::map<std::string, std::size_t> m_byHandle;    // -> index in m_statements
    std::map<std::string, std::size_t> m_byRequestId; // -> index of the latest with that id
    std::vector<SnowflakeRequest> m_requests;
    int m_apiRequests = 0;
    std::map<std::string, int> m_tokenUses; // issued access tokens and JWTs: API requests made with each
    int m_accessTokensIssued = 0;
    int m_submissions = 0;
    int m_expiredRefused = 0;
    int m_cancels = 0;
    std::uint64_t m_nextHandle = 1;
    struct SessionFunction {
        const SnowflakeFake *fake = nullptr;
        int which = 0;
    };
    SessionFunction m_functions[6];
};

} // namespace sluice::fakes

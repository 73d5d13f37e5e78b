#pragma once
// Internal to sources/: what the Snowflake source's files share (the
// connection and its protocol, the cell decoding, the source and its
// cursor); not part of the engine's interface.

#include "http/httpclient.h"
#include "sources/snowflakesource.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

namespace sluice {

namespace snowflake {

std::string lower(std::string s);
std::string upper(std::string s);

enum class SnowType { Fixed, Real, Text, Boolean, Date, Time, TimestampNtz, TimestampLtz, TimestampTz, Other };

struct ColumnCodec {
    SnowType type = SnowType::Text;
    int scale = 0; // fixed: digits after the point; time and timestamps: fraction digits
};

// One cell (a JSON string) to a Value of the column's type. What does not
// parse as its type is kept as text rather than lost.
Value decodeCell(const std::string &text, const ColumnCodec &codec);
std::string stringField(const nlohmann::json &object, const char *key);
// A rowType entry to a Column and the way to decode its cells.
void describeColumn(const nlohmann::json &field, Column &column, ColumnCodec &codec);

// A QueryStatus / QueryFailureStatus / error answer's fields.
struct Answer {
    std::string code;
    std::string message;
    std::string sqlState;
    std::string statementHandle;
};

Answer parseAnswer(const std::string &body);

} // namespace snowflake

// What a finished statement returned, up to its first partition.
struct StatementResult {
    std::string handle;
    std::vector<Column> columns;
    std::vector<snowflake::ColumnCodec> codecs;
    std::int64_t numRows = 0;
    std::vector<std::int64_t> partitionRows; // rowCount of each partition
    nlohmann::json firstData;                // partition 0's rows; null when not sent
};

// The HTTP side shared by a source and its open cursors.
class SnowflakeConnection {
public:
    explicit SnowflakeConnection(SnowflakeSettings settings);

    const SnowflakeSettings &settings() const { return m_settings; }

    std::string where() const;

    bool isCancelled() const { return m_cancelled.load(); }

    void cancel();

    // Runs one statement to its end and returns its first partition.
    // `lineOffset`: lines Sluice put before the user's SQL (the LIMIT / ORDER BY
    // wrapper), so error positions are reported in the user's terms.
    Result<StatementResult> run(const std::string &sql, int lineOffset);

    // The rows of partition `index` (1..n-1; 0 when the first answer had none).
    Result<nlohmann::json> fetchPartition(const std::string &handle, std::size_t index);

    std::string statementWhere(const std::string &handle) const;

private:
    HttpRequest baseRequest(const std::string &method, std::string url) const;
    std::string statementUrl(const std::string &handle) const;
    HttpClient &http();
    // Waits `delay` unless cancel() comes first (then false).
    bool sleep(std::chrono::milliseconds delay);
    // Sends `request`, again after back-off while the answer says "later"
    // (429, 5xx) or the network failed.
    Result<HttpResponse> exchange(HttpRequest &request, bool submission);
    // Later partitions may come gzip-encoded, asked for or not.
    Result<void> decode(HttpResponse &response) const;
    Result<nlohmann::json> parseBody(const HttpResponse &response, const std::string &handle) const;
    Result<StatementResult> resultSet(const HttpResponse &response);
    Error answerError(const HttpResponse &response, std::string handle, int lineOffset) const;
    // Best effort: the statement may already be over.
    void sendCancel(const std::string &handle);
    // Puts the current token in `request` (replacing an older one); the token sent.
    Result<std::string> signIn(HttpRequest &request);

    SnowflakeSettings m_settings;
    std::unique_ptr<HttpClient> m_http; // used by one thread at a time (see source.h)
    std::mt19937_64 m_rng;
    std::atomic<bool> m_cancelled{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
};

} // namespace sluice

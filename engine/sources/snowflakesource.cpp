#include "sources/snowflakesource.h"

#include "sources/sqlstatements.h"

#include "http/httpclient.h"
#include "version.h"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <regex>
#include <set>

namespace sluice {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

// Network errors are rarely cured by waiting long (a wrong host stays wrong):
// they get fewer attempts than the answers Snowflake asks to be retried.
constexpr int kTransportAttempts = 3;
// How much longer than the statement's own timeout Sluice waits for it.
constexpr auto kTimeoutGrace = std::chrono::seconds(60);
constexpr int kCancelRequestTimeoutMs = 5000;

std::string lower(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string upper(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// A random (version 4) UUID: the requestId Snowflake deduplicates submissions by.
std::string newRequestId(std::mt19937_64 &rng)
{
    std::uniform_int_distribution<std::uint64_t> dist;
    std::uint64_t hi = dist(rng);
    std::uint64_t lo = dist(rng);
    hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
    lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
    char text[37];
    std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", unsigned(hi >> 32), unsigned((hi >> 16) & 0xFFFF),
                  unsigned(hi & 0xFFFF), unsigned(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
    return text;
}

// Statement handles are UUID-like; anything else is percent-encoded.
std::string encodePathPart(const std::string &s)
{
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

// Snowflake's messages span lines ("SQL compilation error:\nerror line 1 ...");
// the CLI prints one line.
std::string oneLine(const std::string &message)
{
    std::string out;
    bool space = false;
    for (char c : message) {
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            space = !out.empty();
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += c;
    }
    return out;
}

// gzip (as later partitions may arrive) to text.
Result<std::string> gunzip(const std::string &data)
{
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        return failed("snowflake.encoding", "cannot start gzip decoding");
    std::string out;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    char buffer[65536];
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        stream.next_out = reinterpret_cast<Bytef *>(buffer);
        stream.avail_out = sizeof buffer;
        status = inflate(&stream, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END) {
            inflateEnd(&stream);
            return failed("snowflake.encoding", "a gzip-encoded answer could not be decoded");
        }
        out.append(buffer, sizeof buffer - stream.avail_out);
        if (status == Z_OK && stream.avail_in == 0 && stream.avail_out != 0)
            break; // truncated input
    }
    inflateEnd(&stream);
    if (status != Z_STREAM_END)
        return failed("snowflake.encoding", "a gzip-encoded answer was cut short");
    return out;
}

// ---- values -------------------------------------------------------------

enum class SnowType { Fixed, Real, Text, Boolean, Date, Time, TimestampNtz, TimestampLtz, TimestampTz, Other };

struct ColumnCodec {
    SnowType type = SnowType::Text;
    int scale = 0; // fixed: digits after the point; time and timestamps: fraction digits
};

// Days since 1970-01-01 to a civil date (proleptic Gregorian).
void civilFromDays(std::int64_t z, std::int64_t &y, unsigned &m, unsigned &d)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

std::string formatDate(std::int64_t days)
{
    std::int64_t y = 0;
    unsigned m = 0, d = 0;
    civilFromDays(days, y, m, d);
    char text[32];
    std::snprintf(text, sizeof text, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
    return text;
}

// "1616173619.123456789" or "-1.5" to whole seconds and nanoseconds (0..999999999).
bool parseEpoch(std::string_view text, std::int64_t &seconds, std::int64_t &nanos)
{
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    const auto dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    if (whole.empty() || fraction.size() > 9)
        return false;
    std::int64_t s = 0;
    auto [p, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), s);
    if (ec != std::errc() || p != whole.data() + whole.size())
        return false;
    std::int64_t n = 0;
    for (char c : fraction) {
        if (c < '0' || c > '9')
            return false;
        n = n * 10 + (c - '0');
    }
    for (std::size_t i = fraction.size(); i < 9; ++i)
        n *= 10;
    if (negative) {
        s = -s;
        n = -n;
        if (n < 0) {
            s -= 1;
            n += 1'000'000'000;
        }
    }
    seconds = s;
    nanos = n;
    return true;
}

// ".123" for scale 3; nothing when the fraction is zero.
std::string fractionText(std::int64_t nanos, int scale)
{
    if (nanos == 0 || scale <= 0)
        return {};
    char digits[16];
    std::snprintf(digits, sizeof digits, "%09lld", static_cast<long long>(nanos));
    return "." + std::string(digits, std::size_t(std::min(scale, 9)));
}

std::string formatTimeOfDay(std::int64_t secondsOfDay)
{
    char text[64];
    std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld", static_cast<long long>(secondsOfDay / 3600),
                  static_cast<long long>(secondsOfDay / 60 % 60), static_cast<long long>(secondsOfDay % 60));
    return text;
}

std::string formatTimestamp(std::int64_t seconds, std::int64_t nanos, int scale)
{
    std::int64_t days = seconds / 86400;
    std::int64_t rest = seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        days -= 1;
    }
    return formatDate(days) + " " + formatTimeOfDay(rest) + fractionText(nanos, scale);
}

std::string formatOffset(std::int64_t minutes)
{
    const char sign = minutes < 0 ? '-' : '+';
    minutes = minutes < 0 ? -minutes : minutes;
    char text[8];
    std::snprintf(text, sizeof text, "%c%02lld:%02lld", sign, static_cast<long long>(minutes / 60),
                  static_cast<long long>(minutes % 60));
    return text;
}

// One cell (a JSON string) to a Value of the column's type. What does not
// parse as its type is kept as text rather than lost.
Value decodeCell(const std::string &text, const ColumnCodec &codec)
{
    const char *begin = text.data();
    const char *end = text.data() + text.size();
    switch (codec.type) {
    case SnowType::Fixed:
        if (codec.scale == 0) {
            std::int64_t v = 0;
            const auto [p, ec] = std::from_chars(begin, end, v);
            if (ec == std::errc() && p == end)
                return v;
            break;
        }
        [[fallthrough]];
    case SnowType::Real: {
        double v = 0;
        const auto [p, ec] = std::from_chars(begin, end, v);
        if (ec == std::errc() && p == end)
            return v;
        break;
    }
    case SnowType::Boolean:
        if (text == "true" || text == "1")
            return true;
        if (text == "false" || text == "0")
            return false;
        break;
    case SnowType::Date: {
        std::int64_t days = 0;
        const auto [p, ec] = std::from_chars(begin, end, days);
        if (ec == std::errc() && p == end)
            return formatDate(days);
        break;
    }
    case SnowType::Time: {
        std::int64_t s = 0, n = 0;
        if (parseEpoch(text, s, n) && s >= 0 && s < 86400)
            return formatTimeOfDay(s) + fractionText(n, codec.scale);
        break;
    }
    case SnowType::TimestampNtz:
    case SnowType::TimestampLtz: {
        std::int64_t s = 0, n = 0;
        if (parseEpoch(text, s, n))
            return formatTimestamp(s, n, codec.scale) + (codec.type == SnowType::TimestampLtz ? "+00:00" : "");
        break;
    }
    case SnowType::TimestampTz: {
        // "<epoch seconds> <offset>", the offset in minutes plus 1440.
        const auto space = text.find(' ');
        std::int64_t s = 0, n = 0, encoded = 0;
        if (space == std::string::npos || !parseEpoch(std::string_view(text).substr(0, space), s, n))
            break;
        const auto [p, ec] = std::from_chars(begin + space + 1, end, encoded);
        if (ec != std::errc() || p != end)
            break;
        const std::int64_t offset = encoded - 1440;
        return formatTimestamp(s + offset * 60, n, codec.scale) + formatOffset(offset);
    }
    case SnowType::Text:
    case SnowType::Other:
        break;
    }
    return text;
}

int intField(const json &object, const char *key, int fallback)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer())
        return fallback;
    return it->get<int>();
}

std::string stringField(const json &object, const char *key)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return {};
    return it->get<std::string>();
}

// A rowType entry to a Column and the way to decode its cells.
void describeColumn(const json &field, Column &column, ColumnCodec &codec)
{
    column.name = stringField(field, "name");
    const std::string type = lower(stringField(field, "type"));
    const int scale = intField(field, "scale", 0);
    codec.scale = scale;
    if (type == "fixed") {
        codec.type = SnowType::Fixed;
        column.type = scale == 0 ? ValueType::Integer : ValueType::Real;
        column.declaredType = "NUMBER(" + std::to_string(intField(field, "precision", 38)) + "," + std::to_string(scale) + ")";
    } else if (type == "real" || type == "float" || type == "double" || type == "decfloat") {
        codec.type = SnowType::Real;
        column.type = ValueType::Real;
        column.declaredType = type == "decfloat" ? "DECFLOAT" : "FLOAT";
    } else if (type == "text") {
        codec.type = SnowType::Text;
        column.type = ValueType::Text;
        column.declaredType = "TEXT";
    } else if (type == "boolean") {
        codec.type = SnowType::Boolean;
        column.type = ValueType::Boolean;
        column.declaredType = "BOOLEAN";
    } else if (type == "date") {
        codec.type = SnowType::Date;
        column.type = ValueType::Text;
        column.declaredType = "DATE";
    } else if (type == "time") {
        codec.type = SnowType::Time;
        column.type = ValueType::Text;
        column.declaredType = "TIME";
    } else if (type == "timestamp_ntz" || type == "timestamp_ltz" || type == "timestamp_tz") {
        codec.type = type == "timestamp_ntz"   ? SnowType::TimestampNtz
                     : type == "timestamp_ltz" ? SnowType::TimestampLtz
                                               : SnowType::TimestampTz;
        column.type = ValueType::Text;
        column.declaredType = upper(type);
    } else {
        // binary (hex), variant, object, array (JSON text), geography, vector, ...
        codec.type = SnowType::Other;
        column.type = ValueType::Text;
        column.declaredType = upper(type.empty() ? std::string("text") : type);
    }
}

// A QueryStatus / QueryFailureStatus / error answer's fields.
struct Answer {
    std::string code;
    std::string message;
    std::string sqlState;
    std::string statementHandle;
};

Answer parseAnswer(const std::string &body)
{
    Answer a;
    const json doc = json::parse(body, nullptr, false);
    if (!doc.is_object())
        return a;
    a.code = stringField(doc, "code");
    a.message = oneLine(stringField(doc, "message"));
    a.sqlState = stringField(doc, "sqlState");
    a.statementHandle = stringField(doc, "statementHandle");
    return a;
}

} // namespace

// ---- the connection -----------------------------------------------------

// What a finished statement returned, up to its first partition.
struct StatementResult {
    std::string handle;
    std::vector<Column> columns;
    std::vector<ColumnCodec> codecs;
    std::int64_t numRows = 0;
    std::vector<std::int64_t> partitionRows; // rowCount of each partition
    json firstData;                          // partition 0's rows; null when not sent
};

// The HTTP side shared by a source and its open cursors.
class SnowflakeConnection {
public:
    explicit SnowflakeConnection(SnowflakeSettings settings)
        : m_settings(std::move(settings)), m_rng(std::random_device{}())
    {
        while (!m_settings.baseUrl.empty() && m_settings.baseUrl.back() == '/')
            m_settings.baseUrl.pop_back();
        if (!m_settings.auth) {
            SnowflakeAuthSettings given;
            given.token = m_settings.token;
            given.tokenType = m_settings.tokenType;
            if (auto made = SnowflakeAuth::make(given))
                m_settings.auth = std::move(*made);
        }
    }

    const SnowflakeSettings &settings() const { return m_settings; }

    // "acme.snowflakecomputing.com", or the sandbox's "127.0.0.1:8787/snowflake".
    std::string where() const
    {
        std::string w = m_settings.baseUrl;
        for (std::string_view scheme : {"https://", "http://"})
            if (w.starts_with(scheme))
                w.erase(0, scheme.size());
        return w;
    }

    bool isCancelled() const { return m_cancelled.load(); }

    void cancel()
    {
        {
            std::lock_guard lock(m_mutex);
            m_cancelled = true;
        }
        m_wake.notify_all();
    }

    // Runs one statement to its end and returns its first partition.
    // `lineOffset`: lines Sluice put before the user's SQL (the LIMIT / ORDER BY
    // wrapper), so error positions are reported in the user's terms.
    Result<StatementResult> run(const std::string &sql, int lineOffset)
    {
        if (m_cancelled)
            return cancelled(where());
        json body = {{"statement", sql}, {"timeout", std::max(0, m_settings.timeoutSeconds)}};
        for (const auto &[key, value] : {std::pair{"warehouse", &m_settings.warehouse},
                                         std::pair{"database", &m_settings.database},
                                         std::pair{"schema", &m_settings.schema}, std::pair{"role", &m_settings.role}})
            if (!value->empty())
                body[key] = *value;

        const std::string requestId = newRequestId(m_rng);
        HttpRequest request = baseRequest("POST", m_settings.baseUrl + "/api/v2/statements?requestId=" + requestId
                                                      + "&async=true");
        request.body = body.dump();
        auto response = exchange(request, /*submission*/ true);
        if (!response)
            return std::unexpected(response.error());

        std::optional<Clock::time_point> deadline;
        if (m_settings.timeoutSeconds > 0)
            deadline = Clock::now() + std::chrono::seconds(m_settings.timeoutSeconds) + kTimeoutGrace;
        std::string handle;
        auto wait = m_settings.pollInitial;
        for (;;) {
            const HttpResponse &r = *response;
            if (r.status == 200)
                return resultSet(r);
            if (r.status != 202)
                return std::unexpected(answerError(r, handle, lineOffset));
            const Answer status = parseAnswer(r.body);
            if (!status.statementHandle.empty())
                handle = status.statementHandle;
            if (handle.empty())
                return failed("snowflake.protocol", "Snowflake accepted the statement but sent no statement handle",
                              where());
            // Running: wait, then ask again; cancel() and the deadline end the wait.
            if (!sleep(wait)) {
                sendCancel(handle);
                return cancelled(where());
            }
            if (deadline && Clock::now() > *deadline) {
                sendCancel(handle);
                return failed("snowflake.timeout",
                              "the statement did not finish within " + std::to_string(m_settings.timeoutSeconds)
                                  + " s (timeoutSeconds); it was cancelled",
                              statementWhere(handle));
            }
            wait = std::min(wait * 2, m_settings.pollMax);
            HttpRequest poll = baseRequest("GET", statementUrl(handle));
            response = exchange(poll, false);
            if (!response) {
                if (response.error().kind == ErrorKind::Cancelled)
                    sendCancel(handle);
                return std::unexpected(response.error());
            }
        }
    }

    // The rows of partition `index` (1..n-1; 0 when the first answer had none).
    Result<json> fetchPartition(const std::string &handle, std::size_t index)
    {
        HttpRequest request = baseRequest("GET", statementUrl(handle) + "?partition=" + std::to_string(index));
        request.headers.emplace_back("Accept-Encoding", "gzip");
        auto response = exchange(request, false);
        if (!response)
            return std::unexpected(response.error());
        if (response->status != 200)
            return std::unexpected(answerError(*response, handle, 0));
        auto doc = parseBody(*response, handle);
        if (!doc)
            return std::unexpected(doc.error());
        const auto data = doc->find("data");
        if (data == doc->end() || !data->is_array())
            return failed("snowflake.protocol", "partition " + std::to_string(index) + " came without rows",
                          statementWhere(handle));
        return std::move(*data);
    }

    std::string statementWhere(const std::string &handle) const
    {
        return handle.empty() ? where() : where() + ", statement " + handle;
    }

private:
    HttpRequest baseRequest(const std::string &method, std::string url) const
    {
        HttpRequest r;
        r.method = method;
        r.url = std::move(url);
        r.timeoutMs = m_settings.requestTimeoutMs;
        // Authorization is set by exchange(), with the token current then.
        r.headers = {{"Accept", "application/json"}, {"User-Agent", std::string("sluice/") + kVersion}};
        const std::string tokenType = m_settings.auth ? m_settings.auth->tokenType() : m_settings.tokenType;
        if (!tokenType.empty())
            r.headers.emplace_back("X-Snowflake-Authorization-Token-Type", tokenType);
        if (method == "POST")
            r.headers.emplace_back("Content-Type", "application/json");
        return r;
    }

    std::string statementUrl(const std::string &handle) const
    {
        return m_settings.baseUrl + "/api/v2/statements/" + encodePathPart(handle);
    }

    HttpClient &http()
    {
        if (!m_http)
            m_http = std::make_unique<HttpClient>();
        return *m_http;
    }

    // Waits `delay` unless cancel() comes first (then false).
    bool sleep(std::chrono::milliseconds delay)
    {
        std::unique_lock lock(m_mutex);
        return !m_wake.wait_for(lock, delay, [this] { return m_cancelled.load(); });
    }

    // Sends `request`, again after back-off while the answer says "later"
    // (429, 5xx) or the network failed. A statement submission is sent again
    // with retry=true: Snowflake then answers for the statement it already
    // has under that requestId instead of running it a second time.
    Result<HttpResponse> exchange(HttpRequest &request, bool submission)
    {
        const RetryPolicy &policy = m_settings.retry;
        bool renewed = false;
        for (int attempt = 1;; ++attempt) {
            if (m_cancelled)
                return cancelled(where());
            auto token = signIn(request);
            if (!token)
                return std::unexpected(token.error().within(where()));
            HttpResponse response = http().send(request);
            if (response.status == 401 && !renewed && m_settings.auth && m_settings.auth->canRenew()) {
                // Expired (390318) or refused: a new token, the same request again.
                renewed = true;
                if (auto fresh = m_settings.auth->renew(*token); !fresh)
                    return failed("snowflake.auth",
                                  "Snowflake refused the token (401) and it could not be renewed: "
                                      + fresh.error().describe(),
                                  where());
                --attempt;
                continue;
            }
            std::optional<std::chrono::milliseconds> hint;
            std::string problem;
            int allowed = std::max(1, policy.maxAttempts);
            if (response.status == 0) {
                problem = response.transportError;
                allowed = std::min(allowed, kTransportAttempts);
            } else if (response.status == 429 || response.status == 500 || response.status == 502
                       || response.status == 503 || response.status == 504) {
                hint = response.retryAfter();
                const Answer a = parseAnswer(response.body);
                problem = "HTTP " + std::to_string(response.status) + (a.code.empty() ? "" : " " + a.code)
                          + (a.message.empty() ? "" : " (" + a.message + ")");
            } else {
                if (auto decoded = decode(response); !decoded)
                    return std::unexpected(decoded.error());
                return response;
            }
            if (attempt >= allowed) {
                if (response.status == 0)
                    return failed("snowflake.unreachable", "cannot reach Snowflake: " + problem, where());
                return failed(response.status == 429 ? "snowflake.rate_limited" : "snowflake.unavailable",
                              "Snowflake answered " + problem + " " + std::to_string(attempt)
                                  + " times; giving up",
                              where());
            }
            if (!sleep(policy.delayBefore(attempt + 1, hint, m_rng)))
                return cancelled(where());
            if (submission && request.url.find("&retry=true") == std::string::npos)
                request.url += "&retry=true";
        }
    }

    // Later partitions may come gzip-encoded, asked for or not.
    Result<void> decode(HttpResponse &response) const
    {
        const auto encoding = response.header("Content-Encoding");
        if (!encoding || lower(*encoding).find("gzip") == std::string::npos)
            return {};
        auto text = gunzip(response.body);
        if (!text)
            return std::unexpected(text.error().within(where()));
        response.body = std::move(*text);
        return {};
    }

    Result<json> parseBody(const HttpResponse &response, const std::string &handle) const
    {
        json doc = json::parse(response.body, nullptr, false);
        if (!doc.is_object())
            return failed("snowflake.protocol", "Snowflake's answer is not a JSON object", statementWhere(handle));
        return doc;
    }

    Result<StatementResult> resultSet(const HttpResponse &response)
    {
        auto parsed = parseBody(response, {});
        if (!parsed)
            return std::unexpected(parsed.error());
        json &doc = *parsed;
        StatementResult result;
        result.handle = stringField(doc, "statementHandle");
        const auto meta = doc.find("resultSetMetaData");
        if (meta == doc.end() || !meta->is_object())
            return failed("snowflake.protocol", "the result came without resultSetMetaData",
                          statementWhere(result.handle));
        if (const auto handles = doc.find("statementHandles"); handles != doc.end() && handles->is_array())
            return invalidInput("snowflake.multi_statement",
                                "the SQL holds several statements; a model is one SELECT",
                                statementWhere(result.handle));
        const auto rowType = meta->find("rowType");
        if (rowType == meta->end() || !rowType->is_array())
            return failed("snowflake.protocol", "the result came without rowType", statementWhere(result.handle));
        for (const json &field : *rowType) {
            Column column;
            ColumnCodec codec;
            if (field.is_object())
                describeColumn(field, column, codec);
            result.columns.push_back(std::move(column));
            result.codecs.push_back(codec);
        }
        const auto numRows = meta->find("numRows");
        if (numRows != meta->end() && numRows->is_number_integer())
            result.numRows = numRows->get<std::int64_t>();
        if (const auto info = meta->find("partitionInfo"); info != meta->end() && info->is_array())
            for (const json &p : *info)
                result.partitionRows.push_back(p.is_object() ? p.value("rowCount", std::int64_t(-1)) : -1);
        if (const auto data = doc.find("data"); data != doc.end() && data->is_array())
            result.firstData = std::move(*data);
        // A result without partitionInfo is one partition, the one sent.
        if (result.partitionRows.empty() && (result.numRows > 0 || !result.firstData.is_null()))
            result.partitionRows.push_back(result.numRows);
        return result;
    }

    Error answerError(const HttpResponse &response, std::string handle, int lineOffset) const
    {
        const Answer a = parseAnswer(response.body);
        if (!a.statementHandle.empty())
            handle = a.statementHandle;
        const std::string at = statementWhere(handle);
        const std::string said = a.message.empty() ? std::string() : ": " + a.message;
        switch (response.status) {
        case 401:
            return Error{ErrorKind::Failed, "snowflake.auth", "Snowflake refused the token (401)" + said, where()};
        case 403:
            return Error{ErrorKind::Failed, "snowflake.forbidden",
                         "Snowflake refused access (403): the SQL API is not enabled for this account or the "
                         "role may not use it" + said,
                         where()};
        case 404:
            return Error{ErrorKind::Failed, "snowflake.not_found",
                         "no Snowflake SQL API at " + m_settings.baseUrl + " (404); check the account or baseUrl"
                             + said,
                         at};
        case 408:
            return Error{ErrorKind::Failed, "snowflake.timeout",
                         "the statement ran longer than its timeout (" + std::to_string(m_settings.timeoutSeconds)
                             + " s) and was cancelled" + said,
                         at};
        case 422: {
            if (a.code == "000604" && m_cancelled)
                return cancelled(where()).error();
            if (a.code == "000630")
                return Error{ErrorKind::Failed, "snowflake.timeout", a.message, at};
            std::string message = a.message.empty() ? std::string("the statement failed") : a.message;
            // "error line 2 at position 7": the line counts in the statement
            // sent; say it in the user's SQL, below the wrapper's first line.
            if (lineOffset > 0) {
                static const std::regex linePattern(R"(line ([0-9]+) at position)");
                std::smatch m;
                if (std::regex_search(message, m, linePattern)) {
                    const int line = std::stoi(m[1].str());
                    if (line > lineOffset)
                        message.replace(std::size_t(m.position(1)), std::size_t(m.length(1)),
                                        std::to_string(line - lineOffset));
                }
            }
            if (!a.code.empty() || !a.sqlState.empty())
                message += " (Snowflake error " + (a.code.empty() ? std::string("?") : a.code)
                           + (a.sqlState.empty() ? std::string() : ", SQL state " + a.sqlState) + ")";
            return Error{ErrorKind::InvalidInput, "snowflake.sql", message, at};
        }
        default:
            break;
        }
        if (response.status >= 400 && response.status < 500)
            return Error{ErrorKind::Failed, "snowflake.request",
                         "Snowflake refused the request (HTTP " + std::to_string(response.status) + ")" + said, at};
        return Error{ErrorKind::Failed, "snowflake.error",
                     "Snowflake answered HTTP " + std::to_string(response.status) + said, at};
    }

    // Best effort: the statement may already be over.
    void sendCancel(const std::string &handle)
    {
        if (handle.empty())
            return;
        HttpRequest request = baseRequest("POST", statementUrl(handle) + "/cancel");
        request.timeoutMs = kCancelRequestTimeoutMs;
        if (signIn(request))
            (void) http().send(request);
    }

    // Puts the current token in `request` (replacing an older one); the token sent.
    Result<std::string> signIn(HttpRequest &request)
    {
        if (!m_settings.auth)
            return failed("snowflake.auth", "no token to sign in with");
        auto token = m_settings.auth->token();
        if (!token)
            return std::unexpected(token.error());
        auto &headers = request.headers;
        headers.erase(std::remove_if(headers.begin(), headers.end(),
                                     [](const auto &h) { return h.first == "Authorization"; }),
                      headers.end());
        headers.emplace_back("Authorization", "Bearer " + *token);
        return token;
    }

    SnowflakeSettings m_settings;
    std::unique_ptr<HttpClient> m_http; // used by one thread at a time (see source.h)
    std::mt19937_64 m_rng;
    std::atomic<bool> m_cancelled{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
};

namespace {

// Streams a result partition by partition: one partition's rows in memory.
class SnowflakeCursor final : public RowCursor {
public:
    SnowflakeCursor(std::shared_ptr<SnowflakeConnection> connection, StatementResult result)
        : m_connection(std::move(connection)), m_result(std::move(result)), m_data(std::move(m_result.firstData))
    {
        m_haveData = m_data.is_array();
        if (!m_haveData)
            m_data = json::array();
    }

    const std::vector<Column> &columns() const override { return m_result.columns; }

    Result<bool> next(Row &row) override
    {
        if (m_done)
            return false;
        if (m_connection->isCancelled()) {
            m_done = true;
            return cancelled(m_connection->where());
        }
        while (!m_haveData || m_index >= m_data.size()) {
            if (m_haveData) {
                if (auto checked = checkPartitionCount(); !checked) {
                    m_done = true;
                    return std::unexpected(checked.error());
                }
                ++m_partition;
            }
            if (m_partition >= m_result.partitionRows.size()) {
                m_done = true;
                if (m_delivered != m_result.numRows)
                    return failed("snowflake.row_count",
                                  "Snowflake announced " + std::to_string(m_result.numRows) + " rows and sent "
                                      + std::to_string(m_delivered),
                                  m_connection->statementWhere(m_result.handle));
                return false;
            }
            auto data = m_connection->fetchPartition(m_result.handle, m_partition);
            if (!data) {
                m_done = true;
                return std::unexpected(data.error());
            }
            m_data = std::move(*data); // the previous partition is freed here
            m_haveData = true;
            m_index = 0;
        }
        const json &cells = m_data[m_index++];
        const std::size_t width = m_result.columns.size();
        if (!cells.is_array() || cells.size() != width) {
            m_done = true;
            return failed("snowflake.protocol",
                          "row " + std::to_string(m_delivered + 1) + " does not have the result's "
                              + std::to_string(width) + " columns",
                          m_connection->statementWhere(m_result.handle));
        }
        row.resize(width);
        for (std::size_t i = 0; i < width; ++i) {
            const json &cell = cells[i];
            if (cell.is_null())
                row[i] = Value();
            else if (cell.is_string())
                row[i] = decodeCell(cell.get_ref<const std::string &>(), m_result.codecs[i]);
            else
                row[i] = decodeCell(cell.dump(), m_result.codecs[i]);
        }
        ++m_delivered;
        ++m_inPartition;
        return true;
    }

private:
    Result<void> checkPartitionCount()
    {
        const std::int64_t expected = m_result.partitionRows[m_partition];
        const std::int64_t got = m_inPartition;
        m_inPartition = 0;
        if (expected >= 0 && got != expected)
            return failed("snowflake.row_count",
                          "partition " + std::to_string(m_partition) + " should hold " + std::to_string(expected)
                              + " rows and held " + std::to_string(got),
                          m_connection->statementWhere(m_result.handle));
        return {};
    }

    std::shared_ptr<SnowflakeConnection> m_connection;
    StatementResult m_result;
    json m_data;
    bool m_haveData = false;
    std::size_t m_index = 0;
    std::size_t m_partition = 0;
    std::int64_t m_inPartition = 0;
    std::int64_t m_delivered = 0;
    bool m_done = false;
};

// Lines before `body` in `sql` (the wrapper's "SELECT * FROM (").
int linesBefore(const std::string &sql, const std::string &body)
{
    const auto at = body.empty() ? std::string::npos : sql.find(body);
    if (at == std::string::npos)
        return 0;
    return int(std::count(sql.begin(), sql.begin() + std::ptrdiff_t(at), '\n'));
}

} // namespace

std::string snowflakeAccountUrl(const std::string &account)
{
    std::string a = account;
    while (!a.empty() && (a.back() == '/' || a.back() == ' '))
        a.pop_back();
    if (a.starts_with("https://") || a.starts_with("http://"))
        return a;
    if (lower(a).ends_with(".snowflakecomputing.com"))
        return "https://" + lower(a);
    return "https://" + lower(a) + ".snowflakecomputing.com";
}

SnowflakeSource::SnowflakeSource(SnowflakeSettings settings)
    : m_connection(std::make_shared<SnowflakeConnection>(std::move(settings)))
{
}

SnowflakeSource::~SnowflakeSource() = default;

void SnowflakeSource::cancel()
{
    m_connection->cancel();
}

Result<std::string> SnowflakeSource::testConnection()
{
    auto cursor = query(QuerySpec{"SELECT CURRENT_VERSION() AS VERSION, CURRENT_ACCOUNT() AS ACCOUNT, "
                                  "CURRENT_DATABASE() AS DATABASE, CURRENT_SCHEMA() AS SCHEMA, "
                                  "CURRENT_WAREHOUSE() AS WAREHOUSE, CURRENT_ROLE() AS ROLE",
                                  {}, {}, false, {}});
    if (!cursor)
        return std::unexpected(cursor.error());
    Row row;
    auto got = (*cursor)->next(row);
    if (!got)
        return std::unexpected(got.error());
    if (!*got || row.size() < 6)
        return failed("snowflake.protocol", "the session query returned no row", m_connection->where());
    auto part = [&](std::size_t i, const std::string &label, const std::string &none) {
        return row[i].isNull() ? none : label + " " + row[i].toString();
    };
    return "Snowflake " + row[0].toString() + " at " + m_connection->where() + ", " + part(1, "account", "no account")
           + ", " + part(2, "database", "no database") + ", " + part(3, "schema", "no schema") + ", "
           + part(4, "warehouse", "no warehouse (queries need one)") + ", " + part(5, "role", "no role");
}

Result<std::vector<TableInfo>> SnowflakeSource::listTables()
{
    // INFORMATION_SCHEMA of the session's database: every schema but itself.
    auto cursor = query(QuerySpec{R"(SELECT c.TABLE_SCHEMA, c.TABLE_NAME, t.TABLE_TYPE, c.COLUMN_NAME, c.DATA_TYPE,
       c.NUMERIC_PRECISION, c.NUMERIC_SCALE
FROM INFORMATION_SCHEMA.COLUMNS c
JOIN INFORMATION_SCHEMA.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
WHERE c.TABLE_SCHEMA <> 'INFORMATION_SCHEMA'
ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION)",
                                  {}, {}, false, {}});
    if (!cursor)
        return std::unexpected(cursor.error());
    std::vector<TableInfo> tables;
    Row row;
    for (;;) {
        auto got = (*cursor)->next(row);
        if (!got)
            return std::unexpected(got.error());
        if (!*got)
            break;
        if (row.size() < 7)
            return failed("snowflake.protocol", "the catalog query returned too few columns", m_connection->where());
        const std::string schema = row[0].toString();
        const std::string name = row[1].toString();
        if (tables.empty() || tables.back().schema != schema || tables.back().name != name)
            tables.push_back(TableInfo{schema, name, row[2].toString().find("VIEW") != std::string::npos, {}});
        Column column;
        column.name = row[3].toString();
        const std::string type = upper(row[4].toString());
        const std::int64_t scale = row[6].type() == ValueType::Integer ? row[6].asInteger() : 0;
        if (type == "NUMBER") {
            column.type = scale == 0 ? ValueType::Integer : ValueType::Real;
            column.declaredType = "NUMBER(" + row[5].toString() + "," + std::to_string(scale) + ")";
        } else {
            column.type = type == "FLOAT" || type == "DECFLOAT" ? ValueType::Real
                          : type == "BOOLEAN"                   ? ValueType::Boolean
                                                                : ValueType::Text;
            column.declaredType = type;
        }
        tables.back().columns.push_back(std::move(column));
    }
    return tables;
}

Result<std::vector<Column>> SnowflakeSource::modelColumns(const std::string &sql)
{
    if (const auto known = m_columnsBySql.find(sql); known != m_columnsBySql.end())
        return known->second;
    QuerySpec probe;
    probe.sql = sql;
    probe.limit = 0;
    auto cursor = query(probe);
    if (!cursor)
        return std::unexpected(cursor.error());
    return (*cursor)->columns();
}

std::string SnowflakeSource::collationFor(const Column &column) const
{
    return column.declaredType == "TEXT" ? bytewiseTextCollation() : std::string();
}

namespace {

// The fraction of "2024-05-02 10:00:00.123+02:00" as a format element
// ("FF3"), "" without one. Only the seconds have a '.' in these texts.
std::string fractionFormat(const std::string &text)
{
    const auto dot = text.find('.');
    if (dot == std::string::npos)
        return {};
    std::size_t digits = 0;
    while (dot + 1 + digits < text.size() && std::isdigit(static_cast<unsigned char>(text[dot + 1 + digits])))
        ++digits;
    return digits ? ".FF" + std::to_string(std::min<std::size_t>(digits, 9)) : std::string();
}

} // namespace

std::string SnowflakeSource::comparison(const Column &column, std::string_view op, const Value &value) const
{
    std::string rhs = sqlLiteral(value);
    const std::string &type = column.declaredType;
    // Dates and times were read as text (decodeCell): parse them back with an
    // explicit format, so the comparison is in time order and never depends
    // on the session's TIMESTAMP_INPUT_FORMAT.
    if (value.type() == ValueType::Text) {
        const std::string &text = value.asText();
        if (type == "DATE")
            rhs = "TO_DATE(" + rhs + ", 'YYYY-MM-DD')";
        else if (type == "TIME")
            rhs = "TO_TIME(" + rhs + ", 'HH24:MI:SS" + fractionFormat(text) + "')";
        else if (type == "TIMESTAMP_NTZ")
            rhs = "TO_TIMESTAMP_NTZ(" + rhs + ", 'YYYY-MM-DD HH24:MI:SS" + fractionFormat(text) + "')";
        else if (type == "TIMESTAMP_LTZ" || type == "TIMESTAMP_TZ")
            rhs = "TO_TIMESTAMP_TZ(" + rhs + ", 'YYYY-MM-DD HH24:MI:SS" + fractionFormat(text) + "TZH:TZM')";
    }
    return quoteIdentifier(column.name) + collationFor(column) + " " + std::string(op) + " " + rhs;
}

Result<std::unique_ptr<RowCursor>> SnowflakeSource::query(const QuerySpec &spec)
{
    if (m_connection->isCancelled())
        return cancelled(m_connection->where());
    // One read-only query (issue 19): Snowflake has no read-only session, so
    // what is sent is checked here; a role with SELECT grants only is the
    // other half (docs/project-format.md).
    auto statements = readOnlyModelStatements(spec.sql, /*allowShow*/ true);
    if (!statements)
        return std::unexpected(statements.error());
    if (statements->size() > 1)
        return invalidInput("sql.not_read_only",
                            "a Snowflake model is one read-only query (give the database, schema and role in the "
                            "source's settings instead of USE or SET)",
                            "model SQL line " + std::to_string(statements->front().line));
    // Bytewise order of text: COLLATE 'utf8' compares the UTF-8 bytes (code
    // point order, which is memcmp order) whatever collation the column was
    // given. Snowflake refuses COLLATE on other types, so learn the types first.
    std::function<std::string(const std::string &)> collate;
    if (spec.bytewiseOrder && !spec.orderBy.empty()) {
        auto columns = modelColumns(spec.sql);
        if (!columns)
            return std::unexpected(columns.error());
        std::map<std::string, std::string> clauses;
        for (const Column &c : *columns)
            clauses[c.name] = collationFor(c);
        collate = [clauses](const std::string &column) {
            const auto it = clauses.find(column);
            return it == clauses.end() ? std::string() : it->second;
        };
    }
    const std::string sql = wrapModelSql(spec.sql, spec, '"', collate);
    auto result = m_connection->run(sql, linesBefore(sql, wrapModelSql(spec.sql, QuerySpec{})));
    if (!result)
        return std::unexpected(result.error());
    m_columnsBySql[spec.sql] = result->columns;
    return std::make_unique<SnowflakeCursor>(m_connection, std::move(*result));
}

} // namespace sluice

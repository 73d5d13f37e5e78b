// SnowflakeConnection: the SQL API v2 protocol. Submits a statement
// asynchronously, polls it to its end, fetches the later partitions, cancels,
// retries and renews the token (see snowflakesource.h); its answers are read
// in snowflakeanswers.cpp.

#include "sources/snowflakeinternal.h"

#include "version.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>

namespace sluice {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
using namespace snowflake;

namespace {

// Network errors are rarely cured by waiting long (a wrong host stays wrong):
// they get fewer attempts than the answers Snowflake asks to be retried.
constexpr int kTransportAttempts = 3;
// How much longer than the statement's own timeout Sluice waits for it.
constexpr auto kTimeoutGrace = std::chrono::seconds(60);
constexpr int kCancelRequestTimeoutMs = 5000;

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

} // namespace

// ---- the connection -----------------------------------------------------

SnowflakeConnection::SnowflakeConnection(SnowflakeSettings settings)
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

// "acme.snowflakecomputing.com", or the sandbox's "127.0.0.1:8787/snowflake".
std::string SnowflakeConnection::where() const
{
    std::string w = m_settings.baseUrl;
    for (std::string_view scheme : {"https://", "http://"})
        if (w.starts_with(scheme))
            w.erase(0, scheme.size());
    return w;
}

void SnowflakeConnection::cancel()
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
Result<StatementResult> SnowflakeConnection::run(const std::string &sql, int lineOffset)
{
    if (m_cancelled)
        return cancelled(where());
    json body = {{"statement", sql}, {"timeout", std::max(0, m_settings.timeoutSeconds)}};
    for (const auto &[key, value] :
         {std::pair{"warehouse", &m_settings.warehouse}, std::pair{"database", &m_settings.database},
          std::pair{"schema", &m_settings.schema}, std::pair{"role", &m_settings.role}})
        if (!value->empty())
            body[key] = *value;

    const std::string requestId = newRequestId(m_rng);
    HttpRequest request
        = baseRequest("POST", m_settings.baseUrl + "/api/v2/statements?requestId=" + requestId + "&async=true");
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
Result<json> SnowflakeConnection::fetchPartition(const std::string &handle, std::size_t index)
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

std::string SnowflakeConnection::statementWhere(const std::string &handle) const
{
    return handle.empty() ? where() : where() + ", statement " + handle;
}

HttpRequest SnowflakeConnection::baseRequest(const std::string &method, std::string url) const
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

std::string SnowflakeConnection::statementUrl(const std::string &handle) const
{
    return m_settings.baseUrl + "/api/v2/statements/" + encodePathPart(handle);
}

HttpClient &SnowflakeConnection::http()
{
    if (!m_http)
        m_http = std::make_unique<HttpClient>();
    return *m_http;
}

// Waits `delay` unless cancel() comes first (then false).
bool SnowflakeConnection::sleep(std::chrono::milliseconds delay)
{
    std::unique_lock lock(m_mutex);
    return !m_wake.wait_for(lock, delay, [this] { return m_cancelled.load(); });
}

// Sends `request`, again after back-off while the answer says "later"
// (429, 5xx) or the network failed. A statement submission is sent again
// with retry=true: Snowflake then answers for the statement it already
// has under that requestId instead of running it a second time.
Result<HttpResponse> SnowflakeConnection::exchange(HttpRequest &request, bool submission)
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
        } else if (response.status == 429 || response.status == 500 || response.status == 502 || response.status == 503
                   || response.status == 504) {
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
                          "Snowflake answered " + problem + " " + std::to_string(attempt) + " times; giving up",
                          where());
        }
        if (!sleep(policy.delayBefore(attempt + 1, hint, m_rng)))
            return cancelled(where());
        if (submission && request.url.find("&retry=true") == std::string::npos)
            request.url += "&retry=true";
    }
}

// Best effort: the statement may already be over.
void SnowflakeConnection::sendCancel(const std::string &handle)
{
    if (handle.empty())
        return;
    HttpRequest request = baseRequest("POST", statementUrl(handle) + "/cancel");
    request.timeoutMs = kCancelRequestTimeoutMs;
    if (signIn(request))
        (void)http().send(request);
}

// Puts the current token in `request` (replacing an older one); the token sent.
Result<std::string> SnowflakeConnection::signIn(HttpRequest &request)
{
    if (!m_settings.auth)
        return failed("snowflake.auth", "no token to sign in with");
    auto token = m_settings.auth->token();
    if (!token)
        return std::unexpected(token.error());
    auto &headers = request.headers;
    headers.erase(
        std::remove_if(headers.begin(), headers.end(), [](const auto &h) { return h.first == "Authorization"; }),
        headers.end());
    headers.emplace_back("Authorization", "Bearer " + *token);
    return token;
}

} // namespace sluice

#include "http/httpclient.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>

namespace sluice {

namespace {

// curl_global_init is not thread-safe and must run before any easy handle
// exists; destinations create their clients lazily on worker threads.
void ensureCurlInitialized()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

char lower(char c)
{
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size()
        && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

bool containsIgnoringCase(std::string_view haystack, std::string_view needle)
{
    const auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                                [](char x, char y) { return lower(x) == lower(y); });
    return it != haystack.end();
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

// State the libcurl callbacks fill while one request runs.
struct Transfer {
    HttpHeaders headers;
    std::string body;
};

size_t onBody(char *data, size_t size, size_t count, void *userData)
{
    auto *transfer = static_cast<Transfer *>(userData);
    transfer->body.append(data, size * count);
    return size * count;
}

size_t onHeaderLine(char *data, size_t size, size_t count, void *userData)
{
    auto *transfer = static_cast<Transfer *>(userData);
    const std::string_view line(data, size * count);
    // A new status line starts a new header block (after "100 Continue" or a
    // proxy's CONNECT answer); only the final answer's headers count.
    if (line.starts_with("HTTP/")) {
        transfer->headers.clear();
        return size * count;
    }
    const auto colon = line.find(':');
    if (colon != std::string_view::npos)
        transfer->headers.emplace_back(std::string(trimmed(line.substr(0, colon))),
                                       std::string(trimmed(line.substr(colon + 1))));
    return size * count;
}

// "host:port" of a URL for error messages, with the scheme's default port
// filled in; the URL itself when it does not parse.
std::string hostAndPort(const std::string &url)
{
    std::string result = url;
    CURLU *parsed = curl_url();
    if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
        char *host = nullptr;
        char *port = nullptr;
        if (curl_url_get(parsed, CURLUPART_HOST, &host, 0) == CURLUE_OK
            && curl_url_get(parsed, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK)
            result = std::string(host) + ":" + port;
        curl_free(host);
        curl_free(port);
    }
    curl_url_cleanup(parsed);
    return result;
}

std::string hostOnly(const std::string &url)
{
    std::string result = url;
    CURLU *parsed = curl_url();
    if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
        char *host = nullptr;
        if (curl_url_get(parsed, CURLUPART_HOST, &host, 0) == CURLUE_OK)
            result = host;
        curl_free(host);
    }
    curl_url_cleanup(parsed);
    return result;
}

// One line a user can act on, instead of libcurl's code names.
std::string describeTransportError(CURLcode code, CURL *curl, const HttpRequest &request, const char *detail)
{
    long osErrno = 0;
    curl_easy_getinfo(curl, CURLINFO_OS_ERRNO, &osErrno);
    const std::string extra = detail && *detail ? std::string(": ") + detail : std::string();
    switch (code) {
    case CURLE_COULDNT_CONNECT:
        if (osErrno == ECONNREFUSED)
            return "connection refused to " + hostAndPort(request.url);
        if (osErrno != 0)
            return "could not connect to " + hostAndPort(request.url) + " (" + std::strerror(static_cast<int>(osErrno))
                 + ")";
        return "could not connect to " + hostAndPort(request.url) + extra;
    case CURLE_OPERATION_TIMEDOUT: return "timed out after " + std::to_string(request.timeoutMs) + " ms";
    case CURLE_COULDNT_RESOLVE_HOST: return "could not resolve host " + hostOnly(request.url);
    case CURLE_COULDNT_RESOLVE_PROXY: return "could not resolve the proxy" + extra;
    case CURLE_URL_MALFORMAT: return "malformed URL '" + request.url + "'";
    case CURLE_UNSUPPORTED_PROTOCOL: return "unsupported URL scheme in '" + request.url + "' (use http:// or https://)";
    case CURLE_GOT_NOTHING:
        return "the server at " + hostAndPort(request.url) + " closed the connection without answering";
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR: return "connection to " + hostAndPort(request.url) + " lost" + extra;
    case CURLE_PEER_FAILED_VERIFICATION:
        return "the TLS certificate of " + hostOnly(request.url) + " could not be verified" + extra;
    case CURLE_SSL_CONNECT_ERROR: return "TLS handshake with " + hostAndPort(request.url) + " failed" + extra;
    default:
        if (detail && *detail)
            return detail;
        return curl_easy_strerror(code);
    }
}

struct SlistDeleter {
    void operator()(curl_slist *list) const { curl_slist_free_all(list); }
};

} // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const
{
    for (const auto &[key, value] : headers)
        if (equalsIgnoringCase(key, name))
            return value;
    return std::nullopt;
}

std::optional<std::chrono::milliseconds> HttpResponse::retryAfter() const
{
    if (const auto value = header("Retry-After"))
        return parseRetryAfter(*value);
    return std::nullopt;
}

HttpClient::HttpClient()
{
    ensureCurlInitialized();
    m_curl = curl_easy_init();
}

HttpClient::~HttpClient()
{
    if (m_curl)
        curl_easy_cleanup(static_cast<CURL *>(m_curl));
}

HttpClient &HttpClient::forThisThread()
{
    thread_local HttpClient client;
    return client;
}

HttpResponse HttpClient::send(const HttpRequest &request)
{
    HttpResponse response;
    auto *curl = static_cast<CURL *>(m_curl);
    if (!curl) {
        response.transportError = "could not create an HTTP client (libcurl)";
        return response;
    }
    // Reset drops the previous request's options but keeps the connection
    // cache, so the next request reuses the open connection.
    curl_easy_reset(curl);

    Transfer transfer;
    char errorText[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorText);
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    // URLs come from project files: never read local files or speak other protocols.
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max(request.timeoutMs, 1)));
    // Signals cannot be used for timeouts in a multi-threaded program.
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
    // A redirect is reported as it is: resending a batch elsewhere (and maybe
    // as a GET) would silently lose it.
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeaderLine);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);

    const std::string &method = request.method;
    if (method == "GET") {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    } else if (method == "HEAD") {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
        if (!request.body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
            curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
        }
    }

    std::unique_ptr<curl_slist, SlistDeleter> headerList;
    auto addHeader = [&](const std::string &line) {
        if (curl_slist *extended = curl_slist_append(headerList.get(), line.c_str())) {
            headerList.release();
            headerList.reset(extended);
        }
    };
    bool hasContentType = false;
    for (const auto &[name, value] : request.headers) {
        hasContentType = hasContentType || equalsIgnoringCase(name, "Content-Type");
        // "Name;" is libcurl's way to send a header with an empty value.
        addHeader(value.empty() ? name + ";" : name + ": " + value);
    }
    // Expect: 100-continue costs a round trip per large request.
    addHeader("Expect:");
    // Without this libcurl labels every body as a form submission.
    if (!hasContentType)
        addHeader("Content-Type:");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headerList.get());

    const auto started = std::chrono::steady_clock::now();
    const CURLcode code = curl_easy_perform(curl);
    response.latencyMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();

    if (code != CURLE_OK) {
        response.transportError = describeTransportError(code, curl, request, errorText);
        return response;
    }
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    response.status = static_cast<int>(status);
    response.headers = std::move(transfer.headers);
    response.body = std::move(transfer.body);
    return response;
}

std::optional<std::chrono::milliseconds> parseRetryAfter(std::string_view value)
{
    // Anything longer than a week is as good as "very long"; clamping keeps
    // absurd values (999999999999, a date in 7015) from overflowing.
    constexpr std::int64_t kMaxSeconds = 7LL * 24 * 3600;
    value = trimmed(value);
    if (value.empty())
        return std::nullopt;
    if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        std::int64_t seconds = 0;
        for (char c : value) {
            seconds = seconds * 10 + (c - '0');
            if (seconds > kMaxSeconds) {
                seconds = kMaxSeconds;
                break;
            }
        }
        return std::chrono::milliseconds(seconds * 1000);
    }
    // An HTTP date always names a weekday or month; requiring a letter keeps
    // "-1" or "1.5" from being read as some date by curl_getdate.
    if (std::none_of(value.begin(), value.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }))
        return std::nullopt;
    const std::string text(value);
    const time_t when = curl_getdate(text.c_str(), nullptr);
    if (when == -1)
        return std::nullopt;
    // In whole seconds from time_t: the system clock's nanoseconds overflow
    // past 2262 (found by fuzz_wirevalues with "Wed, 21 Oct 7015 07:28:00 GMT").
    const auto nowMs
        = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
              .count();
    const std::int64_t nowSeconds = nowMs / 1000;
    const std::int64_t delaySeconds = std::int64_t(when) - nowSeconds;
    if (delaySeconds <= 0)
        return std::chrono::milliseconds(0);
    if (delaySeconds > kMaxSeconds)
        return std::chrono::milliseconds(kMaxSeconds * 1000);
    return std::chrono::milliseconds(delaySeconds * 1000 - nowMs % 1000);
}

std::string formatHeadersRedacted(const HttpHeaders &headers)
{
    static constexpr std::string_view kSecretNames[]
        = {"Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key"};
    static constexpr std::string_view kSecretParts[] = {"token", "secret", "password", "api-key", "apikey", "api_key"};
    std::string text;
    for (const auto &[name, value] : headers) {
        if (!text.empty())
            text += '\n';
        text += name;
        text += ": ";
        const bool secret = std::any_of(std::begin(kSecretNames), std::end(kSecretNames),
                                        [&](std::string_view s) { return equalsIgnoringCase(name, s); })
                         || std::any_of(std::begin(kSecretParts), std::end(kSecretParts),
                                        [&](std::string_view s) { return containsIgnoringCase(name, s); });
        if (!secret) {
            text += value;
            continue;
        }
        // The scheme ("Bearer", "Basic") tells the reader which kind of
        // credential was sent without revealing it.
        const bool authorization
            = equalsIgnoringCase(name, "Authorization") || equalsIgnoringCase(name, "Proxy-Authorization");
        const auto space = value.find(' ');
        if (authorization && space != std::string::npos && space > 0)
            text += value.substr(0, space) + " ";
        text += "[redacted]";
    }
    return text;
}

} // namespace sluice

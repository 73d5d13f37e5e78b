#pragma once
// One libcurl-based HTTP client for every destination (webhooks, SaaS
// connectors, alert hooks). An HttpClient keeps its connection alive between
// requests; use one per thread (HttpClient::forThisThread()).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sluice {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
    std::string method = "POST";
    std::string url;
    HttpHeaders headers;
    std::string body;
    int timeoutMs = 30000;
};

struct HttpResponse {
    int status = 0;      // 0: no HTTP answer (see transportError)
    HttpHeaders headers; // names as received
    std::string body;
    double latencyMs = 0;
    std::string transportError; // "connection refused", "timed out after 30000 ms", ...

    // Case-insensitive header lookup.
    std::optional<std::string> header(std::string_view name) const;
    // Retry-After as seconds or an HTTP date, relative to now.
    std::optional<std::chrono::milliseconds> retryAfter() const;
};

class HttpClient {
public:
    HttpClient();
    ~HttpClient();
    HttpClient(const HttpClient &) = delete;
    HttpClient &operator=(const HttpClient &) = delete;

    HttpResponse send(const HttpRequest &request);

    static HttpClient &forThisThread();

private:
    void *m_curl = nullptr; // CURL*
};

// "Retry-After: 3" or "Retry-After: Wed, 21 Oct 2026 07:28:00 GMT".
std::optional<std::chrono::milliseconds> parseRetryAfter(std::string_view value);

// Headers as text for the API inspector: "Name: value" lines joined by '\n',
// with credentials replaced by "[redacted]" (Authorization keeps its scheme:
// "Bearer [redacted]").
std::string formatHeadersRedacted(const HttpHeaders &headers);

} // namespace sluice

#pragma once
// A generic HTTP webhook: JSON batches POSTed (or PUT/PATCHed) to a URL.
//
// Body: {"sync": NAME, "records": [{"op": "upsert"|"insert"|"update"|"delete",
//        "key": {FIELD: VALUE, ...}, "fields": {...}}, ...]}
// Answers: 2xx = every record delivered, unless the body is
// {"errors": [{"index": N, "message": "..."}]} naming rejected records;
// 400/422 with such a body = those records rejected, the others delivered;
// 400/413/422 without = the whole batch refused (the executor splits it to
// isolate the bad record); 401/403/404 = fatal (credentials, URL);
// 408/425/429/5xx and network errors = retryable, honouring Retry-After;
// 409 = the whole batch refused; redirects (not followed) and any other 4xx
// = fatal. Headers: Content-Type: application/json, User-Agent: sluice/VERSION
// and the configured ones (which replace those two when they name them).

#include "destinations/contract/destination.h"

#include <span>
#include <string>
#include <utility>
#include <vector>

namespace sluice {

struct HttpRequest;
struct HttpResponse;

struct WebhookSettings {
    std::string url;
    std::string method = "POST";
    std::vector<std::pair<std::string, std::string>> headers; // values resolved
    int batchSize = 100;
    std::size_t maxBatchBytes = 1 << 20;
    int concurrency = 4;
    double requestsPerSecond = 0;
    int timeoutSeconds = 30;
};

class WebhookDestination final : public Destination {
public:
    explicit WebhookDestination(WebhookSettings settings);
    ~WebhookDestination() override;

    std::string_view kind() const override { return "webhook"; }
    std::vector<SyncMode> supportedModes() const override;
    DestinationLimits limits() const override;
    Result<std::string> testConnection() override;
    Result<> begin(const RunInfo &run) override;
    BatchResult write(int batchNumber, std::span<const Record> batch) override;
    Result<> commit() override { return {}; }
    void abort() override { }

private:
    Result<> checkUrl() const;
    int timeoutMs() const;
    std::string buildBody(std::span<const Record> batch) const;
    void report(int batchNumber, const HttpRequest &request, const HttpResponse &response) const;

    WebhookSettings m_settings;
    RunInfo m_run;
    // Fixed for the run once begin() has returned, so the concurrent write()
    // calls only read them.
    std::vector<std::pair<std::string, std::string>> m_headers; // Content-Type, User-Agent, configured
    std::string m_bodyPrefix;                                   // {"sync":NAME,"records":[
    std::vector<std::string> m_keyNames;                        // "name": for each key field, escaped
    std::vector<std::string> m_fieldNames;                      // "name": for each mapped field, escaped
};

} // namespace sluice

#pragma once
// A fake of a customer's webhook receiver, speaking the contract in
// engine/destinations/webhookdestination.h:
//   {"sync": NAME, "records": [{"op", "key", "fields"}, ...]} in,
//   2xx / 422 {"errors":[{"index","message"}]} / 400 / 401 / 404 / 413 /
//   429 + Retry-After / 500 out.
// It keeps what it received as the receiver would (records by key, deletes
// remove them) and counts deliveries per key, so tests can prove a sync
// delivered every record exactly once. Misbehaviours are configured with
// FakeWebhookBehaviour; every "sometimes" is deterministic (first N, every
// Nth, or a seeded random rate), so a failing test fails the same way again.

#include "fakehttpserver.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sluice::fakes {

struct ReceivedRequest {
    std::string method;
    std::string path;   // without the query
    std::string target; // path and query as sent
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    int remotePort = 0; // tells connections apart
    int status = 0;     // what the fake answered (0 while it is still answering)

    // Case-insensitive; "" when absent.
    std::string header(std::string_view name) const;
};

// Looks at one record of a request ({"op", "key", "fields"}); a message
// rejects it, nullopt accepts it.
using RecordCheck = std::function<std::optional<std::string>(const nlohmann::json &record)>;

struct FakeWebhookBehaviour {
    // Only this path receives records (others: 404). Empty: any path.
    std::string path;
    // When set, requests without "Authorization: Bearer <token>" get 401.
    std::string bearerToken;

    // Deliveries (POST/PUT/PATCH, counted from 1) answered 429 with
    // Retry-After: the first `rateLimitFirst`, then every `rateLimitEvery`th,
    // and a `rateLimitRate` fraction of the others drawn from `seed`.
    int rateLimitFirst = 0;
    int rateLimitEvery = 0;
    double rateLimitRate = 0;
    std::string retryAfter = "1"; // the header's value ("2", or an HTTP date); empty: none

    // The same for 500 answers; a delivery chosen for 429 is not also counted here.
    int serverErrorFirst = 0;
    int serverErrorEvery = 0;
    double serverErrorRate = 0;

    std::uint64_t seed = 1;

    // Every answer to a delivery waits this long first.
    int delayMs = 0;

    // Records refused by content: answered 422 {"errors":[{"index","message"}]}
    // with the other records of the request stored, or, with
    // rejectWholeBatch, 400 with no body and nothing stored.
    RecordCheck rejectRecord;
    bool rejectWholeBatch = false;

    // More records than this in one request: 413, nothing stored. 0: no limit.
    int maxRecordsPerRequest = 0;
};

class FakeWebhookServer {
public:
    explicit FakeWebhookServer(FakeWebhookBehaviour behaviour = {});
    ~FakeWebhookServer();
    FakeWebhookServer(const FakeWebhookServer &) = delete;
    FakeWebhookServer &operator=(const FakeWebhookServer &) = delete;

    int port() const { return m_http.port(); }
    std::string url(std::string_view path = "/hook") const { return m_http.url(path); }

    // Replaces the behaviour for the requests that follow (the counters for
    // "first N" and "every Nth" keep running).
    void setBehaviour(FakeWebhookBehaviour behaviour);
    // Forgets requests, records and counters; keeps the behaviour.
    void reset();
    void stop() { m_http.stop(); }

    std::vector<ReceivedRequest> requests() const;
    std::size_t requestCount() const;
    std::set<int> remotePorts() const; // one per connection seen
    int largestRequestRecords() const; // most records seen in one delivery

    // Stored records: fields by the JSON text of their key (nlohmann's
    // dump(), so {"id":1} and keys in sorted order).
    std::map<std::string, nlohmann::json> records() const;
    std::size_t recordCount() const;
    std::optional<nlohmann::json> record(const nlohmann::json &key) const;
    // How many accepted operations named this key (upserts, inserts, updates, deletes).
    int deliveries(const nlohmann::json &key) const;
    int maxDeliveriesPerKey() const;
    std::size_t totalDeliveries() const;

    // A check rejecting records whose text field `field` lacks `needle`
    // (e.g. "email" without '@'), with a message naming both.
    static RecordCheck rejectWhenFieldLacks(std::string field, std::string needle);

private:
    enum class Fault { None, RateLimited, ServerError };

    void handleDelivery(const httplib::Request &request, httplib::Response &response);
    void handleOther(const httplib::Request &request, httplib::Response &response);
    std::size_t recordRequest(const httplib::Request &request);
    void finishRequest(std::size_t index, int status);
    Fault nextFault();
    bool authorized(const httplib::Request &request) const;

    mutable std::mutex m_mutex;
    FakeWebhookBehaviour m_behaviour;
    std::mt19937_64 m_rng;
    int m_deliveryCount = 0;
    int m_largestRequest = 0;
    std::vector<ReceivedRequest> m_requests;
    std::map<std::string, nlohmann::json> m_records;
    std::map<std::string, int> m_deliveriesPerKey;
    std::size_t m_totalDeliveries = 0;
    // Last: destroyed (and so stopped) first, while the state its handlers use still exists.
    FakeHttpServer m_http;
};

} // namespace sluice::fakes

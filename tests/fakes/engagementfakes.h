#pragma once
// Loopback fakes of the engagement services, faithful to the contracts in
// the destination API reference (sections 3-6 and 7b):
//   Braze      POST {prefix}/users/track
//   Mixpanel   POST {prefix}/import, POST {prefix}/engage
//   Amplitude  POST {prefix}/2/httpapi, POST {prefix}/identify
//   AEP        POST {prefix}/collection/batch/{id}, POST {prefix}/collection/{id}
//   Segment    POST {prefix}/batch (and {prefix}/v1/batch)
// Each checks credentials (the sandbox token; anything else gets the
// service's own refusal), refuses oversize or over-count requests exactly as
// the service does (never "succeeding" one), validates items, answers
// partial failures in the service's shape, and keeps what it accepted in an
// in-memory store with the service's dedupe rules (Mixpanel by event, time,
// distinct_id and $insert_id; Amplitude by insert_id per device or user;
// Segment by messageId). Faults (429 with the service's hints, 5xx) are
// injected deterministically: the first N requests, then every Nth.

#include "fakewebhookserver.h" // ReceivedRequest

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::fakes {

struct SandboxOptions;

// A deterministic "sometimes", over requests counted from 1: the first
// `first`, then every `every`th.
struct FaultPlan {
    int first = 0;
    int every = 0;
    bool hits(int n) const { return n <= first || (every > 0 && n % every == 0); }
};

struct BrazeFakeOptions {
    // The object limit of the customer's contract: legacy 75 per array, the
    // current 75 in total, or 50 in total ("Monthly Active Users CY 24-25").
    enum class Limit { PerArray75, Combined75, Combined50 } limit = Limit::Combined75;
    FaultPlan rateLimited; // 429, x-ratelimit-remaining: 0, x-ratelimit-reset: now + resetSeconds
    int resetSeconds = 3;
    bool sendRetryAfter = true; // also Retry-After: resetSeconds
    FaultPlan serverError;      // answered before processing anything
    int serverErrorStatus = 503;
    FaultPlan queued; // 202 {"message":"queued"} (accepted, processed)
};

struct MixpanelFakeOptions {
    FaultPlan importRateLimited; // 429 (Mixpanel sends no Retry-After)
    FaultPlan importServerError;
    int importServerErrorStatus = 503;
    FaultPlan engageRateLimited;
    FaultPlan engageServerError;
    // Not stated by Mixpanel: whether one bad /engage update sinks the whole
    // request ({"status":0}) or is skipped while the others apply.
    bool engageBadUpdateSinksBatch = true;
    std::string projectId = "sandbox-project"; // expected with a service account
};

struct AmplitudeFakeOptions {
    // Requests holding events of these users or devices are throttled (429)
    // when `throttled` hits (counted over such requests). A throttled id stays
    // throttled for `throttlePause`: a resend before that is throttled again.
    std::set<std::string> throttleUsers;
    std::set<std::string> throttleDevices;
    FaultPlan throttled;
    std::chrono::milliseconds throttlePause{30'000};
    std::chrono::milliseconds identifyThrottlePause{15'000};
    int throttledEps = 32;
    // Not stated by Amplitude: whether a 429's other events were ingested.
    bool ingestOthersOn429 = false;
    FaultPlan serverErrorAfterStore; // the events are stored, then 500
    int serverErrorAfterStoreStatus = 500;
    FaultPlan serverError; // 503 before storing anything
    int serverErrorStatus = 503;
};

struct AepFakeOptions {
    bool authenticated = true; // Bearer token required: 401 without, 403 when wrong
    std::string connectionId;  // the only connection id accepted; empty: any
    std::string imsOrgId = "SANDBOX@AdobeOrg";
    // Messages refused by content (their entry of the 207 gets statusCode 400
    // and the message returned); nullopt accepts. Edge validation of schemas
    // is not modelled beyond the envelope, so tests inject it here.
    std::function<std::optional<std::string>(const nlohmann::json &message)> rejectMessage;
    FaultPlan rateLimited;
    FaultPlan serverError;
    int serverErrorStatus = 503;
};

struct SegmentFakeOptions {
    FaultPlan rateLimited; // 429 with Retry-After and X-RateLimit-Reset
    std::string retryAfter = "1";
    std::string rateLimitReset = "1";
    FaultPlan serverError;
    int serverErrorStatus = 500;
};

// What one service saw.
struct FakeServiceStats {
    int requests = 0;            // every request to the service
    std::size_t largestBody = 0; // bytes
    int largestItems = 0;        // objects / events / updates / messages / items in one request
    int refusedForSize = 0;      // requests refused for their size or count
    int duplicatesIgnored = 0;   // items dropped by the dedupe store
};

class EngagementFakes {
public:
    explicit EngagementFakes(const SandboxOptions &options);
    ~EngagementFakes();
    EngagementFakes(const EngagementFakes &) = delete;
    EngagementFakes &operator=(const EngagementFakes &) = delete;

    // Registers the handlers of each service under its path prefix.
    void mount(httplib::Server &server, const std::string &braze, const std::string &mixpanel,
               const std::string &amplitude, const std::string &aep, const std::string &segment);

    void setBraze(BrazeFakeOptions options);
    void setMixpanel(MixpanelFakeOptions options);
    void setAmplitude(AmplitudeFakeOptions options);
    void setAep(AepFakeOptions options);
    void setSegment(SegmentFakeOptions options);
    // Forgets stores, requests and counters (options stay).
    void reset();

    // {"braze": {"users","events","purchases"}, "mixpanel": {"events","profiles"},
    //  "amplitude": {"events","users"}, "aep": {"messages"}, "segment": {"items","dropped"}}
    nlohmann::json contents() const;

    nlohmann::json brazeUsers() const;       // {external_id (or "braze_id:ID"): profile}
    nlohmann::json brazeEvents() const;      // [event objects as stored]
    nlohmann::json brazePurchases() const;   // [purchase objects]
    nlohmann::json mixpanelEvents() const;   // [{"event","properties"}], one per dedupe key
    nlohmann::json mixpanelProfiles() const; // {distinct_id: properties}
    nlohmann::json amplitudeEvents() const;  // [events], one per insert_id and device/user
    nlohmann::json amplitudeUsers() const;   // {user_id (or "device:ID"): user properties}
    nlohmann::json aepMessages() const;      // [{"connectionId","header","body"}]
    nlohmann::json segmentItems() const;     // [items, context merged], one per messageId
    nlohmann::json segmentDropped() const;   // [{"item","reason"}]: answered 200, not kept

    // service: "braze", "mixpanel", "amplitude", "aep", "segment".
    FakeServiceStats stats(std::string_view service) const;
    std::vector<ReceivedRequest> requests(std::string_view service) const;

private:
    struct Service {
        FakeServiceStats stats;
        std::vector<ReceivedRequest> requests;
    };

    void handleBraze(const httplib::Request &request, httplib::Response &response);
    void handleMixpanelImport(const httplib::Request &request, httplib::Response &response);
    void handleMixpanelEngage(const httplib::Request &request, httplib::Response &response);
    void handleAmplitudeEvents(const httplib::Request &request, httplib::Response &response);
    void handleAmplitudeIdentify(const httplib::Request &request, const std::string &body, httplib::Response &response);
    void handleAep(const httplib::Request &request, httplib::Response &response, bool batch);
    void handleSegment(const httplib::Request &request, httplib::Response &response);

    // Called with m_mutex held.
    Service &service(std::string_view name);
    std::size_t logRequest(std::string_view service, const httplib::Request &request, const std::string &body);
    void finish(std::string_view service, std::size_t index, int status);
    void noteSize(std::string_view service, std::size_t bytes, int items);

    // Braze store helpers (m_mutex held).
    nlohmann::json *brazeFind(const nlohmann::json &object);
    nlohmann::json *brazeResolve(const nlohmann::json &object, bool forAttributes);
    // Amplitude throttling (m_mutex held): the ids of `events` throttled now.
    bool amplitudeThrottle(const nlohmann::json &events, std::chrono::milliseconds pause, nlohmann::json &users,
                           nlohmann::json &devices, std::vector<std::size_t> &throttledEvents);

    const std::string m_token;
    mutable std::mutex m_mutex;
    std::map<std::string, Service, std::less<>> m_services;

    BrazeFakeOptions m_brazeOptions;
    MixpanelFakeOptions m_mixpanelOptions;
    AmplitudeFakeOptions m_amplitudeOptions;
    AepFakeOptions m_aepOptions;
    SegmentFakeOptions m_segmentOptions;

    // Fault counters (requests counted from 1).
    int m_brazeCount = 0, m_importCount = 0, m_engageCount = 0, m_amplitudeCount = 0, m_throttleCount = 0,
        m_aepCount = 0, m_segmentCount = 0;

    std::vector<nlohmann::json> m_brazeProfiles;         // each with "braze_id"
    std::map<std::string, std::uint64_t> m_brazeUpdated; // braze_id -> update sequence
    std::uint64_t m_brazeSequence = 0;
    nlohmann::json m_brazeEvents = nlohmann::json::array();
    nlohmann::json m_brazePurchases = nlohmann::json::array();

    nlohmann::json m_mixpanelEvents = nlohmann::json::array();
    std::set<std::string> m_mixpanelKeys;
    nlohmann::json m_mixpanelProfiles = nlohmann::json::object();

    nlohmann::json m_amplitudeEvents = nlohmann::json::array();
    std::map<std::string, std::chrono::system_clock::time_point> m_amplitudeInsertIds;
    std::map<std::string, std::chrono::steady_clock::time_point> m_amplitudeThrottledUntil; // "user:ID", "device:ID"
    nlohmann::json m_amplitudeUsers = nlohmann::json::object();

    nlohmann::json m_aepMessages = nlohmann::json::array();
    int m_aepTransactions = 0;

    nlohmann::json m_segmentItems = nlohmann::json::array();
    nlohmann::json m_segmentDropped = nlohmann::json::array();
    std::set<std::string> m_segmentMessageIds;
};

} // namespace sluice::fakes

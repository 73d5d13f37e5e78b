#include "engagementfakes.h"

#include "saassandbox.h"

#include <algorithm>

namespace sluice::fakes {

using nlohmann::json;

EngagementFakes::EngagementFakes(const SandboxOptions &options) : m_token(options.token)
{ }

EngagementFakes::~EngagementFakes() = default;

void EngagementFakes::mount(httplib::Server &server, const std::string &braze, const std::string &mixpanel,
                            const std::string &amplitude, const std::string &aep, const std::string &segment)
{
    server.Post(braze + "/users/track", [this](const httplib::Request &q, httplib::Response &r) { handleBraze(q, r); });
    server.Post(mixpanel + "/import",
                [this](const httplib::Request &q, httplib::Response &r) { handleMixpanelImport(q, r); });
    server.Post(mixpanel + "/engage",
                [this](const httplib::Request &q, httplib::Response &r) { handleMixpanelEngage(q, r); });
    server.Post(amplitude + "/2/httpapi",
                [this](const httplib::Request &q, httplib::Response &r) { handleAmplitudeEvents(q, r); });
    // Read through a content reader: cpp-httplib refuses form-encoded bodies
    // over 8 KB on its own (413) before any ordinary handler runs.
    server.Post(amplitude + "/identify",
                [this](const httplib::Request &q, httplib::Response &r, const httplib::ContentReader &reader) {
                    std::string body;
                    reader([&](const char *data, std::size_t length) {
                        body.append(data, length);
                        return true;
                    });
                    handleAmplitudeIdentify(q, body, r);
                });
    server.Post(aep + R"(/collection/batch/([A-Za-z0-9_\-]+))",
                [this](const httplib::Request &q, httplib::Response &r) { handleAep(q, r, true); });
    server.Post(aep + R"(/collection/([A-Za-z0-9_\-]+))",
                [this](const httplib::Request &q, httplib::Response &r) { handleAep(q, r, false); });
    server.Post(segment + "/batch", [this](const httplib::Request &q, httplib::Response &r) { handleSegment(q, r); });
    server.Post(segment + "/v1/batch",
                [this](const httplib::Request &q, httplib::Response &r) { handleSegment(q, r); });
}

void EngagementFakes::setBraze(BrazeFakeOptions options)
{
    std::lock_guard lock(m_mutex);
    m_brazeOptions = std::move(options);
}

void EngagementFakes::setMixpanel(MixpanelFakeOptions options)
{
    std::lock_guard lock(m_mutex);
    m_mixpanelOptions = std::move(options);
}

void EngagementFakes::setAmplitude(AmplitudeFakeOptions options)
{
    std::lock_guard lock(m_mutex);
    m_amplitudeOptions = std::move(options);
}

void EngagementFakes::setAep(AepFakeOptions options)
{
    std::lock_guard lock(m_mutex);
    m_aepOptions = std::move(options);
}

void EngagementFakes::setSegment(SegmentFakeOptions options)
{
    std::lock_guard lock(m_mutex);
    m_segmentOptions = std::move(options);
}

void EngagementFakes::reset()
{
    std::lock_guard lock(m_mutex);
    m_services.clear();
    m_brazeCount = m_importCount = m_engageCount = m_amplitudeCount = m_throttleCount = m_aepCount = m_segmentCount = 0;
    m_brazeProfiles.clear();
    m_brazeUpdated.clear();
    m_brazeSequence = 0;
    m_brazeEvents = json::array();
    m_brazePurchases = json::array();
    m_mixpanelEvents = json::array();
    m_mixpanelKeys.clear();
    m_mixpanelProfiles = json::object();
    m_amplitudeEvents = json::array();
    m_amplitudeInsertIds.clear();
    m_amplitudeThrottledUntil.clear();
    m_amplitudeUsers = json::object();
    m_aepMessages = json::array();
    m_aepTransactions = 0;
    m_segmentItems = json::array();
    m_segmentDropped = json::array();
    m_segmentMessageIds.clear();
}

// ---- bookkeeping

EngagementFakes::Service &EngagementFakes::service(std::string_view name)
{
    auto it = m_services.find(name);
    if (it == m_services.end())
        it = m_services.emplace(std::string(name), Service{}).first;
    return it->second;
}

std::size_t EngagementFakes::logRequest(std::string_view name, const httplib::Request &request, const std::string &body)
{
    ReceivedRequest received;
    received.method = request.method;
    received.path = request.path;
    received.target = request.target;
    for (const auto &[key, value] : request.headers)
        received.headers.emplace_back(key, value);
    received.body = body;
    received.remotePort = request.remote_port;
    Service &s = service(name);
    ++s.stats.requests;
    s.stats.largestBody = std::max(s.stats.largestBody, body.size());
    s.requests.push_back(std::move(received));
    return s.requests.size() - 1;
}

void EngagementFakes::finish(std::string_view name, std::size_t index, int status)
{
    Service &s = service(name);
    if (index < s.requests.size())
        s.requests[index].status = status;
}

void EngagementFakes::noteSize(std::string_view name, std::size_t, int items)
{
    Service &s = service(name);
    s.stats.largestItems = std::max(s.stats.largestItems, items);
}

FakeServiceStats EngagementFakes::stats(std::string_view name) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_services.find(name);
    return it == m_services.end() ? FakeServiceStats{} : it->second.stats;
}

std::vector<ReceivedRequest> EngagementFakes::requests(std::string_view name) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_services.find(name);
    return it == m_services.end() ? std::vector<ReceivedRequest>{} : it->second.requests;
}

// ---- stores

json EngagementFakes::brazeUsers() const
{
    std::lock_guard lock(m_mutex);
    json users = json::object();
    for (const auto &profile : m_brazeProfiles)
        users[profile.contains("external_id") ? profile["external_id"].get<std::string>()
                                              : "braze_id:" + profile["braze_id"].get<std::string>()]
            = profile;
    return users;
}

json EngagementFakes::brazeEvents() const
{
    std::lock_guard lock(m_mutex);
    return m_brazeEvents;
}

json EngagementFakes::brazePurchases() const
{
    std::lock_guard lock(m_mutex);
    return m_brazePurchases;
}

json EngagementFakes::mixpanelEvents() const
{
    std::lock_guard lock(m_mutex);
    return m_mixpanelEvents;
}

json EngagementFakes::mixpanelProfiles() const
{
    std::lock_guard lock(m_mutex);
    return m_mixpanelProfiles;
}

json EngagementFakes::amplitudeEvents() const
{
    std::lock_guard lock(m_mutex);
    return m_amplitudeEvents;
}

json EngagementFakes::amplitudeUsers() const
{
    std::lock_guard lock(m_mutex);
    return m_amplitudeUsers;
}

json EngagementFakes::aepMessages() const
{
    std::lock_guard lock(m_mutex);
    return m_aepMessages;
}

json EngagementFakes::segmentItems() const
{
    std::lock_guard lock(m_mutex);
    return m_segmentItems;
}

json EngagementFakes::segmentDropped() const
{
    std::lock_guard lock(m_mutex);
    return m_segmentDropped;
}

json EngagementFakes::contents() const
{
    return {
        {"braze", {{"users", brazeUsers()}, {"events", brazeEvents()}, {"purchases", brazePurchases()}}},
        {"mixpanel", {{"events", mixpanelEvents()}, {"profiles", mixpanelProfiles()}}},
        {"amplitude", {{"events", amplitudeEvents()}, {"users", amplitudeUsers()}}},
        {"aep", {{"messages", aepMessages()}}},
        {"segment", {{"items", segmentItems()}, {"dropped", segmentDropped()}}},
    };
}

} // namespace sluice::fakes

#include "fakewebhookserver.h"

#include <algorithm>
#include <cctype>

namespace sluice::fakes {

using nlohmann::json;

namespace {

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

void answerJson(httplib::Response &response, int status, const json &body)
{
    response.status = status;
    response.set_content(body.dump(), "application/json");
}

} // namespace

std::string ReceivedRequest::header(std::string_view name) const
{
    for (const auto &[key, value] : headers)
        if (equalsIgnoringCase(key, name))
            return value;
    return {};
}

FakeWebhookServer::FakeWebhookServer(FakeWebhookBehaviour behaviour)
    : m_behaviour(std::move(behaviour)), m_rng(m_behaviour.seed)
{
    auto delivery
        = [this](const httplib::Request &request, httplib::Response &response) { handleDelivery(request, response); };
    auto other
        = [this](const httplib::Request &request, httplib::Response &response) { handleOther(request, response); };
    m_http.http()
        .Post(".*", delivery)
        .Put(".*", delivery)
        .Patch(".*", delivery)
        .Options(".*", other)
        .Get(".*", other)
        .Delete(".*", other);
    m_http.start();
}

FakeWebhookServer::~FakeWebhookServer()
{
    m_http.stop();
}

void FakeWebhookServer::setBehaviour(FakeWebhookBehaviour behaviour)
{
    std::lock_guard lock(m_mutex);
    if (behaviour.seed != m_behaviour.seed)
        m_rng.seed(behaviour.seed);
    m_behaviour = std::move(behaviour);
}

void FakeWebhookServer::reset()
{
    std::lock_guard lock(m_mutex);
    m_rng.seed(m_behaviour.seed);
    m_deliveryCount = 0;
    m_largestRequest = 0;
    m_requests.clear();
    m_records.clear();
    m_deliveriesPerKey.clear();
    m_totalDeliveries = 0;
}

std::size_t FakeWebhookServer::recordRequest(const httplib::Request &request)
{
    ReceivedRequest received;
    received.method = request.method;
    received.path = request.path;
    received.target = request.target;
    for (const auto &[name, value] : request.headers)
        received.headers.emplace_back(name, value);
    received.body = request.body;
    received.remotePort = request.remote_port;
    std::lock_guard lock(m_mutex);
    m_requests.push_back(std::move(received));
    return m_requests.size() - 1;
}

void FakeWebhookServer::finishRequest(std::size_t index, int status)
{
    std::lock_guard lock(m_mutex);
    // reset() may have run meanwhile.
    if (index < m_requests.size())
        m_requests[index].status = status;
}

bool FakeWebhookServer::authorized(const httplib::Request &request) const
{
    return m_behaviour.bearerToken.empty()
        || request.get_header_value("Authorization") == "Bearer " + m_behaviour.bearerToken;
}

FakeWebhookServer::Fault FakeWebhookServer::nextFault()
{
    // Called with m_mutex held, once per delivery, so the draws (and with
    // them the faults) follow the order in which deliveries arrive.
    const int n = ++m_deliveryCount;
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    const double rateDraw = uniform(m_rng);
    const double errorDraw = uniform(m_rng);
    const auto &b = m_behaviour;
    if (n <= b.rateLimitFirst || (b.rateLimitEvery > 0 && n % b.rateLimitEvery == 0) || rateDraw < b.rateLimitRate)
        return Fault::RateLimited;
    if (n <= b.serverErrorFirst || (b.serverErrorEvery > 0 && n % b.serverErrorEvery == 0)
        || errorDraw < b.serverErrorRate)
        return Fault::ServerError;
    return Fault::None;
}

void FakeWebhookServer::handleOther(const httplib::Request &request, httplib::Response &response)
{
    const std::size_t index = recordRequest(request);
    std::unique_lock lock(m_mutex);
    const bool pathOk = m_behaviour.path.empty() || request.path == m_behaviour.path;
    const bool authOk = authorized(request);
    lock.unlock();
    if (!authOk) {
        answerJson(response, 401, {{"error", "unauthorized"}});
    } else if (!pathOk) {
        answerJson(response, 404, {{"error", "no such webhook"}});
    } else if (request.method == "OPTIONS") {
        response.status = 204;
        response.set_header("Allow", "OPTIONS, POST, PUT, PATCH");
    } else {
        response.set_header("Allow", "OPTIONS, POST, PUT, PATCH");
        answerJson(response, 405, {{"error", "method not allowed"}});
    }
    finishRequest(index, response.status);
}

void FakeWebhookServer::handleDelivery(const httplib::Request &request, httplib::Response &response)
{
    const std::size_t index = recordRequest(request);
    std::unique_lock lock(m_mutex);
    const FakeWebhookBehaviour behaviour = m_behaviour;
    const bool authOk = authorized(request);
    const bool pathOk = behaviour.path.empty() || request.path == behaviour.path;
    const Fault fault = authOk && pathOk ? nextFault() : Fault::None;
    lock.unlock();

    const auto answer = [&](int status, const json &body) {
        answerJson(response, status, body);
        finishRequest(index, status);
    };
    if (behaviour.delayMs > 0 && !m_http.pause(std::chrono::milliseconds(behaviour.delayMs)))
        return answer(503, {{"error", "shutting down"}});
    if (!authOk)
        return answer(401, {{"error", "unauthorized"}});
    if (!pathOk)
        return answer(404, {{"error", "no such webhook"}});
    if (fault == Fault::RateLimited) {
        if (!behaviour.retryAfter.empty())
            response.set_header("Retry-After", behaviour.retryAfter);
        return answer(429, {{"error", "rate limited"}});
    }
    if (fault == Fault::ServerError)
        return answer(500, {{"error", "internal error"}});

    const json document = json::parse(request.body, nullptr, false);
    if (document.is_discarded())
        return answer(400, {{"error", "the body is not valid JSON"}});
    if (!document.is_object() || !document.contains("records") || !document["records"].is_array())
        return answer(400, {{"error", "the body has no \"records\" array"}});
    const json &records = document["records"];
    {
        std::lock_guard guard(m_mutex);
        m_largestRequest = std::max(m_largestRequest, static_cast<int>(records.size()));
    }
    if (behaviour.maxRecordsPerRequest > 0 && static_cast<int>(records.size()) > behaviour.maxRecordsPerRequest)
        return answer(
            413, {{"error", "at most " + std::to_string(behaviour.maxRecordsPerRequest) + " records per request"}});
    for (const auto &record : records)
        if (!record.is_object() || !record.contains("op") || !record.contains("key") || !record["key"].is_object())
            return answer(400, {{"error", "every record needs \"op\" and a \"key\" object"}});

    json errors = json::array();
    std::vector<bool> refused(records.size(), false);
    if (behaviour.rejectRecord) {
        for (std::size_t i = 0; i < records.size(); ++i) {
            if (auto message = behaviour.rejectRecord(records[i])) {
                refused[i] = true;
                errors.push_back({{"index", i}, {"message", *message}});
            }
        }
    }
    if (!errors.empty() && behaviour.rejectWholeBatch) {
        response.status = 400;
        finishRequest(index, 400);
        return;
    }

    {
        std::lock_guard guard(m_mutex);
        for (std::size_t i = 0; i < records.size(); ++i) {
            if (refused[i])
                continue;
            const json &record = records[i];
            const std::string key = record["key"].dump();
            if (record["op"] == "delete")
                m_records.erase(key);
            else
                m_records[key] = record.value("fields", json::object());
            ++m_deliveriesPerKey[key];
            ++m_totalDeliveries;
        }
    }
    if (!errors.empty())
        return answer(422, {{"errors", errors}});
    answer(200, {{"received", records.size()}});
}

std::vector<ReceivedRequest> FakeWebhookServer::requests() const
{
    std::lock_guard lock(m_mutex);
    return m_requests;
}

std::size_t FakeWebhookServer::requestCount() const
{
    std::lock_guard lock(m_mutex);
    return m_requests.size();
}

std::set<int> FakeWebhookServer::remotePorts() const
{
    std::lock_guard lock(m_mutex);
    std::set<int> ports;
    for (const auto &request : m_requests)
        ports.insert(request.remotePort);
    return ports;
}

int FakeWebhookServer::largestRequestRecords() const
{
    std::lock_guard lock(m_mutex);
    return m_largestRequest;
}

std::map<std::string, json> FakeWebhookServer::records() const
{
    std::lock_guard lock(m_mutex);
    return m_records;
}

std::size_t FakeWebhookServer::recordCount() const
{
    std::lock_guard lock(m_mutex);
    return m_records.size();
}

std::optional<json> FakeWebhookServer::record(const json &key) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_records.find(key.dump());
    if (it == m_records.end())
        return std::nullopt;
    return it->second;
}

int FakeWebhookServer::deliveries(const json &key) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_deliveriesPerKey.find(key.dump());
    return it == m_deliveriesPerKey.end() ? 0 : it->second;
}

int FakeWebhookServer::maxDeliveriesPerKey() const
{
    std::lock_guard lock(m_mutex);
    int most = 0;
    for (const auto &[key, count] : m_deliveriesPerKey)
        most = std::max(most, count);
    return most;
}

std::size_t FakeWebhookServer::totalDeliveries() const
{
    std::lock_guard lock(m_mutex);
    return m_totalDeliveries;
}

RecordCheck FakeWebhookServer::rejectWhenFieldLacks(std::string field, std::string needle)
{
    return [field = std::move(field), needle = std::move(needle)](const json &record) -> std::optional<std::string> {
        const auto fields = record.find("fields");
        if (fields == record.end() || !fields->is_object())
            return std::nullopt;
        const auto value = fields->find(field);
        if (value == fields->end() || !value->is_string())
            return std::nullopt;
        const auto text = value->get<std::string>();
        if (text.find(needle) != std::string::npos)
            return std::nullopt;
        return "'" + text + "' is not a valid " + field + ": it has no '" + needle + "'";
    };
}

} // namespace sluice::fakes

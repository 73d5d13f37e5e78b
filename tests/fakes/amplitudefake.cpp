// The Amplitude fake (engagementfakes.h): /2/httpapi, /identify and throttling.
#include "engagementfakes.h"
#include "engagementfakesupport.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace sluice::fakes {

using nlohmann::json;
using namespace engagement;
using SystemClock = std::chrono::system_clock;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kAmplitudeMaxBytes = 1024 * 1024; // a request must be < 1 MB
constexpr int kAmplitudeMaxEvents = 2000;               // fewer than 2,000

std::string urlDecode(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1]))
                   && std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out += char(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::map<std::string, std::string> formFields(std::string_view body)
{
    std::map<std::string, std::string> fields;
    while (!body.empty()) {
        const auto amp = body.find('&');
        const std::string_view pair = body.substr(0, amp);
        const auto eq = pair.find('=');
        fields[urlDecode(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : urlDecode(pair.substr(eq + 1));
        if (amp == std::string_view::npos)
            break;
        body.remove_prefix(amp + 1);
    }
    return fields;
}

} // namespace

// ---- Amplitude

bool EngagementFakes::amplitudeThrottle(const json &events, std::chrono::milliseconds pause, json &users, json &devices,
                                        std::vector<std::size_t> &throttledEvents)
{
    const AmplitudeFakeOptions &options = m_amplitudeOptions;
    const auto now = SteadyClock::now();
    const auto held = [&](const std::string &key) {
        const auto it = m_amplitudeThrottledUntil.find(key);
        return it != m_amplitudeThrottledUntil.end() && it->second > now;
    };
    // Ids still in their pause are throttled again; ids configured to be
    // throttled are throttled when the plan says so.
    std::set<std::string> named;
    bool configured = false;
    for (const auto &event : events) {
        if (!event.is_object())
            continue;
        if (nonEmptyString(event, "user_id") && options.throttleUsers.contains(event["user_id"].get<std::string>()))
            configured = true;
        if (nonEmptyString(event, "device_id")
            && options.throttleDevices.contains(event["device_id"].get<std::string>()))
            configured = true;
    }
    const bool throttleNow = configured && options.throttled.hits(++m_throttleCount);
    for (std::size_t i = 0; i < events.size(); ++i) {
        const json &event = events[i];
        if (!event.is_object())
            continue;
        bool throttled = false;
        if (nonEmptyString(event, "user_id")) {
            const std::string id = event["user_id"].get<std::string>();
            if (held("user:" + id) || (throttleNow && options.throttleUsers.contains(id))) {
                users[id] = options.throttledEps;
                named.insert("user:" + id);
                throttled = true;
            }
        }
        if (nonEmptyString(event, "device_id")) {
            const std::string id = event["device_id"].get<std::string>();
            if (held("device:" + id) || (throttleNow && options.throttleDevices.contains(id))) {
                devices[id] = options.throttledEps;
                named.insert("device:" + id);
                throttled = true;
            }
        }
        if (throttled)
            throttledEvents.push_back(i);
    }
    for (const auto &key : named)
        if (!held(key))
            m_amplitudeThrottledUntil[key] = now + pause;
    return !named.empty();
}

void EngagementFakes::handleAmplitudeEvents(const httplib::Request &request, httplib::Response &response)
{
    std::lock_guard lock(m_mutex);
    const std::size_t index = logRequest("amplitude", request, request.body);
    const int n = ++m_amplitudeCount;
    const AmplitudeFakeOptions &options = m_amplitudeOptions;
    const auto reply = [&](int status, const json &body) {
        answer(response, status, body);
        finish("amplitude", index, status);
    };
    const auto badRequest = [&](const std::string &error, json extra = json::object()) {
        json body = {{"code", 400}, {"error", error}};
        body.update(extra);
        reply(400, body);
    };
    if (options.serverError.hits(n))
        return reply(options.serverErrorStatus,
                     {{"code", options.serverErrorStatus}, {"error", "Service unavailable"}});
    if (request.body.size() >= kAmplitudeMaxBytes) {
        ++service("amplitude").stats.refusedForSize;
        return reply(413, {{"code", 413}, {"error", "Payload too large"}});
    }
    if (request.body.empty())
        return badRequest("Missing request body");
    const json body = json::parse(request.body, nullptr, false);
    if (!body.is_object())
        return badRequest("Invalid JSON request body");
    if (!body.contains("api_key") || !body["api_key"].is_string())
        return badRequest("Request missing required field", {{"missing_field", "api_key"}});
    if (body["api_key"] != m_token)
        return badRequest("Invalid API key");
    if (!body.contains("events") || !body["events"].is_array() || body["events"].empty())
        return badRequest("Request missing required field", {{"missing_field", "events"}});
    const json &events = body["events"];
    noteSize("amplitude", request.body.size(), int(events.size()));
    if (int(events.size()) >= kAmplitudeMaxEvents) {
        ++service("amplitude").stats.refusedForSize;
        return reply(413, {{"code", 413}, {"error", "Payload too large"}});
    }
    const int minIdLength = body.contains("options") && body["options"].is_object()
                                 && body["options"].value("min_id_length", json()).is_number_integer()
                              ? body["options"]["min_id_length"].get<int>()
                              : 5;
    static const std::set<std::string> invalidIds
        = {"anonymous", "null",  "none", "undefined", "unknown", "0", "-1", "00000000-0000-0000-0000-000000000000",
           "nil",       "lmy47d"};
    // The maps name the first offending event per field.
    json invalid = json::object();
    json missing = json::object();
    std::vector<json> accepted;
    for (std::size_t i = 0; i < events.size(); ++i) {
        json event = events[i];
        const auto flag = [&](json &map, const std::string &field) {
            if (!map.contains(field))
                map[field] = json::array({i});
        };
        if (!event.is_object()) {
            flag(invalid, "event");
            continue;
        }
        bool bad = false;
        if (!nonEmptyString(event, "event_type")) {
            flag(missing, "event_type");
            bad = true;
        }
        for (const char *key : {"user_id", "device_id"}) {
            if (!event.contains(key) || event[key].is_null())
                continue;
            if (!event[key].is_string() || invalidIds.contains(lower(event[key].get<std::string>()))) {
                flag(invalid, key);
                bad = true;
            } else if (int(event[key].get<std::string>().size()) < minIdLength) {
                event.erase(key); // too short: removed from the event
            }
        }
        if (!bad && !nonEmptyString(event, "user_id") && !nonEmptyString(event, "device_id")) {
            flag(missing, "user_id");
            bad = true;
        }
        if (event.contains("time") && !event["time"].is_number_integer() && !event["time"].is_number_unsigned()) {
            flag(invalid, "time");
            bad = true;
        }
        if (!bad)
            accepted.push_back(std::move(event));
    }
    if (!invalid.empty() || !missing.empty())
        return badRequest(invalid.empty() ? "Request missing required field" : "Invalid field values on some events",
                          {{"events_with_invalid_fields", invalid}, {"events_with_missing_fields", missing}});

    json users = json::object(), devices = json::object();
    std::vector<std::size_t> throttledEvents;
    if (amplitudeThrottle(events, options.throttlePause, users, devices, throttledEvents)) {
        if (options.ingestOthersOn429) {
            for (std::size_t i = 0; i < accepted.size(); ++i)
                if (std::find(throttledEvents.begin(), throttledEvents.end(), i) == throttledEvents.end()) {
                    const json &event = accepted[i];
                    const std::string who = nonEmptyString(event, "device_id")
                                              ? "device:" + event["device_id"].get<std::string>()
                                              : "user:" + event["user_id"].get<std::string>();
                    if (nonEmptyString(event, "insert_id")
                        && !m_amplitudeInsertIds
                                .emplace(who + "|" + event["insert_id"].get<std::string>(), SystemClock::now())
                                .second)
                        ++service("amplitude").stats.duplicatesIgnored;
                    else
                        m_amplitudeEvents.push_back(event);
                }
        }
        return reply(429, {{"code", 429},
                           {"error", "Too many requests for some devices and users"},
                           {"eps_threshold", 30},
                           {"throttled_devices", devices},
                           {"throttled_users", users},
                           {"throttled_events", throttledEvents}});
    }

    // Same insert_id on the same device (or user) within 7 days: ignored.
    const auto now = SystemClock::now();
    for (auto &event : accepted) {
        const std::string who = nonEmptyString(event, "device_id") ? "device:" + event["device_id"].get<std::string>()
                                                                   : "user:" + event["user_id"].get<std::string>();
        if (nonEmptyString(event, "insert_id")) {
            const std::string key = who + "|" + event["insert_id"].get<std::string>();
            const auto seen = m_amplitudeInsertIds.find(key);
            if (seen != m_amplitudeInsertIds.end() && now - seen->second < std::chrono::hours(24 * 7)) {
                ++service("amplitude").stats.duplicatesIgnored;
                continue;
            }
            m_amplitudeInsertIds[key] = now;
        }
        m_amplitudeEvents.push_back(std::move(event));
    }
    if (options.serverErrorAfterStore.hits(n))
        return reply(options.serverErrorAfterStoreStatus,
                     {{"code", options.serverErrorAfterStoreStatus}, {"error", "Internal server error"}});
    reply(200, {{"code", 200},
                {"events_ingested", accepted.size()},
                {"payload_size_bytes", request.body.size()},
                {"server_upload_time", nowMillis()}});
}

void EngagementFakes::handleAmplitudeIdentify(const httplib::Request &request, const std::string &body,
                                              httplib::Response &response)
{
    std::lock_guard lock(m_mutex);
    const std::size_t index = logRequest("amplitude", request, body);
    const int n = ++m_amplitudeCount;
    const AmplitudeFakeOptions &options = m_amplitudeOptions;
    const auto reply = [&](int status, const std::string &text) {
        response.status = status;
        response.set_content(text, "text/plain");
        finish("amplitude", index, status);
    };
    if (options.serverError.hits(n))
        return reply(options.serverErrorStatus, "service unavailable");
    if (body.size() >= kAmplitudeMaxBytes) {
        ++service("amplitude").stats.refusedForSize;
        answer(response, 413, {{"code", 413}, {"error", "Payload too large"}});
        return finish("amplitude", index, 413);
    }
    const auto fields = formFields(body);
    const auto key = fields.find("api_key");
    if (key == fields.end() || key->second != m_token) {
        answer(response, 400, {{"code", 400}, {"error", "Invalid API key"}});
        return finish("amplitude", index, 400);
    }
    const auto identification = fields.find("identification");
    json list = identification == fields.end() ? json() : json::parse(identification->second, nullptr, false);
    if (list.is_object())
        list = json::array({list});
    if (!list.is_array() || list.empty())
        return reply(400, "missing_event");
    noteSize("amplitude", body.size(), int(list.size()));
    if (int(list.size()) > kAmplitudeMaxEvents) {
        ++service("amplitude").stats.refusedForSize;
        return reply(400, "too many identifications");
    }
    static const std::set<std::string> operations
        = {"$set", "$setOnce", "$add", "$append", "$prepend", "$unset", "$preInsert", "$postInsert", "$remove"};
    for (const auto &entry : list) {
        if (!entry.is_object() || (!nonEmptyString(entry, "user_id") && !nonEmptyString(entry, "device_id")))
            return reply(400, "missing_event");
        const json properties = entry.value("user_properties", json::object());
        if (!properties.is_object())
            return reply(400, "missing_event");
        bool ops = false, plain = false;
        for (const auto &[name, value] : properties.items())
            (operations.contains(name) ? ops : plain) = true;
        if (ops && plain)
            return reply(400, "missing_event: user_properties mixes operations and plain keys");
    }
    json users = json::object(), devices = json::object();
    std::vector<std::size_t> throttled;
    if (amplitudeThrottle(list, options.identifyThrottlePause, users, devices, throttled)) {
        answer(response, 429,
               {{"code", 429},
                {"error", "Too many requests for some devices and users"},
                {"eps_threshold", 30},
                {"throttled_devices", devices},
                {"throttled_users", users},
                {"throttled_events", throttled}});
        return finish("amplitude", index, 429);
    }
    for (const auto &entry : list) {
        const std::string who = nonEmptyString(entry, "user_id") ? entry["user_id"].get<std::string>()
                                                                 : "device:" + entry["device_id"].get<std::string>();
        json &user = m_amplitudeUsers[who];
        if (!user.is_object())
            user = json::object();
        const json properties = entry.value("user_properties", json::object());
        for (const auto &[name, value] : properties.items()) {
            if (!operations.contains(name)) {
                user[name] = value;
                continue;
            }
            if (!value.is_object())
                continue;
            for (const auto &[property, operand] : value.items()) {
                if (name == "$set")
                    user[property] = operand;
                else if (name == "$setOnce" && !user.contains(property))
                    user[property] = operand;
                else if (name == "$unset")
                    user.erase(property);
                else if (name == "$add" && operand.is_number())
                    user[property] = user.value(property, 0.0) + operand.get<double>();
                else if (name == "$append" || name == "$postInsert" || name == "$prepend" || name == "$preInsert") {
                    json &items = user[property];
                    if (!items.is_array())
                        items = json::array();
                    if (name == "$append" || name == "$postInsert")
                        items.push_back(operand);
                    else
                        items.insert(items.begin(), operand);
                } else if (name == "$remove" && user.contains(property) && user[property].is_array()) {
                    auto &items = user[property];
                    items.erase(std::remove(items.begin(), items.end(), operand), items.end());
                }
            }
        }
    }
    reply(200, "success");
}

} // namespace sluice::fakes

// The Mixpanel fake (engagementfakes.h): /import and /engage.
#include "engagementfakes.h"
#include "engagementfakesupport.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace sluice::fakes {

using nlohmann::json;
using namespace engagement;

namespace {

constexpr std::size_t kMixpanelImportMaxBytes = 2'097'152;
constexpr int kMixpanelMaxRecords = 2000;
constexpr std::size_t kMixpanelMaxItemBytes = 1024 * 1024;

} // namespace

// ---- Mixpanel

void EngagementFakes::handleMixpanelImport(const httplib::Request &request, httplib::Response &response)
{
    std::lock_guard lock(m_mutex);
    const std::size_t index = logRequest("mixpanel", request, request.body);
    const int n = ++m_importCount;
    const MixpanelFakeOptions &options = m_mixpanelOptions;
    const auto reply = [&](int status, const json &body) {
        answer(response, status, body);
        finish("mixpanel", index, status);
    };
    const auto badRequest = [&](const std::string &error) {
        reply(400, {{"code", 400}, {"error", error}, {"status", "Bad Request"}});
    };

    // A service account (user:secret, with project_id) or the project token
    // as the username with an empty password.
    const auto credentials = basicCredentials(request);
    const std::string projectId = request.get_param_value("project_id");
    const bool tokenAuth = credentials && credentials->first == m_token && credentials->second.empty();
    const bool accountAuth = credentials && !credentials->first.empty() && credentials->second == m_token
                          && projectId == options.projectId;
    if (!tokenAuth && !accountAuth)
        return reply(401, {{"code", 401}, {"error", "Invalid credentials"}, {"status", "Unauthorized"}});
    if (options.importRateLimited.hits(n))
        return reply(429,
                     {{"code", 429},
                      {"error", "Project exceeded rate limits. Please retry the request with exponential backoff."},
                      {"status", "Too Many Requests"}});
    if (options.importServerError.hits(n))
        return reply(options.importServerErrorStatus, {{"code", options.importServerErrorStatus},
                                                       {"error", "Service Unavailable"},
                                                       {"status", "Service Unavailable"}});
    if (request.body.size() > kMixpanelImportMaxBytes) {
        ++service("mixpanel").stats.refusedForSize;
        return reply(413, {{"code", 413},
                           {"error", "request exceeds max limit of 2097152 bytes"},
                           {"status", "Request Entity Too Large"}});
    }

    json events = json::array();
    if (request.get_header_value("Content-Type").starts_with("application/x-ndjson")) {
        std::size_t start = 0;
        while (start < request.body.size()) {
            auto end = request.body.find('\n', start);
            if (end == std::string::npos)
                end = request.body.size();
            const std::string line = request.body.substr(start, end - start);
            if (!line.empty()) {
                json event = json::parse(line, nullptr, false);
                if (event.is_discarded())
                    return badRequest("invalid JSON on line " + std::to_string(events.size() + 1));
                events.push_back(std::move(event));
            }
            start = end + 1;
        }
    } else {
        events = json::parse(request.body, nullptr, false);
        if (events.is_object())
            events = json::array({events});
        if (!events.is_array())
            return badRequest("unable to parse the body: expected a JSON array of events");
    }
    noteSize("mixpanel", request.body.size(), int(events.size()));
    if (int(events.size()) > kMixpanelMaxRecords) {
        ++service("mixpanel").stats.refusedForSize;
        return badRequest("request exceeds max limit of 2000 events");
    }

    const bool strict = request.get_param_value("strict") == "1";
    const std::int64_t now = nowMillis();
    json failed = json::array();
    std::size_t imported = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const json &event = events[i];
        const json properties = event.is_object() ? event.value("properties", json()) : json();
        const json insertId = properties.is_object() ? properties.value("$insert_id", json()) : json();
        std::string field, message;
        std::int64_t timeMillis = 0;
        if (!event.is_object() || !nonEmptyString(event, "event")) {
            field = "event";
            message = "'event' must be a non-empty string";
        } else if (!properties.is_object()) {
            field = "properties";
            message = "'properties' must be an object";
        } else if (!properties.contains("time") || !properties["time"].is_number()) {
            field = "properties.time";
            message = "'properties.time' must be a number: seconds or milliseconds since the epoch";
        } else {
            const double t = properties["time"].get<double>();
            timeMillis = t < 1e11 ? std::int64_t(t * 1000) : std::int64_t(t);
            const std::string distinct = properties.contains("distinct_id") && properties["distinct_id"].is_string()
                                           ? lower(properties["distinct_id"].get<std::string>())
                                           : std::string();
            static const std::set<std::string> invalidIds
                = {"null", "undefined", "anonymous", "0", "-1", "[]", "{}", "nil", "none"};
            const std::string id = insertId.is_string() ? insertId.get<std::string>() : std::string();
            if (timeMillis < 31'536'000'000LL) {
                field = "properties.time";
                message = "'properties.time' is before 1971-01-01";
            } else if (timeMillis > now + 3'600'000) {
                field = "properties.time";
                message = "'properties.time' is more than 1 hour in the future";
            } else if (!properties.contains("distinct_id") || !properties["distinct_id"].is_string()
                       || invalidIds.contains(distinct)) {
                field = "properties.distinct_id";
                message = "'properties.distinct_id' is missing or invalid";
            } else if (id.empty() || id.size() > 36 || !std::all_of(id.begin(), id.end(), [](char c) {
                           return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
                       })) {
                field = "properties.$insert_id";
                message = "'properties.$insert_id' must be 1 to 36 letters, digits or '-'";
            } else if (dumped(event).size() >= kMixpanelMaxItemBytes) {
                field = "event";
                message = "event exceeds 1 MB";
            } else if (properties.size() >= 255) {
                field = "properties";
                message = "event has 255 properties or more";
            }
        }
        if (!field.empty()) {
            json entry = {{"index", i}, {"field", field}, {"message", message}};
            if (insertId.is_string())
                entry["$insert_id"] = insertId;
            failed.push_back(std::move(entry));
            continue;
        }
        ++imported;
        const std::string key = event["event"].get<std::string>() + '\x1f' + std::to_string(timeMillis) + '\x1f'
                              + properties["distinct_id"].get<std::string>() + '\x1f' + insertId.get<std::string>();
        if (!m_mixpanelKeys.insert(key).second) {
            ++service("mixpanel").stats.duplicatesIgnored;
            continue;
        }
        m_mixpanelEvents.push_back(event);
    }
    if (strict && !failed.empty())
        return reply(400, {{"code", 400},
                           {"error", "some data points in the request failed validation"},
                           {"failed_records", failed},
                           {"num_records_imported", imported},
                           {"status", "Bad Request"}});
    reply(200, {{"code", 200}, {"num_records_imported", imported}, {"status", "OK"}});
}

void EngagementFakes::handleMixpanelEngage(const httplib::Request &request, httplib::Response &response)
{
    std::lock_guard lock(m_mutex);
    const std::size_t index = logRequest("mixpanel", request, request.body);
    const int n = ++m_engageCount;
    const MixpanelFakeOptions &options = m_mixpanelOptions;
    const bool verbose = request.get_param_value("verbose") == "1";
    const auto reply = [&](int status, bool ok, const std::string &error) {
        if (verbose)
            answer(response, status, {{"status", ok ? 1 : 0}, {"error", ok ? json() : json(error)}});
        else {
            response.status = status;
            response.set_content(ok ? "1" : "0", "text/plain");
        }
        finish("mixpanel", index, status);
    };
    if (options.engageRateLimited.hits(n)) {
        answer(response, 429, {{"error", "rate limit exceeded"}, {"status", "error"}});
        return finish("mixpanel", index, 429);
    }
    if (options.engageServerError.hits(n)) {
        answer(response, 503, {{"error", "service unavailable"}, {"status", "error"}});
        return finish("mixpanel", index, 503);
    }
    json updates = json::parse(request.body, nullptr, false);
    if (updates.is_object())
        updates = json::array({updates});
    if (!updates.is_array())
        return reply(400, false, "unable to parse the body: expected a JSON array of updates");
    noteSize("mixpanel", request.body.size(), int(updates.size()));
    if (int(updates.size()) > kMixpanelMaxRecords) {
        ++service("mixpanel").stats.refusedForSize;
        return reply(400, false, "batch exceeds the limit of 2000 updates");
    }
    static const std::set<std::string> operations
        = {"$set", "$set_once", "$add", "$union", "$append", "$remove", "$unset", "$delete"};
    std::vector<bool> good(updates.size(), false);
    std::string firstProblem;
    for (std::size_t i = 0; i < updates.size(); ++i) {
        const json &update = updates[i];
        if (!update.is_object() || update.value("$token", json()) != m_token) {
            answer(response, 401, {{"error", "Invalid project token"}, {"status", "error"}});
            return finish("mixpanel", index, 401);
        }
        std::string problem;
        int ops = 0;
        for (const auto &[key, value] : update.items())
            if (operations.contains(key))
                ++ops;
        if (!nonEmptyString(update, "$distinct_id"))
            problem = "$distinct_id is missing or empty";
        else if (ops != 1)
            problem = "an update needs exactly one operation";
        else if (dumped(update).size() > kMixpanelMaxItemBytes)
            problem = "update exceeds 1 MB";
        else if (update.contains("$set") && !update["$set"].is_object())
            problem = "$set must be an object";
        else if (update.contains("$unset") && !update["$unset"].is_array())
            problem = "$unset must be an array of property names";
        if (problem.empty())
            good[i] = true;
        else if (firstProblem.empty())
            firstProblem = problem + " (update " + std::to_string(i) + ")";
    }
    const bool anyGood = std::find(good.begin(), good.end(), true) != good.end();
    if (!firstProblem.empty() && (options.engageBadUpdateSinksBatch || !anyGood))
        return reply(200, false, firstProblem);
    for (std::size_t i = 0; i < updates.size(); ++i) {
        if (!good[i])
            continue;
        const json &update = updates[i];
        const std::string id = update["$distinct_id"].get<std::string>();
        if (update.contains("$delete")) {
            m_mixpanelProfiles.erase(id);
            continue;
        }
        json &profile = m_mixpanelProfiles[id];
        if (!profile.is_object())
            profile = json::object();
        if (update.contains("$set"))
            for (const auto &[key, value] : update["$set"].items())
                profile[key] = value;
        if (update.contains("$set_once"))
            for (const auto &[key, value] : update["$set_once"].items())
                if (!profile.contains(key))
                    profile[key] = value;
        if (update.contains("$unset"))
            for (const auto &key : update["$unset"])
                if (key.is_string())
                    profile.erase(key.get<std::string>());
        if (update.contains("$add"))
            for (const auto &[key, value] : update["$add"].items())
                if (value.is_number())
                    profile[key] = profile.value(key, 0.0) + value.get<double>();
        for (const char *op : {"$append", "$union"})
            if (update.contains(op))
                for (const auto &[key, value] : update[op].items()) {
                    json &list = profile[key];
                    if (!list.is_array())
                        list = json::array();
                    const json values
                        = value.is_array() && std::string_view(op) == "$union" ? value : json::array({value});
                    for (const auto &v : values)
                        if (std::string_view(op) == "$append" || std::find(list.begin(), list.end(), v) == list.end())
                            list.push_back(v);
                }
        if (update.contains("$remove"))
            for (const auto &[key, value] : update["$remove"].items())
                if (profile.contains(key) && profile[key].is_array()) {
                    auto &list = profile[key];
                    list.erase(std::remove(list.begin(), list.end(), value), list.end());
                }
    }
    reply(200, true, "");
}

} // namespace sluice::fakes

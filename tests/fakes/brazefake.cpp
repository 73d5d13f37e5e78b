// The Braze fake (engagementfakes.h): /users/track and its profile store.
#include "engagementfakes.h"
#include "engagementfakesupport.h"

#include <algorithm>
#include <map>
#include <regex>

namespace sluice::fakes {

using nlohmann::json;
using namespace engagement;
using SystemClock = std::chrono::system_clock;

namespace {

std::int64_t nowSeconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(SystemClock::now().time_since_epoch()).count();
}

bool isIsoTime(const json &value)
{
    static const std::regex iso(
        R"(^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$)");
    return value.is_string() && std::regex_match(value.get<std::string>(), iso);
}

} // namespace

// ---- Braze

json *EngagementFakes::brazeFind(const json &object)
{
    const auto byKey = [&](const char *key, const json &value) -> json * {
        for (auto &profile : m_brazeProfiles)
            if (profile.contains(key) && profile[key] == value)
                return &profile;
        return nullptr;
    };
    if (nonEmptyString(object, "external_id"))
        return byKey("external_id", object["external_id"]);
    if (nonEmptyString(object, "braze_id"))
        return byKey("braze_id", object["braze_id"]);
    if (object.contains("user_alias") && object["user_alias"].is_object())
        return byKey("user_alias", object["user_alias"]);
    // Several profiles sharing an email (or phone): the most recently
    // updated, preferring one with an external id.
    for (const char *key : {"email", "phone"}) {
        if (!nonEmptyString(object, key))
            continue;
        json *best = nullptr;
        const auto rank = [&](const json &p) {
            return std::pair{p.contains("external_id"), m_brazeUpdated[p["braze_id"].get<std::string>()]};
        };
        for (auto &profile : m_brazeProfiles)
            if (profile.contains(key) && profile[key] == object[key] && (!best || rank(profile) > rank(*best)))
                best = &profile;
        return best;
    }
    return nullptr;
}

json *EngagementFakes::brazeResolve(const json &object, bool forAttributes)
{
    if (json *found = brazeFind(object))
        return found;
    // Creating: by external_id unless "_update_existing_only" is true; an
    // alias, email or phone only profile only when it is explicitly false;
    // an unknown braze_id never.
    const json updateOnly = object.value("_update_existing_only", json());
    const bool byExternalId = nonEmptyString(object, "external_id");
    bool create = byExternalId ? updateOnly != true : updateOnly == false;
    if (!forAttributes)
        create = byExternalId;
    if (!create || nonEmptyString(object, "braze_id"))
        return nullptr;
    json profile = json::object();
    profile["braze_id"] = "bz-" + std::to_string(m_brazeProfiles.size() + 1);
    for (const char *key : {"external_id", "user_alias", "email", "phone"})
        if (object.contains(key) && !object[key].is_null())
            profile[key] = object[key];
    m_brazeProfiles.push_back(std::move(profile));
    return &m_brazeProfiles.back();
}

void EngagementFakes::handleBraze(const httplib::Request &request, httplib::Response &response)
{
    std::lock_guard lock(m_mutex);
    const std::size_t index = logRequest("braze", request, request.body);
    const int n = ++m_brazeCount;
    const BrazeFakeOptions &options = m_brazeOptions;
    const auto reply = [&](int status, const json &body) {
        answer(response, status, body);
        finish("braze", index, status);
    };
    // Every answer carries the rate-limit headers, lower-case as over HTTP/2.
    const bool limited = options.rateLimited.hits(n);
    response.set_header("x-ratelimit-limit", "3000");
    response.set_header("x-ratelimit-remaining", limited ? "0" : "2999");
    response.set_header("x-ratelimit-reset", std::to_string(nowSeconds() + options.resetSeconds));

    if (request.get_header_value("Authorization") != "Bearer " + m_token)
        return reply(401, {{"message", "Invalid API key"}});
    if (limited) {
        if (options.sendRetryAfter)
            response.set_header("Retry-After", std::to_string(options.resetSeconds));
        return reply(429, {{"message", "Too Many Requests"}});
    }
    if (options.serverError.hits(n))
        return reply(options.serverErrorStatus, {{"message", "Service Unavailable"}});

    const json body = json::parse(request.body, nullptr, false);
    if (!body.is_object())
        return reply(400, {{"message", "Received unparseable request: the body must be a JSON object"}});
    static const char *kArrays[] = {"attributes", "events", "purchases"};
    std::size_t total = 0;
    std::size_t largestArray = 0;
    for (const char *name : kArrays) {
        if (!body.contains(name))
            continue;
        if (!body[name].is_array())
            return reply(400, {{"message", std::string("'") + name + "' must be an array"}});
        total += body[name].size();
        largestArray = std::max(largestArray, body[name].size());
    }
    noteSize("braze", request.body.size(), int(total));
    const bool overLimit = options.limit == BrazeFakeOptions::Limit::PerArray75 ? largestArray > 75
                         : options.limit == BrazeFakeOptions::Limit::Combined75 ? total > 75
                                                                                : total > 50;
    if (overLimit) {
        ++service("braze").stats.refusedForSize;
        return reply(400, {{"message", "Max Input Length Exceeded"}, {"errors", json::array()}});
    }

    json errors = json::array();
    std::map<std::string, std::vector<std::size_t>> valid;
    for (const char *name : kArrays) {
        if (!body.contains(name))
            continue;
        const json &array = body[name];
        for (std::size_t i = 0; i < array.size(); ++i) {
            const json &object = array[i];
            std::string problem;
            const bool identified = nonEmptyString(object, "external_id") || nonEmptyString(object, "braze_id")
                                 || nonEmptyString(object, "email") || nonEmptyString(object, "phone")
                                 || (object.contains("user_alias") && object["user_alias"].is_object()
                                     && nonEmptyString(object["user_alias"], "alias_name")
                                     && nonEmptyString(object["user_alias"], "alias_label"));
            if (!object.is_object() || !identified) {
                problem = "'external_id' or 'braze_id' or 'user_alias' is required";
            } else if (object.contains("email") && !object["email"].is_null()
                       && (!object["email"].is_string()
                           || object["email"].get<std::string>().find('@') == std::string::npos)) {
                problem = "The value provided for the 'email' field is not a valid email.";
            } else if (std::string_view(name) == "events") {
                if (!nonEmptyString(object, "name"))
                    problem = "'name' is required";
                else if (!isIsoTime(object.value("time", json())))
                    problem = "'time' must be a valid ISO 8601 time";
            } else if (std::string_view(name) == "purchases") {
                if (!nonEmptyString(object, "product_id"))
                    problem = "'product_id' is required";
                else if (!object.contains("currency") || !object["currency"].is_string()
                         || object["currency"].get<std::string>().size() != 3)
                    problem = "'currency' must be a three-letter ISO 4217 code";
                else if (!object.contains("price") || !object["price"].is_number())
                    problem = "'price' must be a number";
                else if (object.contains("quantity")
                         && (!object["quantity"].is_number_integer() || object["quantity"].get<int>() < 1
                             || object["quantity"].get<int>() > 100))
                    problem = "'quantity' must be an integer from 1 to 100";
                else if (!isIsoTime(object.value("time", json())))
                    problem = "'time' must be a valid ISO 8601 time";
            }
            if (problem.empty())
                valid[name].push_back(i);
            else
                errors.push_back({{"type", problem}, {"input_array", name}, {"index", i}});
        }
    }
    std::size_t validCount = 0;
    for (const auto &[name, indexes] : valid)
        validCount += indexes.size();
    if (validCount == 0)
        return reply(400, {{"message", "Valid data must be provided in the 'attributes', 'events', or 'purchases' "
                                       "fields."},
                           {"errors", errors}});

    for (const std::size_t i : valid["attributes"]) {
        const json &object = body["attributes"][i];
        json *profile = brazeResolve(object, true);
        if (!profile)
            continue; // processed: an update of a profile that does not exist changes nothing
        for (const auto &[key, value] : object.items()) {
            if (key == "_update_existing_only" || key == "braze_id")
                continue;
            if (value.is_null())
                profile->erase(key);
            else
                (*profile)[key] = value;
        }
        m_brazeUpdated[(*profile)["braze_id"].get<std::string>()] = ++m_brazeSequence;
    }
    for (const char *name : {"events", "purchases"}) {
        for (const std::size_t i : valid[name]) {
            json stored = body[name][i];
            if (json *profile = brazeResolve(stored, false))
                stored["braze_id"] = (*profile)["braze_id"];
            (std::string_view(name) == "events" ? m_brazeEvents : m_brazePurchases).push_back(std::move(stored));
        }
    }

    if (options.queued.hits(n))
        return reply(202, {{"message", "queued"}});
    json result = {{"message", "success"}};
    for (const char *name : kArrays)
        if (body.contains(name))
            result[std::string(name) + "_processed"] = valid[name].size();
    if (!errors.empty())
        result["errors"] = errors;
    reply(201, result);
}

} // namespace sluice::fakes

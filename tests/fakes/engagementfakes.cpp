#include "engagementfakes.h"

#include "saassandbox.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace sluice::fakes {

using nlohmann::json;
using SystemClock = std::chrono::system_clock;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kMixpanelImportMaxBytes = 2'097'152;
constexpr int kMixpanelMaxRecords = 2000;
constexpr std::size_t kMixpanelMaxItemBytes = 1024 * 1024;
constexpr std::size_t kAmplitudeMaxBytes = 1024 * 1024; // a request must be < 1 MB
constexpr int kAmplitudeMaxEvents = 2000;                // fewer than 2,000
constexpr std::size_t kAepMaxBytes = 1024 * 1024;
constexpr std::size_t kSegmentMaxBytes = 500 * 1024;
constexpr std::size_t kSegmentMaxItemBytes = 32 * 1024;
constexpr std::size_t kSegmentMaxItems = 2500;

std::int64_t nowMillis()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(SystemClock::now().time_since_epoch()).count();
}

std::int64_t nowSeconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(SystemClock::now().time_since_epoch()).count();
}

void answer(httplib::Response &response, int status, const json &body)
{
    response.status = status;
    response.set_content(body.dump(), "application/json");
}

std::string dumped(const json &value)
{
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string base64Decode(std::string_view text)
{
    static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    int bits = 0;
    unsigned value = 0;
    for (char c : text) {
        if (c == '=')
            break;
        const auto position = alphabet.find(c);
        if (position == std::string::npos)
            return {};
        value = (value << 6) | unsigned(position);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += char((value >> bits) & 0xFF);
        }
    }
    return out;
}

// "Basic base64(user:password)" -> {user, password}; nullopt when not Basic.
std::optional<std::pair<std::string, std::string>> basicCredentials(const httplib::Request &request)
{
    const std::string header = request.get_header_value("Authorization");
    if (!header.starts_with("Basic "))
        return std::nullopt;
    const std::string decoded = base64Decode(header.substr(6));
    const auto colon = decoded.find(':');
    if (colon == std::string::npos)
        return std::nullopt;
    return std::pair{decoded.substr(0, colon), decoded.substr(colon + 1)};
}

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

bool isIsoTime(const json &value)
{
    static const std::regex iso(
        R"(^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$)");
    return value.is_string() && std::regex_match(value.get<std::string>(), iso);
}

bool nonEmptyString(const json &object, const char *key)
{
    return object.contains(key) && object[key].is_string() && !object[key].get<std::string>().empty();
}

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

} // namespace

EngagementFakes::EngagementFakes(const SandboxOptions &options)
    : m_token(options.token)
{
}

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
        return reply(429, {{"code", 429},
                           {"error", "Project exceeded rate limits. Please retry the request with exponential backoff."},
                           {"status", "Too Many Requests"}});
    if (options.importServerError.hits(n))
        return reply(options.importServerErrorStatus,
                     {{"code", options.importServerErrorStatus}, {"error", "Service Unavailable"},
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
            static const std::set<std::string> invalidIds = {"null", "undefined", "anonymous", "0", "-1",
                                                             "[]", "{}", "nil", "none"};
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
            } else if (id.empty() || id.size() > 36
                       || !std::all_of(id.begin(), id.end(),
                                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; })) {
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
                                + properties["distinct_id"].get<std::string>() + '\x1f'
                                + insertId.get<std::string>();
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
    static const std::set<std::string> operations = {"$set", "$set_once", "$add", "$union", "$append",
                                                     "$remove", "$unset", "$delete"};
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
                    const json values = value.is_array() && std::string_view(op) == "$union" ? value : json::array({value});
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

// ---- Amplitude

bool EngagementFakes::amplitudeThrottle(const json &events, std::chrono::milliseconds pause, json &users,
                                        json &devices, std::vector<std::size_t> &throttledEvents)
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
        return reply(options.serverErrorStatus, {{"code", options.serverErrorStatus}, {"error", "Service unavailable"}});
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
    static const std::set<std::string> invalidIds = {"anonymous", "null", "none", "undefined", "unknown", "0", "-1",
                                                      "00000000-0000-0000-0000-000000000000", "nil", "lmy47d"};
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
                        && !m_amplitudeInsertIds.emplace(who + "|" + event["insert_id"].get<std::string>(),
                                                         SystemClock::now())
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
    static const std::set<std::string> operations = {"$set",    "$setOnce",   "$add",        "$append", "$prepend",
                                                     "$unset",  "$preInsert", "$postInsert", "$remove"};
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
        answer(response, 429, {{"code", 429},
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

// ---- Adobe Experience Platform

void EngagementFakes::handleAep(const httplib::Request &request, httplib::Response &response, bool batch)
{
    std::lock_guard lock(m_mutex);
    const std::size_t index = logRequest("aep", request, request.body);
    const int n = ++m_aepCount;
    const AepFakeOptions &options = m_aepOptions;
    const std::string connection = request.matches.size() > 1 ? std::string(request.matches[1]) : std::string();
    const auto reply = [&](int status, const json &body) {
        answer(response, status, body);
        finish("aep", index, status);
    };
    const auto error = [&](int status, const std::string &title, const std::string &message) {
        reply(status, {{"type", "https://ns.adobe.com/aep/errors/" + std::to_string(status)},
                       {"status", status},
                       {"title", title},
                       {"message", message}});
    };
    if (options.authenticated) {
        const std::string authorization = request.get_header_value("Authorization");
        if (authorization.empty())
            return error(401, "Unauthorized", "Authorization header is missing on an authenticated connection");
        if (authorization != "Bearer " + m_token)
            return error(403, "Forbidden", "The access token is invalid or expired");
    }
    if (!options.connectionId.empty() && connection != options.connectionId)
        return error(404, "Not Found", "No streaming connection " + connection);
    if (options.rateLimited.hits(n))
        return error(429, "Too Many Requests", "Too many requests");
    if (options.serverError.hits(n))
        return error(options.serverErrorStatus, "Service Unavailable", "Service unavailable");
    if (request.body.size() > kAepMaxBytes) {
        ++service("aep").stats.refusedForSize;
        return error(413, "Payload Too Large", "The request body exceeds 1 MB");
    }
    const json body = json::parse(request.body, nullptr, false);
    if (body.is_discarded())
        return error(400, "Bad Request", "The body is not valid JSON");

    const std::int64_t received = nowMillis();
    // One message: its status, or nullopt when accepted (and stored).
    const auto ingest = [&](const json &message) -> std::optional<std::string> {
        if (!message.is_object())
            return "Invalid message: Message has unknown xdm format";
        if (!message.contains("header") || !message["header"].is_object())
            return "Missing header: Message has unknown xdm format";
        json header = message["header"];
        if (!header.contains("schemaRef") || !header["schemaRef"].is_object() || !nonEmptyString(header["schemaRef"], "id"))
            return "Missing schemaRef in header: Message has unknown xdm format";
        if (header.contains("imsOrgId") && header["imsOrgId"] != options.imsOrgId)
            return "The IMS org in the header does not match the connection's";
        header["imsOrgId"] = options.imsOrgId; // added when absent
        if (!nonEmptyString(header, "datasetId"))
            return "Missing datasetId in header";
        if (!message.contains("body") || !message["body"].is_object())
            return "Missing body: Message has unknown xdm format";
        if (!message["body"].contains("xdmEntity") || !message["body"]["xdmEntity"].is_object())
            return "Missing xdmEntity in body: Message has unknown xdm format";
        if (options.rejectMessage)
            if (auto problem = options.rejectMessage(message))
                return *problem;
        m_aepMessages.push_back({{"connectionId", connection}, {"header", header}, {"body", message["body"]}});
        return std::nullopt;
    };
    if (!batch) {
        noteSize("aep", request.body.size(), 1);
        if (auto problem = ingest(body))
            return error(400, "Bad Request", *problem);
        return reply(200, {{"inletId", connection},
                           {"xactionId", std::to_string(received) + ":" + std::to_string(++m_aepTransactions) + ":0"},
                           {"receivedTimeMs", received}});
    }
    if (!body.is_object() || !body.contains("messages") || !body["messages"].is_array())
        return error(400, "Bad Request", "The body needs a \"messages\" array");
    const json &messages = body["messages"];
    noteSize("aep", request.body.size(), int(messages.size()));
    const int transaction = ++m_aepTransactions;
    json responses = json::array();
    for (std::size_t i = 0; i < messages.size(); ++i) {
        if (auto problem = ingest(messages[i]))
            responses.push_back({{"statusCode", 400}, {"message", *problem}});
        else
            responses.push_back({{"xactionId", std::to_string(received) + ":" + std::to_string(transaction) + ":"
                                                   + std::to_string(i)}});
    }
    // Always 207, whether all, some or none of the messages were accepted.
    reply(207, {{"inletId", connection},
                {"batchId", std::to_string(received) + ":" + std::to_string(transaction)},
                {"receivedTimeMs", received},
                {"responses", responses}});
}

// ---- Segment

void EngagementFakes::handleSegment(const httplib::Request &request, httplib::Response &response)
{
    std::lock_guard lock(m_mutex);
    const std::size_t index = logRequest("segment", request, request.body);
    const int n = ++m_segmentCount;
    const SegmentFakeOptions &options = m_segmentOptions;
    const auto reply = [&](int status, const json &body) {
        answer(response, status, body);
        finish("segment", index, status);
    };
    const json body = json::parse(request.body, nullptr, false);
    const auto credentials = basicCredentials(request);
    const bool keyInHeader = credentials && credentials->first == m_token;
    const bool keyInBody = body.is_object() && body.value("writeKey", json()) == m_token;
    if (!keyInHeader && !keyInBody)
        return reply(401, {{"success", false}, {"error", "Invalid write key"}});
    if (options.rateLimited.hits(n)) {
        if (!options.retryAfter.empty())
            response.set_header("Retry-After", options.retryAfter);
        if (!options.rateLimitReset.empty())
            response.set_header("X-RateLimit-Reset", options.rateLimitReset);
        return reply(429, {{"success", false}, {"error", "Too Many Requests"}});
    }
    if (options.serverError.hits(n))
        return reply(options.serverErrorStatus, {{"success", false}, {"error", "Internal Server Error"}});
    // 400 only for oversize payloads and invalid JSON.
    if (request.body.size() > kSegmentMaxBytes) {
        ++service("segment").stats.refusedForSize;
        return reply(400, {{"success", false}, {"error", "Payload too large: the batch exceeds 500 KB"}});
    }
    if (body.is_discarded() || !body.is_object() || !body.contains("batch") || !body["batch"].is_array())
        return reply(400, {{"success", false}, {"error", "Invalid JSON: a \"batch\" array is required"}});
    const json &items = body["batch"];
    noteSize("segment", request.body.size(), int(items.size()));
    for (const auto &item : items)
        if (dumped(item).size() > kSegmentMaxItemBytes) {
            ++service("segment").stats.refusedForSize;
            return reply(400, {{"success", false}, {"error", "Payload too large: an item exceeds 32 KB"}});
        }
    static const std::set<std::string> types = {"identify", "track", "page", "screen", "group", "alias"};
    for (std::size_t i = 0; i < items.size(); ++i) {
        json item = items[i];
        const auto drop = [&](const std::string &reason) { m_segmentDropped.push_back({{"item", item}, {"reason", reason}}); };
        if (i >= kSegmentMaxItems) {
            drop("past the 2,500 items of a batch");
            continue;
        }
        if (!item.is_object() || !nonEmptyString(item, "type") || !types.contains(item["type"].get<std::string>())) {
            drop("no valid type");
            continue;
        }
        // Top-level context and integrations are merged into every item.
        for (const char *shared : {"context", "integrations"})
            if (body.contains(shared) && body[shared].is_object()) {
                json merged = body[shared];
                if (item.contains(shared) && item[shared].is_object())
                    merged.update(item[shared]);
                item[shared] = merged;
            }
        const std::string type = item["type"].get<std::string>();
        if (!nonEmptyString(item, "userId") && !nonEmptyString(item, "anonymousId")) {
            drop("neither userId nor anonymousId");
            continue;
        }
        if (type == "track" && !nonEmptyString(item, "event")) {
            drop("track without event");
            continue;
        }
        if (nonEmptyString(item, "messageId")) {
            const std::string id = item["messageId"].get<std::string>();
            if (id.size() >= 100) {
                drop("messageId of 100 characters or more");
                continue;
            }
            if (!m_segmentMessageIds.insert(id).second) {
                ++service("segment").stats.duplicatesIgnored;
                continue;
            }
        } else {
            item["messageId"] = "sandbox-" + std::to_string(m_segmentItems.size() + 1);
        }
        m_segmentItems.push_back(std::move(item));
    }
    reply(200, {{"success", true}});
}

// ---- stores

json EngagementFakes::brazeUsers() const
{
    std::lock_guard lock(m_mutex);
    json users = json::object();
    for (const auto &profile : m_brazeProfiles)
        users[profile.contains("external_id") ? profile["external_id"].get<std::string>()
                                              : "braze_id:" + profile["braze_id"].get<std::string>()] = profile;
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

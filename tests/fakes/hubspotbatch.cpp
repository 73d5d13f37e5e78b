// HubSpot batch requests (crmfakes.h): faults, then create, upsert, update,
// read and archive of up to 100 inputs.
#include "crmfakes.h"
#include "crmfakesupport.h"

#include <algorithm>
#include <map>
#include <set>

namespace sluice::fakes {

using nlohmann::json;
using namespace crm;

namespace {

constexpr int kHubspotMaxInputs = 100;

// HubSpot's singular, upper-case name of an object in its messages.
std::string hsNoun(const std::string &object)
{
    return object == "companies" ? "Company" : "Contact";
}

} // namespace

void CrmFakes::hsBatch(const httplib::Request &request, httplib::Response &response, const std::string &object,
                       const std::string &operation, std::size_t index)
{
    const HubspotBehaviour &b = m_hsBehaviour;
    const int n = ++m_hsBatchCount;
    auto error
        = [&](int status, const std::string &category, const std::string &message, const json &extra = json::object()) {
              answerHubspotError(response, index, status, category, message, extra);
          };
    // Faults first: the service refuses before reading the body.
    if (b.dailyLimitReached) {
        response.set_header("X-HubSpot-RateLimit-Daily-Remaining", "0");
        return answer(response, 429,
                      json{{"status", "error"},
                           {"message", "You have reached your daily limit."},
                           {"errorType", "RATE_LIMIT"},
                           {"correlationId", correlationId(int(index))},
                           {"policyName", "DAILY"},
                           {"requestId", correlationId(n)}});
    }
    if (n <= b.rateLimitFirst || (b.rateLimitEvery > 0 && n % b.rateLimitEvery == 0)) {
        response.set_header("X-HubSpot-RateLimit-Remaining", "0");
        if (!b.retryAfter.empty())
            response.set_header("Retry-After", b.retryAfter);
        return answer(response, 429,
                      json{{"status", "error"},
                           {"message", "You have reached your ten_secondly_rolling limit."},
                           {"errorType", "RATE_LIMIT"},
                           {"correlationId", correlationId(int(index))},
                           {"policyName", "TEN_SECONDLY_ROLLING"},
                           {"requestId", correlationId(n)}});
    }
    response.set_header("X-HubSpot-RateLimit-Remaining", "99");
    if (n <= b.lockedFirst)
        return error(423, "LOCKED", "The record is locked by a high volume of writes; try again in a few seconds");
    if (n <= b.serverErrorFirst || (b.serverErrorEvery > 0 && n % b.serverErrorEvery == 0))
        return error(b.serverErrorStatus, "INTERNAL_ERROR", "internal error");

    const json body = json::parse(request.body, nullptr, false);
    if (!body.is_object())
        return error(400, "VALIDATION_ERROR", "Invalid input JSON on line 1, column 1: the body is not a JSON object");
    if (!body.contains("inputs") || !body["inputs"].is_array())
        return error(400, "VALIDATION_ERROR", "Invalid input JSON: \"inputs\" must be an array");
    const json &inputs = body["inputs"];
    const int count = static_cast<int>(inputs.size());
    m_requests[index].records = count;
    m_hsLargest = std::max(m_hsLargest, count);
    if (count > kHubspotMaxInputs)
        return error(400, "VALIDATION_ERROR",
                     "Batch input size " + std::to_string(count) + " exceeds the limit of "
                         + std::to_string(kHubspotMaxInputs) + " inputs");
    for (const auto &input : inputs)
        if (!input.is_object())
            return error(400, "VALIDATION_ERROR", "Invalid input JSON: every input must be an object");
    auto &store = m_hsRecords[object];
    json results = json::array();
    json errors = json::array();
    auto finish = [&](int okStatus) {
        std::reverse(results.begin(), results.end()); // HubSpot promises no order
        json out = {{"status", "COMPLETE"},
                    {"results", results},
                    {"startedAt", isoAt(m_hsClock)},
                    {"completedAt", isoAt(m_hsClock)}};
        if (!errors.empty()) {
            out["numErrors"] = errors.size();
            out["errors"] = errors;
        }
        answer(response, errors.empty() ? okStatus : 207, out);
    };
    auto notFound = [&](const std::vector<std::string> &ids) {
        if (!ids.empty())
            errors.push_back(
                json{{"status", "error"},
                     {"category", "OBJECT_NOT_FOUND"},
                     {"message", "Could not get some " + std::string(object == "companies" ? "COMPANY" : "CONTACT")
                                     + " objects, they may be deleted or not exist. Check that ids are valid."},
                     {"context", {{"ids", ids}}}});
    };
    auto uniqueIdProperty = [&](const std::string &name) {
        if (object == "contacts" && name == "email")
            return true;
        for (const auto &p : m_hsProperties[object])
            if (p.name == name)
                return p.unique;
        return false;
    };
    auto norm = [](const std::string &property, const std::string &value) {
        return property == "email" ? lower(value) : value;
    };
    auto apply = [&](HsRecord &record, const json &properties) {
        for (const auto &[name, value] : properties.items()) {
            const std::string text = value.is_string() ? value.get<std::string>() : std::string();
            if (text.empty())
                record.properties.erase(name);
            else
                record.properties[name] = norm(name, text);
        }
        record.updatedAt = hsNow();
    };
    // Per-input property value errors, as one error object (nullopt: valid).
    auto invalid = [&](const json &input, const json &context) -> std::optional<json> {
        json nested = json::array();
        if (input.contains("properties"))
            for (const auto &[name, value] : input["properties"].items())
                if (auto e = hsCheckValue(object, name, value))
                    nested.push_back(*e);
        if (nested.empty())
            return std::nullopt;
        return json{{"status", "error"},
                    {"category", "VALIDATION_ERROR"},
                    {"message", "Property values were not valid"},
                    {"context", context},
                    {"errors", nested}};
    };

    if (operation == "read" || operation == "archive") {
        if (operation == "archive") {
            for (const auto &input : inputs) {
                const std::string id = input.contains("id") ? textOf(input["id"]) : std::string();
                if (isInteger(id))
                    store.erase(std::stoll(id));
            }
            response.status = 204;
            return;
        }
        const std::string idProperty = body.value("idProperty", "");
        std::vector<std::string> wanted;
        if (body.contains("properties") && body["properties"].is_array())
            for (const auto &p : body["properties"])
                if (p.is_string())
                    wanted.push_back(p.get<std::string>());
        std::vector<std::string> missing;
        for (const auto &input : inputs) {
            const std::string id = input.contains("id") ? textOf(input["id"]) : std::string();
            HsRecord *record = hsFind(object, idProperty, id);
            if (!record) {
                missing.push_back(id);
                continue;
            }
            json properties = {{"hs_object_id", record->id},
                               {"createdate", record->createdAt},
                               {"lastmodifieddate", record->updatedAt}};
            for (const auto &name : wanted)
                properties[name] = record->properties.contains(name) ? record->properties[name] : json(nullptr);
            results.push_back(json{{"id", record->id},
                                   {"properties", properties},
                                   {"createdAt", record->createdAt},
                                   {"updatedAt", record->updatedAt},
                                   {"archived", false}});
        }
        notFound(missing);
        return finish(200);
    }

    if (auto refused = hsUnknownProperties(object, inputs)) {
        (*refused)["correlationId"] = correlationId(int(index));
        return answer(response, 400, *refused);
    }

    if (operation == "upsert") {
        std::set<std::string> seen;
        for (const auto &input : inputs) {
            const std::string idProperty = input.value("idProperty", "");
            if (idProperty.empty() || !uniqueIdProperty(idProperty))
                return error(400, "VALIDATION_ERROR",
                             "idProperty '" + idProperty + "' is not a property with unique values on " + object);
            if (!input.contains("id") || !input["id"].is_string() || input["id"].get<std::string>().empty())
                return error(400, "VALIDATION_ERROR", "Every upsert input needs a non-empty \"id\"");
            const std::string key = idProperty + "\x1f" + norm(idProperty, input["id"].get<std::string>());
            if (!seen.insert(key).second)
                return error(400, "VALIDATION_ERROR",
                             "Duplicate IDs found in batch input: [" + input["id"].get<std::string>() + "]");
        }
        for (const auto &input : inputs) {
            const std::string idProperty = input["idProperty"];
            const std::string id = input["id"];
            std::optional<json> bad = invalid(input, json{{"ids", {id}}});
            if (auto idError = hsCheckValue(object, idProperty, json(id))) {
                // The id becomes the record's idProperty value: it is validated as one.
                if (!bad)
                    bad = json{{"status", "error"},
                               {"category", "VALIDATION_ERROR"},
                               {"message", "Property values were not valid"},
                               {"context", {{"ids", {id}}}},
                               {"errors", json::array()}};
                (*bad)["errors"].push_back(*idError);
            }
            if (bad) {
                errors.push_back(*bad);
                continue;
            }
            HsRecord *record = hsFind(object, idProperty, id);
            const bool created = record == nullptr;
            if (created) {
                const long long newId = m_hsNextId++;
                HsRecord fresh;
                fresh.id = std::to_string(newId);
                fresh.createdAt = hsNow();
                record = &(store[newId] = fresh);
            }
            apply(*record, input.value("properties", json::object()));
            record->properties[idProperty] = norm(idProperty, id);
            json result = hsResult(object, *record);
            result["new"] = created;
            results.push_back(result);
        }
        return finish(200);
    }

    if (operation == "create") {
        std::set<std::string> traces;
        bool allTraced = true;
        for (const auto &input : inputs) {
            const std::string trace = input.value("objectWriteTraceId", "");
            allTraced = allTraced && !trace.empty() && traces.insert(trace).second;
        }
        // Unique values (email, unique properties) already taken: 409, nothing written.
        std::map<std::string, std::string> inBatch;
        for (const auto &input : inputs) {
            const json properties = input.value("properties", json::object());
            for (const auto &[name, value] : properties.items()) {
                if (!value.is_string() || value.get<std::string>().empty() || !uniqueIdProperty(name))
                    continue;
                const std::string text = norm(name, value.get<std::string>());
                if (const HsRecord *existing = hsFind(object, name, text))
                    return error(409, "CONFLICT", hsNoun(object) + " already exists. Existing ID: " + existing->id);
                if (!inBatch.emplace(name + "\x1f" + text, text).second)
                    return error(400, "VALIDATION_ERROR", "Duplicate values of " + name + " in batch input: " + text);
            }
        }
        std::vector<bool> bad(inputs.size(), false);
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            const std::string trace = inputs[i].value("objectWriteTraceId", "");
            if (auto e = invalid(inputs[i], json{{"objectWriteTraceId", {trace}}})) {
                if (!allTraced) {
                    // Without a trace id per input one bad input fails the request.
                    (*e)["correlationId"] = correlationId(int(index));
                    e->erase("context");
                    return answer(response, 400, *e);
                }
                errors.push_back(*e);
                bad[i] = true;
            }
        }
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            if (bad[i])
                continue;
            const long long newId = m_hsNextId++;
            HsRecord fresh;
            fresh.id = std::to_string(newId);
            fresh.createdAt = hsNow();
            HsRecord &record = store[newId] = fresh;
            apply(record, inputs[i].value("properties", json::object()));
            results.push_back(hsResult(object, record));
        }
        return finish(201);
    }

    // update
    std::vector<std::string> missing;
    for (const auto &input : inputs) {
        const std::string id = input.contains("id") ? textOf(input["id"]) : std::string();
        const std::string idProperty = input.value("idProperty", "");
        if (!idProperty.empty() && !uniqueIdProperty(idProperty))
            return error(400, "VALIDATION_ERROR",
                         "idProperty '" + idProperty + "' is not a property with unique values on " + object);
        HsRecord *record = hsFind(object, idProperty, id);
        if (!record) {
            missing.push_back(id);
            continue;
        }
        if (auto e = invalid(input, json{{"ids", {id}}})) {
            errors.push_back(*e);
            continue;
        }
        apply(*record, input.value("properties", json::object()));
        results.push_back(hsResult(object, *record));
    }
    notFound(missing);
    finish(200);
}

} // namespace sluice::fakes

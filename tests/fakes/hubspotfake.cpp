// The HubSpot fake (crmfakes.h): its properties, records, reads and routes;
// batch writes are in hubspotbatch.cpp.
#include "crmfakes.h"
#include "crmfakesupport.h"

#include <cctype>

#include <algorithm>
#include <regex>
#include <set>

namespace sluice::fakes {

using nlohmann::json;
using namespace crm;

namespace {

// Epoch milliseconds; for a date property it must be a UTC midnight.
bool isEpochMillis(const std::string &text, bool midnight)
{
    if (text.empty() || text.size() > 16 || !isInteger(text))
        return false;
    return !midnight || std::stoll(text) % 86'400'000 == 0;
}

} // namespace

namespace crm {

std::vector<HubspotPropertyDef> defaultHubspotProperties(const std::string &object)
{
    auto p = [](std::string name, std::string type = "string", std::string fieldType = "text",
                std::vector<std::string> options = {}, bool custom = false) {
        HubspotPropertyDef d;
        d.name = std::move(name);
        d.label = d.name;
        d.type = std::move(type);
        d.fieldType = std::move(fieldType);
        d.options = std::move(options);
        d.custom = custom;
        return d;
    };
    auto readOnly = [](HubspotPropertyDef d) {
        d.readOnly = true;
        return d;
    };
    const std::vector<std::string> lifecycle
        = {"subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer",
           "evangelist", "other"};
    if (object == "companies") {
        HubspotPropertyDef sluiceId = p("sluice_id", "string", "text", {}, true);
        sluiceId.unique = true;
        return {p("name"),
                p("domain"),
                p("industry"),
                p("phone", "string", "phonenumber"),
                p("website"),
                p("city"),
                p("state"),
                p("country"),
                p("numberofemployees", "number", "number"),
                p("annualrevenue", "number", "number"),
                p("description", "string", "textarea"),
                p("lifecyclestage", "enumeration", "radio", lifecycle),
                sluiceId,
                readOnly(p("hs_object_id", "number", "number")),
                readOnly(p("createdate", "datetime", "date")),
                readOnly(p("hs_lastmodifieddate", "datetime", "date"))};
    }
    return {p("email"), p("firstname"), p("lastname"), p("phone", "string", "phonenumber"),
            p("mobilephone", "string", "phonenumber"), p("company"), p("jobtitle"), p("website"), p("city"), p("state"),
            p("zip"), p("country"), p("lifecyclestage", "enumeration", "radio", lifecycle),
            p("hs_lead_status", "enumeration", "radio",
              {"NEW", "OPEN", "IN_PROGRESS", "OPEN_DEAL", "UNQUALIFIED", "ATTEMPTED_TO_CONTACT", "CONNECTED",
               "BAD_TIMING"}),
            // Custom properties of the sandbox account (the demo's hubspot_contacts model).
            p("user_tier", "enumeration", "select", {"VIP", "Premium", "Standard"}, true),
            p("lifetime_value", "number", "number", {}, true), p("last_activity_date", "date", "date", {}, true),
            p("engagement_level", "enumeration", "select", {"Active", "Inactive"}, true),
            readOnly(p("hs_object_id", "number", "number")), readOnly(p("createdate", "datetime", "date")),
            readOnly(p("lastmodifieddate", "datetime", "date"))};
}

} // namespace crm

// ---------------------------------------------------------------- HubSpot

void CrmFakes::setHubspotBehaviour(HubspotBehaviour behaviour)
{
    std::lock_guard lock(m_mutex);
    m_hsBehaviour = std::move(behaviour);
}

void CrmFakes::defineHubspotProperty(const std::string &object, HubspotPropertyDef property)
{
    std::lock_guard lock(m_mutex);
    auto &list = m_hsProperties[object];
    std::erase_if(list, [&](const HubspotPropertyDef &p) { return p.name == property.name; });
    if (property.label.empty())
        property.label = property.name;
    list.push_back(std::move(property));
}

void CrmFakes::removeHubspotProperty(const std::string &object, const std::string &name)
{
    std::lock_guard lock(m_mutex);
    std::erase_if(m_hsProperties[object], [&](const HubspotPropertyDef &p) { return p.name == name; });
}

std::string CrmFakes::hsNow()
{
    return isoAt(m_hsClock++);
}

std::string CrmFakes::seedHubspot(const std::string &object, const json &properties)
{
    std::lock_guard lock(m_mutex);
    HsRecord record;
    const long long id = m_hsNextId++;
    record.id = std::to_string(id);
    for (const auto &[name, value] : properties.items())
        record.properties[name] = name == "email" ? lower(textOf(value)) : textOf(value);
    record.createdAt = record.updatedAt = hsNow();
    m_hsRecords[object][id] = record;
    return record.id;
}

std::vector<json> CrmFakes::hubspotObjects(const std::string &object) const
{
    std::lock_guard lock(m_mutex);
    std::vector<json> out;
    if (const auto it = m_hsRecords.find(object); it != m_hsRecords.end())
        for (const auto &[id, record] : it->second)
            out.push_back(json{{"id", record.id},
                               {"properties", record.properties},
                               {"createdAt", record.createdAt},
                               {"updatedAt", record.updatedAt}});
    return out;
}

std::optional<json> CrmFakes::hubspotContact(const std::string &email) const
{
    for (auto &record : hubspotObjects("contacts"))
        if (record["properties"].value("email", "") == lower(email))
            return record;
    return std::nullopt;
}

int CrmFakes::hubspotBatchRequests(const std::string &operation) const
{
    std::lock_guard lock(m_mutex);
    int n = 0;
    for (const auto &r : m_requests)
        if (r.service == "hubspot" && r.path.find("/batch/") != std::string::npos
            && (operation.empty() || r.path.ends_with("/batch/" + operation)))
            ++n;
    return n;
}

int CrmFakes::hubspotLargestBatch() const
{
    std::lock_guard lock(m_mutex);
    return m_hsLargest;
}

CrmFakes::HsRecord *CrmFakes::hsFind(const std::string &object, const std::string &property, const std::string &value)
{
    auto &store = m_hsRecords[object];
    if (property == "hs_object_id" || property.empty()) {
        if (!isInteger(value))
            return nullptr;
        const auto it = store.find(std::stoll(value));
        return it == store.end() ? nullptr : &it->second;
    }
    // A linear scan (fine for a fake), without allocating per record: with
    // 10,000 contacts and 100 inputs a batch, lowercased copies made the
    // sandbox crawl.
    const bool caseless = property == "email";
    auto same = [caseless](const std::string &a, const std::string &b) {
        if (a.size() != b.size())
            return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            const unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
            if (x != y && !(caseless && std::tolower(x) == std::tolower(y)))
                return false;
        }
        return true;
    };
    for (auto &[id, record] : store) {
        const auto it = record.properties.find(property);
        if (it != record.properties.end() && it->is_string() && same(it->get_ref<const std::string &>(), value))
            return &record;
    }
    return nullptr;
}

json CrmFakes::hsResult(const std::string &object, const HsRecord &record) const
{
    (void)object;
    json properties = record.properties;
    properties["hs_object_id"] = record.id;
    properties["createdate"] = record.createdAt;
    properties["lastmodifieddate"] = record.updatedAt;
    return json{{"id", record.id},
                {"properties", properties},
                {"createdAt", record.createdAt},
                {"updatedAt", record.updatedAt},
                {"archived", false}};
}

std::optional<json> CrmFakes::hsCheckValue(const std::string &object, const std::string &name, const json &value) const
{
    const auto &list = m_hsProperties.at(object);
    const auto def
        = std::find_if(list.begin(), list.end(), [&](const HubspotPropertyDef &p) { return p.name == name; });
    if (def == list.end() || value.is_null())
        return std::nullopt;
    const std::string text = value.get<std::string>();
    if (text.empty())
        return std::nullopt; // clears the value
    auto error = [&](const std::string &code, const std::string &message) {
        return json{{"message", message}, {"code", code}, {"in", name}};
    };
    if (def->type == "enumeration" && std::find(def->options.begin(), def->options.end(), text) == def->options.end())
        return error("INVALID_OPTION", "\"" + text + "\" is not a valid option for " + name);
    if (def->type == "number" && !isDecimal(text))
        return error("INVALID_NUMBER", "\"" + text + "\" is not a number (property " + name + ")");
    if (def->type == "date" && !isDate(text) && !isEpochMillis(text, true))
        return error("INVALID_DATE", "\"" + text
                                         + "\" is not a date: use YYYY-MM-DD or epoch milliseconds at "
                                           "midnight UTC (property "
                                         + name + ")");
    if (def->type == "datetime" && !isDateTime(text) && !isDate(text) && !isEpochMillis(text, false))
        return error("INVALID_DATETIME", "\"" + text + "\" is not a date-time (property " + name + ")");
    if (def->type == "bool" && text != "true" && text != "false")
        return error("INVALID_BOOLEAN", "\"" + text + "\" is not true or false (property " + name + ")");
    if (name == "email") {
        static const std::regex email(R"(^[^@\s]+@[^@\s]+\.[^@\s]+$)");
        if (!std::regex_match(text, email))
            return error("INVALID_EMAIL", "Email address " + text + " is invalid");
    }
    return std::nullopt;
}

// A whole-request 400 for properties that are not strings, do not exist or are read-only.
std::optional<json> CrmFakes::hsUnknownProperties(const std::string &object, const json &inputs) const
{
    const auto &list = m_hsProperties.at(object);
    std::vector<std::string> unknown, readOnly;
    for (const auto &input : inputs) {
        if (!input.is_object() || !input.contains("properties"))
            continue;
        const json &properties = input["properties"];
        if (!properties.is_object())
            return json{{"status", "error"},
                        {"message", "Invalid input JSON: \"properties\" must be an object"},
                        {"category", "VALIDATION_ERROR"}};
        for (const auto &[name, value] : properties.items()) {
            if (!value.is_string() && !value.is_null())
                return json{{"status", "error"},
                            {"message", "Invalid input JSON: property values must be strings; '" + name + "' is "
                                            + value.type_name()},
                            {"category", "VALIDATION_ERROR"}};
            const auto def
                = std::find_if(list.begin(), list.end(), [&](const HubspotPropertyDef &p) { return p.name == name; });
            if (def == list.end()) {
                if (std::find(unknown.begin(), unknown.end(), name) == unknown.end())
                    unknown.push_back(name);
            } else if (def->readOnly && std::find(readOnly.begin(), readOnly.end(), name) == readOnly.end()) {
                readOnly.push_back(name);
            }
        }
    }
    if (unknown.empty() && readOnly.empty())
        return std::nullopt;
    json errors = json::array();
    std::string summary;
    for (const auto &name : unknown) {
        errors.push_back(json{{"message", "Property \"" + name + "\" does not exist"},
                              {"code", "PROPERTY_DOESNT_EXIST"},
                              {"in", name},
                              {"context", {{"propertyName", {name}}}}});
        summary += (summary.empty() ? "" : ", ") + std::string("Property \"") + name + "\" does not exist";
    }
    for (const auto &name : readOnly) {
        errors.push_back(
            json{{"message", "Property \"" + name + "\" is a read only property; its value cannot be set."},
                 {"code", "READ_ONLY_VALUE"},
                 {"in", name},
                 {"context", {{"propertyName", {name}}}}});
        summary += (summary.empty() ? "" : ", ") + std::string("Property \"") + name + "\" is read-only";
    }
    return json{{"status", "error"},
                {"message", "Property values were not valid: " + summary},
                {"category", "VALIDATION_ERROR"},
                {"errors", errors}};
}

void CrmFakes::hubspot(const httplib::Request &request, httplib::Response &response, const std::string &path)
{
    std::lock_guard lock(m_mutex);
    const std::size_t index = logRequest("hubspot", request, path);
    const HubspotBehaviour &b = m_hsBehaviour;
    auto error
        = [&](int status, const std::string &category, const std::string &message, const json &extra = json::object()) {
              answerHubspotError(response, index, status, category, message, extra);
          };
    const std::vector<std::string> scopes
        = b.scopes.empty() ? std::vector<std::string>{"crm.objects.contacts.read",  "crm.objects.contacts.write",
                                                      "crm.objects.companies.read", "crm.objects.companies.write",
                                                      "crm.schemas.contacts.read",  "crm.schemas.companies.read"}
                           : b.scopes;
    [&] {
        if (request.method == "POST" && path == "/oauth/v2/private-apps/get/access-token-info") {
            const json body = json::parse(request.body, nullptr, false);
            if (!body.is_object() || body.value("tokenKey", "") != m_options.token)
                return error(401, "INVALID_AUTHENTICATION", "The access token is not valid");
            return answer(response, 200, json{{"userId", 1}, {"hubId", 4242}, {"appId", 77}, {"scopes", scopes}});
        }
        if (request.get_header_value("Authorization") != "Bearer " + m_options.token)
            return error(401, "INVALID_AUTHENTICATION",
                         "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can "
                         "find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview");
        // Usage headers on every authenticated answer.
        response.set_header("X-HubSpot-RateLimit-Max", "100");
        response.set_header("X-HubSpot-RateLimit-Interval-Milliseconds", std::to_string(b.rateLimitIntervalMs));
        response.set_header("X-HubSpot-RateLimit-Daily", "250000");
        response.set_header("X-HubSpot-RateLimit-Daily-Remaining",
                            b.dailyLimitReached ? "0" : std::to_string(std::max(0, 250000 - m_hsBatchCount)));
        auto knownObject = [&](const std::string &object) { return m_hsProperties.count(object) > 0; };
        auto missingScope = [&](const std::string &scope) {
            if (std::find(scopes.begin(), scopes.end(), scope) != scopes.end())
                return false;
            error(403, "MISSING_SCOPES",
                  "This app hasn't been granted all required scopes to make this call. Read more about required "
                  "scopes here: https://developers.hubspot.com/scopes.",
                  json{{"errors", json::array({json{{"message", "One or more of the following scopes are required."},
                                                    {"context", {{"requiredGranularScopes", {scope}}}}}})},
                       {"links", {{"scopes", "https://developers.hubspot.com/scopes"}}}});
            return true;
        };
        static const std::regex batchPath("^/crm/v3/objects/([^/]+)/batch/([a-z]+)$");
        static const std::regex listPath("^/crm/v3/objects/([^/]+)$");
        static const std::regex propertiesPath("^/crm/v3/properties/([^/]+)$");
        std::smatch m;
        if (request.method == "POST" && std::regex_match(path, m, batchPath)) {
            const std::string object = m[1], operation = m[2];
            static const std::set<std::string> operations = {"upsert", "create", "update", "read", "archive"};
            if (!knownObject(object))
                return error(404, "OBJECT_NOT_FOUND", "Unable to infer object type from: " + object);
            if (!operations.count(operation))
                return error(404, "OBJECT_NOT_FOUND", "No such operation: " + operation);
            if (missingScope("crm.objects." + object + (operation == "read" ? ".read" : ".write")))
                return;
            return hsBatch(request, response, object, operation, index);
        }
        if (request.method == "GET" && std::regex_match(path, m, listPath)) {
            const std::string object = m[1];
            if (!knownObject(object))
                return error(404, "OBJECT_NOT_FOUND", "Unable to infer object type from: " + object);
            if (missingScope("crm.objects." + object + ".read"))
                return;
            const int limit
                = request.has_param("limit") ? std::max(1, std::atoi(request.get_param_value("limit").c_str())) : 10;
            json results = json::array();
            for (const auto &[id, record] : m_hsRecords[object]) {
                if (static_cast<int>(results.size()) >= limit)
                    break;
                results.push_back(hsResult(object, record));
            }
            return answer(response, 200, json{{"results", results}});
        }
        if (request.method == "GET" && std::regex_match(path, m, propertiesPath)) {
            const std::string object = m[1];
            if (!knownObject(object))
                return error(404, "OBJECT_NOT_FOUND", "Unable to infer object type from: " + object);
            json results = json::array();
            for (const auto &p : m_hsProperties[object]) {
                json options = json::array();
                int order = 0;
                for (const auto &o : p.options)
                    options.push_back(json{{"label", o}, {"value", o}, {"displayOrder", order++}, {"hidden", false}});
                results.push_back(json{
                    {"name", p.name},
                    {"label", p.label},
                    {"type", p.type},
                    {"fieldType", p.fieldType},
                    {"groupName", object == "companies" ? "companyinformation" : "contactinformation"},
                    {"options", options},
                    {"hasUniqueValue", p.unique},
                    {"hidden", false},
                    {"hubspotDefined", !p.custom},
                    {"calculated", false},
                    {"formField", !p.readOnly},
                    {"modificationMetadata",
                     {{"archivable", p.custom}, {"readOnlyDefinition", !p.custom}, {"readOnlyValue", p.readOnly}}}});
            }
            return answer(response, 200, json{{"results", results}});
        }
        error(404, "OBJECT_NOT_FOUND", "No route for " + request.method + " " + path);
    }();
    m_requests[index].status = response.status;
}

} // namespace sluice::fakes

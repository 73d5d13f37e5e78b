#include "destinations/saas/hubspotdestination.h"

#include "destinations/saas/connectortext.h"

#include "http/httpclient.h"
#include "formats/datetime.h"
#include "formats/jsonwriter.h"
#include "version.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace sluice {

using nlohmann::json;

namespace {

using saas::fixedNumber;
using saas::lower;
using saas::trimmed;

constexpr std::size_t kInspectorBodyLimit = 64 * 1024;

std::string cutForInspector(const std::string &body)
{
    if (body.size() <= kInspectorBodyLimit)
        return body;
    std::size_t end = kInspectorBodyLimit;
    while (end > 0 && (static_cast<unsigned char>(body[end]) & 0xC0) == 0x80)
        --end;
    return body.substr(0, end) + "\n[cut: " + std::to_string(body.size()) + " bytes in all]";
}

// A short single-line excerpt of an answer for an error message.
std::string excerpt(const std::string &body)
{
    constexpr std::size_t kMax = 200;
    std::string text = body.substr(0, kMax);
    std::replace_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80 && body.size() > kMax)
        text.pop_back();
    if (body.size() > kMax)
        text += "...";
    return text;
}

std::string stringOf(const json &j, const char *key)
{
    if (!j.is_object())
        return {};
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

json parseJson(const std::string &body)
{
    return json::parse(body, nullptr, false);
}

// The nested error entries of a HubSpot error object: {"errors":[{"message","code","in","context"}]}.
std::vector<json> nestedErrors(const json &error)
{
    std::vector<json> out;
    if (error.is_object())
        if (const auto it = error.find("errors"); it != error.end() && it->is_array())
            for (const auto &e : *it)
                if (e.is_object())
                    out.push_back(e);
    return out;
}

// "INVALID_OPTION: "Gold" is not a valid option for user_tier", in HubSpot's words.
std::string errorReason(const json &error)
{
    std::string reason;
    for (const auto &nested : nestedErrors(error)) {
        std::string part = stringOf(nested, "code");
        const std::string message = stringOf(nested, "message");
        if (!message.empty())
            part += (part.empty() ? "" : ": ") + message;
        if (!part.empty())
            reason += (reason.empty() ? "" : "; ") + part;
    }
    if (reason.empty()) {
        reason = stringOf(error, "category");
        const std::string message = stringOf(error, "message");
        if (!message.empty())
            reason += (reason.empty() ? "" : ": ") + message;
    }
    return reason.empty() ? "rejected by HubSpot" : reason;
}

// Strings listed under context.KEY of an error object.
std::vector<std::string> contextList(const json &error, const char *key)
{
    std::vector<std::string> out;
    if (!error.is_object())
        return out;
    const auto context = error.find("context");
    if (context == error.end() || !context->is_object())
        return out;
    const auto list = context->find(key);
    if (list == context->end())
        return out;
    if (list->is_array()) {
        for (const auto &item : *list)
            if (item.is_string())
                out.push_back(item.get<std::string>());
            else if (item.is_number())
                out.push_back(item.dump());
    } else if (list->is_string()) {
        out.push_back(list->get<std::string>());
    }
    return out;
}

// The property a PROPERTY_DOESNT_EXIST (or READ_ONLY_VALUE) error is about:
// context.propertyName, the nested error's "in", or the name quoted in the
// message ('Property "lifetime_value" does not exist').
std::optional<std::string> propertyNamed(const json &body, const std::string &code)
{
    auto quoted = [](const std::string &message) -> std::optional<std::string> {
        const auto open = message.find("Property \"");
        if (open == std::string::npos)
            return std::nullopt;
        const auto start = open + 10;
        const auto close = message.find('"', start);
        if (close == std::string::npos)
            return std::nullopt;
        return message.substr(start, close - start);
    };
    for (const auto &e : nestedErrors(body)) {
        if (stringOf(e, "code") != code && stringOf(e, "subCategory") != code && stringOf(e, "error") != code)
            continue;
        for (const char *key : {"propertyName", "propertyNames", "name"})
            if (auto names = contextList(e, key); !names.empty())
                return names.front();
        if (const std::string in = stringOf(e, "in"); !in.empty())
            return in;
        if (auto name = quoted(stringOf(e, "message")))
            return name;
    }
    for (const char *key : {"propertyName", "propertyNames"})
        if (auto names = contextList(body, key); !names.empty())
            return names.front();
    return quoted(stringOf(body, "message"));
}

bool mentionsCode(const json &body, const std::string &code)
{
    if (stringOf(body, "subCategory") == code)
        return true;
    for (const auto &e : nestedErrors(body))
        if (stringOf(e, "code") == code || stringOf(e, "subCategory") == code || stringOf(e, "error") == code)
            return true;
    return body.is_object() && stringOf(body, "message").find(code) != std::string::npos;
}

// Scopes a 403 MISSING_SCOPES answer asks for.
std::vector<std::string> missingScopes(const json &body)
{
    std::vector<std::string> scopes;
    for (const auto &e : nestedErrors(body))
        for (const char *key : {"requiredGranularScopes", "requiredScopes", "requiredScope", "scopes"})
            for (auto &scope : contextList(e, key))
                if (std::find(scopes.begin(), scopes.end(), scope) == scopes.end())
                    scopes.push_back(std::move(scope));
    return scopes;
}

std::string joined(const std::vector<std::string> &items, const char *separator = ", ")
{
    std::string out;
    for (const auto &item : items)
        out += (out.empty() ? "" : separator) + item;
    return out;
}

BatchFailure failure(BatchFailure::Kind kind, std::string message,
                     std::optional<std::chrono::milliseconds> retryAfter = std::nullopt)
{
    return BatchFailure{kind, std::move(message), retryAfter};
}

std::vector<HubspotProperty> builtInProperties(const std::string &object)
{
    auto p = [](std::string name, std::string label, std::string type = "string", std::string fieldType = "text",
                std::vector<std::string> options = {}) {
        HubspotProperty property;
        property.name = std::move(name);
        property.label = std::move(label);
        property.type = std::move(type);
        property.fieldType = std::move(fieldType);
        property.options = std::move(options);
        return property;
    };
    auto readOnly = [](HubspotProperty property) {
        property.readOnly = true;
        return property;
    };
    const std::vector<std::string> lifecycle = {"subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead",
                                                "opportunity", "customer", "evangelist", "other"};
    if (object == "companies")
        return {p("name", "Company name"),
                p("domain", "Company domain name"),
                p("industry", "Industry", "enumeration", "select"),
                p("phone", "Phone number", "string", "phonenumber"),
                p("website", "Website URL"),
                p("city", "City"),
                p("state", "State/Region"),
                p("country", "Country/Region"),
                p("numberofemployees", "Number of employees", "number", "number"),
                p("annualrevenue", "Annual revenue", "number", "number"),
                p("description", "Description", "string", "textarea"),
                p("lifecyclestage", "Lifecycle stage", "enumeration", "radio", lifecycle),
                readOnly(p("hs_object_id", "Record ID", "number", "number")),
                readOnly(p("createdate", "Create date", "datetime", "date")),
                readOnly(p("hs_lastmodifieddate", "Last modified date", "datetime", "date"))};
    return {p("email", "Email"),
            p("firstname", "First name"),
            p("lastname", "Last name"),
            p("phone", "Phone number", "string", "phonenumber"),
            p("mobilephone", "Mobile phone number", "string", "phonenumber"),
            p("company", "Company name"),
            p("jobtitle", "Job title"),
            p("website", "Website URL"),
            p("city", "City"),
            p("state", "State/Region"),
            p("zip", "Postal code"),
            p("country", "Country/Region"),
            p("lifecyclestage", "Lifecycle stage", "enumeration", "radio", lifecycle),
            p("hs_lead_status", "Lead status", "enumeration", "radio",
              {"NEW", "OPEN", "IN_PROGRESS", "OPEN_DEAL", "UNQUALIFIED", "ATTEMPTED_TO_CONTACT", "CONNECTED",
               "BAD_TIMING"}),
            readOnly(p("hs_object_id", "Record ID", "number", "number")),
            readOnly(p("createdate", "Create date", "datetime", "date")),
            readOnly(p("lastmodifieddate", "Last modified date", "datetime", "date"))};
}

HubspotProperty propertyFromSchema(const json &item)
{
    HubspotProperty property;
    property.name = stringOf(item, "name");
    property.label = stringOf(item, "label");
    property.type = stringOf(item, "type");
    if (property.type.empty())
        property.type = "string";
    property.fieldType = stringOf(item, "fieldType");
    if (const auto options = item.find("options"); options != item.end() && options->is_array())
        for (const auto &option : *options)
            if (option.is_object() && !option.value("hidden", false))
                if (auto value = stringOf(option, "value"); !value.empty())
                    property.options.push_back(std::move(value));
    property.unique = item.value("hasUniqueValue", false);
    property.custom = !item.value("hubspotDefined", false);
    if (const auto meta = item.find("modificationMetadata"); meta != item.end() && meta->is_object())
        property.readOnly = meta->value("readOnlyValue", false);
    if (item.value("calculated", false))
        property.readOnly = true;
    return property;
}

ObjectField fieldOf(const HubspotProperty &property, const std::string &idProperty)
{
    ObjectField field;
    field.name = property.name;
    field.label = property.label;
    field.custom = property.custom;
    field.options = property.options;
    if (property.type == "number")
        field.type = ValueType::Real;
    else if (property.type == "bool")
        field.type = ValueType::Boolean;
    if (property.type == "date" || property.type == "datetime")
        field.format = property.type;
    else if (property.type == "enumeration")
        field.format = "enum";
    else if (property.fieldType == "phonenumber")
        field.format = "phone";
    else if (property.name == "email")
        field.format = "email";
    field.identifier = property.name == idProperty;
    field.required = field.identifier;
    return field;
}

bool isWriteSuccess(int status)
{
    return status == 200 || status == 201 || status == 207;
}

} // namespace

HubspotDestination::HubspotDestination(HubspotSettings settings)
    : m_settings(std::move(settings))
{
    while (!m_settings.baseUrl.empty() && m_settings.baseUrl.back() == '/')
        m_settings.baseUrl.pop_back();
    for (auto &property : builtInProperties(m_settings.object))
        m_known[property.name] = std::move(property);
    for (const auto &[name, type] : m_settings.customFields) {
        HubspotProperty &property = m_known[name];
        property.name = name;
        property.type = type;
        property.custom = true;
    }
}

HubspotDestination::~HubspotDestination() = default;

std::vector<SyncMode> HubspotDestination::supportedModes() const
{
    return {SyncMode::Upsert, SyncMode::Insert, SyncMode::Update, SyncMode::Mirror};
}

DestinationLimits HubspotDestination::limits() const
{
    DestinationLimits limits;
    limits.maxBatchRecords = std::clamp(m_settings.batchSize, 1, kMaxBatch);
    limits.defaultBatchRecords = limits.maxBatchRecords;
    limits.maxConcurrency = std::max(1, m_settings.concurrency);
    limits.requestsPerSecond = std::max(0.0, m_settings.requestsPerSecond);
    return limits;
}

std::string HubspotDestination::url(const std::string &path) const
{
    return m_settings.baseUrl + path;
}

HttpRequest HubspotDestination::request(const std::string &method, const std::string &path, std::string body) const
{
    HttpRequest r;
    r.method = method;
    r.url = url(path);
    r.headers = {{"Authorization", "Bearer " + m_settings.accessToken},
                 {"Accept", "application/json"},
                 {"User-Agent", std::string("sluice/") + kVersion}};
    if (method != "GET")
        r.headers.emplace_back("Content-Type", "application/json");
    r.body = std::move(body);
    r.timeoutMs = std::max(1, m_settings.timeoutSeconds) * 1000;
    return r;
}

HttpResponse HubspotDestination::send(int batchNumber, const HttpRequest &request) const
{
    HttpResponse response = HttpClient::forThisThread().send(request);
    if (m_run.observer) {
        HttpExchange exchange;
        exchange.method = request.method;
        exchange.url = request.url;
        exchange.status = response.status;
        exchange.latencyMs = response.latencyMs;
        exchange.requestHeaders = formatHeadersRedacted(request.headers);
        exchange.requestBody = cutForInspector(request.body);
        exchange.responseHeaders = formatHeadersRedacted(response.headers);
        exchange.responseBody = response.status == 0 ? response.transportError : cutForInspector(response.body);
        m_run.observer->onHttpExchange(batchNumber, exchange);
    }
    return response;
}

namespace {

// A failed answer to a read (test, schema), in the user's terms.
Error readError(const HttpResponse &response, const std::string &object, const std::string &where)
{
    const json body = parseJson(response.body);
    const int status = response.status;
    if (status == 0)
        return Error{ErrorKind::Failed, "hubspot.unreachable", "could not reach HubSpot: " + response.transportError,
                     where};
    if (status == 401)
        return Error{ErrorKind::Failed, "hubspot.token_refused", "the token was refused (HubSpot answered 401)",
                     where};
    if (status == 403) {
        const auto scopes = missingScopes(body);
        if (!scopes.empty())
            return Error{ErrorKind::Failed, "hubspot.missing_scope",
                         std::string(scopes.size() == 1 ? "missing scope " : "missing scopes ") + joined(scopes),
                         where};
        return Error{ErrorKind::Failed, "hubspot.forbidden",
                     "HubSpot refused access (403): " + excerpt(stringOf(body, "message")), where};
    }
    if (status == 404)
        return Error{ErrorKind::Failed, "hubspot.unknown_object", "unknown object '" + object + "'", where};
    if (status == 429)
        return Error{ErrorKind::Failed, "hubspot.rate_limited",
                     "HubSpot's rate limit is reached (" + stringOf(body, "policyName") + "); try again later",
                     where};
    return Error{ErrorKind::Failed, "hubspot.error",
                 "HubSpot answered HTTP " + std::to_string(status) + ": " + excerpt(response.body), where};
}

} // namespace

Result<std::string> HubspotDestination::testConnection()
{
    if (!m_settings.baseUrl.starts_with("http://") && !m_settings.baseUrl.starts_with("https://"))
        return invalidInput("hubspot.bad_url", "the base URL must start with http:// or https://", "settings.baseUrl");
    const HttpResponse response
        = HttpClient::forThisThread().send(request("GET", "/crm/v3/objects/" + m_settings.object + "?limit=1"));
    if (response.status < 200 || response.status >= 300)
        return std::unexpected(readError(response, m_settings.object, "HubSpot"));
    // Private apps can read their own scopes: a missing write scope is found
    // now rather than on the first sync. Other tokens simply skip the check.
    const HttpResponse info = HttpClient::forThisThread().send(
        request("POST", "/oauth/v2/private-apps/get/access-token-info",
                json{{"tokenKey", m_settings.accessToken}}.dump()));
    if (info.status == 200) {
        const json body = parseJson(info.body);
        if (body.is_object() && body.contains("scopes") && body["scopes"].is_array()) {
            const std::string needed = "crm.objects." + m_settings.object + ".write";
            bool granted = false;
            for (const auto &scope : body["scopes"])
                granted = granted || (scope.is_string() && scope.get<std::string>() == needed);
            if (!granted)
                return failed("hubspot.missing_scope", "missing scope " + needed, "HubSpot");
            return "connected to HubSpot: " + m_settings.object + " can be read and written";
        }
    }
    return "connected to HubSpot: " + m_settings.object + " can be read";
}

Result<std::vector<HubspotProperty>> HubspotDestination::readSchema() const
{
    const HttpResponse response
        = HttpClient::forThisThread().send(request("GET", "/crm/v3/properties/" + m_settings.object));
    if (response.status != 200)
        return std::unexpected(readError(response, m_settings.object, "HubSpot"));
    const json body = parseJson(response.body);
    if (!body.is_object() || !body.contains("results") || !body["results"].is_array())
        return failed("hubspot.bad_answer", "HubSpot's property list could not be read: " + excerpt(response.body),
                      "HubSpot");
    std::vector<HubspotProperty> properties;
    for (const auto &item : body["results"])
        if (item.is_object() && !item.value("hidden", false) && !stringOf(item, "name").empty())
            properties.push_back(propertyFromSchema(item));
    return properties;
}

void HubspotDestination::learnSchema(const std::vector<HubspotProperty> &properties)
{
    for (const auto &property : properties)
        m_known[property.name] = property;
    // What the user typed in customFields has the last word.
    for (const auto &[name, type] : m_settings.customFields) {
        HubspotProperty &property = m_known[name];
        property.name = name;
        property.type = type;
        property.custom = true;
    }
    m_schemaRead = true;
}

Result<std::vector<DestinationObject>> HubspotDestination::describe()
{
    auto schema = readSchema();
    if (!schema)
        return std::unexpected(schema.error());
    learnSchema(*schema);
    std::vector<DestinationObject> objects;
    for (const std::string object : {"contacts", "companies"}) {
        DestinationObject described;
        described.name = object;
        described.label = object == "contacts" ? "Contacts" : "Companies";
        if (object == m_settings.object) {
            for (const auto &[name, property] : m_known)
                if (!property.readOnly)
                    described.fields.push_back(fieldOf(property, m_settings.idProperty));
            // The identifier first, then HubSpot's own order is lost anyway: by name.
            std::stable_partition(described.fields.begin(), described.fields.end(),
                                  [](const ObjectField &f) { return f.identifier; });
        } else {
            for (const auto &property : builtInProperties(object))
                if (!property.readOnly)
                    described.fields.push_back(fieldOf(property, object == "contacts" ? "email" : ""));
        }
        objects.push_back(std::move(described));
    }
    return objects;
}

const HubspotProperty *HubspotDestination::property(const std::string &name) const
{
    const auto it = m_known.find(name);
    return it == m_known.end() ? nullptr : &it->second;
}

std::string HubspotDestination::propertyType(const std::string &name) const
{
    const HubspotProperty *p = property(name);
    return p ? p->type : "string";
}

Result<> HubspotDestination::begin(const RunInfo &run)
{
    if (!m_settings.baseUrl.starts_with("http://") && !m_settings.baseUrl.starts_with("https://"))
        return invalidInput("hubspot.bad_url", "the base URL must start with http:// or https://", "settings.baseUrl");
    if (m_settings.accessToken.empty())
        return invalidInput("hubspot.no_token", "no access token is set", "settings.accessToken");
    if (m_settings.idProperty.empty())
        return invalidInput("hubspot.no_id_property", "idProperty is empty", "settings.idProperty");
    m_run = run;
    m_idField = -1;
    m_idKey = -1;
    for (std::size_t i = 0; i < run.fields.size(); ++i)
        if (run.fields[i].name == m_settings.idProperty)
            m_idField = static_cast<int>(i);
    for (std::size_t i = 0; i < run.keyFields.size(); ++i)
        if (run.keyFields[i] == m_settings.idProperty)
            m_idKey = static_cast<int>(i);
    if (m_settings.object == "companies" && m_settings.idProperty == "email" && run.mode != SyncMode::Insert)
        return invalidInput("hubspot.id_property",
                            "companies have no email property: set idProperty to a unique-value property of "
                            "companies",
                            "settings.idProperty");
    if (run.mode != SyncMode::Insert && m_idField < 0)
        return invalidInput("hubspot.id_unmapped",
                            "map a column to '" + m_settings.idProperty + "': HubSpot matches " + m_settings.object
                                + " by it (idProperty)",
                            "mapping");
    if (run.mode == SyncMode::Mirror && m_idKey < 0)
        return invalidInput("hubspot.mirror_key",
                            "mirror mode deletes " + m_settings.object + " by '" + m_settings.idProperty
                                + "', so the model's primary key must be mapped to it as is",
                            "mapping");
    // Types of custom properties come from HubSpot's schema when the settings
    // do not give them; without it values are sent as they are.
    const bool allKnown = std::all_of(run.fields.begin(), run.fields.end(),
                                      [&](const FieldSpec &f) { return m_known.count(f.name) > 0; });
    if (!allKnown && !m_schemaRead)
        if (auto schema = readSchema())
            learnSchema(*schema);
    m_fieldTypes.clear();
    for (const auto &field : run.fields)
        m_fieldTypes.push_back(propertyType(field.name));
    return {};
}

std::optional<std::string> HubspotDestination::propertyText(const Value &value, const std::string &type,
                                                            bool clearOnNull)
{
    const std::optional<std::string> cleared = clearOnNull ? std::optional<std::string>("") : std::nullopt;
    if (value.isNull())
        return cleared;
    if (type == "bool") {
        switch (value.type()) {
        case ValueType::Boolean: return value.asBoolean() ? "true" : "false";
        case ValueType::Integer: return value.asInteger() != 0 ? "true" : "false";
        case ValueType::Real: return value.asReal() != 0 ? "true" : "false";
        default: {
            const std::string text = lower(trimmed(value.asText()));
            if (text == "true" || text == "yes" || text == "1" || text == "y" || text == "t")
                return "true";
            if (text == "false" || text == "no" || text == "0" || text == "n" || text == "f")
                return "false";
            return value.asText();
        }
        }
    }
    if ((type == "date" || type == "datetime") && value.type() != ValueType::Boolean) {
        mapping::DateTimeValue parsed;
        std::string error;
        if (mapping::DateFormat::iso().parse(value, *mapping::TimeZone::utc(), parsed, error)) {
            if (type == "date")
                return mapping::DateFormat::iso().formatDate(parsed, *mapping::TimeZone::utc()).toString();
            // Epoch milliseconds: unambiguous whatever the account's time zone.
            std::int64_t micros = parsed.micros;
            return std::to_string(micros >= 0 ? micros / 1000 : -((-micros + 999) / 1000));
        }
    }
    switch (value.type()) {
    case ValueType::Integer: return std::to_string(value.asInteger());
    case ValueType::Real: {
        auto text = fixedNumber(value.asReal());
        return text ? text : cleared;
    }
    case ValueType::Boolean: return value.asBoolean() ? "true" : "false";
    case ValueType::Text: return type == "number" ? trimmed(value.asText()) : value.asText();
    case ValueType::Null: break;
    }
    return cleared;
}

std::optional<std::string> HubspotDestination::idOf(const Record &record) const
{
    const Value *value = nullptr;
    if (record.op == RecordOp::Delete) {
        if (m_idKey >= 0 && static_cast<std::size_t>(m_idKey) < record.keyValues.size())
            value = &record.keyValues[static_cast<std::size_t>(m_idKey)];
    } else if (m_idField >= 0 && static_cast<std::size_t>(m_idField) < record.fields.size()) {
        value = &record.fields[static_cast<std::size_t>(m_idField)];
    }
    if (!value || value->isNull())
        return std::nullopt;
    auto text = propertyText(*value, propertyType(m_settings.idProperty), false);
    if (!text || text->empty())
        return std::nullopt;
    return text;
}

void HubspotDestination::appendProperties(std::string &body, const Record &record, bool skipId) const
{
    body += "\"properties\":{";
    bool first = true;
    const std::size_t count = std::min(record.fields.size(), m_run.fields.size());
    for (std::size_t i = 0; i < count; ++i) {
        if (skipId && static_cast<int>(i) == m_idField)
            continue;
        const auto text = propertyText(record.fields[i], m_fieldTypes[i], m_settings.clearOnNull);
        if (!text)
            continue;
        if (!first)
            body += ',';
        first = false;
        appendJsonString(body, m_run.fields[i].name);
        body += ':';
        appendJsonString(body, *text);
    }
    body += '}';
}

BatchFailure HubspotDestination::classify(const HttpResponse &response) const
{
    using Kind = BatchFailure::Kind;
    const int status = response.status;
    if (status == 0)
        return noAnswer("could not reach HubSpot: " + response.transportError);
    const json body = parseJson(response.body);
    const std::string category = stringOf(body, "category");
    const std::string message = stringOf(body, "message");
    const std::string said = category.empty() ? excerpt(message.empty() ? response.body : message)
                                              : category + (message.empty() ? "" : ": " + excerpt(message));
    if (status == 400) {
        if (mentionsCode(body, "PROPERTY_DOESNT_EXIST")) {
            const auto name = propertyNamed(body, "PROPERTY_DOESNT_EXIST");
            return failure(Kind::Fatal, "HubSpot has no property '" + name.value_or("?") + "' on "
                                            + m_settings.object + ": create it or fix the mapping");
        }
        if (mentionsCode(body, "READ_ONLY_VALUE")) {
            const auto name = propertyNamed(body, "READ_ONLY_VALUE");
            return failure(Kind::Fatal, "HubSpot property '" + name.value_or("?") + "' on " + m_settings.object
                                            + " is read-only: remove it from the mapping");
        }
        return failure(Kind::RejectedWhole, "HubSpot refused the batch (400 " + said + ")");
    }
    if (status == 401)
        return failure(Kind::Fatal, "HubSpot refused the token (401): check the accessToken of this destination");
    if (status == 403) {
        const auto scopes = missingScopes(body);
        if (category == "MISSING_SCOPES" || !scopes.empty())
            return failure(Kind::Fatal, "HubSpot refused access (403 MISSING_SCOPES): the token lacks scopes: "
                                            + (scopes.empty() ? std::string("(not named)") : joined(scopes)));
        return failure(Kind::Fatal, "HubSpot refused access (403 " + said + ")");
    }
    if (status == 404)
        return failure(Kind::Fatal, "HubSpot does not know object '" + m_settings.object + "' (404 " + said + ")");
    if (status == 409)
        return failure(Kind::RejectedWhole, category.empty() ? "CONFLICT: " + said : said);
    if (status == 413 || status == 414)
        return failure(Kind::RejectedWhole, "HubSpot refused the request as too large (" + std::to_string(status) + ")");
    if (status == 423) {
        auto wait = std::max(response.retryAfter().value_or(std::chrono::milliseconds(0)),
                             std::chrono::milliseconds(2000));
        return failure(Kind::Retryable, "HubSpot locked a record for a moment (423)", wait);
    }
    if (status == 429) {
        const std::string policy = stringOf(body, "policyName");
        if (policy == "DAILY" || lower(message).find("daily") != std::string::npos)
            return failure(Kind::Fatal, "HubSpot's daily API limit is reached; records stay pending for the next run");
        std::optional<std::chrono::milliseconds> wait = response.retryAfter();
        if (!wait)
            if (const auto interval = response.header("X-HubSpot-RateLimit-Interval-Milliseconds")) {
                long long ms = 0;
                const auto text = trimmed(*interval);
                if (std::from_chars(text.data(), text.data() + text.size(), ms).ec == std::errc() && ms > 0)
                    wait = std::chrono::milliseconds(ms);
            }
        return failure(Kind::Retryable,
                       "HubSpot's rate limit is reached (429 " + (policy.empty() ? std::string("RATE_LIMIT") : policy)
                           + ")",
                       wait.value_or(std::chrono::milliseconds(10000)));
    }
    if (status == 477)
        return failure(Kind::Retryable, "HubSpot is migrating this account (477)", response.retryAfter());
    if (status >= 500 && status < 600)
        return failure(Kind::Retryable, "HubSpot failed (HTTP " + std::to_string(status) + (said.empty() ? "" : ": " + said) + ")",
                       response.retryAfter());
    if (status >= 300 && status < 400)
        return failure(Kind::Fatal, "HubSpot redirected (HTTP " + std::to_string(status)
                                        + "); set baseUrl to the final address");
    return failure(Kind::Fatal, "HubSpot refused the request (HTTP " + std::to_string(status)
                                    + (said.empty() ? "" : ": " + said) + ")");
}

namespace {

// Per-input outcomes of a 200/201/207 answer. `named` turns an error into the
// indices of the inputs it names (by id or trace id); `confirmed` tells from
// a result which inputs it stands for.
std::vector<RecordOutcome> outcomesOf(const json &body, std::size_t count, const std::vector<std::size_t> &sent,
                                      const std::function<std::vector<std::size_t>(const json &error)> &named,
                                      const std::function<std::vector<std::size_t>(const json &result)> &confirmed)
{
    std::vector<RecordOutcome> outcomes(count);
    std::vector<std::string> unmatched;
    if (body.is_object())
        if (const auto errors = body.find("errors"); errors != body.end() && errors->is_array())
            for (const auto &error : *errors) {
                const auto indices = named(error);
                if (indices.empty()) {
                    unmatched.push_back(errorReason(error));
                    continue;
                }
                for (const std::size_t i : indices) {
                    RecordOutcome &o = outcomes[i];
                    const std::string reason = errorReason(error);
                    if (o.outcome == Outcome::Rejected) {
                        if (o.reason.find(reason) == std::string::npos)
                            o.reason += "; " + reason;
                    } else {
                        o = RecordOutcome{Outcome::Rejected, reason};
                    }
                }
            }
    if (!unmatched.empty()) {
        // An error naming no input: only inputs HubSpot lists as written are sure.
        std::set<std::size_t> written;
        if (const auto results = body.find("results"); results != body.end() && results->is_array())
            for (const auto &result : *results)
                for (const std::size_t i : confirmed(result))
                    written.insert(i);
        for (const std::size_t i : sent)
            if (outcomes[i].outcome == Outcome::Delivered && !written.count(i))
                outcomes[i] = RecordOutcome{Outcome::Rejected,
                                            "HubSpot reported an error without naming the record: " + joined(unmatched, "; ")};
    }
    return outcomes;
}

} // namespace

HubspotDestination::GroupResult HubspotDestination::upsertOrUpdate(int batchNumber, std::span<const Record> records,
                                                                   bool update) const
{
    std::vector<RecordOutcome> outcomes(records.size());
    std::map<std::string, std::vector<std::size_t>> byId; // lower-cased: HubSpot matches emails that way
    std::vector<std::size_t> sent;
    std::string body = "{\"inputs\":[";
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto id = idOf(records[i]);
        if (!id) {
            outcomes[i] = RecordOutcome{Outcome::Rejected,
                                        "no value for '" + m_settings.idProperty + "', which HubSpot "
                                            + (update ? "updates " : "upserts ") + m_settings.object + " by"};
            continue;
        }
        if (!sent.empty())
            body += ',';
        // hs_object_id is the record id itself, which update takes without an idProperty.
        if (update && m_settings.idProperty == "hs_object_id") {
            body += "{\"id\":";
        } else {
            body += "{\"idProperty\":";
            appendJsonString(body, m_settings.idProperty);
            body += ",\"id\":";
        }
        appendJsonString(body, *id);
        body += ',';
        appendProperties(body, records[i], true);
        body += '}';
        byId[lower(*id)].push_back(i);
        sent.push_back(i);
    }
    body += "]}";
    if (sent.empty())
        return outcomes;
    const HttpResponse response = send(
        batchNumber,
        request("POST", "/crm/v3/objects/" + m_settings.object + (update ? "/batch/update" : "/batch/upsert"), body));
    if (!isWriteSuccess(response.status))
        return std::unexpected(classify(response));
    const json answer = parseJson(response.body);
    auto lookup = [&](const std::string &id) {
        const auto it = byId.find(lower(id));
        return it == byId.end() ? std::vector<std::size_t>{} : it->second;
    };
    auto named = [&](const json &error) {
        std::vector<std::size_t> indices;
        for (const auto &id : contextList(error, "ids"))
            for (const std::size_t i : lookup(id))
                indices.push_back(i);
        return indices;
    };
    auto confirmed = [&](const json &result) {
        if (result.is_object() && result.contains("properties") && result["properties"].is_object())
            return lookup(stringOf(result["properties"], m_settings.idProperty.c_str()));
        return std::vector<std::size_t>{};
    };
    auto mapped = outcomesOf(answer, records.size(), sent, named, confirmed);
    for (const std::size_t i : sent)
        outcomes[i] = std::move(mapped[i]);
    return outcomes;
}

HubspotDestination::GroupResult HubspotDestination::create(int batchNumber, std::span<const Record> records) const
{
    std::vector<RecordOutcome> outcomes(records.size());
    std::vector<std::size_t> sent(records.size());
    std::string body = "{\"inputs\":[";
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (i > 0)
            body += ',';
        body += '{';
        appendProperties(body, records[i], false);
        // Unique per input: a 207 names the failed inputs by it.
        body += ",\"objectWriteTraceId\":\"" + std::to_string(i) + "\"}";
        sent[i] = i;
    }
    body += "]}";
    if (records.empty())
        return outcomes;
    const HttpResponse response
        = send(batchNumber, request("POST", "/crm/v3/objects/" + m_settings.object + "/batch/create", body));
    // A record a killed run may have created already: HubSpot's conflict on
    // it (once the batch is split down to it) is that earlier create.
    if (response.status == 409 && records.size() == 1 && records[0].maybeDelivered)
        return outcomes;
    if (!isWriteSuccess(response.status))
        return std::unexpected(classify(response));
    const json answer = parseJson(response.body);
    auto byTrace = [&](const std::string &trace) {
        std::size_t index = 0;
        const auto [end, ec] = std::from_chars(trace.data(), trace.data() + trace.size(), index);
        if (ec != std::errc() || end != trace.data() + trace.size() || index >= records.size())
            return std::vector<std::size_t>{};
        return std::vector<std::size_t>{index};
    };
    auto named = [&](const json &error) {
        std::vector<std::size_t> indices;
        for (const auto &trace : contextList(error, "objectWriteTraceId"))
            for (const std::size_t i : byTrace(trace))
                indices.push_back(i);
        return indices;
    };
    auto confirmed = [&](const json &result) { return byTrace(stringOf(result, "objectWriteTraceId")); };
    return outcomesOf(answer, records.size(), sent, named, confirmed);
}

HubspotDestination::GroupResult HubspotDestination::remove(int batchNumber, std::span<const Record> records) const
{
    std::vector<RecordOutcome> outcomes(records.size());
    std::map<std::string, std::vector<std::size_t>> byId;
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (const auto id = idOf(records[i]))
            byId[lower(*id)].push_back(i);
        // A record without an identifier cannot exist at HubSpot: nothing to delete.
    }
    if (byId.empty())
        return outcomes;
    std::set<std::string> recordIds;
    if (m_settings.idProperty == "hs_object_id") {
        for (const auto &[id, indices] : byId)
            recordIds.insert(id);
    } else {
        // Archive takes record ids: find them by idProperty first.
        std::string body = "{\"idProperty\":";
        appendJsonString(body, m_settings.idProperty);
        body += ",\"properties\":[";
        appendJsonString(body, m_settings.idProperty);
        body += "],\"inputs\":[";
        bool first = true;
        for (const auto &[id, indices] : byId) {
            if (!first)
                body += ',';
            first = false;
            body += "{\"id\":";
            appendJsonString(body, idOf(records[indices.front()]).value_or(id));
            body += '}';
        }
        body += "]}";
        const HttpResponse found
            = send(batchNumber, request("POST", "/crm/v3/objects/" + m_settings.object + "/batch/read", body));
        if (!isWriteSuccess(found.status))
            return std::unexpected(classify(found));
        // Ids HubSpot does not know (OBJECT_NOT_FOUND) are already gone.
        const json answer = parseJson(found.body);
        if (answer.is_object() && answer.contains("results") && answer["results"].is_array())
            for (const auto &result : answer["results"]) {
                const std::string recordId = stringOf(result, "id");
                if (!recordId.empty() && result.contains("properties")
                    && byId.count(lower(stringOf(result["properties"], m_settings.idProperty.c_str()))))
                    recordIds.insert(recordId);
            }
    }
    if (recordIds.empty())
        return outcomes;
    std::string body = "{\"inputs\":[";
    bool first = true;
    for (const auto &id : recordIds) {
        if (!first)
            body += ',';
        first = false;
        body += "{\"id\":";
        appendJsonString(body, id);
        body += '}';
    }
    body += "]}";
    const HttpResponse archived
        = send(batchNumber, request("POST", "/crm/v3/objects/" + m_settings.object + "/batch/archive", body));
    if (archived.status < 200 || archived.status >= 300)
        return std::unexpected(classify(archived));
    return outcomes;
}

BatchResult HubspotDestination::write(int batchNumber, std::span<const Record> batch)
{
    std::vector<RecordOutcome> outcomes(batch.size());
    bool answered = false; // an earlier run of records of this batch was written
    std::size_t start = 0;
    while (start < batch.size()) {
        // Runs of one operation, in batch order: a mirror run's last batch
        // can hold upserts followed by deletes.
        std::size_t end = start + 1;
        while (end < batch.size() && batch[end].op == batch[start].op)
            ++end;
        const auto part = batch.subspan(start, end - start);
        GroupResult result = [&]() -> GroupResult {
            switch (part.front().op) {
            case RecordOp::Upsert: return upsertOrUpdate(batchNumber, part, false);
            case RecordOp::Update: return upsertOrUpdate(batchNumber, part, true);
            case RecordOp::Insert: return create(batchNumber, part);
            case RecordOp::Delete: return remove(batchNumber, part);
            }
            return std::vector<RecordOutcome>(part.size());
        }();
        if (result) {
            std::move(result->begin(), result->end(), outcomes.begin() + std::ptrdiff_t(start));
        } else if (!answered) {
            return std::unexpected(result.error());
        } else {
            // Part of the batch is written already: only the rest is retried.
            const BatchFailure &f = result.error();
            for (std::size_t i = start; i < batch.size(); ++i)
                outcomes[i] = f.kind == BatchFailure::Kind::RejectedWhole && part.size() == 1 && i == start
                                  ? RecordOutcome{Outcome::Rejected, f.message}
                                  : RecordOutcome{Outcome::Retryable, f.message};
            return outcomes;
        }
        answered = true;
        start = end;
    }
    return outcomes;
}

} // namespace sluice

// The HubSpot destination's property catalogue: built-in properties of
// contacts and companies, HubSpot's property schema, testConnection and
// describe(), and property values as HubSpot expects them.

#include "destinations/saas/hubspotdestination.h"

#include "destinations/saas/connectortext.h"

#include "destinations/saas/hubspotinternal.h"
#include "formats/datetime.h"
#include "http/httpclient.h"

#include <algorithm>

namespace sluice {

using nlohmann::json;

namespace hubspot {

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
    const std::vector<std::string> lifecycle
        = {"subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer",
           "evangelist", "other"};
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

} // namespace hubspot

using namespace hubspot;

namespace {

using saas::fixedNumber;
using saas::lower;
using saas::trimmed;

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

// A failed answer to a read (test, schema), in the user's terms.
Error readError(const HttpResponse &response, const std::string &object, const std::string &where)
{
    const json body = parseAnswer(response.body);
    const int status = response.status;
    if (status == 0)
        return Error{ErrorKind::Failed, "hubspot.unreachable", "could not reach HubSpot: " + response.transportError,
                     where};
    if (status == 401)
        return Error{ErrorKind::Failed, "hubspot.token_refused", "the token was refused (HubSpot answered 401)", where};
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
                     "HubSpot's rate limit is reached (" + stringOf(body, "policyName") + "); try again later", where};
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
    const HttpResponse info = HttpClient::forThisThread().send(request(
        "POST", "/oauth/v2/private-apps/get/access-token-info", json{{"tokenKey", m_settings.accessToken}}.dump()));
    if (info.status == 200) {
        const json body = parseAnswer(info.body);
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
    const json body = parseAnswer(response.body);
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

} // namespace sluice

// The Salesforce destination's field catalogue: the built-in fields of
// Lead, Contact and Account, the org's describe, testConnection and
// describe().

#include "destinations/saas/salesforcedestination.h"

#include "destinations/saas/salesforceinternal.h"

#include <algorithm>

namespace sluice {

using nlohmann::json;
using namespace salesforce;

namespace {

// customFields' vocabulary to Salesforce's.
std::string salesforceType(const std::string &settingType)
{
    if (settingType == "number")
        return "double";
    if (settingType == "bool")
        return "boolean";
    if (settingType == "enumeration")
        return "picklist";
    if (settingType == "date" || settingType == "datetime")
        return settingType;
    return "string";
}

SalesforceField sfField(std::string name, std::string type, std::string label, bool required = false,
                        std::vector<std::string> options = {})
{
    SalesforceField f;
    f.name = std::move(name);
    f.type = std::move(type);
    f.label = std::move(label);
    f.nillable = !required;
    f.options = std::move(options);
    return f;
}

} // namespace

namespace salesforce {

std::vector<SalesforceField> builtInFields(const std::string &object)
{
    SalesforceField id = sfField("Id", "id", "Record ID");
    id.nillable = false;
    id.createable = id.updateable = false;
    id.defaultedOnCreate = true;
    const std::vector<std::string> leadSources
        = {"Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"};
    if (object == "Lead") {
        SalesforceField status
            = sfField("Status", "picklist", "Lead Status", false,
                      {"Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"});
        status.nillable = false;
        status.defaultedOnCreate = true;
        return {id,
                sfField("FirstName", "string", "First Name"),
                sfField("LastName", "string", "Last Name", true),
                sfField("Company", "string", "Company", true),
                sfField("Email", "email", "Email"),
                sfField("Phone", "phone", "Phone"),
                sfField("MobilePhone", "phone", "Mobile Phone"),
                sfField("Title", "string", "Title"),
                sfField("Website", "url", "Website"),
                sfField("LeadSource", "picklist", "Lead Source", false, leadSources),
                status,
                sfField("Rating", "picklist", "Rating", false, {"Hot", "Warm", "Cold"}),
                sfField("Industry", "picklist", "Industry"),
                sfField("AnnualRevenue", "currency", "Annual Revenue"),
                sfField("NumberOfEmployees", "int", "Employees"),
                sfField("City", "string", "City"),
                sfField("Country", "string", "Country"),
                sfField("Description", "textarea", "Description")};
    }
    if (object == "Contact")
        return {id,
                sfField("FirstName", "string", "First Name"),
                sfField("LastName", "string", "Last Name", true),
                sfField("Email", "email", "Email"),
                sfField("Phone", "phone", "Business Phone"),
                sfField("MobilePhone", "phone", "Mobile Phone"),
                sfField("Title", "string", "Title"),
                sfField("Department", "string", "Department"),
                sfField("AccountId", "reference", "Account ID"),
                sfField("LeadSource", "picklist", "Lead Source", false, leadSources),
                sfField("Birthdate", "date", "Birthdate"),
                sfField("MailingCity", "string", "Mailing City"),
                sfField("MailingCountry", "string", "Mailing Country"),
                sfField("Description", "textarea", "Contact Description")};
    if (object == "Account")
        return {id,
                sfField("Name", "string", "Account Name", true),
                sfField("Phone", "phone", "Account Phone"),
                sfField("Website", "url", "Website"),
                sfField("Industry", "picklist", "Industry"),
                sfField("Type", "picklist", "Account Type"),
                sfField("AnnualRevenue", "currency", "Annual Revenue"),
                sfField("NumberOfEmployees", "int", "Employees"),
                sfField("BillingCity", "string", "Billing City"),
                sfField("BillingCountry", "string", "Billing Country"),
                sfField("Description", "textarea", "Account Description")};
    return {id};
}

} // namespace salesforce

namespace {

SalesforceField fieldFromDescribe(const json &item)
{
    SalesforceField f;
    f.name = stringOf(item, "name");
    f.type = stringOf(item, "type");
    if (f.type.empty())
        f.type = "string";
    f.label = stringOf(item, "label");
    f.nillable = item.value("nillable", true);
    f.createable = item.value("createable", true);
    f.updateable = item.value("updateable", true);
    f.defaultedOnCreate = item.value("defaultedOnCreate", false);
    f.externalId = item.value("externalId", false);
    f.caseSensitive = item.value("caseSensitive", false);
    f.custom = item.value("custom", false);
    if (const auto values = item.find("picklistValues"); values != item.end() && values->is_array())
        for (const auto &v : *values)
            if (v.is_object() && v.value("active", true))
                if (auto value = stringOf(v, "value"); !value.empty())
                    f.options.push_back(std::move(value));
    return f;
}

ObjectField objectField(const SalesforceField &f, const std::string &externalIdField)
{
    ObjectField field;
    field.name = f.name;
    field.label = f.label;
    field.custom = f.custom;
    field.options = f.options;
    if (f.type == "double" || f.type == "currency" || f.type == "percent")
        field.type = ValueType::Real;
    else if (f.type == "int" || f.type == "long")
        field.type = ValueType::Integer;
    else if (f.type == "boolean")
        field.type = ValueType::Boolean;
    if (f.type == "date" || f.type == "datetime" || f.type == "email" || f.type == "phone")
        field.format = f.type;
    else if (f.type == "picklist" || f.type == "multipicklist")
        field.format = "enum";
    field.required = f.createable && !f.nillable && !f.defaultedOnCreate && f.type != "boolean";
    field.identifier = externalIdField.empty() ? f.externalId : f.name == externalIdField;
    return field;
}

Error readError(const SalesforceDestination::Call &c, const std::string &object)
{
    const int status = c.response.status;
    const json body = parseAnswer(c.response.body);
    const auto [code, message] = firstError(body);
    if (!c.refreshError.empty())
        return Error{ErrorKind::Failed, "salesforce.token_refused",
                     "the token was refused and could not be renewed: " + c.refreshError, "Salesforce"};
    if (status == 0)
        return Error{ErrorKind::Failed, "salesforce.unreachable",
                     "could not reach Salesforce: " + c.response.transportError, "Salesforce"};
    if (status == 401)
        return Error{ErrorKind::Failed, "salesforce.token_refused",
                     "the token was refused (Salesforce answered 401 " + code + ")", "Salesforce"};
    if (status == 404)
        return Error{ErrorKind::Failed, "salesforce.unknown_object", "unknown object '" + object + "'", "Salesforce"};
    if (status == 403)
        return Error{ErrorKind::Failed, "salesforce.forbidden",
                     "Salesforce refused access: " + errorText(code, message, {}), "Salesforce"};
    return Error{ErrorKind::Failed, "salesforce.error",
                 "Salesforce answered HTTP " + std::to_string(status) + ": " + excerpt(c.response.body), "Salesforce"};
}

} // namespace

Result<std::vector<SalesforceField>> SalesforceDestination::readDescribe(bool report) const
{
    const Call c = call(0, request("GET", apiUrl("/sobjects/" + urlEncode(m_settings.object) + "/describe")), report);
    if (c.response.status != 200 || !c.refreshError.empty())
        return std::unexpected(readError(c, m_settings.object));
    const json body = parseAnswer(c.response.body);
    if (!body.is_object() || !body.contains("fields") || !body["fields"].is_array())
        return failed("salesforce.bad_answer", "the describe answer could not be read: " + excerpt(c.response.body),
                      "Salesforce");
    std::vector<SalesforceField> fields;
    for (const auto &item : body["fields"])
        if (item.is_object() && !stringOf(item, "name").empty())
            fields.push_back(fieldFromDescribe(item));
    return fields;
}

void SalesforceDestination::learnFields(const std::vector<SalesforceField> &fields)
{
    for (const auto &f : fields)
        m_known[f.name] = f;
    for (const auto &[name, type] : m_settings.customFields) {
        auto it = m_known.find(name);
        if (it != m_known.end() && !fields.empty())
            continue; // the org's own description wins over a typed guess
        SalesforceField &f = m_known[name];
        f.name = name;
        f.type = salesforceType(type);
        f.custom = true;
    }
    if (!m_settings.externalIdField.empty()) {
        auto it = m_known.find(m_settings.externalIdField);
        if (it != m_known.end())
            it->second.externalId = true;
    }
    m_describeRead = !fields.empty();
}

std::string SalesforceDestination::fieldType(const std::string &name) const
{
    const auto it = m_known.find(name);
    return it == m_known.end() ? std::string() : it->second.type;
}

Result<std::string> SalesforceDestination::testConnection()
{
    if (!m_settings.instanceUrl.starts_with("http://") && !m_settings.instanceUrl.starts_with("https://"))
        return invalidInput("salesforce.bad_url", "the instance URL must start with https://", "settings.instanceUrl");
    auto fields = readDescribe(false);
    if (!fields)
        return std::unexpected(fields.error());
    std::string message
        = "connected to Salesforce: " + m_settings.object + " has " + std::to_string(fields->size()) + " fields";
    if (!m_settings.externalIdField.empty()) {
        const auto it = std::find_if(fields->begin(), fields->end(),
                                     [&](const SalesforceField &f) { return f.name == m_settings.externalIdField; });
        if (it == fields->end())
            return failed("salesforce.unknown_field",
                          m_settings.object + " has no field '" + m_settings.externalIdField + "'", "Salesforce");
        if (!it->externalId)
            return failed("salesforce.not_external_id",
                          "'" + m_settings.externalIdField + "' is not an External ID field of " + m_settings.object,
                          "Salesforce");
        message += "; " + m_settings.externalIdField + " is an External ID";
    }
    if (const std::string usage = apiUsage(); !usage.empty())
        message += " (" + usage + ")";
    return message;
}

Result<std::vector<DestinationObject>> SalesforceDestination::describe()
{
    auto fields = readDescribe(false);
    if (!fields)
        return std::unexpected(fields.error());
    learnFields(*fields);
    std::vector<DestinationObject> objects;
    auto describeObject = [&](const std::string &name, const std::vector<SalesforceField> &list) {
        DestinationObject object;
        object.name = name;
        object.label = name;
        for (const auto &f : list)
            if (f.createable || f.updateable)
                object.fields.push_back(objectField(f, name == m_settings.object ? m_settings.externalIdField : ""));
        std::stable_partition(object.fields.begin(), object.fields.end(),
                              [](const ObjectField &f) { return f.identifier || f.required; });
        objects.push_back(std::move(object));
    };
    std::vector<SalesforceField> configured;
    for (const auto &[name, f] : m_known)
        configured.push_back(f);
    describeObject(m_settings.object, configured);
    for (const std::string standard : {"Lead", "Contact", "Account"})
        if (standard != m_settings.object)
            describeObject(standard, builtInFields(standard));
    return objects;
}

} // namespace sluice

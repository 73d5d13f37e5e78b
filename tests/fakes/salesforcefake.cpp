// The Salesforce fake (crmfakes.h): its schema, records, tokens and counters,
// and how a record is checked, typed and saved.
#include "crmfakes.h"
#include "crmfakesupport.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sluice::fakes {

using nlohmann::json;
using namespace crm;

namespace {

std::string sfPrefix(const std::string &object)
{
    if (object == "Lead")
        return "00Q";
    if (object == "Contact")
        return "003";
    if (object == "Account")
        return "001";
    return "a0" + std::string(1, object.empty() ? 'X' : object[0]);
}

bool isSfNumeric(const std::string &type)
{
    return type == "double" || type == "currency" || type == "percent";
}

} // namespace

namespace crm {

std::map<std::string, std::vector<SalesforceFieldDef>> defaultSalesforceSchema()
{
    auto f = [](std::string name, std::string type = "string", bool required = false) {
        SalesforceFieldDef d;
        d.name = std::move(name);
        d.label = d.name;
        d.type = std::move(type);
        d.required = required;
        return d;
    };
    auto system = [&](std::string name, std::string type) {
        SalesforceFieldDef d = f(std::move(name), std::move(type));
        d.readOnly = true;
        return d;
    };
    auto picklist = [&](std::string name, std::vector<std::string> options, bool restricted = false) {
        SalesforceFieldDef d = f(std::move(name), "picklist");
        d.options = std::move(options);
        d.restricted = restricted;
        return d;
    };
    auto custom = [&](SalesforceFieldDef d) {
        d.custom = true;
        return d;
    };
    auto externalId = [&](std::string name) {
        SalesforceFieldDef d = f(std::move(name));
        d.externalId = d.unique = d.custom = true;
        return d;
    };
    auto caseSensitive = [&](SalesforceFieldDef d) {
        d.caseSensitive = true;
        return d;
    };
    const std::vector<std::string> sources = {"Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"};
    SalesforceFieldDef status = picklist(
        "Status", {"Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"},
        true);
    status.defaultValue = "Open - Not Contacted";
    return {
        {"Lead",
         {system("Id", "id"),
          f("FirstName"),
          f("LastName", "string", true),
          f("Company", "string", true),
          f("Email", "email"),
          f("Phone", "phone"),
          f("Title"),
          picklist("LeadSource", sources),
          status,
          picklist("Rating", {"Hot", "Warm", "Cold"}),
          f("Industry", "picklist"),
          f("AnnualRevenue", "currency"),
          f("NumberOfEmployees", "int"),
          f("City"),
          f("Country"),
          f("Description", "textarea"),
          externalId("Sluice_Id__c"),
          custom(f("Lead_Score__c", "double")),
          system("CreatedDate", "datetime"),
          system("LastModifiedDate", "datetime")}},
        {"Contact",
         {system("Id", "id"), f("FirstName"), f("LastName", "string", true), f("Email", "email"), f("Phone", "phone"),
          f("Title"), f("AccountId", "reference"), picklist("LeadSource", sources), f("Birthdate", "date"),
          externalId("Sluice_Id__c"), custom(picklist("Tier__c", {"VIP", "Premium", "Standard"}, true)),
          caseSensitive(externalId("Member_Code__c")), system("CreatedDate", "datetime"),
          system("LastModifiedDate", "datetime")}},
        {"Account",
         {system("Id", "id"), f("Name", "string", true), f("Phone", "phone"), f("Website", "url"),
          f("Industry", "picklist"), f("AnnualRevenue", "currency"), f("NumberOfEmployees", "int"),
          externalId("Sluice_Id__c"), system("CreatedDate", "datetime"), system("LastModifiedDate", "datetime")}},
    };
}

} // namespace crm

// ---------------------------------------------------------------- Salesforce

void CrmFakes::setSalesforceBehaviour(SalesforceBehaviour behaviour)
{
    std::lock_guard lock(m_mutex);
    m_sfBehaviour = std::move(behaviour);
    m_sfLocksLeft = m_sfBehaviour.lockRowFirst;
}

void CrmFakes::defineSalesforceField(const std::string &object, SalesforceFieldDef field)
{
    std::lock_guard lock(m_mutex);
    auto &list = m_sfSchema[object];
    std::erase_if(list, [&](const SalesforceFieldDef &f) { return f.name == field.name; });
    if (list.empty()) {
        SalesforceFieldDef id;
        id.name = "Id";
        id.type = "id";
        id.readOnly = true;
        list.push_back(id);
    }
    if (field.label.empty())
        field.label = field.name;
    list.push_back(std::move(field));
}

void CrmFakes::expireSalesforceToken()
{
    std::lock_guard lock(m_mutex);
    m_sfTokens.clear();
}

std::string CrmFakes::salesforceAccessToken() const
{
    std::lock_guard lock(m_mutex);
    return m_sfNewestToken;
}

int CrmFakes::salesforceTokenRefreshes() const
{
    std::lock_guard lock(m_mutex);
    return m_sfRefreshes;
}

std::string CrmFakes::sfNewId(const std::string &object)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%sSB%010lldAAA", sfPrefix(object).c_str(), m_sfNextId++);
    return buf;
}

std::string CrmFakes::seedSalesforce(const std::string &object, const json &fields)
{
    std::lock_guard lock(m_mutex);
    SfRecord record;
    record.id = sfNewId(object);
    record.fields = fields;
    record.fields.erase("Id");
    m_sfRecords[object].push_back(record);
    return record.id;
}

std::vector<json> CrmFakes::salesforceRecords(const std::string &object) const
{
    std::lock_guard lock(m_mutex);
    std::vector<json> out;
    if (const auto it = m_sfRecords.find(object); it != m_sfRecords.end())
        for (const auto &r : it->second) {
            json item = r.fields;
            item["Id"] = r.id;
            out.push_back(item);
        }
    return out;
}

std::optional<json> CrmFakes::salesforceRecord(const std::string &object, const std::string &field,
                                               const json &value) const
{
    for (auto &record : salesforceRecords(object))
        if (record.contains(field) && textOf(record[field]) == textOf(value))
            return record;
    return std::nullopt;
}

int CrmFakes::salesforceApiUsage() const
{
    std::lock_guard lock(m_mutex);
    return m_sfUsage;
}

int CrmFakes::salesforceLargestBatch() const
{
    std::lock_guard lock(m_mutex);
    return m_sfLargest;
}

int CrmFakes::salesforceWriteRequests() const
{
    std::lock_guard lock(m_mutex);
    return m_sfWriteRequests;
}

std::vector<json> CrmFakes::salesforceJobs() const
{
    std::lock_guard lock(m_mutex);
    std::vector<json> out;
    for (const auto &id : m_sfJobOrder)
        out.push_back(sfJobInfo(m_sfJobs.at(id)));
    return out;
}

const SalesforceFieldDef *CrmFakes::sfField(const std::string &object, const std::string &name) const
{
    const auto it = m_sfSchema.find(object);
    if (it == m_sfSchema.end())
        return nullptr;
    for (const auto &f : it->second)
        if (f.name == name)
            return &f;
    return nullptr;
}

json CrmFakes::sfCoerce(const SalesforceFieldDef &field, const json &value, bool &ok) const
{
    ok = true;
    if (value.is_null())
        return value;
    const std::string &type = field.type;
    if (isSfNumeric(type)) {
        if (value.is_number())
            return value;
        if (value.is_string() && isDecimal(value.get<std::string>()))
            return std::stod(value.get<std::string>());
    } else if (type == "int") {
        if (value.is_number_integer())
            return value;
        if (value.is_number_float() && std::floor(value.get<double>()) == value.get<double>())
            return static_cast<long long>(value.get<double>());
        if (value.is_string() && isInteger(value.get<std::string>()))
            return std::stoll(value.get<std::string>());
    } else if (type == "boolean") {
        if (value.is_boolean())
            return value;
        if (value.is_string() && (value == "true" || value == "false"))
            return value == "true";
    } else if (type == "date") {
        if (value.is_string() && isDate(value.get<std::string>()))
            return value;
    } else if (type == "datetime") {
        if (value.is_string() && (isDateTime(value.get<std::string>()) || isDate(value.get<std::string>())))
            return value;
    } else {
        if (value.is_string())
            return value;
        if (value.is_number() || value.is_boolean())
            return textOf(value);
    }
    ok = false;
    return value;
}

std::optional<std::pair<int, json>> CrmFakes::sfCheckRecords(const std::string &object, const json &records,
                                                             bool allowId) const
{
    for (const auto &record : records) {
        if (!record.is_object() || !record.contains("attributes") || !record["attributes"].is_object()
            || !record["attributes"].contains("type") || !record["attributes"]["type"].is_string())
            return std::pair{400, sfRequestError("INVALID_TYPE", "Must send a concrete entity type.")};
        const std::string type = record["attributes"]["type"];
        if (!m_sfSchema.count(type) || (!object.empty() && type != object))
            return std::pair{400, sfRequestError("INVALID_TYPE", "sObject type '" + type + "' is not supported.")};
        for (const auto &[name, value] : record.items()) {
            if (name == "attributes" || (allowId && (name == "id" || name == "Id")))
                continue;
            const SalesforceFieldDef *field = sfField(type, name);
            if (!field)
                return std::pair{
                    400, sfRequestError("INVALID_FIELD", "No such column '" + name + "' on sobject of type " + type)};
            bool ok = true;
            sfCoerce(*field, value, ok);
            if (!ok)
                return std::pair{400, sfRequestError("JSON_PARSER_ERROR",
                                                     "Cannot deserialize instance of " + field->type + " from "
                                                         + std::string(value.is_string() ? "VALUE_STRING" : "VALUE")
                                                         + " value " + textOf(value)
                                                         + " or request may be missing a required field at [line:1, "
                                                           "column:1]")};
        }
    }
    return std::nullopt;
}

CrmFakes::SfResult CrmFakes::sfSave(std::vector<SfRecord> &store, const std::string &object, json record,
                                    const std::string &mode, const std::string &externalIdField)
{
    SfResult result;
    auto fail = [&](json error) {
        result.errors.push_back(std::move(error));
        return result;
    };
    record.erase("attributes");
    if (m_sfLocksLeft > 0) {
        --m_sfLocksLeft;
        return fail(sfError("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records"));
    }
    SfRecord *target = nullptr;
    if (mode == "update") {
        const std::string id = record.contains("id") ? textOf(record["id"]) : textOf(record.value("Id", json()));
        record.erase("id");
        record.erase("Id");
        for (auto &r : store)
            if (r.id == id)
                target = &r;
        if (!target)
            return fail(sfError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
    } else if (mode == "upsert") {
        const json value = record.value(externalIdField, json());
        if (value.is_null() || textOf(value).empty())
            return fail(sfError("MISSING_ARGUMENT", externalIdField + " not specified"));
        std::vector<SfRecord *> matches;
        for (auto &r : store)
            if (r.fields.contains(externalIdField)
                && sfSameText(sfField(object, externalIdField), textOf(r.fields[externalIdField]), textOf(value)))
                matches.push_back(&r);
        if (matches.size() > 1)
            return fail(sfError("DUPLICATE_EXTERNAL_ID",
                                "Foreign key external ID: " + textOf(value) + " matched "
                                    + std::to_string(matches.size()) + " records.",
                                {externalIdField}));
        target = matches.empty() ? nullptr : matches.front();
    }
    json typed = json::object();
    std::vector<std::string> readOnly;
    for (const auto &[name, value] : record.items()) {
        const SalesforceFieldDef *field = sfField(object, name);
        bool ok = true;
        typed[name] = field ? sfCoerce(*field, value, ok) : value;
        if (field && field->readOnly)
            readOnly.push_back(name);
    }
    if (!readOnly.empty())
        return fail(sfError("INVALID_FIELD_FOR_INSERT_UPDATE",
                            "Unable to create/update fields: " + readOnly.front()
                                + ". Please check the security settings of this field and verify that it is "
                                  "read/write for your profile or permission set.",
                            readOnly));
    for (const auto &[name, value] : typed.items()) {
        const SalesforceFieldDef *field = sfField(object, name);
        if (field && field->restricted && value.is_string()
            && std::find(field->options.begin(), field->options.end(), value.get<std::string>())
                   == field->options.end())
            result.errors.push_back(sfError("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                                            "bad value for restricted picklist field: " + value.get<std::string>(),
                                            {name}));
    }
    json merged = target ? target->fields : json::object();
    if (!target)
        for (const auto &f : m_sfSchema[object])
            if (!f.defaultValue.empty())
                merged[f.name] = f.defaultValue;
    for (const auto &[name, value] : typed.items()) {
        if (value.is_null())
            merged.erase(name);
        else
            merged[name] = value;
    }
    std::vector<std::string> missing;
    for (const auto &f : m_sfSchema[object])
        if (f.required && (!merged.contains(f.name) || textOf(merged[f.name]).empty()))
            missing.push_back(f.name);
    if (!missing.empty()) {
        std::string list;
        for (const auto &name : missing)
            list += (list.empty() ? "" : ", ") + name;
        result.errors.push_back(
            sfError("REQUIRED_FIELD_MISSING", "Required fields are missing: [" + list + "]", missing));
    }
    for (const auto &f : m_sfSchema[object]) {
        if (!(f.unique || f.externalId) || !merged.contains(f.name))
            continue;
        const std::string value = textOf(merged[f.name]);
        for (const auto &r : store)
            if (&r != target && r.fields.contains(f.name) && sfSameText(&f, textOf(r.fields[f.name]), value)) {
                result.errors.push_back(sfError(
                    "DUPLICATE_VALUE",
                    "duplicate value found: " + f.name + " duplicates value on record with id: " + r.id, {f.name}));
                break;
            }
    }
    if (!result.errors.empty())
        return result;
    const std::string now = isoAt(static_cast<long long>(m_sfNextId), true);
    if (target) {
        target->fields = merged;
        target->fields["LastModifiedDate"] = now;
        result.id = target->id;
    } else {
        SfRecord fresh;
        fresh.id = sfNewId(object);
        fresh.fields = merged;
        fresh.fields["CreatedDate"] = now;
        fresh.fields["LastModifiedDate"] = now;
        store.push_back(fresh);
        result.id = fresh.id;
        result.created = true;
    }
    result.success = true;
    return result;
}

json CrmFakes::sfDescribe(const std::string &object) const
{
    json fields = json::array();
    for (const auto &f : m_sfSchema.at(object)) {
        json picklist = json::array();
        for (const auto &o : f.options)
            picklist.push_back(
                json{{"value", o}, {"label", o}, {"active", true}, {"defaultValue", o == f.defaultValue}});
        const bool system = f.readOnly;
        fields.push_back(json{{"name", f.name},
                              {"label", f.label},
                              {"type", f.type},
                              {"length", f.type == "string" || f.type == "picklist" ? 255 : 0},
                              {"nillable", !f.required && !system && f.type != "boolean"},
                              {"createable", !system},
                              {"updateable", !system},
                              {"defaultedOnCreate", system || !f.defaultValue.empty() || f.type == "boolean"},
                              {"externalId", f.externalId},
                              {"caseSensitive", f.caseSensitive},
                              {"unique", f.unique || f.externalId},
                              {"idLookup", f.name == "Id" || f.externalId},
                              {"custom", f.custom},
                              {"restrictedPicklist", f.restricted},
                              {"picklistValues", picklist}});
    }
    return json{{"name", object},     {"label", object},    {"custom", object.ends_with("__c")},
                {"createable", true}, {"updateable", true}, {"deletable", true},
                {"queryable", true},  {"fields", fields}};
}

} // namespace sluice::fakes

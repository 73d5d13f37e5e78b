#include "crmfakes.h"

#include <cctype>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <regex>

namespace sluice::fakes {

using nlohmann::json;

namespace {

constexpr int kHubspotMaxInputs = 100;
constexpr int kSalesforceMaxRecords = 200;

void answer(httplib::Response &response, int status, const json &body)
{
    response.status = status;
    response.set_content(body.dump(), "application/json;charset=UTF-8");
}

std::string lower(std::string text)
{
    for (char &c : text)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return text;
}

std::string regexEscape(const std::string &text)
{
    static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
    return std::regex_replace(text, special, R"(\$&)");
}

bool isDecimal(const std::string &text)
{
    static const std::regex re(R"(^-?[0-9]+(\.[0-9]+)?$)");
    return std::regex_match(text, re);
}

bool isInteger(const std::string &text)
{
    static const std::regex re(R"(^-?[0-9]+$)");
    return std::regex_match(text, re);
}

bool isDate(const std::string &text)
{
    static const std::regex re(R"(^([0-9]{4})-([0-9]{2})-([0-9]{2})$)");
    std::smatch m;
    if (!std::regex_match(text, m, re))
        return false;
    const int month = std::stoi(m[2]), day = std::stoi(m[3]);
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool isDateTime(const std::string &text)
{
    static const std::regex re(
        R"(^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:?[0-9]{2})$)");
    return std::regex_match(text, re) && isDate(text.substr(0, 10));
}

// Epoch milliseconds; for a date property it must be a UTC midnight.
bool isEpochMillis(const std::string &text, bool midnight)
{
    if (text.empty() || text.size() > 16 || !isInteger(text))
        return false;
    return !midnight || std::stoll(text) % 86'400'000 == 0;
}

std::string urlDecode(const std::string &text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1]))
                   && std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::map<std::string, std::string> parseForm(const std::string &text)
{
    std::map<std::string, std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('&', start), text.size());
        const std::string pair = text.substr(start, end - start);
        const auto eq = pair.find('=');
        if (!pair.empty())
            out[urlDecode(pair.substr(0, eq))] = eq == std::string::npos ? "" : urlDecode(pair.substr(eq + 1));
        start = end + 1;
    }
    return out;
}

std::string correlationId(int n)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "5b1c6e2a-0000-4000-8000-%012d", n);
    return buf;
}

std::string isoAt(long long secondsAfterBase, bool salesforceStyle = false)
{
    const std::time_t t = 1714554000 + secondsAfterBase; // 2024-05-01T09:00:00Z
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, salesforceStyle ? "%Y-%m-%dT%H:%M:%S.000+0000" : "%Y-%m-%dT%H:%M:%S.000Z", &tm);
    return buf;
}

void appendCsvCell(std::string &out, const std::string &cell)
{
    out += '"';
    for (const char c : cell) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

std::string csvLine(const std::vector<std::string> &cells)
{
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i)
            line += ',';
        appendCsvCell(line, cells[i]);
    }
    return line + '\n';
}

std::vector<std::vector<std::string>> parseCsv(const std::string &text)
{
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false, started = false;
    auto endCell = [&] {
        row.push_back(std::move(cell));
        cell.clear();
        started = false;
    };
    auto endRow = [&] {
        endCell();
        if (!(row.size() == 1 && row[0].empty()))
            rows.push_back(std::move(row));
        row.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == '"' && !started) {
            quoted = started = true;
        } else if (c == ',') {
            endCell();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            endRow();
        } else {
            cell += c;
            started = true;
        }
    }
    if (started || !cell.empty() || !row.empty())
        endRow();
    return rows;
}

std::string textOf(const json &value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_null())
        return {};
    if (value.is_number_float()) {
        const double d = value.get<double>();
        if (std::floor(d) == d && std::fabs(d) < 9e15)
            return std::to_string(static_cast<long long>(d));
    }
    return value.dump();
}

// HubSpot's singular, upper-case name of an object in its messages.
std::string hsNoun(const std::string &object)
{
    return object == "companies" ? "Company" : "Contact";
}

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
    const std::vector<std::string> lifecycle = {"subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead",
                                                "opportunity", "customer", "evangelist", "other"};
    if (object == "companies") {
        HubspotPropertyDef sluiceId = p("sluice_id", "string", "text", {}, true);
        sluiceId.unique = true;
        return {p("name"), p("domain"), p("industry"), p("phone", "string", "phonenumber"), p("website"),
                p("city"), p("state"), p("country"), p("numberofemployees", "number", "number"),
                p("annualrevenue", "number", "number"), p("description", "string", "textarea"),
                p("lifecyclestage", "enumeration", "radio", lifecycle), sluiceId,
                readOnly(p("hs_object_id", "number", "number")), readOnly(p("createdate", "datetime", "date")),
                readOnly(p("hs_lastmodifieddate", "datetime", "date"))};
    }
    return {p("email"),
            p("firstname"),
            p("lastname"),
            p("phone", "string", "phonenumber"),
            p("mobilephone", "string", "phonenumber"),
            p("company"),
            p("jobtitle"),
            p("website"),
            p("city"),
            p("state"),
            p("zip"),
            p("country"),
            p("lifecyclestage", "enumeration", "radio", lifecycle),
            p("hs_lead_status", "enumeration", "radio",
              {"NEW", "OPEN", "IN_PROGRESS", "OPEN_DEAL", "UNQUALIFIED", "ATTEMPTED_TO_CONTACT", "CONNECTED",
               "BAD_TIMING"}),
            // Custom properties of the sandbox account (the demo's hubspot_contacts model).
            p("user_tier", "enumeration", "select", {"VIP", "Premium", "Standard"}, true),
            p("lifetime_value", "number", "number", {}, true),
            p("last_activity_date", "date", "date", {}, true),
            p("engagement_level", "enumeration", "select", {"Active", "Inactive"}, true),
            readOnly(p("hs_object_id", "number", "number")),
            readOnly(p("createdate", "datetime", "date")),
            readOnly(p("lastmodifieddate", "datetime", "date"))};
}

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
    SalesforceFieldDef status = picklist("Status", {"Open - Not Contacted", "Working - Contacted",
                                                    "Closed - Converted", "Closed - Not Converted"}, true);
    status.defaultValue = "Open - Not Contacted";
    return {
        {"Lead",
         {system("Id", "id"), f("FirstName"), f("LastName", "string", true), f("Company", "string", true),
          f("Email", "email"), f("Phone", "phone"), f("Title"), picklist("LeadSource", sources), status,
          picklist("Rating", {"Hot", "Warm", "Cold"}), f("Industry", "picklist"), f("AnnualRevenue", "currency"),
          f("NumberOfEmployees", "int"), f("City"), f("Country"), f("Description", "textarea"),
          externalId("Sluice_Id__c"), custom(f("Lead_Score__c", "double")), system("CreatedDate", "datetime"),
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

json sfError(const std::string &code, const std::string &message, const std::vector<std::string> &fields = {})
{
    return json{{"statusCode", code}, {"message", message}, {"fields", fields}};
}

json sfRequestError(const std::string &code, const std::string &message)
{
    return json::array({json{{"errorCode", code}, {"message", message}}});
}

bool isSfNumeric(const std::string &type)
{
    return type == "double" || type == "currency" || type == "percent";
}

} // namespace

CrmFakes::CrmFakes(const SandboxOptions &options)
    : m_options(options)
{
    m_hsProperties["contacts"] = defaultHubspotProperties("contacts");
    m_hsProperties["companies"] = defaultHubspotProperties("companies");
    m_sfSchema = defaultSalesforceSchema();
    m_sfTokens.insert(m_options.token);
    m_sfNewestToken = m_options.token;
}

CrmFakes::~CrmFakes() = default;

void CrmFakes::mount(httplib::Server &server, const std::string &hubspotPrefix, const std::string &salesforcePrefix)
{
    m_hubspotPrefix = hubspotPrefix;
    m_salesforcePrefix = salesforcePrefix;
    const std::string hs = regexEscape(hubspotPrefix) + "(/.*)";
    const std::string sf = regexEscape(salesforcePrefix) + "(/.*)";
    auto onHubspot = [this](const httplib::Request &req, httplib::Response &res) { hubspot(req, res, req.matches[1]); };
    auto onSalesforce
        = [this](const httplib::Request &req, httplib::Response &res) { salesforce(req, res, req.matches[1]); };
    server.Get(hs, onHubspot).Post(hs, onHubspot).Put(hs, onHubspot).Patch(hs, onHubspot).Delete(hs, onHubspot);
    server.Get(sf, onSalesforce)
        .Post(sf, onSalesforce)
        .Put(sf, onSalesforce)
        .Patch(sf, onSalesforce)
        .Delete(sf, onSalesforce);
}

std::size_t CrmFakes::logRequest(const std::string &service, const httplib::Request &request, const std::string &path)
{
    CrmRequest r;
    r.service = service;
    r.method = request.method;
    r.path = path;
    const auto q = request.target.find('?');
    r.query = q == std::string::npos ? std::string() : request.target.substr(q + 1);
    r.body = request.body;
    r.authorization = request.get_header_value("Authorization");
    r.contentType = request.get_header_value("Content-Type");
    m_requests.push_back(std::move(r));
    return m_requests.size() - 1;
}

std::vector<CrmRequest> CrmFakes::requests(const std::string &service) const
{
    std::lock_guard lock(m_mutex);
    std::vector<CrmRequest> out;
    for (const auto &r : m_requests)
        if (service.empty() || r.service == service)
            out.push_back(r);
    return out;
}

void CrmFakes::reset()
{
    std::lock_guard lock(m_mutex);
    m_requests.clear();
    m_hsRecords.clear();
    m_hsNextId = 1001;
    m_hsBatchCount = m_hsLargest = m_hsClock = 0;
    m_sfRecords.clear();
    m_sfUsage = m_sfWriteCount = m_sfWriteRequests = m_sfLargest = m_sfRefreshes = 0;
    m_sfLocksLeft = m_sfBehaviour.lockRowFirst;
    m_sfNextId = 1;
    m_sfJobs.clear();
    m_sfJobOrder.clear();
    m_sfTokens = {m_options.token};
    m_sfNewestToken = m_options.token;
}

json CrmFakes::contents() const
{
    std::lock_guard lock(m_mutex);
    json hubspot = json::object();
    for (const std::string object : {"contacts", "companies"}) {
        json list = json::array();
        if (const auto it = m_hsRecords.find(object); it != m_hsRecords.end())
            for (const auto &[id, record] : it->second)
                list.push_back(json{{"id", record.id}, {"properties", record.properties}});
        hubspot[object] = list;
    }
    hubspot["batchRequests"] = m_hsBatchCount;
    hubspot["largestBatch"] = m_hsLargest;
    json salesforce = json::object();
    json records = json::object();
    for (const auto &[object, list] : m_sfRecords) {
        json items = json::array();
        for (const auto &r : list) {
            json item = r.fields;
            item["Id"] = r.id;
            items.push_back(item);
        }
        records[object] = items;
    }
    salesforce["records"] = records;
    salesforce["apiUsage"] = std::to_string(m_sfUsage) + "/" + std::to_string(m_sfBehaviour.apiAllocation);
    salesforce["largestBatch"] = m_sfLargest;
    json jobs = json::array();
    for (const auto &id : m_sfJobOrder)
        jobs.push_back(sfJobInfo(m_sfJobs.at(id)));
    salesforce["jobs"] = jobs;
    return json{{"hubspot", hubspot}, {"salesforce", salesforce}};
}

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
    const auto def = std::find_if(list.begin(), list.end(), [&](const HubspotPropertyDef &p) { return p.name == name; });
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
        return error("INVALID_DATE", "\"" + text + "\" is not a date: use YYYY-MM-DD or epoch milliseconds at "
                                                   "midnight UTC (property " + name + ")");
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
        errors.push_back(json{{"message", "Property \"" + name + "\" is a read only property; its value cannot be set."},
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
    auto error = [&](int status, const std::string &category, const std::string &message, json extra = json::object()) {
        json body = {{"status", "error"}, {"message", message}, {"correlationId", correlationId(int(index))},
                     {"category", category}};
        for (auto &[k, v] : extra.items())
            body[k] = v;
        answer(response, status, body);
    };
    const std::vector<std::string> scopes
        = b.scopes.empty() ? std::vector<std::string>{"crm.objects.contacts.read", "crm.objects.contacts.write",
                                                      "crm.objects.companies.read", "crm.objects.companies.write",
                                                      "crm.schemas.contacts.read", "crm.schemas.companies.read"}
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
            const int limit = request.has_param("limit") ? std::max(1, std::atoi(request.get_param_value("limit").c_str())) : 10;
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
                results.push_back(json{{"name", p.name},
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
                                        {{"archivable", p.custom}, {"readOnlyDefinition", !p.custom},
                                         {"readOnlyValue", p.readOnly}}}});
            }
            return answer(response, 200, json{{"results", results}});
        }
        error(404, "OBJECT_NOT_FOUND", "No route for " + request.method + " " + path);
    }();
    m_requests[index].status = response.status;
}

void CrmFakes::hsBatch(const httplib::Request &request, httplib::Response &response, const std::string &object,
                       const std::string &operation, std::size_t index)
{
    const HubspotBehaviour &b = m_hsBehaviour;
    const int n = ++m_hsBatchCount;
    auto error = [&](int status, const std::string &category, const std::string &message, json extra = json::object()) {
        json body = {{"status", "error"}, {"message", message}, {"correlationId", correlationId(int(index))},
                     {"category", category}};
        for (auto &[k, v] : extra.items())
            body[k] = v;
        answer(response, status, body);
    };
    // Faults first: the service refuses before reading the body.
    if (b.dailyLimitReached) {
        response.set_header("X-HubSpot-RateLimit-Daily-Remaining", "0");
        return answer(response, 429, json{{"status", "error"},
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
        return answer(response, 429, json{{"status", "error"},
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
        json out = {{"status", "COMPLETE"}, {"results", results}, {"startedAt", isoAt(m_hsClock)},
                    {"completedAt", isoAt(m_hsClock)}};
        if (!errors.empty()) {
            out["numErrors"] = errors.size();
            out["errors"] = errors;
        }
        answer(response, errors.empty() ? okStatus : 207, out);
    };
    auto notFound = [&](const std::vector<std::string> &ids) {
        if (!ids.empty())
            errors.push_back(json{{"status", "error"},
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
            results.push_back(json{{"id", record->id}, {"properties", properties}, {"createdAt", record->createdAt},
                                   {"updatedAt", record->updatedAt}, {"archived", false}});
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
                    bad = json{{"status", "error"}, {"category", "VALIDATION_ERROR"},
                               {"message", "Property values were not valid"}, {"context", {{"ids", {id}}}},
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
                return std::pair{400, sfRequestError("INVALID_FIELD", "No such column '" + name + "' on sobject of type "
                                                                          + type)};
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

namespace {
// Text equality as the org compares a field: exact for case-sensitive fields,
// else without regard to (ASCII) case.
bool sfSameText(const SalesforceFieldDef *field, const std::string &a, const std::string &b)
{
    if (!field || field->caseSensitive || field->type == "id")
        return a == b;
    return lower(a) == lower(b);
}
} // namespace

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
            return fail(sfError("DUPLICATE_EXTERNAL_ID", "Foreign key external ID: " + textOf(value) + " matched "
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
            && std::find(field->options.begin(), field->options.end(), value.get<std::string>()) == field->options.end())
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
        result.errors.push_back(sfError("REQUIRED_FIELD_MISSING", "Required fields are missing: [" + list + "]", missing));
    }
    for (const auto &f : m_sfSchema[object]) {
        if (!(f.unique || f.externalId) || !merged.contains(f.name))
            continue;
        const std::string value = textOf(merged[f.name]);
        for (const auto &r : store)
            if (&r != target && r.fields.contains(f.name) && sfSameText(&f, textOf(r.fields[f.name]), value)) {
                result.errors.push_back(sfError("DUPLICATE_VALUE", "duplicate value found: " + f.name
                                                                       + " duplicates value on record with id: " + r.id,
                                                {f.name}));
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
            picklist.push_back(json{{"value", o}, {"label", o}, {"active", true}, {"defaultValue", o == f.defaultValue}});
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
    return json{{"name", object},
                {"label", object},
                {"custom", object.ends_with("__c")},
                {"createable", true},
                {"updateable", true},
                {"deletable", true},
                {"queryable", true},
                {"fields", fields}};
}

json CrmFakes::sfJobInfo(const SfJob &job) const
{
    json info = {{"id", job.id},
                 {"operation", job.operation},
                 {"object", job.object},
                 {"createdById", "005SB0000000001AAA"},
                 {"createdDate", job.createdDate},
                 {"systemModstamp", job.createdDate},
                 {"state", job.state},
                 {"concurrencyMode", "Parallel"},
                 {"contentType", "CSV"},
                 {"apiVersion", 60.0},
                 {"jobType", "V2Ingest"},
                 {"lineEnding", "LF"},
                 {"columnDelimiter", "COMMA"},
                 {"contentUrl", "services/data/v60.0/jobs/ingest/" + job.id + "/batches"}};
    if (!job.externalIdField.empty())
        info["externalIdFieldName"] = job.externalIdField;
    if (job.state == "JobComplete" || job.state == "Failed") {
        info["numberRecordsProcessed"] = job.processed;
        info["numberRecordsFailed"] = job.failed.size();
    } else {
        info["numberRecordsProcessed"] = 0;
        info["numberRecordsFailed"] = 0;
    }
    if (!job.errorMessage.empty())
        info["errorMessage"] = job.errorMessage;
    return info;
}

void CrmFakes::sfProcessJob(SfJob &job)
{
    const auto table = parseCsv(job.csv);
    if (table.empty()) {
        job.state = "Failed";
        job.errorMessage = "InvalidBatch : No data was uploaded";
        return;
    }
    job.columns = table.front();
    for (const auto &column : job.columns)
        if (!sfField(job.object, column) && !(column == "Id" && (job.operation == "update" || job.operation == "delete"))) {
            job.state = "Failed";
            job.errorMessage = "InvalidBatch : Field name not found : " + column;
            return;
        }
    auto &store = sfStore(job.object);
    for (std::size_t r = 1; r < table.size(); ++r) {
        const auto &row = table[r];
        json record = json::object();
        std::string conversionError;
        for (std::size_t c = 0; c < job.columns.size() && c < row.size(); ++c) {
            const std::string &cell = row[c];
            if (cell.empty())
                continue; // an empty cell leaves the field as it is
            if (cell == "#N/A") {
                record[job.columns[c]] = nullptr;
                continue;
            }
            const SalesforceFieldDef *field = sfField(job.object, job.columns[c]);
            if (!field) {
                record[job.columns[c]] = cell;
                continue;
            }
            bool ok = true;
            const json typed = sfCoerce(*field, json(cell), ok);
            if (!ok && conversionError.empty())
                conversionError = "INVALID_FIELD:Failed to deserialize field at col " + std::to_string(c + 1) + ". Due to, '"
                                  + cell + "' is not a valid value for the type xsd:" + field->type + ":"
                                  + job.columns[c] + " --";
            record[job.columns[c]] = typed;
        }
        std::vector<std::string> cells = row;
        cells.resize(job.columns.size());
        if (!conversionError.empty()) {
            std::vector<std::string> failed = {"", conversionError};
            failed.insert(failed.end(), cells.begin(), cells.end());
            job.failed.push_back(failed);
            continue;
        }
        const std::string mode = job.operation == "insert" ? "create" : job.operation;
        SfResult result = sfSave(store, job.object, record, mode, job.externalIdField);
        if (result.success) {
            std::vector<std::string> ok = {result.id, result.created ? "true" : "false"};
            ok.insert(ok.end(), cells.begin(), cells.end());
            job.succeeded.push_back(ok);
        } else {
            const json &e = result.errors.front();
            std::string fields;
            for (const auto &f : e["fields"])
                fields += (fields.empty() ? "" : ",") + f.get<std::string>();
            std::vector<std::string> failed
                = {"", e["statusCode"].get<std::string>() + ":" + e["message"].get<std::string>() + ":" + fields + " --"};
            failed.insert(failed.end(), cells.begin(), cells.end());
            job.failed.push_back(failed);
        }
    }
    job.processed = static_cast<int>(table.size() - 1);
}

void CrmFakes::sfQuery(const std::string &soql, httplib::Response &response, const std::string &apiRoot)
{
    static const std::regex re(
        R"(^\s*SELECT\s+(.+?)\s+FROM\s+([A-Za-z0-9_]+)(?:\s+WHERE\s+([A-Za-z0-9_]+)\s*(=|IN)\s*(.+?))?(?:\s+LIMIT\s+([0-9]+))?\s*$)",
        std::regex::icase);
    std::smatch m;
    if (!std::regex_match(soql, m, re))
        return answer(response, 400, sfRequestError("MALFORMED_QUERY", "unexpected token in: " + soql));
    const std::string object = m[2];
    if (!m_sfSchema.count(object))
        return answer(response, 400, sfRequestError("INVALID_TYPE", "sObject type '" + object + "' is not supported."));
    std::vector<std::string> select;
    {
        const std::string list = m[1];
        std::size_t start = 0;
        while (start <= list.size()) {
            const std::size_t end = std::min(list.find(',', start), list.size());
            std::string name = list.substr(start, end - start);
            name.erase(0, name.find_first_not_of(' '));
            name.erase(name.find_last_not_of(' ') + 1);
            if (!name.empty()) {
                if (!sfField(object, name))
                    return answer(response, 400, sfRequestError("INVALID_FIELD", "No such column '" + name
                                                                                     + "' on entity '" + object + "'."));
                select.push_back(name);
            }
            start = end + 1;
        }
    }
    std::optional<std::vector<std::string>> values;
    std::string whereField;
    if (m[3].matched) {
        whereField = m[3];
        if (!sfField(object, whereField))
            return answer(response, 400, sfRequestError("INVALID_FIELD", "No such column '" + whereField + "' on entity '"
                                                                             + object + "'."));
        std::string literal = m[5];
        if (lower(m[4]) == "in") {
            if (literal.size() < 2 || literal.front() != '(' || literal.back() != ')')
                return answer(response, 400, sfRequestError("MALFORMED_QUERY", "expected a list after IN"));
            literal = literal.substr(1, literal.size() - 2);
        }
        values.emplace();
        std::size_t i = 0;
        while (i < literal.size()) {
            while (i < literal.size() && (literal[i] == ' ' || literal[i] == ','))
                ++i;
            if (i >= literal.size())
                break;
            std::string value;
            if (literal[i] == '\'') {
                ++i;
                while (i < literal.size() && literal[i] != '\'') {
                    if (literal[i] == '\\' && i + 1 < literal.size()) {
                        const char next = literal[++i];
                        value += next == 'n' ? '\n' : next == 'r' ? '\r' : next;
                    } else {
                        value += literal[i];
                    }
                    ++i;
                }
                ++i;
            } else {
                while (i < literal.size() && literal[i] != ',' && literal[i] != ' ')
                    value += literal[i++];
            }
            values->push_back(value);
        }
    }
    const std::size_t limit = m[6].matched ? std::stoul(m[6]) : std::string::npos;
    json records = json::array();
    for (const auto &r : sfStore(object)) {
        if (records.size() >= limit)
            break;
        if (values) {
            const json fieldValue = whereField == "Id" ? json(r.id) : r.fields.value(whereField, json());
            // SOQL compares strings without regard to case, except on fields
            // marked case-sensitive (and record ids).
            const std::string text = textOf(fieldValue);
            const SalesforceFieldDef *field = whereField == "Id" ? nullptr : sfField(object, whereField);
            if (std::none_of(values->begin(), values->end(), [&](const std::string &v) {
                    return field ? sfSameText(field, text, v) : text == v;
                }))
                continue;
        }
        json item = {{"attributes", {{"type", object}, {"url", apiRoot + "/sobjects/" + object + "/" + r.id}}}};
        for (const auto &name : select)
            item[name] = name == "Id" ? json(r.id) : r.fields.value(name, json());
        records.push_back(item);
    }
    answer(response, 200, json{{"totalSize", records.size()}, {"done", true}, {"records", records}});
}

void CrmFakes::salesforce(const httplib::Request &request, httplib::Response &response, const std::string &path)
{
    std::lock_guard lock(m_mutex);
    const std::size_t index = logRequest("salesforce", request, path);
    const SalesforceBehaviour &b = m_sfBehaviour;
    [&] {
        if (path == "/services/oauth2/token") {
            if (request.method != "POST")
                return answer(response, 405, json{{"error", "method_not_allowed"}});
            auto form = parseForm(request.body);
            for (const auto &[k, v] : request.params)
                form.emplace(k, v);
            if (form["grant_type"] != "refresh_token")
                return answer(response, 400, json{{"error", "unsupported_grant_type"},
                                                  {"error_description", "grant type not supported"}});
            if (form["client_id"].empty())
                return answer(response, 400, json{{"error", "invalid_client_id"},
                                                  {"error_description", "client identifier invalid"}});
            if (form["refresh_token"] != m_options.token)
                return answer(response, 400, json{{"error", "invalid_grant"},
                                                  {"error_description", "expired access/refresh token"}});
            ++m_sfRefreshes;
            const std::string token = m_options.token + "-renewed-" + std::to_string(m_sfRefreshes);
            if (!b.refreshedTokensExpire)
                m_sfTokens.insert(token);
            m_sfNewestToken = token;
            const std::string host = request.get_header_value("Host");
            return answer(response, 200, json{{"access_token", token},
                                              {"instance_url", "http://" + host + m_salesforcePrefix},
                                              {"id", "http://" + host + m_salesforcePrefix + "/id/00DSB/005SB"},
                                              {"token_type", "Bearer"},
                                              {"issued_at", "1714554000000"},
                                              {"signature", "c2FuZGJveA=="},
                                              {"scope", "api refresh_token"}});
        }
        static const std::regex apiPath(R"(^/services/data/(v[0-9]+\.[0-9]+)(/.*)?$)");
        std::smatch m;
        if (!std::regex_match(path, m, apiPath))
            return answer(response, 404, sfRequestError("NOT_FOUND", "The requested resource does not exist"));
        const std::string version = m[1];
        const std::string rest = m[2].matched ? std::string(m[2]) : std::string("/");
        const std::string apiRoot = "/services/data/" + version;
        const std::string authorization = request.get_header_value("Authorization");
        if (!authorization.starts_with("Bearer ") || !m_sfTokens.count(authorization.substr(7)))
            return answer(response, 401, sfRequestError("INVALID_SESSION_ID", "Session expired or invalid"));
        ++m_sfUsage;
        response.set_header("Sforce-Limit-Info",
                            "api-usage=" + std::to_string(m_sfUsage) + "/" + std::to_string(b.apiAllocation));
        if (b.requestLimitExceeded || m_sfUsage > b.apiAllocation)
            return answer(response, 403, sfRequestError("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));

        const bool write = rest.starts_with("/composite/sobjects") || (rest == "/jobs/ingest" && request.method == "POST");
        if (write) {
            const int n = ++m_sfWriteCount;
            if (n <= b.concurrentLimitFirst)
                return answer(response, 403, sfRequestError("REQUEST_LIMIT_EXCEEDED",
                                                            "ConcurrentPerOrgLongTxn Limit exceeded."));
            if (n <= b.serverErrorFirst || (b.serverErrorEvery > 0 && n % b.serverErrorEvery == 0))
                return answer(response, b.serverErrorStatus,
                              b.serverErrorStatus == 503
                                  ? sfRequestError("SERVER_UNAVAILABLE", "Server temporarily unavailable")
                                  : sfRequestError("UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include "
                                                                        "this ErrorId if you contact support"));
        }

        static const std::regex describePath(R"(^/sobjects/([A-Za-z0-9_]+)/describe/?$)");
        static const std::regex upsertPath(R"(^/composite/sobjects/([A-Za-z0-9_]+)/([A-Za-z0-9_]+)$)");
        static const std::regex jobPath(R"(^/jobs/ingest/([A-Za-z0-9]+)(/batches|/successfulResults/?|/failedResults/?|/unprocessedrecords/?)?$)");
        std::smatch p;
        if (request.method == "GET" && rest == "/limits")
            return answer(response, 200, json{{"DailyApiRequests", {{"Max", b.apiAllocation},
                                                                     {"Remaining", b.apiAllocation - m_sfUsage}}}});
        if (request.method == "GET" && std::regex_match(rest, p, describePath)) {
            if (!m_sfSchema.count(p[1]))
                return answer(response, 404, sfRequestError("NOT_FOUND", "The requested resource does not exist"));
            return answer(response, 200, sfDescribe(p[1]));
        }
        if (request.method == "GET" && rest == "/query")
            return sfQuery(request.get_param_value("q"), response, apiRoot);

        auto parseBody = [&](json &body) {
            body = json::parse(request.body, nullptr, false);
            if (body.is_discarded()) {
                answer(response, 400, sfRequestError("JSON_PARSER_ERROR", "Unexpected character at [line:1, column:1]"));
                return false;
            }
            return true;
        };
        auto tooMany = [&](std::size_t count) {
            m_requests[index].records = static_cast<int>(count);
            m_sfLargest = std::max(m_sfLargest, static_cast<int>(count));
            if (count <= static_cast<std::size_t>(kSalesforceMaxRecords))
                return false;
            answer(response, 400, sfRequestError("EXCEEDED_ID_LIMIT",
                                                 "record limit reached. cannot submit more than 200 records into this "
                                                 "call"));
            return true;
        };
        // Runs `each` on copies of the stores; keeps the changes unless allOrNone saw a failure.
        auto collection = [&](const json &records, bool allOrNone, const std::function<SfResult(std::map<std::string, std::vector<SfRecord>> &, const json &)> &each, bool withCreated) {
            ++m_sfWriteRequests;
            std::map<std::string, std::vector<SfRecord>> work = m_sfRecords;
            std::vector<SfResult> results;
            bool anyFailed = false;
            for (const auto &record : records) {
                results.push_back(each(work, record));
                anyFailed = anyFailed || !results.back().success;
            }
            const bool rollBack = allOrNone && anyFailed;
            if (!rollBack)
                m_sfRecords = std::move(work);
            json out = json::array();
            for (const auto &r : results) {
                json item;
                if (rollBack && r.success) {
                    item = {{"success", false},
                            {"errors", json::array({sfError("ALL_OR_NONE_OPERATION_ROLLED_BACK",
                                                            "Record rolled back because not all records were valid "
                                                            "and the request was using AllOrNone header")})}};
                } else if (r.success) {
                    item = {{"id", r.id}, {"success", true}, {"errors", json::array()}};
                } else {
                    item = {{"success", false}, {"errors", r.errors}};
                }
                if (withCreated)
                    item["created"] = r.success && !rollBack && r.created;
                out.push_back(item);
            }
            answer(response, 200, out);
        };

        if (request.method == "PATCH" && std::regex_match(rest, p, upsertPath)) {
            const std::string object = p[1], ext = p[2];
            if (!m_sfSchema.count(object))
                return answer(response, 404, sfRequestError("NOT_FOUND", "The requested resource does not exist"));
            const SalesforceFieldDef *field = sfField(object, ext);
            if (!field || !field->externalId)
                return answer(response, 404, sfRequestError("NOT_FOUND", "Provided external ID field does not exist or "
                                                                         "is not accessible: " + ext));
            json body;
            if (!parseBody(body))
                return;
            if (!body.is_object() || !body.contains("records") || !body["records"].is_array())
                return answer(response, 400, sfRequestError("JSON_PARSER_ERROR", "records must be an array"));
            if (tooMany(body["records"].size()))
                return;
            if (auto refused = sfCheckRecords(object, body["records"], false))
                return answer(response, refused->first, refused->second);
            return collection(body["records"], body.value("allOrNone", false),
                              [&](auto &work, const json &record) { return sfSave(work[object], object, record, "upsert", ext); },
                              true);
        }
        if (rest == "/composite/sobjects" && (request.method == "POST" || request.method == "PATCH")) {
            const bool create = request.method == "POST";
            json body;
            if (!parseBody(body))
                return;
            if (!body.is_object() || !body.contains("records") || !body["records"].is_array())
                return answer(response, 400, sfRequestError("JSON_PARSER_ERROR", "records must be an array"));
            if (tooMany(body["records"].size()))
                return;
            if (auto refused = sfCheckRecords("", body["records"], !create))
                return answer(response, refused->first, refused->second);
            return collection(body["records"], body.value("allOrNone", false),
                              [&](auto &work, const json &record) {
                                  const std::string type = record["attributes"]["type"];
                                  if (create && (record.contains("Id") || record.contains("id"))) {
                                      SfResult r;
                                      r.errors.push_back(sfError("INVALID_FIELD", "Cannot specify Id in an insert call"));
                                      return r;
                                  }
                                  return sfSave(work[type], type, record, create ? "create" : "update", "");
                              },
                              false);
        }
        if (rest == "/composite/sobjects" && request.method == "DELETE") {
            std::vector<std::string> ids;
            const std::string list = request.get_param_value("ids");
            std::size_t start = 0;
            while (start < list.size()) {
                const std::size_t end = std::min(list.find(',', start), list.size());
                if (end > start)
                    ids.push_back(list.substr(start, end - start));
                start = end + 1;
            }
            if (tooMany(ids.size()))
                return;
            const bool allOrNone = request.get_param_value("allOrNone") == "true";
            json records = json::array();
            for (const auto &id : ids)
                records.push_back(id);
            return collection(records, allOrNone,
                              [&](auto &work, const json &id) {
                                  SfResult r;
                                  for (auto &[object, store] : work) {
                                      const auto it = std::find_if(store.begin(), store.end(),
                                                                   [&](const SfRecord &s) { return s.id == id; });
                                      if (it != store.end()) {
                                          store.erase(it);
                                          r.success = true;
                                          r.id = id;
                                          return r;
                                      }
                                  }
                                  r.errors.push_back(sfError("ENTITY_IS_DELETED", "entity is deleted"));
                                  return r;
                              },
                              false);
        }
        if (rest == "/jobs/ingest" && request.method == "POST") {
            json body;
            if (!parseBody(body))
                return;
            const std::string object = body.value("object", "");
            const std::string operation = body.value("operation", "");
            if (!m_sfSchema.count(object))
                return answer(response, 400, sfRequestError("INVALIDJOB", "Unable to find object: " + object));
            if (operation != "insert" && operation != "upsert" && operation != "update" && operation != "delete")
                return answer(response, 400, sfRequestError("INVALIDJOB", "Invalid operation: " + operation));
            SfJob job;
            if (operation == "upsert") {
                job.externalIdField = body.value("externalIdFieldName", "");
                const SalesforceFieldDef *field = sfField(object, job.externalIdField);
                if (!field || !field->externalId)
                    return answer(response, 400, sfRequestError("INVALIDJOB", "The field '" + job.externalIdField
                                                                                  + "' is not an external id field of "
                                                                                  + object));
            }
            char id[32];
            std::snprintf(id, sizeof id, "750SB%010zuAAA", m_sfJobOrder.size() + 1);
            job.id = id;
            job.object = object;
            job.operation = operation;
            job.createdDate = isoAt(static_cast<long long>(m_sfJobOrder.size()), true);
            m_sfJobs[job.id] = job;
            m_sfJobOrder.push_back(job.id);
            return answer(response, 200, sfJobInfo(job));
        }
        if (std::regex_match(rest, p, jobPath)) {
            const auto it = m_sfJobs.find(p[1]);
            if (it == m_sfJobs.end())
                return answer(response, 404, sfRequestError("NOT_FOUND", "The requested resource does not exist"));
            SfJob &job = it->second;
            const std::string part = p[2].matched ? std::string(p[2]) : std::string();
            if (part == "/batches" && request.method == "PUT") {
                if (job.state != "Open" || job.uploaded)
                    return answer(response, 409, sfRequestError("INVALIDJOBSTATE", "Job is not open for upload"));
                job.csv = request.body;
                job.uploaded = true;
                m_requests[index].records = static_cast<int>(std::max<std::size_t>(1, parseCsv(job.csv).size()) - 1);
                m_sfLargest = std::max(m_sfLargest, m_requests[index].records);
                response.status = 201;
                return;
            }
            if (part.empty() && request.method == "PATCH") {
                json body;
                if (!parseBody(body))
                    return;
                const std::string state = body.value("state", "");
                if (state == "Aborted") {
                    job.state = "Aborted";
                } else if (state == "UploadComplete") {
                    if (job.state != "Open")
                        return answer(response, 409, sfRequestError("INVALIDJOBSTATE", "Job is not open"));
                    job.state = "UploadComplete";
                    sfProcessJob(job);
                    job.pollsLeft = b.bulkInProgressPolls;
                } else {
                    return answer(response, 400, sfRequestError("INVALIDJOBSTATE", "Invalid state: " + state));
                }
                json info = sfJobInfo(job);
                return answer(response, 200, info);
            }
            if (part.empty() && request.method == "GET") {
                if (job.state == "UploadComplete" || job.state == "InProgress") {
                    if (job.pollsLeft > 0) {
                        --job.pollsLeft;
                        job.state = "InProgress";
                    } else {
                        job.state = "JobComplete";
                    }
                }
                return answer(response, 200, sfJobInfo(job));
            }
            if (request.method == "GET" && !part.empty()) {
                std::vector<std::string> header;
                const std::vector<std::vector<std::string>> *rows = nullptr;
                const std::vector<std::vector<std::string>> none;
                if (part.starts_with("/successfulResults")) {
                    header = {"sf__Id", "sf__Created"};
                    rows = &job.succeeded;
                } else if (part.starts_with("/failedResults")) {
                    header = {"sf__Id", "sf__Error"};
                    rows = &job.failed;
                } else {
                    rows = &none;
                }
                header.insert(header.end(), job.columns.begin(), job.columns.end());
                std::string csv = csvLine(header);
                for (const auto &row : *rows)
                    csv += csvLine(row);
                response.status = 200;
                response.set_content(csv, "text/csv");
                return;
            }
        }
        answer(response, 404, sfRequestError("NOT_FOUND", "The requested resource does not exist"));
    }();
    m_requests[index].status = response.status;
}

} // namespace sluice::fakes

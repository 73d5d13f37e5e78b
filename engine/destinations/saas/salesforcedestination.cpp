#include "destinations/saas/salesforcedestination.h"

#include "destinations/saas/connectortext.h"

#include "destinations/saas/salesforceinternal.h"
#include "formats/datetime.h"
#include "formats/jsonwriter.h"
#include "formats/numbers.h"
#include "version.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace sluice {

using nlohmann::json;

namespace salesforce {

std::string cutForInspector(const std::string &body)
{
    constexpr std::size_t kLimit = 64 * 1024;
    if (body.size() <= kLimit)
        return body;
    std::size_t end = kLimit;
    while (end > 0 && (static_cast<unsigned char>(body[end]) & 0xC0) == 0x80)
        --end;
    return body.substr(0, end) + "\n[cut: " + std::to_string(body.size()) + " bytes in all]";
}

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

json parseJson(const std::string &body)
{
    return json::parse(body, nullptr, false);
}

std::string stringOf(const json &j, const char *key)
{
    if (!j.is_object())
        return {};
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

BatchFailure failure(BatchFailure::Kind kind, std::string message, std::optional<std::chrono::milliseconds> retryAfter)
{
    return BatchFailure{kind, std::move(message), retryAfter};
}

std::string errorText(const std::string &code, const std::string &message, const std::vector<std::string> &fields)
{
    std::string text = code.empty() ? std::string("ERROR") : code;
    if (!message.empty())
        text += ": " + message;
    if (!fields.empty()) {
        text += " (fields: ";
        for (std::size_t i = 0; i < fields.size(); ++i)
            text += (i ? ", " : "") + fields[i];
        text += ')';
    }
    return text;
}

bool retryableCode(const std::string &code)
{
    return code == "ALL_OR_NONE_OPERATION_ROLLED_BACK" || code == "UNABLE_TO_LOCK_ROW";
}

RecordOutcome resultOutcome(const json &result, bool deleting)
{
    if (!result.is_object())
        return {Outcome::Retryable, "Salesforce gave no result for this record"};
    if (result.value("success", false))
        return {};
    std::string reason;
    bool retryable = false;
    bool gone = deleting;
    bool anyError = false;
    if (const auto errors = result.find("errors"); errors != result.end() && errors->is_array())
        for (const auto &error : *errors) {
            anyError = true;
            const std::string code = stringOf(error, "statusCode");
            std::vector<std::string> fields;
            if (const auto f = error.find("fields"); error.is_object() && f != error.end() && f->is_array())
                for (const auto &name : *f)
                    if (name.is_string())
                        fields.push_back(name.get<std::string>());
            reason += (reason.empty() ? "" : "; ") + errorText(code, stringOf(error, "message"), fields);
            retryable = retryable || retryableCode(code);
            gone = gone && code == "ENTITY_IS_DELETED";
        }
    if (deleting && anyError && gone)
        return {}; // already deleted: what a delete wants
    if (reason.empty())
        reason = "rejected by Salesforce";
    return {retryable ? Outcome::Retryable : Outcome::Rejected, reason};
}

void appendCsvCell(std::string &out, const std::string &cell)
{
    const bool quote = cell.find_first_of(",\"\r\n") != std::string::npos
                       || (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
    if (!quote) {
        out += cell;
        return;
    }
    out += '"';
    for (const char c : cell) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

std::vector<std::vector<std::string>> parseCsv(const std::string &text)
{
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false, cellStarted = false;
    std::size_t i = 0;
    if (text.starts_with("\xEF\xBB\xBF"))
        i = 3;
    auto endCell = [&] {
        row.push_back(std::move(cell));
        cell.clear();
        cellStarted = false;
    };
    auto endRow = [&] {
        endCell();
        if (!(row.size() == 1 && row[0].empty()))
            rows.push_back(std::move(row));
        row.clear();
    };
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    cell += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                cell += c;
            }
            continue;
        }
        if (c == '"' && !cellStarted) {
            quoted = true;
            cellStarted = true;
        } else if (c == ',') {
            endCell();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            endRow();
        } else {
            cell += c;
            cellStarted = true;
        }
    }
    if (cellStarted || !cell.empty() || !row.empty())
        endRow();
    return rows;
}

} // namespace salesforce

using namespace salesforce;

namespace {

using saas::fixedNumber;
using saas::lower;
using saas::trimmed;

std::string urlEncode(std::string_view text)
{
    static const char *hex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
            || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

bool isNumericType(const std::string &type)
{
    return type == "double" || type == "currency" || type == "percent" || type == "int" || type == "long";
}

bool isTextType(const std::string &type)
{
    static const std::set<std::string> types = {"string", "textarea", "email", "phone", "url", "picklist",
                                                "multipicklist", "combobox", "id", "reference", "encryptedstring"};
    return types.count(type) > 0;
}

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

struct Scalar {
    enum class Kind { Omit, Null, Number, Bool, Text } kind = Kind::Omit;
    std::string text;
};

Scalar scalarOf(const Value &value, const std::string &type, bool clearOnNull)
{
    using K = Scalar::Kind;
    if (value.isNull())
        return {clearOnNull ? K::Null : K::Omit, {}};
    const bool integerField = type == "int" || type == "long";
    auto number = [&](double d) -> Scalar {
        if (integerField && std::floor(d) == d && std::fabs(d) < 9.2e18)
            return {K::Number, std::to_string(static_cast<std::int64_t>(d))};
        if (auto text = fixedNumber(d))
            return {K::Number, *text};
        return {clearOnNull ? K::Null : K::Omit, {}};
    };
    if (isNumericType(type)) {
        switch (value.type()) {
        case ValueType::Integer: return {K::Number, std::to_string(value.asInteger())};
        case ValueType::Real: return number(value.asReal());
        case ValueType::Boolean: return {K::Number, value.asBoolean() ? "1" : "0"};
        default:
            if (const auto parsed = mapping::parseDecimal(value.asText()))
                return number(*parsed);
            return {K::Text, value.asText()};
        }
    }
    if (type == "boolean") {
        switch (value.type()) {
        case ValueType::Boolean: return {K::Bool, value.asBoolean() ? "true" : "false"};
        case ValueType::Integer: return {K::Bool, value.asInteger() != 0 ? "true" : "false"};
        case ValueType::Real: return {K::Bool, value.asReal() != 0 ? "true" : "false"};
        default: {
            const std::string text = lower(trimmed(value.asText()));
            if (text == "true" || text == "yes" || text == "1" || text == "y" || text == "t")
                return {K::Bool, "true"};
            if (text == "false" || text == "no" || text == "0" || text == "n" || text == "f")
                return {K::Bool, "false"};
            return {K::Text, value.asText()};
        }
        }
    }
    if ((type == "date" || type == "datetime") && value.type() != ValueType::Boolean) {
        mapping::DateTimeValue parsed;
        std::string error;
        const auto &utc = *mapping::TimeZone::utc();
        if (mapping::DateFormat::iso().parse(value, utc, parsed, error))
            return {K::Text, type == "date" ? mapping::DateFormat::iso().formatDate(parsed, utc).toString()
                                            : mapping::DateFormat::iso().formatDateTime(parsed, utc).toString()};
    }
    const bool text = isTextType(type) || type == "date" || type == "datetime";
    switch (value.type()) {
    case ValueType::Integer: return {text ? K::Text : K::Number, std::to_string(value.asInteger())};
    case ValueType::Real: {
        Scalar s = number(value.asReal());
        if (text && s.kind == K::Number)
            s.kind = K::Text;
        return s;
    }
    case ValueType::Boolean: return {text ? K::Text : K::Bool, value.asBoolean() ? "true" : "false"};
    case ValueType::Text: return {K::Text, value.asText()};
    case ValueType::Null: break;
    }
    return {K::Omit, {}};
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

std::vector<SalesforceField> builtInFields(const std::string &object)
{
    SalesforceField id = sfField("Id", "id", "Record ID");
    id.nillable = false;
    id.createable = id.updateable = false;
    id.defaultedOnCreate = true;
    const std::vector<std::string> leadSources = {"Web", "Phone Inquiry", "Partner Referral", "Purchased List",
                                                  "Other"};
    if (object == "Lead") {
        SalesforceField status = sfField("Status", "picklist", "Lead Status", false,
                                         {"Open - Not Contacted", "Working - Contacted", "Closed - Converted",
                                          "Closed - Not Converted"});
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

std::string soqlLiteral(const std::string &value, bool numeric)
{
    if (numeric && mapping::parseDecimal(value))
        return value;
    std::string out = "'";
    for (const char c : value) {
        if (c == '\'' || c == '\\')
            out += '\\';
        if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else
            out += c;
    }
    return out + "'";
}

std::string textOfJson(const json &j)
{
    if (j.is_string())
        return j.get<std::string>();
    if (j.is_null())
        return {};
    if (j.is_number_float()) {
        const double d = j.get<double>();
        if (std::floor(d) == d && std::fabs(d) < 9.2e18)
            return std::to_string(static_cast<std::int64_t>(d));
    }
    return j.dump();
}

} // namespace

SalesforceDestination::SalesforceDestination(SalesforceSettings settings)
    : m_settings(std::move(settings))
{
    while (!m_settings.instanceUrl.empty() && m_settings.instanceUrl.back() == '/')
        m_settings.instanceUrl.pop_back();
    std::string version = m_settings.apiVersion.empty() ? "v60.0" : m_settings.apiVersion;
    if (version.front() != 'v')
        version = "v" + version;
    m_api = m_settings.instanceUrl + "/services/data/" + version;
    m_tokenUrl = m_settings.tokenUrl.empty() ? m_settings.instanceUrl + "/services/oauth2/token" : m_settings.tokenUrl;
    m_token = m_settings.accessToken;
    for (auto &f : builtInFields(m_settings.object))
        m_known[f.name] = std::move(f);
    learnFields({});
    m_describeRead = false;
}

SalesforceDestination::~SalesforceDestination() = default;

std::vector<SyncMode> SalesforceDestination::supportedModes() const
{
    return {SyncMode::Upsert, SyncMode::Insert, SyncMode::Update, SyncMode::Mirror};
}

DestinationLimits SalesforceDestination::limits() const
{
    DestinationLimits limits;
    if (m_settings.bulk) {
        // A Bulk API job per batch: CSV uploads up to about 100 MB.
        limits.maxBatchRecords = std::max(1, m_settings.bulkBatchSize);
        limits.maxBatchBytes = 100u * 1024u * 1024u;
    } else {
        limits.maxBatchRecords = std::clamp(m_settings.batchSize, 1, kMaxBatch);
    }
    limits.defaultBatchRecords = limits.maxBatchRecords;
    limits.maxConcurrency = std::max(1, m_settings.concurrency);
    limits.requestsPerSecond = std::max(0.0, m_settings.requestsPerSecond);
    return limits;
}

std::string SalesforceDestination::apiUsage() const
{
    std::lock_guard lock(m_usageMutex);
    return m_apiUsage;
}

std::string SalesforceDestination::apiUrl(const std::string &path) const
{
    return m_api + path;
}

HttpRequest SalesforceDestination::request(const std::string &method, const std::string &url, std::string body,
                                           const std::string &contentType) const
{
    HttpRequest r;
    r.method = method;
    r.url = url;
    r.headers = {{"Accept", "application/json"}, {"User-Agent", std::string("sluice/") + kVersion}};
    if (method != "GET" && method != "DELETE")
        r.headers.emplace_back("Content-Type", contentType);
    r.body = std::move(body);
    r.timeoutMs = std::max(1, m_settings.timeoutSeconds) * 1000;
    return r;
}

HttpResponse SalesforceDestination::send(int batchNumber, const HttpRequest &request, bool report) const
{
    HttpResponse response = HttpClient::forThisThread().send(request);
    if (const auto limit = response.header("Sforce-Limit-Info")) {
        std::lock_guard lock(m_usageMutex);
        m_apiUsage = *limit;
    }
    if (report && m_run.observer) {
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

bool SalesforceDestination::canRefresh() const
{
    return !m_settings.refreshToken.empty() && !m_settings.clientId.empty();
}

std::string SalesforceDestination::currentToken(int *generation) const
{
    std::lock_guard lock(m_tokenMutex);
    if (generation)
        *generation = m_tokenGeneration;
    return m_token;
}

Result<> SalesforceDestination::renewToken(int seenGeneration, int batchNumber, bool report) const
{
    // One renewal for all threads: those that saw the same expired token
    // wait here and use the token the first one got.
    std::lock_guard lock(m_tokenMutex);
    if (m_tokenGeneration != seenGeneration)
        return {};
    std::string body = "grant_type=refresh_token&client_id=" + urlEncode(m_settings.clientId);
    if (!m_settings.clientSecret.empty())
        body += "&client_secret=" + urlEncode(m_settings.clientSecret);
    body += "&refresh_token=" + urlEncode(m_settings.refreshToken);
    HttpRequest r = request("POST", m_tokenUrl, body, "application/x-www-form-urlencoded");
    const HttpResponse response = HttpClient::forThisThread().send(r);
    const json answer = parseJson(response.body);
    if (report && m_run.observer) {
        HttpExchange exchange;
        exchange.method = r.method;
        exchange.url = r.url;
        exchange.status = response.status;
        exchange.latencyMs = response.latencyMs;
        exchange.requestHeaders = formatHeadersRedacted(r.headers);
        exchange.requestBody = "grant_type=refresh_token&client_id=" + urlEncode(m_settings.clientId)
                               + "&client_secret=[redacted]&refresh_token=[redacted]";
        exchange.responseHeaders = formatHeadersRedacted(response.headers);
        exchange.responseBody = response.status == 0    ? response.transportError
                                : response.status == 200 ? std::string("[redacted: a new access token]")
                                                         : cutForInspector(response.body);
        m_run.observer->onHttpExchange(batchNumber, exchange);
    }
    if (response.status == 0)
        return failed("salesforce.token_unreachable", "could not reach " + m_tokenUrl + ": " + response.transportError);
    const std::string token = stringOf(answer, "access_token");
    if (response.status != 200 || token.empty()) {
        std::string why = stringOf(answer, "error");
        const std::string description = stringOf(answer, "error_description");
        if (!description.empty())
            why += (why.empty() ? "" : ": ") + description;
        return failed("salesforce.token_refresh",
                      "Salesforce did not renew the access token (HTTP " + std::to_string(response.status) + " "
                          + (why.empty() ? excerpt(response.body) : why) + ")");
    }
    m_token = token;
    ++m_tokenGeneration;
    return {};
}

SalesforceDestination::Call SalesforceDestination::call(int batchNumber, HttpRequest request, bool report) const
{
    Call c;
    int generation = 0;
    std::string token = currentToken(&generation);
    if (token.empty() && canRefresh()) {
        if (auto r = renewToken(generation, batchNumber, report); !r) {
            c.refreshError = r.error().message;
            c.response.status = 401;
            return c;
        }
        token = currentToken(&generation);
    }
    request.headers.emplace_back("Authorization", "Bearer " + token);
    c.response = send(batchNumber, request, report);
    if (c.response.status == 401 && canRefresh()) {
        if (auto r = renewToken(generation, batchNumber, report); !r) {
            c.refreshError = r.error().message;
            return c;
        }
        request.headers.back().second = "Bearer " + currentToken(nullptr);
        c.refreshed = true;
        c.response = send(batchNumber, request, report);
    }
    return c;
}

namespace {

// The first {"errorCode","message"} of a whole-request error array (or object).
std::pair<std::string, std::string> firstError(const json &body)
{
    const json *e = &body;
    if (body.is_array() && !body.empty())
        e = &body[0];
    std::string code = stringOf(*e, "errorCode");
    if (code.empty())
        code = stringOf(*e, "statusCode");
    std::string message = stringOf(*e, "message");
    return {code, message};
}

// 'No such column 'Foo__c' on sobject of type Lead' -> Foo__c
std::optional<std::string> columnNamed(const std::string &message)
{
    const auto at = message.find("No such column '");
    if (at == std::string::npos)
        return std::nullopt;
    const auto start = at + 16;
    const auto end = message.find('\'', start);
    if (end == std::string::npos)
        return std::nullopt;
    return message.substr(start, end - start);
}

} // namespace

BatchFailure SalesforceDestination::classify(const Call &c, bool bulk) const
{
    using Kind = BatchFailure::Kind;
    const HttpResponse &response = c.response;
    const int status = response.status;
    if (!c.refreshError.empty())
        return failure(Kind::Fatal, "Salesforce's session expired and could not be renewed: " + c.refreshError);
    if (status == 0)
        return noAnswer("could not reach Salesforce: " + response.transportError);
    const json body = parseJson(response.body);
    const auto [code, message] = firstError(body);
    const std::string said = code.empty() ? excerpt(response.body) : errorText(code, message, {});
    if (status == 400) {
        if (code == "INVALID_FIELD")
            if (const auto column = columnNamed(message))
                return failure(Kind::Fatal, "Salesforce has no field '" + *column + "' on " + m_settings.object
                                                + ": create it or fix the mapping");
        if (bulk || code == "INVALID_TYPE" || code == "INVALIDJOB" || code == "INVALID_FIELD")
            return failure(Kind::Fatal, "Salesforce refused the request (400 " + said + ")");
        return failure(Kind::RejectedWhole, "Salesforce refused the batch (400 " + said + ")");
    }
    if (status == 401) {
        if (c.refreshed)
            return failure(Kind::Fatal, "Salesforce refused the session again right after the token was renewed (401 "
                                            + said + ")");
        return failure(Kind::Fatal, "Salesforce refused the access token (401 " + said
                                        + "); set refreshToken, clientId and clientSecret so Sluice can renew it, "
                                          "or a new accessToken");
    }
    if (status == 403) {
        const std::string usage = apiUsage();
        if (code == "REQUEST_LIMIT_EXCEEDED" && message.find("ConcurrentPerOrgLongTxn") != std::string::npos)
            return failure(Kind::Retryable, "Salesforce is running too many long requests for this org (403 " + said + ")",
                           std::chrono::milliseconds(5000));
        if (code == "REQUEST_LIMIT_EXCEEDED")
            return failure(Kind::Fatal, "Salesforce's API request limit is reached (" + said
                                            + (usage.empty() ? "" : "; " + usage)
                                            + "); records stay pending for the next run");
        return failure(Kind::Fatal, "Salesforce refused access (403 " + said + ")");
    }
    if (status == 404)
        return failure(Kind::Fatal, "Salesforce: unknown sObject or field (404 " + said + "); check object '"
                                        + m_settings.object + "'"
                                        + (m_settings.externalIdField.empty()
                                               ? std::string()
                                               : " and externalIdField '" + m_settings.externalIdField + "'"));
    if (status == 409)
        return failure(Kind::RejectedWhole, "Salesforce reported a conflict (409 " + said + ")");
    if (status == 500 || status == 502 || status == 503 || status == 504)
        return failure(Kind::Retryable, "Salesforce failed (HTTP " + std::to_string(status) + " " + said + ")",
                       response.retryAfter());
    if (status >= 300 && status < 400)
        return failure(Kind::Fatal, "Salesforce redirected (HTTP " + std::to_string(status)
                                        + "); set instanceUrl to the org's My Domain URL");
    return failure(Kind::Fatal, "Salesforce refused the request (HTTP " + std::to_string(status) + " " + said + ")");
}

namespace {

Error readError(const SalesforceDestination::Call &c, const std::string &object)
{
    const int status = c.response.status;
    const json body = parseJson(c.response.body);
    const auto [code, message] = firstError(body);
    if (!c.refreshError.empty())
        return Error{ErrorKind::Failed, "salesforce.token_refused", "the token was refused and could not be renewed: "
                                                                        + c.refreshError, "Salesforce"};
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
    const json body = parseJson(c.response.body);
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
    std::string message = "connected to Salesforce: " + m_settings.object + " has " + std::to_string(fields->size())
                          + " fields";
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

Result<> SalesforceDestination::begin(const RunInfo &run)
{
    if (!m_settings.instanceUrl.starts_with("http://") && !m_settings.instanceUrl.starts_with("https://"))
        return invalidInput("salesforce.bad_url", "the instance URL must start with https://", "settings.instanceUrl");
    if (m_settings.accessToken.empty() && !canRefresh())
        return invalidInput("salesforce.no_credentials",
                            "set accessToken, or refreshToken and clientId (and clientSecret) to get one",
                            "settings.accessToken");
    if (m_settings.object.empty())
        return invalidInput("salesforce.no_object", "no sObject is set", "settings.object");
    m_run = run;
    m_extField = -1;
    m_extKey = -1;
    const std::string &ext = m_settings.externalIdField;
    for (std::size_t i = 0; i < run.fields.size(); ++i)
        if (!ext.empty() && run.fields[i].name == ext)
            m_extField = static_cast<int>(i);
    for (std::size_t i = 0; i < run.keyFields.size(); ++i)
        if (!ext.empty() && run.keyFields[i] == ext)
            m_extKey = static_cast<int>(i);
    if (run.mode != SyncMode::Insert) {
        if (ext.empty())
            return invalidInput("salesforce.no_external_id",
                                "set externalIdField: " + std::string(syncModeName(run.mode)) + " mode matches "
                                    + m_settings.object + " records by an External ID field",
                                "settings.externalIdField");
        if (m_extField < 0)
            return invalidInput("salesforce.external_id_unmapped",
                                "map a column to '" + ext + "': Salesforce matches " + m_settings.object
                                    + " records by it (externalIdField)",
                                "mapping");
        if (run.mode == SyncMode::Mirror && m_extKey < 0)
            return invalidInput("salesforce.mirror_key",
                                "mirror mode deletes " + m_settings.object + " records by '" + ext
                                    + "', so the model's primary key must be mapped to it as is",
                                "mapping");
    }
    const bool allKnown = std::all_of(run.fields.begin(), run.fields.end(),
                                      [&](const FieldSpec &f) { return m_known.count(f.name) > 0; });
    // Update and mirror find records by the external id the way the org
    // matches it (case-sensitive or not): the describe says which.
    const bool matchesById = run.mode == SyncMode::Update || run.mode == SyncMode::Mirror;
    if ((!allKnown || matchesById) && !m_describeRead)
        if (auto fields = readDescribe(false))
            learnFields(*fields);
    m_fieldTypes.clear();
    for (const auto &field : run.fields)
        m_fieldTypes.push_back(fieldType(field.name));
    return {};
}

std::optional<std::string> SalesforceDestination::jsonValue(const Value &value, const std::string &type,
                                                            bool clearOnNull)
{
    const Scalar s = scalarOf(value, type, clearOnNull);
    switch (s.kind) {
    case Scalar::Kind::Omit: return std::nullopt;
    case Scalar::Kind::Null: return "null";
    case Scalar::Kind::Number:
    case Scalar::Kind::Bool: return s.text;
    case Scalar::Kind::Text: {
        std::string out;
        appendJsonString(out, s.text);
        return out;
    }
    }
    return std::nullopt;
}

std::optional<std::string> SalesforceDestination::csvValue(const Value &value, const std::string &type,
                                                           bool clearOnNull)
{
    const Scalar s = scalarOf(value, type, clearOnNull);
    switch (s.kind) {
    case Scalar::Kind::Omit: return std::nullopt;
    case Scalar::Kind::Null: return "#N/A"; // Bulk API's way of setting a field to null
    default: return s.text;
    }
}

const Value *SalesforceDestination::externalIdOf(const Record &record) const
{
    if (record.op == RecordOp::Delete) {
        if (m_extKey >= 0 && static_cast<std::size_t>(m_extKey) < record.keyValues.size())
            return &record.keyValues[static_cast<std::size_t>(m_extKey)];
        return nullptr;
    }
    if (m_extField >= 0 && static_cast<std::size_t>(m_extField) < record.fields.size())
        return &record.fields[static_cast<std::size_t>(m_extField)];
    return nullptr;
}

std::optional<std::string> SalesforceDestination::externalIdText(const Record &record) const
{
    const Value *value = externalIdOf(record);
    if (!value || value->isNull())
        return std::nullopt;
    const auto text = csvValue(*value, fieldType(m_settings.externalIdField), false);
    if (!text || text->empty())
        return std::nullopt;
    return text;
}

void SalesforceDestination::appendRecord(std::string &body, const Record &record, const std::string *id,
                                         bool withExternalId) const
{
    body += "{\"attributes\":{\"type\":";
    appendJsonString(body, m_settings.object);
    body += '}';
    if (id) {
        body += ",\"id\":";
        appendJsonString(body, *id);
    }
    const std::size_t count = std::min(record.fields.size(), m_run.fields.size());
    for (std::size_t i = 0; i < count; ++i) {
        if (!withExternalId && static_cast<int>(i) == m_extField)
            continue;
        // The external id is the record's identity: never cleared by a NULL.
        const bool isExt = static_cast<int>(i) == m_extField;
        const auto value = jsonValue(record.fields[i], m_fieldTypes[i], m_settings.clearOnNull && !isExt);
        if (!value)
            continue;
        body += ',';
        appendJsonString(body, m_run.fields[i].name);
        body += ':';
        body += *value;
    }
    body += '}';
}

namespace {

// One result per record sent, in request order.
std::expected<std::vector<RecordOutcome>, BatchFailure> resultsInOrder(const HttpResponse &response,
                                                                       std::size_t expected, bool deleting)
{
    const json body = parseJson(response.body);
    if (!body.is_array() || body.size() != expected)
        return std::unexpected(failure(BatchFailure::Kind::Retryable,
                                       "Salesforce answered with " + std::to_string(body.is_array() ? body.size() : 0)
                                           + " results for " + std::to_string(expected) + " records: "
                                           + excerpt(response.body)));
    std::vector<RecordOutcome> outcomes;
    outcomes.reserve(expected);
    for (const auto &result : body)
        outcomes.push_back(resultOutcome(result, deleting));
    return outcomes;
}

} // namespace

SalesforceDestination::GroupResult SalesforceDestination::upsert(int batchNumber, std::span<const Record> records) const
{
    std::vector<RecordOutcome> outcomes(records.size());
    std::vector<std::size_t> sent;
    std::string body = std::string("{\"allOrNone\":") + (m_settings.allOrNone ? "true" : "false") + ",\"records\":[";
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (!externalIdText(records[i])) {
            outcomes[i] = {Outcome::Rejected, "no value for " + m_settings.externalIdField
                                                  + ", the External ID Salesforce upserts " + m_settings.object
                                                  + " records by"};
            continue;
        }
        if (!sent.empty())
            body += ',';
        appendRecord(body, records[i], nullptr, true);
        sent.push_back(i);
    }
    body += "]}";
    if (sent.empty())
        return outcomes;
    const Call c = call(batchNumber, request("PATCH", apiUrl("/composite/sobjects/" + urlEncode(m_settings.object) + "/"
                                                             + urlEncode(m_settings.externalIdField)),
                                             body));
    if (c.response.status != 200 || !c.refreshError.empty())
        return std::unexpected(classify(c));
    auto results = resultsInOrder(c.response, sent.size(), false);
    if (!results)
        return std::unexpected(results.error());
    for (std::size_t k = 0; k < sent.size(); ++k)
        outcomes[sent[k]] = std::move((*results)[k]);
    return outcomes;
}

SalesforceDestination::GroupResult SalesforceDestination::insert(int batchNumber, std::span<const Record> records) const
{
    std::string body = std::string("{\"allOrNone\":") + (m_settings.allOrNone ? "true" : "false") + ",\"records\":[";
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (i > 0)
            body += ',';
        appendRecord(body, records[i], nullptr, true);
    }
    body += "]}";
    const Call c = call(batchNumber, request("POST", apiUrl("/composite/sobjects"), body));
    if (c.response.status != 200 || !c.refreshError.empty())
        return std::unexpected(classify(c));
    return resultsInOrder(c.response, records.size(), false);
}

std::expected<std::map<std::string, std::vector<std::string>>, BatchFailure>
SalesforceDestination::lookupIds(int batchNumber, const std::vector<std::string> &externalIds) const
{
    std::map<std::string, std::vector<std::string>> found;
    if (externalIds.empty())
        return found;
    const std::string &ext = m_settings.externalIdField;
    const bool numeric = isNumericType(fieldType(ext));
    // One query per slice of ids, each short enough for a GET (Salesforce
    // takes URIs up to about 16,000 characters).
    constexpr std::size_t kMaxSoql = 8000;
    std::size_t next = 0;
    while (next < externalIds.size()) {
        std::string soql = "SELECT Id, " + ext + " FROM " + m_settings.object + " WHERE " + ext + " IN (";
        const std::size_t first = next;
        while (next < externalIds.size()) {
            const std::string literal = soqlLiteral(externalIds[next], numeric);
            if (next > first && soql.size() + literal.size() + 2 > kMaxSoql)
                break;
            soql += (next > first ? "," : "") + literal;
            ++next;
        }
        soql += ")";
        std::string url = apiUrl("/query?q=" + urlEncode(soql));
        for (int page = 0; page < 1000 && !url.empty(); ++page) {
            const Call c = call(batchNumber, request("GET", url));
            if (c.response.status != 200 || !c.refreshError.empty())
                return std::unexpected(classify(c));
            const json body = parseJson(c.response.body);
            if (!body.is_object() || !body.contains("records") || !body["records"].is_array())
                return std::unexpected(failure(BatchFailure::Kind::Retryable,
                                               "Salesforce's query answer could not be read: "
                                                   + excerpt(c.response.body)));
            for (const auto &record : body["records"])
                if (record.is_object() && record.contains(ext))
                    found[matchKey(textOfJson(record[ext]))].push_back(stringOf(record, "Id"));
            url.clear();
            if (!body.value("done", true))
                if (const std::string more = stringOf(body, "nextRecordsUrl"); !more.empty())
                    url = m_settings.instanceUrl + more;
        }
    }
    return found;
}

std::string SalesforceDestination::matchKey(const std::string &externalId) const
{
    const auto it = m_known.find(m_settings.externalIdField);
    if (it != m_known.end() && it->second.caseSensitive)
        return externalId;
    // Salesforce folds case by Unicode rules; ids are ASCII in practice, and
    // other letters are compared as they are.
    return lower(externalId);
}

SalesforceDestination::GroupResult SalesforceDestination::update(int batchNumber, std::span<const Record> records) const
{
    std::vector<RecordOutcome> outcomes(records.size());
    std::vector<std::string> wanted;
    std::vector<std::optional<std::string>> ids(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        ids[i] = externalIdText(records[i]);
        if (ids[i])
            wanted.push_back(*ids[i]);
        else
            outcomes[i] = {Outcome::Rejected, "no value for " + m_settings.externalIdField + ", the External ID "
                                                  "Salesforce finds " + m_settings.object + " records by"};
    }
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    auto found = lookupIds(batchNumber, wanted);
    if (!found)
        return std::unexpected(found.error());
    std::vector<std::size_t> sent;
    std::string body = std::string("{\"allOrNone\":") + (m_settings.allOrNone ? "true" : "false") + ",\"records\":[";
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (!ids[i])
            continue;
        const auto it = found->find(matchKey(*ids[i]));
        if (it == found->end() || it->second.empty()) {
            outcomes[i] = {Outcome::Rejected, "no " + m_settings.object + " has " + m_settings.externalIdField + " '"
                                                  + *ids[i] + "' (update mode does not create records)"};
            continue;
        }
        if (it->second.size() > 1) {
            outcomes[i] = {Outcome::Rejected, "DUPLICATE_EXTERNAL_ID: " + m_settings.externalIdField + " '" + *ids[i]
                                                  + "' matches " + std::to_string(it->second.size()) + " "
                                                  + m_settings.object + " records"};
            continue;
        }
        if (!sent.empty())
            body += ',';
        appendRecord(body, records[i], &it->second.front(), false);
        sent.push_back(i);
    }
    body += "]}";
    if (sent.empty())
        return outcomes;
    const Call c = call(batchNumber, request("PATCH", apiUrl("/composite/sobjects"), body));
    if (c.response.status != 200 || !c.refreshError.empty())
        return std::unexpected(classify(c));
    auto results = resultsInOrder(c.response, sent.size(), false);
    if (!results)
        return std::unexpected(results.error());
    for (std::size_t k = 0; k < sent.size(); ++k)
        outcomes[sent[k]] = std::move((*results)[k]);
    return outcomes;
}

SalesforceDestination::GroupResult SalesforceDestination::remove(int batchNumber, std::span<const Record> records) const
{
    std::vector<RecordOutcome> outcomes(records.size());
    std::vector<std::optional<std::string>> ids(records.size());
    std::vector<std::string> wanted;
    for (std::size_t i = 0; i < records.size(); ++i) {
        ids[i] = externalIdText(records[i]);
        if (ids[i])
            wanted.push_back(*ids[i]);
    }
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    auto found = lookupIds(batchNumber, wanted);
    if (!found)
        return std::unexpected(found.error());
    // Record ids to delete, each with the records it stands for.
    std::vector<std::string> recordIds;
    std::vector<std::vector<std::size_t>> owners;
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (!ids[i])
            continue;
        const auto it = found->find(matchKey(*ids[i]));
        if (it == found->end())
            continue; // not there: nothing to delete
        if (it->second.size() > 1) {
            // Deleting every match would remove records this row never stood for.
            outcomes[i] = {Outcome::Rejected, "DUPLICATE_EXTERNAL_ID: " + m_settings.externalIdField + " '" + *ids[i]
                                                  + "' matches " + std::to_string(it->second.size()) + " "
                                                  + m_settings.object + " records; none was deleted"};
            continue;
        }
        for (const auto &id : it->second) {
            const auto at = std::find(recordIds.begin(), recordIds.end(), id);
            if (at == recordIds.end()) {
                recordIds.push_back(id);
                owners.push_back({i});
            } else {
                owners[std::size_t(at - recordIds.begin())].push_back(i);
            }
        }
    }
    for (std::size_t start = 0; start < recordIds.size(); start += kMaxBatch) {
        const std::size_t end = std::min(recordIds.size(), start + kMaxBatch);
        std::string list;
        for (std::size_t k = start; k < end; ++k)
            list += (k > start ? "," : "") + recordIds[k];
        const Call c = call(batchNumber, request("DELETE", apiUrl("/composite/sobjects?ids=" + urlEncode(list)
                                                                  + "&allOrNone="
                                                                  + (m_settings.allOrNone ? "true" : "false"))));
        if (c.response.status != 200 || !c.refreshError.empty()) {
            if (start == 0)
                return std::unexpected(classify(c));
            const BatchFailure f = classify(c);
            for (std::size_t k = start; k < recordIds.size(); ++k)
                for (const std::size_t i : owners[k])
                    outcomes[i] = {Outcome::Retryable, f.message};
            return outcomes;
        }
        auto results = resultsInOrder(c.response, end - start, true);
        if (!results)
            return std::unexpected(results.error());
        for (std::size_t k = start; k < end; ++k) {
            const RecordOutcome &o = (*results)[k - start];
            for (const std::size_t i : owners[k])
                if (o.outcome != Outcome::Delivered && outcomes[i].outcome == Outcome::Delivered)
                    outcomes[i] = o;
        }
    }
    return outcomes;
}

BatchResult SalesforceDestination::write(int batchNumber, std::span<const Record> batch)
{
    std::vector<RecordOutcome> outcomes(batch.size());
    bool answered = false;
    const std::size_t collectionMax = static_cast<std::size_t>(std::clamp(m_settings.batchSize, 1, kMaxBatch));
    std::size_t start = 0;
    while (start < batch.size()) {
        const RecordOp op = batch[start].op;
        const bool bulk = m_settings.bulk && (op == RecordOp::Upsert || op == RecordOp::Insert);
        const std::size_t limit = bulk ? batch.size() : collectionMax;
        std::size_t end = start + 1;
        while (end < batch.size() && batch[end].op == op && end - start < limit)
            ++end;
        const auto part = batch.subspan(start, end - start);
        GroupResult result = [&]() -> GroupResult {
            if (bulk)
                return bulkWrite(batchNumber, part, op == RecordOp::Upsert);
            switch (op) {
            case RecordOp::Upsert: return upsert(batchNumber, part);
            case RecordOp::Insert: return insert(batchNumber, part);
            case RecordOp::Update: return update(batchNumber, part);
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

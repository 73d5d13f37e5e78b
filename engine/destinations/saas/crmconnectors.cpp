// The CRM connectors: HubSpot and Salesforce. Each entry is the kind's
// settings (which drive validation, the connection forms and the docs) and a
// factory called with those settings validated, defaulted and resolved.

#include "destinations/destinationkinds.h"
#include "destinations/saas/hubspotdestination.h"
#include "destinations/saas/salesforcedestination.h"

#include <charconv>

namespace sluice {

using nlohmann::json;

namespace {

// Integer settings may arrive as text when given as a ${env:...} reference.
Result<int> integerSetting(const json &s, const std::string &key, int fallback)
{
    if (!s.contains(key) || s[key].is_null())
        return fallback;
    const json &v = s[key];
    if (v.is_number_integer())
        return v.get<int>();
    if (v.is_number())
        return static_cast<int>(v.get<double>());
    if (v.is_string()) {
        const std::string text = v.get<std::string>();
        int out = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
        if (ec == std::errc() && end == text.data() + text.size())
            return out;
    }
    return invalidInput("settings.type", "must be an integer", "settings." + key);
}

std::string text(const json &s, const std::string &key, const std::string &fallback = {})
{
    if (!s.contains(key) || !s[key].is_string())
        return fallback;
    return s[key].get<std::string>();
}

Result<std::map<std::string, std::string>> customFields(const json &s)
{
    std::map<std::string, std::string> fields;
    if (!s.contains("customFields") || !s["customFields"].is_object())
        return fields;
    static const std::vector<std::string> types = {"string", "number", "date", "datetime", "bool", "enumeration"};
    for (const auto &[name, type] : s["customFields"].items()) {
        const std::string t = type.is_string() ? type.get<std::string>() : std::string();
        if (std::find(types.begin(), types.end(), t) == types.end())
            return invalidInput("settings.custom_field_type",
                                "'" + t
                                    + "' is not a field type: use string, number, date, datetime, bool or "
                                      "enumeration",
                                "settings.customFields." + name);
        fields[name] = t;
    }
    return fields;
}

Result<int> batchSetting(const json &s, int max, const std::string &service)
{
    auto size = integerSetting(s, "batchSize", max);
    if (!size)
        return size;
    if (*size < 1 || *size > max)
        return invalidInput("settings.batch_size",
                            service + " accepts 1 to " + std::to_string(max) + " records per request, not "
                                + std::to_string(*size),
                            "settings.batchSize");
    return size;
}

const std::string kCustomFieldsHelp
    = "Field name -> type: string, number, date, datetime, bool or enumeration. Read from the service's schema "
      "when not given.";
const std::string kClearHelp = "On: a NULL clears the field at the destination. Off: NULL values are left out "
                               "and the field keeps its value.";

ConnectorEntry hubspotEntry()
{
    using T = SettingType;
    KindSpec spec{
        "hubspot",
        "HubSpot",
        {{"accessToken",
          T::String,
          true,
          true,
          {},
          {},
          "Access token",
          "A private app or OAuth access token, as a reference: ${env:HUBSPOT_TOKEN}. Scopes: "
          "crm.objects.contacts.read and .write (companies: crm.objects.companies.*)."},
         {"object", T::Choice, false, false, "contacts", {"contacts", "companies"}, "Object", ""},
         {"idProperty",
          T::String,
          false,
          false,
          "email",
          {},
          "Identifier property",
          "The unique property records are matched by: email for contacts, or a custom unique-value property."},
         {"customFields", T::StringMap, false, false, json::object(), {}, "Custom properties", kCustomFieldsHelp},
         {"clearOnNull", T::Boolean, false, false, false, {}, "NULL clears the property", kClearHelp},
         {"batchSize",
          T::Integer,
          false,
          false,
          HubspotDestination::kMaxBatch,
          {},
          "Records per request",
          "At most 100 (HubSpot's batch limit)."},
         {"concurrency", T::Integer, false, false, 2, {}, "Requests in flight", ""},
         {"requestsPerSecond",
          T::Number,
          false,
          false,
          10,
          {},
          "Requests per second",
          "HubSpot allows 100 requests per 10 s (Free, Starter) or 190 (Professional, Enterprise), shared by every "
          "app of the account."},
         {"timeoutSeconds", T::Integer, false, false, 30, {}, "Request timeout (s)", ""},
         {"baseUrl",
          T::String,
          false,
          false,
          "https://api.hubapi.com",
          {},
          "API base URL",
          "Change only to point at a sandbox, e.g. http://127.0.0.1:PORT/hubspot."}}};
    auto make = [](const json &s, const DestinationContext &) -> Result<std::unique_ptr<Destination>> {
        HubspotSettings h;
        h.baseUrl = text(s, "baseUrl", h.baseUrl);
        h.accessToken = text(s, "accessToken");
        h.object = text(s, "object", h.object);
        h.idProperty = text(s, "idProperty", h.idProperty);
        auto batch = batchSetting(s, HubspotDestination::kMaxBatch, "HubSpot");
        if (!batch)
            return std::unexpected(batch.error());
        h.batchSize = *batch;
        auto concurrency = integerSetting(s, "concurrency", h.concurrency);
        auto timeout = integerSetting(s, "timeoutSeconds", h.timeoutSeconds);
        auto custom = customFields(s);
        if (!concurrency || !timeout || !custom)
            return std::unexpected(!concurrency ? concurrency.error() : !timeout ? timeout.error() : custom.error());
        h.concurrency = *concurrency;
        h.timeoutSeconds = *timeout;
        h.customFields = std::move(*custom);
        if (s.contains("requestsPerSecond") && s["requestsPerSecond"].is_number())
            h.requestsPerSecond = s["requestsPerSecond"].get<double>();
        h.clearOnNull = s.value("clearOnNull", false);
        if (!h.baseUrl.starts_with("http://") && !h.baseUrl.starts_with("https://"))
            return invalidInput("hubspot.bad_url", "the base URL must start with https://", "settings.baseUrl");
        return std::make_unique<HubspotDestination>(std::move(h));
    };
    return {std::move(spec), make};
}

ConnectorEntry salesforceEntry()
{
    using T = SettingType;
    KindSpec spec{
        "salesforce",
        "Salesforce",
        {{"instanceUrl",
          T::String,
          true,
          false,
          {},
          {},
          "Instance URL",
          "The org's My Domain URL, e.g. https://acme.my.salesforce.com (a sandbox: "
          "http://127.0.0.1:PORT/salesforce)."},
         {"object", T::String, false, false, "Lead", {}, "sObject", "API name: Lead, Contact, Account, Custom__c."},
         {"externalIdField",
          T::String,
          false,
          false,
          "",
          {},
          "External ID field",
          "A field flagged External ID (e.g. Sluice_Id__c); needed for upsert, update and mirror."},
         {"accessToken", T::String, false, true, {}, {}, "Access token", "As a reference: ${env:SF_ACCESS_TOKEN}."},
         {"clientId", T::String, false, false, {}, {}, "Connected app client id", "For renewing the access token."},
         {"clientSecret", T::String, false, true, {}, {}, "Connected app client secret", "As a reference."},
         {"refreshToken",
          T::String,
          false,
          true,
          {},
          {},
          "Refresh token",
          "As a reference. With clientId, an expired session is renewed once and the request sent again."},
         {"tokenUrl", T::String, false, false, "", {}, "Token URL", "Default: INSTANCE/services/oauth2/token."},
         {"apiVersion", T::String, false, false, "v60.0", {}, "API version", ""},
         {"customFields", T::StringMap, false, false, json::object(), {}, "Custom fields", kCustomFieldsHelp},
         {"clearOnNull", T::Boolean, false, false, false, {}, "NULL clears the field", kClearHelp},
         {"allOrNone",
          T::Boolean,
          false,
          false,
          false,
          {},
          "All or none",
          "On: one bad record rolls back its whole request; the others are sent again without it."},
         {"batchSize",
          T::Integer,
          false,
          false,
          SalesforceDestination::kMaxBatch,
          {},
          "Records per request",
          "At most 200 (sObject Collections limit)."},
         {"concurrency", T::Integer, false, false, 2, {}, "Requests in flight", ""},
         {"requestsPerSecond",
          T::Number,
          false,
          false,
          0,
          {},
          "Requests per second (0: no limit)",
          "Salesforce counts calls per 24 h per org."},
         {"bulk",
          T::Boolean,
          false,
          false,
          false,
          {},
          "Use Bulk API 2.0",
          "For large runs: inserts and upserts go in one Bulk job per batch."},
         {"bulkBatchSize", T::Integer, false, false, 10000, {}, "Records per Bulk job", ""},
         {"bulkPollMs", T::Integer, false, false, 2000, {}, "Bulk job poll interval (ms)", ""},
         {"bulkTimeoutSeconds", T::Integer, false, false, 3600, {}, "Bulk job time limit (s)", ""},
         {"timeoutSeconds", T::Integer, false, false, 60, {}, "Request timeout (s)", ""}}};
    auto make = [](const json &s, const DestinationContext &) -> Result<std::unique_ptr<Destination>> {
        SalesforceSettings f;
        f.instanceUrl = text(s, "instanceUrl");
        f.apiVersion = text(s, "apiVersion", f.apiVersion);
        f.accessToken = text(s, "accessToken");
        f.clientId = text(s, "clientId");
        f.clientSecret = text(s, "clientSecret");
        f.refreshToken = text(s, "refreshToken");
        f.tokenUrl = text(s, "tokenUrl");
        f.object = text(s, "object", f.object);
        f.externalIdField = text(s, "externalIdField");
        f.allOrNone = s.value("allOrNone", false);
        f.bulk = s.value("bulk", false);
        f.clearOnNull = s.value("clearOnNull", false);
        if (s.contains("requestsPerSecond") && s["requestsPerSecond"].is_number())
            f.requestsPerSecond = s["requestsPerSecond"].get<double>();
        auto batch = batchSetting(s, SalesforceDestination::kMaxBatch, "Salesforce");
        if (!batch)
            return std::unexpected(batch.error());
        f.batchSize = *batch;
        for (auto [key, target] : {std::pair{"concurrency", &f.concurrency},
                                   {"bulkBatchSize", &f.bulkBatchSize},
                                   {"bulkPollMs", &f.bulkPollMs},
                                   {"bulkTimeoutSeconds", &f.bulkTimeoutSeconds},
                                   {"timeoutSeconds", &f.timeoutSeconds}}) {
            auto value = integerSetting(s, key, *target);
            if (!value)
                return std::unexpected(value.error());
            *target = *value;
        }
        auto custom = customFields(s);
        if (!custom)
            return std::unexpected(custom.error());
        f.customFields = std::move(*custom);
        if (!f.instanceUrl.starts_with("http://") && !f.instanceUrl.starts_with("https://"))
            return invalidInput("salesforce.bad_url", "the instance URL must start with https://",
                                "settings.instanceUrl");
        if (f.accessToken.empty() && (f.refreshToken.empty() || f.clientId.empty()))
            return invalidInput("salesforce.no_credentials",
                                "set accessToken, or refreshToken and clientId (and clientSecret) to get one",
                                "settings.accessToken");
        if (f.bulkBatchSize < 1 || f.bulkBatchSize > 150'000'000)
            return invalidInput("settings.bulk_batch_size", "must be between 1 and 150000000",
                                "settings.bulkBatchSize");
        return std::make_unique<SalesforceDestination>(std::move(f));
    };
    return {std::move(spec), make};
}

} // namespace

const std::vector<ConnectorEntry> &crmConnectors()
{
    static const std::vector<ConnectorEntry> entries = {hubspotEntry(), salesforceEntry()};
    return entries;
}

} // namespace sluice

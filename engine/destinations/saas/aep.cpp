// Adobe Experience Platform HTTP streaming ingestion: POST
// /collection/batch/{connectionId} with {"messages": [XDM envelope, ...]},
// one message per record (an XDM Individual Profile record or an
// ExperienceEvent, by the `object` setting).
//
// Field names are XDM paths ("person.name.firstName", "_tenant.loyalty.tier")
// nested into xdmEntity; "identityMap.<Namespace>" fields become identityMap
// entries (the first mapped one primary). ExperienceEvents carry "_id"
// (derived from the sync, the record's key and its payload hash unless
// mapped) and "timestamp" (ISO 8601; epoch numbers are converted).
// Requests stay within 1 MB. The batch answer is always 207: messages whose
// entry carries a statusCode are rejected with Adobe's message (429/5xx
// entries are resent), the others were accepted. 400 and 413 refuse the batch
// as a whole (split); 401 (no token on an authenticated connection) and 403
// (token invalid or expired) are fatal, as is 500 (Adobe could not process the
// request: schema or dataset not matching); 429, 502, 503 and 504 are retried.

#include "destinations/saas/aep.h"

#include "destinations/saas/engagementcommon.h"

#include <algorithm>

namespace sluice::saas {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxBytes = 1024 * 1024;

enum class AepObject { Profile, ExperienceEvent };

struct AepSettings {
    CommonSettings common;
    AepObject object = AepObject::Profile;
    std::string connectionId;
    std::string accessToken;
    std::string sandboxName;
    std::string flowId;
    std::string imsOrgId;
    std::string datasetId;
    std::string schemaId;
    std::string schemaVersion;
    std::string sourceName;
};

std::vector<DestinationObject> aepObjects(const std::vector<CustomField> &custom)
{
    const auto identities = [] {
        return std::vector<ObjectField>{
            standardField("identityMap.Email", ValueType::Text, "Identity: Email namespace", "email", false, true),
            standardField("identityMap.ECID", ValueType::Text, "Identity: Experience Cloud id", "", false, true),
            standardField("identityMap.CRMID", ValueType::Text, "Identity: CRM id", "", false, true),
            standardField("identityMap.Phone", ValueType::Text, "Identity: Phone namespace", "phone", false, true),
        };
    };
    DestinationObject profile{"profile", "XDM Individual Profile records", identities()};
    for (auto f : {
             standardField("person.name.firstName", ValueType::Text, "First name"),
             standardField("person.name.lastName", ValueType::Text, "Last name"),
             standardField("person.birthDate", ValueType::Text, "Birth date", "date"),
             standardField("personalEmail.address", ValueType::Text, "Personal email", "email"),
             standardField("mobilePhone.number", ValueType::Text, "Mobile phone", "phone"),
             standardField("homeAddress.city", ValueType::Text, "City"),
             standardField("homeAddress.postalCode", ValueType::Text, "Postal code"),
             standardField("homeAddress.countryCode", ValueType::Text, "Country code"),
         })
        profile.fields.push_back(f);
    addCustomFields(profile, custom);

    DestinationObject event{"experience_event", "XDM ExperienceEvents", identities()};
    for (auto f : {
             standardField("_id", ValueType::Text, "Event id (derived from the sync, key and payload when not mapped)",
                           "", false, true),
             standardField("timestamp", ValueType::Text, "When it happened (ISO 8601)", "datetime", true),
             standardField("eventType", ValueType::Text, "Event type (e.g. commerce.purchases)"),
             standardField("commerce.order.purchaseID", ValueType::Text, "Order id"),
             standardField("commerce.order.priceTotal", ValueType::Real, "Order total"),
             standardField("commerce.order.currencyCode", ValueType::Text, "Currency"),
             standardField("web.webPageDetails.URL", ValueType::Text, "Page URL"),
         })
        event.fields.push_back(f);
    addCustomFields(event, custom);
    return {profile, event};
}

class AepDestination final : public EngagementDestination {
public:
    explicit AepDestination(AepSettings settings) : EngagementDestination(settings.common), m_aep(std::move(settings))
    {
        addSecret(m_aep.accessToken);
        // The connection id is the inlet's address; on an unauthenticated
        // connection it is all a sender needs.
        addSecret(m_aep.connectionId);
        ojson schemaRef = {{"id", m_aep.schemaId},
                           {"contentType", "application/vnd.adobe.xed-full+json;version=" + m_aep.schemaVersion}};
        m_header = {{"schemaRef", schemaRef}};
        if (!m_aep.imsOrgId.empty())
            m_header["imsOrgId"] = m_aep.imsOrgId;
        m_header["datasetId"] = m_aep.datasetId;
        m_header["source"] = {{"name", m_aep.sourceName}};
        m_xdmMeta = {{"schemaRef", schemaRef}};
    }

    std::vector<SyncMode> supportedModes() const override { return {SyncMode::Upsert, SyncMode::Insert}; }

    Result<std::vector<DestinationObject>> describe() override { return aepObjects(m_settings.customFields); }

    Result<std::string> testConnection() override
    {
        // Streaming ingestion has no call that reads without writing (and
        // syncValidation is limited to debugging): only the settings are checked.
        std::string what = "settings are valid (connection, dataset " + m_aep.datasetId + ", schema " + m_aep.schemaId
                         + "); Adobe Experience Platform offers no read-only call on a streaming connection, so "
                           "the connection, ";
        what += m_aep.accessToken.empty() ? "its need for a token" : "the access token";
        what += " and the dataset could not be checked without sending a message";
        return what;
    }

    BatchResult write(int batchNumber, std::span<const Record> batch) override
    {
        PreparedBatch prepared = prepare(batch, [this](const Record &r, ojson &item) { return build(r, item); });
        if (prepared.empty())
            return prepared.outcomes;
        HttpRequest request;
        request.url = endpoint("/collection/batch/" + m_aep.connectionId);
        request.headers = {{"Content-Type", "application/json"}};
        if (!m_aep.accessToken.empty()) {
            request.headers.emplace_back("Authorization", "Bearer " + m_aep.accessToken);
            request.headers.emplace_back("sandbox-name", m_aep.sandboxName);
        }
        if (!m_aep.flowId.empty())
            request.headers.emplace_back("x-adobe-flow-id", m_aep.flowId);
        request.body = prepared.join("{\"messages\":[", "]}");
        if (auto tooLarge = oversize(request.body.size(), prepared.items.size()))
            return std::unexpected(*tooLarge);
        const HttpResponse response = send(batchNumber, request);
        return classify(response, std::move(prepared));
    }

protected:
    int serviceMaxRecords() const override { return 5000; } // bounded by the 1 MB request limit
    std::size_t serviceMaxBytes() const override { return kMaxBytes; }
    std::size_t itemOverhead() const override { return 260 + 2 * m_aep.schemaId.size() + m_aep.datasetId.size(); }

    Result<> checkMapping() override
    {
        if (m_aep.object == AepObject::ExperienceEvent)
            return requireMapped({"timestamp"}, "the time of each experience event");
        return {};
    }

private:
    std::optional<std::string> build(const Record &record, ojson &item) const
    {
        ojson entity = ojson::object();
        ojson identityMap = ojson::object();
        bool primaryTaken = false;
        for (std::size_t i = 0; i < m_run.fields.size() && i < record.fields.size(); ++i) {
            const std::string &name = m_run.fields[i].name;
            const Value &value = record.fields[i];
            if (name.starts_with("identityMap.")) {
                const auto id = idText(&value);
                if (!id)
                    continue;
                ojson entry = {{"id", *id}};
                entry["primary"] = !primaryTaken;
                primaryTaken = true;
                identityMap[name.substr(12)].push_back(std::move(entry));
                continue;
            }
            ojson converted;
            if (name == "timestamp" && !customField(name)) {
                if (value.isNull())
                    return std::string("field 'timestamp' is empty; an ExperienceEvent needs its time");
                converted = isoDateTime(value);
            } else if (auto why = property(name, value, converted)) {
                return why;
            }
            if (converted.is_null())
                continue; // XDM has no use for explicit nulls
            setPath(entity, name, std::move(converted));
        }
        if (!identityMap.empty())
            entity["identityMap"] = std::move(identityMap);
        if (m_aep.object == AepObject::ExperienceEvent && !entity.contains("_id"))
            entity["_id"] = dedupeId(m_run.syncName, record);
        item["header"] = m_header;
        item["body"] = {{"xdmMeta", m_xdmMeta}, {"xdmEntity", std::move(entity)}};
        return std::nullopt;
    }

    BatchResult classify(const HttpResponse &response, PreparedBatch prepared) const
    {
        using Kind = BatchFailure::Kind;
        const int status = response.status;
        if (status == 0)
            return std::unexpected(noAnswer("Adobe Experience Platform: " + response.transportError));
        const json body = parseBody(response.body);
        std::string message = excerpt(response.body);
        if (body.is_object())
            for (const auto *key : {"message", "title", "detail"})
                if (body.contains(key) && body[key].is_string()) {
                    message = body[key].get<std::string>();
                    break;
                }
        if (status == 207 || (status >= 200 && status < 300)) {
            // One entry per message, in order; a statusCode marks a failure.
            if (body.is_object() && body.contains("responses") && body["responses"].is_array()) {
                const json &entries = body["responses"];
                for (std::size_t i = 0; i < prepared.sent.size(); ++i) {
                    RecordOutcome &outcome = prepared.outcomes[prepared.sent[i]];
                    if (i >= entries.size()) {
                        outcome = {Outcome::Retryable, "Adobe Experience Platform gave no answer for this message"};
                        continue;
                    }
                    const json &entry = entries[i];
                    if (!entry.is_object() || !entry.contains("statusCode"))
                        continue; // accepted (an xactionId)
                    const int code = entry["statusCode"].is_number_integer() ? entry["statusCode"].get<int>() : 400;
                    std::string reason = "Adobe Experience Platform (" + std::to_string(code) + "): "
                                       + (entry.contains("message") && entry["message"].is_string()
                                              ? entry["message"].get<std::string>()
                                              : entry.dump());
                    outcome = {code == 429 || code >= 500 ? Outcome::Retryable : Outcome::Rejected, std::move(reason)};
                }
            }
            return std::move(prepared.outcomes);
        }
        if (status == 400)
            return std::unexpected(
                batchFailure(Kind::RejectedWhole, "Adobe Experience Platform refused the batch (400): " + message));
        if (status == 401)
            return std::unexpected(batchFailure(
                Kind::Fatal, "Adobe Experience Platform refused the request (401): the streaming connection is "
                             "authenticated; set accessToken ("
                                 + message + ")"));
        if (status == 403)
            return std::unexpected(batchFailure(
                Kind::Fatal, "Adobe Experience Platform refused the access token (403): invalid or expired; get a new "
                             "one ("
                                 + message + ")"));
        if (status == 404)
            return std::unexpected(
                batchFailure(Kind::Fatal, "Adobe Experience Platform knows no such streaming connection (404)"));
        if (status == 413)
            return std::unexpected(
                batchFailure(Kind::RejectedWhole, "Adobe Experience Platform refused the batch as too large (413)"));
        if (status == 429 || status == 502 || status == 503 || status == 504)
            return std::unexpected(batchFailure(Kind::Retryable,
                                                "Adobe Experience Platform is "
                                                    + std::string(status == 429 ? "throttling" : "unavailable")
                                                    + " (HTTP " + std::to_string(status) + ")",
                                                response.retryAfter()));
        if (status == 500)
            return std::unexpected(
                batchFailure(Kind::Fatal, "Adobe Experience Platform could not process the batch (500): " + message
                                              + "; check that schemaId matches the dataset's schema"));
        return std::unexpected(batchFailure(Kind::Fatal, "Adobe Experience Platform refused the request (HTTP "
                                                             + std::to_string(status) + "): " + message));
    }

    AepSettings m_aep;
    ojson m_header;  // the envelope's header, the same for every message
    ojson m_xdmMeta; // body.xdmMeta
};

} // namespace

ConnectorEntry aepConnector()
{
    using T = SettingType;
    CommonDefaults d;
    d.baseUrl = "https://dcs.adobedc.net";
    d.baseUrlHelp = "The streaming endpoint's host.";
    d.batchSize = 500;
    d.maxBatchSize = 5000;
    d.concurrency = 4;
    d.requestsPerSecond = 1000;
    d.rateHelp = "Adobe's guidance: up to 1,000 requests per second.";
    KindSpec spec{"adobe_aep", "Adobe Experience Platform", {}};
    spec.settings = {
        {"connectionId",
         T::String,
         true,
         true,
         {},
         {},
         "Streaming connection id",
         "The inlet id of the HTTP API streaming connection; a reference such as ${env:AEP_CONNECTION_ID}, since "
         "on an unauthenticated connection it is all a sender needs."},
        {"accessToken",
         T::String,
         false,
         true,
         {},
         {},
         "Access token",
         "For authenticated connections: an IMS access token, as a reference such as ${env:AEP_TOKEN}."},
        {"sandboxName", T::String, false, false, "prod", {}, "Sandbox", "Sent with the token."},
        {"flowId", T::String, false, false, {}, {}, "Dataflow id", "For dataflow-based connections (x-adobe-flow-id)."},
        {"imsOrgId", T::String, false, false, {}, {}, "IMS organization", "ORG@AdobeOrg; added by Adobe when empty."},
        {"datasetId", T::String, true, false, {}, {}, "Dataset id", ""},
        {"schemaId",
         T::String,
         true,
         false,
         {},
         {},
         "Schema id",
         "The schema's $id, https://ns.adobe.com/TENANT/schemas/ID; it must be the dataset's schema."},
        {"schemaVersion", T::String, false, false, "1", {}, "Schema version", ""},
        {"sourceName", T::String, false, false, "Sluice", {}, "Source name", ""},
        {"object",
         T::Choice,
         false,
         false,
         "profile",
         {"profile", "experience_event"},
         "Object",
         "What each row becomes: an XDM Individual Profile record or an ExperienceEvent."},
    };
    for (auto &s : commonSettingSpecs(d))
        spec.settings.push_back(std::move(s));
    return {spec, [](const json &s, const DestinationContext &) -> Result<std::unique_ptr<Destination>> {
                auto common = readCommonSettings("adobe_aep", "Adobe Experience Platform", s);
                if (!common)
                    return std::unexpected(common.error());
                AepSettings a;
                a.common = std::move(*common);
                a.object = stringSetting(s, "object", "profile") == "experience_event" ? AepObject::ExperienceEvent
                                                                                       : AepObject::Profile;
                a.connectionId = stringSetting(s, "connectionId");
                a.accessToken = stringSetting(s, "accessToken");
                a.sandboxName = stringSetting(s, "sandboxName", "prod");
                a.flowId = stringSetting(s, "flowId");
                a.imsOrgId = stringSetting(s, "imsOrgId");
                a.datasetId = stringSetting(s, "datasetId");
                a.schemaId = stringSetting(s, "schemaId");
                a.schemaVersion = stringSetting(s, "schemaVersion", "1");
                a.sourceName = stringSetting(s, "sourceName", "Sluice");
                if (a.connectionId.empty() || !std::all_of(a.connectionId.begin(), a.connectionId.end(), [](char c) {
                        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
                    }))
                    return invalidInput("adobe_aep.connection_id",
                                        "the connection id must be letters, digits, '-' or '_'",
                                        "settings.connectionId");
                if (!a.schemaId.starts_with("https://"))
                    return invalidInput("adobe_aep.schema_id",
                                        "the schema id is the schema's $id URL, "
                                        "https://ns.adobe.com/TENANT/schemas/ID",
                                        "settings.schemaId");
                return std::make_unique<AepDestination>(std::move(a));
            }};
}

} // namespace sluice::saas

// Mixpanel: events through POST /import?strict=1 (one event per record) and
// user profiles through POST /engage?verbose=1 (one $set update per record).
//
// /import: at most 2,000 events and 2 MB per request, each event under 1 MB
// with fewer than 255 properties. "time" is sent in seconds or milliseconds
// since the epoch as given (ISO 8601 text is converted to milliseconds);
// "$insert_id" is derived from the sync, the record's key and its payload
// hash, so a resent event is deduplicated by Mixpanel. A 400 with
// "failed_records" rejects exactly those events (the others were imported
// and are not resent); 413 and other 400s refuse the batch as a whole (the
// executor halves it); 401/403 are fatal; 429, 502 and 503 are retried after
// 2 s, doubling up to 60 s while Mixpanel keeps refusing.
//
// /engage: at most 2,000 updates per request, each under 1 MB; the project
// token travels inside every update. {"status":0} has no per-record detail,
// so the batch is refused as a whole and split to isolate the bad update.

#include "destinations/saas/mixpanel.h"

#include "destinations/saas/engagementcommon.h"

#include <atomic>
#include <random>

namespace sluice::saas {

using nlohmann::json;

namespace {

constexpr int kMaxRecords = 2000;
constexpr std::size_t kMaxImportBytes = 2 * 1024 * 1024;
constexpr std::size_t kMaxItemBytes = 1024 * 1024 - 1; // "each event < 1 MB", "each update <= 1 MB"
constexpr int kMaxProperties = 255;

enum class MixpanelObject { Events, Profiles };

struct MixpanelSettings {
    CommonSettings common;
    MixpanelObject object = MixpanelObject::Events;
    std::string projectToken;
    std::string serviceAccountUser;
    std::string serviceAccountSecret;
    std::string projectId;
    std::string eventName;
};

std::vector<DestinationObject> mixpanelObjects(const std::vector<CustomField> &custom)
{
    DestinationObject events{"events", "Events (/import)", {}};
    for (auto f : {
             standardField("event", ValueType::Text, "Event name (or the eventName setting)", "", true),
             standardField("time", ValueType::Integer, "When it happened: epoch seconds or milliseconds, or ISO 8601",
                           "datetime", true),
             standardField("distinct_id", ValueType::Text, "The user's distinct id", "", true, true),
             standardField("$insert_id", ValueType::Text,
                           "Deduplication id (derived from the sync, key and payload when not mapped)", "", false,
                           true),
             standardField("$device_id", ValueType::Text, "Device id"),
             standardField("$user_id", ValueType::Text, "User id (identity merge)"),
             standardField("ip", ValueType::Text, "IP address for geolocation"),
             standardField("$city", ValueType::Text, "City"),
             standardField("$region", ValueType::Text, "Region"),
             standardField("mp_country_code", ValueType::Text, "Country code"),
             standardField("$os", ValueType::Text, "Operating system"),
             standardField("$browser", ValueType::Text, "Browser"),
             standardField("$current_url", ValueType::Text, "URL"),
             standardField("utm_source", ValueType::Text, "UTM source"),
             standardField("utm_medium", ValueType::Text, "UTM medium"),
             standardField("utm_campaign", ValueType::Text, "UTM campaign"),
         })
        events.fields.push_back(f);
    addCustomFields(events, custom);

    DestinationObject profiles{"profiles", "User profiles (/engage $set)", {}};
    for (auto f : {
             standardField("$distinct_id", ValueType::Text, "The user's distinct id", "", true, true),
             standardField("$email", ValueType::Text, "Email", "email"),
             standardField("$name", ValueType::Text, "Full name"),
             standardField("$first_name", ValueType::Text, "First name"),
             standardField("$last_name", ValueType::Text, "Last name"),
             standardField("$phone", ValueType::Text, "Phone", "phone"),
             standardField("$avatar", ValueType::Text, "Avatar URL"),
             standardField("$created", ValueType::Text, "Created", "datetime"),
             standardField("$city", ValueType::Text, "City"),
             standardField("$region", ValueType::Text, "Region"),
             standardField("$country_code", ValueType::Text, "Country code"),
             standardField("$timezone", ValueType::Text, "Time zone"),
         })
        profiles.fields.push_back(f);
    addCustomFields(profiles, custom);
    return {events, profiles};
}

// "time" as Mixpanel takes it: numbers as given (seconds or milliseconds),
// digits as a number, ISO 8601 converted to milliseconds. Anything else goes
// as it is and Mixpanel names it in failed_records.
ojson eventTime(const Value &value)
{
    switch (value.type()) {
    case ValueType::Integer: return value.asInteger();
    case ValueType::Real:
        if (const auto millis = epochMillisOf(value))
            return *millis;
        return jsonOf(value);
    case ValueType::Text:
        if (const auto millis = epochMillisOf(value)) {
            ojson asInteger;
            if (!convertCustom(value, CustomType::Integer, asInteger))
                return asInteger; // digits: keep the unit the user gave
            return *millis;
        }
        return value.asText();
    default: return jsonOf(value);
    }
}

bool validInsertId(std::string_view id)
{
    return !id.empty() && id.size() <= 36 && std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
    });
}

class MixpanelDestination final : public EngagementDestination {
public:
    explicit MixpanelDestination(MixpanelSettings settings)
        : EngagementDestination(settings.common), m_mixpanel(std::move(settings))
    {
        addSecret(m_mixpanel.projectToken);
        addSecret(m_mixpanel.serviceAccountSecret);
    }

    std::vector<SyncMode> supportedModes() const override { return {SyncMode::Upsert, SyncMode::Insert}; }

    Result<std::vector<DestinationObject>> describe() override { return mixpanelObjects(m_settings.customFields); }

    Result<std::string> testConnection() override
    {
        if (m_mixpanel.object == MixpanelObject::Profiles)
            return "settings are valid; Mixpanel checks the project token only inside profile updates, so it "
                   "could not be checked without writing to a profile";
        // An empty /import writes nothing; bad credentials answer 401.
        HttpRequest request;
        request.url = importUrl();
        request.headers = importHeaders();
        request.body = "[]";
        const HttpResponse response = send(0, request);
        if (response.status == 0)
            return failed("mixpanel.unreachable", response.transportError, m_settings.baseUrl);
        if (response.status == 401 || response.status == 403)
            return failed("mixpanel.auth",
                          "Mixpanel refused the credentials (HTTP " + std::to_string(response.status)
                              + "): " + excerpt(response.body),
                          usesServiceAccount() ? "settings.serviceAccountSecret" : "settings.projectToken");
        if (response.status == 429 || response.status >= 500)
            return failed("mixpanel.unavailable",
                          "Mixpanel answered HTTP " + std::to_string(response.status) + ": " + excerpt(response.body),
                          m_settings.baseUrl);
        return "Mixpanel accepted the " + std::string(usesServiceAccount() ? "service account" : "project token")
             + " for /import at " + m_settings.baseUrl + " (an empty request: nothing was written)";
    }

    BatchResult write(int batchNumber, std::span<const Record> batch) override
    {
        const bool events = m_mixpanel.object == MixpanelObject::Events;
        PreparedBatch prepared = prepare(
            batch, [&](const Record &r, ojson &item) { return events ? buildEvent(r, item) : buildUpdate(r, item); });
        if (prepared.empty())
            return prepared.outcomes;
        HttpRequest request;
        request.body = prepared.join("[", "]");
        if (auto tooLarge = oversize(request.body.size(), prepared.items.size()))
            return std::unexpected(*tooLarge);
        if (events) {
            request.url = importUrl();
            request.headers = importHeaders();
        } else {
            request.url = endpoint("/engage?verbose=1&ip=0");
            request.headers = {{"Content-Type", "application/json"}};
        }
        const HttpResponse response = send(batchNumber, request);
        return events ? classifyImport(response, std::move(prepared)) : classifyEngage(response, std::move(prepared));
    }

protected:
    int serviceMaxRecords() const override { return kMaxRecords; }
    // /import: 2 MB per request. /engage states no request limit, only 1 MB per update.
    std::size_t serviceMaxBytes() const override
    {
        return m_mixpanel.object == MixpanelObject::Events ? kMaxImportBytes : 0;
    }
    std::size_t serviceMaxItemBytes() const override { return kMaxItemBytes; }
    std::size_t itemOverhead() const override { return 140; }

    Result<> checkMapping() override
    {
        if (m_mixpanel.object == MixpanelObject::Profiles)
            return requireMapped({"$distinct_id", "distinct_id"}, "the profile's distinct id");
        if (!mapped("event") && m_mixpanel.eventName.empty())
            return invalidInput("mixpanel.mapping",
                                "Mixpanel events need a name: map a field named 'event' or set eventName", "mapping");
        if (auto ok = requireMapped({"time"}, "the time of each event"); !ok)
            return ok;
        return requireMapped({"distinct_id"}, "the user's distinct id");
    }

private:
    bool usesServiceAccount() const
    {
        return !m_mixpanel.serviceAccountUser.empty() && !m_mixpanel.serviceAccountSecret.empty();
    }

    std::string importUrl() const
    {
        std::string url = endpoint("/import?strict=1");
        if (!m_mixpanel.projectId.empty())
            url += "&project_id=" + urlEncode(m_mixpanel.projectId);
        return url;
    }

    HttpHeaders importHeaders() const
    {
        // A service account (username:secret, with project_id), or the
        // project token as the username with an empty password.
        const std::string credentials = usesServiceAccount()
                                          ? m_mixpanel.serviceAccountUser + ":" + m_mixpanel.serviceAccountSecret
                                          : m_mixpanel.projectToken + ":";
        return {{"Content-Type", "application/json"}, {"Authorization", "Basic " + base64(credentials)}};
    }

    std::optional<std::string> buildEvent(const Record &record, ojson &item) const
    {
        ojson properties = ojson::object();
        std::string name = m_mixpanel.eventName;
        std::optional<std::string> insertId;
        for (std::size_t i = 0; i < m_run.fields.size() && i < record.fields.size(); ++i) {
            const std::string &field = m_run.fields[i].name;
            const Value &value = record.fields[i];
            if (field == "event") {
                if (auto text = idText(&value))
                    name = *text;
            } else if (field == "time") {
                if (value.isNull())
                    return std::string("field 'time' is empty; Mixpanel needs the time of each event");
                properties["time"] = eventTime(value);
            } else if (field == "distinct_id") {
                // Empty text is allowed (an event tied to no user); NULL is not sent.
                if (!value.isNull())
                    properties["distinct_id"] = value.type() == ValueType::Text ? value.asText() : value.toString();
            } else if (field == "$insert_id") {
                insertId = idText(&value);
                if (insertId && !validInsertId(*insertId))
                    return "field '$insert_id': '" + *insertId
                         + "' is not a valid insert id (at most 36 letters, digits or '-')";
            } else {
                ojson converted;
                if (auto why = property(field, value, converted))
                    return why;
                properties[field] = std::move(converted);
            }
        }
        if (name.empty())
            return std::string("field 'event' is empty; Mixpanel needs the name of each event");
        properties["$insert_id"] = insertId ? *insertId : dedupeId(m_run.syncName, record);
        if (properties.size() >= std::size_t(kMaxProperties))
            return "the event has " + std::to_string(properties.size()) + " properties; Mixpanel accepts fewer than "
                 + std::to_string(kMaxProperties);
        item["event"] = std::move(name);
        item["properties"] = std::move(properties);
        return std::nullopt;
    }

    std::optional<std::string> buildUpdate(const Record &record, ojson &item) const
    {
        const Value *id = valueOf(record, "$distinct_id");
        if (!id)
            id = valueOf(record, "distinct_id");
        const auto distinctId = idText(id);
        if (!distinctId)
            return std::string("the distinct id is empty; Mixpanel needs it to find the profile");
        ojson set = ojson::object();
        for (std::size_t i = 0; i < m_run.fields.size() && i < record.fields.size(); ++i) {
            const std::string &field = m_run.fields[i].name;
            if (field == "$distinct_id" || field == "distinct_id")
                continue;
            ojson converted;
            if (field == "$created" && !customField(field))
                converted = isoDateTime(record.fields[i]);
            else if (auto why = property(field, record.fields[i], converted))
                return why;
            set[field] = std::move(converted);
        }
        if (set.size() >= std::size_t(kMaxProperties))
            return "the profile update sets " + std::to_string(set.size()) + " properties; Mixpanel accepts fewer than "
                 + std::to_string(kMaxProperties);
        item["$token"] = m_mixpanel.projectToken;
        item["$distinct_id"] = *distinctId;
        item["$set"] = std::move(set);
        return std::nullopt;
    }

    // 2 s after the first refusal, doubling to 60 s while refusals continue
    // (Mixpanel's advice), with a little jitter so concurrent batches spread.
    std::chrono::milliseconds backoff(const HttpResponse &response) const
    {
        const int refusals = ++m_refusals;
        const std::int64_t base = std::min<std::int64_t>(60'000, 2'000LL << std::min(refusals - 1, 5));
        thread_local std::mt19937_64 rng(std::random_device{}());
        std::uniform_int_distribution<std::int64_t> jitter(0, 500);
        std::chrono::milliseconds wait(base + jitter(rng));
        if (const auto hinted = response.retryAfter())
            wait = std::max(wait, *hinted);
        return wait;
    }

    std::optional<BatchFailure> commonFailure(const HttpResponse &response, const json &body) const
    {
        using Kind = BatchFailure::Kind;
        const int status = response.status;
        const std::string error = body.is_object() && body.contains("error") && body["error"].is_string()
                                    ? body["error"].get<std::string>()
                                    : excerpt(response.body);
        if (status == 0)
            return noAnswer("Mixpanel: " + response.transportError);
        if (status == 401)
            return batchFailure(Kind::Fatal, "Mixpanel refused the credentials (401): " + error);
        if (status == 403)
            return batchFailure(Kind::Fatal, "Mixpanel refused access (403): " + error);
        if (status == 413)
            return batchFailure(Kind::RejectedWhole, "Mixpanel refused the batch as too large (413): " + error);
        if (status == 429)
            return batchFailure(Kind::Retryable, "Mixpanel rate limit reached (429)", backoff(response));
        if (status >= 500)
            return batchFailure(Kind::Retryable, "Mixpanel failed (HTTP " + std::to_string(status) + "): " + error,
                                backoff(response));
        return std::nullopt;
    }

    BatchResult classifyImport(const HttpResponse &response, PreparedBatch prepared) const
    {
        using Kind = BatchFailure::Kind;
        const json body = parseBody(response.body);
        if (auto failure = commonFailure(response, body))
            return std::unexpected(*failure);
        const int status = response.status;
        if (status >= 200 && status < 300) {
            m_refusals = 0;
            return std::move(prepared.outcomes);
        }
        const std::string error = body.is_object() && body.contains("error") && body["error"].is_string()
                                    ? body["error"].get<std::string>()
                                    : excerpt(response.body);
        if (status == 400) {
            m_refusals = 0;
            // strict=1: the events named failed validation, the others were
            // imported. Never resend these: they would fail again.
            std::vector<std::string> reasons(prepared.sent.size());
            bool named = false;
            const auto failed = body.is_object() ? body.find("failed_records") : body.end();
            if (body.is_object() && failed != body.end() && failed->is_array()) {
                for (const auto &entry : *failed) {
                    if (!entry.is_object())
                        continue;
                    std::optional<std::size_t> position;
                    if (entry.contains("index") && entry["index"].is_number_integer()) {
                        const auto index = entry["index"].get<std::int64_t>();
                        if (index >= 0 && std::size_t(index) < prepared.sent.size())
                            position = std::size_t(index);
                    }
                    if (!position)
                        position = positionOfInsertId(entry, prepared);
                    if (!position)
                        continue;
                    std::string reason = "Mixpanel: ";
                    if (entry.contains("field") && entry["field"].is_string())
                        reason += entry["field"].get<std::string>() + ": ";
                    reason += entry.contains("message") && entry["message"].is_string()
                                ? entry["message"].get<std::string>()
                                : error;
                    auto &slot = reasons[*position];
                    slot += slot.empty() ? reason : "; " + reason;
                    named = true;
                }
            }
            if (!named)
                return std::unexpected(batchFailure(Kind::RejectedWhole, "Mixpanel refused the batch (400): " + error));
            for (std::size_t i = 0; i < prepared.sent.size(); ++i)
                if (!reasons[i].empty())
                    prepared.outcomes[prepared.sent[i]] = {Outcome::Rejected, reasons[i]};
            return std::move(prepared.outcomes);
        }
        return std::unexpected(
            batchFailure(Kind::Fatal, "Mixpanel refused the request (HTTP " + std::to_string(status) + "): " + error));
    }

    // failed_records name events by index; the spec's schema also has an
    // insert id ("$insert_id" in the prose, "insert_id" in the schema).
    static std::optional<std::size_t> positionOfInsertId(const json &entry, const PreparedBatch &prepared)
    {
        std::string id;
        for (const auto *key : {"$insert_id", "insert_id"})
            if (entry.contains(key) && entry[key].is_string())
                id = entry[key].get<std::string>();
        if (id.empty())
            return std::nullopt;
        const std::string needle = "\"$insert_id\":\"" + id + "\"";
        for (std::size_t i = 0; i < prepared.items.size(); ++i)
            if (prepared.items[i].find(needle) != std::string::npos)
                return i;
        return std::nullopt;
    }

    BatchResult classifyEngage(const HttpResponse &response, PreparedBatch prepared) const
    {
        using Kind = BatchFailure::Kind;
        const json body = parseBody(response.body);
        if (auto failure = commonFailure(response, body))
            return std::unexpected(*failure);
        const int status = response.status;
        // verbose=1: {"status":1,"error":null} or {"status":0,"error":"..."};
        // without it a bare 1 or 0. A 200 alone does not mean success.
        std::optional<bool> accepted;
        std::string error;
        if (body.is_object() && body.contains("status")) {
            accepted = body["status"] == 1 || body["status"] == "1" || body["status"] == "ok";
            if (body.contains("error") && body["error"].is_string())
                error = body["error"].get<std::string>();
        } else if (body.is_number_integer()) {
            accepted = body.get<int>() == 1;
        }
        if (status >= 200 && status < 300 && accepted.value_or(false)) {
            m_refusals = 0;
            return std::move(prepared.outcomes);
        }
        if ((status >= 200 && status < 300) || status == 400) {
            m_refusals = 0;
            return std::unexpected(
                batchFailure(Kind::RejectedWhole, "Mixpanel refused the profile updates (HTTP " + std::to_string(status)
                                                      + "): " + (error.empty() ? excerpt(response.body) : error)));
        }
        return std::unexpected(batchFailure(Kind::Fatal, "Mixpanel refused the request (HTTP " + std::to_string(status)
                                                             + "): " + excerpt(response.body)));
    }

    MixpanelSettings m_mixpanel;
    mutable std::atomic<int> m_refusals{0}; // consecutive 429/5xx answers
};

} // namespace

ConnectorEntry mixpanelConnector()
{
    using T = SettingType;
    CommonDefaults d;
    d.baseUrl = "https://api.mixpanel.com";
    d.baseUrlHelp = "https://api.mixpanel.com, or https://api-eu.mixpanel.com for EU data residency.";
    d.batchSize = kMaxRecords;
    d.maxBatchSize = kMaxRecords;
    d.concurrency = 4;
    d.requestsPerSecond = 0;
    d.rateHelp = "Mixpanel limits volume (2 GB of JSON per minute), not requests.";
    KindSpec spec{"mixpanel", "Mixpanel", {}};
    spec.settings = {
        {"object",
         T::Choice,
         false,
         false,
         "events",
         {"events", "profiles"},
         "Object",
         "events: each row is an event sent to /import; profiles: each row sets a user profile's properties "
         "(/engage $set)."},
        {"projectToken",
         T::String,
         false,
         true,
         {},
         {},
         "Project token",
         "Needed for profiles, and for events when no service account is set; a reference such as "
         "${env:MIXPANEL_TOKEN}."},
        {"serviceAccountUser", T::String, false, false, {}, {}, "Service account user", "For /import."},
        {"serviceAccountSecret",
         T::String,
         false,
         true,
         {},
         {},
         "Service account secret",
         "A reference such as ${env:MIXPANEL_SA_SECRET}."},
        {"projectId", T::String, false, false, {}, {}, "Project id", "Required with a service account."},
        {"eventName", T::String, false, false, {}, {}, "Event name", "When no field is mapped to 'event'."},
    };
    for (auto &s : commonSettingSpecs(d))
        spec.settings.push_back(std::move(s));
    return {spec, [](const json &s, const DestinationContext &) -> Result<std::unique_ptr<Destination>> {
                auto common = readCommonSettings("mixpanel", "Mixpanel", s);
                if (!common)
                    return std::unexpected(common.error());
                MixpanelSettings m;
                m.common = std::move(*common);
                m.object = stringSetting(s, "object", "events") == "profiles" ? MixpanelObject::Profiles
                                                                              : MixpanelObject::Events;
                m.projectToken = stringSetting(s, "projectToken");
                m.serviceAccountUser = stringSetting(s, "serviceAccountUser");
                m.serviceAccountSecret = stringSetting(s, "serviceAccountSecret");
                m.projectId = stringSetting(s, "projectId");
                m.eventName = stringSetting(s, "eventName");
                const bool serviceAccount = !m.serviceAccountUser.empty() || !m.serviceAccountSecret.empty();
                if (serviceAccount && (m.serviceAccountUser.empty() || m.serviceAccountSecret.empty()))
                    return invalidInput("mixpanel.service_account",
                                        "a service account needs both serviceAccountUser and serviceAccountSecret",
                                        "settings");
                if (serviceAccount && m.projectId.empty())
                    return invalidInput("mixpanel.project_id", "a service account needs the projectId",
                                        "settings.projectId");
                if (m.object == MixpanelObject::Profiles && m.projectToken.empty())
                    return invalidInput("mixpanel.no_token", "profile updates need the project token",
                                        "settings.projectToken");
                if (m.object == MixpanelObject::Events && !serviceAccount && m.projectToken.empty())
                    return invalidInput("mixpanel.no_credentials", "events need a service account or the project token",
                                        "settings");
                return std::make_unique<MixpanelDestination>(std::move(m));
            }};
}

} // namespace sluice::saas

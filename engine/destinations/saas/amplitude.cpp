// Amplitude: events through the HTTP V2 API (POST /2/httpapi, JSON) and user
// properties through the Identify API (POST /identify, form-encoded).
//
// /2/httpapi: fewer than 2,000 events and under 1 MB per request; "time" in
// milliseconds since the epoch (numbers in seconds are converted; text that
// is not digits is sent as it is, and Amplitude's 400 names it: a mapping
// error for that row). "insert_id" is derived from the sync, the record's key
// and its payload hash, so resends are deduplicated.
// Answers: 400 with events_with_invalid_fields / events_with_missing_fields /
// silenced_events rejects the events named (only the first offender per
// field is named; the rest of the request was not ingested and is resent);
// "Invalid API key", 401 and 403 (firewall) are fatal; 413 splits the
// batch; 429 holds the events of the throttled users and devices for 30 s
// (15 s for identify) before resending them with the same insert_ids, while
// other users' events go on; 5xx is retried (insert_id protects a resend of
// events that were in fact ingested).

#include "destinations/saas/amplitude.h"
#include "destinations/saas/amplitudefields.h"

#include "destinations/saas/connectortext.h"
#include "destinations/saas/engagementcommon.h"
#include "formats/jsonwriter.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace sluice::saas {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kMaxEvents = 1999;                   // "fewer than 2,000"
constexpr int kMaxIdentifications = 2000;          // not documented: kept at the events' limits
constexpr std::size_t kMaxBytes = 1024 * 1024 - 1; // "< 1 MB"

enum class AmplitudeObject { Events, Identify };

struct AmplitudeSettings {
    CommonSettings common;
    AmplitudeObject object = AmplitudeObject::Events;
    std::string apiKey;
    std::string eventType;
    // options.min_id_length, sent only when set: Amplitude's own default is 5.
    std::optional<int> minIdLength;
    std::chrono::milliseconds eventHold{30'000};
    std::chrono::milliseconds identifyHold{15'000};
};

struct Ids {
    std::optional<std::string> user, device;
};

class AmplitudeDestination final : public EngagementDestination {
public:
    explicit AmplitudeDestination(AmplitudeSettings settings)
        : EngagementDestination(settings.common), m_amplitude(std::move(settings))
    {
        addSecret(m_amplitude.apiKey);
    }

    std::vector<SyncMode> supportedModes() const override { return {SyncMode::Upsert, SyncMode::Insert}; }

    Result<std::vector<DestinationObject>> describe() override { return amplitudeObjects(m_settings.customFields); }

    Result<std::string> testConnection() override
    {
        // An empty event list is refused (400) after the key is checked:
        // "Invalid API key" tells a bad key apart.
        HttpRequest request;
        request.url = endpoint("/2/httpapi");
        request.headers = {{"Content-Type", "application/json"}};
        request.body = eventsBody({});
        const HttpResponse response = send(0, request);
        if (response.status == 0)
            return failed("amplitude.unreachable", response.transportError, m_settings.baseUrl);
        const json body = parseBody(response.body);
        if ((response.status == 400 && errorOf(body) == "Invalid API key") || response.status == 401)
            return failed("amplitude.auth", "Amplitude refused the API key", "settings.apiKey");
        if (response.status == 403)
            return failed("amplitude.forbidden", "Amplitude's firewall refused the request (403)", m_settings.baseUrl);
        if (response.status == 404)
            return failed("amplitude.not_found", "no Amplitude API at this base URL (404)", "settings.baseUrl");
        if (response.status == 429 || response.status >= 500)
            return failed("amplitude.unavailable",
                          "Amplitude answered HTTP " + std::to_string(response.status) + ": " + excerpt(response.body),
                          m_settings.baseUrl);
        return "Amplitude accepted the API key at " + m_settings.baseUrl + " (an empty request: nothing was written)";
    }

    BatchResult write(int batchNumber, std::span<const Record> batch) override
    {
        const bool events = m_amplitude.object == AmplitudeObject::Events;
        std::vector<Ids> ids(batch.size());
        PreparedBatch prepared = prepare(batch, [&](const Record &r, ojson &item) {
            const std::size_t index = std::size_t(&r - batch.data());
            return events ? buildEvent(r, item, ids[index]) : buildIdentification(r, item, ids[index]);
        });
        if (prepared.empty())
            return prepared.outcomes;
        holdThrottled(prepared, ids);
        if (prepared.empty())
            return prepared.outcomes;

        HttpRequest request;
        if (events) {
            request.url = endpoint("/2/httpapi");
            request.headers = {{"Content-Type", "application/json"}};
            request.body = eventsBody(prepared);
        } else {
            request.url = endpoint("/identify");
            request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
            request.body
                = "api_key=" + urlEncode(m_amplitude.apiKey) + "&identification=" + urlEncode(prepared.join("[", "]"));
        }
        if (auto tooLarge = oversize(request.body.size(), prepared.items.size()))
            return std::unexpected(*tooLarge);
        const HttpResponse response = send(batchNumber, request);
        return classify(response, std::move(prepared), ids);
    }

protected:
    int serviceMaxRecords() const override
    {
        return m_amplitude.object == AmplitudeObject::Events ? kMaxEvents : kMaxIdentifications;
    }
    std::size_t serviceMaxBytes() const override { return kMaxBytes; }
    std::size_t itemOverhead() const override { return 130; }
    // Form encoding turns most JSON punctuation into three characters.
    double bodyInflation() const override { return m_amplitude.object == AmplitudeObject::Identify ? 1.6 : 1.0; }

    Result<> checkMapping() override
    {
        if (auto ok = requireMapped({"user_id", "device_id"}, "a user or device id"); !ok)
            return ok;
        if (m_amplitude.object == AmplitudeObject::Events && !mapped("event_type") && m_amplitude.eventType.empty())
            return invalidInput("amplitude.mapping",
                                "Amplitude events need a type: map a field named 'event_type' or set eventType",
                                "mapping");
        return {};
    }

private:
    std::string eventsBody(const PreparedBatch &prepared) const
    {
        std::string head = "{\"api_key\":";
        appendJsonString(head, m_amplitude.apiKey);
        head += ",\"events\":[";
        if (!m_amplitude.minIdLength)
            return prepared.join(head, "]}");
        return prepared.join(head,
                             "],\"options\":{\"min_id_length\":" + std::to_string(*m_amplitude.minIdLength) + "}}");
    }

    static std::string errorOf(const json &body)
    {
        return body.is_object() && body.contains("error") && body["error"].is_string()
                 ? body["error"].get<std::string>()
                 : std::string();
    }

    // user_properties as operations: $set for values, $unset for NULLs
    // (operations and plain keys cannot be mixed, so both are operations).
    static void addUserProperty(ojson &userProperties, const std::string &name, ojson value)
    {
        if (value.is_null())
            userProperties["$unset"][name] = "-";
        else
            userProperties["$set"][name] = std::move(value);
    }

    std::optional<std::string> readIds(const Record &record, Ids &ids) const
    {
        ids.user = idText(valueOf(record, "user_id"));
        ids.device = idText(valueOf(record, "device_id"));
        if (!ids.user && !ids.device)
            return std::string("both user_id and device_id are empty; Amplitude needs one of them");
        for (const auto &[field, id] : {std::pair{"user_id", &ids.user}, std::pair{"device_id", &ids.device}})
            if (*id)
                if (auto why = idProblem(field, **id, m_amplitude.minIdLength))
                    return why;
        return std::nullopt;
    }

    // Reads the record's ids and writes them into the event or identification.
    std::optional<std::string> startItem(const Record &record, ojson &item, Ids &ids) const
    {
        if (auto why = readIds(record, ids))
            return why;
        if (ids.user)
            item["user_id"] = *ids.user;
        if (ids.device)
            item["device_id"] = *ids.device;
        return std::nullopt;
    }

    std::optional<std::string> buildEvent(const Record &record, ojson &item, Ids &ids) const
    {
        if (auto why = startItem(record, item, ids))
            return why;
        std::string type = m_amplitude.eventType;
        if (auto mappedType = idText(valueOf(record, "event_type")))
            type = *mappedType;
        if (type.empty())
            return std::string("field 'event_type' is empty; Amplitude needs the type of each event");
        item["event_type"] = type;
        ojson eventProperties = ojson::object();
        ojson userProperties = ojson::object();
        std::optional<std::string> insertId;
        for (std::size_t i = 0; i < m_run.fields.size() && i < record.fields.size(); ++i) {
            const std::string &name = m_run.fields[i].name;
            const Value &value = record.fields[i];
            if (name == "user_id" || name == "device_id" || name == "event_type")
                continue;
            if (name == "time") {
                if (!value.isNull())
                    item["time"] = eventTime(value);
            } else if (name == "insert_id") {
                insertId = idText(&value);
            } else if (name.starts_with("user_properties.")) {
                ojson converted;
                if (auto why = property(name, value, converted))
                    return why;
                addUserProperty(userProperties, name.substr(16), std::move(converted));
            } else if (isEventKey(name) && !customField(name)) {
                if (!value.isNull())
                    item[name] = jsonOf(value);
            } else {
                ojson converted;
                if (auto why = property(name, value, converted))
                    return why;
                eventProperties[name.starts_with("event_properties.") ? name.substr(17) : name] = std::move(converted);
            }
        }
        item["insert_id"] = insertId ? *insertId : dedupeId(m_run.syncName, record);
        if (!eventProperties.empty())
            item["event_properties"] = std::move(eventProperties);
        if (!userProperties.empty())
            item["user_properties"] = std::move(userProperties);
        return std::nullopt;
    }

    std::optional<std::string> buildIdentification(const Record &record, ojson &item, Ids &ids) const
    {
        if (auto why = startItem(record, item, ids))
            return why;
        ojson userProperties = ojson::object();
        for (std::size_t i = 0; i < m_run.fields.size() && i < record.fields.size(); ++i) {
            const std::string &name = m_run.fields[i].name;
            const Value &value = record.fields[i];
            if (name == "user_id" || name == "device_id")
                continue;
            if (isIdentifyKey(name) && !customField(name)) {
                if (!value.isNull())
                    item[name] = jsonOf(value);
                continue;
            }
            ojson converted;
            if (auto why = property(name, value, converted))
                return why;
            addUserProperty(userProperties, name.starts_with("user_properties.") ? name.substr(16) : name,
                            std::move(converted));
        }
        item["user_properties"] = std::move(userProperties);
        return std::nullopt;
    }

    // ---- throttling: Amplitude names the users and devices sending too
    // fast; their events wait out the pause, other users' events go on.

    static std::string userKey(const std::string &id) { return "user:" + id; }
    static std::string deviceKey(const std::string &id) { return "device:" + id; }

    std::optional<Clock::time_point> heldUntil(const Ids &ids, Clock::time_point now) const
    {
        std::optional<Clock::time_point> until;
        const auto consider = [&](const std::string &key) {
            const auto it = m_holds.find(key);
            if (it != m_holds.end() && it->second > now && (!until || it->second > *until))
                until = it->second;
        };
        if (ids.user)
            consider(userKey(*ids.user));
        if (ids.device)
            consider(deviceKey(*ids.device));
        return until;
    }

    void holdThrottled(PreparedBatch &prepared, const std::vector<Ids> &ids)
    {
        std::vector<std::optional<Clock::time_point>> until(prepared.sent.size());
        std::optional<Clock::time_point> latest;
        std::size_t held = 0;
        {
            std::lock_guard lock(m_holdMutex);
            const auto now = Clock::now();
            for (std::size_t i = 0; i < prepared.sent.size(); ++i) {
                until[i] = heldUntil(ids[prepared.sent[i]], now);
                if (until[i]) {
                    ++held;
                    latest = latest ? std::max(*latest, *until[i]) : *until[i];
                }
            }
        }
        if (held == 0)
            return;
        if (held == prepared.sent.size()) {
            // Only held events: wait out the pause Amplitude asked for, then send them.
            std::this_thread::sleep_until(*latest);
            return;
        }
        // Send the others now; the held ones come back as retryable and are
        // sent on their own once their pause is over.
        PreparedBatch rest;
        rest.outcomes = std::move(prepared.outcomes);
        for (std::size_t i = 0; i < prepared.sent.size(); ++i) {
            if (until[i]) {
                rest.outcomes[prepared.sent[i]]
                    = {Outcome::Retryable, "held: Amplitude throttled this user or device; resent after the "
                                           "pause Amplitude asked for"};
                continue;
            }
            rest.itemBytes += prepared.items[i].size();
            rest.items.push_back(std::move(prepared.items[i]));
            rest.sent.push_back(prepared.sent[i]);
        }
        prepared = std::move(rest);
    }

    // Holds the users and devices of a 429 (or a 400 with throttled
    // devices); returns their description for the message.
    std::string hold(const json &body, std::chrono::milliseconds pause)
    {
        std::string named;
        std::lock_guard lock(m_holdMutex);
        const auto until = Clock::now() + pause;
        const auto add = [&](const char *field, std::string (*key)(const std::string &), const char *what) {
            if (!body.contains(field) || !body[field].is_object())
                return;
            for (const auto &[id, rate] : body[field].items()) {
                m_holds[key(id)] = until;
                named += (named.empty() ? "" : ", ") + std::string(what) + " " + id;
                if (rate.is_number())
                    named += " (" + rate.dump() + " events/s)";
            }
        };
        if (body.is_object()) {
            add("throttled_users", &userKey, "user");
            add("throttled_devices", &deviceKey, "device");
        }
        return named;
    }

    static std::vector<std::size_t> indexList(const json &body, const char *field)
    {
        std::vector<std::size_t> out;
        if (!body.is_object() || !body.contains(field) || !body[field].is_array())
            return out;
        for (const auto &index : body[field])
            if (index.is_number_integer() && index.get<std::int64_t>() >= 0)
                out.push_back(std::size_t(index.get<std::int64_t>()));
        return out;
    }

    BatchResult classify(const HttpResponse &response, PreparedBatch prepared, const std::vector<Ids> &ids)
    {
        using Kind = BatchFailure::Kind;
        const int status = response.status;
        const bool events = m_amplitude.object == AmplitudeObject::Events;
        if (status == 0)
            return std::unexpected(noAnswer("Amplitude: " + response.transportError));
        const json body = parseBody(response.body);
        const std::string error = errorOf(body).empty() ? excerpt(response.body) : errorOf(body);
        if (status >= 200 && status < 300)
            return std::move(prepared.outcomes);
        if (status == 400 && error == "Invalid API key")
            return std::unexpected(batchFailure(Kind::Fatal, "Amplitude refused the API key (400 Invalid API key)"));
        if (status == 400 && events) {
            std::vector<std::string> reasons(prepared.sent.size());
            const auto name = [&](std::size_t index, const std::string &reason) {
                if (index >= reasons.size())
                    return false;
                reasons[index] += (reasons[index].empty() ? "" : "; ") + reason;
                return true;
            };
            bool named = false;
            for (const auto *map : {"events_with_invalid_fields", "events_with_missing_fields"}) {
                if (!body.is_object() || !body.contains(map) || !body[map].is_object())
                    continue;
                const bool invalid = std::string_view(map) == "events_with_invalid_fields";
                for (const auto &[field, indexes] : body[map].items()) {
                    std::string reason = invalid ? "Amplitude: invalid value for '" + field + "' (" + error + ")"
                                                 : "Amplitude: missing field '" + field + "' (" + error + ")";
                    if (invalid && field == "time")
                        reason += "; a mapping error: Amplitude wants 'time' as milliseconds since the epoch (a "
                                  "number), not text";
                    for (const auto &index : indexes)
                        if (index.is_number_integer())
                            named |= name(std::size_t(index.get<std::int64_t>()), reason);
                }
            }
            for (const auto index : indexList(body, "silenced_events"))
                named |= name(index, "Amplitude: " + error + " (the device sent too many events and is silenced)");
            if (!named && !body.contains("throttled_events"))
                return std::unexpected(
                    batchFailure(Kind::RejectedWhole, "Amplitude refused the batch (400): " + error));
            const std::string throttled = hold(body, m_amplitude.eventHold);
            // Nothing of a 400 was ingested: the events not named go again.
            for (std::size_t i = 0; i < prepared.sent.size(); ++i)
                prepared.outcomes[prepared.sent[i]]
                    = reasons[i].empty()
                        ? RecordOutcome{Outcome::Retryable, "not ingested: Amplitude refused other events of the "
                                                            "request"
                                                                + (throttled.empty() ? "" : "; throttled " + throttled)}
                        : RecordOutcome{Outcome::Rejected, reasons[i]};
            return std::move(prepared.outcomes);
        }
        if (status == 400)
            return std::unexpected(
                batchFailure(Kind::RejectedWhole, "Amplitude refused the identifications (400): " + error));
        if (status == 401)
            return std::unexpected(batchFailure(Kind::Fatal, "Amplitude refused the API key (401): " + error));
        if (status == 403)
            return std::unexpected(batchFailure(Kind::Fatal, "Amplitude's firewall refused the request (403 " + error
                                                                 + "): suspicious content or a sanctioned region"));
        if (status == 404)
            return std::unexpected(batchFailure(Kind::Fatal, "no Amplitude API at this base URL (404)"));
        if (status == 413 || status == 414)
            return std::unexpected(batchFailure(Kind::RejectedWhole, "Amplitude refused the batch as too large ("
                                                                         + std::to_string(status) + " " + error + ")"));
        if (status == 429) {
            const auto pause = events ? m_amplitude.eventHold : m_amplitude.identifyHold;
            const std::string throttled = hold(body, pause);
            if (throttled.empty())
                return std::unexpected(batchFailure(Kind::Retryable, "Amplitude throttled the request (429): " + error,
                                                    laterOf(response.retryAfter(), pause)));
            // Whether the other events were ingested is not stated: all are
            // resent, with the same insert_ids; the throttled ones after the pause.
            std::lock_guard lock(m_holdMutex);
            const auto now = Clock::now();
            for (std::size_t i = 0; i < prepared.sent.size(); ++i) {
                const bool held = heldUntil(ids[prepared.sent[i]], now).has_value();
                prepared.outcomes[prepared.sent[i]]
                    = {Outcome::Retryable, held ? "Amplitude throttled " + throttled + "; held "
                                                      + std::to_string(pause.count() / 1000) + " s, then resent"
                                                : "resent: Amplitude throttled other users of the request (429)"};
            }
            return std::move(prepared.outcomes);
        }
        if (status >= 500)
            return std::unexpected(batchFailure(Kind::Retryable,
                                                "Amplitude failed (HTTP " + std::to_string(status) + "): " + error,
                                                response.retryAfter()));
        return std::unexpected(
            batchFailure(Kind::Fatal, "Amplitude refused the request (HTTP " + std::to_string(status) + "): " + error));
    }

    AmplitudeSettings m_amplitude;
    mutable std::mutex m_holdMutex;
    std::map<std::string, Clock::time_point> m_holds; // "user:ID" / "device:ID" -> end of the pause
};

} // namespace

ConnectorEntry amplitudeConnector()
{
    using T = SettingType;
    CommonDefaults d;
    d.baseUrl = "https://api2.amplitude.com";
    d.baseUrlHelp = "https://api2.amplitude.com, or https://api.eu.amplitude.com for the EU data center.";
    d.batchSize = 1000;
    d.maxBatchSize = kMaxEvents;
    d.concurrency = 2;
    d.requestsPerSecond = 100;
    d.rateHelp = "The Starter plan allows 100 batches per second; each user or device about 30 events per second.";
    KindSpec spec{"amplitude", "Amplitude", {}};
    spec.settings = {
        {"apiKey",
         T::String,
         true,
         true,
         {},
         {},
         "API key",
         "The project's API key, as a reference such as "
         "${env:AMPLITUDE_API_KEY}."},
        {"object",
         T::Choice,
         false,
         false,
         "events",
         {"events", "identify"},
         "Object",
         "events: each row is an event (HTTP V2 API); identify: each row sets user properties (Identify API)."},
        {"eventType", T::String, false, false, {}, {}, "Event type", "When no field is mapped to 'event_type'."},
        {"minIdLength",
         T::Integer,
         false,
         false,
         {},
         {},
         "Minimum id length",
         "Amplitude drops user and device ids shorter than this (options.min_id_length; Amplitude's default 5). "
         "Shorter ids are rejected before sending."},
    };
    for (auto &s : commonSettingSpecs(d))
        spec.settings.push_back(std::move(s));
    return {spec, [](const json &s, const DestinationContext &) -> Result<std::unique_ptr<Destination>> {
                auto common = readCommonSettings("amplitude", "Amplitude", s);
                if (!common)
                    return std::unexpected(common.error());
                AmplitudeSettings a;
                a.common = std::move(*common);
                a.object = stringSetting(s, "object", "events") == "identify" ? AmplitudeObject::Identify
                                                                              : AmplitudeObject::Events;
                a.apiKey = stringSetting(s, "apiKey");
                if (a.apiKey.empty())
                    return invalidInput("amplitude.no_key", "the API key is empty", "settings.apiKey");
                a.eventType = stringSetting(s, "eventType");
                if (s.contains("minIdLength") && !s["minIdLength"].is_null())
                    a.minIdLength = std::max(1, integerSetting(s, "minIdLength", kAmplitudeDefaultMinIdLength));
                return std::make_unique<AmplitudeDestination>(std::move(a));
            }};
}

} // namespace sluice::saas

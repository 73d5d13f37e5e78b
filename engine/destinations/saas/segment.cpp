// Segment HTTP Tracking API: POST {baseUrl}/batch with {"batch": [items]},
// one identify or track item per record.
//
// Segment answers 200 for almost everything, including items it drops later
// (no userId/anonymousId, a track without "event", items past 2,500), so
// items are validated here and such records rejected before sending. Limits:
// 2,500 items and 500 KB per request, 32 KB per item (larger records are
// rejected locally; a larger body is never sent: the executor halves the
// batch). "messageId" is derived from the sync, the record's key and its
// payload hash, Segment's dedupe key. 400 (oversize or invalid JSON) refuses
// the batch as a whole; 401/403/404 are fatal; 429 waits for the later of
// Retry-After and X-RateLimit-Reset; 5xx is retried.

#include "destinations/saas/segment.h"

#include "destinations/saas/engagementcommon.h"

namespace sluice::saas {

using nlohmann::json;

namespace {

constexpr int kMaxItems = 2500;
constexpr std::size_t kMaxBytes = 500 * 1000;    // "500 KB", read conservatively
constexpr std::size_t kMaxItemBytes = 32 * 1000; // "32 KB", read conservatively
constexpr std::size_t kMaxMessageId = 99;        // "< 100 characters"

enum class SegmentObject { Identify, Track };

struct SegmentSettings {
    CommonSettings common;
    SegmentObject object = SegmentObject::Identify;
    std::string writeKey;
    std::string eventName;
};

std::vector<DestinationObject> segmentObjects(const std::vector<CustomField> &custom)
{
    const auto common = [] {
        return std::vector<ObjectField>{
            standardField("userId", ValueType::Text, "User id (this or anonymousId is required)", "", false, true),
            standardField("anonymousId", ValueType::Text, "Anonymous id (this or userId is required)", "", false, true),
            standardField("messageId", ValueType::Text,
                          "Deduplication id (derived from the sync, key and payload when not mapped)", "", false, true),
            standardField("timestamp", ValueType::Text, "When it happened (ISO 8601)", "datetime"),
            standardField("context.ip", ValueType::Text, "Context: IP address"),
            standardField("context.locale", ValueType::Text, "Context: locale"),
        };
    };
    DestinationObject identify{"identify", "Identify (user traits)", common()};
    for (auto f : {
             standardField("email", ValueType::Text, "Email", "email"),
             standardField("name", ValueType::Text, "Full name"),
             standardField("firstName", ValueType::Text, "First name"),
             standardField("lastName", ValueType::Text, "Last name"),
             standardField("phone", ValueType::Text, "Phone", "phone"),
             standardField("createdAt", ValueType::Text, "Created", "datetime"),
         })
        identify.fields.push_back(f);
    addCustomFields(identify, custom);

    DestinationObject track{"track", "Track (events)", common()};
    for (auto f : {
             standardField("event", ValueType::Text, "Event name (or the eventName setting)", "", true),
             standardField("revenue", ValueType::Real, "Revenue"),
             standardField("currency", ValueType::Text, "Currency"),
             standardField("value", ValueType::Real, "Value"),
         })
        track.fields.push_back(f);
    addCustomFields(track, custom);
    return {identify, track};
}

class SegmentDestination final : public EngagementDestination {
public:
    explicit SegmentDestination(SegmentSettings settings)
        : EngagementDestination(settings.common), m_segment(std::move(settings))
    {
        addSecret(m_segment.writeKey);
        addSecret(base64(m_segment.writeKey + ":"));
    }

    std::vector<SyncMode> supportedModes() const override { return {SyncMode::Upsert, SyncMode::Insert}; }

    Result<std::vector<DestinationObject>> describe() override { return segmentObjects(m_settings.customFields); }

    Result<std::string> testConnection() override
    {
        HttpRequest request;
        request.url = endpoint("/batch");
        request.headers = headers();
        request.body = "{\"batch\":[]}";
        const HttpResponse response = send(0, request);
        if (response.status == 0)
            return failed("segment.unreachable", response.transportError, m_settings.baseUrl);
        if (response.status == 401 || response.status == 403)
            return failed("segment.auth",
                          "Segment refused the write key (HTTP " + std::to_string(response.status) + ")",
                          "settings.writeKey");
        if (response.status == 404)
            return failed("segment.not_found", "no tracking API at this base URL (404)", "settings.baseUrl");
        if (response.status >= 300)
            return failed("segment.unavailable",
                          "Segment answered HTTP " + std::to_string(response.status) + ": " + excerpt(response.body),
                          m_settings.baseUrl);
        return "Segment accepted an empty batch at " + m_settings.baseUrl
             + " (nothing was written; Segment may accept an unknown write key and drop its data later, so the key "
               "itself could not be verified)";
    }

    BatchResult write(int batchNumber, std::span<const Record> batch) override
    {
        PreparedBatch prepared = prepare(batch, [this](const Record &r, ojson &item) { return build(r, item); });
        if (prepared.empty())
            return prepared.outcomes;
        HttpRequest request;
        request.url = endpoint("/batch");
        request.headers = headers();
        request.body = prepared.join("{\"batch\":[", "]}");
        if (auto tooLarge = oversize(request.body.size(), prepared.items.size()))
            return std::unexpected(*tooLarge);
        const HttpResponse response = send(batchNumber, request);
        return classify(response, std::move(prepared));
    }

protected:
    int serviceMaxRecords() const override { return kMaxItems; }
    std::size_t serviceMaxBytes() const override { return kMaxBytes; }
    std::size_t serviceMaxItemBytes() const override { return kMaxItemBytes; }
    std::size_t itemOverhead() const override { return 150; }

    Result<> checkMapping() override
    {
        if (auto ok = requireMapped({"userId", "anonymousId"}, "a userId or anonymousId"); !ok)
            return ok;
        if (m_segment.object == SegmentObject::Track && !mapped("event") && m_segment.eventName.empty())
            return invalidInput("segment.mapping",
                                "track calls need an event name: map a field named 'event' or set eventName",
                                "mapping");
        return {};
    }

private:
    HttpHeaders headers() const
    {
        return {{"Content-Type", "application/json"}, {"Authorization", "Basic " + base64(m_segment.writeKey + ":")}};
    }

    std::optional<std::string> build(const Record &record, ojson &item) const
    {
        const bool track = m_segment.object == SegmentObject::Track;
        item["type"] = track ? "track" : "identify";
        const auto userId = idText(valueOf(record, "userId"));
        const auto anonymousId = idText(valueOf(record, "anonymousId"));
        // Segment would answer 200 and drop these: refuse them here, visibly.
        if (!userId && !anonymousId)
            return std::string("both userId and anonymousId are empty; Segment drops such items");
        std::string messageId = dedupeId(m_run.syncName, record);
        if (auto mappedId = idText(valueOf(record, "messageId")))
            messageId = *mappedId;
        if (messageId.size() > kMaxMessageId)
            return "messageId is " + std::to_string(messageId.size()) + " characters; Segment accepts fewer than 100";
        item["messageId"] = messageId;
        if (userId)
            item["userId"] = *userId;
        if (anonymousId)
            item["anonymousId"] = *anonymousId;
        std::string event = m_segment.eventName;
        if (auto mappedEvent = idText(valueOf(record, "event")))
            event = *mappedEvent;
        if (track) {
            if (event.empty())
                return std::string("field 'event' is empty; Segment drops track calls without an event");
            item["event"] = event;
        }
        ojson bag = ojson::object();
        ojson context = ojson::object();
        ojson integrations = ojson::object();
        const std::string bagPrefix = track ? "properties." : "traits.";
        for (std::size_t i = 0; i < m_run.fields.size() && i < record.fields.size(); ++i) {
            const std::string &name = m_run.fields[i].name;
            const Value &value = record.fields[i];
            if (name == "userId" || name == "anonymousId" || name == "messageId" || (track && name == "event"))
                continue;
            if (name == "timestamp" && !customField(name)) {
                if (!value.isNull())
                    item["timestamp"] = isoDateTime(value);
                continue;
            }
            ojson converted;
            if (name == "createdAt" && !customField(name))
                converted = isoDateTime(value);
            else if (auto why = property(name, value, converted))
                return why;
            if (name.starts_with("context."))
                setPath(context, name.substr(8), std::move(converted));
            else if (name.starts_with("integrations."))
                integrations[name.substr(13)] = std::move(converted);
            else
                bag[name.starts_with(bagPrefix) ? name.substr(bagPrefix.size()) : name] = std::move(converted);
        }
        item[track ? "properties" : "traits"] = std::move(bag);
        if (!context.empty())
            item["context"] = std::move(context);
        if (!integrations.empty())
            item["integrations"] = std::move(integrations);
        return std::nullopt;
    }

    BatchResult classify(const HttpResponse &response, PreparedBatch prepared) const
    {
        using Kind = BatchFailure::Kind;
        const int status = response.status;
        if (status == 0)
            return std::unexpected(noAnswer("Segment: " + response.transportError));
        const json body = parseBody(response.body);
        std::string message = excerpt(response.body);
        if (body.is_object())
            for (const auto *key : {"error", "message"})
                if (body.contains(key) && body[key].is_string()) {
                    message = body[key].get<std::string>();
                    break;
                }
        if (status >= 200 && status < 300)
            return std::move(prepared.outcomes);
        if (status == 400 || status == 413)
            return std::unexpected(batchFailure(Kind::RejectedWhole, "Segment refused the batch (HTTP "
                                                                         + std::to_string(status) + "): " + message));
        if (status == 401 || status == 403)
            return std::unexpected(batchFailure(Kind::Fatal, "Segment refused the write key (HTTP "
                                                                 + std::to_string(status) + "): " + message));
        if (status == 404)
            return std::unexpected(batchFailure(Kind::Fatal, "no Segment tracking API at this base URL (404)"));
        if (status == 429) {
            // X-RateLimit-Reset: seconds to wait, or (a large number) an epoch in seconds.
            std::optional<std::chrono::milliseconds> reset;
            if (const auto header = response.header("X-RateLimit-Reset")) {
                const bool epoch = header->size() >= 10;
                reset = epoch ? untilEpochSeconds(header) : parseRetryAfter(*header);
            }
            return std::unexpected(batchFailure(Kind::Retryable, "Segment rate limit reached (429)",
                                                laterOf(response.retryAfter(), reset)));
        }
        if (status >= 500)
            return std::unexpected(batchFailure(Kind::Retryable,
                                                "Segment failed (HTTP " + std::to_string(status) + "): " + message,
                                                response.retryAfter()));
        return std::unexpected(
            batchFailure(Kind::Fatal, "Segment refused the request (HTTP " + std::to_string(status) + "): " + message));
    }

    SegmentSettings m_segment;
};

} // namespace

ConnectorEntry segmentConnector()
{
    using T = SettingType;
    CommonDefaults d;
    d.baseUrl = "https://api.segment.io/v1";
    d.baseUrlHelp = "https://api.segment.io/v1, or https://events.eu1.segmentapis.com/v1 for EU workspaces.";
    d.batchSize = 500;
    d.maxBatchSize = kMaxItems;
    d.concurrency = 4;
    d.requestsPerSecond = 1000;
    d.rateHelp = "Segment accepts about 1,000 requests per second per workspace.";
    KindSpec spec{"segment", "Segment", {}};
    spec.settings = {
        {"writeKey",
         T::String,
         true,
         true,
         {},
         {},
         "Write key",
         "The source's write key, as a reference such as ${env:SEGMENT_WRITE_KEY}."},
        {"object",
         T::Choice,
         false,
         false,
         "identify",
         {"identify", "track"},
         "Call",
         "identify: each row sets a user's traits; track: each row is an event."},
        {"eventName", T::String, false, false, {}, {}, "Event name", "For track, when no field is mapped to 'event'."},
    };
    for (auto &s : commonSettingSpecs(d))
        spec.settings.push_back(std::move(s));
    return {spec, [](const json &s, const DestinationContext &) -> Result<std::unique_ptr<Destination>> {
                auto common = readCommonSettings("segment", "Segment", s);
                if (!common)
                    return std::unexpected(common.error());
                SegmentSettings g;
                g.common = std::move(*common);
                g.object = stringSetting(s, "object", "identify") == "track" ? SegmentObject::Track
                                                                             : SegmentObject::Identify;
                g.writeKey = stringSetting(s, "writeKey");
                if (g.writeKey.empty())
                    return invalidInput("segment.no_key", "the write key is empty", "settings.writeKey");
                g.eventName = stringSetting(s, "eventName");
                return std::make_unique<SegmentDestination>(std::move(g));
            }};
}

} // namespace sluice::saas

// Braze /users/track: one record becomes one object of the "attributes",
// "events" or "purchases" array, chosen by the `object` setting.
//
// Requests carry at most 75 objects (the current contract's combined limit;
// lower batchSize to 50 for "Monthly Active Users CY 24-25" contracts).
// Answers (201/200 success, 202 queued = accepted): objects named in
// "errors" by input_array and index are rejected with Braze's reason, the
// others delivered. 400 "Max Input Length Exceeded" and other 400s naming no
// object refuse the batch as a whole (split); 401/403/404 are fatal; 429 waits
// for the later of X-RateLimit-Reset (epoch seconds) and Retry-After; 5xx
// is retried with back-off. Events and purchases are not deduplicated by
// Braze: the executor resends only what was not acknowledged.

#include "destinations/saas/braze.h"

#include "destinations/saas/engagementcommon.h"

#include <algorithm>

namespace sluice::saas {

using nlohmann::json;

namespace {

constexpr int kMaxObjects = 75;

enum class BrazeObject { Attributes, Events, Purchases };

struct BrazeSettings {
    CommonSettings common;
    std::string apiKey;
    BrazeObject object = BrazeObject::Attributes;
    std::string eventName;
    bool createAliasProfiles = true;
};

const char *arrayName(BrazeObject object)
{
    switch (object) {
    case BrazeObject::Attributes: return "attributes";
    case BrazeObject::Events: return "events";
    case BrazeObject::Purchases: return "purchases";
    }
    return "attributes";
}

// Fields that identify the user of an object; every object needs one.
constexpr std::string_view kIdentifiers[]
    = {"external_id", "user_alias.alias_name", "user_alias.alias_label", "braze_id", "email", "phone"};

bool isIdentifier(std::string_view name)
{
    return std::find(std::begin(kIdentifiers), std::end(kIdentifiers), name) != std::end(kIdentifiers);
}

std::vector<ObjectField> identifierFields()
{
    return {
        standardField("external_id", ValueType::Text, "External user id (creates the profile when missing)", "", false,
                      true),
        standardField("user_alias.alias_name", ValueType::Text, "User alias: name", "", false, true),
        standardField("user_alias.alias_label", ValueType::Text, "User alias: label", "", false, true),
        standardField("braze_id", ValueType::Text, "Braze user id", "", false, true),
        standardField("email", ValueType::Text, "Email (identifies when no id is given)", "email", false, true),
        standardField("phone", ValueType::Text, "Phone (E.164)", "phone", false, true),
    };
}

std::vector<DestinationObject> brazeObjects(const std::vector<CustomField> &custom)
{
    DestinationObject attributes{"attributes", "User attributes (users/track attributes)", identifierFields()};
    for (auto f : {
             standardField("first_name", ValueType::Text, "First name"),
             standardField("last_name", ValueType::Text, "Last name"),
             standardField("country", ValueType::Text, "Country (ISO 3166-1 alpha-2)"),
             standardField("city", ValueType::Text, "City"),
             standardField("home_city", ValueType::Text, "Home city"),
             standardField("language", ValueType::Text, "Language (ISO 639-1)"),
             standardField("gender", ValueType::Text, "Gender", "enum", false, false, {"M", "F", "O", "N", "P"}),
             standardField("dob", ValueType::Text, "Date of birth", "date"),
             standardField("time_zone", ValueType::Text, "Time zone (IANA name)"),
             standardField("email_subscribe", ValueType::Text, "Email subscription", "enum", false, false,
                           {"opted_in", "unsubscribed", "subscribed"}),
             standardField("push_subscribe", ValueType::Text, "Push subscription", "enum", false, false,
                           {"opted_in", "unsubscribed", "subscribed"}),
         })
        attributes.fields.push_back(f);
    addCustomFields(attributes, custom);

    DestinationObject events{"events", "Custom events (users/track events)", identifierFields()};
    events.fields.push_back(standardField("name", ValueType::Text, "Event name (or the eventName setting)", "", true));
    events.fields.push_back(standardField("time", ValueType::Text, "When it happened (ISO 8601)", "datetime", true));
    events.fields.push_back(standardField("app_id", ValueType::Text, "App id"));
    addCustomFields(events, custom);

    DestinationObject purchases{"purchases", "Purchases (users/track purchases)", identifierFields()};
    for (auto f : {
             standardField("product_id", ValueType::Text, "Product id", "", true),
             standardField("currency", ValueType::Text, "Currency (ISO 4217)", "", true),
             standardField("price", ValueType::Real, "Price", "", true),
             standardField("quantity", ValueType::Integer, "Quantity (1 when not mapped)"),
             standardField("time", ValueType::Text, "When it happened (ISO 8601)", "datetime", true),
             standardField("app_id", ValueType::Text, "App id"),
         })
        purchases.fields.push_back(f);
    addCustomFields(purchases, custom);
    return {attributes, events, purchases};
}

// A number for a numeric standard field when the value reads as one;
// anything else goes as it is, for Braze to judge.
ojson numberOr(const Value &value)
{
    ojson out;
    if (!convertCustom(value, CustomType::Number, out))
        return out;
    return jsonOf(value);
}

ojson integerOr(const Value &value)
{
    ojson out;
    if (!convertCustom(value, CustomType::Integer, out))
        return out;
    return jsonOf(value);
}

class BrazeDestination final : public EngagementDestination {
public:
    explicit BrazeDestination(BrazeSettings settings)
        : EngagementDestination(settings.common), m_braze(std::move(settings))
    {
        addSecret(m_braze.apiKey);
    }

    std::vector<SyncMode> supportedModes() const override
    {
        // Attributes: Update mode sends "_update_existing_only": true, so no
        // profile is created. Events and purchases are occurrences: new and
        // changed rows each send one.
        if (m_braze.object == BrazeObject::Attributes)
            return {SyncMode::Upsert, SyncMode::Insert, SyncMode::Update};
        return {SyncMode::Upsert, SyncMode::Insert};
    }

    Result<std::vector<DestinationObject>> describe() override { return brazeObjects(m_settings.customFields); }

    Result<std::string> testConnection() override
    {
        // An empty /users/track request writes nothing: Braze checks the key
        // (401/403/404), then answers 400 for the missing data.
        HttpRequest request;
        request.url = endpoint("/users/track");
        request.headers = headers();
        request.body = "{}";
        const HttpResponse response = send(0, request);
        if (response.status == 0)
            return failed("braze.unreachable", response.transportError, m_settings.baseUrl);
        if (response.status == 401 || response.status == 404)
            return failed("braze.auth", "Braze refused the REST API key (HTTP " + std::to_string(response.status) + ")",
                          "settings.apiKey");
        if (response.status == 403)
            return failed("braze.forbidden", "Braze refused access (403): the key needs the users.track permission",
                          "settings.apiKey");
        if (response.status >= 500 || response.status == 429)
            return failed("braze.unavailable",
                          "Braze answered HTTP " + std::to_string(response.status) + ": " + excerpt(response.body),
                          m_settings.baseUrl);
        return "Braze accepted the REST API key for /users/track at " + m_settings.baseUrl
             + " (an empty request: nothing was written)";
    }

    BatchResult write(int batchNumber, std::span<const Record> batch) override
    {
        PreparedBatch prepared = prepare(batch, [this](const Record &r, ojson &item) { return build(r, item); });
        if (prepared.empty())
            return prepared.outcomes;
        HttpRequest request;
        request.url = endpoint("/users/track");
        request.headers = headers();
        request.body = prepared.join("{\"" + std::string(arrayName(m_braze.object)) + "\":[", "]}");
        const HttpResponse response = send(batchNumber, request);
        return classify(response, std::move(prepared));
    }

protected:
    int serviceMaxRecords() const override { return kMaxObjects; }
    std::size_t serviceMaxBytes() const override { return 0; } // not documented for /users/track
    std::size_t serviceMaxItemBytes() const override { return 0; }

    Result<> checkMapping() override
    {
        if (auto ok = requireMapped({"external_id", "user_alias.alias_name", "braze_id", "email", "phone"},
                                    "a user identifier");
            !ok)
            return ok;
        if (mapped("user_alias.alias_name") != mapped("user_alias.alias_label"))
            return invalidInput("braze.mapping",
                                "a user alias needs both 'user_alias.alias_name' and 'user_alias.alias_label'",
                                "mapping");
        if (m_braze.object == BrazeObject::Events) {
            if (!mapped("name") && m_braze.eventName.empty())
                return invalidInput("braze.mapping",
                                    "Braze events need a name: map a field named 'name' or set eventName", "mapping");
            if (auto ok = requireMapped({"time"}, "the time of each event"); !ok)
                return ok;
        }
        if (m_braze.object == BrazeObject::Purchases) {
            for (const auto *field : {"product_id", "currency", "price", "time"})
                if (auto ok = requireMapped({field}, std::string("the purchase's ") + field); !ok)
                    return ok;
        }
        return {};
    }

private:
    HttpHeaders headers() const
    {
        return {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + m_braze.apiKey}};
    }

    std::optional<std::string> build(const Record &record, ojson &item) const
    {
        // Identifiers first, as Braze's examples show them.
        bool hasId = false;
        if (auto id = idText(valueOf(record, "external_id"))) {
            item["external_id"] = *id;
            hasId = true;
        }
        const auto aliasName = idText(valueOf(record, "user_alias.alias_name"));
        const auto aliasLabel = idText(valueOf(record, "user_alias.alias_label"));
        const bool hasAlias = aliasName && aliasLabel;
        if (hasAlias)
            item["user_alias"] = ojson{{"alias_name", *aliasName}, {"alias_label", *aliasLabel}};
        if (auto id = idText(valueOf(record, "braze_id"))) {
            item["braze_id"] = *id;
            hasId = true;
        }
        for (const auto *name : {"email", "phone"})
            if (auto id = idText(valueOf(record, name)))
                item[name] = *id;
        if (m_braze.object == BrazeObject::Attributes) {
            if (m_run.mode == SyncMode::Update || record.op == RecordOp::Update)
                item["_update_existing_only"] = true;
            else if (hasAlias && !hasId && m_braze.createAliasProfiles)
                item["_update_existing_only"] = false; // an alias-only profile is created only when asked
        }

        ojson properties = ojson::object();
        for (std::size_t i = 0; i < m_run.fields.size() && i < record.fields.size(); ++i) {
            const std::string &name = m_run.fields[i].name;
            const Value &value = record.fields[i];
            if (isIdentifier(name))
                continue;
            if (m_braze.object == BrazeObject::Attributes) {
                ojson converted;
                if (name == "dob" && !customField(name)) {
                    if (auto why = convertCustom(value, CustomType::Date, converted); why && !value.isNull())
                        return "field 'dob': " + *why;
                } else if (auto why = property(name, value, converted)) {
                    return why;
                }
                item[name] = std::move(converted); // null removes the attribute
                continue;
            }
            if (name == "time") {
                if (value.isNull())
                    return std::string("field 'time' is empty; Braze needs the time of each ")
                         + (m_braze.object == BrazeObject::Events ? "event" : "purchase");
                item["time"] = isoDateTime(value);
                continue;
            }
            if (name == "app_id") {
                item["app_id"] = jsonOf(value);
                continue;
            }
            if (m_braze.object == BrazeObject::Events && name == "name") {
                item["name"] = jsonOf(value);
                continue;
            }
            if (m_braze.object == BrazeObject::Purchases) {
                if (name == "product_id" || name == "currency") {
                    item[name] = jsonOf(value);
                    continue;
                }
                if (name == "price") {
                    item["price"] = numberOr(value);
                    continue;
                }
                if (name == "quantity") {
                    item["quantity"] = integerOr(value);
                    continue;
                }
            }
            ojson converted;
            if (auto why = property(name, value, converted))
                return why;
            properties[name] = std::move(converted);
        }
        if (m_braze.object == BrazeObject::Events && !item.contains("name"))
            item["name"] = m_braze.eventName;
        if (m_braze.object == BrazeObject::Purchases && !item.contains("quantity"))
            item["quantity"] = 1;
        if (m_braze.object != BrazeObject::Attributes && !properties.empty())
            item["properties"] = std::move(properties);
        return std::nullopt;
    }

    BatchResult classify(const HttpResponse &response, PreparedBatch prepared) const
    {
        using Kind = BatchFailure::Kind;
        const int status = response.status;
        if (status == 0)
            return std::unexpected(noAnswer("Braze: " + response.transportError));
        const json body = parseBody(response.body);
        const std::string message = body.is_object() && body.contains("message") && body["message"].is_string()
                                      ? body["message"].get<std::string>()
                                      : excerpt(response.body);
        if (status >= 200 && status < 300) {
            // 202 {"message":"queued"}: accepted during maintenance, processed later.
            applyObjectErrors(body, prepared, Outcome::Delivered);
            return std::move(prepared.outcomes);
        }
        if (status == 400) {
            if (message.find("Max Input Length Exceeded") != std::string::npos)
                return std::unexpected(batchFailure(
                    Kind::RejectedWhole, "Braze refused the batch: Max Input Length Exceeded (too many objects)"));
            if (applyObjectErrors(body, prepared, Outcome::Retryable))
                return std::move(prepared.outcomes);
            return std::unexpected(batchFailure(Kind::RejectedWhole, "Braze refused the batch (400): " + message));
        }
        if (status == 401)
            return std::unexpected(batchFailure(Kind::Fatal, "Braze refused the REST API key (401): " + message));
        if (status == 403)
            return std::unexpected(batchFailure(
                Kind::Fatal, "Braze refused access (403): " + message
                                 + " (the key needs the users.track permission and the plan must allow it)"));
        if (status == 404)
            return std::unexpected(
                batchFailure(Kind::Fatal, "Braze does not know this REST API key or endpoint (404): " + message));
        if (status == 413)
            return std::unexpected(batchFailure(Kind::RejectedWhole, "Braze refused the batch as too large (413)"));
        if (status == 429) {
            const auto wait = laterOf(untilEpochSeconds(response.header("X-RateLimit-Reset")), response.retryAfter());
            return std::unexpected(batchFailure(Kind::Retryable, "Braze rate limit reached (429)", wait));
        }
        if (status >= 500)
            return std::unexpected(batchFailure(Kind::Retryable,
                                                "Braze failed (HTTP " + std::to_string(status) + "): " + message,
                                                response.retryAfter()));
        return std::unexpected(
            batchFailure(Kind::Fatal, "Braze refused the request (HTTP " + std::to_string(status) + "): " + message));
    }

    // Marks the objects named in "errors" (by input_array and index) as
    // rejected with Braze's reason, the others as `others`. False when the
    // answer names no object of this request.
    bool applyObjectErrors(const json &body, PreparedBatch &prepared, Outcome others) const
    {
        std::vector<std::string> reasons(prepared.sent.size());
        bool named = false;
        if (body.is_object() && body.contains("errors") && body["errors"].is_array()) {
            for (const auto &error : body["errors"]) {
                if (!error.is_object() || error.value("input_array", "") != arrayName(m_braze.object))
                    continue;
                const auto index = error.find("index");
                if (index == error.end() || !index->is_number_integer())
                    continue;
                const auto position = index->get<std::int64_t>();
                if (position < 0 || std::size_t(position) >= prepared.sent.size())
                    continue;
                std::string type = error.contains("type") && error["type"].is_string()
                                     ? error["type"].get<std::string>()
                                     : error.dump();
                auto &reason = reasons[std::size_t(position)];
                reason += (reason.empty() ? "Braze: " : "; ") + type;
                named = true;
            }
        }
        for (std::size_t i = 0; i < prepared.sent.size(); ++i) {
            RecordOutcome &outcome = prepared.outcomes[prepared.sent[i]];
            if (!reasons[i].empty())
                outcome = {Outcome::Rejected, reasons[i]};
            else
                outcome = {others, others == Outcome::Retryable ? "not processed: Braze refused other objects of the "
                                                                  "request"
                                                                : ""};
        }
        return named;
    }

    BrazeSettings m_braze;
};

} // namespace

ConnectorEntry brazeConnector()
{
    using T = SettingType;
    CommonDefaults d;
    d.baseUrl = "https://rest.iad-01.braze.com";
    d.baseUrlHelp = "Your instance's REST endpoint (https://rest.iad-01.braze.com, https://rest.fra-01.braze.eu, ...).";
    d.batchSize = kMaxObjects;
    d.maxBatchSize = kMaxObjects;
    d.concurrency = 4;
    d.requestsPerSecond = 1000;
    d.rateHelp = "Braze allows 3,000 requests per 3 seconds per workspace by default.";
    KindSpec spec{"braze", "Braze", {}};
    spec.settings = {
        {"apiKey",
         T::String,
         true,
         true,
         {},
         {},
         "REST API key",
         "A key with the users.track permission, as a reference such as ${env:BRAZE_API_KEY}."},
        {"object",
         T::Choice,
         false,
         false,
         "attributes",
         {"attributes", "events", "purchases"},
         "Object",
         "What each row becomes: user attributes, a custom event or a purchase."},
        {"eventName", T::String, false, false, {}, {}, "Event name", "For events, when no field is mapped to 'name'."},
        {"createAliasProfiles",
         T::Boolean,
         false,
         false,
         true,
         {},
         "Create alias-only profiles",
         "Rows identified only by a user alias create the profile (\"_update_existing_only\": false)."},
    };
    for (auto &s : commonSettingSpecs(d))
        spec.settings.push_back(std::move(s));
    return {spec, [](const json &s, const DestinationContext &) -> Result<std::unique_ptr<Destination>> {
                auto common = readCommonSettings("braze", "Braze", s);
                if (!common)
                    return std::unexpected(common.error());
                BrazeSettings b;
                b.common = std::move(*common);
                b.apiKey = stringSetting(s, "apiKey");
                if (b.apiKey.empty())
                    return invalidInput("braze.no_key", "the REST API key is empty", "settings.apiKey");
                const std::string object = stringSetting(s, "object", "attributes");
                b.object = object == "events"    ? BrazeObject::Events
                         : object == "purchases" ? BrazeObject::Purchases
                                                 : BrazeObject::Attributes;
                b.eventName = stringSetting(s, "eventName");
                b.createAliasProfiles = booleanSetting(s, "createAliasProfiles", true);
                return std::make_unique<BrazeDestination>(std::move(b));
            }};
}

} // namespace sluice::saas

// Amplitude's field catalogue and the checks of single values (internal to
// amplitude.cpp): the documented top-level keys of events and identifications,
// event times in milliseconds, and the ids Amplitude refuses or drops.

#include "destinations/saas/amplitudefields.h"

#include "destinations/saas/connectortext.h"
#include "destinations/saas/engagementcommon.h"

#include <algorithm>
#include <set>

namespace sluice::saas {

namespace {

// Top-level event keys of the HTTP V2 API besides the ids, type, time and property maps.
constexpr std::string_view kEventKeys[]
    = {"app_version",  "platform",     "os_name",   "os_version", "device_brand", "device_manufacturer",
       "device_model", "carrier",      "country",   "region",     "city",         "dma",
       "language",     "price",        "quantity",  "revenue",    "productId",    "revenueType",
       "location_lat", "location_lng", "ip",        "idfa",       "idfv",         "adid",
       "android_id",   "event_id",     "session_id"};
constexpr std::string_view kIdentifyKeys[]
    = {"app_version",  "platform", "os_name",      "os_version", "device_brand", "device_manufacturer",
       "device_model", "carrier",  "country",      "region",     "city",         "dma",
       "language",     "paying",   "start_version"};

template <std::size_t N> bool among(const std::string_view (&keys)[N], std::string_view name)
{
    return std::find(std::begin(keys), std::end(keys), name) != std::end(keys);
}

} // namespace

bool isEventKey(std::string_view name)
{
    return among(kEventKeys, name);
}
bool isIdentifyKey(std::string_view name)
{
    return among(kIdentifyKeys, name);
}

namespace {

ValueType eventKeyType(std::string_view key)
{
    if (key == "price" || key == "revenue" || key == "location_lat" || key == "location_lng")
        return ValueType::Real;
    if (key == "quantity" || key == "event_id" || key == "session_id")
        return ValueType::Integer;
    return ValueType::Text;
}

} // namespace

std::vector<DestinationObject> amplitudeObjects(const std::vector<CustomField> &custom)
{
    DestinationObject events{"events", "Events (HTTP V2 API)", {}};
    events.fields = {
        standardField("user_id", ValueType::Text, "User id (this or device_id is required)", "", false, true),
        standardField("device_id", ValueType::Text, "Device id (this or user_id is required)", "", false, true),
        standardField("event_type", ValueType::Text, "Event type (or the eventType setting)", "", true),
        standardField("time", ValueType::Integer, "When it happened: milliseconds since the epoch", "datetime"),
        standardField("insert_id", ValueType::Text,
                      "Deduplication id (derived from the sync, key and payload when not mapped)", "", false, true),
    };
    for (const auto key : kEventKeys)
        events.fields.push_back(standardField(std::string(key), eventKeyType(key), std::string(key)));
    addCustomFields(events, custom);

    DestinationObject identify{"identify", "User properties (Identify API)", {}};
    identify.fields = {
        standardField("user_id", ValueType::Text, "User id (this or device_id is required)", "", false, true),
        standardField("device_id", ValueType::Text, "Device id (this or user_id is required)", "", false, true),
    };
    for (const auto key : kIdentifyKeys)
        identify.fields.push_back(
            standardField(std::string(key), key == "paying" ? ValueType::Boolean : ValueType::Text, std::string(key)));
    addCustomFields(identify, custom);
    return {events, identify};
}

// "time" in milliseconds: numbers (and digits) in seconds or milliseconds
// are converted; other text is left for Amplitude to refuse.
ojson eventTime(const Value &value)
{
    if (value.type() == ValueType::Integer || value.type() == ValueType::Real)
        if (const auto millis = epochMillisOf(value))
            return *millis;
    if (value.type() == ValueType::Text) {
        ojson digits;
        if (!convertCustom(value, CustomType::Integer, digits))
            if (const auto millis = epochMillisOf(value))
                return *millis;
    }
    return jsonOf(value);
}

// Why Amplitude would not take `id` as a user or device id, or nullopt. A
// listed placeholder fails the whole request (400); a short id is silently
// removed from the event. Either way the row must not count as delivered.
std::optional<std::string> idProblem(const char *field, const std::string &id, std::optional<int> minLength)
{
    static const std::set<std::string> refused
        = {"anonymous", "null", "none", "undefined", "unknown",
           "0",         "-1",   "nil",  "lmy47d",    "00000000-0000-0000-0000-000000000000"};
    if (refused.contains(lower(id)))
        return std::string(field) + " '" + id
             + "' is a placeholder Amplitude refuses (anonymous, null, none, undefined, unknown, 0, -1, nil, an "
               "all-zero UUID): map a real id";
    const int least = minLength.value_or(kAmplitudeDefaultMinIdLength);
    // Characters, not bytes: UTF-8 continuation bytes do not count.
    const auto characters = std::count_if(id.begin(), id.end(), [](char c) { return (c & 0xC0) != 0x80; });
    if (int(characters) < least)
        return std::string(field) + " '" + id + "' is shorter than " + std::to_string(least)
             + " characters: Amplitude would drop it" + (minLength ? "" : " (set minIdLength to accept shorter ids)");
    return std::nullopt;
}

} // namespace sluice::saas

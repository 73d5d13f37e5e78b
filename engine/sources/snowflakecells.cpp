// Snowflake's cells to Values: a result's rowType to columns and codecs,
// and each cell (a JSON string) decoded by its column's type.

#include "sources/snowflakeinternal.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

namespace sluice {

using nlohmann::json;

namespace snowflake {

std::string lower(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string upper(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// ---- values -------------------------------------------------------------

// Days since 1970-01-01 to a civil date (proleptic Gregorian).
void civilFromDays(std::int64_t z, std::int64_t &y, unsigned &m, unsigned &d)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

std::string formatDate(std::int64_t days)
{
    std::int64_t y = 0;
    unsigned m = 0, d = 0;
    civilFromDays(days, y, m, d);
    char text[32];
    std::snprintf(text, sizeof text, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
    return text;
}

// "1616173619.123456789" or "-1.5" to whole seconds and nanoseconds (0..999999999).
bool parseEpoch(std::string_view text, std::int64_t &seconds, std::int64_t &nanos)
{
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    const auto dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    if (whole.empty() || fraction.size() > 9)
        return false;
    std::int64_t s = 0;
    auto [p, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), s);
    if (ec != std::errc() || p != whole.data() + whole.size())
        return false;
    std::int64_t n = 0;
    for (char c : fraction) {
        if (c < '0' || c > '9')
            return false;
        n = n * 10 + (c - '0');
    }
    for (std::size_t i = fraction.size(); i < 9; ++i)
        n *= 10;
    if (negative) {
        s = -s;
        n = -n;
        if (n < 0) {
            s -= 1;
            n += 1'000'000'000;
        }
    }
    seconds = s;
    nanos = n;
    return true;
}

// ".123" for scale 3; nothing when the fraction is zero.
std::string fractionText(std::int64_t nanos, int scale)
{
    if (nanos == 0 || scale <= 0)
        return {};
    char digits[16];
    std::snprintf(digits, sizeof digits, "%09lld", static_cast<long long>(nanos));
    return "." + std::string(digits, std::size_t(std::min(scale, 9)));
}

std::string formatTimeOfDay(std::int64_t secondsOfDay)
{
    char text[64];
    std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld", static_cast<long long>(secondsOfDay / 3600),
                  static_cast<long long>(secondsOfDay / 60 % 60), static_cast<long long>(secondsOfDay % 60));
    return text;
}

std::string formatTimestamp(std::int64_t seconds, std::int64_t nanos, int scale)
{
    std::int64_t days = seconds / 86400;
    std::int64_t rest = seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        days -= 1;
    }
    return formatDate(days) + " " + formatTimeOfDay(rest) + fractionText(nanos, scale);
}

std::string formatOffset(std::int64_t minutes)
{
    const char sign = minutes < 0 ? '-' : '+';
    minutes = minutes < 0 ? -minutes : minutes;
    char text[8];
    std::snprintf(text, sizeof text, "%c%02lld:%02lld", sign, static_cast<long long>(minutes / 60),
                  static_cast<long long>(minutes % 60));
    return text;
}

// One cell (a JSON string) to a Value of the column's type. What does not
// parse as its type is kept as text rather than lost.
Value decodeCell(const std::string &text, const ColumnCodec &codec)
{
    const char *begin = text.data();
    const char *end = text.data() + text.size();
    switch (codec.type) {
    case SnowType::Fixed:
        if (codec.scale == 0) {
            std::int64_t v = 0;
            const auto [p, ec] = std::from_chars(begin, end, v);
            if (ec == std::errc() && p == end)
                return v;
            break;
        }
        [[fallthrough]];
    case SnowType::Real: {
        double v = 0;
        const auto [p, ec] = std::from_chars(begin, end, v);
        if (ec == std::errc() && p == end)
            return v;
        break;
    }
    case SnowType::Boolean:
        if (text == "true" || text == "1")
            return true;
        if (text == "false" || text == "0")
            return false;
        break;
    case SnowType::Date: {
        std::int64_t days = 0;
        const auto [p, ec] = std::from_chars(begin, end, days);
        if (ec == std::errc() && p == end)
            return formatDate(days);
        break;
    }
    case SnowType::Time: {
        std::int64_t s = 0, n = 0;
        if (parseEpoch(text, s, n) && s >= 0 && s < 86400)
            return formatTimeOfDay(s) + fractionText(n, codec.scale);
        break;
    }
    case SnowType::TimestampNtz:
    case SnowType::TimestampLtz: {
        std::int64_t s = 0, n = 0;
        if (parseEpoch(text, s, n))
            return formatTimestamp(s, n, codec.scale) + (codec.type == SnowType::TimestampLtz ? "+00:00" : "");
        break;
    }
    case SnowType::TimestampTz: {
        // "<epoch seconds> <offset>", the offset in minutes plus 1440.
        const auto space = text.find(' ');
        std::int64_t s = 0, n = 0, encoded = 0;
        if (space == std::string::npos || !parseEpoch(std::string_view(text).substr(0, space), s, n))
            break;
        const auto [p, ec] = std::from_chars(begin + space + 1, end, encoded);
        if (ec != std::errc() || p != end)
            break;
        const std::int64_t offset = encoded - 1440;
        return formatTimestamp(s + offset * 60, n, codec.scale) + formatOffset(offset);
    }
    case SnowType::Text:
    case SnowType::Other: break;
    }
    return text;
}

namespace {

int intField(const json &object, const char *key, int fallback)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer())
        return fallback;
    return it->get<int>();
}

} // namespace

std::string stringField(const json &object, const char *key)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return {};
    return it->get<std::string>();
}

// A rowType entry to a Column and the way to decode its cells.
void describeColumn(const json &field, Column &column, ColumnCodec &codec)
{
    column.name = stringField(field, "name");
    const std::string type = lower(stringField(field, "type"));
    const int scale = intField(field, "scale", 0);
    codec.scale = scale;
    if (type == "fixed") {
        codec.type = SnowType::Fixed;
        column.type = scale == 0 ? ValueType::Integer : ValueType::Real;
        column.declaredType
            = "NUMBER(" + std::to_string(intField(field, "precision", 38)) + "," + std::to_string(scale) + ")";
    } else if (type == "real" || type == "float" || type == "double" || type == "decfloat") {
        codec.type = SnowType::Real;
        column.type = ValueType::Real;
        column.declaredType = type == "decfloat" ? "DECFLOAT" : "FLOAT";
    } else if (type == "text") {
        codec.type = SnowType::Text;
        column.type = ValueType::Text;
        column.declaredType = "TEXT";
    } else if (type == "boolean") {
        codec.type = SnowType::Boolean;
        column.type = ValueType::Boolean;
        column.declaredType = "BOOLEAN";
    } else if (type == "date") {
        codec.type = SnowType::Date;
        column.type = ValueType::Text;
        column.declaredType = "DATE";
    } else if (type == "time") {
        codec.type = SnowType::Time;
        column.type = ValueType::Text;
        column.declaredType = "TIME";
    } else if (type == "timestamp_ntz" || type == "timestamp_ltz" || type == "timestamp_tz") {
        codec.type = type == "timestamp_ntz" ? SnowType::TimestampNtz
                   : type == "timestamp_ltz" ? SnowType::TimestampLtz
                                             : SnowType::TimestampTz;
        column.type = ValueType::Text;
        column.declaredType = upper(type);
    } else {
        // binary (hex), variant, object, array (JSON text), geography, vector, ...
        codec.type = SnowType::Other;
        column.type = ValueType::Text;
        column.declaredType = upper(type.empty() ? std::string("text") : type);
    }
}

} // namespace snowflake

} // namespace sluice

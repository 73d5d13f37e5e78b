// Value conversions for the engagement connectors (engagementcommon.h):
// JSON values, custom field types, epoch and ISO 8601 times, dotted paths,
// dedupe ids, base64 and form encoding.

#include "destinations/saas/engagementcommon.h"

#include "core/sha256.h"
#include "destinations/saas/engagementinternal.h"
#include "formats/datetime.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace sluice::saas {

namespace {

std::string trim(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return std::string(text);
}

} // namespace

std::optional<std::int64_t> parseInteger(std::string_view text)
{
    const std::string t = trim(text);
    std::int64_t v = 0;
    const char *first = t.data();
    const char *last = t.data() + t.size();
    if (!t.empty() && t.front() == '+')
        ++first;
    const auto [ptr, ec] = std::from_chars(first, last, v);
    if (t.empty() || ec != std::errc() || ptr != last)
        return std::nullopt;
    return v;
}

std::optional<double> parseNumber(std::string_view text)
{
    const std::string t = trim(text);
    if (t.empty())
        return std::nullopt;
    double v = 0;
    const char *first = t.data();
    if (t.front() == '+')
        ++first;
    const auto [ptr, ec] = std::from_chars(first, t.data() + t.size(), v);
    if (ec != std::errc() || ptr != t.data() + t.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

namespace {

// Epoch seconds below 1e11 (the year 5138), milliseconds above.
std::int64_t millisFromEpochNumber(double number)
{
    return std::abs(number) < 1e11 ? static_cast<std::int64_t>(std::llround(number * 1000.0))
                                   : static_cast<std::int64_t>(std::llround(number));
}

// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
void civilFromDays(std::int64_t z, int &year, unsigned &month, unsigned &day)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = static_cast<int>(y + (month <= 2));
}

std::string quoted(const Value &value)
{
    return "'" + value.toString() + "'";
}

} // namespace

// ---- values

ojson jsonOf(const Value &value)
{
    switch (value.type()) {
    case ValueType::Null: return nullptr;
    case ValueType::Integer: return value.asInteger();
    case ValueType::Real: return std::isfinite(value.asReal()) ? ojson(value.asReal()) : ojson(nullptr);
    case ValueType::Text: return value.asText();
    case ValueType::Boolean: return value.asBoolean();
    }
    return nullptr;
}

std::optional<std::string> convertCustom(const Value &value, CustomType type, ojson &out)
{
    if (value.isNull()) {
        out = nullptr;
        return std::nullopt;
    }
    switch (type) {
    case CustomType::Text:
        out = value.type() == ValueType::Text ? value.asText() : value.toString();
        return std::nullopt;
    case CustomType::Integer:
        if (value.type() == ValueType::Integer) {
            out = value.asInteger();
            return std::nullopt;
        }
        if (value.type() == ValueType::Real && std::isfinite(value.asReal())
            && value.asReal() == std::floor(value.asReal()) && std::abs(value.asReal()) < 9.0e15) {
            out = static_cast<std::int64_t>(value.asReal());
            return std::nullopt;
        }
        if (value.type() == ValueType::Text)
            if (const auto parsed = parseInteger(value.asText())) {
                out = *parsed;
                return std::nullopt;
            }
        return quoted(value) + " is not an integer";
    case CustomType::Number:
        if (value.type() == ValueType::Integer) {
            out = value.asInteger();
            return std::nullopt;
        }
        if (value.type() == ValueType::Real && std::isfinite(value.asReal())) {
            out = value.asReal();
            return std::nullopt;
        }
        if (value.type() == ValueType::Text)
            if (const auto parsed = parseNumber(value.asText())) {
                out = *parsed;
                return std::nullopt;
            }
        return quoted(value) + " is not a number";
    case CustomType::Boolean:
        if (value.type() == ValueType::Boolean) {
            out = value.asBoolean();
            return std::nullopt;
        }
        if (value.type() == ValueType::Integer && (value.asInteger() == 0 || value.asInteger() == 1)) {
            out = value.asInteger() == 1;
            return std::nullopt;
        }
        if (value.type() == ValueType::Text) {
            std::string t = trim(value.asText());
            std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return char(std::tolower(c)); });
            if (t == "true" || t == "1" || t == "yes" || t == "t" || t == "y") {
                out = true;
                return std::nullopt;
            }
            if (t == "false" || t == "0" || t == "no" || t == "f" || t == "n") {
                out = false;
                return std::nullopt;
            }
        }
        return quoted(value) + " is not true or false";
    case CustomType::DateTime: {
        const auto millis = epochMillisOf(value);
        if (!millis)
            return quoted(value) + " is not a date-time (ISO 8601 or epoch seconds/milliseconds)";
        out = isoFromMillis(*millis);
        return std::nullopt;
    }
    case CustomType::Date: {
        const auto millis = epochMillisOf(value);
        if (!millis)
            return quoted(value) + " is not a date (YYYY-MM-DD)";
        out = isoFromMillis(*millis).substr(0, 10);
        return std::nullopt;
    }
    }
    return "unknown type";
}

std::optional<std::int64_t> epochMillisOf(const Value &value)
{
    switch (value.type()) {
    case ValueType::Integer: return millisFromEpochNumber(double(value.asInteger()));
    case ValueType::Real:
        if (!std::isfinite(value.asReal()))
            return std::nullopt;
        return millisFromEpochNumber(value.asReal());
    case ValueType::Text: {
        if (const auto digits = parseInteger(value.asText()))
            return millisFromEpochNumber(double(*digits));
        mapping::DateTimeValue parsed;
        std::string error;
        static const mapping::DateFormat iso = mapping::DateFormat::iso();
        if (!iso.parse(Value(trim(value.asText())), *mapping::TimeZone::utc(), parsed, error))
            return std::nullopt;
        return parsed.micros / 1000;
    }
    default: return std::nullopt;
    }
}

std::string isoFromMillis(std::int64_t millis)
{
    std::int64_t days = millis / 86'400'000;
    std::int64_t rest = millis % 86'400'000;
    if (rest < 0) {
        rest += 86'400'000;
        --days;
    }
    int year = 1970;
    unsigned month = 1, day = 1;
    civilFromDays(days, year, month, day);
    const int hours = int(rest / 3'600'000);
    const int minutes = int(rest / 60'000 % 60);
    const int seconds = int(rest / 1000 % 60);
    const int ms = int(rest % 1000);
    char buffer[48];
    if (ms == 0)
        std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ", year, month, day, hours, minutes,
                      seconds);
    else
        std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", year, month, day, hours, minutes,
                      seconds, ms);
    return buffer;
}

ojson isoDateTime(const Value &value)
{
    if (value.type() == ValueType::Integer || value.type() == ValueType::Real) {
        if (const auto millis = epochMillisOf(value))
            return isoFromMillis(*millis);
    }
    return jsonOf(value);
}

void setPath(ojson &object, std::string_view path, ojson value)
{
    ojson *at = &object;
    while (true) {
        const auto dot = path.find('.');
        const std::string part(path.substr(0, dot));
        if (dot == std::string_view::npos || part.empty()) {
            (*at)[std::string(path)] = std::move(value);
            return;
        }
        ojson &next = (*at)[part];
        if (!next.is_object())
            next = ojson::object();
        at = &next;
        path.remove_prefix(dot + 1);
    }
}

std::string dedupeId(std::string_view syncName, const Record &record)
{
    std::string material;
    material.reserve(syncName.size() + record.key.size() + 24);
    material += syncName;
    material += '\x1f';
    material += record.key;
    material += '\x1f';
    material += std::to_string(record.hash);
    const std::string hex = sha256Hex(material);
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-"
         + hex.substr(20, 12);
}

std::string base64(std::string_view data)
{
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < data.size(); i += 3) {
        const unsigned v = (unsigned char)data[i] << 16 | (unsigned char)data[i + 1] << 8 | (unsigned char)data[i + 2];
        out += kAlphabet[v >> 18 & 63];
        out += kAlphabet[v >> 12 & 63];
        out += kAlphabet[v >> 6 & 63];
        out += kAlphabet[v & 63];
    }
    if (i + 1 == data.size()) {
        const unsigned v = (unsigned char)data[i] << 16;
        out += kAlphabet[v >> 18 & 63];
        out += kAlphabet[v >> 12 & 63];
        out += "==";
    } else if (i + 2 == data.size()) {
        const unsigned v = (unsigned char)data[i] << 16 | (unsigned char)data[i + 1] << 8;
        out += kAlphabet[v >> 18 & 63];
        out += kAlphabet[v >> 12 & 63];
        out += kAlphabet[v >> 6 & 63];
        out += '=';
    }
    return out;
}

} // namespace sluice::saas

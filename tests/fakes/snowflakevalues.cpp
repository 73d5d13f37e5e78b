// Snowflake's wire encoding of values (snowflakefake.h): date-times, numbers
// and rowType from SQLite values and declared types; TO_DATE & co.
#include "snowflakefakesupport.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <regex>

namespace sluice::fakes::snowflake {

using nlohmann::json;

namespace {

std::string lower(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Days from 1970-01-01 of a civil date.
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Parsed {
    std::int64_t days = 0;
    std::int64_t secondsOfDay = 0;
    std::int64_t nanos = 0;
    std::optional<int> offsetMinutes;
    bool hasDate = false;
};

// "2026-03-29", "2026-03-29 01:30:00.5", "2026-03-29T01:30Z", "01:30:00", "... +02:00".
bool parseDateTime(const std::string &text, Parsed &out)
{
    static const std::regex pattern(
        R"(^\s*(?:(-?\d{1,4})-(\d{2})-(\d{2}))?(?:[ T]?(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$)");
    std::smatch m;
    if (!std::regex_match(text, m, pattern) || (!m[1].matched && !m[4].matched))
        return false;
    if (m[1].matched) {
        out.hasDate = true;
        out.days
            = daysFromCivil(std::stoll(m[1].str()), unsigned(std::stoi(m[2].str())), unsigned(std::stoi(m[3].str())));
    }
    if (m[4].matched)
        out.secondsOfDay
            = std::stoll(m[4].str()) * 3600 + std::stoll(m[5].str()) * 60 + (m[6].matched ? std::stoll(m[6].str()) : 0);
    if (m[7].matched) {
        std::string digits = m[7].str();
        digits.resize(9, '0');
        out.nanos = std::stoll(digits);
    }
    if (m[8].matched) {
        const std::string z = m[8].str();
        if (z == "Z") {
            out.offsetMinutes = 0;
        } else {
            const int sign = z[0] == '-' ? -1 : 1;
            std::string rest = z.substr(1);
            rest.erase(std::remove(rest.begin(), rest.end(), ':'), rest.end());
            const int hours = std::stoi(rest.substr(0, 2));
            const int minutes = rest.size() > 2 ? std::stoi(rest.substr(2)) : 0;
            out.offsetMinutes = sign * (hours * 60 + minutes);
        }
    }
    return true;
}

std::string epochText(std::int64_t seconds, std::int64_t nanos)
{
    // Snowflake writes the fraction with 9 digits; a negative time keeps the
    // sign on the whole value ("-0.500000000").
    char text[64];
    if (seconds < 0 && nanos > 0) {
        seconds += 1;
        nanos = 1'000'000'000 - nanos;
        std::snprintf(text, sizeof text, "-%lld.%09lld", static_cast<long long>(-seconds),
                      static_cast<long long>(nanos));
    } else {
        std::snprintf(text, sizeof text, "%lld.%09lld", static_cast<long long>(seconds), static_cast<long long>(nanos));
    }
    return text;
}

std::string shortestDouble(double v)
{
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
    return ec == std::errc() ? std::string(buffer, end) : std::to_string(v);
}

} // namespace

std::string upper(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// The rowType of a declared column type (Snowflake's names; SQLite keeps them as written).
bool typeFromDeclared(const std::string &declaredIn, SnowColumn &c)
{
    const std::string d = upper(declaredIn);
    if (d.empty())
        return false;
    auto has = [&](const char *s) { return d.find(s) != std::string::npos; };
    if (has("TIMESTAMP_TZ") || has("TIMESTAMPTZ")) {
        c.type = "timestamp_tz";
    } else if (has("TIMESTAMP_LTZ") || has("TIMESTAMPLTZ")) {
        c.type = "timestamp_ltz";
    } else if (has("TIMESTAMP") || has("DATETIME")) {
        c.type = "timestamp_ntz";
    } else if (has("DATE")) {
        c.type = "date";
        return true;
    } else if (has("TIME")) {
        c.type = "time";
    } else if (has("BOOL")) {
        c.type = "boolean";
        return true;
    } else if (d.starts_with("NUMBER") || d.starts_with("DECIMAL") || d.starts_with("NUMERIC") || has("INT")) {
        c.type = "fixed";
        c.hasPrecision = true;
        c.precision = 38;
        c.scale = 0;
        static const std::regex ps(R"(\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))");
        std::smatch m;
        if (!has("INT") && std::regex_search(d, m, ps)) {
            c.precision = std::stoi(m[1].str());
            c.scale = m[2].matched ? std::stoi(m[2].str()) : 0;
        }
        return true;
    } else if (has("FLOAT") || has("DOUBLE") || has("REAL")) {
        c.type = "real";
        return true;
    } else if (has("CHAR") || has("TEXT") || has("STRING")) {
        c.type = "text";
        return true;
    } else if (has("BINARY") || has("BLOB")) {
        c.type = "binary";
        return true;
    } else if (has("VARIANT") || has("OBJECT") || has("ARRAY")) {
        c.type = lower(d.substr(0, d.find('(')));
        return true;
    } else {
        c.type = "text";
        return true;
    }
    // time and timestamps: fraction digits
    c.scale = 9;
    static const std::regex p(R"(\(\s*(\d+)\s*\))");
    std::smatch m;
    if (std::regex_search(d, m, p))
        c.scale = std::stoi(m[1].str());
    return true;
}

// A SQLite value to Snowflake's JSON cell for the column.
json encodeCell(sqlite3_stmt *st, int i, const SnowColumn &c, bool nullsAsText)
{
    const int kind = sqlite3_column_type(st, i);
    if (kind == SQLITE_NULL)
        return nullsAsText ? json("null") : json();
    const auto *raw = reinterpret_cast<const char *>(sqlite3_column_text(st, i));
    const std::string text = raw ? raw : "";
    if (c.type == "fixed") {
        if (kind == SQLITE_INTEGER && c.scale == 0)
            return std::to_string(sqlite3_column_int64(st, i));
        if (kind == SQLITE_INTEGER || kind == SQLITE_FLOAT) {
            char buffer[64];
            std::snprintf(buffer, sizeof buffer, "%.*f", c.scale, sqlite3_column_double(st, i));
            return std::string(buffer);
        }
        return text;
    }
    if (c.type == "real") {
        if (kind == SQLITE_INTEGER)
            return std::to_string(sqlite3_column_int64(st, i));
        if (kind == SQLITE_FLOAT)
            return shortestDouble(sqlite3_column_double(st, i));
        return text;
    }
    if (c.type == "boolean") {
        if (kind == SQLITE_INTEGER || kind == SQLITE_FLOAT)
            return std::string(sqlite3_column_double(st, i) != 0 ? "true" : "false");
        const std::string l = lower(text);
        if (l == "true" || l == "t" || l == "yes")
            return std::string("true");
        if (l == "false" || l == "f" || l == "no")
            return std::string("false");
        return text;
    }
    if (c.type == "binary") {
        const auto *bytes = static_cast<const unsigned char *>(sqlite3_column_blob(st, i));
        const int n = sqlite3_column_bytes(st, i);
        std::string hex;
        char two[3];
        for (int k = 0; k < n; ++k) {
            std::snprintf(two, sizeof two, "%02X", bytes[k]);
            hex += two;
        }
        return hex;
    }
    if (c.type == "date" || c.type == "time" || c.type.starts_with("timestamp")) {
        if (kind == SQLITE_INTEGER && c.type != "date") // epoch seconds
            return epochText(sqlite3_column_int64(st, i), 0);
        Parsed p;
        if (!parseDateTime(text, p))
            return text;
        if (c.type == "date")
            return std::to_string(p.days);
        if (c.type == "time")
            return epochText(p.secondsOfDay, p.nanos);
        std::int64_t seconds = p.days * 86400 + p.secondsOfDay;
        if (c.type == "timestamp_ntz")
            return epochText(seconds, p.nanos); // the wall clock; an offset is dropped
        const int offset = p.offsetMinutes.value_or(0);
        seconds -= std::int64_t(offset) * 60; // to UTC
        if (c.type == "timestamp_ltz")
            return epochText(seconds, p.nanos);
        return epochText(seconds, p.nanos) + " " + std::to_string(offset + 1440);
    }
    if (kind == SQLITE_BLOB)
        return std::string(reinterpret_cast<const char *>(sqlite3_column_blob(st, i)),
                           std::size_t(sqlite3_column_bytes(st, i)));
    return text;
}

json rowTypeEntry(const SnowColumn &c, const std::string &database, const std::string &schema)
{
    json e = {{"name", c.name},   {"database", database}, {"schema", schema},     {"table", ""},
              {"nullable", true}, {"type", c.type},       {"collation", nullptr}, {"precision", nullptr},
              {"scale", nullptr}, {"length", nullptr},    {"byteLength", nullptr}};
    if (c.type == "fixed") {
        e["precision"] = c.precision;
        e["scale"] = c.scale;
    } else if (c.type == "time" || c.type.starts_with("timestamp")) {
        e["precision"] = 0;
        e["scale"] = c.scale;
    } else if (c.type == "text") {
        e["length"] = 16777216;
        e["byteLength"] = 16777216;
    }
    return e;
}

// TO_DATE / TO_TIME / TO_TIMESTAMP_*(text, format) for the formats Sluice
// sends ('YYYY-MM-DD', 'HH24:MI:SS[.FFn]', 'YYYY-MM-DD HH24:MI:SS[.FFn][TZH:TZM]'):
// the text must have exactly the parts the format names.
bool canonicalDateTime(const std::string &function, const std::string &text, const std::string &format,
                       std::string &out)
{
    static const std::regex formats(R"(^(YYYY-MM-DD)?( ?HH24:MI:SS(\.FF[0-9])?)?(TZH:TZM)?$)");
    std::smatch f;
    if (!std::regex_match(format, f, formats) || format.empty())
        return false;
    static const std::regex texts(R"(^(\d{4}-\d{2}-\d{2})?( ?(\d{2}:\d{2}:\d{2})(\.(\d{1,9}))?)?([+-]\d{2}:\d{2})?$)");
    std::smatch t;
    if (!std::regex_match(text, t, texts))
        return false;
    if (f[1].matched != t[1].matched || f[2].matched != t[2].matched || f[3].matched != t[4].matched
        || f[4].matched != t[6].matched)
        return false;
    const bool wantsDate = function != "to_time";
    const bool wantsTime = function != "to_date";
    if (wantsDate != t[1].matched || wantsTime != t[2].matched)
        return false;
    out.clear();
    if (t[1].matched)
        out += t[1].str();
    if (t[2].matched) {
        if (!out.empty())
            out += ' ';
        out += t[3].str();
        std::string fraction = t[5].str();
        while (!fraction.empty() && fraction.back() == '0')
            fraction.pop_back();
        if (!fraction.empty())
            out += "." + fraction;
    }
    if (t[6].matched)
        out += t[6].str();
    return true;
}

} // namespace sluice::fakes::snowflake

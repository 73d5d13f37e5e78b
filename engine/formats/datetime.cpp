#include "datetime.h"

#include "numbers.h"
#include "textutil.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>

namespace sluice::mapping {

namespace {

using namespace std::chrono;

constexpr std::int64_t microsPerSecond = 1'000'000;
constexpr std::int64_t microsPerDay = 86'400 * microsPerSecond;
constexpr std::string_view knownDirectives = "YmdHMSfzyIpbBaAFT%";

constexpr std::string_view monthNames[12] = {"January", "February", "March",     "April",   "May",      "June",
                                             "July",    "August",   "September", "October", "November", "December"};
constexpr std::string_view weekdayNames[7]
    = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// What a text said, before it is checked and turned into an instant.
struct Fields {
    int year = 1970;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int micros = 0;
    int pm = -1; // %p: 0 AM, 1 PM, -1 absent
    bool hasTime = false;
    bool hasOffset = false;
    int offset = 0; // seconds east of UTC
};

class Scanner {
public:
    explicit Scanner(std::string_view s) : m_s(s) { }
    bool atEnd() const { return m_i == m_s.size(); }
    bool eat(char c)
    {
        if (m_i < m_s.size() && m_s[m_i] == c) {
            ++m_i;
            return true;
        }
        return false;
    }
    bool eatAny(std::string_view chars)
    {
        if (m_i < m_s.size() && chars.find(m_s[m_i]) != std::string_view::npos) {
            ++m_i;
            return true;
        }
        return false;
    }
    bool literal(std::string_view text)
    {
        if (m_s.substr(m_i).starts_with(text)) {
            m_i += text.size();
            return true;
        }
        return false;
    }
    // minDigits..maxDigits decimal digits; `count` receives how many were read.
    bool digits(int minDigits, int maxDigits, int &out, int *count = nullptr)
    {
        int n = 0, v = 0;
        while (n < maxDigits && m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9') {
            v = v * 10 + (m_s[m_i] - '0');
            ++m_i;
            ++n;
        }
        out = v;
        if (count)
            *count = n;
        return n >= minDigits;
    }
    // Fraction of a second: 1 to 9 digits, kept to microseconds.
    bool fraction(int &micros)
    {
        int value = 0, count = 0;
        if (!digits(1, 9, value, &count))
            return false;
        while (count > 6) {
            value /= 10;
            --count;
        }
        while (count < 6) {
            value *= 10;
            ++count;
        }
        micros = value;
        return true;
    }
    // "Z", "+hh", "+hhmm", "+hh:mm"
    bool offset(int &seconds)
    {
        if (eatAny("Zz")) {
            seconds = 0;
            return true;
        }
        const bool negative = m_i < m_s.size() && m_s[m_i] == '-';
        if (!eatAny("+-"))
            return false;
        int h = 0, m = 0;
        if (!digits(2, 2, h))
            return false;
        if (eat(':')) {
            if (!digits(2, 2, m))
                return false;
        } else if (!atEnd() && m_s[m_i] >= '0' && m_s[m_i] <= '9' && !digits(2, 2, m))
            return false;
        if (h > 14 || m > 59)
            return false;
        seconds = (negative ? -1 : 1) * (h * 3600 + m * 60);
        return true;
    }
    // One of `names` (full, or its first three letters), case-insensitive.
    template <std::size_t N> bool name(const std::string_view (&names)[N], int &index)
    {
        for (std::size_t k = 0; k < N; ++k) {
            for (std::size_t len : {names[k].size(), std::size_t(3)}) {
                const std::string_view candidate = m_s.substr(m_i, len);
                if (candidate.size() == len && equalsIgnoringAsciiCase(candidate, names[k].substr(0, len))) {
                    m_i += len;
                    index = int(k);
                    return true;
                }
            }
        }
        return false;
    }

private:
    std::string_view m_s;
    std::size_t m_i = 0;
};

// ISO 8601 / RFC 3339 and the SQL form with a space: 2026-03-29,
// 2026-03-29T01:30, 2026-03-29 01:30:00.123+08, 2026-03-29T01:30:00Z.
bool scanIso(std::string_view text, Fields &f)
{
    Scanner s(text);
    if (!s.digits(4, 4, f.year) || !s.eat('-') || !s.digits(2, 2, f.month) || !s.eat('-') || !s.digits(2, 2, f.day))
        return false;
    if (s.atEnd())
        return true;
    if (!s.eatAny("Tt "))
        return false;
    f.hasTime = true;
    if (!s.digits(2, 2, f.hour) || !s.eat(':') || !s.digits(2, 2, f.minute))
        return false;
    if (s.eat(':')) {
        if (!s.digits(2, 2, f.second))
            return false;
        if (s.eatAny(".,") && !s.fraction(f.micros))
            return false;
    }
    if (s.atEnd())
        return true;
    s.eat(' ');
    if (!s.offset(f.offset))
        return false;
    f.hasOffset = true;
    return s.atEnd();
}

bool scanPattern(std::string_view text, const std::vector<DateFormat::Piece> &pieces, Fields &f)
{
    Scanner s(text);
    int ignored = 0;
    for (const DateFormat::Piece &p : pieces) {
        bool ok = true;
        switch (p.directive) {
        case 0: ok = s.literal(p.literal); break;
        case 'Y': ok = s.digits(4, 4, f.year); break;
        case 'y':
            ok = s.digits(2, 2, f.year);
            f.year += f.year < 69 ? 2000 : 1900; // POSIX strptime's century rule
            break;
        case 'm': ok = s.digits(1, 2, f.month); break;
        case 'd': ok = s.digits(1, 2, f.day); break;
        case 'H':
        case 'I':
            ok = s.digits(1, 2, f.hour);
            f.hasTime = true;
            break;
        case 'M':
            ok = s.digits(1, 2, f.minute);
            f.hasTime = true;
            break;
        case 'S':
            ok = s.digits(1, 2, f.second);
            f.hasTime = true;
            break;
        case 'f': ok = s.fraction(f.micros); break;
        case 'z':
            ok = s.offset(f.offset);
            f.hasOffset = true;
            break;
        case 'b':
        case 'B':
            ok = s.name(monthNames, f.month);
            ++f.month;
            break;
        case 'a':
        case 'A': ok = s.name(weekdayNames, ignored); break;
        case 'p':
            if (s.literal("AM") || s.literal("am"))
                f.pm = 0;
            else if (s.literal("PM") || s.literal("pm"))
                f.pm = 1;
            else
                ok = false;
            break;
        case '%': ok = s.eat('%'); break;
        }
        if (!ok)
            return false;
    }
    return s.atEnd();
}

// Checks the fields and turns them into a date or an instant.
bool resolve(Fields f, const TimeZone &zone, DateTimeValue &out)
{
    if (f.pm >= 0) {
        if (f.hour < 1 || f.hour > 12)
            return false;
        f.hour = f.hour % 12 + (f.pm ? 12 : 0);
    }
    const year_month_day ymd{std::chrono::year(f.year), month(unsigned(f.month)), day(unsigned(f.day))};
    if (!ymd.ok() || f.hour > 23 || f.minute > 59 || f.second > 59)
        return false;
    const std::int64_t dayNumber = sys_days(ymd).time_since_epoch().count();
    const std::int64_t local
        = dayNumber * microsPerDay + (f.hour * 3600LL + f.minute * 60 + f.second) * microsPerSecond + f.micros;
    if (!f.hasTime && !f.hasOffset) {
        out = {local, false};
        return true;
    }
    std::int64_t offset = f.offset;
    if (!f.hasOffset)
        offset = zone.offsetForLocal(local_seconds(seconds(floorDiv(local, microsPerSecond)))).count();
    out = {local - offset * microsPerSecond, true};
    return true;
}

struct Civil {
    std::int64_t year;
    unsigned month, day, hour, minute, second, weekday;
    std::int64_t micros;
    std::int64_t offset;
};

Civil toCivil(std::int64_t localMicros, std::int64_t offset)
{
    const std::int64_t dayNumber = floorDiv(localMicros, microsPerDay);
    const std::int64_t inDay = localMicros - dayNumber * microsPerDay;
    const sys_days d{days(dayNumber)};
    const year_month_day ymd(d);
    const std::int64_t secs = inDay / microsPerSecond;
    return Civil{int(ymd.year()),         unsigned(ymd.month()),    unsigned(ymd.day()),
                 unsigned(secs / 3600),   unsigned(secs / 60 % 60), unsigned(secs % 60),
                 weekday(d).c_encoding(), inDay % microsPerSecond,  offset};
}

// Zero-padded to `width` digits (after a '-' for negative numbers).
void appendNumber(std::string &out, std::int64_t v, int width)
{
    char buf[24];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v < 0 ? -v : v);
    if (v < 0)
        out += '-';
    out.append(std::size_t(std::max<std::ptrdiff_t>(0, width - (end - buf))), '0');
    out.append(buf, end);
}

void appendOffset(std::string &out, std::int64_t offset)
{
    out += offset < 0 ? '-' : '+';
    const std::int64_t a = offset < 0 ? -offset : offset;
    appendNumber(out, a / 3600, 2);
    out += ':';
    appendNumber(out, a / 60 % 60, 2);
}

std::string formatIso(const Civil &c, bool withTime)
{
    std::string out;
    appendNumber(out, c.year, 4);
    out += '-';
    appendNumber(out, c.month, 2);
    out += '-';
    appendNumber(out, c.day, 2);
    if (!withTime)
        return out;
    out += 'T';
    appendNumber(out, c.hour, 2);
    out += ':';
    appendNumber(out, c.minute, 2);
    out += ':';
    appendNumber(out, c.second, 2);
    if (c.micros % 1000 == 0 && c.micros != 0) {
        out += '.';
        appendNumber(out, c.micros / 1000, 3);
    } else if (c.micros != 0) {
        out += '.';
        appendNumber(out, c.micros, 6);
    }
    if (c.offset == 0)
        out += 'Z';
    else
        appendOffset(out, c.offset);
    return out;
}

std::string formatPattern(const Civil &c, const std::vector<DateFormat::Piece> &pieces)
{
    std::string out;
    for (const DateFormat::Piece &p : pieces) {
        switch (p.directive) {
        case 0: out += p.literal; break;
        case 'Y': appendNumber(out, c.year, 4); break;
        case 'y': appendNumber(out, ((c.year % 100) + 100) % 100, 2); break;
        case 'm': appendNumber(out, c.month, 2); break;
        case 'd': appendNumber(out, c.day, 2); break;
        case 'H': appendNumber(out, c.hour, 2); break;
        case 'I': appendNumber(out, c.hour % 12 == 0 ? 12 : c.hour % 12, 2); break;
        case 'p': out += c.hour < 12 ? "AM" : "PM"; break;
        case 'M': appendNumber(out, c.minute, 2); break;
        case 'S': appendNumber(out, c.second, 2); break;
        case 'f': appendNumber(out, c.micros, 6); break;
        case 'z': appendOffset(out, c.offset); break;
        case 'b': out += monthNames[c.month - 1].substr(0, 3); break;
        case 'B': out += monthNames[c.month - 1]; break;
        case 'a': out += weekdayNames[c.weekday].substr(0, 3); break;
        case 'A': out += weekdayNames[c.weekday]; break;
        case '%': out += '%'; break;
        }
    }
    return out;
}

} // namespace

Result<DateFormat> DateFormat::compile(std::string_view pattern)
{
    return compile(pattern, pattern, 0);
}

Result<DateFormat> DateFormat::compile(std::string_view pattern, std::string_view source, std::size_t offset)
{
    DateFormat f;
    f.m_pattern = std::string(pattern);
    if (pattern == "iso")
        return f;
    if (pattern == "epoch" || pattern == "epochMillis") {
        f.m_kind = pattern == "epoch" ? Kind::Epoch : Kind::EpochMillis;
        return f;
    }
    if (pattern.empty())
        return invalidInput("mapping.format_syntax",
                            "the format is empty (use iso, epoch, epochMillis or a pattern such as %Y-%m-%d)");
    f.m_kind = Kind::Pattern;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '%') {
            if (f.m_pieces.empty() || f.m_pieces.back().directive != 0)
                f.m_pieces.push_back({});
            f.m_pieces.back().literal += pattern[i];
            continue;
        }
        const std::size_t position = charPosition(source, offset + i);
        if (i + 1 == pattern.size())
            return invalidInput("mapping.format_syntax",
                                "incomplete directive '%' at position " + std::to_string(position));
        const char d = pattern[++i];
        if (knownDirectives.find(d) == std::string_view::npos) {
            const std::string shown(firstCodePoints(pattern.substr(i), 1));
            return invalidInput("mapping.format_syntax",
                                "unknown directive '%" + shown + "' at position " + std::to_string(position)
                                    + " (known: %Y %m %d %H %M %S %f %z %y %I %p %b %B %a %A %F %T %%)");
        }
        if (d == 'F')
            f.m_pieces.insert(f.m_pieces.end(), {{'Y', {}}, {0, "-"}, {'m', {}}, {0, "-"}, {'d', {}}});
        else if (d == 'T')
            f.m_pieces.insert(f.m_pieces.end(), {{'H', {}}, {0, ":"}, {'M', {}}, {0, ":"}, {'S', {}}});
        else
            f.m_pieces.push_back({d, {}});
    }
    return f;
}

DateFormat DateFormat::iso()
{
    return DateFormat();
}

bool DateFormat::parse(const Value &value, const TimeZone &zone, DateTimeValue &out, std::string &error) const
{
    const std::int64_t unit = m_kind == Kind::EpochMillis ? 1000 : microsPerSecond;
    std::optional<double> epoch;
    if (value.type() == ValueType::Integer) {
        // The bound of the real path below (±9e15 microseconds), checked
        // before multiplying: a larger integer would overflow int64.
        const std::int64_t n = value.asInteger();
        if (n <= std::int64_t(9'000'000'000'000'000) / unit && n >= -std::int64_t(9'000'000'000'000'000) / unit) {
            out = {n * unit, true};
            return true;
        }
        epoch = double(n); // refused below, with the same message as a real out of range
    }
    if (value.type() == ValueType::Real)
        epoch = value.asReal();
    else if (isEpoch() && value.type() == ValueType::Text)
        epoch = parseDecimal(value.asText());
    if (epoch || isEpoch()) {
        // ±2^53 microseconds is beyond any date anyone syncs; it keeps the cast exact.
        if (!epoch || std::fabs(*epoch * double(unit)) > 9.0e15) {
            error = quoteText(value.toString()) + " is not a number of "
                  + (m_kind == Kind::EpochMillis ? "milliseconds" : "seconds") + " since 1970";
            return false;
        }
        out = {static_cast<std::int64_t>(std::llround(*epoch * double(unit))), true};
        return true;
    }
    const std::string text = value.toString();
    const std::string_view t = trimmed(text);
    Fields f;
    const bool scanned = m_kind == Kind::Iso ? scanIso(t, f) : scanPattern(t, m_pieces, f);
    if (!scanned) {
        error = m_kind == Kind::Iso ? quoteText(text) + " is not an ISO 8601 date or date-time"
                                    : quoteText(text) + " does not match the format " + quoteText(m_pattern);
        return false;
    }
    if (!resolve(f, zone, out)) {
        error = quoteText(text) + " is not a valid " + (f.hasTime ? "date-time" : "date");
        return false;
    }
    return true;
}

Value DateFormat::formatDate(const DateTimeValue &value, const TimeZone &zone) const
{
    std::int64_t local = value.micros;
    if (value.hasTime)
        local += zone.offsetAt(sys_seconds(seconds(floorDiv(value.micros, microsPerSecond)))).count() * microsPerSecond;
    const std::int64_t midnight = floorDiv(local, microsPerDay) * microsPerDay;
    switch (m_kind) {
    case Kind::Iso: return formatIso(toCivil(midnight, 0), false);
    case Kind::Pattern: return formatPattern(toCivil(midnight, 0), m_pieces);
    case Kind::Epoch: return midnight / microsPerSecond; // the date's midnight, UTC
    case Kind::EpochMillis: return midnight / 1000;
    }
    return {};
}

Value DateFormat::formatDateTime(const DateTimeValue &value, const TimeZone &zone) const
{
    std::int64_t instant = value.micros;
    if (!value.hasTime) // a date means its midnight in the zone
        instant -= zone.offsetForLocal(local_seconds(seconds(floorDiv(value.micros, microsPerSecond)))).count()
                 * microsPerSecond;
    if (m_kind == Kind::Epoch)
        return floorDiv(instant, microsPerSecond);
    if (m_kind == Kind::EpochMillis)
        return floorDiv(instant, 1000);
    const std::int64_t offset = zone.offsetAt(sys_seconds(seconds(floorDiv(instant, microsPerSecond)))).count();
    const Civil c = toCivil(instant + offset * microsPerSecond, offset);
    return m_kind == Kind::Iso ? formatIso(c, true) : formatPattern(c, m_pieces);
}

bool daysBetween(const Value &value, std::int64_t nowSeconds, std::int64_t &days)
{
    DateTimeValue dt;
    std::string error;
    if (value.isNull() || !DateFormat::iso().parse(value, *TimeZone::utc(), dt, error))
        return false;
    days = floorDiv(nowSeconds, 86'400) - floorDiv(dt.micros, microsPerDay);
    return true;
}

} // namespace sluice::mapping

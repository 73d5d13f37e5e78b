#include "timezone.h"

#include "textutil.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>

namespace sluice::mapping {

namespace {

using namespace std::chrono;

constexpr std::string_view zoneInfoDir = "/usr/share/zoneinfo/";
constexpr std::size_t maxZoneFileSize = 1 << 20;

std::unexpected<Error> zoneError(std::string message)
{
    return invalidInput("mapping.time_zone", std::move(message));
}

// "[+-]hh[:mm]", "[+-]hhmm", "[+-]h": seconds east of UTC.
std::optional<std::int32_t> parseUtcOffset(std::string_view s)
{
    if (s.size() < 2 || (s[0] != '+' && s[0] != '-'))
        return std::nullopt;
    const int sign = s[0] == '-' ? -1 : 1;
    s.remove_prefix(1);
    auto digits = [](std::string_view d, int &out) {
        if (d.empty() || d.size() > 2)
            return false;
        for (char c : d)
            if (c < '0' || c > '9')
                return false;
        std::from_chars(d.data(), d.data() + d.size(), out);
        return true;
    };
    int hours = 0, minutes = 0;
    bool ok = false;
    if (const auto colon = s.find(':'); colon != std::string_view::npos)
        ok = colon == 2 && digits(s.substr(0, 2), hours) && s.size() == 5 && digits(s.substr(3), minutes);
    else if (s.size() == 4)
        ok = digits(s.substr(0, 2), hours) && digits(s.substr(2), minutes);
    else
        ok = digits(s, hours);
    if (!ok || hours > 14 || minutes > 59 || (hours == 14 && minutes > 0))
        return std::nullopt;
    return sign * (hours * 3600 + minutes * 60);
}

std::string offsetName(std::int32_t offset)
{
    const char sign = offset < 0 ? '-' : '+';
    const int a = offset < 0 ? -offset : offset;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, a / 3600, a / 60 % 60);
    return buf;
}

bool isValidZoneName(std::string_view name)
{
    if (name.empty() || name.size() > 64 || name.front() == '/' || name.back() == '/')
        return false;
    std::size_t partStart = 0;
    for (std::size_t i = 0; i <= name.size(); ++i) {
        if (i == name.size() || name[i] == '/') {
            const std::string_view part = name.substr(partStart, i - partStart);
            if (part.empty() || part.front() == '.')
                return false;
            partStart = i + 1;
            continue;
        }
        const char c = name[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
              || c == '+' || c == '.'))
            return false;
    }
    return true;
}

// --- TZif (RFC 8536) -------------------------------------------------------

std::uint32_t be32(const unsigned char *p)
{
    return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | p[3];
}

std::int64_t be64(const unsigned char *p)
{
    return static_cast<std::int64_t>(std::uint64_t(be32(p)) << 32 | be32(p + 4));
}

struct TzifCounts {
    std::uint32_t isut, isstd, leap, time, type, chars;
    std::size_t dataSize(int timeSize) const
    {
        return std::size_t(time) * timeSize + time + std::size_t(type) * 6 + chars + std::size_t(leap) * (timeSize + 4)
             + isstd + isut;
    }
};

bool readCounts(const std::string &data, std::size_t at, TzifCounts &c, char &version)
{
    if (data.size() < at + 44 || data.compare(at, 4, "TZif") != 0)
        return false;
    const auto *p = reinterpret_cast<const unsigned char *>(data.data() + at);
    version = static_cast<char>(p[4]);
    c = {be32(p + 20), be32(p + 24), be32(p + 28), be32(p + 32), be32(p + 36), be32(p + 40)};
    return c.type > 0 && c.type <= 256 && c.time < 100000;
}

// --- POSIX TZ strings (the TZif footer) -------------------------------------

class PosixParser {
public:
    explicit PosixParser(std::string_view s) : m_s(s) { }

    bool parse(TimeZone::PosixRule &rule)
    {
        std::int32_t standard = 0;
        if (!name() || !time(standard))
            return false;
        rule.standardOffset = -standard; // POSIX offsets count west of Greenwich
        if (done())
            return true;
        if (!name())
            return false;
        rule.hasDst = true;
        rule.dstOffset = rule.standardOffset + 3600;
        if (!done() && peek() != ',') {
            std::int32_t dst = 0;
            if (!time(dst))
                return false;
            rule.dstOffset = -dst;
        }
        if (done()) { // no rule given: the POSIX default, today's US rule
            rule.start = {TimeZone::DayRule::Kind::MonthWeekDay, 0, 3, 2, 7200};
            rule.end = {TimeZone::DayRule::Kind::MonthWeekDay, 0, 11, 1, 7200};
            return true;
        }
        return eat(',') && dayRule(rule.start) && eat(',') && dayRule(rule.end) && done();
    }

private:
    bool done() const { return m_i >= m_s.size(); }
    char peek() const { return done() ? '\0' : m_s[m_i]; }
    bool eat(char c)
    {
        if (peek() != c)
            return false;
        ++m_i;
        return true;
    }
    bool number(int &out, int maxDigits)
    {
        const std::size_t start = m_i;
        while (!done() && m_i - start < std::size_t(maxDigits) && peek() >= '0' && peek() <= '9')
            ++m_i;
        if (m_i == start)
            return false;
        std::from_chars(m_s.data() + start, m_s.data() + m_i, out);
        return true;
    }
    bool name()
    {
        if (eat('<')) {
            const std::size_t close = m_s.find('>', m_i);
            if (close == std::string_view::npos)
                return false;
            m_i = close + 1;
            return true;
        }
        const std::size_t start = m_i;
        while (!done() && ((peek() >= 'A' && peek() <= 'Z') || (peek() >= 'a' && peek() <= 'z')))
            ++m_i;
        return m_i - start >= 3;
    }
    // [+-]h[hh][:mm[:ss]] in seconds.
    bool time(std::int32_t &out)
    {
        int sign = 1;
        if (eat('-'))
            sign = -1;
        else
            eat('+');
        int h = 0, m = 0, s = 0;
        if (!number(h, 3) || h > 167)
            return false;
        if (eat(':') && (!number(m, 2) || (eat(':') && !number(s, 2))))
            return false;
        out = sign * (h * 3600 + m * 60 + s);
        return true;
    }
    bool dayRule(TimeZone::DayRule &r)
    {
        using Kind = TimeZone::DayRule::Kind;
        if (eat('M')) {
            r.kind = Kind::MonthWeekDay;
            if (!number(r.month, 2) || !eat('.') || !number(r.week, 1) || !eat('.') || !number(r.day, 1))
                return false;
            if (r.month < 1 || r.month > 12 || r.week < 1 || r.week > 5 || r.day > 6)
                return false;
        } else if (eat('J')) {
            r.kind = Kind::Julian1;
            if (!number(r.day, 3) || r.day < 1 || r.day > 365)
                return false;
        } else {
            r.kind = Kind::Julian0;
            if (!number(r.day, 3) || r.day > 365)
                return false;
        }
        r.time = 7200;
        return !eat('/') || time(r.time);
    }

    std::string_view m_s;
    std::size_t m_i = 0;
};

// Local seconds (as if UTC) at which `r` fires in `year`.
std::int64_t ruleLocalSeconds(const TimeZone::DayRule &r, int year)
{
    using Kind = TimeZone::DayRule::Kind;
    const year_month_day jan1{std::chrono::year(year), January, 1d};
    sys_days day;
    switch (r.kind) {
    case Kind::Julian1: day = sys_days(jan1) + days(r.day - 1 + (jan1.year().is_leap() && r.day >= 60 ? 1 : 0)); break;
    case Kind::Julian0: day = sys_days(jan1) + days(r.day); break;
    case Kind::MonthWeekDay: {
        const year_month first{std::chrono::year(year), month(unsigned(r.month))};
        const sys_days firstDay = sys_days(first / 1d);
        const unsigned firstWeekday = weekday(firstDay).c_encoding();
        int dom = 1 + int((unsigned(r.day) + 7 - firstWeekday) % 7) + (r.week - 1) * 7;
        const int monthLength = int(unsigned(year_month_day_last(first / last).day()));
        while (dom > monthLength)
            dom -= 7;
        day = firstDay + days(dom - 1);
        break;
    }
    }
    return day.time_since_epoch().count() * 86400LL + r.time;
}

std::mutex cacheMutex;
std::map<std::string, std::shared_ptr<const TimeZone>, std::less<>> cache;

} // namespace

std::shared_ptr<const TimeZone> TimeZone::utc()
{
    static const std::shared_ptr<const TimeZone> zone = [] {
        std::shared_ptr<TimeZone> z(new TimeZone);
        z->m_name = "UTC";
        return z;
    }();
    return zone;
}

Result<std::shared_ptr<const TimeZone>> TimeZone::find(std::string_view spec)
{
    if (equalsIgnoringAsciiCase(spec, "UTC") || equalsIgnoringAsciiCase(spec, "Z")
        || equalsIgnoringAsciiCase(spec, "GMT") || spec == "Etc/UTC")
        return utc();
    std::string_view offsetText = spec;
    if (spec.size() > 3
        && (equalsIgnoringAsciiCase(spec.substr(0, 3), "UTC") || equalsIgnoringAsciiCase(spec.substr(0, 3), "GMT"))
        && (spec[3] == '+' || spec[3] == '-'))
        offsetText.remove_prefix(3);
    if (!offsetText.empty() && (offsetText[0] == '+' || offsetText[0] == '-')) {
        const auto offset = parseUtcOffset(offsetText);
        if (!offset)
            return zoneError(quoteText(spec)
                             + " is not a valid UTC offset (use +08:00, -05:30, ... "
                               "from -14:00 to +14:00)");
        std::shared_ptr<TimeZone> z(new TimeZone);
        z->m_name = offsetName(*offset);
        z->m_initialOffset = *offset;
        return std::shared_ptr<const TimeZone>(std::move(z));
    }
    if (!isValidZoneName(spec))
        return zoneError(quoteText(spec)
                         + " is not a time zone name (use UTC, an offset such as "
                           "+08:00, or an IANA name such as Asia/Shanghai)");
    {
        std::lock_guard lock(cacheMutex);
        if (auto it = cache.find(spec); it != cache.end())
            return it->second;
    }
    auto zone = load(std::string(spec));
    if (zone) {
        std::lock_guard lock(cacheMutex);
        cache.emplace(std::string(spec), *zone);
    }
    return zone;
}

Result<std::shared_ptr<const TimeZone>> TimeZone::load(const std::string &name)
{
    const std::string path = std::string(zoneInfoDir) + name;
    std::string data;
    if (std::FILE *f = std::fopen(path.c_str(), "rb")) {
        char buf[4096];
        std::size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, f)) > 0 && data.size() <= maxZoneFileSize)
            data.append(buf, n);
        std::fclose(f);
    }
    TzifCounts counts{};
    char version = 0;
    if (data.empty() || data.size() > maxZoneFileSize || !readCounts(data, 0, counts, version))
        return zoneError("unknown time zone " + quoteText(name) + " (not in the system time zone database)");

    std::size_t at = 44;
    int timeSize = 4;
    if (version >= '2') { // skip the 32-bit block: the 64-bit one follows it
        at += counts.dataSize(4);
        if (!readCounts(data, at, counts, version))
            return zoneError("the time zone file for " + quoteText(name) + " is damaged");
        at += 44;
        timeSize = 8;
    }
    if (data.size() < at + counts.dataSize(timeSize))
        return zoneError("the time zone file for " + quoteText(name) + " is damaged");
    const auto *p = reinterpret_cast<const unsigned char *>(data.data() + at);
    const unsigned char *typeIndexes = p + std::size_t(counts.time) * timeSize;
    const unsigned char *types = typeIndexes + counts.time;

    std::shared_ptr<TimeZone> z(new TimeZone);
    z->m_name = name;
    auto typeOffset = [&](unsigned index) { return static_cast<std::int32_t>(be32(types + 6 * index)); };
    z->m_initialOffset = typeOffset(0);
    for (std::uint32_t i = 0; i < counts.time; ++i) {
        const unsigned index = typeIndexes[i];
        if (index >= counts.type)
            return zoneError("the time zone file for " + quoteText(name) + " is damaged");
        z->m_transitions.push_back(timeSize == 8 ? be64(p + 8 * i) : static_cast<std::int32_t>(be32(p + 4 * i)));
        z->m_offsets.push_back(typeOffset(index));
    }
    if (timeSize == 8) {
        const std::size_t footer = at + counts.dataSize(8);
        if (footer < data.size() && data[footer] == '\n') {
            const std::size_t end = data.find('\n', footer + 1);
            const std::string_view tz = std::string_view(data).substr(
                footer + 1, end == std::string::npos ? std::string::npos : end - footer - 1);
            // An unparsable footer leaves the last transition's offset in force.
            z->m_hasRule = !tz.empty() && PosixParser(tz).parse(z->m_rule);
        }
    }
    return std::shared_ptr<const TimeZone>(std::move(z));
}

std::int32_t TimeZone::ruleOffsetAt(std::int64_t utc) const
{
    if (!m_rule.hasDst)
        return m_rule.standardOffset;
    const sys_days day{days(utc + m_rule.standardOffset >= 0 ? (utc + m_rule.standardOffset) / 86400
                                                             : (utc + m_rule.standardOffset - 86399) / 86400)};
    const int year = int(year_month_day(day).year());
    const std::int64_t start = ruleLocalSeconds(m_rule.start, year) - m_rule.standardOffset;
    const std::int64_t end = ruleLocalSeconds(m_rule.end, year) - m_rule.dstOffset;
    const bool dst = start < end ? (utc >= start && utc < end) : !(utc >= end && utc < start);
    return dst ? m_rule.dstOffset : m_rule.standardOffset;
}

std::chrono::seconds TimeZone::offsetAt(std::chrono::sys_seconds utc) const
{
    const std::int64_t t = utc.time_since_epoch().count();
    if (m_transitions.empty())
        return seconds(m_hasRule ? ruleOffsetAt(t) : m_initialOffset);
    if (t < m_transitions.front())
        return seconds(m_initialOffset);
    const auto it = std::upper_bound(m_transitions.begin(), m_transitions.end(), t);
    const std::size_t index = std::size_t(it - m_transitions.begin()) - 1;
    if (index + 1 == m_transitions.size() && m_hasRule)
        return seconds(ruleOffsetAt(t));
    return seconds(m_offsets[index]);
}

std::chrono::seconds TimeZone::offsetForLocal(std::chrono::local_seconds local) const
{
    // Offsets change at most once within a day in every zone there is, so the
    // offsets a day before and after are the only two candidates.
    const sys_seconds asUtc{local.time_since_epoch()};
    const seconds before = offsetAt(asUtc - days(1));
    const seconds after = offsetAt(asUtc + days(1));
    if (before == after)
        return before;
    if (offsetAt(asUtc - before) == before)
        return before;
    if (offsetAt(asUtc - after) == after)
        return after;
    return before;
}

} // namespace sluice::mapping

#include "cronexpr.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cstdint>
#include <vector>

namespace sluice {

namespace {

using namespace std::chrono;

constexpr std::array<std::string_view, 12> kMonthNames
    = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 7> kDayNames = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

struct FieldSpec {
    const char *name;
    int min;
    int max;
    const std::string_view *names = nullptr; // names[i] is the value nameBase + i
    int nameCount = 0;
    int nameBase = 0;
    const char *nameHint = "";
};

const std::array<FieldSpec, 5> &fieldSpecs()
{
    static const std::array<FieldSpec, 5> specs = {
        FieldSpec{"minute", 0, 59},
        FieldSpec{"hour", 0, 23},
        FieldSpec{"day-of-month", 1, 31},
        FieldSpec{"month", 1, 12, kMonthNames.data(), 12, 1, " or a month name (JAN-DEC)"},
        // 7 is accepted as Sunday, as most crons do.
        FieldSpec{"day-of-week", 0, 7, kDayNames.data(), 7, 0, " or a day name (SUN-SAT)"},
    };
    return specs;
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        const auto at = text.find(separator, start);
        out.push_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
        if (at == std::string_view::npos)
            return out;
        start = at + 1;
    }
}

bool allDigits(std::string_view s)
{
    if (s.empty() || s.size() > 9)
        return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c)))
            return false;
    return true;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(a[i])) != static_cast<unsigned char>(b[i]))
            return false;
    return true;
}

class FieldParser {
public:
    FieldParser(int index, const FieldSpec &spec)
        : m_spec(spec), m_prefix(fmt::format("cron field {} ({})", index + 1, spec.name))
    { }

    Result<std::uint64_t> parse(std::string_view text) const
    {
        std::uint64_t bits = 0;
        for (std::string_view item : split(text, ',')) {
            if (item.empty())
                return error(fmt::format("empty entry in the list '{}'", text));
            const auto slash = item.find('/');
            const std::string_view base = item.substr(0, slash);
            int step = 1;
            if (slash != std::string_view::npos) {
                const std::string_view stepText = item.substr(slash + 1);
                if (!allDigits(stepText) || std::stoi(std::string(stepText)) == 0)
                    return error(fmt::format("step '{}' in '{}' is not a positive number", stepText, item));
                step = std::stoi(std::string(stepText));
            }
            int low = m_spec.min;
            int high = m_spec.max;
            if (base.empty())
                return error(fmt::format("'{}' has nothing before the '/'", item));
            if (base != "*") {
                // A dash after the first character separates a range (names
                // and numbers are never negative, so a leading dash is an error).
                const auto dash = base.find('-', 1);
                auto first = value(base.substr(0, dash));
                if (!first)
                    return std::unexpected(first.error());
                low = *first;
                if (dash != std::string_view::npos) {
                    auto last = value(base.substr(dash + 1));
                    if (!last)
                        return std::unexpected(last.error());
                    high = *last;
                    if (low > high)
                        return error(fmt::format("range '{}' goes backwards; write it as two ranges "
                                                 "('{}-{},{}-{}')",
                                                 base, low, m_spec.max, m_spec.min, high));
                } else if (slash == std::string_view::npos) {
                    high = low;
                }
                // "5/20" runs from 5 to the field's end, as in Vixie cron.
            }
            for (int v = low; v <= high; v += step)
                bits |= std::uint64_t(1) << v;
        }
        return bits;
    }

private:
    Result<int> value(std::string_view token) const
    {
        if (allDigits(token)) {
            const int v = std::stoi(std::string(token));
            if (v < m_spec.min || v > m_spec.max)
                return error(fmt::format("'{}' is out of range {}-{}", token, m_spec.min, m_spec.max));
            return v;
        }
        for (int i = 0; i < m_spec.nameCount; ++i)
            if (equalsIgnoringCase(token, m_spec.names[i]))
                return m_spec.nameBase + i;
        if (token.empty())
            return error("a range is missing a value");
        return error(fmt::format("'{}' is not a number{}", token, m_spec.nameHint));
    }

    std::unexpected<Error> error(const std::string &message) const
    {
        return invalidInput("schedule.cron", m_prefix + ": " + message);
    }

    const FieldSpec &m_spec;
    std::string m_prefix;
};

std::string_view expandShortcut(std::string_view text)
{
    if (text == "@yearly" || text == "@annually")
        return "0 0 1 1 *";
    if (text == "@monthly")
        return "0 0 1 * *";
    if (text == "@weekly")
        return "0 0 * * 0";
    if (text == "@daily" || text == "@midnight")
        return "0 0 * * *";
    if (text == "@hourly")
        return "0 * * * *";
    return {};
}

std::uint64_t fullRange(int min, int max)
{
    std::uint64_t bits = 0;
    for (int v = min; v <= max; ++v)
        bits |= std::uint64_t(1) << v;
    return bits;
}

} // namespace

Result<CronExpr> CronExpr::parse(std::string_view text)
{
    auto trim = [](std::string_view s) {
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
            s.remove_prefix(1);
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
            s.remove_suffix(1);
        return s;
    };
    const std::string_view original = trim(text);
    if (original.empty())
        return invalidInput("schedule.cron", "the cron expression is empty");
    std::string_view expression = original;
    if (expression.front() == '@') {
        expression = expandShortcut(original);
        if (expression.empty())
            return invalidInput("schedule.cron",
                                fmt::format("unknown shortcut '{}' (use @hourly, @daily, @weekly, @monthly or "
                                            "@yearly)",
                                            original));
    }

    std::vector<std::string_view> fields;
    for (std::size_t i = 0; i < expression.size();) {
        while (i < expression.size() && std::isspace(static_cast<unsigned char>(expression[i])))
            ++i;
        const std::size_t start = i;
        while (i < expression.size() && !std::isspace(static_cast<unsigned char>(expression[i])))
            ++i;
        if (i > start)
            fields.push_back(expression.substr(start, i - start));
    }
    if (fields.size() != 5)
        return invalidInput("schedule.cron",
                            fmt::format("'{}' has {} field{}; a cron expression has 5 (minute hour "
                                        "day-of-month month day-of-week){}",
                                        original, fields.size(), fields.size() == 1 ? "" : "s",
                                        fields.size() == 6 ? "; seconds and years are not supported" : ""));

    std::array<std::uint64_t, 5> bits{};
    for (std::size_t i = 0; i < 5; ++i) {
        auto parsed = FieldParser(int(i), fieldSpecs()[i]).parse(fields[i]);
        if (!parsed)
            return std::unexpected(parsed.error());
        bits[i] = *parsed;
    }
    // Sunday may be written 0 or 7.
    if (bits[4] & (std::uint64_t(1) << 7))
        bits[4] = (bits[4] | 1) & ~(std::uint64_t(1) << 7);

    CronExpr e;
    e.m_text = std::string(original);
    e.m_minutes = std::bitset<60>(bits[0]);
    e.m_hours = std::bitset<24>(bits[1]);
    e.m_daysOfMonth = std::bitset<32>(bits[2]);
    e.m_months = std::bitset<13>(bits[3]);
    e.m_weekdays = std::bitset<7>(bits[4]);
    e.m_daysOfMonthRestricted = bits[2] != fullRange(1, 31);
    e.m_weekdaysRestricted = bits[4] != fullRange(0, 6);

    // With only the day of the month restricting, a day that no allowed
    // month has ("30 2") would never come: refuse it rather than wait forever.
    if (e.m_daysOfMonthRestricted && !e.m_weekdaysRestricted) {
        constexpr std::array<int, 13> kLongest = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        bool possible = false;
        for (int m = 1; m <= 12 && !possible; ++m)
            for (int d = 1; d <= kLongest[m] && e.m_months[m]; ++d)
                possible = possible || e.m_daysOfMonth[d];
        if (!possible)
            return invalidInput("schedule.cron",
                                fmt::format("'{}' never matches: no allowed month has the day of the month "
                                            "it names",
                                            original));
    }
    return e;
}

bool CronExpr::dayMatches(sys_days day) const
{
    const year_month_day ymd{day};
    const bool dayOfMonth = m_daysOfMonth[unsigned(ymd.day())];
    const bool dayOfWeek = m_weekdays[weekday{day}.c_encoding()];
    if (m_daysOfMonthRestricted && m_weekdaysRestricted)
        return dayOfMonth || dayOfWeek;
    // An unrestricted field allows every day, so AND leaves the other one.
    return dayOfMonth && dayOfWeek;
}

bool CronExpr::matches(sys_seconds t) const
{
    const sys_days day = floor<days>(t);
    const year_month_day ymd{day};
    const auto minuteOfDay = duration_cast<minutes>(t - day).count();
    return m_months[unsigned(ymd.month())] && dayMatches(day) && m_hours[minuteOfDay / 60]
        && m_minutes[minuteOfDay % 60];
}

std::optional<sys_seconds> CronExpr::nextAfter(sys_seconds t) const
{
    const sys_seconds start = floor<minutes>(t) + minutes{1};
    sys_days day = floor<days>(start);
    int minuteOfDay = int(duration_cast<minutes>(start - day).count());
    const sys_days end = sys_days{year{9999} / December / 31};
    while (day <= end) {
        const year_month_day ymd{day};
        if (!m_months[unsigned(ymd.month())]) {
            // Skip the whole month.
            const year_month next = year_month{ymd.year(), ymd.month()} + std::chrono::months{1};
            day = sys_days{next / 1};
            minuteOfDay = 0;
            continue;
        }
        if (dayMatches(day)) {
            for (int h = minuteOfDay / 60; h < 24; ++h) {
                if (!m_hours[h])
                    continue;
                for (int m = h == minuteOfDay / 60 ? minuteOfDay % 60 : 0; m < 60; ++m)
                    if (m_minutes[m])
                        return sys_seconds{day} + hours{h} + minutes{m};
            }
        }
        day += days{1};
        minuteOfDay = 0;
    }
    return std::nullopt;
}

} // namespace sluice

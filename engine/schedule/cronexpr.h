#pragma once
// Five-field cron expressions, evaluated in UTC:
//
//   minute hour day-of-month month day-of-week
//   0-59   0-23 1-31         1-12  0-7 (0 and 7 are Sunday)
//
// Each field is a comma-separated list of `*`, `N`, `A-B`, with an optional
// step (`*/15`, `9-17/2`, `5/20` = 5 to the field's end every 20). Months
// and days of the week may be written as names (JAN-DEC, SUN-SAT, any case).
// `@hourly`, `@daily` (`@midnight`), `@weekly`, `@monthly`, `@yearly`
// (`@annually`) stand for their usual expressions.
//
// Day matching follows POSIX: when both day fields restrict (allow fewer than
// all their values), a day matches if EITHER matches ("0 0 13 * FRI" is the
// 13th and every Friday); otherwise both must. Unlike Vixie cron, `*/2`
// counts as restricting: it allows every other day, not every day.

#include "core/error.h"

#include <bitset>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sluice {

class CronExpr {
public:
    // Errors name the field and the offending text:
    // "cron field 2 (hour): '25' is out of range 0-23".
    static Result<CronExpr> parse(std::string_view text);

    // The first whole minute strictly after `t` that the expression matches.
    // parse() refuses dates that never occur ("0 0 30 2 *"), so this finds
    // one within eight years (29 February); nullopt only past year 9999.
    std::optional<std::chrono::sys_seconds> nextAfter(std::chrono::sys_seconds t) const;
    bool matches(std::chrono::sys_seconds t) const;

    const std::string &text() const { return m_text; }

private:
    bool dayMatches(std::chrono::sys_days day) const;

    std::bitset<60> m_minutes;
    std::bitset<24> m_hours;
    std::bitset<32> m_daysOfMonth; // bit 0 unused
    std::bitset<13> m_months;      // bit 0 unused
    std::bitset<7> m_weekdays;     // 0 = Sunday
    bool m_daysOfMonthRestricted = false;
    bool m_weekdaysRestricted = false;
    std::string m_text;
};

} // namespace sluice

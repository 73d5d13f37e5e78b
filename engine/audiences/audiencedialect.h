#pragma once
// The SQL fragments that differ between the sources an audience runs on.
// Every value the user typed reaches SQL through literal() (escaped, typed
// by its column); every name through quoteIdentifier() after the compiler
// has checked it is a column of the model.
#include "core/value.h"
#include "formats/timezone.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sluice::audiences {

enum class Dialect { SQLite, PostgreSQL, Snowflake };

std::optional<Dialect> dialectForSourceKind(std::string_view kind);
std::string_view dialectName(Dialect dialect); // "SQLite", "PostgreSQL", "Snowflake"

// A local calendar day and the UTC instant it starts at in the user's zone.
struct DayStart {
    std::chrono::sys_days day; // the local date, as a count of days
    std::chrono::sys_seconds utc;
    std::string dayText() const;     // "2026-12-07"
    std::string instantText() const; // "2026-12-06T16:00:00Z"
};

// Local days in one time zone, from one `now`.
class LocalCalendar {
public:
    LocalCalendar(std::chrono::sys_seconds now, std::shared_ptr<const mapping::TimeZone> zone);
    std::chrono::sys_days today() const { return m_today; }
    DayStart start(std::chrono::sys_days localDay) const;
    // "YYYY-MM-DD", a day the calendar has, from 1900 to 2199; the one day
    // reader of the audiences (jsonreading::isDay asks it).
    static std::optional<std::chrono::sys_days> parseDay(const std::string &text);

private:
    std::shared_ptr<const mapping::TimeZone> m_zone;
    std::chrono::sys_days m_today;
};

class SqlDialect {
public:
    explicit SqlDialect(Dialect dialect) : m_dialect(dialect) { }
    Dialect dialect() const { return m_dialect; }

    std::string identifier(std::string_view name) const;
    // `value` as a literal for a comparison with `column`: on PostgreSQL and
    // Snowflake converted to the column's type (a number typed as text for a
    // numeric column, a number for a text column), on SQLite as given (its
    // columns have no fixed type). nullopt when it cannot be converted.
    std::optional<std::string> literal(const Value &value, const Column &column) const;
    std::string textLiteral(std::string_view text) const;
    std::string falseLiteral() const { return "FALSE"; }
    std::string trueCondition() const { return "1 = 1"; }
    std::string falseCondition() const { return "1 = 0"; }

    // a <> b where NULL counts as different.
    std::string distinctFrom(const std::string &expr, const std::string &literal) const;
    // Case-insensitive text tests; the needle is already a literal.
    std::string contains(const std::string &expr, const Column &column, const std::string &needle) const;
    std::string startsWith(const std::string &expr, const Column &column, const std::string &needle,
                           std::size_t needleChars) const;
    std::string isEmpty(const std::string &expr, const Column &column) const;

    // The time in `expr` (a column of `column`'s type, or an aggregate of
    // one) is on or after / before the start of `day`. Dates compare as
    // local days, timestamps as instants; ISO text holds either (a text of
    // ten characters is a day).
    std::string timeAtLeast(const std::string &expr, const Column &column, const DayStart &day) const;
    std::string timeBefore(const std::string &expr, const Column &column, const DayStart &day) const;

private:
    enum class TimeKind { Date, Instant, NaiveUtc, Text };
    TimeKind timeKind(const Column &column) const;
    std::string timeCompare(const std::string &expr, const Column &column, const DayStart &day,
                            std::string_view op) const;
    std::string asText(const std::string &expr, const Column &column) const;

    Dialect m_dialect;
};

} // namespace sluice::audiences

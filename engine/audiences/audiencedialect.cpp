#include "audiencedialect.h"

#include "formats/numbers.h"
#include "formats/sqlquote.h"
#include "formats/textutil.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace sluice::audiences {

using namespace std::chrono;
using mapping::parseDecimal;
using mapping::parseInteger;
using mapping::trimmed;

namespace {

std::string lowered(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

bool isNumeric(const Column &column)
{
    return column.type == ValueType::Integer || column.type == ValueType::Real;
}

} // namespace

std::optional<Dialect> dialectForSourceKind(std::string_view kind)
{
    if (kind == "sqlite")
        return Dialect::SQLite;
    if (kind == "postgres")
        return Dialect::PostgreSQL;
    if (kind == "snowflake")
        return Dialect::Snowflake;
    return std::nullopt;
}

std::string_view dialectName(Dialect dialect)
{
    switch (dialect) {
    case Dialect::SQLite: return "SQLite";
    case Dialect::PostgreSQL: return "PostgreSQL";
    case Dialect::Snowflake: return "Snowflake";
    }
    return "?";
}

std::string DayStart::dayText() const
{
    return fmt::format("{:%F}", day);
}

std::string DayStart::instantText() const
{
    return fmt::format("{:%FT%T}Z", utc);
}

LocalCalendar::LocalCalendar(sys_seconds now, std::shared_ptr<const mapping::TimeZone> zone)
    : m_zone(zone ? std::move(zone) : mapping::TimeZone::utc())
{
    m_today = floor<days>(now + m_zone->offsetAt(now));
}

DayStart LocalCalendar::start(sys_days localDay) const
{
    const local_seconds local{localDay.time_since_epoch()};
    return DayStart{localDay, sys_seconds{(local - m_zone->offsetForLocal(local)).time_since_epoch()}};
}

std::optional<sys_days> LocalCalendar::parseDay(const std::string &text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (text[i] < '0' || text[i] > '9')
            return std::nullopt;
    auto number
        = [&](std::size_t at, std::size_t count) { return *parseInteger(std::string_view(text).substr(at, count)); };
    // A day the calendar has (2026-02-29 is not one), in years whose instants
    // every clock type holds (nanoseconds since 1970 end in 2262).
    const std::int64_t y = number(0, 4);
    const year_month_day ymd{std::chrono::year(int(y)), std::chrono::month(unsigned(number(5, 2))),
                             std::chrono::day(unsigned(number(8, 2)))};
    if (!ymd.ok() || y < 1900 || y > 2199)
        return std::nullopt;
    return sys_days(ymd);
}

std::string SqlDialect::identifier(std::string_view name) const
{
    return quoteIdentifier(name, '"');
}

std::string SqlDialect::textLiteral(std::string_view text) const
{
    return sqlLiteral(Value(std::string(text)));
}

std::optional<std::string> SqlDialect::literal(const Value &value, const Column &column) const
{
    const bool sqlite = m_dialect == Dialect::SQLite;
    if (isNumeric(column)) {
        if (value.type() == ValueType::Integer || value.type() == ValueType::Real)
            return sqlLiteral(value);
        if (value.type() == ValueType::Text && parseDecimal(value.asText()))
            // SQLite compares a quoted number as text, so it goes bare (it
            // parsed as a number); the others read the quoted digits as the
            // column's own type, unchanged.
            return sqlite ? std::string(trimmed(value.asText())) : sqlLiteral(value);
        return std::nullopt;
    }
    if (sqlite)
        return value.type() == ValueType::Boolean ? std::string(value.asBoolean() ? "1" : "0") : sqlLiteral(value);
    if (column.type == ValueType::Boolean) {
        if (value.type() == ValueType::Boolean)
            return sqlLiteral(value);
        if (value.type() == ValueType::Text && (value.asText() == "true" || value.asText() == "false"))
            return std::string(value.asText() == "true" ? "TRUE" : "FALSE");
        return std::nullopt;
    }
    // Text, dates and the rest: a quoted text the server reads as the column's type.
    return textLiteral(value.toString());
}

std::string SqlDialect::distinctFrom(const std::string &expr, const std::string &literal) const
{
    if (m_dialect == Dialect::SQLite)
        return expr + " IS NOT " + literal;
    return expr + " IS DISTINCT FROM " + literal;
}

std::string SqlDialect::asText(const std::string &expr, const Column &column) const
{
    if (m_dialect == Dialect::SQLite || column.type == ValueType::Text)
        return expr;
    return "CAST(" + expr + (m_dialect == Dialect::Snowflake ? " AS TEXT)" : " AS text)");
}

std::string SqlDialect::contains(const std::string &expr, const Column &column, const std::string &needle) const
{
    const std::string hay = "lower(" + asText(expr, column) + ")";
    switch (m_dialect) {
    case Dialect::SQLite: return "instr(" + hay + ", lower(" + needle + ")) > 0";
    case Dialect::PostgreSQL: return "strpos(" + hay + ", lower(" + needle + ")) > 0";
    case Dialect::Snowflake: return "CONTAINS(" + hay + ", lower(" + needle + "))";
    }
    return {};
}

std::string SqlDialect::startsWith(const std::string &expr, const Column &column, const std::string &needle,
                                   std::size_t needleChars) const
{
    const std::string hay = "lower(" + asText(expr, column) + ")";
    switch (m_dialect) {
    case Dialect::SQLite: return "substr(" + hay + ", 1, " + std::to_string(needleChars) + ") = lower(" + needle + ")";
    case Dialect::PostgreSQL: return "left(" + hay + ", " + std::to_string(needleChars) + ") = lower(" + needle + ")";
    case Dialect::Snowflake: return "STARTSWITH(" + hay + ", lower(" + needle + "))";
    }
    return {};
}

std::string SqlDialect::isEmpty(const std::string &expr, const Column &column) const
{
    if (m_dialect == Dialect::SQLite || column.type == ValueType::Text)
        return "(" + expr + " IS NULL OR " + expr + " = '')";
    return expr + " IS NULL";
}

SqlDialect::TimeKind SqlDialect::timeKind(const Column &column) const
{
    const std::string type = lowered(column.declaredType);
    if (m_dialect == Dialect::SQLite)
        return TimeKind::Text;
    if (type == "date")
        return TimeKind::Date;
    if (type == "timestamp with time zone" || type == "timestamptz" || type == "timestamp_tz"
        || type == "timestamp_ltz")
        return TimeKind::Instant;
    if (type == "timestamp without time zone" || type == "timestamp" || type == "timestamp_ntz")
        return TimeKind::NaiveUtc;
    return TimeKind::Text;
}

std::string SqlDialect::timeCompare(const std::string &expr, const Column &column, const DayStart &day,
                                    std::string_view op) const
{
    const std::string o = " " + std::string(op) + " ";
    const std::string dayText = textLiteral(day.dayText());
    const std::string instant = textLiteral(day.instantText());
    const bool snowflake = m_dialect == Dialect::Snowflake;
    switch (timeKind(column)) {
    case TimeKind::Date: return expr + o + (snowflake ? "TO_DATE(" + dayText + ")" : "DATE " + dayText);
    case TimeKind::Instant:
        return expr + o + (snowflake ? "TO_TIMESTAMP_TZ(" + instant + ")" : "TIMESTAMPTZ " + instant);
    case TimeKind::NaiveUtc: {
        const std::string naive = textLiteral(fmt::format("{:%F %T}", day.utc));
        return expr + o + (snowflake ? "TO_TIMESTAMP_NTZ(" + naive + ")" : "TIMESTAMP " + naive);
    }
    case TimeKind::Text: break;
    }
    // ISO text: ten characters is a local day, longer an instant (an
    // offset, or UTC when it has none).
    std::string instantTest;
    switch (m_dialect) {
    case Dialect::SQLite: instantTest = "julianday(" + expr + ")" + o + "julianday(" + instant + ")"; break;
    case Dialect::PostgreSQL: instantTest = "CAST(" + expr + " AS timestamptz)" + o + "TIMESTAMPTZ " + instant; break;
    case Dialect::Snowflake:
        instantTest = "TRY_TO_TIMESTAMP_TZ(" + expr + ")" + o + "TO_TIMESTAMP_TZ(" + instant + ")";
        break;
    }
    const std::string exact
        = "(CASE WHEN length(" + expr + ") = 10 THEN " + expr + o + dayText + " ELSE " + instantTest + " END)";
    if (m_dialect != Dialect::SQLite || op != ">=")
        return exact;
    // julianday() hides the column from an index. A text comparison SQLite
    // can seek on goes first, one that every time at or after the instant
    // passes whatever its offset (at most 14 hours) and form (a day, or a time
    // after T or a space): its day at least the UTC day 14 hours before. The
    // exact test decides the rest, so the members do not change.
    const auto earliest = std::chrono::floor<std::chrono::days>(day.utc - std::chrono::hours(14));
    return "(" + expr + " >= " + textLiteral(fmt::format("{:%F}", std::chrono::sys_days(earliest))) + " AND " + exact
         + ")";
}

std::string SqlDialect::timeAtLeast(const std::string &expr, const Column &column, const DayStart &day) const
{
    return timeCompare(expr, column, day, ">=");
}

std::string SqlDialect::timeBefore(const std::string &expr, const Column &column, const DayStart &day) const
{
    return timeCompare(expr, column, day, "<");
}

} // namespace sluice::audiences

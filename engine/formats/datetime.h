#pragma once
// Dates and date-times for the cast transform, the template date filter and
// days_since(). Sluice has no date Value type: dates travel as text
// ("2026-03-29", "2026-03-29T09:30:00+08:00") or as epoch numbers, and are
// parsed and formatted here.
//
// Formats are "iso" (ISO 8601 / RFC 3339, the default), "epoch" (seconds
// since 1970-01-01 UTC), "epochMillis", or a pattern of strftime-style
// directives: %Y %m %d %H %M %S %f %z %y %I %p %b %B %a %A %F %T %%.
// Patterns are compiled once; a malformed one is an error with the position
// of the offending '%'.

#include "core/error.h"
#include "core/value.h"
#include "timezone.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::mapping {

// A calendar date, or an instant when hasTime is true.
struct DateTimeValue {
    std::int64_t micros = 0; // instant: UTC microseconds since 1970; date: its midnight, as if UTC
    bool hasTime = false;
};

class DateFormat {
public:
    // `pattern` as the user wrote it. Errors: InvalidInput "mapping.format_syntax"
    // with the character position of the problem, `where` left for the caller.
    static Result<DateFormat> compile(std::string_view pattern);
    // The same, for a pattern quoted inside a longer text (a template):
    // positions count from the start of `source`, where the pattern begins
    // at byte `offset`.
    static Result<DateFormat> compile(std::string_view pattern, std::string_view source, std::size_t offset);
    static DateFormat iso();

    // Reads `value`: text in this format; Integer and Real values are always
    // epoch seconds (epochMillis: milliseconds). A text without a UTC offset is
    // wall-clock time in `zone`. On failure returns false and says why in `error`.
    bool parse(const Value &value, const TimeZone &zone, DateTimeValue &out, std::string &error) const;

    // Writes `value` as a date (time of day dropped) or as a date-time in
    // `zone`. Epoch formats give an Integer, the others Text.
    Value formatDate(const DateTimeValue &value, const TimeZone &zone) const;
    Value formatDateTime(const DateTimeValue &value, const TimeZone &zone) const;

    bool isEpoch() const { return m_kind == Kind::Epoch || m_kind == Kind::EpochMillis; }
    const std::string &pattern() const { return m_pattern; }

    struct Piece {
        char directive = 0; // 0 for literal text
        std::string literal;
    };

private:
    enum class Kind { Iso, Epoch, EpochMillis, Pattern };
    DateFormat() = default;

    Kind m_kind = Kind::Iso;
    std::string m_pattern;
    std::vector<Piece> m_pieces;
};

// Whole days from `value`'s date (UTC for instants) to the UTC date of `now`,
// for days_since(); false when `value` is not a date.
bool daysBetween(const Value &value, std::int64_t nowSeconds, std::int64_t &days);

} // namespace sluice::mapping

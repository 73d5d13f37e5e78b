#pragma once
// Time zones for casts and the date filter. GCC 12's libstdc++ has no
// std::chrono::locate_zone, so zones are resolved here:
//   - "UTC", "Z" and fixed offsets: "+08:00", "+0800", "+08", "-05:30", "UTC+8";
//   - IANA names ("Asia/Shanghai", "America/New_York") read from the system
//     tz database (/usr/share/zoneinfo, TZif format, RFC 8536), including the
//     POSIX TZ rule in the file's footer for instants after its last transition.
// Zone names are checked before any file is opened (letters, digits, '_',
// '-', '+' and '/' between name parts; no "..", no absolute paths), so a
// mapping cannot read anything but zoneinfo files. Loaded zones are cached
// for the process: compiling a mapping per keystroke does not re-read files.

#include "core/error.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::mapping {

class TimeZone {
public:
    // `spec` as the user wrote it; errors are InvalidInput "mapping.time_zone".
    static Result<std::shared_ptr<const TimeZone>> find(std::string_view spec);
    static std::shared_ptr<const TimeZone> utc();

    // Offset from UTC in effect at the instant `utc`.
    std::chrono::seconds offsetAt(std::chrono::sys_seconds utc) const;

    // Offset for a wall-clock time in this zone. In a gap (clocks jump
    // forward) or an overlap (clocks fall back) the offset in effect just
    // before the change is used, the same choice as most databases make.
    std::chrono::seconds offsetForLocal(std::chrono::local_seconds local) const;

    const std::string &name() const { return m_name; }

    // A transition rule from the POSIX TZ string in a TZif footer
    // ("M3.2.0/2", "J60", "59"); public for the parser in timezone.cpp.
    struct DayRule {
        enum class Kind { Julian1, Julian0, MonthWeekDay } kind = Kind::MonthWeekDay;
        int day = 0;              // Jn: 1..365, n: 0..365, Mm.w.d: weekday 0..6 (Sunday = 0)
        int month = 0;            // Mm.w.d only
        int week = 0;             // Mm.w.d only, 5 = last
        std::int32_t time = 7200; // seconds after local midnight, may be negative or > 24 h
    };
    struct PosixRule {
        std::int32_t standardOffset = 0; // seconds east of UTC
        bool hasDst = false;
        std::int32_t dstOffset = 0;
        DayRule start, end;
    };

private:
    TimeZone() = default;
    static Result<std::shared_ptr<const TimeZone>> load(const std::string &name);
    std::int32_t ruleOffsetAt(std::int64_t utc) const;

    std::string m_name;
    std::vector<std::int64_t> m_transitions; // UTC seconds, ascending
    std::vector<std::int32_t> m_offsets;     // offset in effect from each transition on
    std::int32_t m_initialOffset = 0;        // before the first transition (or the fixed offset)
    bool m_hasRule = false;                  // footer rule after the last transition
    PosixRule m_rule;
};

} // namespace sluice::mapping

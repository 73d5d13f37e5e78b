#pragma once
// When a sync runs by itself: SyncDef::settings["schedule"], one of
//
//   {"type": "manual"}                                  (the default)
//   {"type": "interval", "minutes": 60}
//   {"type": "cron", "expression": "*/15 9-17 * * 1-5", "timezone": "UTC"}
//   {"type": "continuous", "seconds": 10}              (poll every N seconds)
//
// Cron expressions are evaluated in UTC only ("timezone" may be omitted or
// "UTC"); see cronexpr.h for the syntax. The daemon (daemon/daemon.h) asks
// nextDue() with the start of the sync's last run from the run history, so
// a restarted daemon neither repeats a run nor forgets one that was missed.
// A schedule changed while the daemon runs counts from the change (the
// daemon passes the time of the change as the last start), so an edit never
// starts a run at once.

#include "core/entities.h"
#include "core/error.h"
#include "cronexpr.h"
#include "formats/isotime.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sluice {

enum class ScheduleType { Manual, Interval, Cron, Continuous };

struct Schedule {
    ScheduleType type = ScheduleType::Manual;
    std::chrono::seconds every{0}; // Interval and Continuous
    std::optional<CronExpr> cron;  // Cron

    // "manual", "every 15 minutes", "cron '*/15 9-17 * * 1-5' (UTC)", "continuous, every 10 s"
    std::string describe() const;
};

// Parses the value of settings["schedule"] (null or absent: manual). Errors
// name the key, e.g. where "schedule.minutes": "must be a whole number of
// minutes from 1 to 525600".
Result<Schedule> parseSchedule(const nlohmann::json &value);

// The schedule of a sync, with errors placed at "sync 'NAME': settings.schedule...".
Result<Schedule> syncSchedule(const SyncDef &sync);

// When the sync is next due, given when its last run started (nullopt: it
// never ran) and the time now; a time at or before `now` means "run now".
//   manual:              never (nullopt)
//   interval/continuous: last start + the period; now when it never ran
//   cron:                the first matching minute after the last start, so
//                        slots missed while nothing ran are made up by one
//                        run; when it never ran, the first matching minute
//                        from now on (now itself if it is one).
std::optional<SysTime> nextDue(const Schedule &schedule, std::optional<SysTime> lastRunStart, SysTime now);

} // namespace sluice

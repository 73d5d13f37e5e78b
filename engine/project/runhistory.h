#pragma once
// Questions about a sync's past runs that schedules and alerts ask of the
// project file (the runs and run_log tables belong to project/; nothing
// outside it writes or reads them in SQL). Runs of kind dry-run and
// reset-baseline never count for a schedule or an alert.

#include "core/error.h"
#include "core/value.h"
#include "formats/isotime.h"
#include "project/runrecorder.h"

#include <sqlite3.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sluice {

// The start of the sync's last run that counts for its schedule (whatever
// its status); nullopt if none.
Result<std::optional<SysTime>> lastScheduledRunStart(sqlite3 *db, const std::string &syncName);

// When the sync's last run was deferred (a server asked to wait longer than a
// run waits), the time its pending rows are due: the daemon runs the sync
// then rather than at its schedule's next time. nullopt otherwise.
Result<std::optional<SysTime>> deferredUntil(sqlite3 *db, const std::string &syncName);

// The end of the sync's last run that delivered (succeeded or partial).
Result<std::optional<SysTime>> lastSuccessEnd(sqlite3 *db, const std::string &syncName);
// The start of the sync's first run.
Result<std::optional<SysTime>> firstRunStart(sqlite3 *db, const std::string &syncName);

// Adds lines to a finished run's job log (alerts write what they did there).
Result<> appendRunLog(sqlite3 *db, std::int64_t runId, const std::vector<std::pair<LogLevel, std::string>> &lines);

} // namespace sluice

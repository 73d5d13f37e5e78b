#pragma once
// Where each alert rule of a sync stands (the alert_state table of the
// project file): whether an incident is open, since when, the last run it
// judged and how many runs the incident has lasted. Alerts decide; this
// keeps their memory.

#include "core/error.h"

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <string>

namespace sluice {

struct AlertRuleState {
    bool active = false;
    std::string since;             // ISO time the incident began ("" when none)
    std::int64_t lastRunId = 0;    // the last run judged
    std::int64_t incidentRuns = 0; // runs the open incident has lasted
};

// Every stored rule of the sync, by rule name.
Result<std::map<std::string, AlertRuleState>> readAlertStates(sqlite3 *db, std::int64_t syncId);
Result<> saveAlertState(sqlite3 *db, std::int64_t syncId, const std::string &rule, const AlertRuleState &state,
                        const std::string &detail);
Result<> forgetAlertState(sqlite3 *db, std::int64_t syncId, const std::string &rule);
Result<> markAlertNotified(sqlite3 *db, std::int64_t syncId, const std::string &rule, const std::string &when);

} // namespace sluice

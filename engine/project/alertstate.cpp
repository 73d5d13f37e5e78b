#include "alertstate.h"

#include "core/sqlitehandle.h"

namespace sluice {

Result<std::map<std::string, AlertRuleState>> readAlertStates(sqlite3 *db, std::int64_t syncId)
{
    auto st = sqlite::prepare(db, "SELECT rule, active, since, last_run_id, incident_runs FROM alert_state "
                                  "WHERE sync_id = ?1");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, syncId);
    std::map<std::string, AlertRuleState> stored;
    if (auto read = sqlite::eachRow(
            *st,
            [&] {
                stored[st->text(0)] = AlertRuleState{st->integer(1) != 0, st->text(2), st->integer(3), st->integer(4)};
            });
        !read)
        return std::unexpected(read.error());
    return stored;
}

Result<> saveAlertState(sqlite3 *db, std::int64_t syncId, const std::string &rule, const AlertRuleState &state,
                        const std::string &detail)
{
    auto st = sqlite::prepare(db, "INSERT INTO alert_state(sync_id, rule, active, since, last_run_id, "
                                  "incident_runs, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                                  "ON CONFLICT(sync_id, rule) DO UPDATE SET active = excluded.active, "
                                  "since = excluded.since, last_run_id = excluded.last_run_id, "
                                  "incident_runs = excluded.incident_runs, detail = excluded.detail");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, syncId);
    st->bind(2, rule);
    st->bind(3, std::int64_t(state.active ? 1 : 0));
    if (state.since.empty())
        st->bindNull(4);
    else
        st->bind(4, state.since);
    st->bind(5, state.lastRunId);
    st->bind(6, state.incidentRuns);
    st->bind(7, detail);
    return st->run();
}

Result<> forgetAlertState(sqlite3 *db, std::int64_t syncId, const std::string &rule)
{
    auto st = sqlite::prepare(db, "DELETE FROM alert_state WHERE sync_id = ?1 AND rule = ?2");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, syncId);
    st->bind(2, rule);
    return st->run();
}

Result<> markAlertNotified(sqlite3 *db, std::int64_t syncId, const std::string &rule, const std::string &when)
{
    auto st = sqlite::prepare(db, "UPDATE alert_state SET last_notified = ?1 WHERE sync_id = ?2 AND rule = ?3");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, when);
    st->bind(2, syncId);
    st->bind(3, rule);
    return st->run();
}

} // namespace sluice

#include "runhistory.h"

#include "core/sqlitehandle.h"
#include "project/statestore.h"

namespace sluice {

namespace {

// The first column of the first row as a time; nullopt for no row or NULL.
Result<std::optional<SysTime>> timeQuery(sqlite3 *db, const std::string &sql, const std::string &syncName)
{
    auto st = sqlite::prepare(db, sql);
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, syncName);
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row || st->isNull(0))
        return std::optional<SysTime>();
    return parseIsoUtc(st->text(0));
}

} // namespace

Result<std::optional<SysTime>> lastScheduledRunStart(sqlite3 *db, const std::string &syncName)
{
    return timeQuery(db,
                     "SELECT started_at FROM runs WHERE sync_name = ?1 "
                     "AND kind NOT IN ('dry-run', 'reset-baseline') ORDER BY id DESC LIMIT 1",
                     syncName);
}

Result<std::optional<SysTime>> deferredUntil(sqlite3 *db, const std::string &syncName)
{
    // Only while the last run is the deferred one: a later run ends the wait.
    return timeQuery(db,
                     "SELECT CASE WHEN status = 'deferred' THEN json_extract(counts, '$.deferred_until') END "
                     "FROM runs WHERE sync_name = ?1 AND kind NOT IN ('dry-run', 'reset-baseline') "
                     "ORDER BY id DESC LIMIT 1",
                     syncName);
}

Result<std::optional<SysTime>> lastSuccessEnd(sqlite3 *db, const std::string &syncName)
{
    return timeQuery(db,
                     "SELECT max(ended_at) FROM runs WHERE sync_name = ?1 AND status IN ('succeeded', "
                     "'partial') AND kind NOT IN ('dry-run', 'reset-baseline')",
                     syncName);
}

Result<std::optional<SysTime>> firstRunStart(sqlite3 *db, const std::string &syncName)
{
    return timeQuery(db,
                     "SELECT min(started_at) FROM runs WHERE sync_name = ?1 AND kind NOT IN ('dry-run', "
                     "'reset-baseline')",
                     syncName);
}

Result<> appendRunLog(sqlite3 *db, std::int64_t runId, const std::vector<std::pair<LogLevel, std::string>> &lines)
{
    if (lines.empty())
        return {};
    auto st = sqlite::prepare(db, "INSERT INTO run_log(run_id, at, level, batch, row_key, message) "
                                  "VALUES (?1, ?2, ?3, NULL, NULL, ?4)");
    if (!st)
        return std::unexpected(st.error());
    for (const auto &[level, message] : lines) {
        st->reset();
        st->bind(1, runId);
        st->bind(2, nowIsoUtc());
        st->bind(3, std::string(logLevelName(level)));
        st->bind(4, message);
        if (auto r = st->run(); !r)
            return r;
    }
    return {};
}

} // namespace sluice

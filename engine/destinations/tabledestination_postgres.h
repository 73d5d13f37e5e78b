#pragma once
// Internal to destinations/: what the PostgreSQL table destination's files
// share (tabledestination_postgres_connection.cpp connects and reads errors,
// tabledestination_postgres.cpp checks and prepares the table,
// tabledestination_postgres_write.cpp writes the batches); not part of the
// engine's interface.

#include "destinations/tabledestination.h"

#include "destinations/tabledestination_sql.h"
#include "postgres/pgconnect.h"

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

struct PostgresTableDestination::Prepared {
    tablesql::Statements sql;
    std::vector<std::size_t> keys;   // positions of the key fields in RunInfo::fields
    std::vector<bool> numericColumn; // per field: its column takes numbers (booleans go as 1 and 0)
    bool ready = false;              // prepared on the current connection
};

namespace pgtable {

constexpr const char *kPgUpsert = "sluice_upsert";
constexpr const char *kPgInsert = "sluice_insert";
constexpr const char *kPgUpdate = "sluice_update";
constexpr const char *kPgDelete = "sluice_delete";

using PgResultPtr = pg::ResultPtr;
using PgConnPtr = pg::ConnPtr;
using pg::firstLine;

// A connection with the settings; a failure in the user's terms.
Result<PgConnPtr> pgConnect(const PostgresTableSettings &s, const std::string &where);

// Who is to blame for an error, from its SQLSTATE.
enum class Blame { Record, Retry, Fatal };

Blame pgBlame(const std::string &state);
std::string pgState(const PGresult *result);
std::string pgMessage(PGconn *conn, const PGresult *result);
Error pgError(PGconn *conn, const PGresult *result, const std::string &where);

// A small statement with text parameters, run to completion.
Result<PgResultPtr> pgRun(PGconn *conn, const std::string &sql, const std::vector<std::string> &params,
                          const std::string &where);

} // namespace pgtable

} // namespace sluice

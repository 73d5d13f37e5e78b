// The PostgreSQL table destination's connection (libpq), its statements
// run to completion, and their errors: who is to blame, in the user's terms.

#include "destinations/tabledestination.h"

#include "destinations/tabledestination_postgres.h"

#include <libpq-fe.h>

namespace sluice {

using namespace pgtable;

namespace pgtable {

// Connected as the PostgreSQL source connects (postgres/pgconnect), so
// failures read alike in the UI.
Result<PgConnPtr> pgConnect(const PostgresTableSettings &s, const std::string &where)
{
    pg::Endpoint endpoint{s.host, s.port, s.database, s.user, s.password, s.sslmode, 10, {}};
    // Keepalives notice a server that vanished mid-batch (a dropped network
    // rather than a closed connection) within about a minute.
    endpoint.extra
        = {{"keepalives", "1"}, {"keepalives_idle", "30"}, {"keepalives_interval", "10"}, {"keepalives_count", "3"}};
    return pg::connect(endpoint, where);
}

Blame pgBlame(const std::string &state)
{
    if (state.size() != 5)
        return Blame::Retry; // no SQLSTATE: libpq's own error, the connection broke
    const std::string_view cls = std::string_view(state).substr(0, 2);
    // The row's values: a constraint, a value its column's type refuses, a
    // trigger's RAISE, a view's CHECK OPTION.
    if (cls == "22" || cls == "23" || cls == "27" || cls == "44" || cls == "P0")
        return Blame::Record;
    // The moment, not the data: the connection, a deadlock or serialization
    // failure, a full disk or memory, a shutdown or timeout, an I/O error, a lock wait.
    if (cls == "08" || cls == "40" || cls == "53" || cls == "57" || cls == "58" || state == "55P03" || state == "55006")
        return Blame::Retry;
    return Blame::Fatal;
}

std::string pgState(const PGresult *result)
{
    const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    return state ? state : "";
}

std::string pgMessage(PGconn *conn, const PGresult *result)
{
    const char *primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string message = primary ? primary : firstLine(result ? PQresultErrorMessage(result) : "");
    if (message.empty())
        message = firstLine(PQerrorMessage(conn));
    return message.empty() ? "the statement failed" : message;
}

Error pgError(PGconn *conn, const PGresult *result, const std::string &where)
{
    const std::string state = pgState(result);
    const std::string message = pgMessage(conn, result);
    if (PQstatus(conn) == CONNECTION_BAD || state.empty() || state.starts_with("08"))
        return Error{ErrorKind::Failed, "postgres.connection_lost", "the connection to the server was lost: " + message,
                     where};
    if (state == "42501")
        return Error{ErrorKind::Failed, "postgres.permission", message, where};
    if (pgBlame(state) == Blame::Retry)
        return Error{ErrorKind::Failed, "postgres.unavailable", message, where};
    return Error{ErrorKind::Failed, "postgres.error", message, where};
}

// A small statement with text parameters, run to completion.
Result<PgResultPtr> pgRun(PGconn *conn, const std::string &sql, const std::vector<std::string> &params,
                          const std::string &where)
{
    std::vector<const char *> values;
    for (const auto &p : params)
        values.push_back(p.c_str());
    PgResultPtr result(
        PQexecParams(conn, sql.c_str(), int(values.size()), nullptr, values.data(), nullptr, nullptr, 0));
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)
        return result;
    return std::unexpected(pgError(conn, result.get(), where));
}

} // namespace pgtable

} // namespace sluice

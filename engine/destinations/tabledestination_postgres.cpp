// PostgresTableDestination: the PostgreSQL half of tabledestination.h.

#include "destinations/tabledestination.h"

#include "destinations/tabledestination_sql.h"
#include "formats/sqlquote.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>

namespace sluice {

namespace {

using tablesql::Dialect;

constexpr int kPgConnectTimeoutSeconds = 10;
// How long a row lock held by someone else may stall a batch before it is
// given up on (and retried later).
constexpr const char *kPgLockTimeout = "SET lock_timeout = '60s'";
// An exact row count for testConnection() reads the whole table; on a big
// one the planner's estimate is answer enough.
constexpr const char *kPgCountTimeout = "SET LOCAL statement_timeout = '5s'";

constexpr const char *kPgUpsert = "sluice_upsert";
constexpr const char *kPgInsert = "sluice_insert";
constexpr const char *kPgUpdate = "sluice_update";
constexpr const char *kPgDelete = "sluice_delete";

struct PgResultDeleter {
    void operator()(PGresult *r) const { PQclear(r); }
};
using PgResultPtr = std::unique_ptr<PGresult, PgResultDeleter>;

struct PgConnDeleter {
    void operator()(PGconn *c) const { PQfinish(c); }
};
using PgConnPtr = std::unique_ptr<PGconn, PgConnDeleter>;

std::string firstLine(std::string_view s)
{
    s = s.substr(0, s.find('\n'));
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t'))
        s.remove_suffix(1);
    return std::string(s);
}

bool contains(std::string_view haystack, std::string_view needle)
{
    return haystack.find(needle) != std::string_view::npos;
}

// libpq's message for a failed connection, reduced to what the user needs:
// "connection to server at "h" (1.2.3.4), port 5432 failed: FATAL:  x" -> "x".
std::string libpqReason(const std::string &message)
{
    std::string line = firstLine(message);
    if (line.starts_with("connection to server")) {
        const auto failedAt = line.find(" failed: ");
        if (failedAt != std::string::npos)
            line.erase(0, failedAt + 9);
    }
    for (std::string_view prefix : {"FATAL:  ", "ERROR:  "}) {
        if (line.starts_with(prefix))
            line.erase(0, prefix.size());
    }
    return line.empty() ? "the connection failed" : line;
}

// Classified as the PostgreSQL source does, so both read alike in the UI.
Result<PgConnPtr> pgConnect(const PostgresTableSettings &s, const std::string &where)
{
    const std::string port = std::to_string(s.port);
    const std::string timeout = std::to_string(kPgConnectTimeoutSeconds);
    // Keepalives notice a server that vanished mid-batch (a dropped network
    // rather than a closed connection) within about a minute.
    const char *keywords[] = {"host",     "port",    "dbname",          "user",
                              "password", "sslmode", "connect_timeout", "application_name",
                              "client_encoding", "keepalives", "keepalives_idle", "keepalives_interval",
                              "keepalives_count", nullptr};
    const char *values[] = {s.host.c_str(), port.c_str(), s.database.c_str(), s.user.c_str(),
                            s.password.c_str(), s.sslmode.c_str(), timeout.c_str(), "sluice",
                            "UTF8", "1", "30", "10",
                            "3", nullptr};
    PgConnPtr conn(PQconnectdbParams(keywords, values, 0));
    if (!conn)
        return failed("postgres.error", "out of memory", where);
    if (PQstatus(conn.get()) != CONNECTION_OK) {
        const std::string message = PQerrorMessage(conn.get());
        const char *userName = PQuser(conn.get());
        const std::string user = userName && *userName ? userName : s.user;
        const std::string endpoint = s.host + ":" + port;
        if (contains(message, "password authentication failed"))
            return failed("postgres.auth", "the password for user '" + user + "' was refused", where);
        if (contains(message, "no password supplied"))
            return failed("postgres.auth", "the server wants a password for user '" + user + "' and none was given",
                          where);
        if (contains(message, "database \"") && contains(message, "\" does not exist"))
            return failed("postgres.no_database", "database '" + s.database + "' does not exist", where);
        if (contains(message, "role \"") && contains(message, "\" does not exist"))
            return failed("postgres.no_role", "user '" + user + "' does not exist on the server", where);
        static const std::pair<std::string_view, std::string_view> unreachable[] = {
            {"Connection refused", "connection refused"},
            {"could not translate host name", "unknown host name"},
            {"No route to host", "no route to host"},
            {"Network is unreachable", "network is unreachable"},
            {"Connection timed out", "timed out"},
            {"timeout expired", "timed out"},
            {"No such file or directory", "no server socket there"},
        };
        for (const auto &[needle, reason] : unreachable) {
            if (contains(message, needle))
                return failed("postgres.unreachable", "cannot reach " + endpoint + ": " + std::string(reason), where);
        }
        if (contains(message, "could not connect"))
            return failed("postgres.unreachable", "cannot reach " + endpoint + ": " + libpqReason(message), where);
        // The server is there but cannot take us just now.
        for (std::string_view busy : {"too many clients", "starting up", "shutting down", "in recovery mode"}) {
            if (contains(message, busy))
                return failed("postgres.unavailable", libpqReason(message), where);
        }
        return failed("postgres.error", libpqReason(message), where);
    }
    // libpq prints server notices on stderr by default, which would end up in sluicectl's output.
    PQsetNoticeProcessor(conn.get(), [](void *, const char *) {}, nullptr);
    return conn;
}

// Who is to blame for an error, from its SQLSTATE.
enum class Blame { Record, Retry, Fatal };

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
    if (cls == "08" || cls == "40" || cls == "53" || cls == "57" || cls == "58" || state == "55P03"
        || state == "55006")
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
    PgResultPtr result(PQexecParams(conn, sql.c_str(), int(values.size()), nullptr, values.data(), nullptr, nullptr, 0));
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)
        return result;
    return std::unexpected(pgError(conn, result.get(), where));
}

// A batch failure from an error of connecting or preparing.
BatchFailure pgFailure(const Error &error)
{
    if (error.code == "postgres.unreachable")
        return noAnswer(error.message);
    const bool retry = error.code == "postgres.connection_lost" || error.code == "postgres.unavailable";
    return BatchFailure{retry ? BatchFailure::Kind::Retryable : BatchFailure::Kind::Fatal, error.message, {}};
}

struct PgTable {
    bool schemaExists = false;
    std::string oid; // empty when there is no table of that name
    char kind = 0;   // pg_class.relkind
    bool canInsert = false, canUpdate = false, canDelete = false, canCreate = false;
    tablesql::TableShape shape;
    std::vector<char> categories; // pg_type.typcategory of each column in shape.columns
};

bool isTable(char kind)
{
    return kind == 'r' || kind == 'p'; // plain or partitioned
}

std::string notATable(const std::string &name, char kind)
{
    return name + (kind == 'v' || kind == 'm' ? " is a view, not a table" : " is not a table");
}

Result<PgTable> readPgTable(PGconn *conn, const std::string &schema, const std::string &name, const std::string &where)
{
    PgTable table;
    // Column privileges count: a user may be granted INSERT and UPDATE on just the mapped columns.
    auto found = pgRun(conn, R"(SELECT c.oid, c.relkind,
       has_any_column_privilege(c.oid, 'INSERT'), has_any_column_privilege(c.oid, 'UPDATE'),
       has_table_privilege(c.oid, 'DELETE'), has_schema_privilege(n.oid, 'CREATE')
FROM pg_catalog.pg_namespace n
LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = $2
WHERE n.nspname = $1)",
                       {schema, name}, where);
    if (!found)
        return std::unexpected(found.error());
    PGresult *r = found->get();
    if (PQntuples(r) == 0)
        return table;
    table.schemaExists = true;
    table.canCreate = PQgetvalue(r, 0, 5)[0] == 't';
    if (PQgetisnull(r, 0, 0))
        return table;
    table.oid = PQgetvalue(r, 0, 0);
    table.kind = PQgetvalue(r, 0, 1)[0];
    table.canInsert = PQgetvalue(r, 0, 2)[0] == 't';
    table.canUpdate = PQgetvalue(r, 0, 3)[0] == 't';
    table.canDelete = PQgetvalue(r, 0, 4)[0] == 't';
    if (!isTable(table.kind))
        return table;

    auto columns = pgRun(conn, R"(SELECT a.attname, t.typcategory
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum)",
                         {table.oid}, where);
    if (!columns)
        return std::unexpected(columns.error());
    for (int i = 0, n = PQntuples(columns->get()); i < n; ++i) {
        table.shape.columns.push_back(PQgetvalue(columns->get(), i, 0));
        table.categories.push_back(PQgetvalue(columns->get(), i, 1)[0]);
    }

    // ON CONFLICT can only use unique indexes that are immediate, valid, not
    // partial and on plain columns; INCLUDE columns are not part of the key.
    auto indexes = pgRun(conn, R"(SELECT i.indexrelid, a.attname
FROM pg_catalog.pg_index i
CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
WHERE i.indrelid = $1::oid AND i.indisunique AND i.indimmediate AND i.indisvalid
  AND i.indpred IS NULL AND i.indexprs IS NULL AND k.ord <= i.indnkeyatts
ORDER BY i.indexrelid, k.ord)",
                         {table.oid}, where);
    if (!indexes)
        return std::unexpected(indexes.error());
    std::string current;
    for (int i = 0, n = PQntuples(indexes->get()); i < n; ++i) {
        const std::string index = PQgetvalue(indexes->get(), i, 0);
        if (index != current) {
            table.shape.uniqueKeys.emplace_back();
            current = index;
        }
        table.shape.uniqueKeys.back().push_back(PQgetvalue(indexes->get(), i, 1));
    }
    return table;
}

// "1,234 rows", or "about 12,000,000 rows" when counting takes too long.
Result<std::string> pgRowCount(PGconn *conn, const std::string &table, const std::string &oid, const std::string &where)
{
    if (auto began = pgRun(conn, "BEGIN", {}, where); !began)
        return std::unexpected(began.error());
    (void) pgRun(conn, kPgCountTimeout, {}, where);
    PgResultPtr counted(PQexec(conn, ("SELECT count(*) FROM " + table).c_str()));
    const bool ok = counted && PQresultStatus(counted.get()) == PGRES_TUPLES_OK;
    const std::string state = pgState(counted.get());
    const Error error = ok ? Error{} : pgError(conn, counted.get(), where);
    (void) pgRun(conn, "ROLLBACK", {}, where); // it only read; also ends an aborted transaction
    if (ok)
        return tablesql::countText(std::strtoll(PQgetvalue(counted.get(), 0, 0), nullptr, 10));
    if (state != "57014")
        return std::unexpected(error);
    auto estimate = pgRun(conn, "SELECT GREATEST(reltuples, 0)::bigint FROM pg_catalog.pg_class WHERE oid = $1::oid",
                          {oid}, where);
    if (!estimate)
        return std::unexpected(estimate.error());
    return "about " + tablesql::countText(std::strtoll(PQgetvalue(estimate->get(), 0, 0), nullptr, 10));
}

// One record as the parameters of its prepared statement, in text form: the
// server converts each to its column's type.
struct PgCall {
    const char *statement = nullptr;
    std::vector<std::string> text;
    std::vector<const char *> values; // into text; null for SQL NULL
};

// Empty, or why the value cannot be sent.
std::string encodePg(const Value &value, bool numericColumn, std::string &text, bool &isNull)
{
    isNull = false;
    switch (value.type()) {
    case ValueType::Null:
        isNull = true;
        break;
    case ValueType::Integer:
        text = std::to_string(value.asInteger());
        break;
    case ValueType::Real: {
        // Shortest form that reads back as the same double.
        char buffer[32];
        const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value.asReal());
        text.assign(buffer, ec == std::errc() ? end : buffer);
        break;
    }
    case ValueType::Boolean:
        // A boolean column reads 1 and 0 as well as an integer column does.
        text = numericColumn ? (value.asBoolean() ? "1" : "0") : (value.asBoolean() ? "true" : "false");
        break;
    case ValueType::Text:
        // Text parameters end at the first NUL byte: sending it would silently cut the value.
        if (value.asText().find('\0') != std::string::npos)
            return "the text contains a NUL character, which PostgreSQL cannot store";
        text = value.asText();
        break;
    }
    return {};
}

enum class CommandKind { Control, Savepoint, Record, Commit };

struct Command {
    CommandKind kind = CommandKind::Control;
    const char *sql = nullptr; // Control, Savepoint, Commit
    std::size_t record = 0;    // Record: index in the batch
};

struct Answer {
    ExecStatusType status = PGRES_PIPELINE_ABORTED;
    std::string state, message; // when status is PGRES_FATAL_ERROR
    std::int64_t rows = 0;      // rows the command changed
};

// Sends `commands` as one pipeline ending in a sync and reads every answer:
// one round trip whatever the batch size. False when the connection broke.
bool runPipeline(PGconn *conn, const std::vector<Command> &commands, const std::vector<PgCall> &calls,
                 std::vector<Answer> &answers)
{
    if (PQenterPipelineMode(conn) != 1)
        return false;
    for (const Command &command : commands) {
        int sent = 0;
        if (command.kind == CommandKind::Record) {
            const PgCall &call = calls[command.record];
            sent = PQsendQueryPrepared(conn, call.statement, int(call.values.size()), call.values.data(), nullptr,
                                       nullptr, 0);
        } else {
            sent = PQsendQueryParams(conn, command.sql, 0, nullptr, nullptr, nullptr, nullptr, 0);
        }
        if (sent != 1)
            return false;
    }
    if (PQpipelineSync(conn) != 1)
        return false;

    answers.assign(commands.size(), Answer{});
    for (Answer &answer : answers) {
        PgResultPtr result(PQgetResult(conn));
        if (!result)
            return false;
        answer.status = PQresultStatus(result.get());
        if (answer.status == PGRES_PIPELINE_SYNC)
            return false; // fewer answers than commands: not a conversation we understand
        if (answer.status == PGRES_FATAL_ERROR) {
            if (PQstatus(conn) == CONNECTION_BAD)
                return false;
            answer.state = pgState(result.get());
            answer.message = pgMessage(conn, result.get());
        } else if (answer.status == PGRES_COMMAND_OK) {
            answer.rows = std::strtoll(PQcmdTuples(result.get()), nullptr, 10);
        }
        // Each command's results end with a null; a broken connection may not get there.
        int extra = 0;
        while (PGresult *more = PQgetResult(conn)) {
            PQclear(more);
            if (++extra > 8)
                return false;
        }
    }
    PgResultPtr sync(PQgetResult(conn));
    if (!sync || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC)
        return false;
    return PQexitPipelineMode(conn) == 1;
}

} // namespace

struct PostgresTableDestination::Prepared {
    tablesql::Statements sql;
    std::vector<std::size_t> keys;    // positions of the key fields in RunInfo::fields
    std::vector<bool> numericColumn;  // per field: its column takes numbers (booleans go as 1 and 0)
    bool ready = false;               // prepared on the current connection
};

PostgresTableDestination::PostgresTableDestination(PostgresTableSettings settings) : m_settings(std::move(settings)) {}

PostgresTableDestination::~PostgresTableDestination()
{
    std::lock_guard lock(m_mutex);
    close();
}

std::vector<SyncMode> PostgresTableDestination::supportedModes() const
{
    return tablesql::modes();
}

DestinationLimits PostgresTableDestination::limits() const
{
    return tablesql::limits();
}

std::string PostgresTableDestination::where() const
{
    return m_settings.host + ":" + std::to_string(m_settings.port) + "/" + m_settings.database;
}

std::string PostgresTableDestination::displayName() const
{
    return m_settings.schema + "." + m_settings.table;
}

Result<std::string> PostgresTableDestination::testConnection()
{
    const std::string where = this->where();
    auto conn = pgConnect(m_settings, where);
    if (!conn)
        return std::unexpected(conn.error());
    PGconn *c = conn->get();
    const std::string user = PQuser(c);
    auto table = readPgTable(c, m_settings.schema, m_settings.table, where);
    if (!table)
        return std::unexpected(table.error());
    if (!table->schemaExists)
        return invalidInput("postgres.no_schema", "schema '" + m_settings.schema + "' does not exist", where);
    if (table->oid.empty()) {
        if (!m_settings.createTable)
            return invalidInput("table.missing", "table " + displayName() + " does not exist (createTable is off)",
                                where);
        if (!table->canCreate)
            return failed("postgres.permission",
                          "user '" + user + "' may not create tables in schema '" + m_settings.schema + "'", where);
        return "table " + displayName() + " does not exist yet; it will be created on the first run";
    }
    if (!isTable(table->kind))
        return invalidInput("table.not_a_table", notATable(displayName(), table->kind), where);
    if (!table->canInsert && !table->canUpdate)
        return failed("postgres.permission", "user '" + user + "' may not write to table " + displayName(), where);
    const std::string quoted = quoteIdentifier(m_settings.schema) + "." + quoteIdentifier(m_settings.table);
    auto rows = pgRowCount(c, quoted, table->oid, where);
    if (!rows)
        return std::unexpected(rows.error());
    return "PostgreSQL table " + displayName() + " in database " + PQdb(c) + " on " + m_settings.host + ":"
           + std::to_string(m_settings.port) + " (" + *rows + ")";
}

Result<> PostgresTableDestination::connect()
{
    closeConnection();
    auto conn = pgConnect(m_settings, where());
    if (!conn)
        return std::unexpected(conn.error());
    if (auto set = pgRun(conn->get(), kPgLockTimeout, {}, where()); !set)
        return std::unexpected(set.error());
    m_conn = conn->release();
    if (m_prepared)
        m_prepared->ready = false;
    return {};
}

Result<> PostgresTableDestination::prepareStatements()
{
    const std::pair<const char *, const std::string *> statements[] = {{kPgUpsert, &m_prepared->sql.upsert},
                                                                        {kPgInsert, &m_prepared->sql.insert},
                                                                        {kPgUpdate, &m_prepared->sql.update},
                                                                        {kPgDelete, &m_prepared->sql.remove}};
    for (const auto &[name, sql] : statements) {
        // No parameter types: the server takes each from its column.
        PgResultPtr result(PQprepare(m_conn, name, sql->c_str(), 0, nullptr));
        if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK)
            return std::unexpected(pgError(m_conn, result.get(), where()));
    }
    m_prepared->ready = true;
    return {};
}

void PostgresTableDestination::closeConnection()
{
    if (m_conn) {
        PQfinish(m_conn); // the server rolls back whatever was left open
        m_conn = nullptr;
    }
}

void PostgresTableDestination::close()
{
    closeConnection();
    m_prepared.reset();
}

Result<> PostgresTableDestination::begin(const RunInfo &run)
{
    std::lock_guard lock(m_mutex);
    close();
    const std::string where = this->where();
    if (auto ok = tablesql::checkRun(run, Dialect::Postgres); !ok)
        return ok;
    if (auto connected = connect(); !connected)
        return connected;
    auto fail = [&](const Error &error) -> Result<> {
        close();
        return std::unexpected(error);
    };

    const std::string user = PQuser(m_conn);
    const std::string quoted = quoteIdentifier(m_settings.schema) + "." + quoteIdentifier(m_settings.table);
    auto table = readPgTable(m_conn, m_settings.schema, m_settings.table, where);
    if (!table)
        return fail(table.error());
    if (!table->schemaExists)
        return fail(invalidInput("postgres.no_schema", "schema '" + m_settings.schema + "' does not exist", where).error());
    if (table->oid.empty()) {
        if (!m_settings.createTable)
            return fail(invalidInput("table.missing", "table " + displayName() + " does not exist (createTable is off)",
                                     where)
                            .error());
        if (auto created = pgRun(m_conn, tablesql::createTableSql(Dialect::Postgres, quoted, run), {}, where); !created)
            return fail(created.error());
        table = readPgTable(m_conn, m_settings.schema, m_settings.table, where);
        if (!table)
            return fail(table.error());
    }
    if (!isTable(table->kind))
        return fail(invalidInput("table.not_a_table", notATable(displayName(), table->kind), where).error());
    if (auto ok = tablesql::checkShape(table->shape, run, displayName(), Dialect::Postgres); !ok)
        return fail(ok.error().within(where));

    // What the mode will do, checked now rather than failing on the first batch.
    const bool inserts = run.mode != SyncMode::Update;
    const bool updates = run.mode != SyncMode::Insert;
    const bool deletes = run.mode == SyncMode::Mirror;
    const char *missing = inserts && !table->canInsert   ? "insert into"
                          : updates && !table->canUpdate ? "update"
                          : deletes && !table->canDelete ? "delete from"
                                                         : nullptr;
    if (missing)
        return fail(failed("postgres.permission",
                           "user '" + user + "' may not " + missing + " table " + displayName(), where)
                        .error());

    auto prepared = std::make_unique<Prepared>();
    prepared->sql = tablesql::statements(Dialect::Postgres, quoted, run);
    prepared->keys = tablesql::keyPositions(run, Dialect::Postgres);
    for (const auto &field : run.fields) {
        char category = 0;
        for (std::size_t c = 0; c < table->shape.columns.size(); ++c) {
            if (table->shape.columns[c] == field.name)
                category = table->categories[c];
        }
        prepared->numericColumn.push_back(category == 'N');
    }
    m_prepared = std::move(prepared);
    m_run = run;
    if (auto ready = prepareStatements(); !ready)
        return fail(ready.error());
    return {};
}

BatchResult PostgresTableDestination::write(int, std::span<const Record> batch)
{
    std::lock_guard lock(m_mutex);
    if (!m_prepared)
        return std::unexpected(tablesql::notOpen());
    // A connection lost in an earlier batch is made again here, when the
    // executor retries that batch.
    if (!m_conn || PQstatus(m_conn) != CONNECTION_OK) {
        if (auto connected = connect(); !connected)
            return std::unexpected(pgFailure(connected.error()));
    }
    if (!m_prepared->ready) {
        if (auto ready = prepareStatements(); !ready) {
            closeConnection();
            return std::unexpected(pgFailure(ready.error()));
        }
    }
    const Prepared &p = *m_prepared;

    std::vector<RecordOutcome> outcomes(batch.size());
    std::vector<PgCall> calls(batch.size());
    std::vector<std::size_t> pending; // batch indexes still to run, in batch order
    pending.reserve(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const Record &record = batch[i];
        std::vector<Value> keys;
        if (record.op == RecordOp::Delete)
            keys = tablesql::keyValues(record);
        std::string why = tablesql::malformed(record, m_run, keys);
        PgCall &call = calls[i];
        switch (record.op) {
        case RecordOp::Upsert: call.statement = kPgUpsert; break;
        case RecordOp::Insert: call.statement = kPgInsert; break;
        case RecordOp::Update: call.statement = kPgUpdate; break;
        case RecordOp::Delete: call.statement = kPgDelete; break;
        }
        const std::vector<Value> &values = record.op == RecordOp::Delete ? keys : record.fields;
        std::vector<char> nulls(values.size(), 0);
        call.text.resize(values.size());
        for (std::size_t v = 0; v < values.size() && why.empty(); ++v) {
            const std::size_t field = record.op == RecordOp::Delete ? p.keys[v] : v;
            bool isNull = false;
            why = encodePg(values[v], p.numericColumn[field], call.text[v], isNull);
            nulls[v] = isNull;
        }
        if (!why.empty()) {
            outcomes[i] = {Outcome::Rejected, std::move(why)};
            continue;
        }
        // Pointers taken once the strings are in place for good.
        for (std::size_t v = 0; v < values.size(); ++v)
            call.values.push_back(nulls[v] ? nullptr : call.text[v].c_str());
        pending.push_back(i);
    }

    if (pending.empty())
        return outcomes;

    // The whole batch goes in one pipeline. PostgreSQL aborts the transaction
    // at the first error, so a refused record costs one more round: back to
    // the last savepoint, the records undone with it again, then a new
    // savepoint and the rest. Savepoints are only taken at failures: one per
    // record would make thousands of subtransactions per batch.
    std::vector<std::size_t> insertsThatDidNothing; // their key was there already
    std::vector<std::size_t> redo; // ran fine, but undone by the rollback to the savepoint
    bool firstRound = true;
    std::vector<Command> commands;
    std::vector<Answer> answers;
    for (;;) {
        commands.clear();
        if (firstRound) {
            commands.push_back({CommandKind::Control, "BEGIN"});
            commands.push_back({CommandKind::Savepoint, "SAVEPOINT sluice_batch"});
        } else {
            commands.push_back({CommandKind::Control, "ROLLBACK TO SAVEPOINT sluice_batch"});
        }
        for (std::size_t i : redo)
            commands.push_back({CommandKind::Record, nullptr, i});
        if (!redo.empty())
            commands.push_back({CommandKind::Savepoint, "SAVEPOINT sluice_batch"});
        for (std::size_t i : pending)
            commands.push_back({CommandKind::Record, nullptr, i});
        // After an error nothing more of the pipeline runs, COMMIT included.
        commands.push_back({CommandKind::Commit, "COMMIT"});

        if (!runPipeline(m_conn, commands, calls, answers)) {
            const std::string reason = firstLine(PQerrorMessage(m_conn));
            closeConnection();
            return std::unexpected(BatchFailure{BatchFailure::Kind::Retryable,
                                                "the connection to the server was lost"
                                                    + (reason.empty() ? std::string() : ": " + reason),
                                                {}});
        }

        auto settle = [&](const Command &command, const Answer &answer) {
            const Record &record = batch[command.record];
            if (record.op == RecordOp::Update && answer.rows == 0)
                outcomes[command.record] = {Outcome::Rejected, "no row with key " + tablesql::keyText(record)};
            else
                outcomes[command.record] = {Outcome::Delivered, {}};
            if (record.op == RecordOp::Insert && answer.rows == 0 && !record.maybeDelivered)
                insertsThatDidNothing.push_back(command.record);
        };

        std::size_t failedAt = commands.size();
        for (std::size_t c = 0; c < commands.size(); ++c) {
            if (answers[c].status == PGRES_FATAL_ERROR) {
                failedAt = c;
                break;
            }
        }
        if (failedAt == commands.size()) {
            for (std::size_t c = 0; c < commands.size(); ++c) {
                if (commands[c].kind == CommandKind::Record)
                    settle(commands[c], answers[c]);
            }
            // An insert whose key was there: the same row sent again after a
            // kill is delivered; another row under that key is refused, unless
            // a killed run may have inserted it (Record::maybeDelivered).
            for (std::size_t i : insertsThatDidNothing) {
                const PgCall &call = calls[i];
                PgResultPtr same(PQexecParams(m_conn, m_prepared->sql.sameRow.c_str(), int(call.values.size()),
                                              nullptr, call.values.data(), nullptr, nullptr, 0));
                const ExecStatusType status = same ? PQresultStatus(same.get()) : PGRES_FATAL_ERROR;
                if (status != PGRES_TUPLES_OK)
                    outcomes[i] = {Outcome::Retryable, pgError(m_conn, same.get(), where()).message};
                else if (PQntuples(same.get()) == 0)
                    outcomes[i] = {Outcome::Rejected, tablesql::insertConflict(batch[i])};
            }
            return outcomes;
        }

        const Command &culprit = commands[failedAt];
        const Answer &failure = answers[failedAt];
        const Blame blame = pgBlame(failure.state);
        if (culprit.kind != CommandKind::Record || blame != Blame::Record) {
            // A COMMIT has already ended the transaction; anything else left it open and aborted.
            if (culprit.kind != CommandKind::Commit)
                (void) pgRun(m_conn, "ROLLBACK", {}, where());
            BatchFailure::Kind kind = blame == Blame::Retry ? BatchFailure::Kind::Retryable : BatchFailure::Kind::Fatal;
            // A deferred constraint fails at COMMIT, naming no record: the executor splits the batch to find it.
            if (culprit.kind == CommandKind::Commit && blame == Blame::Record)
                kind = BatchFailure::Kind::RejectedWhole;
            return std::unexpected(BatchFailure{kind, failure.message, {}});
        }
        outcomes[culprit.record] = {Outcome::Rejected, failure.message};

        // Records before the last savepoint that ran are written for good;
        // those between it and the failure were undone and go again.
        std::size_t sealed = 0;
        for (std::size_t c = 0; c < failedAt; ++c) {
            if (commands[c].kind == CommandKind::Savepoint)
                sealed = c;
        }
        redo.clear();
        std::vector<std::size_t> rest;
        for (std::size_t c = 0; c < commands.size(); ++c) {
            if (commands[c].kind != CommandKind::Record || c == failedAt)
                continue;
            if (c < sealed)
                settle(commands[c], answers[c]);
            else if (c < failedAt)
                redo.push_back(commands[c].record);
            else
                rest.push_back(commands[c].record);
        }
        pending = std::move(rest);
        firstRound = false;
    }
}

Result<> PostgresTableDestination::commit()
{
    // Every batch committed its own transaction already.
    std::lock_guard lock(m_mutex);
    close();
    return {};
}

void PostgresTableDestination::abort()
{
    std::lock_guard lock(m_mutex);
    if (m_conn) {
        const PGTransactionStatusType status = PQtransactionStatus(m_conn);
        if (status == PQTRANS_INTRANS || status == PQTRANS_INERROR)
            (void) pgRun(m_conn, "ROLLBACK", {}, where());
    }
    close();
}

} // namespace sluice

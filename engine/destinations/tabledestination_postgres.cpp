// PostgresTableDestination: the PostgreSQL half of tabledestination.h.
// The table's checks and creation, and the run's statements (the
// connection and its errors: tabledestination_postgres_connection.cpp;
// batches: tabledestination_postgres_write.cpp).

#include "destinations/tabledestination.h"

#include "destinations/tabledestination_postgres.h"
#include "destinations/tabledestination_sql.h"
#include "formats/sqlquote.h"

#include <libpq-fe.h>

#include <cstdlib>

namespace sluice {

using namespace pgtable;

namespace {

using tablesql::Dialect;

// How long a row lock held by someone else may stall a batch before it is
// given up on (and retried later).
constexpr const char *kPgLockTimeout = "SET lock_timeout = '60s'";
// An exact row count for testConnection() reads the whole table; on a big
// one the planner's estimate is answer enough.
constexpr const char *kPgCountTimeout = "SET LOCAL statement_timeout = '5s'";

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
    (void)pgRun(conn, kPgCountTimeout, {}, where);
    PgResultPtr counted(PQexec(conn, ("SELECT count(*) FROM " + table).c_str()));
    const bool ok = counted && PQresultStatus(counted.get()) == PGRES_TUPLES_OK;
    const std::string state = pgState(counted.get());
    const Error error = ok ? Error{} : pgError(conn, counted.get(), where);
    (void)pgRun(conn, "ROLLBACK", {}, where); // it only read; also ends an aborted transaction
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

} // namespace

PostgresTableDestination::PostgresTableDestination(PostgresTableSettings settings) : m_settings(std::move(settings))
{ }

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
        return fail(
            invalidInput("postgres.no_schema", "schema '" + m_settings.schema + "' does not exist", where).error());
    if (table->oid.empty()) {
        if (!m_settings.createTable)
            return fail(
                invalidInput("table.missing", "table " + displayName() + " does not exist (createTable is off)", where)
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
    const char *missing = inserts && !table->canInsert ? "insert into"
                        : updates && !table->canUpdate ? "update"
                        : deletes && !table->canDelete ? "delete from"
                                                       : nullptr;
    if (missing)
        return fail(
            failed("postgres.permission", "user '" + user + "' may not " + missing + " table " + displayName(), where)
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
            (void)pgRun(m_conn, "ROLLBACK", {}, where());
    }
    close();
}

} // namespace sluice

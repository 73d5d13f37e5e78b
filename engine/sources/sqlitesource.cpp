#include "sqlitesource.h"

#include "core/sqlitehandle.h"

#include <sqlite3.h>

#include <filesystem>

namespace sluice {

namespace {

class SqliteCursor final : public RowCursor {
public:
    SqliteCursor(sqlite::Statement stmt, std::vector<Column> columns, const std::atomic<bool> &cancelled)
        : m_stmt(std::move(stmt)), m_columns(std::move(columns)), m_cancelled(cancelled)
    { }

    const std::vector<Column> &columns() const override { return m_columns; }

    Result<bool> next(Row &row) override
    {
        if (m_done)
            return false;
        if (m_cancelled.load())
            return cancelled();
        auto more = m_stmt.step();
        if (!more) {
            m_done = true;
            return std::unexpected(more.error());
        }
        if (!*more) {
            m_done = true;
            return false;
        }
        row.resize(m_columns.size());
        for (std::size_t i = 0; i < m_columns.size(); ++i)
            m_stmt.readInto(int(i), row[i]);
        return true;
    }

private:
    sqlite::Statement m_stmt;
    std::vector<Column> m_columns;
    const std::atomic<bool> &m_cancelled;
    bool m_done = false;
};

} // namespace

SqliteSource::SqliteSource(SqliteSettings settings) : m_settings(std::move(settings))
{ }

SqliteSource::~SqliteSource()
{
    std::lock_guard lock(m_mutex);
    if (m_db)
        sqlite3_close_v2(m_db);
}

void SqliteSource::cancel()
{
    m_cancelled.store(true);
    std::lock_guard lock(m_mutex);
    if (m_db)
        sqlite3_interrupt(m_db);
}

Result<sqlite3 *> SqliteSource::database()
{
    if (m_cancelled.load())
        return cancelled();
    std::lock_guard lock(m_mutex);
    if (m_db)
        return m_db;
    std::error_code ec;
    if (!std::filesystem::exists(m_settings.path, ec))
        return invalidInput("sqlite.missing", "the database file does not exist", m_settings.path);
    if (std::filesystem::is_directory(m_settings.path, ec))
        return invalidInput("sqlite.is_directory", "is a directory, not a database file", m_settings.path);
    sqlite3 *db = nullptr;
    // Read-only: Sluice never writes to a warehouse it reads. NOMUTEX: one
    // thread uses the connection, and Debian's SQLite otherwise locks a mutex
    // per column read (see performance-facts.md).
    const int rc = sqlite3_open_v2(m_settings.path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        Error e = sqlite::lastError(db, "open");
        sqlite3_close_v2(db);
        e.where = m_settings.path;
        return std::unexpected(e);
    }
    sqlite3_busy_timeout(db, 5000);
    // The header is only read lazily; make "not a database" show up here.
    if (auto r = sqlite::exec(db, "SELECT count(*) FROM sqlite_schema"); !r) {
        sqlite3_close_v2(db);
        Error e = r.error();
        e.where = m_settings.path;
        return std::unexpected(e);
    }
    m_db = db;
    return m_db;
}

Result<std::string> SqliteSource::testConnection()
{
    auto db = database();
    if (!db)
        return std::unexpected(db.error());
    auto stmt = sqlite::prepare(*db, "SELECT count(*) FROM sqlite_schema WHERE type IN ('table','view')"
                                     " AND name NOT LIKE 'sqlite_%'");
    if (!stmt)
        return std::unexpected(stmt.error().within(m_settings.path));
    auto more = stmt->step();
    if (!more)
        return std::unexpected(more.error().within(m_settings.path));
    return "SQLite " + std::string(sqlite3_libversion()) + ", " + std::to_string(stmt->integer(0))
         + " tables and views in " + m_settings.path;
}

Result<std::vector<TableInfo>> SqliteSource::listTables()
{
    auto db = database();
    if (!db)
        return std::unexpected(db.error());
    // One query for every table's columns (pragma_table_info as a table-valued function).
    auto stmt = sqlite::prepare(*db, R"(
        SELECT m.name, m.type, p.name, p.type
        FROM sqlite_schema AS m JOIN pragma_table_info(m.name) AS p
        WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%'
        ORDER BY m.name, p.cid)");
    if (!stmt)
        return std::unexpected(stmt.error().within(m_settings.path));
    std::vector<TableInfo> tables;
    for (;;) {
        auto more = stmt->step();
        if (!more)
            return std::unexpected(more.error().within(m_settings.path));
        if (!*more)
            break;
        const std::string table = stmt->text(0);
        if (tables.empty() || tables.back().name != table)
            tables.push_back(TableInfo{"", table, stmt->text(1) == "view", {}});
        const std::string declared = stmt->text(3);
        tables.back().columns.push_back(Column{stmt->text(2), sqlite::typeFromDeclared(declared), declared});
    }
    return tables;
}

Result<std::unique_ptr<RowCursor>> SqliteSource::query(const QuerySpec &spec)
{
    auto db = database();
    if (!db)
        return std::unexpected(db.error());
    // BINARY overrides a column's declared collation (e.g. NOCASE) so the
    // order is memcmp order; SQLite accepts COLLATE on any type.
    const std::string sql
        = wrapModelSql(spec.sql, spec, '"', [this](const std::string &) { return bytewiseTextCollation(); });
    auto stmt = sqlite::prepare(*db, sql);
    if (!stmt) {
        Error e = stmt.error();
        if (e.kind == ErrorKind::Failed) {
            // A prepare failure is the user's SQL: no such table, syntax error.
            // Prepare the SQL as written, so the message points into it and
            // not into the LIMIT / ORDER BY wrapper around it.
            e.kind = ErrorKind::InvalidInput;
            e.code = "sqlite.sql";
            e.message = sqlite3_errmsg(*db);
            if (auto plain = sqlite::prepare(*db, wrapModelSql(spec.sql, QuerySpec{})); !plain)
                e.message = sqlite3_errmsg(*db);
        }
        e.where = "model SQL";
        return std::unexpected(e);
    }
    if (sqlite3_stmt_readonly(stmt->get()) == 0)
        return invalidInput("sqlite.not_readonly", "a model must be a read-only query (SELECT)", "model SQL");
    const int n = sqlite3_column_count(stmt->get());
    std::vector<Column> columns;
    columns.reserve(std::size_t(n));
    for (int i = 0; i < n; ++i) {
        const char *decl = sqlite3_column_decltype(stmt->get(), i);
        const std::string declared = decl ? decl : "";
        // Expressions have no declared type; the preview shows them as text
        // until a value says otherwise.
        columns.push_back(Column{sqlite3_column_name(stmt->get(), i),
                                 declared.empty() ? ValueType::Text : sqlite::typeFromDeclared(declared), declared});
    }
    return std::make_unique<SqliteCursor>(std::move(*stmt), std::move(columns), m_cancelled);
}

} // namespace sluice

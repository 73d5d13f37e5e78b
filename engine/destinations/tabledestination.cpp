// SqliteTableDestination: the SQLite half of tabledestination.h (PostgreSQL is in
// tabledestination_postgres.cpp; what both share in tabledestination_sql.h).

#include "destinations/tabledestination.h"

#include "core/sqlitehandle.h"
#include "destinations/tabledestination_sql.h"
#include "formats/sqlquote.h"

#include <sqlite3.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>

namespace sluice {

namespace {

namespace fs = std::filesystem;
using tablesql::Dialect;

// Long enough to wait out another writer's batch, short enough that a file
// held open in a write transaction by some other program fails the batch
// (to be retried) instead of hanging the run.
constexpr int kSqliteBusyTimeoutMs = 10000;

// The record's own fault: the rest of the batch goes on.
bool sqliteRecordError(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_CONSTRAINT: // NOT NULL, UNIQUE, CHECK, FOREIGN KEY, a STRICT column's type, a trigger's RAISE
    case SQLITE_MISMATCH:   // text into an INTEGER PRIMARY KEY
    case SQLITE_TOOBIG:     // a value over the size limit
        return true;
    default: return false;
    }
}

// Worth sending the same batch again later: a lock, a full disk, an I/O hiccup.
bool sqliteRetryable(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_NOMEM:
    case SQLITE_INTERRUPT:
    case SQLITE_PROTOCOL: return true;
    default: return false;
    }
}

BatchFailure sqliteFailure(int rc, const std::string &message, const std::string &table)
{
    const Error e = sqlite::errorFromCode(rc, message, "writing to table " + table);
    return BatchFailure{sqliteRetryable(rc) ? BatchFailure::Kind::Retryable : BatchFailure::Kind::Fatal, e.message, {}};
}

struct StepResult {
    int rc = SQLITE_OK;
    std::string message; // the database's words when rc is an error
};

// Runs a statement without rows (BEGIN, COMMIT, ...) and readies it for the next time.
StepResult stepOnce(sqlite3 *db, sqlite::Statement &statement)
{
    StepResult r{sqlite3_step(statement.get()), {}};
    if (r.rc != SQLITE_DONE && r.rc != SQLITE_ROW)
        r.message = sqlite3_errmsg(db);
    sqlite3_reset(statement.get());
    return r;
}

// The text stays the record's: bindings are cleared before write() returns.
void bindSqlite(sqlite3_stmt *stmt, int index, const Value &value)
{
    switch (value.type()) {
    case ValueType::Null: sqlite3_bind_null(stmt, index); break;
    case ValueType::Integer: sqlite3_bind_int64(stmt, index, value.asInteger()); break;
    case ValueType::Real: sqlite3_bind_double(stmt, index, value.asReal()); break;
    case ValueType::Boolean: sqlite3_bind_int64(stmt, index, value.asBoolean() ? 1 : 0); break;
    case ValueType::Text:
        sqlite3_bind_text(stmt, index, value.asText().data(), int(value.asText().size()), SQLITE_STATIC);
        break;
    }
}

struct SqliteTable {
    std::string type; // "table" or "view"; empty when there is none of that name
    tablesql::TableShape shape;
};

Result<SqliteTable> readSqliteTable(sqlite3 *db, const std::string &name)
{
    SqliteTable table;
    auto kind = sqlite::prepare(db, "SELECT type FROM main.sqlite_master "
                                    "WHERE type IN ('table', 'view') AND name = ?1 COLLATE NOCASE");
    if (!kind)
        return std::unexpected(kind.error());
    kind->bind(1, name);
    auto found = kind->step();
    if (!found)
        return std::unexpected(found.error());
    if (!*found)
        return table;
    table.type = kind->text(0);
    if (table.type != "table")
        return table;

    auto columns = sqlite::prepare(db, "SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid");
    if (!columns)
        return std::unexpected(columns.error());
    columns->bind(1, name);
    std::vector<std::pair<std::int64_t, std::string>> primaryKey;
    for (;;) {
        auto row = columns->step();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            break;
        table.shape.columns.push_back(columns->text(0));
        if (columns->integer(1) > 0)
            primaryKey.emplace_back(columns->integer(1), columns->text(0));
    }
    if (!primaryKey.empty()) {
        std::sort(primaryKey.begin(), primaryKey.end());
        std::vector<std::string> key;
        for (auto &[position, column] : primaryKey)
            key.push_back(std::move(column));
        table.shape.uniqueKeys.push_back(std::move(key));
    }

    // Partial indexes and indexes on expressions cannot be ON CONFLICT targets
    // for a plain column list.
    auto indexes = sqlite::prepare(db, "SELECT il.name, ii.name FROM pragma_index_list(?1) AS il "
                                       "JOIN pragma_index_info(il.name) AS ii "
                                       "WHERE il.\"unique\" = 1 AND il.partial = 0 ORDER BY il.seq, ii.seqno");
    if (!indexes)
        return std::unexpected(indexes.error());
    indexes->bind(1, name);
    std::string current;
    std::vector<std::string> key;
    bool usable = true;
    auto finish = [&] {
        if (!current.empty() && usable && !key.empty())
            table.shape.uniqueKeys.push_back(key);
        key.clear();
        usable = true;
    };
    for (;;) {
        auto row = indexes->step();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            break;
        const std::string index = indexes->text(0);
        if (index != current) {
            finish();
            current = index;
        }
        if (indexes->isNull(1))
            usable = false;
        else
            key.push_back(indexes->text(1));
    }
    finish();
    return table;
}

Result<> checkFolder(const std::string &path)
{
    std::error_code ec;
    const fs::path folder = fs::path(path).parent_path();
    if (!folder.empty() && !fs::is_directory(folder, ec))
        return invalidInput("sqlite.no_folder", "the folder " + folder.string() + " does not exist", path);
    return {};
}

} // namespace

struct SqliteTableDestination::Prepared {
    sqlite::Statement begin, commit, rollback;
    sqlite::Statement upsert, insert, update, remove, sameRow;
    std::vector<std::size_t> keys; // positions of the key fields in RunInfo::fields
};

SqliteTableDestination::SqliteTableDestination(SqliteTableSettings settings) : m_settings(std::move(settings))
{ }

SqliteTableDestination::~SqliteTableDestination()
{
    std::lock_guard lock(m_mutex);
    close();
}

std::vector<SyncMode> SqliteTableDestination::supportedModes() const
{
    return tablesql::modes();
}

DestinationLimits SqliteTableDestination::limits() const
{
    return tablesql::limits();
}

Result<std::string> SqliteTableDestination::testConnection()
{
    const std::string &path = m_settings.path;
    const std::string &name = m_settings.table;
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return invalidInput("sqlite.is_directory", "is a directory, not a database file", path);
    if (!fs::exists(path, ec)) {
        if (auto folder = checkFolder(path); !folder)
            return std::unexpected(folder.error());
        if (!m_settings.createTable)
            return invalidInput("sqlite.missing", "the database file does not exist", path);
        // Nothing is created here: testing a destination must leave no trace.
        return path + " does not exist yet; it will be created, with table " + name + ", on the first run";
    }

    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    const sqlite::DbPtr db(raw);
    if (rc != SQLITE_OK)
        return std::unexpected(
            sqlite::errorFromCode(rc, raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc), "opening the database")
                .within(path));
    sqlite3_busy_timeout(db.get(), kSqliteBusyTimeoutMs);

    auto table = readSqliteTable(db.get(), name);
    if (!table)
        return std::unexpected(table.error().within(path));
    if (table->type.empty()) {
        if (!m_settings.createTable)
            return invalidInput("table.missing", "table " + name + " does not exist (createTable is off)", path);
        return "table " + name + " does not exist yet; it will be created on the first run";
    }
    if (table->type != "table")
        return invalidInput("table.not_a_table", name + " is a view, not a table", path);
    if (::access(path.c_str(), W_OK) != 0)
        return failed("sqlite.readonly", "the database file is read-only", path);

    auto count = sqlite::prepare(db.get(), "SELECT count(*) FROM " + quoteIdentifier(name));
    if (!count)
        return std::unexpected(count.error().within(path));
    auto row = count->step();
    if (!row)
        return std::unexpected(row.error().within(path));
    return "SQLite table " + name + " in " + path + " (" + tablesql::countText(count->integer(0)) + ")";
}

Result<> SqliteTableDestination::open()
{
    const std::string &path = m_settings.path;
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return invalidInput("sqlite.is_directory", "is a directory, not a database file", path);
    if (!fs::exists(path, ec)) {
        // Without createTable an empty new file would only fail a moment later, for want of the table.
        if (!m_settings.createTable)
            return invalidInput("sqlite.missing", "the database file does not exist", path);
        if (auto folder = checkFolder(path); !folder)
            return folder;
    }
    const int flags = SQLITE_OPEN_READWRITE | (m_settings.createTable ? SQLITE_OPEN_CREATE : 0);
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    sqlite::DbPtr db(raw);
    if (rc != SQLITE_OK)
        return std::unexpected(
            sqlite::errorFromCode(rc, raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc), "opening the database")
                .within(path));
    sqlite3_extended_result_codes(db.get(), 1);
    sqlite3_busy_timeout(db.get(), kSqliteBusyTimeoutMs);
    // WAL: people reading the table meanwhile (a BI tool, the sqlite3 shell)
    // neither block the batches nor are blocked by them.
    if (auto wal = sqlite::exec(db.get(), "PRAGMA journal_mode = WAL"); !wal)
        return std::unexpected(wal.error().within(path));
    m_db = db.release();
    return {};
}

void SqliteTableDestination::close()
{
    // Statements first: a connection with live statements stays open as a zombie.
    m_prepared.reset();
    if (m_db) {
        if (!sqlite3_get_autocommit(m_db))
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

Result<> SqliteTableDestination::begin(const RunInfo &run)
{
    std::lock_guard lock(m_mutex);
    close();
    const std::string &path = m_settings.path;
    const std::string &name = m_settings.table;
    if (auto ok = tablesql::checkRun(run, Dialect::Sqlite); !ok)
        return ok;
    if (auto opened = open(); !opened)
        return opened;
    auto fail = [&](const Error &error) -> Result<> {
        close();
        return std::unexpected(error.within(path));
    };

    const std::string table = quoteIdentifier(name);
    auto found = readSqliteTable(m_db, name);
    if (!found)
        return fail(found.error());
    if (found->type.empty()) {
        if (!m_settings.createTable)
            return fail(
                invalidInput("table.missing", "table " + name + " does not exist (createTable is off)").error());
        if (auto created = sqlite::exec(m_db, tablesql::createTableSql(Dialect::Sqlite, table, run)); !created)
            return fail(created.error());
        found = readSqliteTable(m_db, name);
        if (!found)
            return fail(found.error());
    }
    if (found->type != "table")
        return fail(invalidInput("table.not_a_table", name + " is a view, not a table").error());
    if (auto ok = tablesql::checkShape(found->shape, run, name, Dialect::Sqlite); !ok)
        return fail(ok.error());

    auto prepared = std::make_unique<Prepared>();
    const tablesql::Statements sql = tablesql::statements(Dialect::Sqlite, table, run);
    // IMMEDIATE takes the write lock at the start, where the busy timeout
    // waits for it; a deferred transaction that upgrades mid-batch can fail
    // at once instead.
    const std::pair<sqlite::Statement *, const std::string *> statements[] = {{&prepared->upsert, &sql.upsert},
                                                                              {&prepared->insert, &sql.insert},
                                                                              {&prepared->update, &sql.update},
                                                                              {&prepared->remove, &sql.remove},
                                                                              {&prepared->sameRow, &sql.sameRow}};
    const std::string control[] = {"BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"};
    sqlite::Statement *controlTargets[] = {&prepared->begin, &prepared->commit, &prepared->rollback};
    for (int i = 0; i < 3; ++i) {
        auto s = sqlite::prepare(m_db, control[i]);
        if (!s)
            return fail(s.error());
        *controlTargets[i] = std::move(*s);
    }
    for (const auto &[target, text] : statements) {
        auto s = sqlite::prepare(m_db, *text);
        if (!s)
            return fail(s.error());
        *target = std::move(*s);
    }
    prepared->keys = tablesql::keyPositions(run, Dialect::Sqlite);
    m_prepared = std::move(prepared);
    m_run = run;
    return {};
}

BatchResult SqliteTableDestination::write(int, std::span<const Record> batch)
{
    std::lock_guard lock(m_mutex);
    if (!m_db || !m_prepared)
        return std::unexpected(tablesql::notOpen());
    Prepared &p = *m_prepared;
    const std::string &name = m_settings.table;

    std::vector<RecordOutcome> outcomes(batch.size());
    std::vector<char> settled(batch.size(), 0); // rejected for good: not sent again
    std::vector<std::vector<Value>> keys(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (batch[i].op == RecordOp::Delete)
            keys[i] = tablesql::keyValues(batch[i]);
        if (std::string why = tablesql::malformed(batch[i], m_run, keys[i]); !why.empty()) {
            outcomes[i] = {Outcome::Rejected, std::move(why)};
            settled[i] = 1;
        }
    }

    // Runs one record's statement; SQLITE_DONE or the error code, with the
    // database's message.
    // After an insert that did nothing: is the row there exactly as sent?
    // (A record a killed run may have inserted is taken as that insert.)
    auto sameRowThere = [&](const Record &record) {
        sqlite3_stmt *same = p.sameRow.get();
        for (std::size_t v = 0; v < record.fields.size(); ++v)
            bindSqlite(same, int(v + 1), record.fields[v]);
        const bool there = sqlite3_step(same) == SQLITE_ROW;
        sqlite3_reset(same);
        sqlite3_clear_bindings(same);
        return there;
    };
    auto writeRecord = [&](std::size_t i) -> StepResult {
        const Record &record = batch[i];
        sqlite3_stmt *stmt = nullptr;
        switch (record.op) {
        case RecordOp::Upsert: stmt = p.upsert.get(); break;
        case RecordOp::Insert: stmt = p.insert.get(); break;
        case RecordOp::Update: stmt = p.update.get(); break;
        case RecordOp::Delete: stmt = p.remove.get(); break;
        }
        const std::vector<Value> &values = record.op == RecordOp::Delete ? keys[i] : record.fields;
        for (std::size_t v = 0; v < values.size(); ++v)
            bindSqlite(stmt, int(v + 1), values[v]);
        StepResult r{sqlite3_step(stmt), {}};
        if (r.rc == SQLITE_ROW)
            r.rc = SQLITE_DONE; // a trigger's SELECT; the write itself is done
        if (r.rc != SQLITE_DONE)
            r.message = sqlite3_errmsg(m_db);
        const int changes = sqlite3_changes(m_db);
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
        if (r.rc == SQLITE_DONE) {
            if (record.op == RecordOp::Update && changes == 0)
                outcomes[i] = {Outcome::Rejected, "no row with key " + tablesql::keyText(record)};
            else if (record.op == RecordOp::Insert && changes == 0 && !record.maybeDelivered && !sameRowThere(record))
                outcomes[i] = {Outcome::Rejected, tablesql::insertConflict(record)};
            else
                outcomes[i] = {Outcome::Delivered, {}};
        }
        return r;
    };

    for (;;) {
        if (const StepResult r = stepOnce(m_db, p.begin); r.rc != SQLITE_DONE)
            return std::unexpected(sqliteFailure(r.rc, r.message, name));
        bool again = false;
        for (std::size_t i = 0; i < batch.size() && !again; ++i) {
            if (settled[i])
                continue;
            const StepResult r = writeRecord(i);
            if (r.rc == SQLITE_DONE)
                continue;
            // SQLite undoes only the failing statement, unless the error (or an
            // ON CONFLICT ROLLBACK clause in the table) ended the transaction.
            const bool transactionLost = sqlite3_get_autocommit(m_db) != 0;
            if (sqliteRecordError(r.rc)) {
                outcomes[i] = {Outcome::Rejected, r.message};
                if (transactionLost) {
                    // The batch's earlier rows went with it: write them again without this one.
                    settled[i] = 1;
                    again = true;
                }
                continue;
            }
            if (!transactionLost)
                stepOnce(m_db, p.rollback);
            return std::unexpected(sqliteFailure(r.rc, r.message, name));
        }
        if (again)
            continue;
        if (const StepResult r = stepOnce(m_db, p.commit); r.rc != SQLITE_DONE) {
            if (!sqlite3_get_autocommit(m_db))
                stepOnce(m_db, p.rollback);
            // A deferred constraint names no record: the executor splits the batch to find it.
            if ((r.rc & 0xff) == SQLITE_CONSTRAINT)
                return std::unexpected(BatchFailure{BatchFailure::Kind::RejectedWhole, r.message, {}});
            return std::unexpected(sqliteFailure(r.rc, r.message, name));
        }
        return outcomes;
    }
}

Result<> SqliteTableDestination::commit()
{
    // Every batch committed its own transaction already.
    std::lock_guard lock(m_mutex);
    close();
    return {};
}

void SqliteTableDestination::abort()
{
    std::lock_guard lock(m_mutex);
    close(); // rolls back a transaction left open
}

} // namespace sluice

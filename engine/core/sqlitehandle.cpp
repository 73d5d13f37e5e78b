#include "sqlitehandle.h"

#include <algorithm>
#include <cctype>

namespace sluice::sqlite {

Statement &Statement::operator=(Statement &&o) noexcept
{
    if (this != &o) {
        sqlite3_finalize(m_stmt);
        m_db = o.m_db;
        m_stmt = o.m_stmt;
        o.m_stmt = nullptr;
    }
    return *this;
}

void Statement::bind(int index, const std::string &text)
{
    sqlite3_bind_text(m_stmt, index, text.data(), int(text.size()), SQLITE_TRANSIENT);
}

void Statement::bind(int index, std::int64_t v)
{
    sqlite3_bind_int64(m_stmt, index, v);
}

void Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

void Statement::bindBlob(int index, std::string_view bytes)
{
    // A zero-length blob, not NULL, for an empty key.
    sqlite3_bind_blob(m_stmt, index, bytes.empty() ? "" : bytes.data(), int(bytes.size()), SQLITE_TRANSIENT);
}

Result<bool> Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return std::unexpected(lastError(m_db, "query"));
}

Result<> Statement::run()
{
    for (;;) {
        auto r = step();
        if (!r)
            return std::unexpected(r.error());
        if (!*r)
            return {};
    }
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::string Statement::text(int column) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return p ? std::string(p, std::size_t(sqlite3_column_bytes(m_stmt, column))) : std::string();
}

std::string Statement::blob(int column) const
{
    const auto *p = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    return p ? std::string(p, std::size_t(sqlite3_column_bytes(m_stmt, column))) : std::string();
}

Value Statement::value(int column) const
{
    switch (sqlite3_column_type(m_stmt, column)) {
    case SQLITE_NULL: return Value();
    case SQLITE_INTEGER: return Value(std::int64_t(sqlite3_column_int64(m_stmt, column)));
    case SQLITE_FLOAT: return Value(sqlite3_column_double(m_stmt, column));
    default: return Value(text(column));
    }
}

void Statement::readInto(int column, Value &out) const
{
    // One column lookup, then the value's own accessors: several times fewer
    // API calls (each checks the column and takes the connection's mutex)
    // than sqlite3_column_type + _text + _bytes.
    sqlite3_value *v = sqlite3_column_value(m_stmt, column);
    switch (sqlite3_value_type(v)) {
    case SQLITE_NULL: out = Value(); return;
    case SQLITE_INTEGER: out = Value(std::int64_t(sqlite3_value_int64(v))); return;
    case SQLITE_FLOAT: out = Value(sqlite3_value_double(v)); return;
    default: {
        const auto *p = reinterpret_cast<const char *>(sqlite3_value_text(v));
        out.setText(std::string_view(p ? p : "", std::size_t(sqlite3_value_bytes(v))));
    }
    }
}

Result<Statement> prepare(sqlite3 *db, const std::string &sql)
{
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v2(db, sql.c_str(), int(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK)
        return std::unexpected(lastError(db, "query"));
    return Statement(db, stmt);
}

Result<> exec(sqlite3 *db, const std::string &sql)
{
    char *err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        return std::unexpected(errorFromCode(rc, msg, "query"));
    }
    return {};
}

Error errorFromCode(int rc, const std::string &message, const std::string &what)
{
    switch (rc & 0xff) {
    case SQLITE_CORRUPT:
        return Error{ErrorKind::InvalidInput, "sqlite.corrupt", "the database file is corrupt (" + message + ")", {}};
    case SQLITE_NOTADB:
        return Error{ErrorKind::InvalidInput, "sqlite.not_a_database", "the file is not a SQLite database", {}};
    case SQLITE_INTERRUPT: return Error{ErrorKind::Cancelled, "cancelled", "cancelled", {}};
    case SQLITE_CANTOPEN:
        return Error{
            ErrorKind::InvalidInput, "sqlite.cant_open", "cannot open the database file (" + message + ")", {}};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return Error{
            ErrorKind::Failed, "sqlite.busy", "the database is locked by another process (" + message + ")", {}};
    case SQLITE_READONLY: return Error{ErrorKind::Failed, "sqlite.readonly", "the database is read-only", {}};
    case SQLITE_FULL: return Error{ErrorKind::Failed, "sqlite.full", "the disk is full", {}};
    default: return Error{ErrorKind::Failed, "sqlite.error", what + " failed: " + message, {}};
    }
}

Error lastError(sqlite3 *db, const std::string &what)
{
    return errorFromCode(sqlite3_extended_errcode(db), sqlite3_errmsg(db), what);
}

ValueType typeFromDeclared(const std::string &declared)
{
    // SQLite's own affinity rules (section 3.1 of "Datatypes In SQLite").
    std::string t = declared;
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::toupper(c); });
    if (t.find("INT") != std::string::npos)
        return ValueType::Integer;
    if (t.find("BOOL") != std::string::npos)
        return ValueType::Boolean;
    if (t.find("CHAR") != std::string::npos || t.find("CLOB") != std::string::npos
        || t.find("TEXT") != std::string::npos || t.find("DATE") != std::string::npos
        || t.find("TIME") != std::string::npos)
        return ValueType::Text;
    if (t.find("REAL") != std::string::npos || t.find("FLOA") != std::string::npos
        || t.find("DOUB") != std::string::npos || t.find("NUM") != std::string::npos
        || t.find("DEC") != std::string::npos)
        return ValueType::Real;
    return ValueType::Text;
}

Result<std::string> readFileStart(const std::string &path, int size)
{
    sqlite3_vfs *vfs = sqlite3_vfs_find(nullptr);
    if (!vfs)
        return failed("sqlite.vfs", "SQLite has no default VFS", path);
    // The VFS may keep the name until xClose: give it one SQLite owns.
    const char *name = sqlite3_create_filename(path.c_str(), "", "", 0, nullptr);
    if (!name)
        return failed("sqlite.nomem", "out of memory", path);
    std::unique_ptr<char[]> storage(new char[std::size_t(vfs->szOsFile)]());
    auto *file = reinterpret_cast<sqlite3_file *>(storage.get());
    int outFlags = 0;
    // MAIN_DB: the unix VFS reuses a descriptor this process already has for
    // the file and defers the close while any connection holds a lock on it.
    int rc = vfs->xOpen(vfs, name, file, SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB, &outFlags);
    std::string bytes(std::size_t(size), '\0');
    if (rc == SQLITE_OK) {
        rc = file->pMethods->xRead(file, bytes.data(), size, 0);
        if (rc == SQLITE_IOERR_SHORT_READ)
            rc = SQLITE_OK; // the rest is zero-filled, as documented
    }
    if (file->pMethods)
        file->pMethods->xClose(file);
    sqlite3_free_filename(name);
    if (rc != SQLITE_OK)
        return failed("file.unreadable", std::string("cannot read the file: ") + sqlite3_errstr(rc), path);
    return bytes;
}

} // namespace sluice::sqlite

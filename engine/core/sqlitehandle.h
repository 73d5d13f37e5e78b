#pragma once
// Thin RAII helpers over the SQLite C API, shared by the project store,
// the SQLite source and the demo generator.

#include "core/error.h"
#include "core/value.h"

#include <sqlite3.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace sluice::sqlite {

struct DbCloser {
    void operator()(sqlite3 *db) const { sqlite3_close_v2(db); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;

class Statement {
public:
    Statement() = default;
    Statement(sqlite3 *db, sqlite3_stmt *stmt) : m_db(db), m_stmt(stmt) { }
    Statement(Statement &&o) noexcept : m_db(o.m_db), m_stmt(o.m_stmt) { o.m_stmt = nullptr; }
    Statement &operator=(Statement &&o) noexcept;
    ~Statement() { sqlite3_finalize(m_stmt); }

    sqlite3_stmt *get() const { return m_stmt; }
    void bind(int index, const std::string &text);
    void bind(int index, std::int64_t v);
    void bindNull(int index);
    // Keys are stored as BLOBs: memcmp order, and any byte allowed.
    void bindBlob(int index, std::string_view bytes);
    // SQLITE_ROW -> true, SQLITE_DONE -> false, anything else -> error.
    Result<bool> step();
    Result<> run(); // step to completion
    void reset();

    std::string text(int column) const;
    std::string blob(int column) const;
    std::int64_t integer(int column) const { return sqlite3_column_int64(m_stmt, column); }
    double real(int column) const { return sqlite3_column_double(m_stmt, column); }
    bool isNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
    Value value(int column) const;
    // As value(), reusing out's text storage. Reads through sqlite3_column_value:
    // for connections one thread uses at a time (SQLITE_OPEN_NOMUTEX).
    void readInto(int column, Value &out) const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

Result<Statement> prepare(sqlite3 *db, const std::string &sql);

// Steps `st` to its end, calling `row()` on each row: the loop of every
// reader, with its error handling in one place.
template <typename RowFn> Result<> eachRow(Statement &st, RowFn &&row)
{
    for (;;) {
        auto more = st.step();
        if (!more)
            return std::unexpected(more.error());
        if (!*more)
            return {};
        row();
    }
}

// The first row read by `read()`, or nullopt when there is none.
template <typename ReadFn> auto firstRow(Statement &st, ReadFn &&read) -> Result<std::optional<decltype(read())>>
{
    auto there = st.step();
    if (!there)
        return std::unexpected(there.error());
    if (!*there)
        return std::nullopt;
    return read();
}
Result<> exec(sqlite3 *db, const std::string &sql);

// An Error from the database's current error state, classified: corruption
// and "not a database" become clear, user-facing messages.
Error lastError(sqlite3 *db, const std::string &what);
Error errorFromCode(int rc, const std::string &message, const std::string &what);

ValueType typeFromDeclared(const std::string &declared);

// Reads the first `size` bytes of a database file through SQLite's own VFS.
// Never read a database file with std::ifstream, fopen or open(2) while this
// process may hold it open in SQLite: POSIX drops every fcntl lock a process
// holds on a file when it closes any descriptor of it, so SQLite's locks would
// vanish and another process could delete the WAL from under us. SQLite's unix
// VFS knows its own descriptors and keeps this one open until the locks go.
// A file shorter than `size` reads as zeros past its end.
Result<std::string> readFileStart(const std::string &path, int size);

} // namespace sluice::sqlite

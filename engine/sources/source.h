#pragma once
// The Source interface: a warehouse connection Sluice reads models from.
// Implementations: SQLite file, PostgreSQL (libpq), CSV file, Snowflake (SQL API).
//
// Threading: one thread uses a Source at a time; cancel() may be called from
// any other thread and interrupts the blocking call in flight. Cancellation is
// sticky: once cancelled, every later call on that Source returns a Cancelled
// error. Create a fresh Source per job (they are cheap: nothing connects
// before the first call).

#include "core/error.h"
#include "core/value.h"
#include "formats/sqlquote.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

struct TableInfo {
    std::string schema; // "" where the source has none (SQLite main, CSV)
    std::string name;
    bool isView = false;
    std::vector<Column> columns;
};

struct QuerySpec {
    std::string sql;                   // ignored by sources without SQL (CSV)
    std::optional<std::int64_t> limit; // pushed down to the source
    std::vector<std::string> orderBy;  // column names; only where supportsOrderBy()
    // Order text bytewise (SQLite BINARY, PostgreSQL "C"), whatever the
    // columns' collations: the sync planner merges on memcmp order.
    bool bytewiseOrder = false;
    std::string where; // a condition on the model's columns (timestamp cursor)
};

// Streams a query's rows; memory does not grow with the result.
class RowCursor {
public:
    virtual ~RowCursor() = default;
    virtual const std::vector<Column> &columns() const = 0;
    // Fills `row` with the next row (size == columns().size()). Returns false at the end.
    virtual Result<bool> next(Row &row) = 0;
};

class Source {
public:
    virtual ~Source() = default;

    virtual std::string_view kind() const = 0;
    virtual bool supportsSql() const { return true; }
    virtual bool supportsOrderBy() const { return supportsSql(); }
    // The COLLATE clause that makes a text column compare bytewise (memcmp
    // order) in this source's SQL, in ORDER BY and in comparisons: SQLite
    // BINARY, PostgreSQL "C", Snowflake 'utf8'. Empty without SQL.
    virtual std::string bytewiseTextCollation() const { return {}; }
    // The COLLATE clause for `column` (of this source's query result) in
    // ORDER BY and comparisons: bytewiseTextCollation() for real text
    // columns, "" for every other type. PostgreSQL and Snowflake refuse
    // COLLATE on dates, timestamps and numbers, which the engine reads as
    // text; the column's declared type says which is which.
    virtual std::string collationFor(const Column &column) const;
    // `"column" op literal` in this source's SQL, typed by the column's own
    // type: text compares bytewise (collationFor), dates and timestamps as
    // such, their literal cast or parsed with an explicit format (never by
    // the session's output format), numbers as numbers. The timestamp
    // cursor's WHERE clause is made of these.
    virtual std::string comparison(const Column &column, std::string_view op, const Value &value) const;

    // Connects (or opens) and returns a short description of what it reached,
    // e.g. "PostgreSQL 15.18, database warehouse". Errors say what is wrong in
    // the user's terms: wrong password, host unreachable, file missing.
    virtual Result<std::string> testConnection() = 0;

    // Tables and views with their columns, for the schema browser.
    virtual Result<std::vector<TableInfo>> listTables() = 0;

    virtual Result<std::unique_ptr<RowCursor>> query(const QuerySpec &spec) = 0;

    // Thread-safe; interrupts the call in flight. Sticky (see above).
    virtual void cancel() = 0;
};

// Wraps a model's SQL so a WHERE / ORDER BY / LIMIT can be pushed down
// whatever the user wrote: strips trailing semicolons and whitespace, keeps
// comments safe. `collate(column)` returns the COLLATE clause for an ORDER BY
// column when spec.bytewiseOrder is set ("" for none).
std::string wrapModelSql(const std::string &sql, const QuerySpec &spec, char identifierQuote = '"',
                         const std::function<std::string(const std::string &)> &collate = {});

} // namespace sluice

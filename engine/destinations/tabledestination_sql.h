#pragma once
// What the SQLite and PostgreSQL table destinations share: their limits and
// modes, the checks of a run's fields, of each record and of an existing
// table, the statements built once per run from the mapped fields, and the
// wording of keys and row counts.

#include "destinations/contract/destination.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sluice::tablesql {

enum class Dialect { Sqlite, Postgres };

DestinationLimits limits();
std::vector<SyncMode> modes();

// write() before a successful begin().
BatchFailure notOpen();

// Why a record cannot be written, before the database sees it; or empty.
// `keys`: the key values of a Delete.
std::string malformed(const Record &record, const RunInfo &run, const std::vector<Value> &keys);

// SQLite folds ASCII case in table and column names; PostgreSQL compares
// quoted identifiers exactly.
bool sameName(std::string_view a, std::string_view b, Dialect dialect);

// A key, every key field among the mapped fields, no field mapped twice.
Result<> checkRun(const RunInfo &run, Dialect dialect);

// Positions of RunInfo::keyFields in RunInfo::fields, in key order (after checkRun()).
std::vector<std::size_t> keyPositions(const RunInfo &run, Dialect dialect);

std::string columnType(Dialect dialect, ValueType type);

// `table` is already quoted (and schema-qualified where there is one).
std::string createTableSql(Dialect dialect, const std::string &table, const RunInfo &run);

// Parameters: upsert, insert, update and sameRow take RunInfo::fields in
// order as 1..n; remove takes the key values in key order as 1..k.
// insert does nothing when the key is there already; sameRow then says
// whether that row holds exactly these values: a run killed after its batch
// was written, before it was recorded, sends the same rows again, and an
// insert of the same row is no new row (exactly once, not a rejection).
struct Statements {
    std::string upsert, insert, update, remove, sameRow;
};
Statements statements(Dialect dialect, const std::string &table, const RunInfo &run);

// The rejection of an insert whose key holds another row.
std::string insertConflict(const Record &record);

// What a run needs to know about an existing table.
struct TableShape {
    std::vector<std::string> columns;
    // The primary key and every unique index that can be an ON CONFLICT target.
    std::vector<std::vector<std::string>> uniqueKeys;
};

// Every mapped field has a column; the key fields are exactly some unique key.
// `displayName` is the table as the user names it ("users", "public.users").
Result<> checkShape(const TableShape &shape, const RunInfo &run, const std::string &displayName, Dialect dialect);

std::string countText(std::int64_t rows); // "1 row", "1,234 rows"

// The record's key for messages: "42", "5 | eu".
std::string keyText(const Record &record);

// The key values of a Delete: Record::keyValues, or decoded from Record::key.
std::vector<Value> keyValues(const Record &record);

} // namespace sluice::tablesql

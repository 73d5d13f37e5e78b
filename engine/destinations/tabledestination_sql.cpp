#include "destinations/tabledestination_sql.h"

#include "core/keycodec.h"
#include "formats/sqlquote.h"

#include <algorithm>

namespace sluice::tablesql {

namespace {

char foldAscii(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

std::string parameterMarker(Dialect dialect, std::size_t number)
{
    return (dialect == Dialect::Sqlite ? "?" : "$") + std::to_string(number);
}

std::string joined(const std::vector<std::string> &parts, std::string_view separator)
{
    std::string out;
    for (const auto &part : parts) {
        if (!out.empty())
            out += separator;
        out += part;
    }
    return out;
}

bool isKey(std::size_t position, const std::vector<std::size_t> &keys)
{
    return std::find(keys.begin(), keys.end(), position) != keys.end();
}

// Same names, in any order: ON CONFLICT (a, b) is satisfied by UNIQUE (b, a).
bool sameColumnSet(const std::vector<std::string> &a, const std::vector<std::string> &b, Dialect dialect)
{
    if (a.size() != b.size())
        return false;
    return std::all_of(a.begin(), a.end(), [&](const std::string &name) {
        return std::any_of(b.begin(), b.end(),
                           [&](const std::string &other) { return sameName(name, other, dialect); });
    });
}

} // namespace

// Both databases write a batch in one transaction; larger batches would only
// hold locks longer without being faster.
DestinationLimits limits()
{
    DestinationLimits limits;
    limits.maxBatchRecords = 10000;
    limits.defaultBatchRecords = 500;
    limits.maxConcurrency = 1; // one connection, one transaction at a time
    return limits;
}

std::vector<SyncMode> modes()
{
    return {SyncMode::Upsert, SyncMode::Insert, SyncMode::Update, SyncMode::Mirror};
}

BatchFailure notOpen()
{
    return BatchFailure{BatchFailure::Kind::Fatal, "the table destination is not open (begin() did not succeed)", {}};
}

std::string malformed(const Record &record, const RunInfo &run, const std::vector<Value> &keys)
{
    // Values by position: a record of another shape would land in the wrong columns.
    if (record.op == RecordOp::Delete) {
        if (keys.size() != run.keyFields.size())
            return "the record has " + std::to_string(keys.size()) + " key values for "
                 + std::to_string(run.keyFields.size()) + " key fields";
    } else if (record.fields.size() != run.fields.size()) {
        return "the record has " + std::to_string(record.fields.size()) + " values for "
             + std::to_string(run.fields.size()) + " fields";
    }
    return {};
}

bool sameName(std::string_view a, std::string_view b, Dialect dialect)
{
    if (dialect == Dialect::Postgres)
        return a == b;
    return a.size() == b.size()
        && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return foldAscii(x) == foldAscii(y); });
}

Result<> checkRun(const RunInfo &run, Dialect dialect)
{
    if (run.keyFields.empty())
        return invalidInput("table.no_key", "map the model's primary key to a field: a table destination needs it");
    for (std::size_t i = 0; i < run.fields.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (sameName(run.fields[i].name, run.fields[j].name, dialect))
                return invalidInput("table.duplicate_field",
                                    "field '" + run.fields[i].name
                                        + "' is mapped twice; a table has one column of each name");
        }
    }
    for (const auto &key : run.keyFields) {
        const bool mapped = std::any_of(run.fields.begin(), run.fields.end(),
                                        [&](const FieldSpec &f) { return sameName(f.name, key, dialect); });
        if (!mapped)
            return invalidInput("table.key_not_mapped",
                                "key field '" + key + "' is not among the mapped fields; map it to a column");
    }
    return {};
}

std::vector<std::size_t> keyPositions(const RunInfo &run, Dialect dialect)
{
    std::vector<std::size_t> positions;
    for (const auto &key : run.keyFields) {
        for (std::size_t i = 0; i < run.fields.size(); ++i) {
            if (sameName(run.fields[i].name, key, dialect)) {
                positions.push_back(i);
                break;
            }
        }
    }
    return positions;
}

std::string columnType(Dialect dialect, ValueType type)
{
    const bool sqlite = dialect == Dialect::Sqlite;
    switch (type) {
    case ValueType::Integer: return sqlite ? "INTEGER" : "BIGINT";
    case ValueType::Real: return sqlite ? "REAL" : "DOUBLE PRECISION";
    case ValueType::Boolean:
        // SQLite has no boolean storage class: 0 and 1 are what it stores anyway.
        return sqlite ? "INTEGER" : "BOOLEAN";
    case ValueType::Text:
    case ValueType::Null: break;
    }
    // A field that was NULL in every sampled row can hold anything later; text takes it all.
    return "TEXT";
}

std::string createTableSql(Dialect dialect, const std::string &table, const RunInfo &run)
{
    const auto keys = keyPositions(run, dialect);
    std::vector<std::string> definitions;
    for (std::size_t i = 0; i < run.fields.size(); ++i) {
        std::string definition = quoteIdentifier(run.fields[i].name) + " " + columnType(dialect, run.fields[i].type);
        // SQLite lets NULL into most primary keys for backwards compatibility;
        // a NULL key would make the row unreachable by its key.
        if (isKey(i, keys))
            definition += " NOT NULL";
        definitions.push_back(std::move(definition));
    }
    std::vector<std::string> keyColumns;
    for (std::size_t k : keys)
        keyColumns.push_back(quoteIdentifier(run.fields[k].name));
    definitions.push_back("PRIMARY KEY (" + joined(keyColumns, ", ") + ")");
    // IF NOT EXISTS: another run may create it between our look and our CREATE;
    // the caller looks again afterwards and checks what is there.
    return "CREATE TABLE IF NOT EXISTS " + table + " (" + joined(definitions, ", ") + ")";
}

Statements statements(Dialect dialect, const std::string &table, const RunInfo &run)
{
    const auto keys = keyPositions(run, dialect);
    std::vector<std::string> columns, values, assignments, updates, keyColumns, keyMatch, keyMatchByKey;
    for (std::size_t i = 0; i < run.fields.size(); ++i) {
        const std::string column = quoteIdentifier(run.fields[i].name);
        columns.push_back(column);
        values.push_back(parameterMarker(dialect, i + 1));
        if (!isKey(i, keys)) {
            assignments.push_back(column + " = excluded." + column);
            updates.push_back(column + " = " + parameterMarker(dialect, i + 1));
        }
    }
    for (std::size_t k = 0; k < keys.size(); ++k) {
        const std::string column = quoteIdentifier(run.fields[keys[k]].name);
        keyColumns.push_back(column);
        keyMatch.push_back(column + " = " + parameterMarker(dialect, keys[k] + 1));
        keyMatchByKey.push_back(column + " = " + parameterMarker(dialect, k + 1));
    }
    // A table of key columns only has nothing to update; setting the key to
    // itself still reports whether the row exists.
    if (updates.empty())
        updates.push_back(keyMatch.front());

    Statements s;
    const std::string insert
        = "INSERT INTO " + table + " (" + joined(columns, ", ") + ") VALUES (" + joined(values, ", ") + ")";
    s.insert = insert + " ON CONFLICT (" + joined(keyColumns, ", ") + ") DO NOTHING";
    s.upsert = insert + " ON CONFLICT (" + joined(keyColumns, ", ") + ") "
             + (assignments.empty() ? "DO NOTHING" : "DO UPDATE SET " + joined(assignments, ", "));
    std::vector<std::string> sameValues;
    for (std::size_t i = 0; i < run.fields.size(); ++i)
        sameValues.push_back(columns[i] + (dialect == Dialect::Postgres ? " IS NOT DISTINCT FROM " : " IS ")
                             + parameterMarker(dialect, i + 1));
    s.sameRow = "SELECT 1 FROM " + table + " WHERE " + joined(sameValues, " AND ");
    s.update = "UPDATE " + table + " SET " + joined(updates, ", ") + " WHERE " + joined(keyMatch, " AND ");
    s.remove = "DELETE FROM " + table + " WHERE " + joined(keyMatchByKey, " AND ");
    return s;
}

std::string insertConflict(const Record &record)
{
    return "a row with key " + keyText(record)
         + " is there already, with other values (insert mode adds rows, "
           "it does not change them)";
}

Result<> checkShape(const TableShape &shape, const RunInfo &run, const std::string &displayName, Dialect dialect)
{
    for (const auto &field : run.fields) {
        const bool present = std::any_of(shape.columns.begin(), shape.columns.end(),
                                         [&](const std::string &c) { return sameName(c, field.name, dialect); });
        if (!present)
            return invalidInput("table.missing_column", "table " + displayName + " has no column '" + field.name + "'");
    }
    const bool unique
        = std::any_of(shape.uniqueKeys.begin(), shape.uniqueKeys.end(),
                      [&](const std::vector<std::string> &key) { return sameColumnSet(key, run.keyFields, dialect); });
    if (!unique)
        return invalidInput("table.no_unique_key", "table " + displayName + " has no primary key or unique index on ("
                                                       + joined(run.keyFields, ", ") + "); ON CONFLICT needs one");
    return {};
}

std::string countText(std::int64_t rows)
{
    const std::string digits = std::to_string(rows < 0 ? -rows : rows);
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            grouped += ',';
        grouped += digits[i];
    }
    return (rows < 0 ? "-" : "") + grouped + (rows == 1 ? " row" : " rows");
}

std::string keyText(const Record &record)
{
    if (!record.displayKey.empty())
        return record.displayKey;
    std::string out;
    for (const auto &value : keyValues(record)) {
        if (!out.empty())
            out += " | ";
        out += value.toString();
    }
    return out;
}

std::vector<Value> keyValues(const Record &record)
{
    if (!record.keyValues.empty() || record.key.empty())
        return record.keyValues;
    return decodeKey(record.key);
}

} // namespace sluice::tablesql

// The PostgreSQL source's catalog: value types by type OID, the names of
// types for columns, and the tables and views listTables() shows.

#include "sources/postgresinternal.h"

#include <charconv>

namespace sluice {

namespace {

// Built-in type OIDs (pg_type.dat); fixed across server versions.
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

} // namespace

namespace pgsource {

ValueType valueTypeForOid(Oid oid)
{
    switch (oid) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid: return ValueType::Integer;
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: return ValueType::Real;
    case kBoolOid: return ValueType::Boolean;
    default: return ValueType::Text;
    }
}

} // namespace pgsource

using namespace pgsource;

Result<void> PostgresSource::loadTypeNames()
{
    // Every type a result column can have, but not the row types of tables
    // (nor their arrays), which would make this grow with the warehouse.
    auto result = exec(R"(SELECT t.oid, pg_catalog.format_type(t.oid, NULL)
FROM pg_catalog.pg_type t
LEFT JOIN pg_catalog.pg_type e ON e.oid = t.typelem
WHERE t.typrelid = 0 AND COALESCE(e.typrelid, 0) = 0)");
    if (!result)
        return std::unexpected(result.error());
    const ResultPtr rows(*result);
    for (int i = 0, n = PQntuples(rows.get()); i < n; ++i) {
        unsigned oid = 0;
        const std::string_view text(PQgetvalue(rows.get(), i, 0));
        std::from_chars(text.data(), text.data() + text.size(), oid);
        m_typeNames.emplace(oid, PQgetvalue(rows.get(), i, 1));
    }
    return {};
}

Result<std::vector<TableInfo>> PostgresSource::listTables()
{
    if (m_cursor)
        m_cursor->supersede();
    if (auto conn = connection(); !conn)
        return std::unexpected(conn.error());
    // One catalog query for everything. Partitions are left out: they are read
    // through their parent, and a warehouse can have thousands of them.
    auto result = exec(R"(SELECT n.nspname, c.relname, c.relkind IN ('v', 'm'),
       a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
       COALESCE(NULLIF(t.typbasetype, 0), a.atttypid)
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND NOT c.relispartition
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
ORDER BY n.nspname, c.relname, a.attnum)");
    if (!result)
        return std::unexpected(result.error());
    const ResultPtr rows(*result);

    std::vector<TableInfo> tables;
    for (int i = 0, n = PQntuples(rows.get()); i < n; ++i) {
        const char *schema = PQgetvalue(rows.get(), i, 0);
        const char *name = PQgetvalue(rows.get(), i, 1);
        if (tables.empty() || tables.back().schema != schema || tables.back().name != name) {
            TableInfo table;
            table.schema = schema;
            table.name = name;
            table.isView = PQgetvalue(rows.get(), i, 2)[0] == 't';
            tables.push_back(std::move(table));
        }
        if (PQgetisnull(rows.get(), i, 3))
            continue; // a table without columns
        Column column;
        column.name = PQgetvalue(rows.get(), i, 3);
        column.declaredType = PQgetvalue(rows.get(), i, 4);
        Oid oid = 0;
        const std::string_view oidText(PQgetvalue(rows.get(), i, 5));
        std::from_chars(oidText.data(), oidText.data() + oidText.size(), oid);
        column.type = valueTypeForOid(oid);
        tables.back().columns.push_back(std::move(column));
    }
    return tables;
}

} // namespace sluice

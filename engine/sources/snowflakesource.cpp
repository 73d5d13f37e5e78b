#include "sources/snowflakesource.h"

#include "sources/sqlstatements.h"

#include "sources/snowflakeinternal.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>

namespace sluice {

using nlohmann::json;
using namespace snowflake;

namespace {

// Streams a result partition by partition: one partition's rows in memory.
class SnowflakeCursor final : public RowCursor {
public:
    SnowflakeCursor(std::shared_ptr<SnowflakeConnection> connection, StatementResult result)
        : m_connection(std::move(connection)), m_result(std::move(result)), m_data(std::move(m_result.firstData))
    {
        m_haveData = m_data.is_array();
        if (!m_haveData)
            m_data = json::array();
    }

    const std::vector<Column> &columns() const override { return m_result.columns; }

    Result<bool> next(Row &row) override
    {
        if (m_done)
            return false;
        if (m_connection->isCancelled()) {
            m_done = true;
            return cancelled(m_connection->where());
        }
        while (!m_haveData || m_index >= m_data.size()) {
            if (m_haveData) {
                if (auto checked = checkPartitionCount(); !checked) {
                    m_done = true;
                    return std::unexpected(checked.error());
                }
                ++m_partition;
            }
            if (m_partition >= m_result.partitionRows.size()) {
                m_done = true;
                if (m_delivered != m_result.numRows)
                    return failed("snowflake.row_count",
                                  "Snowflake announced " + std::to_string(m_result.numRows) + " rows and sent "
                                      + std::to_string(m_delivered),
                                  m_connection->statementWhere(m_result.handle));
                return false;
            }
            auto data = m_connection->fetchPartition(m_result.handle, m_partition);
            if (!data) {
                m_done = true;
                return std::unexpected(data.error());
            }
            m_data = std::move(*data); // the previous partition is freed here
            m_haveData = true;
            m_index = 0;
        }
        const json &cells = m_data[m_index++];
        const std::size_t width = m_result.columns.size();
        if (!cells.is_array() || cells.size() != width) {
            m_done = true;
            return failed("snowflake.protocol",
                          "row " + std::to_string(m_delivered + 1) + " does not have the result's "
                              + std::to_string(width) + " columns",
                          m_connection->statementWhere(m_result.handle));
        }
        row.resize(width);
        for (std::size_t i = 0; i < width; ++i) {
            const json &cell = cells[i];
            if (cell.is_null())
                row[i] = Value();
            else if (cell.is_string())
                row[i] = decodeCell(cell.get_ref<const std::string &>(), m_result.codecs[i]);
            else
                row[i] = decodeCell(cell.dump(), m_result.codecs[i]);
        }
        ++m_delivered;
        ++m_inPartition;
        return true;
    }

private:
    Result<void> checkPartitionCount()
    {
        const std::int64_t expected = m_result.partitionRows[m_partition];
        const std::int64_t got = m_inPartition;
        m_inPartition = 0;
        if (expected >= 0 && got != expected)
            return failed("snowflake.row_count",
                          "partition " + std::to_string(m_partition) + " should hold " + std::to_string(expected)
                              + " rows and held " + std::to_string(got),
                          m_connection->statementWhere(m_result.handle));
        return {};
    }

    std::shared_ptr<SnowflakeConnection> m_connection;
    StatementResult m_result;
    json m_data;
    bool m_haveData = false;
    std::size_t m_index = 0;
    std::size_t m_partition = 0;
    std::int64_t m_inPartition = 0;
    std::int64_t m_delivered = 0;
    bool m_done = false;
};

// Lines before `body` in `sql` (the wrapper's "SELECT * FROM (").
int linesBefore(const std::string &sql, const std::string &body)
{
    const auto at = body.empty() ? std::string::npos : sql.find(body);
    if (at == std::string::npos)
        return 0;
    return int(std::count(sql.begin(), sql.begin() + std::ptrdiff_t(at), '\n'));
}

} // namespace

std::string snowflakeAccountUrl(const std::string &account)
{
    std::string a = account;
    while (!a.empty() && (a.back() == '/' || a.back() == ' '))
        a.pop_back();
    if (a.starts_with("https://") || a.starts_with("http://"))
        return a;
    if (lower(a).ends_with(".snowflakecomputing.com"))
        return "https://" + lower(a);
    return "https://" + lower(a) + ".snowflakecomputing.com";
}

SnowflakeSource::SnowflakeSource(SnowflakeSettings settings)
    : m_connection(std::make_shared<SnowflakeConnection>(std::move(settings)))
{ }

SnowflakeSource::~SnowflakeSource() = default;

void SnowflakeSource::cancel()
{
    m_connection->cancel();
}

Result<std::string> SnowflakeSource::testConnection()
{
    auto cursor = query(QuerySpec{"SELECT CURRENT_VERSION() AS VERSION, CURRENT_ACCOUNT() AS ACCOUNT, "
                                  "CURRENT_DATABASE() AS DATABASE, CURRENT_SCHEMA() AS SCHEMA, "
                                  "CURRENT_WAREHOUSE() AS WAREHOUSE, CURRENT_ROLE() AS ROLE",
                                  {},
                                  {},
                                  false,
                                  {}});
    if (!cursor)
        return std::unexpected(cursor.error());
    Row row;
    auto got = (*cursor)->next(row);
    if (!got)
        return std::unexpected(got.error());
    if (!*got || row.size() < 6)
        return failed("snowflake.protocol", "the session query returned no row", m_connection->where());
    auto part = [&](std::size_t i, const std::string &label, const std::string &none) {
        return row[i].isNull() ? none : label + " " + row[i].toString();
    };
    return "Snowflake " + row[0].toString() + " at " + m_connection->where() + ", " + part(1, "account", "no account")
         + ", " + part(2, "database", "no database") + ", " + part(3, "schema", "no schema") + ", "
         + part(4, "warehouse", "no warehouse (queries need one)") + ", " + part(5, "role", "no role");
}

Result<std::vector<TableInfo>> SnowflakeSource::listTables()
{
    // INFORMATION_SCHEMA of the session's database: every schema but itself.
    auto cursor = query(QuerySpec{R"(SELECT c.TABLE_SCHEMA, c.TABLE_NAME, t.TABLE_TYPE, c.COLUMN_NAME, c.DATA_TYPE,
       c.NUMERIC_PRECISION, c.NUMERIC_SCALE
FROM INFORMATION_SCHEMA.COLUMNS c
JOIN INFORMATION_SCHEMA.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
WHERE c.TABLE_SCHEMA <> 'INFORMATION_SCHEMA'
ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION)",
                                  {},
                                  {},
                                  false,
                                  {}});
    if (!cursor)
        return std::unexpected(cursor.error());
    std::vector<TableInfo> tables;
    Row row;
    for (;;) {
        auto got = (*cursor)->next(row);
        if (!got)
            return std::unexpected(got.error());
        if (!*got)
            break;
        if (row.size() < 7)
            return failed("snowflake.protocol", "the catalog query returned too few columns", m_connection->where());
        const std::string schema = row[0].toString();
        const std::string name = row[1].toString();
        if (tables.empty() || tables.back().schema != schema || tables.back().name != name)
            tables.push_back(TableInfo{schema, name, row[2].toString().find("VIEW") != std::string::npos, {}});
        Column column;
        column.name = row[3].toString();
        const std::string type = upper(row[4].toString());
        const std::int64_t scale = row[6].type() == ValueType::Integer ? row[6].asInteger() : 0;
        if (type == "NUMBER") {
            column.type = scale == 0 ? ValueType::Integer : ValueType::Real;
            column.declaredType = "NUMBER(" + row[5].toString() + "," + std::to_string(scale) + ")";
        } else {
            column.type = type == "FLOAT" || type == "DECFLOAT" ? ValueType::Real
                        : type == "BOOLEAN"                     ? ValueType::Boolean
                                                                : ValueType::Text;
            column.declaredType = type;
        }
        tables.back().columns.push_back(std::move(column));
    }
    return tables;
}

Result<std::vector<Column>> SnowflakeSource::modelColumns(const std::string &sql)
{
    if (const auto known = m_columnsBySql.find(sql); known != m_columnsBySql.end())
        return known->second;
    QuerySpec probe;
    probe.sql = sql;
    probe.limit = 0;
    auto cursor = query(probe);
    if (!cursor)
        return std::unexpected(cursor.error());
    return (*cursor)->columns();
}

std::string SnowflakeSource::collationFor(const Column &column) const
{
    return column.declaredType == "TEXT" ? bytewiseTextCollation() : std::string();
}

namespace {

// The fraction of "2024-05-02 10:00:00.123+02:00" as a format element
// ("FF3"), "" without one. Only the seconds have a '.' in these texts.
std::string fractionFormat(const std::string &text)
{
    const auto dot = text.find('.');
    if (dot == std::string::npos)
        return {};
    std::size_t digits = 0;
    while (dot + 1 + digits < text.size() && std::isdigit(static_cast<unsigned char>(text[dot + 1 + digits])))
        ++digits;
    return digits ? ".FF" + std::to_string(std::min<std::size_t>(digits, 9)) : std::string();
}

} // namespace

std::string SnowflakeSource::comparison(const Column &column, std::string_view op, const Value &value) const
{
    std::string rhs = sqlLiteral(value);
    const std::string &type = column.declaredType;
    // Dates and times were read as text (decodeCell): parse them back with an
    // explicit format, so the comparison is in time order and never depends
    // on the session's TIMESTAMP_INPUT_FORMAT.
    if (value.type() == ValueType::Text) {
        const std::string &text = value.asText();
        if (type == "DATE")
            rhs = "TO_DATE(" + rhs + ", 'YYYY-MM-DD')";
        else if (type == "TIME")
            rhs = "TO_TIME(" + rhs + ", 'HH24:MI:SS" + fractionFormat(text) + "')";
        else if (type == "TIMESTAMP_NTZ")
            rhs = "TO_TIMESTAMP_NTZ(" + rhs + ", 'YYYY-MM-DD HH24:MI:SS" + fractionFormat(text) + "')";
        else if (type == "TIMESTAMP_LTZ" || type == "TIMESTAMP_TZ")
            rhs = "TO_TIMESTAMP_TZ(" + rhs + ", 'YYYY-MM-DD HH24:MI:SS" + fractionFormat(text) + "TZH:TZM')";
    }
    return quoteIdentifier(column.name) + collationFor(column) + " " + std::string(op) + " " + rhs;
}

Result<std::unique_ptr<RowCursor>> SnowflakeSource::query(const QuerySpec &spec)
{
    if (m_connection->isCancelled())
        return cancelled(m_connection->where());
    // One read-only query (issue 19): Snowflake has no read-only session, so
    // what is sent is checked here; a role with SELECT grants only is the
    // other half (docs/project-format.md).
    auto statements = readOnlyModelStatements(spec.sql, /*allowShow*/ true);
    if (!statements)
        return std::unexpected(statements.error());
    if (statements->size() > 1)
        return invalidInput("sql.not_read_only",
                            "a Snowflake model is one read-only query (give the database, schema and role in the "
                            "source's settings instead of USE or SET)",
                            "model SQL line " + std::to_string(statements->front().line));
    // Bytewise order of text: COLLATE 'utf8' compares the UTF-8 bytes (code
    // point order, which is memcmp order) whatever collation the column was
    // given. Snowflake refuses COLLATE on other types, so learn the types first.
    std::function<std::string(const std::string &)> collate;
    if (spec.bytewiseOrder && !spec.orderBy.empty()) {
        auto columns = modelColumns(spec.sql);
        if (!columns)
            return std::unexpected(columns.error());
        std::map<std::string, std::string> clauses;
        for (const Column &c : *columns)
            clauses[c.name] = collationFor(c);
        collate = [clauses](const std::string &column) {
            const auto it = clauses.find(column);
            return it == clauses.end() ? std::string() : it->second;
        };
    }
    const std::string sql = wrapModelSql(spec.sql, spec, '"', collate);
    auto result = m_connection->run(sql, linesBefore(sql, wrapModelSql(spec.sql, QuerySpec{})));
    if (!result)
        return std::unexpected(result.error());
    m_columnsBySql[spec.sql] = result->columns;
    return std::make_unique<SnowflakeCursor>(m_connection, std::move(*result));
}

} // namespace sluice

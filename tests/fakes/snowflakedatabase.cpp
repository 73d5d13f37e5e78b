// The Snowflake fake's backing database (snowflakefake.h): SQLite with the
// session and date-time functions, setup SQL and INFORMATION_SCHEMA.
#include "snowflakefake.h"
#include "snowflakefakesupport.h"

#include <cstring>
#include <iterator>
#include <stdexcept>

namespace sluice::fakes {

using nlohmann::json;
using namespace snowflake;

namespace {

int utf8Collation(void *, int la, const void *a, int lb, const void *b)
{
    const int n = std::memcmp(a, b, std::size_t(std::min(la, lb)));
    return n != 0 ? n : (la < lb ? -1 : la > lb ? 1 : 0);
}

} // namespace

SnowflakeFake::SnowflakeFake(SnowflakeFakeOptions options) : m_options(std::move(options))
{
    if (sqlite3_open(":memory:", &m_db) != SQLITE_OK)
        throw std::runtime_error("Snowflake fake: cannot open SQLite");
    sqlite3_exec(m_db, "ATTACH DATABASE ':memory:' AS INFORMATION_SCHEMA", nullptr, nullptr, nullptr);
    sqlite3_exec(m_db,
                 "CREATE TABLE INFORMATION_SCHEMA.TABLES (TABLE_CATALOG TEXT, TABLE_SCHEMA TEXT, TABLE_NAME TEXT, "
                 "TABLE_TYPE TEXT, ROW_COUNT NUMBER(38,0));"
                 "CREATE TABLE INFORMATION_SCHEMA.COLUMNS (TABLE_CATALOG TEXT, TABLE_SCHEMA TEXT, TABLE_NAME TEXT, "
                 "COLUMN_NAME TEXT, ORDINAL_POSITION NUMBER(38,0), IS_NULLABLE TEXT, DATA_TYPE TEXT, "
                 "CHARACTER_MAXIMUM_LENGTH NUMBER(38,0), NUMERIC_PRECISION NUMBER(38,0), NUMERIC_SCALE NUMBER(38,0))",
                 nullptr, nullptr, nullptr);
    sqlite3_create_collation(m_db, "utf8", SQLITE_UTF8, nullptr, utf8Collation);
    // The session functions answer from m_session (set while a statement runs).
    static const char *const names[] = {"current_version", "current_account",   "current_database",
                                        "current_schema",  "current_warehouse", "current_role"};
    for (std::size_t i = 0; i < std::size(names); ++i) {
        m_functions[i] = SessionFunction{this, int(i)};
        sqlite3_create_function(
            m_db, names[i], 0, SQLITE_UTF8, &m_functions[i],
            [](sqlite3_context *context, int, sqlite3_value **) {
                const auto *fn = static_cast<const SessionFunction *>(sqlite3_user_data(context));
                const SnowflakeFake &self = *fn->fake;
                static const char *const keys[] = {"", "", "database", "schema", "warehouse", "role"};
                std::string value;
                if (fn->which == 0)
                    value = self.m_options.version;
                else if (fn->which == 1)
                    value = self.m_options.account;
                else if (self.m_session.contains(keys[fn->which]) && self.m_session[keys[fn->which]].is_string())
                    value = self.m_session[keys[fn->which]].get<std::string>();
                if (value.empty())
                    sqlite3_result_null(context);
                else
                    sqlite3_result_text(context, value.c_str(), int(value.size()), SQLITE_TRANSIENT);
            },
            nullptr, nullptr);
    }
    // TO_DATE, TO_TIME and TO_TIMESTAMP_NTZ/LTZ/TZ(text, format): the text
    // parsed by the format, as the fake stores date-times (ISO text, the
    // fraction without trailing zeros), so comparisons with stored values
    // are in time order. A text the format does not describe is refused.
    static const char *const parsers[]
        = {"to_date", "to_time", "to_timestamp_ntz", "to_timestamp_ltz", "to_timestamp_tz"};
    for (const char *name : parsers)
        sqlite3_create_function(
            m_db, name, 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, const_cast<char *>(name),
            [](sqlite3_context *context, int, sqlite3_value **argv) {
                const std::string function = static_cast<const char *>(sqlite3_user_data(context));
                if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
                    sqlite3_result_null(context);
                    return;
                }
                const std::string text = reinterpret_cast<const char *>(sqlite3_value_text(argv[0]));
                const std::string format = upper(reinterpret_cast<const char *>(sqlite3_value_text(argv[1])));
                std::string result;
                if (!canonicalDateTime(function, text, format, result)) {
                    const std::string message = "Can't parse '" + text + "' as " + upper(function.substr(3))
                                              + " with format '" + format + "'";
                    sqlite3_result_error(context, message.c_str(), -1);
                    return;
                }
                sqlite3_result_text(context, result.c_str(), int(result.size()), SQLITE_TRANSIENT);
            },
            nullptr, nullptr);
    refreshInformationSchema();
}

SnowflakeFake::~SnowflakeFake()
{
    sqlite3_close(m_db);
}

void SnowflakeFake::exec(const std::string &sql)
{
    std::lock_guard lock(m_mutex);
    char *error = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw std::runtime_error("Snowflake fake: " + message);
    }
    refreshInformationSchema();
}

void SnowflakeFake::refreshInformationSchema()
{
    sqlite3_exec(m_db, "DELETE FROM INFORMATION_SCHEMA.TABLES; DELETE FROM INFORMATION_SCHEMA.COLUMNS", nullptr,
                 nullptr, nullptr);
    struct Table {
        std::string name, type;
    };
    std::vector<Table> tables;
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(m_db,
                       "SELECT name, type FROM main.sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE "
                       "'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                       -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW)
        tables.push_back({reinterpret_cast<const char *>(sqlite3_column_text(st, 0)),
                          reinterpret_cast<const char *>(sqlite3_column_text(st, 1))});
    sqlite3_finalize(st);

    sqlite3_stmt *addTable = nullptr;
    sqlite3_stmt *addColumn = nullptr;
    sqlite3_prepare_v2(m_db, "INSERT INTO INFORMATION_SCHEMA.TABLES VALUES (?, ?, ?, ?, ?)", -1, &addTable, nullptr);
    sqlite3_prepare_v2(m_db, "INSERT INTO INFORMATION_SCHEMA.COLUMNS VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1,
                       &addColumn, nullptr);
    auto insertTable = [&](const std::string &schema, const std::string &name, const char *type, std::int64_t rows) {
        sqlite3_reset(addTable);
        sqlite3_bind_text(addTable, 1, m_options.database.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(addTable, 2, schema.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(addTable, 3, name.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(addTable, 4, type, -1, SQLITE_TRANSIENT);
        if (rows >= 0)
            sqlite3_bind_int64(addTable, 5, rows);
        else
            sqlite3_bind_null(addTable, 5);
        sqlite3_step(addTable);
    };
    auto insertColumns = [&](const std::string &schema, const std::string &table, const std::string &sqliteSchema) {
        sqlite3_stmt *info = nullptr;
        const std::string sql = "SELECT cid, name, type, \"notnull\" FROM pragma_table_info(?, ?)";
        sqlite3_prepare_v2(m_db, sql.c_str(), -1, &info, nullptr);
        sqlite3_bind_text(info, 1, table.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(info, 2, sqliteSchema.c_str(), -1, SQLITE_TRANSIENT);
        while (sqlite3_step(info) == SQLITE_ROW) {
            SnowColumn c;
            const char *declared = reinterpret_cast<const char *>(sqlite3_column_text(info, 2));
            typeFromDeclared(declared ? declared : "TEXT", c);
            std::string dataType = c.type == "fixed" ? "NUMBER" : c.type == "real" ? "FLOAT" : upper(c.type);
            sqlite3_reset(addColumn);
            sqlite3_bind_text(addColumn, 1, m_options.database.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(addColumn, 2, schema.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(addColumn, 3, upper(table).c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(addColumn, 4, upper(reinterpret_cast<const char *>(sqlite3_column_text(info, 1))).c_str(),
                              -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(addColumn, 5, sqlite3_column_int64(info, 0) + 1);
            sqlite3_bind_text(addColumn, 6, sqlite3_column_int(info, 3) ? "NO" : "YES", -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(addColumn, 7, dataType.c_str(), -1, SQLITE_TRANSIENT);
            if (c.type == "text")
                sqlite3_bind_int64(addColumn, 8, 16777216);
            else
                sqlite3_bind_null(addColumn, 8);
            if (c.type == "fixed") {
                sqlite3_bind_int(addColumn, 9, c.precision);
                sqlite3_bind_int(addColumn, 10, c.scale);
            } else {
                sqlite3_bind_null(addColumn, 9);
                sqlite3_bind_null(addColumn, 10);
            }
            sqlite3_step(addColumn);
        }
        sqlite3_finalize(info);
    };
    for (const Table &t : tables) {
        std::int64_t rows = -1;
        if (t.type == "table") {
            sqlite3_stmt *count = nullptr;
            const std::string sql = "SELECT count(*) FROM main.\"" + t.name + "\"";
            if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &count, nullptr) == SQLITE_OK
                && sqlite3_step(count) == SQLITE_ROW)
                rows = sqlite3_column_int64(count, 0);
            sqlite3_finalize(count);
        }
        insertTable(m_options.schema, upper(t.name), t.type == "view" ? "VIEW" : "BASE TABLE", rows);
        insertColumns(m_options.schema, t.name, "main");
    }
    for (const char *view : {"COLUMNS", "TABLES"}) {
        insertTable("INFORMATION_SCHEMA", view, "VIEW", -1);
        insertColumns("INFORMATION_SCHEMA", view, "INFORMATION_SCHEMA");
    }
    sqlite3_finalize(addTable);
    sqlite3_finalize(addColumn);
}

} // namespace sluice::fakes

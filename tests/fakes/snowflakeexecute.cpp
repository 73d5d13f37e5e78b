// Statement execution of the Snowflake fake (snowflakefake.h): a statement run
// on SQLite, its rows encoded and cut into partitions; SQL errors in
// Snowflake's words.
#include "snowflakefakesupport.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <regex>

namespace sluice::fakes {

using nlohmann::json;
using namespace snowflake;

namespace {

std::int64_t nowMillis()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Where `name` first appears in `sql` as a word: Snowflake's "line L at
// position P" (line from 1, position from 0 within the line).
std::pair<int, int> positionOf(const std::string &sql, const std::string &name)
{
    const std::string haystack = upper(sql);
    const std::string needle = upper(name);
    std::size_t at = 0;
    while (!needle.empty() && (at = haystack.find(needle, at)) != std::string::npos) {
        const bool startOk
            = at == 0 || !(std::isalnum(static_cast<unsigned char>(haystack[at - 1])) || haystack[at - 1] == '_');
        const std::size_t end = at + needle.size();
        const bool endOk = end >= haystack.size()
                        || !(std::isalnum(static_cast<unsigned char>(haystack[end])) || haystack[end] == '_');
        if (startOk && endOk)
            break;
        ++at;
    }
    if (at == std::string::npos || needle.empty())
        return {1, 0};
    const int line = 1 + int(std::count(sql.begin(), sql.begin() + std::ptrdiff_t(at), '\n'));
    const std::size_t lineStart = sql.rfind('\n', at == 0 ? 0 : at - 1);
    const int position = int(lineStart == std::string::npos || at == 0 ? at : at - lineStart - 1);
    return {line, position};
}

} // namespace

namespace snowflake {

// SQLite's error in Snowflake's words.
SqlFailure snowflakeError(const std::string &sqliteMessage, const std::string &sql, const std::string &database,
                          const std::string &schema)
{
    static const std::regex noColumn(R"(^no such column: (.+)$)");
    static const std::regex noTable(R"(^no such table: (.+)$)");
    static const std::regex near(R"(^near \"(.*)\": syntax error$)");
    std::smatch m;
    if (std::regex_match(sqliteMessage, m, noColumn)) {
        const std::string name = m[1].str();
        const std::string last = name.substr(name.rfind('.') == std::string::npos ? 0 : name.rfind('.') + 1);
        auto [line, position] = positionOf(sql, name);
        if (line == 1 && position == 0)
            std::tie(line, position) = positionOf(sql, last);
        const bool quoted = sql.find("\"" + last + "\"") != std::string::npos;
        return {"000904", "42000",
                "SQL compilation error: error line " + std::to_string(line) + " at position " + std::to_string(position)
                    + "\ninvalid identifier '" + (quoted ? name : upper(name)) + "'"};
    }
    if (std::regex_match(sqliteMessage, m, noTable)) {
        std::string name = upper(m[1].str());
        if (name.find('.') == std::string::npos)
            name = database + "." + schema + "." + name;
        return {"002003", "42S02", "SQL compilation error:\nObject '" + name + "' does not exist or not authorized."};
    }
    if (std::regex_match(sqliteMessage, m, near)) {
        const auto [line, position] = positionOf(sql, m[1].str());
        return {"001003", "42000",
                "SQL compilation error:\nsyntax error line " + std::to_string(line) + " at position "
                    + std::to_string(position) + " unexpected '" + m[1].str() + "'."};
    }
    if (sqliteMessage == "incomplete input") {
        const int lines = 1 + int(std::count(sql.begin(), sql.end(), '\n'));
        return {"001003", "42000",
                "SQL compilation error:\nsyntax error line " + std::to_string(lines)
                    + " at position 0 unexpected '<EOF>'."};
    }
    return {"100000", "P0000", "SQL execution error: " + sqliteMessage};
}

std::optional<SqlFailure> collationOnNonText(sqlite3 *db, const std::string &sql)
{
    // Snowflake applies COLLATE to text only. The fake looks up each column
    // named right before a COLLATE in its tables: when every column of that
    // name is of another type, the statement is refused as Snowflake does.
    static const std::regex collated(R"re((?:"([^"]+)"|([A-Za-z_][A-Za-z0-9_$]*))\s+COLLATE\s+')re", std::regex::icase);
    for (auto it = std::sregex_iterator(sql.begin(), sql.end(), collated); it != std::sregex_iterator(); ++it) {
        const std::string name = (*it)[1].matched ? (*it)[1].str() : upper((*it)[2].str());
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(db,
                           "SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA <> "
                           "'INFORMATION_SCHEMA' AND upper(COLUMN_NAME) = upper(?1)",
                           -1, &st, nullptr);
        sqlite3_bind_text(st, 1, name.c_str(), -1, SQLITE_TRANSIENT);
        std::string otherType;
        bool text = false;
        while (sqlite3_step(st) == SQLITE_ROW) {
            const std::string type = reinterpret_cast<const char *>(sqlite3_column_text(st, 0));
            if (type == "TEXT")
                text = true;
            else
                otherType = type;
        }
        sqlite3_finalize(st);
        if (!text && !otherType.empty()) {
            const auto [line, position] = positionOf(sql, (*it)[0].str());
            if (otherType.starts_with("TIMESTAMP") || otherType == "TIME")
                otherType += "(9)";
            return SqlFailure{"001044", "42P13",
                              "SQL compilation error: error line " + std::to_string(line) + " at position "
                                  + std::to_string(position) + "\nInvalid argument types for function 'COLLATE': ("
                                  + otherType + ", VARCHAR(4))"};
        }
    }
    return std::nullopt;
}

} // namespace snowflake

SnowflakeFake::Stored SnowflakeFake::execute(const std::string &sql, const json &session, const std::string &requestId,
                                             bool nullsAsText)
{
    Stored s;
    char handle[64];
    std::snprintf(handle, sizeof handle, "01b8f4a2-0000-5e1c-0000-%012llx",
                  static_cast<unsigned long long>(m_nextHandle++));
    s.info.handle = handle;
    s.info.requestId = requestId;
    s.info.sql = sql;
    s.info.session = session;
    s.createdOn = nowMillis();
    const std::string database = session.value("database", m_options.database);
    const std::string schema = session.value("schema", m_options.schema);

    auto fail = [&](const SqlFailure &f) {
        s.info.failed = true;
        s.failStatus = 422;
        s.failBody
            = {{"code", f.code}, {"sqlState", f.sqlState}, {"message", f.message}, {"statementHandle", s.info.handle}};
    };

    m_session = session;
    if (auto refused = collationOnNonText(m_db, sql)) {
        fail(*refused);
        return s;
    }
    sqlite3_stmt *st = nullptr;
    const char *tail = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.c_str(), int(sql.size()), &st, &tail) != SQLITE_OK) {
        fail(snowflakeError(sqlite3_errmsg(m_db), sql, database, schema));
        return s;
    }
    if (tail) {
        const std::string rest(tail);
        if (rest.find_first_not_of(" \t\r\n;") != std::string::npos) {
            sqlite3_finalize(st);
            fail({"000008", "0A000", "Actual statement count 2 did not match the desired statement count 1."});
            return s;
        }
    }
    if (!st) { // only whitespace or comments
        fail({"000900", "42601", "SQL compilation error:\nEmpty SQL statement."});
        return s;
    }
    const int n = sqlite3_column_count(st);
    std::vector<bool> declared(std::size_t(n), false);
    for (int i = 0; i < n; ++i) {
        SnowColumn c;
        const std::string name = sqlite3_column_name(st, i);
        c.name = sql.find("\"" + name + "\"") != std::string::npos ? name : upper(name);
        const char *decl = sqlite3_column_decltype(st, i);
        declared[std::size_t(i)] = decl && typeFromDeclared(decl, c);
        s.columns.push_back(c);
    }
    // Rows as SQLite values first: undeclared columns are typed by their values.
    int rc = SQLITE_ROW;
    struct Cell {
        int kind;
        std::int64_t i;
        double d;
        std::string text;
    };
    std::vector<std::vector<Cell>> cells;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        std::vector<Cell> row;
        for (int i = 0; i < n; ++i) {
            Cell c{sqlite3_column_type(st, i), sqlite3_column_int64(st, i), sqlite3_column_double(st, i), {}};
            if (c.kind == SQLITE_TEXT || c.kind == SQLITE_BLOB)
                c.text.assign(static_cast<const char *>(sqlite3_column_blob(st, i)),
                              std::size_t(sqlite3_column_bytes(st, i)));
            row.push_back(std::move(c));
        }
        cells.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) {
        const std::string message = sqlite3_errmsg(m_db);
        sqlite3_finalize(st);
        fail(snowflakeError(message, sql, database, schema));
        return s;
    }
    const bool changesSchema = !sqlite3_stmt_readonly(st);
    sqlite3_finalize(st);
    for (int i = 0; i < n; ++i) {
        if (declared[std::size_t(i)])
            continue;
        SnowColumn &c = s.columns[std::size_t(i)];
        c.type = "text";
        for (const auto &row : cells) {
            const int kind = row[std::size_t(i)].kind;
            if (kind == SQLITE_NULL)
                continue;
            if (kind == SQLITE_INTEGER) {
                c.type = "fixed";
                c.hasPrecision = true;
                c.precision = 38;
                c.scale = 0;
            } else if (kind == SQLITE_FLOAT) {
                c.type = "real";
            }
            break;
        }
    }
    // Encode through a scratch statement so encodeCell reads real SQLite values.
    sqlite3_stmt *values = nullptr;
    std::string select = "SELECT ";
    for (int i = 0; i < n; ++i)
        select += (i ? ", ?" : "?");
    if (n > 0 && sqlite3_prepare_v2(m_db, select.c_str(), -1, &values, nullptr) == SQLITE_OK) {
        for (const auto &row : cells) {
            sqlite3_reset(values);
            for (int i = 0; i < n; ++i) {
                const Cell &c = row[std::size_t(i)];
                switch (c.kind) {
                case SQLITE_INTEGER: sqlite3_bind_int64(values, i + 1, c.i); break;
                case SQLITE_FLOAT: sqlite3_bind_double(values, i + 1, c.d); break;
                case SQLITE_TEXT:
                    sqlite3_bind_text(values, i + 1, c.text.data(), int(c.text.size()), SQLITE_TRANSIENT);
                    break;
                case SQLITE_BLOB:
                    sqlite3_bind_blob(values, i + 1, c.text.data(), int(c.text.size()), SQLITE_TRANSIENT);
                    break;
                default: sqlite3_bind_null(values, i + 1); break;
                }
            }
            if (sqlite3_step(values) != SQLITE_ROW)
                break;
            json out = json::array();
            for (int i = 0; i < n; ++i)
                out.push_back(encodeCell(values, i, s.columns[std::size_t(i)], nullsAsText));
            s.rows.push_back(std::move(out));
        }
        sqlite3_finalize(values);
    }
    if (n == 0) {
        // DDL and DML: a one-cell status, as Snowflake answers them.
        SnowColumn status;
        status.name = "status";
        s.columns.push_back(status);
        s.rows.push_back(json::array({"Statement executed successfully."}));
    }
    if (changesSchema)
        refreshInformationSchema();

    // Long or not, and the partitions.
    const auto total = std::int64_t(s.rows.size());
    s.isLong = (!m_options.longMarker.empty() && sql.find(m_options.longMarker) != std::string::npos)
            || (m_options.longRows > 0 && total >= m_options.longRows);
    std::int64_t count = 1;
    if (m_options.maxPartitionRows > 0)
        count = std::max<std::int64_t>(1, (total + m_options.maxPartitionRows - 1) / m_options.maxPartitionRows);
    if (s.isLong)
        count = std::max<std::int64_t>(count, m_options.partitions);
    count = std::max<std::int64_t>(1, std::min(count, std::max<std::int64_t>(total, 1)));
    std::size_t begin = 0;
    for (std::int64_t p = 0; p < count; ++p) {
        const std::size_t size = std::size_t(total / count + (p < total % count ? 1 : 0));
        s.partitions.emplace_back(begin, begin + size);
        begin += size;
    }
    s.pollsLeft = s.isLong ? m_options.pendingPolls : 0;
    s.info.rows = total;
    s.info.partitions = int(s.partitions.size());
    return s;
}

} // namespace sluice::fakes

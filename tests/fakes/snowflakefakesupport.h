#pragma once
// What the Snowflake fake's sources (snowflakefake.h) share: Snowflake's wire
// encoding of values (snowflakevalues.cpp), SQL errors in Snowflake's words
// (snowflakeexecute.cpp), JSON answers and a statement with its result.
// Internal to the fakes library.

#include "snowflakefake.h"

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sluice::fakes::snowflake {

std::string upper(std::string s);
void send(httplib::Response &response, int status, const nlohmann::json &body);

// ---- Snowflake's wire encoding of values --------------------------------

struct SnowColumn {
    std::string name;
    std::string type = "text"; // rowType "type"
    int precision = 0;
    int scale = 0;
    bool hasPrecision = false;
};

// The rowType of a declared column type (Snowflake's names; SQLite keeps them as written).
bool typeFromDeclared(const std::string &declaredIn, SnowColumn &c);
// A SQLite value to Snowflake's JSON cell for the column.
nlohmann::json encodeCell(sqlite3_stmt *st, int i, const SnowColumn &c, bool nullsAsText);
nlohmann::json rowTypeEntry(const SnowColumn &c, const std::string &database, const std::string &schema);
// TO_DATE / TO_TIME / TO_TIMESTAMP_*(text, format): the text in the fake's
// stored form, or false when the format does not describe it.
bool canonicalDateTime(const std::string &function, const std::string &text, const std::string &format,
                       std::string &out);

struct SqlFailure {
    std::string code;
    std::string sqlState;
    std::string message;
};

// SQLite's error in Snowflake's words.
SqlFailure snowflakeError(const std::string &sqliteMessage, const std::string &sql, const std::string &database,
                          const std::string &schema);
// A COLLATE on a column that is not text, refused as Snowflake does.
std::optional<SqlFailure> collationOnNonText(sqlite3 *db, const std::string &sql);

} // namespace sluice::fakes::snowflake

namespace sluice::fakes {

struct SnowflakeFake::Stored {
    SnowflakeStatement info;
    std::vector<snowflake::SnowColumn> columns;
    std::vector<nlohmann::json> rows;                            // each a JSON array of cells
    std::vector<std::pair<std::size_t, std::size_t>> partitions; // [begin, end) into rows
    bool isLong = false;
    int pollsLeft = 0;
    int failStatus = 0;
    nlohmann::json failBody;
    std::int64_t createdOn = 0;
};

} // namespace sluice::fakes

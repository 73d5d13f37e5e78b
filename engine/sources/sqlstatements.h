#pragma once
// A model's SQL split into its top-level statements, for the read-only
// sessions of warehouse sources (issue 19): a model may set up its session
// (PostgreSQL: SET search_path ...) and then run exactly one query, and
// nothing else: no COMMIT or ROLLBACK that would end the read-only
// transaction, no SET that would make it writable, no second query.
//
// The splitter knows SQL's quoting: '...' (with '' inside), "...", E'\''
// escapes, $tag$ ... $tag$ bodies, -- line comments and nested /* */ comments.

#include "core/error.h"

#include <string>
#include <string_view>
#include <vector>

namespace sluice {

struct SqlStatement {
    std::string text;      // as written, without the ';'
    std::string firstWord; // upper case: SELECT, WITH, SET, ...
    int line = 1;          // the line it starts on (1-based)
};

// Statements with something other than blanks and comments in them.
std::vector<SqlStatement> splitSqlStatements(std::string_view sql);

// Checks that `sql` is session settings (SET of one of the names allowed
// below) followed by exactly one read-only query (SELECT, WITH, VALUES,
// TABLE, or SHOW / DESCRIBE where `allowShow`). Errors name the statement's
// line: "model SQL line 3: COMMIT is not allowed: a model is one read-only
// query (SET search_path ... may come before it)".
Result<std::vector<SqlStatement>> readOnlyModelStatements(std::string_view sql, bool allowShow = false);

} // namespace sluice

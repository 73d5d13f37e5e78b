#pragma once
// Compiles an audience (a typed condition tree) into SQL for the source its
// models live on. Each condition becomes a boolean expression on the parent
// row (alias p): properties test p's columns, relations and events become
// correlated EXISTS or scalar subqueries on the related models' SQL, another
// audience is inlined (include) or negated (exclude). Names are checked
// against the models' columns before they are quoted; values are escaped
// literals typed by their column. Errors name the JSON path of the condition.
#include "audience.h"
#include "audiencedialect.h"
#include "core/error.h"

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace sluice::audiences {

// What the compiler knows of one model: its SQL and the columns it returns.
struct ModelShape {
    std::string source; // the source's name: every model of an audience must share it
    std::string sql;
    std::vector<Column> columns;
};

struct CompileContext {
    const CustomerSchema *schema = nullptr;
    const std::map<std::string, ModelShape> *models = nullptr;     // by model name
    const std::map<std::string, AudienceDef> *audiences = nullptr; // by name, for membership
    Dialect dialect = Dialect::SQLite;
    std::chrono::sys_seconds now{};
    std::shared_ptr<const mapping::TimeZone> zone; // null for UTC
};

struct CompiledAudience {
    std::string condition;  // boolean SQL on the parent row p
    std::string membersSql; // the parent's rows in the audience, ordered by its key
    std::string countSql;   // one row, one column: the member count
    // One row: every customer, then the members after each top-level
    // condition (the funnel: all of the first k for "all", any for "any").
    std::string funnelSql;
    std::size_t funnelSteps = 0;
};

Result<CompiledAudience> compileAudience(const AudienceDef &audience, const CompileContext &context);

// The tags model's SQL (CustomerSchema::tags): every customer, by key, with
// the parent's key and listed columns, then one true/false column per audience
// of `tagged` named by its tag. Errors: no tags in the schema, a listed column
// the parent lacks, a tag that is also a column of the model.
Result<std::string> compileTags(const std::vector<const AudienceDef *> &tagged, const CompileContext &context);

} // namespace sluice::audiences

#pragma once
// Mapping: turns a model row into the fields a destination receives.
//
// A sync's mapping is a JSON array (SyncDef::mapping), one entry per
// destination field. Each entry takes its value from a model column, a static
// value, a template, or a chain of transforms, and may carry validation rules:
//
//   {"field": "email",     "column": "email", "rules": [{"type": "email", "action": "reject"}]}
//   {"field": "source",    "value": "sluice"}
//   {"field": "full_name", "template": "{{first_name | trim}} {{last_name}}"}
//   {"field": "tier",      "column": "user_tier",
//    "transforms": [{"type": "valueMap", "map": {"VIP": "Gold"}, "unmapped": "passThrough"}]}
//   {"field": "name",      "transforms": [{"type": "concatenate", "columns": ["first_name", "last_name"],
//                                           "separator": " "}]}
//
// At most one of column / value / template gives the starting value (NULL
// when there is none); the transforms then run in order, then the rules.
// Entries may also carry a "comment". Every other key is an error.
//
// Sync-level options that act on whole rows (a row filter expression,
// deterministic sampling by key) come from SyncDef::settings. The full
// vocabulary is documented in docs/transforms.md.
//
// Compiling checks everything once (unknown columns, malformed templates with
// their position, bad regexes), so apply() is cheap enough for the payload
// path of a million-row sync.

#include "core/error.h"
#include "core/value.h"
#include "destinations/contract/fieldtype.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sluice {

enum class ProblemAction { Reject, DropField, Warn };

std::string_view problemActionName(ProblemAction action); // "reject", "dropField", "warn"

struct FieldProblem {
    std::string field; // destination field ("" for row-level problems such as a filter error)
    std::string rule;  // "required", "email", "valueMap", ...
    ProblemAction action = ProblemAction::Warn;
    std::string message; // English, one line, e.g. "'ana@' is not a valid e-mail address"
    // The message's variable parts, for the app to say it in the user's
    // language by rule (destinationOptions: {value, the first six options,
    // how many there are}; destinationType:
    // {value, "integer" | "number" | "boolean"}); empty: only the message.
    std::vector<std::string> args = {};
};

struct MappedField {
    std::string name;
    Value value;
};

struct MappedRow {
    std::vector<MappedField> fields; // in mapping order; dropped fields are absent
    std::vector<FieldProblem> problems;
    bool rejected = false; // some problem had action Reject
    bool skipped = false;  // excluded by the row filter or sampling (not an error)
};

// Rows of another model, for the "lookup" transform: key text -> value of
// the requested column. Supplied by the caller (the sync engine or preview),
// which knows how to run models.
using LookupTable = std::function<Result<std::shared_ptr<const std::unordered_map<std::string, Value>>>(
    const std::string &model, const std::string &keyColumn, const std::string &valueColumn)>;

struct MappingContext {
    std::vector<Column> columns;         // the model's result columns
    std::vector<std::string> primaryKey; // for sampling by key
    LookupTable lookup;                  // may be empty: then "lookup" transforms fail to compile
    // "Today" for days_since() in expressions and templates, fixed once per
    // compile so every row of a run sees the same day; the system clock when empty.
    std::optional<std::chrono::sys_seconds> now{};
};

class Mapper {
public:
    // `mapping`: SyncDef::mapping; `syncSettings`: SyncDef::settings (filter, samplePercent).
    // Errors are InvalidInput with where = "$.mapping[3].template" style paths
    // and, for templates/expressions, the character position.
    static Result<Mapper> compile(const nlohmann::json &mapping, const nlohmann::json &syncSettings,
                                  const MappingContext &context);

    // Thread-safe: a compiled Mapper is immutable and may be shared by workers.
    MappedRow apply(const Row &row) const;
    void apply(const Row &row, MappedRow &out) const; // reuses out's storage

    const std::vector<std::string> &fieldNames() const;
    // What each field is known to produce (FieldType::Unknown when it depends
    // on the data), in mapping order, for checkMapping and the UI.
    const std::vector<FieldType> &fieldTypes() const;
    std::size_t columnCount() const; // the model columns a row must have
    // When every field copies a model column as it is (no transforms, rules,
    // templates, constants, row filter or sampling): the column of each
    // field, in field order, so a caller can skip apply(). Null otherwise.
    const std::vector<int> *directColumns() const;

    Mapper(Mapper &&) noexcept;
    Mapper &operator=(Mapper &&) noexcept;
    ~Mapper();

private:
    struct Impl;
    explicit Mapper(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace sluice

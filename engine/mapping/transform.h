#pragma once
// One step of a field's transform chain, compiled from its JSON object.
// Compiling checks every option once; apply() then only computes.

#include "core/error.h"
#include "core/value.h"
#include "destinations/contract/fieldtype.h"
#include "expression.h"
#include "mapping/mapper.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>

namespace sluice::mapping {

enum class StepResult {
    Ok,
    Warn,   // value set, and `message` is worth a warning (an unmapped value passed through)
    Failed, // `message` says why; the step's onError action decides what happens
    Drop,   // leave the field out of the payload
};

class Transform {
public:
    virtual ~Transform() = default;
    virtual StepResult apply(Value &value, const Row &row, std::string &message) const = 0;
    // What the step gives for an input of type `input`, for checkMapping.
    virtual FieldType outputType(FieldType input) const = 0;
};

struct CompiledTransform {
    std::string type; // "cast", "valueMap", ... (FieldProblem::rule)
    std::unique_ptr<Transform> transform;
    ProblemAction onError = ProblemAction::Reject;
    std::optional<Expression> when; // the step runs only for rows where this is true
};

// What compiling needs besides the JSON: the model's columns, lookups, "today".
struct CompileScope {
    const MappingContext &context;
    std::int64_t nowSeconds = 0;
};

// `path` is the object's JSON path, e.g. "$.mapping[2].transforms[0]".
Result<CompiledTransform> compileTransform(const nlohmann::json &spec, const std::string &path,
                                           const CompileScope &scope);

} // namespace sluice::mapping

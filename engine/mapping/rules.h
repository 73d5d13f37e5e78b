#pragma once
// Validation rules of a destination field, checked after its transforms:
// required, email, phone (normalises to E.164), regex, range, maxLength,
// allowedValues. Each has an action for when it fails: reject the row, drop
// the field, or warn. Only "required" looks at NULL; the others let it pass.

#include "core/error.h"
#include "core/value.h"
#include "mapping/mapper.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace sluice::mapping {

class Rule {
public:
    virtual ~Rule() = default;
    // false with a message when `value` breaks the rule; may normalise `value`.
    virtual bool check(Value &value, std::string &message) const = 0;
};

struct CompiledRule {
    std::string type; // FieldProblem::rule
    std::unique_ptr<Rule> rule;
    ProblemAction action = ProblemAction::Reject;
};

// `path`: the rule's JSON path, e.g. "$.mapping[0].rules[1]".
Result<CompiledRule> compileRule(const nlohmann::json &json, const std::string &path);

} // namespace sluice::mapping

#pragma once
// Checks a mapping against a destination's fields before any run:
//   - errors: the mapping does not compile; a required field is not mapped;
//     the destination has identifier fields and none of them is mapped;
//   - warnings: a mapped field the destination does not list (it may accept
//     custom fields); a field whose mapped type does not fit the destination's
//     (text into an integer field: add a cast).

#include "core/value.h"
#include "destinations/contract/destinationfield.h"
#include "mapping/mapper.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sluice {

enum class IssueSeverity { Error, Warning };

struct MappingIssue {
    IssueSeverity severity = IssueSeverity::Error;
    std::string code;    // "mapping.required_unmapped", "mapping.type_mismatch", ...
    std::string field;   // destination field, "" for the mapping as a whole
    std::string message; // English, one line
    std::string where;   // "$.mapping[2]"
};

// Empty when everything fits. Lookups are not run: a "lookup" step is
// checked for its shape only (its model is not queried).
std::vector<MappingIssue> checkMapping(const nlohmann::json &mapping, const std::vector<Column> &columns,
                                       const std::vector<DestinationField> &destinationFields);

// The same with a full context (primary key, lookups when the caller has them).
std::vector<MappingIssue> checkMapping(const nlohmann::json &mapping, const MappingContext &context,
                                       const std::vector<DestinationField> &destinationFields);

// Whether a value of type `given` fits a field of type `expected`.
bool typeFits(FieldType expected, FieldType given);

} // namespace sluice

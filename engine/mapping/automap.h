#pragma once
// Auto-mapping by name: proposes a model column for each destination field.
// Names are compared in three passes, each only among columns not yet taken:
//   1. exactly equal;
//   2. equal after normalising: case, spaces, '_', '-' and '.' ignored, and a
//      Salesforce custom-field suffix "__c" dropped (Lead_Score__c ~ lead_score);
//   3. synonyms (email / e_mail / email_address, phone / mobile / tel,
//      first_name / given_name, last_name / surname, company / organization, ...);
//      within a group, names that contain one another pair first, so
//      MobilePhone takes "mobile" and Phone takes "tel".
// A column is proposed for at most one field. The result is a proposal for
// the user to review; nothing is mapped without them.

#include "core/value.h"
#include "destinations/contract/destinationfield.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace sluice {

enum class MatchKind { Exact, Normalized, Synonym };

struct AutoMapping {
    std::string field;
    std::string column;
    MatchKind match = MatchKind::Exact;
    bool operator==(const AutoMapping &) const = default;
};

// In destination field order; fields with no matching column are absent.
std::vector<AutoMapping> autoMap(const std::vector<Column> &modelColumns,
                                 const std::vector<DestinationField> &destinationFields);

// As mapping JSON: [{"field": ..., "column": ...}, ...].
nlohmann::json autoMappingJson(const std::vector<AutoMapping> &mappings);

// "E-Mail Address" -> "emailaddress", "Lead_Score__c" -> "leadscore".
std::string normalizedFieldName(std::string_view name);

} // namespace sluice

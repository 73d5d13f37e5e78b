#pragma once
// Value maps: one vocabulary to another (active/inactive/suspended in-house,
// New/Working/Nurturing/Qualified in Salesforce), as a transform and as a
// CSV file people keep and edit in a spreadsheet.
//
// In the mapping a value map is a JSON object {"from": "to", ...}. Its CSV
// form has a header line (any two names, e.g. "status,hubspot_stage") and then
// one "from,to" line per value, RFC 4180 quoting. CSV cells are text; an
// empty "to" cell means NULL.

#include "core/error.h"
#include "specreader.h"
#include "transform.h"

#include <nlohmann/json.hpp>

#include <string>

namespace sluice {

// Reads a value map from a CSV file. Errors name the file and line
// ("status.csv:4: line 4 has 3 fields; a value map has 2 (from, to)"):
// mapping.value_map_csv, plus the csv.* codes of the CSV reader.
Result<nlohmann::json> valueMapFromCsv(const std::string &path);

// Writes `map` (a JSON object of scalars) as CSV text with the header
// "from,to" (or the given names), one line per value in key order.
Result<std::string> valueMapToCsv(const nlohmann::json &map, std::string_view fromHeader = "from",
                                  std::string_view toHeader = "to");

namespace mapping {

Result<std::unique_ptr<Transform>> compileValueMap(const SpecReader &spec);

} // namespace mapping

} // namespace sluice

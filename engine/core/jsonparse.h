#pragma once
// Parsing JSON that comes from outside (an imported project, a stored
// revision): never throws, and refuses nesting deeper than `maxDepth` before
// nlohmann::json builds anything, because a hostile file of 100,000 nested
// arrays would exhaust the stack in recursive code later on (dump(), the
// schema validator). Errors name the line and column.

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace sluice {

inline constexpr int kMaxJsonDepth = 64;

// `code` is the Error code for malformed text (e.g. "import.malformed_json");
// `where` is put in front of the error's place ("team.json").
Result<nlohmann::json> parseJsonText(std::string_view text, const std::string &code, const std::string &where,
                                     int maxDepth = kMaxJsonDepth);

} // namespace sluice

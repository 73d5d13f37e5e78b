#pragma once
// SQL quoting shared by every dialect Sluice writes: sources push predicates
// down, table destinations create and write tables.

#include "core/value.h"

#include <string>
#include <string_view>

namespace sluice {

// Quotes an identifier for SQL ("a""b").
std::string quoteIdentifier(std::string_view name, char quote = '"');

// A value as a SQL literal: numbers bare, booleans TRUE/FALSE, everything else
// a quoted string ('it''s'). NULL is NULL.
std::string sqlLiteral(const Value &value);

} // namespace sluice

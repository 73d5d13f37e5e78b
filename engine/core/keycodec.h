#pragma once
// Primary keys as order-preserving byte strings. The planner merges the model
// (ORDER BY key at the source) with the snapshot (ordered by the encoded key)
// in one pass, so both sides must sort the same way: memcmp over encoded keys
// orders integers numerically and text bytewise (SQLite's BINARY collation,
// PostgreSQL's "C" collation), component by component.

#include "core/value.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace sluice {

// nullopt when any component is NULL (such a row is invalid).
std::optional<std::string> encodeKey(const Row &row, const std::vector<std::size_t> &keyColumns);
// The same into `out` (its storage reused); false when a component is NULL.
bool encodeKeyInto(const Row &row, const std::vector<std::size_t> &keyColumns, std::string &out);
std::string encodeKeyValues(const std::vector<Value> &values); // no NULLs
std::vector<Value> decodeKey(const std::string &encoded);
// "42" or "ana@example.com" or "5 | eu" for composite keys.
std::string displayKey(const std::string &encoded);

} // namespace sluice

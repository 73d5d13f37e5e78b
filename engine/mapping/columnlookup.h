#pragma once
// Finding a model column by name for mappings, templates and expressions,
// with a "did you mean" hint when only the letter case differs.

#include "core/value.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::mapping {

std::optional<int> columnIndex(const std::vector<Column> &columns, std::string_view name);

// "unknown column 'Email' (did you mean 'email'?)"
std::string unknownColumnMessage(std::string_view name, const std::vector<Column> &columns);

} // namespace sluice::mapping

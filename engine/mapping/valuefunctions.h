#pragma once
// Text functions shared by template filters, transforms and expression
// functions, so "lower" means the same thing everywhere. NULL stays NULL;
// other values are taken in their text form.

#include "core/value.h"

#include <cstddef>
#include <string_view>

namespace sluice::mapping {

Value lowerValue(const Value &value);
Value upperValue(const Value &value);
Value trimValue(const Value &value);

// At most `length` characters (code points, never part of a UTF-8 sequence);
// when it cuts, `suffix` ends the result and counts towards `length`.
Value truncateValue(const Value &value, std::size_t length, std::string_view suffix = {});

} // namespace sluice::mapping

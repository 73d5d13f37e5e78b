#pragma once
// A mapped row as the JSON object a destination is shown and sent.

#include "mapping/mapper.h"

#include <string>

namespace sluice {

// {"name":value,...} with the fields in mapping order, no white space.
void appendJsonObject(std::string &out, const MappedRow &row);

} // namespace sluice

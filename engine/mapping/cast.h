#pragma once
// The "cast" transform: string, integer, decimal, boolean, date, datetime,
// with input and output formats and time zones for dates (datetime.h).

#include "specreader.h"
#include "transform.h"

namespace sluice::mapping {

Result<std::unique_ptr<Transform>> compileCast(const SpecReader &spec);

} // namespace sluice::mapping

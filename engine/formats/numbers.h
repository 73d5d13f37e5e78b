#pragma once
// Strict number parsing and decimal rounding. Strict because a value that is
// only partly a number ("12abc", "1,5") must surface as a problem rather than
// become 12 or 1 without anyone noticing.

#include "core/value.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice::mapping {

// Optional sign and digits, surrounding white space allowed; nothing else.
std::optional<std::int64_t> parseInteger(std::string_view text);

// A finite decimal number ("-12.5", "1e3", ".5"); not inf, nan or hex.
std::optional<double> parseDecimal(std::string_view text);

// Integer and Real as they are, Text when it parses as a decimal; else empty.
std::optional<double> numericValue(const Value &value);

// Shortest text that reads back as the same double ("0.1", "1520").
std::string formatDouble(double value);

// Rounds half away from zero on the decimal digits a person sees, so 2.675
// rounds to 2.68 (binary rounding of 2.67499999... would give 2.67).
// `decimals` is 0..15. Non-finite input is returned unchanged.
double roundDecimal(double value, int decimals);

} // namespace sluice::mapping

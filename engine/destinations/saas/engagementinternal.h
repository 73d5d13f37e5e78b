#pragma once
// Internal to destinations/saas: number parsing shared by the engagement
// connectors' common files (engagement*.cpp); not part of the engine's
// interface.

#include <cstdint>
#include <optional>
#include <string_view>

namespace sluice::saas {

// A whole number or a finite number in text (surrounding space and a
// leading '+' allowed); nullopt when it is not one.
std::optional<std::int64_t> parseInteger(std::string_view text);
std::optional<double> parseNumber(std::string_view text);

} // namespace sluice::saas

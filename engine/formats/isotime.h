#pragma once
// UTC instants as the project file stores them (run history, schedules,
// alert state): "2026-11-22T10:00:00Z". The one place they are read and written.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sluice {

using SysTime = std::chrono::system_clock::time_point;

// "2026-11-22T10:00:00Z" (whole seconds, UTC).
std::string formatIsoUtc(SysTime t);
// Reads the run history's "2026-11-22T10:00:00.123Z" (fraction and Z
// optional); nullopt for anything else, and for times the clock cannot hold.
std::optional<SysTime> parseIsoUtc(std::string_view text);

} // namespace sluice

#pragma once
// What a sync sends: upsert (added + changed), insert (added only), update
// (changed only), mirror (upsert, and delete removed rows at the destination).

#include <optional>
#include <string>
#include <string_view>

namespace sluice {

enum class SyncMode { Upsert, Insert, Update, Mirror };

std::string_view syncModeName(SyncMode mode);
std::optional<SyncMode> parseSyncMode(std::string_view name);

} // namespace sluice

#include "syncmode.h"

namespace sluice {

std::string_view syncModeName(SyncMode mode)
{
    switch (mode) {
    case SyncMode::Upsert: return "upsert";
    case SyncMode::Insert: return "insert";
    case SyncMode::Update: return "update";
    case SyncMode::Mirror: return "mirror";
    }
    return "upsert";
}

std::optional<SyncMode> parseSyncMode(std::string_view name)
{
    if (name == "upsert")
        return SyncMode::Upsert;
    if (name == "insert")
        return SyncMode::Insert;
    if (name == "update")
        return SyncMode::Update;
    if (name == "mirror")
        return SyncMode::Mirror;
    return std::nullopt;
}

} // namespace sluice

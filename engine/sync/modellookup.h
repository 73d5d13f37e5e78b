#pragma once
// The "lookup" transform's data: another model of the project, loaded once
// per (model, key column, value column) into a key -> value table. Used by
// sync runs and payload previews alike.

#include "core/entities.h"
#include "core/envref.h"
#include "mapping/mapper.h"

#include <string>

namespace sluice {

// The returned function keeps its own cache; it is safe to call from one
// thread at a time (compile happens on the planning thread).
LookupTable makeModelLookup(const ProjectConfig &config, const std::string &projectDir, SecretAccess secrets);

// The mapping a sync uses: its own, or every model column to a field of the
// same name when it has none.
nlohmann::json effectiveMapping(const SyncDef &sync, const std::vector<Column> &columns);

} // namespace sluice

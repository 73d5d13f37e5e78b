#pragma once
// What a run loads before it starts (internal to sync/): the project's
// sync, model, source and destination, the typed settings, and the
// mapping-derived field lists the destination is told about.

#include "core/entities.h"
#include "destinations/contract/destination.h"
#include "mapping/mapper.h"
#include "project/projectstore.h"
#include "project/syncsettings.h"
#include "sources/source.h"
#include "sync/syncrunner.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace sluice {

struct SyncContext {
    std::unique_ptr<ProjectStore> store;
    ProjectConfig config;
    SyncDef sync;
    ModelDef model;
    SourceDef source;
    DestinationDef destination;
    std::int64_t syncId = 0;
    SyncMode mode = SyncMode::Upsert;
    SyncSettings settings; // sync.settings, typed
};

std::string runKindName(RunKind k);
// The seed of every row hash of a sync: what shapes the payload besides the
// row (the mapping, the filter, the sample). A change to any of them makes
// every row look changed, so the next run resends all.
std::uint64_t changeFingerprint(const nlohmann::json &mapping, const nlohmann::json &settings);
Result<SyncContext> loadContext(const std::string &projectPath, const std::string &syncName);
// A mapping entry that sends a column as it is (no transform, template or constant).
bool isDirect(const nlohmann::json &entry);
// RunInfo::fields: each field's name and the type the destination is told.
std::vector<FieldSpec> fieldSpecs(const nlohmann::json &mapping, const std::vector<std::string> &names,
                                  const std::vector<Column> &columns);
// The destination fields that carry the primary key; empty when a key column is not sent as it is.
std::vector<std::string> keyFields(const nlohmann::json &mapping, const std::vector<std::string> &primaryKey);
std::string problemText(const FieldProblem &p);

} // namespace sluice

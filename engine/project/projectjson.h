#pragma once
// The shareable project format: one diff-friendly JSON document (keys in a
// stable order, two-space indent, arrays sorted by name, SQL as a list of
// lines, a formatVersion, no secrets, no run history). Documented in
// docs/project-format.md; validated against resources/schema/project.schema.json.

#include "core/entities.h"
#include "core/error.h"

#include <nlohmann/json.hpp>

#include <string>

namespace sluice {

inline constexpr int kProjectFormatVersion = 1;

// Canonical JSON for a whole project, and for each entity (config history).
nlohmann::json toJson(const ProjectConfig &config);
nlohmann::json toJson(const SourceDef &source);
nlohmann::json toJson(const ModelDef &model);
nlohmann::json toJson(const DestinationDef &destination);
nlohmann::json toJson(const SyncDef &sync);

// The exact bytes an export writes: canonical, indented, newline-terminated.
std::string exportText(const ProjectConfig &config);

// Parses and validates an exported document. `origin` (a file name) prefixes
// every error; errors name the JSON path ($.models[1].primaryKey) or, for
// malformed JSON, the line and column.
Result<ProjectConfig> parseProjectText(const std::string &text, const std::string &origin);

// A sync as the configuration history stored it (toJson(SyncDef), compact):
// parsed and checked against the project schema's sync definition exactly as
// an import checks one, so restoring a revision gives the SyncDef an import
// of the same text would. Errors name the path inside the revision ($.mode).
// References (model, destination) are checked when the restored
// configuration is validated, not here: they may have changed since.
Result<SyncDef> syncFromRevision(const std::string &document);

// Checks the meaning of a configuration beyond the schema: unique names,
// references that resolve, settings valid for their kind, keys present.
// Errors carry JSON paths as they appear in the export.
Result<> validateConfig(const ProjectConfig &config);

} // namespace sluice

#pragma once
// An audience of a project at work: found with everything it needs (the
// customer schema, the parent model and its source, the other audiences it
// may include), compiled for that source, and seen as a model any sync can
// use. As a model an audience is its members' parent rows, keyed as the
// parent, so a sync's diff sends exactly who joined (added rows) and, in
// mirror mode, who left (removed rows). Relative days ("in the last 7 days")
// count from the moment it is compiled: each run sees today's members.
#include "audiencesql.h"
#include "core/entities.h"
#include "sources/source.h"
#include "sources/sourcekinds.h"

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sluice::audiences {

// What compiling an audience of the project needs, read without touching
// the warehouse.
struct AudienceSetup {
    CustomerSchema schema;
    std::map<std::string, AudienceDef> audiences; // every audience of the project, by name
    std::string name;                             // the one asked for, in `audiences`, or the tags model
    bool tags = false;                            // `name` is the tags model (CustomerSchema::tags)
    ModelDef parent;                              // the schema's parent model
    std::vector<ModelDef> models;                 // the project's, for the related models' SQL
    SourceDef source;                             // the parent's source
    Dialect dialect = Dialect::SQLite;            // the source's SQL
    std::shared_ptr<const mapping::TimeZone> zone;

    const AudienceDef &audience() const { return audiences.at(name); } // not for the tags model
};

// `name` is an audience or the tags model. Errors: no customer schema, no
// audience of that name (the message lists those there are), a parent model
// that is missing, a source without SQL.
Result<AudienceSetup> audienceSetup(const ProjectConfig &config, const std::string &name);

// Compiles the audience on `source` (the parent's source, opened), for its
// dialect or `dialect` when given (to show the SQL for another warehouse).
Result<CompiledAudience> compileOnSource(const AudienceSetup &setup, Source &source, std::chrono::sys_seconds now,
                                         std::optional<Dialect> dialect = std::nullopt);

// The audience (its members) or the tags model (every customer with a
// true/false column per tag) as a model a sync reads, keyed as the parent.
Result<ModelDef> compileModel(const AudienceSetup &setup, Source &source, std::chrono::sys_seconds now);

// Whether `name` is an audience of the project or its tags model.
bool namesAudienceModel(const ProjectConfig &config, const std::string &name);

// The model a sync or preview names: the project's model of that name as it
// is, or its audience or tags model of that name (compiled now, which opens
// the parent's source to read the models' columns). Errors name both kinds.
Result<ModelDef> modelOrAudience(const ProjectConfig &config, const std::string &name, const SourceContext &context,
                                 std::chrono::sys_seconds now);

} // namespace sluice::audiences

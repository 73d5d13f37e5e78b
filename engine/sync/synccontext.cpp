#include "synccontext.h"

#include "audiences/projectaudience.h"
#include "destinations/contract/syncmode.h"
#include "sync/rowhash.h"

#include <chrono>

namespace sluice {

using nlohmann::json;

std::string runKindName(RunKind k)
{
    switch (k) {
    case RunKind::Normal: return "run";
    case RunKind::DryRun: return "dry-run";
    case RunKind::FullResync: return "full-resync";
    case RunKind::RetryRejected: return "retry-rejected";
    }
    return "run";
}

std::uint64_t changeFingerprint(const json &mapping, const json &settings)
{
    return hashText(mapping.dump() + settings.value("filter", json()).dump()
                    + settings.value("samplePercent", json()).dump());
}

Result<SyncContext> loadContext(const std::string &projectPath, const std::string &syncName)
{
    auto project = ProjectStore::openLoaded(projectPath);
    if (!project)
        return std::unexpected(project.error());
    ProjectStore *store = project->store.get();
    const ProjectConfig &config = project->config;
    SyncContext c;
    auto sync
        = std::find_if(config.syncs.begin(), config.syncs.end(), [&](const SyncDef &s) { return s.name == syncName; });
    if (sync == config.syncs.end()) {
        std::string names;
        for (const auto &s : config.syncs)
            names += (names.empty() ? "" : ", ") + s.name;
        return invalidInput("sync.unknown",
                            "no sync named '" + syncName + "' (syncs: " + (names.empty() ? "none" : names) + ")",
                            projectPath);
    }
    // A shared project runs nothing until reviewed on this machine (issue 19).
    auto trusted = store->trusted();
    if (!trusted)
        return std::unexpected(trusted.error());
    if (!*trusted)
        return invalidInput("project.untrusted",
                            "this project is not trusted on this machine (it was imported, or changed outside "
                            "Sluice): review what it sends where and trust it with `sluicectl trust "
                                + projectPath + "`, or in the app with Project > Review and Trust",
                            projectPath);
    c.sync = *sync;
    // An audience is a model too: its members now, keyed as the customers.
    auto model
        = audiences::modelOrAudience(config, c.sync.model, SourceContext{store->directory(), store->secretAccess()},
                                     std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    if (!model)
        return std::unexpected(model.error().within("sync '" + syncName + "'"));
    c.model = std::move(*model);
    for (const auto &s : config.sources)
        if (s.name == c.model.source)
            c.source = s;
    for (const auto &d : config.destinations)
        if (d.name == c.sync.destination)
            c.destination = d;
    auto mode = parseSyncMode(c.sync.mode);
    if (!mode)
        return invalidInput("sync.mode", "unknown mode '" + c.sync.mode + "'", "sync '" + syncName + "'");
    c.mode = *mode;
    // A project saved before settings were checked may hold anything: refuse
    // it here, naming the key, before a run starts.
    auto settings = parseSyncSettings(c.sync.settings, "sync '" + syncName + "': settings");
    if (!settings)
        return std::unexpected(settings.error());
    c.settings = std::move(*settings);
    auto syncId = store->syncId(syncName);
    if (!syncId)
        return std::unexpected(syncId.error());
    if (!*syncId)
        return failed("sync.unknown", "the sync vanished while starting", projectPath);
    c.syncId = **syncId;
    c.store = std::move(project->store);
    c.config = std::move(project->config);
    return c;
}

bool isDirect(const json &entry)
{
    return entry.contains("column") && !entry.contains("transforms") && !entry.contains("template")
        && !entry.contains("value");
}

std::vector<FieldSpec> fieldSpecs(const json &mapping, const std::vector<std::string> &names,
                                  const std::vector<Column> &columns)
{
    std::vector<FieldSpec> out;
    for (const auto &name : names) {
        FieldSpec f{name, ValueType::Text};
        for (const auto &entry : mapping) {
            if (entry.value("field", "") != name)
                continue;
            if (isDirect(entry))
                for (const auto &c : columns)
                    if (c.name == entry["column"].get<std::string>())
                        f.type = c.type;
            if (entry.contains("type") && entry["type"].is_string()) {
                const auto t = entry["type"].get<std::string>();
                f.type = t == "integer"                ? ValueType::Integer
                       : t == "decimal" || t == "real" ? ValueType::Real
                       : t == "boolean"                ? ValueType::Boolean
                                                       : ValueType::Text;
            }
        }
        out.push_back(f);
    }
    return out;
}

std::vector<std::string> keyFields(const json &mapping, const std::vector<std::string> &primaryKey)
{
    std::vector<std::string> out;
    for (const auto &k : primaryKey) {
        std::string field;
        for (const auto &entry : mapping)
            if (isDirect(entry) && entry["column"].get<std::string>() == k)
                field = entry.value("field", "");
        if (field.empty())
            return {}; // a key column is not sent as-is: the destination cannot address rows by it
        out.push_back(field);
    }
    return out;
}

std::string problemText(const FieldProblem &p)
{
    return p.field.empty() ? p.message : p.field + ": " + p.message;
}

} // namespace sluice

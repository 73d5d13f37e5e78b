// sluicectl inspection commands, which send nothing: preview (a model's rows,
// or a sync's payloads), check (the primary key), test (a source or
// destination connection) and schema (a source's tables).

#include "commandgroups.h"
#include "commandsupport.h"
#include "textoutput.h"

#include "destinations/destinationkinds.h"
#include "mapping/checkmapping.h"
#include "mapping/mapper.h"
#include "models/modelrunner.h"
#include "sync/destinationfields.h"
#include "sync/modellookup.h"
#include "sync/syncpreview.h"

#include <fmt/format.h>

#include <cmath>
#include <iostream>

namespace sluice::cli {

using nlohmann::json;

const CommandSpec kPreview{"preview",  {"PROJECT"}, {"--model", "--sync", "--limit"},
                           {"--json"}, {},          "sluicectl preview PROJECT --model NAME [--limit N] [--json]"};
const std::string kPreviewSyncUsage = "sluicectl preview PROJECT --sync NAME [--limit N] [--json]";

namespace {

std::string actionName(ProblemAction a)
{
    switch (a) {
    case ProblemAction::Reject: return "reject";
    case ProblemAction::DropField: return "drop";
    case ProblemAction::Warn: return "warn";
    }
    return "warn";
}

// preview --sync: the exact payload each row becomes, with its problems.
int previewSync(const Args &a, long long limit)
{
    auto project = loadProject(a.positionals[0]);
    if (!project)
        return report(project.error());
    ProjectStore *store = project->store.get();
    const ProjectConfig &config = project->config;
    const std::string name = *a.option("--sync");
    const SyncDef *sync = nullptr;
    for (const auto &s : config.syncs)
        if (s.name == name)
            sync = &s;
    if (!sync) {
        std::string names;
        for (const auto &s : config.syncs)
            names += (names.empty() ? "" : ", ") + s.name;
        return report(Error{ErrorKind::InvalidInput, "sync.unknown",
                            "no sync named '" + name + "' (syncs: " + (names.empty() ? "none" : names) + ")",
                            a.positionals[0]});
    }
    auto ms = modelAndSource(a.positionals[0], sync->model);
    if (!ms)
        return report(ms.error());
    auto preview = previewModel(*ms->source, ms->model, limit);
    if (!preview)
        return report(preview.error());
    const LookupTable lookup = makeModelLookup(config, store->directory(), store->secretAccess());
    auto previewed = previewSync(*sync, *preview, ms->model.primaryKey, lookup);
    if (!previewed)
        return report(previewed.error());
    const MappingContext context{preview->columns, ms->model.primaryKey, lookup};
    // Check the mapping against the destination's fields (required and
    // identifier fields mapped, types that fit) before anything runs.
    std::vector<MappingIssue> issues;
    std::string fieldsUnavailable;
    for (const auto &d : config.destinations) {
        if (d.name != sync->destination)
            continue;
        auto destination = makeDestination(d, DestinationContext{store->directory(), store->secretAccess()});
        auto fields = destination ? mappingFieldsOf(**destination, d.settings)
                                  : Result<std::vector<DestinationField>>(std::unexpected(destination.error()));
        if (!fields)
            fieldsUnavailable = fields.error().describe();
        else if (!fields->empty()) {
            issues = checkMapping(effectiveMapping(*sync, preview->columns), context, *fields);
            // Values the destination would refuse (not among a field's options, text for a number).
            checkAgainstDestination(*previewed, *fields);
        }
    }
    if (a.flag("--json")) {
        json rows = json::array();
        for (const SyncPreviewRow &p : previewed->rows) {
            json problems = json::array();
            for (const auto &pr : p.problems)
                problems.push_back(json{{"field", pr.field},
                                        {"rule", pr.rule},
                                        {"action", actionName(pr.action)},
                                        {"message", pr.message}});
            rows.push_back(json{{"key", p.key},
                                {"payload", p.payload.empty() ? json(nullptr) : json::parse(p.payload, nullptr, false)},
                                {"rejected", p.rejected},
                                {"skipped", p.skipped},
                                {"problems", problems}});
        }
        json mappingIssues = json::array();
        for (const auto &i : issues)
            mappingIssues.push_back(json{{"severity", i.severity == IssueSeverity::Error ? "error" : "warning"},
                                         {"code", i.code},
                                         {"field", i.field},
                                         {"message", i.message},
                                         {"where", i.where}});
        printJson(
            json{{"sync", name},
                 {"model", ms->model.name},
                 {"fields", previewed->fields},
                 {"rows", rows},
                 {"more", preview->more},
                 {"mappingIssues", mappingIssues},
                 {"destinationFieldsError", fieldsUnavailable.empty() ? json(nullptr) : json(fieldsUnavailable)}});
        return 0;
    }
    int rejected = 0, warned = 0;
    for (const SyncPreviewRow &p : previewed->rows) {
        const std::string state = p.skipped ? " (filtered out)" : p.rejected ? " (rejected)" : "";
        std::cout << "[" << p.key << "]" << state << " " << (p.payload.empty() ? std::string("-") : p.payload) << "\n";
        for (const auto &pr : p.problems) {
            std::cout << "    " << actionName(pr.action) << ": " << (pr.field.empty() ? "" : pr.field + ": ")
                      << pr.message << "\n";
            ++(pr.action == ProblemAction::Reject ? rejected : warned);
        }
    }
    for (const auto &i : issues)
        std::cout << "mapping " << (i.severity == IssueSeverity::Error ? "error" : "warning") << ": "
                  << (i.field.empty() ? "" : i.field + ": ") << i.message << "\n";
    if (!fieldsUnavailable.empty())
        std::cout << "note: the destination's fields could not be read (" << fieldsUnavailable
                  << "); the mapping was not checked against them\n";
    std::cout << fmt::format("{} payloads{}, {} problems that reject a row, {} other problems\n",
                             previewed->rows.size(), preview->more ? " (more rows available)" : "", rejected, warned);
    return 0;
}

} // namespace

int cmdPreview(const std::vector<std::string> &argv)
{
    auto a = parse(kPreview, argv);
    if (!a)
        return report(a.error());
    auto limit = a->integer("--limit", 0, 1'000'000);
    if (!limit)
        return report(limit.error());
    if (!a->option("--model") && !a->option("--sync"))
        return report(Error{ErrorKind::InvalidInput,
                            "usage.missing_option",
                            "missing --model or --sync (usage: " + kPreview.usage + ")",
                            {}});
    if (a->option("--model") && a->option("--sync"))
        return report(Error{ErrorKind::InvalidInput,
                            "usage.conflict",
                            "give --model or --sync, not both (usage: " + kPreview.usage + ")",
                            {}});
    if (a->option("--sync"))
        return previewSync(*a, limit->value_or(20));
    auto ms = modelAndSource(a->positionals[0], *a->option("--model"));
    if (!ms)
        return report(ms.error());
    auto preview = previewModel(*ms->source, ms->model, limit->value_or(20));
    if (!preview)
        return report(preview.error());
    // The key must be in the result for any sync to work: say so now.
    auto keyIdx = keyColumnIndexes(preview->columns, ms->model.primaryKey);
    if (a->flag("--json")) {
        json doc;
        doc["model"] = ms->model.name;
        doc["primaryKey"] = ms->model.primaryKey;
        doc["columns"] = json::array();
        for (const auto &c : preview->columns)
            doc["columns"].push_back(
                json{{"name", c.name}, {"type", std::string(valueTypeName(c.type))}, {"declaredType", c.declaredType}});
        doc["rows"] = rowsJson(preview->rows);
        doc["rowCount"] = preview->rows.size();
        doc["more"] = preview->more;
        doc["elapsedMs"] = std::round(preview->elapsedMs * 100) / 100;
        doc["keyProblem"] = keyIdx ? json(nullptr) : json(keyIdx.error().message);
        printJson(doc);
        if (!keyIdx)
            return report(keyIdx.error().within("model '" + ms->model.name + "'"));
        return 0;
    }
    std::cout << renderRows(preview->columns, preview->rows);
    std::cout << fmt::format("{} rows{} in {:.1f} ms\n", preview->rows.size(), preview->more ? " (more available)" : "",
                             preview->elapsedMs);
    if (!keyIdx)
        return report(keyIdx.error().within("model '" + ms->model.name + "'"));
    return 0;
}

const CommandSpec kCheck{"check",    {"PROJECT"}, {"--model"},
                         {"--json"}, {"--model"}, "sluicectl check PROJECT --model NAME [--json]"};

int cmdCheck(const std::vector<std::string> &argv)
{
    auto a = parse(kCheck, argv);
    if (!a)
        return report(a.error());
    auto ms = modelAndSource(a->positionals[0], *a->option("--model"));
    if (!ms)
        return report(ms.error());
    auto check = checkModelKey(*ms->source, ms->model);
    if (!check)
        return report(check.error());
    if (a->flag("--json")) {
        json dup = json::array();
        for (const auto &d : check->duplicateExamples)
            dup.push_back(json{{"key", d.key}, {"count", d.count}});
        printJson(json{{"model", ms->model.name},
                       {"primaryKey", ms->model.primaryKey},
                       {"ok", check->ok()},
                       {"rows", check->rows},
                       {"nullKeyRows", check->nullKeyRows},
                       {"nullKeyRowNumbers", check->nullKeyRowNumbers},
                       {"duplicateKeys", check->duplicateKeys},
                       {"duplicateRows", check->duplicateRows},
                       {"duplicateExamples", dup},
                       {"elapsedMs", std::round(check->elapsedMs * 100) / 100}});
    } else {
        std::cout << ms->model.name << ": " << check->summary() << "\n";
    }
    return check->ok() ? 0 : 1;
}

const CommandSpec kTest{"test", {"PROJECT"}, {"--source", "--destination"},
                        {},     {},          "sluicectl test PROJECT --source NAME"};
const std::string kTestDestinationUsage = "sluicectl test PROJECT --destination NAME";

namespace {

// test --destination: the connector's own check, in the user's terms.
int testDestination(const std::string &path, const std::string &name)
{
    auto project = loadProject(path);
    if (!project)
        return report(project.error());
    ProjectStore *store = project->store.get();
    const ProjectConfig &config = project->config;
    for (const auto &d : config.destinations) {
        if (d.name != name)
            continue;
        auto destination = makeDestination(d, DestinationContext{store->directory(), store->secretAccess()});
        if (!destination)
            return report(destination.error());
        auto ok = (*destination)->testConnection();
        if (!ok)
            return report(ok.error().within("destination '" + name + "'"));
        std::cout << "OK: " << *ok << "\n";
        return 0;
    }
    return report(
        Error{ErrorKind::InvalidInput, "project.no_destination", "no destination named '" + name + "'", path});
}

} // namespace

int cmdTest(const std::vector<std::string> &argv)
{
    auto a = parse(kTest, argv);
    if (!a)
        return report(a.error());
    if (a->option("--source").has_value() == a->option("--destination").has_value())
        return report(Error{ErrorKind::InvalidInput,
                            "usage.missing_option",
                            "give --source or --destination (usage: " + kTest.usage + ")",
                            {}});
    if (auto d = a->option("--destination"))
        return testDestination(a->positionals[0], *d);
    auto source = namedSource(a->positionals[0], *a->option("--source"));
    if (!source)
        return report(source.error());
    auto ok = (*source)->testConnection();
    if (!ok)
        return report(ok.error().within("source '" + *a->option("--source") + "'"));
    std::cout << "OK: " << *ok << "\n";
    return 0;
}

const CommandSpec kSchema{"schema",   {"PROJECT"},  {"--source"},
                          {"--json"}, {"--source"}, "sluicectl schema PROJECT --source NAME [--json]"};

int cmdSchema(const std::vector<std::string> &argv)
{
    auto a = parse(kSchema, argv);
    if (!a)
        return report(a.error());
    auto source = namedSource(a->positionals[0], *a->option("--source"));
    if (!source)
        return report(source.error());
    auto tables = (*source)->listTables();
    if (!tables)
        return report(tables.error().within("source '" + *a->option("--source") + "'"));
    if (a->flag("--json")) {
        json doc = json::array();
        for (const auto &t : *tables) {
            json cols = json::array();
            for (const auto &c : t.columns)
                cols.push_back(json{
                    {"name", c.name}, {"type", std::string(valueTypeName(c.type))}, {"declaredType", c.declaredType}});
            doc.push_back(
                json{{"schema", t.schema}, {"name", t.name}, {"kind", t.isView ? "view" : "table"}, {"columns", cols}});
        }
        printJson(json{{"tables", doc}});
        return 0;
    }
    for (const auto &t : *tables) {
        std::cout << (t.isView ? "view " : "table ") << (t.schema.empty() ? "" : t.schema + ".") << t.name << "\n";
        for (const auto &c : t.columns)
            std::cout << "  " << c.name << "  "
                      << (c.declaredType.empty() ? std::string(valueTypeName(c.type)) : c.declaredType) << "\n";
    }
    return 0;
}

} // namespace sluice::cli

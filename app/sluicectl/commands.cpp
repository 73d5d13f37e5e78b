#include "commands.h"

#include "bench.h"
#include "cliargs.h"
#include "daemon.h"
#include "trust.h"
#include "textoutput.h"

#include "alerts/alerts.h"
#include "core/envref.h"
#include "core/fileutil.h"
#include "demo/demoproject.h"
#include "destinations/destinationkinds.h"
#include "mapping/checkmapping.h"
#include "mapping/mapper.h"
#include "mapping/preview.h"
#include "models/modelrunner.h"
#include "project/projectjson.h"
#include "project/projectstore.h"
#include "trust/projectreview.h"
#include "sources/sourcekinds.h"
#include "sync/destinationfields.h"
#include "sync/modellookup.h"
#include "sync/runrecorder.h"
#include "sync/statestore.h"
#include "sync/syncrunner.h"
#include "version.h"

#include <fmt/format.h>

#include <atomic>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <iostream>

#include <unistd.h>

namespace sluice::cli {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

int exitCodeFor(const Error &e)
{
    return e.kind == ErrorKind::InvalidInput ? 2 : 1;
}

// The single line a failing command prints.
int report(const Error &e)
{
    // One line, always: newlines from user input or server messages are shown escaped.
    std::string line = redactSecrets(e.describe()); // a server may echo a credential
    std::string out;
    for (char c : line) {
        if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else
            out += c;
    }
    std::cerr << "error: " << out << "\n";
    return exitCodeFor(e);
}

void printJson(const json &doc)
{
    std::cout << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

Result<std::unique_ptr<ProjectStore>> openProject(const std::string &path)
{
    return ProjectStore::open(path);
}

// Resolves a model and a live source for it.
struct ModelAndSource {
    std::unique_ptr<ProjectStore> store;
    ModelDef model;
    std::unique_ptr<Source> source;
};

Result<ModelAndSource> modelAndSource(const std::string &path, const std::string &modelName)
{
    auto store = openProject(path);
    if (!store)
        return std::unexpected(store.error());
    auto model = (*store)->model(modelName);
    if (!model)
        return std::unexpected(model.error());
    auto sourceDef = (*store)->source(model->source);
    if (!sourceDef)
        return std::unexpected(sourceDef.error());
    auto source = makeSource(*sourceDef, SourceContext{(*store)->directory(), (*store)->secretAccess()});
    if (!source)
        return std::unexpected(source.error());
    return ModelAndSource{std::move(*store), std::move(*model), std::move(*source)};
}

Result<std::unique_ptr<Source>> namedSource(const std::string &path, const std::string &name)
{
    auto store = openProject(path);
    if (!store)
        return std::unexpected(store.error());
    auto def = (*store)->source(name);
    if (!def)
        return std::unexpected(def.error());
    return makeSource(*def, SourceContext{(*store)->directory(), (*store)->secretAccess()});
}

// --- commands -------------------------------------------------------------

const CommandSpec kInit{"init", {"PROJECT"}, {"--rows"}, {"--demo"}, {},
                        "sluicectl init PROJECT [--demo [--rows N]]"};

int cmdInit(const std::vector<std::string> &argv)
{
    auto a = parse(kInit, argv);
    if (!a)
        return report(a.error());
    auto rows = a->integer("--rows", 1, 100'000'000);
    if (!rows)
        return report(rows.error());
    if (*rows && !a->flag("--demo"))
        return report(Error{ErrorKind::InvalidInput, "usage", "--rows goes with --demo", {}});
    const std::string path = a->positionals[0];
    if (a->flag("--demo")) {
        const long long n = rows->value_or(10000);
        if (auto r = createDemoProject(path, n); !r)
            return report(r.error());
        std::cout << "Created demo project " << path << " with " << n << " users in "
                  << demoWarehousePath(path) << "\n";
        return 0;
    }
    auto store = ProjectStore::create(path, fs::path(path).stem().string());
    if (!store)
        return report(store.error());
    std::cout << "Created empty project " << path << "\n";
    return 0;
}

const CommandSpec kList{"list", {"PROJECT"}, {}, {"--json"}, {}, "sluicectl list PROJECT [--json]"};

int cmdList(const std::vector<std::string> &argv)
{
    auto a = parse(kList, argv);
    if (!a)
        return report(a.error());
    auto store = openProject(a->positionals[0]);
    if (!store)
        return report(store.error());
    auto config = (*store)->load();
    if (!config)
        return report(config.error());
    if (a->flag("--json")) {
        json doc = toJson(*config);
        doc.erase("formatVersion");
        doc["path"] = (*store)->path();
        doc["schemaVersion"] = (*store)->schemaVersion();
        printJson(doc);
        return 0;
    }
    std::cout << "Project: " << config->name << " (" << a->positionals[0] << ", schema "
              << (*store)->schemaVersion() << ")\n";
    auto section = [](const std::string &title, std::size_t n) {
        std::cout << "\n" << title << " (" << n << ")\n";
    };
    section("Sources", config->sources.size());
    if (!config->sources.empty()) {
        std::vector<std::vector<std::string>> rows;
        for (const auto &s : config->sources) {
            std::string detail = s.settings.contains("path") ? s.settings["path"].get<std::string>()
                                 : s.settings.contains("database")
                                     ? s.settings.value("host", "127.0.0.1") + "/"
                                           + s.settings["database"].get<std::string>()
                                     : "";
            rows.push_back({s.name, s.kind, detail});
        }
        std::cout << renderTable({"NAME", "KIND", "WHERE"}, rows, 60);
    }
    section("Models", config->models.size());
    if (!config->models.empty()) {
        std::vector<std::vector<std::string>> rows;
        for (const auto &m : config->models) {
            std::string key;
            for (const auto &k : m.primaryKey)
                key += (key.empty() ? "" : ", ") + k;
            rows.push_back({m.name, m.source, key, m.description});
        }
        std::cout << renderTable({"NAME", "SOURCE", "PRIMARY KEY", "DESCRIPTION"}, rows, 60);
    }
    section("Destinations", config->destinations.size());
    if (!config->destinations.empty()) {
        std::vector<std::vector<std::string>> rows;
        for (const auto &d : config->destinations)
            rows.push_back({d.name, d.kind});
        std::cout << renderTable({"NAME", "KIND"}, rows, 60);
    }
    section("Syncs", config->syncs.size());
    if (!config->syncs.empty()) {
        std::vector<std::vector<std::string>> rows;
        for (const auto &s : config->syncs)
            rows.push_back({s.name, s.model, s.destination, s.mode});
        std::cout << renderTable({"NAME", "MODEL", "DESTINATION", "MODE"}, rows, 60);
    }
    return 0;
}

const CommandSpec kPreview{"preview", {"PROJECT"}, {"--model", "--sync", "--limit"}, {"--json"}, {},
                           "sluicectl preview PROJECT --model NAME [--limit N] [--json]"};
const std::string kPreviewSyncUsage = "sluicectl preview PROJECT --sync NAME [--limit N] [--json]";

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
    auto store = openProject(a.positionals[0]);
    if (!store)
        return report(store.error());
    auto config = (*store)->load();
    if (!config)
        return report(config.error());
    const std::string name = *a.option("--sync");
    const SyncDef *sync = nullptr;
    for (const auto &s : config->syncs)
        if (s.name == name)
            sync = &s;
    if (!sync) {
        std::string names;
        for (const auto &s : config->syncs)
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
    const MappingContext context{preview->columns, ms->model.primaryKey,
                                 makeModelLookup(*config, (*store)->directory(), (*store)->secretAccess())};
    auto mapper = Mapper::compile(effectiveMapping(*sync, preview->columns), sync->settings, context);
    if (!mapper)
        return report(mapper.error().within("sync '" + name + "'"));
    auto payloads = previewPayloads(*mapper, preview->rows);
    if (!payloads)
        return report(payloads.error());
    // Check the mapping against the destination's fields (required and
    // identifier fields mapped, types that fit) before anything runs.
    std::vector<MappingIssue> issues;
    std::string fieldsUnavailable;
    for (const auto &d : config->destinations) {
        if (d.name != sync->destination)
            continue;
        auto destination = makeDestination(d, DestinationContext{(*store)->directory(), (*store)->secretAccess()});
        auto fields = destination ? mappingFieldsOf(**destination, d.settings)
                                  : Result<std::vector<DestinationField>>(std::unexpected(destination.error()));
        if (!fields)
            fieldsUnavailable = fields.error().describe();
        else if (!fields->empty())
            issues = checkMapping(effectiveMapping(*sync, preview->columns), context, *fields);
    }
    auto idx = keyColumnIndexes(preview->columns, ms->model.primaryKey);
    auto keyText = [&](const Row &row) {
        std::string k;
        if (idx)
            for (auto i : *idx)
                k += (k.empty() ? "" : " | ") + displayValue(row[i]);
        return k;
    };
    if (a.flag("--json")) {
        json rows = json::array();
        for (std::size_t i = 0; i < payloads->size(); ++i) {
            const auto &p = (*payloads)[i];
            json problems = json::array();
            for (const auto &pr : p.problems)
                problems.push_back(json{{"field", pr.field}, {"rule", pr.rule},
                                        {"action", actionName(pr.action)}, {"message", pr.message}});
            rows.push_back(json{{"key", keyText(preview->rows[i])},
                                {"payload", p.json.empty() ? json(nullptr) : json::parse(p.json, nullptr, false)},
                                {"rejected", p.rejected}, {"skipped", p.skipped}, {"problems", problems}});
        }
        json mappingIssues = json::array();
        for (const auto &i : issues)
            mappingIssues.push_back(json{{"severity", i.severity == IssueSeverity::Error ? "error" : "warning"},
                                         {"code", i.code}, {"field", i.field}, {"message", i.message},
                                         {"where", i.where}});
        printJson(json{{"sync", name}, {"model", ms->model.name}, {"fields", mapper->fieldNames()},
                       {"rows", rows}, {"more", preview->more}, {"mappingIssues", mappingIssues},
                       {"destinationFieldsError", fieldsUnavailable.empty() ? json(nullptr) : json(fieldsUnavailable)}});
        return 0;
    }
    int rejected = 0, warned = 0;
    for (std::size_t i = 0; i < payloads->size(); ++i) {
        const auto &p = (*payloads)[i];
        const std::string state = p.skipped ? " (filtered out)" : p.rejected ? " (rejected)" : "";
        std::cout << "[" << keyText(preview->rows[i]) << "]" << state << " "
                  << (p.json.empty() ? std::string("-") : p.json) << "\n";
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
                             payloads->size(), preview->more ? " (more rows available)" : "", rejected, warned);
    return 0;
}

int cmdPreview(const std::vector<std::string> &argv)
{
    auto a = parse(kPreview, argv);
    if (!a)
        return report(a.error());
    auto limit = a->integer("--limit", 0, 1'000'000);
    if (!limit)
        return report(limit.error());
    if (!a->option("--model") && !a->option("--sync"))
        return report(Error{ErrorKind::InvalidInput, "usage.missing_option",
                            "missing --model or --sync (usage: " + kPreview.usage + ")", {}});
    if (a->option("--model") && a->option("--sync"))
        return report(Error{ErrorKind::InvalidInput, "usage.conflict",
                            "give --model or --sync, not both (usage: " + kPreview.usage + ")", {}});
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
            doc["columns"].push_back(json{{"name", c.name},
                                          {"type", std::string(valueTypeName(c.type))},
                                          {"declaredType", c.declaredType}});
        doc["rows"] = json::array();
        for (const auto &r : preview->rows) {
            json row = json::array();
            for (const auto &v : r)
                row.push_back(toJson(v));
            doc["rows"].push_back(row);
        }
        doc["rowCount"] = preview->rows.size();
        doc["more"] = preview->more;
        doc["elapsedMs"] = std::round(preview->elapsedMs * 100) / 100;
        doc["keyProblem"] = keyIdx ? json(nullptr) : json(keyIdx.error().message);
        printJson(doc);
        if (!keyIdx)
            return report(keyIdx.error().within("model '" + ms->model.name + "'"));
        return 0;
    }
    std::vector<std::string> header;
    for (const auto &c : preview->columns)
        header.push_back(c.name);
    std::vector<std::vector<std::string>> rows;
    for (const auto &r : preview->rows) {
        rows.push_back({});
        for (const auto &v : r)
            rows.back().push_back(displayValue(v));
    }
    std::cout << renderTable(header, rows);
    std::cout << fmt::format("{} rows{} in {:.1f} ms\n", preview->rows.size(),
                             preview->more ? " (more available)" : "", preview->elapsedMs);
    if (!keyIdx)
        return report(keyIdx.error().within("model '" + ms->model.name + "'"));
    return 0;
}

const CommandSpec kCheck{"check", {"PROJECT"}, {"--model"}, {"--json"}, {"--model"},
                         "sluicectl check PROJECT --model NAME [--json]"};

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

const CommandSpec kTest{"test", {"PROJECT"}, {"--source", "--destination"}, {}, {},
                        "sluicectl test PROJECT --source NAME"};
const std::string kTestDestinationUsage = "sluicectl test PROJECT --destination NAME";

// test --destination: the connector's own check, in the user's terms.
int testDestination(const std::string &path, const std::string &name)
{
    auto store = openProject(path);
    if (!store)
        return report(store.error());
    auto config = (*store)->load();
    if (!config)
        return report(config.error());
    for (const auto &d : config->destinations) {
        if (d.name != name)
            continue;
        auto destination = makeDestination(d, DestinationContext{(*store)->directory(), (*store)->secretAccess()});
        if (!destination)
            return report(destination.error());
        auto ok = (*destination)->testConnection();
        if (!ok)
            return report(ok.error().within("destination '" + name + "'"));
        std::cout << "OK: " << *ok << "\n";
        return 0;
    }
    return report(Error{ErrorKind::InvalidInput, "project.no_destination", "no destination named '" + name + "'", path});
}

int cmdTest(const std::vector<std::string> &argv)
{
    auto a = parse(kTest, argv);
    if (!a)
        return report(a.error());
    if (a->option("--source").has_value() == a->option("--destination").has_value())
        return report(Error{ErrorKind::InvalidInput, "usage.missing_option",
                            "give --source or --destination (usage: " + kTest.usage + ")", {}});
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

const CommandSpec kSchema{"schema", {"PROJECT"}, {"--source"}, {"--json"}, {"--source"},
                          "sluicectl schema PROJECT --source NAME [--json]"};

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
                cols.push_back(json{{"name", c.name},
                                    {"type", std::string(valueTypeName(c.type))},
                                    {"declaredType", c.declaredType}});
            doc.push_back(json{{"schema", t.schema}, {"name", t.name},
                               {"kind", t.isView ? "view" : "table"}, {"columns", cols}});
        }
        printJson(json{{"tables", doc}});
        return 0;
    }
    for (const auto &t : *tables) {
        std::cout << (t.isView ? "view " : "table ") << (t.schema.empty() ? "" : t.schema + ".")
                  << t.name << "\n";
        for (const auto &c : t.columns)
            std::cout << "  " << c.name << "  " << (c.declaredType.empty() ? std::string(valueTypeName(c.type)) : c.declaredType) << "\n";
    }
    return 0;
}

const CommandSpec kExport{"export", {"PROJECT", "FILE"}, {}, {}, {},
                          "sluicectl export PROJECT FILE"};

int cmdExport(const std::vector<std::string> &argv)
{
    auto a = parse(kExport, argv);
    if (!a)
        return report(a.error());
    auto store = openProject(a->positionals[0]);
    if (!store)
        return report(store.error());
    auto config = (*store)->load();
    if (!config)
        return report(config.error());
    const std::string text = exportText(*config);
    const std::string &file = a->positionals[1];
    if (file == "-") {
        std::cout << text;
        return 0;
    }
    if (auto r = writeFileAtomically(file, text); !r)
        return report(r.error());
    std::cout << "Exported " << config->sources.size() << " sources, " << config->models.size()
              << " models, " << config->destinations.size() << " destinations and "
              << config->syncs.size() << " syncs to " << file << "\n";
    return 0;
}

const CommandSpec kImport{"import", {"FILE", "PROJECT"}, {}, {"--force", "--trust"}, {},
                          "sluicectl import FILE PROJECT [--force] [--trust]"};

int cmdImport(const std::vector<std::string> &argv)
{
    auto a = parse(kImport, argv);
    if (!a)
        return report(a.error());
    const std::string &file = a->positionals[0];
    const std::string &project = a->positionals[1];
    auto text = readTextFile(file);
    if (!text)
        return report(text.error());
    auto config = parseProjectText(*text, file);
    if (!config)
        return report(config.error());
    const bool trustIt = a->flag("--trust");
    const bool fileExisted = fileExists(project);
    if (fileExisted) {
        if (!a->flag("--force"))
            return report(Error{ErrorKind::InvalidInput, "import.exists",
                                "the project already exists; add --force to replace its "
                                "configuration (run history is kept)",
                                project});
        auto store = openProject(project);
        if (!store)
            return report(store.error());
        // Trust survives a re-import only when nothing it was given for changed.
        auto before = (*store)->load();
        if (!before)
            return report(before.error());
        const bool changed = reviewProject(*before, (*store)->directory()).fingerprint()
                             != reviewProject(*config, (*store)->directory()).fingerprint();
        if (auto r = (*store)->save(*config); !r)
            return report(r.error());
        if (changed && !trustIt)
            if (auto r = (*store)->revokeTrust(); !r)
                return report(r.error());
    } else {
        // Build the project under a temporary name and move it into place, so
        // a failure never leaves a half-written project behind.
        const std::string tmp = project + ".importing";
        std::error_code ec;
        fs::remove(tmp, ec);
        auto store = ProjectStore::create(tmp, config->name);
        if (!store)
            return report(store.error());
        auto r = (*store)->save(*config);
        store->reset();
        if (r) {
            fs::rename(tmp, project, ec);
            if (ec)
                r = std::unexpected(Error{ErrorKind::Failed, "import.rename", ec.message(), project});
        }
        if (!r) {
            fs::remove(tmp, ec);
            return report(r.error());
        }
    }
    // A project from elsewhere is untrusted until reviewed (issue 19).
    auto imported = openProject(project);
    if (!imported)
        return report(imported.error());
    if (trustIt) {
        std::cerr << reviewText(**imported);
        if (auto r = (*imported)->trust(); !r)
            return report(r.error());
    } else if (!fileExisted) {
        if (auto r = (*imported)->revokeTrust(); !r)
            return report(r.error());
    }
    std::cout << "Imported " << config->sources.size() << " sources, " << config->models.size()
              << " models, " << config->destinations.size() << " destinations and "
              << config->syncs.size() << " syncs into " << project << "\n";
    if (auto trusted = (*imported)->trusted(); trusted && !*trusted)
        std::cout << "Not trusted on this machine yet: review what it sends where with `sluicectl trust " << project
                  << "` before its syncs can run.\n";
    return 0;
}


// --- syncs ----------------------------------------------------------------

// SIGINT / SIGTERM cancel the run: the batch in flight finishes, what was
// delivered is recorded, and the command exits cleanly.
CancelToken *g_runCancel = nullptr;

void onStopSignal(int)
{
    if (g_runCancel)
        g_runCancel->cancel();
}

struct StopSignals {
    explicit StopSignals(CancelToken &token)
    {
        g_runCancel = &token;
        std::signal(SIGINT, onStopSignal);
        std::signal(SIGTERM, onStopSignal);
    }
    ~StopSignals()
    {
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        g_runCancel = nullptr;
    }
};

std::string countText(const RunSummary &s, std::int64_t v)
{
    return s.dryRun ? "n/a" : std::to_string(v);
}

void printSummary(const RunSummary &s)
{
    std::cout << fmt::format("Run {} of sync '{}' ({}, {} mode): {}{}\n", s.runId, s.sync, s.kind, s.mode, s.status,
                             s.deferredUntil.empty() ? std::string() : " until " + s.deferredUntil);
    std::cout << fmt::format("  queried {}, invalid {}{}\n", s.queried, s.invalid,
                             s.filtered ? fmt::format(", filtered out {}", s.filtered) : std::string());
    std::vector<std::vector<std::string>> rows;
    auto row = [&](const char *name, const ClassCounts &c) {
        rows.push_back({name, std::to_string(c.planned), countText(s, c.delivered), countText(s, c.rejected),
                        countText(s, c.pending)});
    };
    row("added", s.added);
    row("changed", s.changed);
    row("removed", s.removed);
    row("unchanged", s.unchanged);
    std::string table = renderTable({"CLASS", "PLANNED", "DELIVERED", "REJECTED", "PENDING"}, rows);
    std::string indented;
    for (std::size_t start = 0; start < table.size();) {
        const auto nl = table.find('\n', start);
        indented += "  " + table.substr(start, nl - start + 1);
        start = nl + 1;
    }
    std::cout << indented;
    if (!s.dryRun)
        std::cout << fmt::format("  {} requests, {} retries, {:.2f} s, {:.0f} rows/s\n", s.requests, s.retries,
                                 double(s.durationMs) / 1000.0, s.rowsPerSecond());
    if (s.dryRun && !s.samples.empty()) {
        std::cout << "Sample payloads:\n";
        for (const auto &sample : s.samples) {
            std::cout << "  " << sample.rowClass << " " << sample.key << ": "
                      << (sample.payload.empty() ? std::string("(delete)") : sample.payload) << "\n";
            for (const auto &p : sample.problems)
                std::cout << "    problem: " << p << "\n";
        }
    }
    if (!s.error.empty())
        std::cout << "  error: " << s.error << "\n";
}

const CommandSpec kRun{"run", {"PROJECT"}, {"--sync"},
                       {"--dry-run", "--full-resync", "--retry-rejected", "--allow-mass-delete", "--json", "--trust"},
                       {"--sync"},
                       "sluicectl run PROJECT --sync NAME [--dry-run] [--full-resync] [--retry-rejected] "
                       "[--allow-mass-delete] [--trust] [--json]"};

int cmdRun(const std::vector<std::string> &argv)
{
    auto a = parse(kRun, argv);
    if (!a)
        return report(a.error());
    RunOptions options;
    const int kinds = int(a->flag("--dry-run")) + int(a->flag("--full-resync")) + int(a->flag("--retry-rejected"));
    if (kinds > 1)
        return report(Error{ErrorKind::InvalidInput, "usage",
                            "--dry-run, --full-resync and --retry-rejected exclude each other", {}});
    options.kind = a->flag("--dry-run")        ? RunKind::DryRun
                   : a->flag("--full-resync")  ? RunKind::FullResync
                   : a->flag("--retry-rejected") ? RunKind::RetryRejected
                                                 : RunKind::Normal;
    options.allowMassDelete = a->flag("--allow-mass-delete");
    if (a->flag("--trust")) {
        // For scripts: trust the project as it is now, printing what that allows.
        auto store = openProject(a->positionals[0]);
        if (!store)
            return report(store.error());
        if (auto trusted = (*store)->trusted(); trusted && !*trusted) {
            std::cerr << reviewText(**store) << "Trusted on this machine (--trust).\n";
            if (auto r = (*store)->trust(); !r)
                return report(r.error());
        }
    }
    CancelToken cancel;
    StopSignals signals(cancel);
    const bool json = a->flag("--json");
    const bool tty = !json && ::isatty(STDERR_FILENO);
    auto summary = runSync(a->positionals[0], *a->option("--sync"), options, cancel,
                           [tty](const RunSummary &s) {
                               if (tty)
                                   std::cerr << fmt::format("\r  {} rows read, {} delivered, {} rejected   ",
                                                            s.queried, s.delivered(), s.rejected())
                                             << std::flush;
                           });
    if (tty)
        std::cerr << "\r" << std::string(60, ' ') << "\r";
    if (!summary)
        return report(summary.error());
    // Alert rules look at every finished run (one alert per incident).
    if (auto alerts = evaluateAlerts(a->positionals[0], *a->option("--sync"), *summary); !alerts)
        std::cerr << "warning: alert rules: " << alerts.error().describe() << "\n";
    else if (!json)
        for (const auto &notice : *alerts)
            std::cerr << "alert: " << notice.message << "\n";
    // Invalid input (broken SQL, an unset ${env:NAME}, ...) exits 2 with
    // nothing on standard output, as every command does (docs/cli.md).
    if (summary->status == "failed" && summary->invalidInput) {
        std::cerr << "error: " << summary->error << "\n";
        return 2;
    }
    if (json)
        printJson(summary->toJson());
    else
        printSummary(*summary);
    if (summary->status == "failed") {
        std::cerr << "error: " << summary->error << "\n";
        return 1;
    }
    if (summary->status == "cancelled")
        return 1;
    if (summary->status == "deferred") {
        std::cerr << fmt::format("deferred until {}: {}; {} rows stay pending and are sent then (sluicectl daemon "
                                 "runs the sync at that time, or run it again)\n",
                                 summary->deferredUntil, summary->deferredBecause, summary->pending());
        return 1;
    }
    return summary->rejected() > 0 || summary->pending() > 0 ? 1 : 0;
}

const CommandSpec kReset{"reset-baseline", {"PROJECT"}, {"--sync"}, {"--json"}, {"--sync"},
                         "sluicectl reset-baseline PROJECT --sync NAME [--json]"};

int cmdResetBaseline(const std::vector<std::string> &argv)
{
    auto a = parse(kReset, argv);
    if (!a)
        return report(a.error());
    CancelToken cancel;
    StopSignals signals(cancel);
    auto summary = resetBaseline(a->positionals[0], *a->option("--sync"), cancel);
    if (!summary)
        return report(summary.error());
    if (a->flag("--json")) {
        printJson(summary->toJson());
    } else if (summary->status == "succeeded") {
        std::cout << fmt::format("Baseline reset for sync '{}': {} rows recorded as synced ({} invalid), "
                                 "nothing sent (run {})\n",
                                 summary->sync, summary->unchanged.planned, summary->invalid, summary->runId);
    }
    if (summary->status != "succeeded") {
        std::cerr << "error: " << summary->error << "\n";
        return 1;
    }
    return 0;
}

Result<std::unique_ptr<StateStore>> openState(const std::string &path)
{
    // Open through the project store first: its checks refuse foreign files untouched.
    auto store = openProject(path);
    if (!store)
        return std::unexpected(store.error());
    return StateStore::open((*store)->path());
}

const CommandSpec kRuns{"runs", {"PROJECT"}, {"--sync", "--limit"}, {"--json"}, {},
                        "sluicectl runs PROJECT [--sync NAME] [--limit N] [--json]"};

int cmdRuns(const std::vector<std::string> &argv)
{
    auto a = parse(kRuns, argv);
    if (!a)
        return report(a.error());
    auto limit = a->integer("--limit", 1, 100000);
    if (!limit)
        return report(limit.error());
    auto state = openState(a->positionals[0]);
    if (!state)
        return report(state.error());
    auto runs = RunRecorder::runs((*state)->handle(), a->option("--sync").value_or(""), int(limit->value_or(50)));
    if (!runs)
        return report(runs.error());
    if (a->flag("--json")) {
        json doc = json::array();
        for (const auto &r : *runs)
            doc.push_back(json{{"run_id", r.id}, {"sync", r.syncName}, {"kind", r.kind}, {"status", r.status},
                               {"started_at", r.startedAt}, {"ended_at", r.endedAt.empty() ? json(nullptr) : json(r.endedAt)},
                               {"duration_ms", r.durationMs}, {"counts", r.counts},
                               {"error", r.error.empty() ? json(nullptr) : json(r.error)}});
        printJson(json{{"runs", doc}});
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto &r : *runs) {
        auto num = [&](const char *k) {
            return r.counts.contains(k) && !r.counts[k].is_null() ? r.counts[k].dump() : std::string("-");
        };
        auto planned = [&](const char *k) {
            return r.counts.contains("planned") ? r.counts["planned"].value(k, json(0)).dump() : std::string("-");
        };
        rows.push_back({std::to_string(r.id), r.syncName, r.kind, r.status, r.startedAt, planned("added"),
                        planned("changed"), planned("removed"), num("delivered"), num("rejected"),
                        fmt::format("{:.2f}s", double(r.durationMs) / 1000.0)});
    }
    std::cout << renderTable({"RUN", "SYNC", "KIND", "STATUS", "STARTED", "ADDED", "CHANGED", "REMOVED",
                              "DELIVERED", "REJECTED", "TIME"},
                             rows, 40);
    return 0;
}

const CommandSpec kLog{"log", {"PROJECT"}, {"--run", "--level"}, {"--http", "--json"}, {"--run"},
                       "sluicectl log PROJECT --run ID [--level LEVEL] [--http] [--json]"};

int cmdLog(const std::vector<std::string> &argv)
{
    auto a = parse(kLog, argv);
    if (!a)
        return report(a.error());
    auto runId = a->integer("--run", 1, std::numeric_limits<long long>::max());
    if (!runId)
        return report(runId.error());
    const std::string levelName = a->option("--level").value_or("debug");
    auto level = parseLogLevel(levelName);
    if (!level)
        return report(Error{ErrorKind::InvalidInput, "usage",
                            "--level must be debug, info, warning or error, not '" + levelName + "'", {}});
    auto state = openState(a->positionals[0]);
    if (!state)
        return report(state.error());
    auto run = RunRecorder::run((*state)->handle(), **runId);
    if (!run)
        return report(run.error());
    if (!*run)
        return report(Error{ErrorKind::InvalidInput, "log.no_run", "no run with id " + std::to_string(**runId),
                            a->positionals[0]});
    if (a->flag("--http")) {
        auto ex = RunRecorder::exchanges((*state)->handle(), **runId);
        if (!ex)
            return report(ex.error());
        if (a->flag("--json")) {
            json doc = json::array();
            for (const auto &e : *ex)
                doc.push_back(json{{"batch", e.batch ? json(*e.batch) : json(nullptr)}, {"at", e.at},
                                   {"method", e.exchange.method}, {"url", e.exchange.url},
                                   {"status", e.exchange.status}, {"latency_ms", e.exchange.latencyMs},
                                   {"request_headers", e.exchange.requestHeaders},
                                   {"request_body", e.exchange.requestBody},
                                   {"response_headers", e.exchange.responseHeaders},
                                   {"response_body", e.exchange.responseBody}});
            printJson(json{{"run_id", **runId}, {"exchanges", doc}});
            return 0;
        }
        for (const auto &e : *ex) {
            std::cout << fmt::format("--- {} batch {} {} {} -> {} ({:.1f} ms)\n", e.at, e.batch ? *e.batch : 0,
                                     e.exchange.method, e.exchange.url, e.exchange.status, e.exchange.latencyMs);
            std::cout << e.exchange.requestHeaders << "\n" << e.exchange.requestBody << "\n\n"
                      << e.exchange.responseHeaders << "\n" << e.exchange.responseBody << "\n";
        }
        return 0;
    }
    auto events = RunRecorder::events((*state)->handle(), **runId, *level);
    if (!events)
        return report(events.error());
    if (a->flag("--json")) {
        json doc = json::array();
        for (const auto &e : *events)
            doc.push_back(json{{"at", e.at}, {"level", std::string(logLevelName(e.level))},
                               {"batch", e.batch ? json(*e.batch) : json(nullptr)},
                               {"row_key", e.rowKey.empty() ? json(nullptr) : json(e.rowKey)},
                               {"message", e.message}});
        printJson(json{{"run_id", **runId}, {"sync", (*run)->syncName}, {"status", (*run)->status},
                       {"events", doc}});
        return 0;
    }
    for (const auto &e : *events)
        std::cout << fmt::format("{} {:<7} {}{}{}\n", e.at, logLevelName(e.level),
                                 e.batch ? fmt::format("[batch {}] ", *e.batch) : std::string(),
                                 e.rowKey.empty() ? std::string() : "[" + e.rowKey + "] ", e.message);
    return 0;
}

const CommandSpec kRejected{"rejected", {"PROJECT"}, {"--sync", "--limit"}, {"--json"}, {"--sync"},
                            "sluicectl rejected PROJECT --sync NAME [--limit N] [--json]"};

int cmdRejected(const std::vector<std::string> &argv)
{
    auto a = parse(kRejected, argv);
    if (!a)
        return report(a.error());
    auto limit = a->integer("--limit", 1, 1000000);
    if (!limit)
        return report(limit.error());
    auto store = openProject(a->positionals[0]);
    if (!store)
        return report(store.error());
    auto st = sqlite::prepare((*store)->handle(), "SELECT id FROM syncs WHERE name = ?1");
    if (!st)
        return report(st.error());
    st->bind(1, *a->option("--sync"));
    if (auto row = st->step(); !row || !*row)
        return report(Error{ErrorKind::InvalidInput, "sync.unknown", "no sync named '" + *a->option("--sync") + "'",
                            a->positionals[0]});
    const std::int64_t syncId = st->integer(0);
    auto state = StateStore::open((*store)->path());
    if (!state)
        return report(state.error());
    auto rows = (*state)->rejections(syncId, int(limit->value_or(1000)));
    if (!rows)
        return report(rows.error());
    if (a->flag("--json")) {
        json doc = json::array();
        for (const auto &r : *rows)
            doc.push_back(json{{"key", r.displayKey}, {"reason", r.reason},
                               {"payload", json::parse(r.payload, nullptr, false)}, {"run_id", r.runId},
                               {"first_seen", r.firstSeen}, {"attempts", r.attempts}});
        printJson(json{{"sync", *a->option("--sync")}, {"rejected", doc}});
        return 0;
    }
    std::vector<std::vector<std::string>> table;
    for (const auto &r : *rows)
        table.push_back({r.displayKey, r.reason, std::to_string(r.attempts), r.payload});
    if (!table.empty())
        std::cout << renderTable({"KEY", "REASON", "ATTEMPTS", "PAYLOAD"}, table, 60);
    std::cout << rows->size() << " rejected rows\n";
    return 0;
}

} // namespace

const std::vector<Command> &commands()
{
    static const std::vector<Command> list = {
        {"init", kInit.usage.c_str(), "Create a project (--demo: with a generated demo warehouse)", cmdInit},
        {"list", kList.usage.c_str(), "List sources, models, destinations and syncs", cmdList},
        {"preview", kPreview.usage.c_str(), "Show a model's first rows (LIMIT pushed to the source)", cmdPreview},
        {"check", kCheck.usage.c_str(), "Scan a model and report NULL and duplicate primary keys", cmdCheck},
        {"test", kTest.usage.c_str(), "Test a source's connection", cmdTest},
        {"schema", kSchema.usage.c_str(), "List a source's tables and columns", cmdSchema},
        {"export", kExport.usage.c_str(), "Write the project as shareable JSON (no secrets, no history)", cmdExport},
        {"import", kImport.usage.c_str(), "Create (or with --force update) a project from exported JSON", cmdImport},
        {"run", kRun.usage.c_str(), "Run a sync: send what changed since the last run", cmdRun},
        {"reset-baseline", kReset.usage.c_str(), "Record the model's current rows as synced, sending nothing", cmdResetBaseline},
        {"runs", kRuns.usage.c_str(), "List run history", cmdRuns},
        {"log", kLog.usage.c_str(), "Show a run's job log (--http: the API inspector)", cmdLog},
        {"rejected", kRejected.usage.c_str(), "List rows the destination rejected, with reasons", cmdRejected},
        {"daemon", kDaemonUsage, kDaemonSummary, cmdDaemon},
        {"trust", kTrustUsage, kTrustSummary, cmdTrust},
        {"bench", kBenchUsage, kBenchSummary, cmdBench},
    };
    return list;
}

std::string helpText()
{
    std::string s = std::string("sluicectl ") + kVersion
                    + " - run Sluice projects headless\n\nUsage:\n  sluicectl --version\n  sluicectl --help\n";
    for (const auto &c : commands()) {
        s += fmt::format("  {:<62} {}\n", c.usage, c.summary);
        if (std::string_view(c.name) == "preview")
            s += fmt::format("  {:<62} {}\n", kPreviewSyncUsage, "the exact payloads a sync would send, and their problems");
        if (std::string_view(c.name) == "test")
            s += fmt::format("  {:<62} {}\n", kTestDestinationUsage, "Test a destination (credentials, scopes, object)");
    }
    s += "\nExit status: 0 success; 1 the operation ran and failed; 2 bad usage or invalid input.\n"
         "With --json, standard output is exactly one JSON document.\n"
         "Settings may reference secrets as ${env:NAME}. See docs/cli.md.\n";
    return s;
}

} // namespace sluice::cli

#include "commands.h"

#include "cliargs.h"
#include "textoutput.h"

#include "core/fileutil.h"
#include "demo/demoproject.h"
#include "models/modelrunner.h"
#include "project/projectjson.h"
#include "project/projectstore.h"
#include "sources/sourcekinds.h"
#include "version.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <iostream>

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
    std::cerr << "error: " << e.describe() << "\n";
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
    auto source = makeSource(*sourceDef, SourceContext{(*store)->directory()});
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
    return makeSource(*def, SourceContext{(*store)->directory()});
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

const CommandSpec kPreview{"preview", {"PROJECT"}, {"--model", "--limit"}, {"--json"}, {"--model"},
                           "sluicectl preview PROJECT --model NAME [--limit N] [--json]"};

int cmdPreview(const std::vector<std::string> &argv)
{
    auto a = parse(kPreview, argv);
    if (!a)
        return report(a.error());
    auto limit = a->integer("--limit", 0, 1'000'000);
    if (!limit)
        return report(limit.error());
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
        return keyIdx ? 0 : 2;
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

const CommandSpec kTest{"test", {"PROJECT"}, {"--source"}, {}, {"--source"},
                        "sluicectl test PROJECT --source NAME"};

int cmdTest(const std::vector<std::string> &argv)
{
    auto a = parse(kTest, argv);
    if (!a)
        return report(a.error());
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

const CommandSpec kImport{"import", {"FILE", "PROJECT"}, {}, {"--force"}, {},
                          "sluicectl import FILE PROJECT [--force]"};

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
    if (fileExists(project)) {
        if (!a->flag("--force"))
            return report(Error{ErrorKind::InvalidInput, "import.exists",
                                "the project already exists; add --force to replace its "
                                "configuration (run history is kept)",
                                project});
        auto store = openProject(project);
        if (!store)
            return report(store.error());
        if (auto r = (*store)->save(*config); !r)
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
    std::cout << "Imported " << config->sources.size() << " sources, " << config->models.size()
              << " models, " << config->destinations.size() << " destinations and "
              << config->syncs.size() << " syncs into " << project << "\n";
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
    };
    return list;
}

std::string helpText()
{
    std::string s = std::string("sluicectl ") + kVersion
                    + " - run Sluice projects headless\n\nUsage:\n  sluicectl --version\n  sluicectl --help\n";
    for (const auto &c : commands())
        s += fmt::format("  {:<62} {}\n", c.usage, c.summary);
    s += "\nExit status: 0 success; 1 the operation ran and failed; 2 bad usage or invalid input.\n"
         "With --json, standard output is exactly one JSON document.\n"
         "Settings may reference secrets as ${env:NAME}. See docs/cli.md.\n";
    return s;
}

} // namespace sluice::cli

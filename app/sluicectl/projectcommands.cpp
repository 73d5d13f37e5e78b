// sluicectl project commands: init (empty or demo project), list, export
// (shareable JSON) and import.

#include "commandgroups.h"
#include "commandsupport.h"
#include "textoutput.h"
#include "trust.h"

#include "core/fileutil.h"
#include "demo/demoproject.h"
#include "project/projectjson.h"
#include "trust/projectneeds.h"
#include "trust/projectreview.h"

#include <filesystem>
#include <iostream>

namespace sluice::cli {

using nlohmann::json;
namespace fs = std::filesystem;

// --- commands -------------------------------------------------------------

const CommandSpec kInit{"init", {"PROJECT"}, {"--rows"}, {"--demo"}, {}, "sluicectl init PROJECT [--demo [--rows N]]"};

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
        std::cout << "Created demo project " << path << " with " << n << " users in " << demoWarehousePath(path)
                  << "\n";
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
    auto project = loadProject(a->positionals[0]);
    if (!project)
        return report(project.error());
    ProjectStore *store = project->store.get();
    const ProjectConfig &config = project->config;
    if (a->flag("--json")) {
        json doc = toJson(config);
        doc.erase("formatVersion");
        doc["path"] = store->path();
        doc["schemaVersion"] = store->schemaVersion();
        printJson(doc);
        return 0;
    }
    std::cout << "Project: " << config.name << " (" << a->positionals[0] << ", schema " << store->schemaVersion()
              << ")\n";
    auto section = [](const std::string &title, std::size_t n) { std::cout << "\n" << title << " (" << n << ")\n"; };
    section("Sources", config.sources.size());
    if (!config.sources.empty()) {
        std::vector<std::vector<std::string>> rows;
        for (const auto &s : config.sources) {
            std::string detail = s.settings.contains("path")     ? s.settings["path"].get<std::string>()
                               : s.settings.contains("database") ? s.settings.value("host", "127.0.0.1") + "/"
                                                                       + s.settings["database"].get<std::string>()
                                                                 : "";
            rows.push_back({s.name, s.kind, detail});
        }
        std::cout << renderTable({"NAME", "KIND", "WHERE"}, rows, 60);
    }
    section("Models", config.models.size());
    if (!config.models.empty()) {
        std::vector<std::vector<std::string>> rows;
        for (const auto &m : config.models) {
            std::string key;
            for (const auto &k : m.primaryKey)
                key += (key.empty() ? "" : ", ") + k;
            rows.push_back({m.name, m.source, key, m.description});
        }
        std::cout << renderTable({"NAME", "SOURCE", "PRIMARY KEY", "DESCRIPTION"}, rows, 60);
    }
    section("Destinations", config.destinations.size());
    if (!config.destinations.empty()) {
        std::vector<std::vector<std::string>> rows;
        for (const auto &d : config.destinations)
            rows.push_back({d.name, d.kind});
        std::cout << renderTable({"NAME", "KIND"}, rows, 60);
    }
    section("Syncs", config.syncs.size());
    if (!config.syncs.empty()) {
        std::vector<std::vector<std::string>> rows;
        for (const auto &s : config.syncs)
            rows.push_back({s.name, s.model, s.destination, s.mode});
        std::cout << renderTable({"NAME", "MODEL", "DESTINATION", "MODE"}, rows, 60);
    }
    return 0;
}

const CommandSpec kExport{"export", {"PROJECT", "FILE"}, {}, {}, {}, "sluicectl export PROJECT FILE"};

int cmdExport(const std::vector<std::string> &argv)
{
    auto a = parse(kExport, argv);
    if (!a)
        return report(a.error());
    auto project = loadProject(a->positionals[0]);
    if (!project)
        return report(project.error());
    const ProjectConfig &config = project->config;
    const std::string text = exportText(config);
    const std::string &file = a->positionals[1];
    if (file == "-") {
        std::cout << text;
        return 0;
    }
    if (auto r = writeFileAtomically(file, text); !r)
        return report(r.error());
    std::cout << "Exported " << config.sources.size() << " sources, " << config.models.size() << " models, "
              << config.destinations.size() << " destinations and " << config.syncs.size() << " syncs to " << file
              << "\n";
    return 0;
}

const CommandSpec kImport{
    "import", {"FILE", "PROJECT"}, {}, {"--force", "--trust"}, {}, "sluicectl import FILE PROJECT [--force] [--trust]"};

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
    std::cout << "Imported " << config->sources.size() << " sources, " << config->models.size() << " models, "
              << config->destinations.size() << " destinations and " << config->syncs.size() << " syncs into "
              << project << "\n";
    // What a teammate must supply here before its syncs can run.
    const auto needs = projectNeeds(*config, (*imported)->directory());
    if (!needs.empty()) {
        std::cout << "Before its syncs can run, this machine needs:\n";
        for (const ProjectNeed &n : needs)
            std::cout << "  - " << n.describe() << "\n";
        std::cout << "Fix paths with the app (it offers Locate... for each) or edit the export and import again; "
                     "set variables before running sluicectl.\n";
    }
    if (auto trusted = (*imported)->trusted(); trusted && !*trusted)
        std::cout << "Not trusted on this machine yet: review what it sends where with `sluicectl trust " << project
                  << "` before its syncs can run.\n";
    return 0;
}

} // namespace sluice::cli

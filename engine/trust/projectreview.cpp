#include "trust/projectreview.h"

#include "core/fileutil.h"
#include "core/settingsspec.h"
#include "core/sha256.h"
#include "destinations/destinationkinds.h"
#include "sources/sourcekinds.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <regex>

namespace sluice {

using nlohmann::json;

std::string urlHost(const std::string &url)
{
    static const std::regex pattern(R"(^(https?)://(?:[^@/]*@)?([^/?#:]+)(?::(\d+))?)", std::regex::icase);
    std::smatch m;
    if (!std::regex_search(url, m, pattern))
        return {};
    const std::string port = m[3].matched ? m[3].str() : (m[1].str().size() == 5 ? "443" : "80");
    return m[2].str() + ":" + port;
}

namespace {

std::vector<std::string> referencesIn(const std::string &text)
{
    static const std::regex ref(R"(\$\{(env|keychain):[A-Za-z0-9_.\-/]+\})");
    std::vector<std::string> out;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), ref); it != std::sregex_iterator(); ++it)
        out.push_back(it->str());
    return out;
}

// Every string in `settings` with its path ("settings.headers.X-Token").
void strings(const json &value, const std::string &path, std::vector<std::pair<std::string, std::string>> &out)
{
    if (value.is_string())
        out.emplace_back(path, value.get<std::string>());
    else if (value.is_object())
        for (const auto &[key, item] : value.items())
            strings(item, path + "." + key, out);
    else if (value.is_array())
        for (std::size_t i = 0; i < value.size(); ++i)
            strings(value[i], path + "[" + std::to_string(i) + "]", out);
}

std::string text(const json &settings, const char *key)
{
    const auto it = settings.find(key);
    return it != settings.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string sourceLocation(const SourceDef &s, const std::string &dir)
{
    if (s.kind == "sqlite" || s.kind == "csv")
        return "file " + absolutePath(text(s.settings, "path"), dir);
    if (s.kind == "postgres") {
        const std::string port = s.settings.contains("port") ? s.settings["port"].dump() : "5432";
        return text(s.settings, "host") + ":" + port + "/" + text(s.settings, "database") + " as "
             + text(s.settings, "user");
    }
    if (s.kind == "snowflake") {
        const std::string base = text(s.settings, "baseUrl");
        return base.empty() ? "account " + text(s.settings, "account") : base;
    }
    return s.kind;
}

// Where a destination sends: its host and the address as set.
std::pair<std::string, std::string> destinationTarget(const DestinationDef &d, const std::string &dir)
{
    json settings = d.settings;
    if (const KindSpec *spec = findDestinationKind(d.kind))
        settings = withDefaults(*spec, d.settings);
    for (const char *key : {"url", "baseUrl", "instanceUrl", "endpoint"})
        if (const std::string url = text(settings, key); !url.empty())
            return {urlHost(url).empty() ? url : urlHost(url), url};
    if (!text(settings, "host").empty()) {
        const std::string port = settings.contains("port") ? settings["port"].dump() : "";
        return {text(settings, "host") + (port.empty() ? "" : ":" + port),
                text(settings, "database") + "." + text(settings, "schema") + "." + text(settings, "table")};
    }
    if (const std::string path = text(settings, "path"); !path.empty())
        return {"this machine", absolutePath(path, dir)};
    return {d.kind, d.kind};
}

std::vector<std::string> mappedColumns(const SyncDef &sync)
{
    if (!sync.mapping.is_array() || sync.mapping.empty())
        return {"*"};
    std::vector<std::string> columns;
    for (const json &entry : sync.mapping) {
        if (entry.contains("column") && entry["column"].is_string())
            columns.push_back(entry["column"].get<std::string>());
        else if (entry.contains("template") && entry["template"].is_string())
            columns.push_back("template " + entry["template"].get<std::string>());
        else if (entry.contains("value"))
            columns.push_back("value " + entry["value"].dump());
    }
    return columns;
}

} // namespace

ProjectReview reviewProject(const ProjectConfig &config, const std::string &projectDir)
{
    ProjectReview r;
    for (const SourceDef &s : config.sources) {
        r.warehouses.push_back({s.name, s.kind, sourceLocation(s, projectDir)});
        std::vector<std::pair<std::string, std::string>> texts;
        strings(s.settings, "settings", texts);
        const std::string host = s.kind == "postgres"  ? text(s.settings, "host")
                               : s.kind == "snowflake" ? sourceLocation(s, projectDir)
                                                       : "this machine";
        for (const auto &[path, value] : texts)
            for (const std::string &ref : referencesIn(value))
                r.secrets.push_back({ref, "source '" + s.name + "', " + path, host});
    }
    for (const ModelDef &m : config.models)
        r.queries.push_back({m.name, m.source, m.sql});
    for (const DestinationDef &d : config.destinations) {
        const auto [host, address] = destinationTarget(d, projectDir);
        ProjectReview::Receiver receiver{host, d.name, d.kind, address, {}};
        for (const SyncDef &s : config.syncs)
            if (s.destination == d.name)
                receiver.flows.push_back({s.name, s.model, mappedColumns(s)});
        r.receivers.push_back(std::move(receiver));
        std::vector<std::pair<std::string, std::string>> texts;
        strings(d.settings, "settings", texts);
        for (const auto &[path, value] : texts)
            for (const std::string &ref : referencesIn(value))
                r.secrets.push_back({ref, "destination '" + d.name + "', " + path, host});
    }
    for (const SyncDef &s : config.syncs) {
        std::vector<std::pair<std::string, std::string>> texts;
        for (const char *key : {"alerts", "notify", "smtp"})
            if (s.settings.contains(key))
                strings(s.settings[key], std::string("settings.") + key, texts);
        for (const auto &[path, value] : texts) {
            const std::string host = urlHost(value);
            if (!host.empty() || path.ends_with(".url"))
                r.alerts.push_back({s.name, path, host.empty() ? value : host});
            for (const std::string &ref : referencesIn(value))
                r.secrets.push_back({ref, "sync '" + s.name + "', " + path, host.empty() ? value : host});
        }
    }
    for (const auto &secret : r.secrets)
        if (secret.reference.starts_with("${env:"))
            r.environment.insert(secret.reference.substr(6, secret.reference.size() - 7));
    return r;
}

std::string ProjectReview::fingerprint() const
{
    json doc = json::object();
    for (const auto &w : warehouses)
        doc["warehouses"].push_back({w.source, w.kind, w.location});
    for (const auto &q : queries)
        doc["queries"].push_back({q.model, q.source, q.sql});
    for (const auto &r : receivers) {
        json flows = json::array();
        for (const auto &f : r.flows)
            flows.push_back({f.sync, f.model, f.columns});
        doc["receivers"].push_back({r.host, r.destination, r.kind, r.address, flows});
    }
    for (const auto &s : secrets)
        doc["secrets"].push_back({s.reference, s.where, s.host});
    for (const auto &a : alerts)
        doc["alerts"].push_back({a.sync, a.channel, a.host});
    return sha256Hex(doc.dump());
}

std::string ProjectReview::text(const std::string &projectName, const std::string &projectPath) const
{
    std::string out = fmt::format("Project '{}' ({}) will, once trusted on this machine:\n", projectName, projectPath);
    out += "\nSend data to these hosts:\n";
    if (receivers.empty())
        out += "  (none)\n";
    for (const auto &r : receivers) {
        out += fmt::format("  - {}: destination '{}' ({}, {})\n", r.host, r.destination, r.kind, r.address);
        for (const auto &f : r.flows) {
            std::string columns;
            for (const auto &c : f.columns)
                columns += (columns.empty() ? "" : ", ") + (c == "*" ? std::string("every column") : c);
            out += fmt::format("      sync '{}' sends model '{}': {}\n", f.sync, f.model, columns);
        }
    }
    out += "\nSend these secrets:\n";
    if (secrets.empty())
        out += "  (none)\n";
    for (const auto &s : secrets)
        out += fmt::format("  - {} to {} ({})\n", s.reference, s.host, s.where);
    if (!alerts.empty()) {
        out += "\nSend alerts to:\n";
        for (const auto &a : alerts)
            out += fmt::format("  - {} (sync '{}', {})\n", a.host, a.sync, a.channel);
    }
    out += "\nRead these environment variables: ";
    if (environment.empty())
        out += "none";
    bool first = true;
    for (const auto &name : environment) {
        out += (first ? "" : ", ") + name;
        first = false;
    }
    out += "\n";
    out += "\nRead these warehouses:\n";
    if (warehouses.empty())
        out += "  (none)\n";
    for (const auto &w : warehouses)
        out += fmt::format("  - source '{}' ({}): {}\n", w.source, w.kind, w.location);
    out += "\nRun this SQL there (read-only):\n";
    if (queries.empty())
        out += "  (none)\n";
    for (const auto &q : queries) {
        out += fmt::format("  - model '{}' on source '{}':\n", q.model, q.source);
        std::size_t start = 0;
        while (start <= q.sql.size()) {
            const std::size_t end = std::min(q.sql.find('\n', start), q.sql.size());
            out += "      " + q.sql.substr(start, end - start) + "\n";
            start = end + 1;
        }
    }
    return out;
}

} // namespace sluice

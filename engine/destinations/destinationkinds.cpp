#include "destinationkinds.h"

#include "core/envref.h"
#include "core/fileutil.h"
#include "core/settingsspec.h"
#include "destinations/filedestination.h"
#include "destinations/tabledestination.h"
#include "destinations/webhookdestination.h"
#include "postgres/pgsettings.h"

namespace sluice {

using nlohmann::json;

namespace {
const std::vector<KindSpec> &builtInKinds()
{
    using T = SettingType;
    static const std::vector<KindSpec> kinds = {
        {"jsonl",
         "JSON Lines file",
         {{"path",
           T::Path,
           true,
           false,
           {},
           {},
           "File",
           "One JSON object per line. Relative paths resolve against the project's folder."}}},
        {"csv",
         "CSV file",
         {{"path", T::Path, true, false, {}, {}, "File", ""},
          {"delimiter", T::Character, false, false, ",", {}, "Delimiter", "One character; \\t for tab."}}},
        {"sqlite_table",
         "SQLite table",
         {{"path", T::Path, true, false, {}, {}, "Database file", ""},
          {"table", T::String, true, false, {}, {}, "Table", ""},
          {"createTable", T::Boolean, false, false, true, {}, "Create the table if missing", ""}}},
        {"postgres_table", "PostgreSQL table",
         pg::connectionSettings(
             {{"schema", T::String, false, false, "public", {}, "Schema", ""},
              {"table", T::String, true, false, {}, {}, "Table", ""},
              {"createTable", T::Boolean, false, false, true, {}, "Create the table if missing", ""}})},
        {"webhook",
         "HTTP webhook",
         {{"url", T::String, true, false, {}, {}, "URL", "Receives JSON batches."},
          {"method", T::Choice, false, false, "POST", {"POST", "PUT", "PATCH"}, "Method", ""},
          {"headers",
           T::StringMap,
           false,
           false,
           json::object(),
           {},
           "Headers",
           "Extra headers; credentials must be references, e.g. \"Bearer ${env:HOOK_TOKEN}\"."},
          {"batchSize", T::Integer, false, false, 100, {}, "Records per request", ""},
          {"maxBatchBytes", T::Integer, false, false, 1048576, {}, "Bytes per request", ""},
          {"concurrency", T::Integer, false, false, 4, {}, "Requests in flight", ""},
          {"requestsPerSecond", T::Number, false, false, 0, {}, "Rate limit (0: none)", ""},
          {"timeoutSeconds", T::Integer, false, false, 30, {}, "Request timeout (s)", ""}}},
    };
    return kinds;
}

const ConnectorEntry *findConnector(const std::string &kind)
{
    for (const auto *group : {&crmConnectors(), &engagementConnectors()})
        for (const auto &entry : *group)
            if (entry.spec.kind == kind)
                return &entry;
    return nullptr;
}
} // namespace

const std::vector<KindSpec> &destinationKinds()
{
    static const std::vector<KindSpec> kinds = [] {
        std::vector<KindSpec> all = builtInKinds();
        for (const auto *group : {&crmConnectors(), &engagementConnectors()})
            for (const auto &entry : *group)
                all.push_back(entry.spec);
        return all;
    }();
    return kinds;
}

const KindSpec *findDestinationKind(const std::string &kind)
{
    return findKind(destinationKinds(), kind);
}

Result<std::unique_ptr<Destination>> makeDestination(const DestinationDef &def, const DestinationContext &ctx)
{
    const std::string where = "destination '" + def.name + "'";
    const KindSpec *spec = findDestinationKind(def.kind);
    if (!spec)
        return invalidInput("destination.unknown_kind", "unknown destination kind '" + def.kind + "'", where);
    if (auto ok = validateSettings(*spec, def.settings, "settings"); !ok)
        return std::unexpected(ok.error().within(where));
    const json s = withDefaults(*spec, def.settings);
    // Resolve every string setting (and header value) once, here.
    json resolved = s;
    for (auto &[key, value] : resolved.items()) {
        if (value.is_string()) {
            auto r = resolvedSetting(s, key, "settings", ctx.secrets);
            if (!r)
                return std::unexpected(r.error().within(where));
            value = *r;
        } else if (value.is_object()) {
            for (auto &[name, item] : value.items()) {
                // Any header filled from a reference is a secret, whatever its name.
                auto r = resolveSecretReferences(item.get<std::string>(), "settings." + key + "." + name, ctx.secrets);
                if (!r)
                    return std::unexpected(r.error().within(where));
                item = *r;
            }
        }
    }
    if (resolved.contains("path"))
        resolved["path"] = absolutePath(resolved["path"].get<std::string>(), ctx.projectDir);
    if (const ConnectorEntry *connector = findConnector(def.kind)) {
        auto made = connector->make(resolved, ctx);
        if (!made)
            return std::unexpected(made.error().within(where));
        return made;
    }

    if (def.kind == "jsonl" || def.kind == "csv") {
        FileDestinationSettings f;
        f.format = def.kind == "jsonl" ? FileFormat::JsonLines : FileFormat::Csv;
        f.path = resolved["path"].get<std::string>();
        if (resolved.contains("delimiter")) {
            const auto d = resolved["delimiter"].get<std::string>();
            f.delimiter = d == "\\t" ? '\t' : d[0];
        }
        return std::make_unique<FileDestination>(std::move(f));
    }
    if (def.kind == "sqlite_table") {
        SqliteTableSettings t;
        t.path = resolved["path"].get<std::string>();
        t.table = resolved["table"].get<std::string>();
        t.createTable = resolved["createTable"].get<bool>();
        return std::make_unique<SqliteTableDestination>(std::move(t));
    }
    if (def.kind == "postgres_table") {
        PostgresTableSettings t;
        t.host = resolved["host"].get<std::string>();
        t.port = resolved["port"].get<int>();
        t.database = resolved["database"].get<std::string>();
        t.user = resolved["user"].get<std::string>();
        t.password = resolved.value("password", "");
        t.sslmode = resolved["sslmode"].get<std::string>();
        t.schema = resolved["schema"].get<std::string>();
        t.table = resolved["table"].get<std::string>();
        t.createTable = resolved["createTable"].get<bool>();
        return std::make_unique<PostgresTableDestination>(std::move(t));
    }
    // webhook
    WebhookSettings w;
    w.url = resolved["url"].get<std::string>();
    w.method = resolved["method"].get<std::string>();
    for (const auto &[name, value] : resolved["headers"].items())
        w.headers.emplace_back(name, value.get<std::string>());
    w.batchSize = resolved["batchSize"].get<int>();
    w.maxBatchBytes = resolved["maxBatchBytes"].get<std::size_t>();
    w.concurrency = resolved["concurrency"].get<int>();
    w.requestsPerSecond = resolved["requestsPerSecond"].get<double>();
    w.timeoutSeconds = resolved["timeoutSeconds"].get<int>();
    return std::make_unique<WebhookDestination>(std::move(w));
}

} // namespace sluice

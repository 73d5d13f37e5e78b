#include "bench/benchproject.h"

#include "bench/benchdata.h"
#include "project/projectstore.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <filesystem>

namespace sluice::bench {

using nlohmann::json;

namespace {

// host/port/database/user of a libpq connection string; the password goes
// through the environment (SLUICE_BENCH_PGPASSWORD), never into the project.
Result<json> postgresSettings(const std::string &conninfo)
{
    char *error = nullptr;
    PQconninfoOption *options = PQconninfoParse(conninfo.c_str(), &error);
    if (!options) {
        std::string message = error ? error : "cannot parse the connection string";
        PQfreemem(error);
        return invalidInput("bench.conninfo", message, "--postgres");
    }
    json s = json::object();
    for (PQconninfoOption *o = options; o->keyword; ++o) {
        if (!o->val)
            continue;
        const std::string key = o->keyword, value = o->val;
        if (key == "host" || key == "hostaddr")
            s["host"] = value;
        else if (key == "port")
            s["port"] = std::atoi(value.c_str());
        else if (key == "dbname")
            s["database"] = value;
        else if (key == "user")
            s["user"] = value;
        else if (key == "sslmode")
            s["sslmode"] = value;
        else if (key == "password") {
            ::setenv("SLUICE_BENCH_PGPASSWORD", value.c_str(), 1);
            s["password"] = "${env:SLUICE_BENCH_PGPASSWORD}";
        }
    }
    PQconninfoFree(options);
    if (!s.contains("database") || !s.contains("user"))
        return invalidInput("bench.conninfo", "the connection string needs dbname and user", "--postgres");
    return s;
}

} // namespace

Result<> createBenchProject(const BenchProjectPaths &paths, const std::string &postgresConninfo)
{
    std::error_code ec;
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(paths.project + suffix, ec);
    auto store = ProjectStore::create(paths.project, "Sluice benchmark");
    if (!store)
        return std::unexpected(store.error());
    ProjectConfig c;
    c.name = "Sluice benchmark";
    c.sources.push_back(SourceDef{"warehouse", "sqlite", {{"path", paths.warehouse}}});
    c.models.push_back(ModelDef{"customers", "warehouse", kModelSql, {kModelKey}, "Benchmark customers."});
    c.destinations.push_back(
        DestinationDef{"table",
                       "sqlite_table",
                       {{"path", "bench-destination.sqlite"}, {"table", "customers"}, {"createTable", true}}});
    c.destinations.push_back(DestinationDef{"jsonl", "jsonl", {{"path", "bench-customers.jsonl"}}});
    c.destinations.push_back(DestinationDef{"sink", "webhook", {{"url", paths.sinkUrl}, {"batchSize", 100}}});
    c.syncs.push_back(SyncDef{kSyncTable, "customers", "table", "mirror", json::array(), json::object()});
    c.syncs.push_back(SyncDef{kSyncJsonl, "customers", "jsonl", "upsert", json::array(), json::object()});
    c.syncs.push_back(SyncDef{kSyncSink, "customers", "sink", "mirror", json::array(), json::object()});
    if (!postgresConninfo.empty()) {
        auto settings = postgresSettings(postgresConninfo);
        if (!settings)
            return std::unexpected(settings.error());
        c.sources.push_back(SourceDef{"pg", "postgres", *settings});
        c.models.push_back(ModelDef{"pg_customers", "pg", kModelSql, {kModelKey}, "The same customers in PostgreSQL."});
        c.syncs.push_back(SyncDef{kSyncPgSink, "pg_customers", "sink", "mirror", json::array(), json::object()});
    }
    return (*store)->save(c);
}

} // namespace sluice::bench

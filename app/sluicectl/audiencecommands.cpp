// sluicectl audience size|preview|sql: an audience of the project sized (with
// its funnel), its first members, or the SQL it compiles to, on the source
// of the customer schema's parent model (docs/audiences.md).

#include "commandgroups.h"
#include "commandsupport.h"
#include "textoutput.h"

#include "audiences/audiencejson.h"
#include "audiences/audiencerunner.h"
#include "audiences/projectaudience.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <iostream>

namespace sluice::cli {

using nlohmann::json;
using namespace sluice::audiences;

const CommandSpec kAudience{"audience",
                            {"ACTION", "PROJECT"},
                            {"--audience", "--limit", "--dialect"},
                            {"--json"},
                            {"--audience"},
                            "sluicectl audience size|preview|sql PROJECT --audience NAME [--limit N] [--dialect D] "
                            "[--json]"};

namespace {

std::unexpected<Error> usage(const std::string &message)
{
    return std::unexpected(
        Error{ErrorKind::InvalidInput, "usage.audience", message + " (usage: " + kAudience.usage + ")", {}});
}

// Everything an action needs: the audience asked for, compiled for its
// customers' source (or for --dialect, which only `sql` takes).
struct PreparedAudience {
    std::unique_ptr<ProjectStore> store;
    std::unique_ptr<Source> source;
    AudienceDef audience;
    CompiledAudience compiled;
    Dialect dialect = Dialect::SQLite;
};

Result<PreparedAudience> prepare(const Args &a)
{
    auto loaded = loadProject(a.positionals[1]);
    if (!loaded)
        return std::unexpected(loaded.error());
    const std::string path = loaded->store->path();
    auto setup = audienceSetup(loaded->config, *a.option("--audience"));
    if (!setup)
        return std::unexpected(setup.error().within(path));
    std::optional<Dialect> dialect;
    if (auto chosen = a.option("--dialect")) {
        dialect = dialectForSourceKind(*chosen);
        if (!dialect)
            return usage("--dialect is sqlite, postgres or snowflake, not '" + *chosen + "'");
    }
    auto source = makeSource(setup->source, SourceContext{loaded->store->directory(), loaded->store->secretAccess()});
    if (!source)
        return std::unexpected(source.error());
    auto compiled = compileOnSource(
        *setup, **source, std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()), dialect);
    if (!compiled)
        return std::unexpected(compiled.error().within(path));
    return PreparedAudience{std::move(loaded->store), std::move(*source), setup->audience(), std::move(*compiled),
                            dialect.value_or(setup->dialect)};
}

int showSize(const Args &a, PreparedAudience &p)
{
    auto size = measureAudience(*p.source, p.compiled, p.audience.root.match);
    if (!size)
        return report(size.error());
    const double share = size->customers ? 100.0 * double(size->members) / double(size->customers) : 0;
    if (a.flag("--json")) {
        printJson(json{{"audience", p.audience.name},
                       {"members", size->members},
                       {"customers", size->customers},
                       {"funnel", size->funnel},
                       {"elapsedMs", std::round(size->elapsedMs * 100) / 100}});
        return 0;
    }
    std::cout << fmt::format("{}: {} of {} customers ({:.1f}%) in {:.1f} ms\n", p.audience.name, size->members,
                             size->customers, share, size->elapsedMs);
    const char *joined = p.audience.root.match == Match::All ? "and" : "or";
    for (std::size_t i = 0; i < size->funnel.size(); ++i)
        std::cout << fmt::format("  {} condition {}: {}\n", i ? joined : "with", i + 1, size->funnel[i]);
    return 0;
}

int showPreview(const Args &a, PreparedAudience &p)
{
    auto limit = a.integer("--limit", 1, 100'000);
    if (!limit)
        return report(limit.error());
    auto preview = previewMembers(*p.source, p.compiled, limit->value_or(100));
    if (!preview)
        return report(preview.error());
    if (a.flag("--json")) {
        json doc{{"audience", p.audience.name}, {"columns", json::array()}, {"rows", rowsJson(preview->rows)}};
        for (const Column &c : preview->columns)
            doc["columns"].push_back(c.name);
        doc["rowCount"] = preview->rows.size();
        doc["more"] = preview->more;
        doc["elapsedMs"] = std::round(preview->elapsedMs * 100) / 100;
        printJson(doc);
        return 0;
    }
    std::cout << renderRows(preview->columns, preview->rows);
    std::cout << fmt::format("{} members{} in {:.1f} ms\n", preview->rows.size(),
                             preview->more ? " (more in the audience)" : "", preview->elapsedMs);
    return 0;
}

} // namespace

int cmdAudience(const std::vector<std::string> &argv)
{
    auto a = parse(kAudience, argv);
    if (!a)
        return report(a.error());
    const std::string action = a->positionals[0];
    if (action != "size" && action != "preview" && action != "sql")
        return report(usage("the action is size, preview or sql, not '" + action + "'").error());
    if (action != "sql" && a->option("--dialect"))
        return report(usage("--dialect only goes with sql (size and preview run on the project's source)").error());
    if (action != "preview" && a->option("--limit"))
        return report(usage("--limit only goes with preview").error());
    auto prepared = prepare(*a);
    if (!prepared)
        return report(prepared.error());
    if (action == "size")
        return showSize(*a, *prepared);
    if (action == "preview")
        return showPreview(*a, *prepared);
    if (a->flag("--json")) {
        printJson(json{{"audience", prepared->audience.name},
                       {"dialect", std::string(dialectName(prepared->dialect))},
                       {"membersSql", prepared->compiled.membersSql},
                       {"countSql", prepared->compiled.countSql},
                       {"funnelSql", prepared->compiled.funnelSql}});
        return 0;
    }
    std::cout << "-- " << prepared->audience.name << " (" << dialectName(prepared->dialect) << ")\n"
              << prepared->compiled.membersSql << ";\n";
    return 0;
}

} // namespace sluice::cli

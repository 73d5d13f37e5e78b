// sluicectl commands that read what runs left behind: runs (run history),
// log (a run's job log or HTTP exchanges) and rejected (rejected rows).

#include "commandgroups.h"
#include "commandsupport.h"
#include "textoutput.h"

#include "project/runrecorder.h"
#include "project/statestore.h"

#include <fmt/format.h>

#include <iostream>
#include <limits>

namespace sluice::cli {

using nlohmann::json;

namespace {

Result<std::unique_ptr<StateStore>> openState(const std::string &path)
{
    // Open through the project store first: its checks refuse foreign files untouched.
    auto store = openProject(path);
    if (!store)
        return std::unexpected(store.error());
    return StateStore::open((*store)->path());
}

} // namespace

const CommandSpec kRuns{"runs",     {"PROJECT"}, {"--sync", "--limit"},
                        {"--json"}, {},          "sluicectl runs PROJECT [--sync NAME] [--limit N] [--json]"};

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
            doc.push_back(json{{"run_id", r.id},
                               {"sync", r.syncName},
                               {"kind", r.kind},
                               {"status", r.status},
                               {"started_at", r.startedAt},
                               {"ended_at", r.endedAt.empty() ? json(nullptr) : json(r.endedAt)},
                               {"duration_ms", r.durationMs},
                               {"counts", r.counts},
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
    std::cout << renderTable(
        {"RUN", "SYNC", "KIND", "STATUS", "STARTED", "ADDED", "CHANGED", "REMOVED", "DELIVERED", "REJECTED", "TIME"},
        rows, 40);
    return 0;
}

const CommandSpec kLog{"log",
                       {"PROJECT"},
                       {"--run", "--level"},
                       {"--http", "--json"},
                       {"--run"},
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
        return report(Error{ErrorKind::InvalidInput,
                            "usage",
                            "--level must be debug, info, warning or error, not '" + levelName + "'",
                            {}});
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
                doc.push_back(json{{"batch", e.batch ? json(*e.batch) : json(nullptr)},
                                   {"at", e.at},
                                   {"method", e.exchange.method},
                                   {"url", e.exchange.url},
                                   {"status", e.exchange.status},
                                   {"latency_ms", e.exchange.latencyMs},
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
            std::cout << e.exchange.requestHeaders << "\n"
                      << e.exchange.requestBody << "\n\n"
                      << e.exchange.responseHeaders << "\n"
                      << e.exchange.responseBody << "\n";
        }
        return 0;
    }
    auto events = RunRecorder::events((*state)->handle(), **runId, *level);
    if (!events)
        return report(events.error());
    if (a->flag("--json")) {
        json doc = json::array();
        for (const auto &e : *events)
            doc.push_back(json{{"at", e.at},
                               {"level", std::string(logLevelName(e.level))},
                               {"batch", e.batch ? json(*e.batch) : json(nullptr)},
                               {"row_key", e.rowKey.empty() ? json(nullptr) : json(e.rowKey)},
                               {"message", e.message}});
        printJson(json{{"run_id", **runId}, {"sync", (*run)->syncName}, {"status", (*run)->status}, {"events", doc}});
        return 0;
    }
    for (const auto &e : *events)
        std::cout << fmt::format("{} {:<7} {}{}{}\n", e.at, logLevelName(e.level),
                                 e.batch ? fmt::format("[batch {}] ", *e.batch) : std::string(),
                                 e.rowKey.empty() ? std::string() : "[" + e.rowKey + "] ", e.message);
    return 0;
}

const CommandSpec kRejected{"rejected", {"PROJECT"}, {"--sync", "--limit"},
                            {"--json"}, {"--sync"},  "sluicectl rejected PROJECT --sync NAME [--limit N] [--json]"};

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
    auto foundId = (*store)->syncId(*a->option("--sync"));
    if (!foundId)
        return report(foundId.error());
    if (!*foundId)
        return report(Error{ErrorKind::InvalidInput, "sync.unknown", "no sync named '" + *a->option("--sync") + "'",
                            a->positionals[0]});
    const std::int64_t syncId = **foundId;
    auto state = StateStore::open((*store)->path());
    if (!state)
        return report(state.error());
    auto rows = (*state)->rejections(syncId, int(limit->value_or(1000)));
    if (!rows)
        return report(rows.error());
    if (a->flag("--json")) {
        json doc = json::array();
        for (const auto &r : *rows)
            doc.push_back(json{{"key", r.displayKey},
                               {"reason", r.reason},
                               {"payload", json::parse(r.payload, nullptr, false)},
                               {"run_id", r.runId},
                               {"first_seen", r.firstSeen},
                               {"attempts", r.attempts}});
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

} // namespace sluice::cli

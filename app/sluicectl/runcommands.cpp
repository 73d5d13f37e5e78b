// sluicectl commands that run a sync: run (send what changed, or a dry run,
// full resync or retry of rejected rows) and reset-baseline.

#include "commandgroups.h"
#include "commandsupport.h"
#include "textoutput.h"
#include "trust.h"

#include "alerts/alerts.h"
#include "sync/syncrunner.h"

#include <fmt/format.h>

#include <csignal>
#include <iostream>

#include <unistd.h>

namespace sluice::cli {

// --- syncs ----------------------------------------------------------------

namespace {

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
    if (s.destinationUntouched)
        std::cout << "  nothing changed: the destination was left as it was\n";
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

} // namespace

const CommandSpec kRun{"run",
                       {"PROJECT"},
                       {"--sync"},
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
        return report(Error{
            ErrorKind::InvalidInput, "usage", "--dry-run, --full-resync and --retry-rejected exclude each other", {}});
    options.kind = a->flag("--dry-run")        ? RunKind::DryRun
                 : a->flag("--full-resync")    ? RunKind::FullResync
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
    auto summary = runSync(a->positionals[0], *a->option("--sync"), options, cancel, [tty](const RunSummary &s) {
        if (tty)
            std::cerr << fmt::format("\r  {} rows read, {} delivered, {} rejected   ", s.queried, s.delivered(),
                                     s.rejected())
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

const CommandSpec kReset{"reset-baseline", {"PROJECT"}, {"--sync"},
                         {"--json"},       {"--sync"},  "sluicectl reset-baseline PROJECT --sync NAME [--json]"};

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

} // namespace sluice::cli

// The list of sluicectl's commands (commandgroups.h, daemon.h, trust.h,
// bench.h) and the help text.

#include "commands.h"

#include "bench.h"
#include "commandgroups.h"
#include "daemon.h"
#include "trust.h"
#include "version.h"

#include <fmt/format.h>

#include <string_view>

namespace sluice::cli {

const std::vector<Command> &commands()
{
    static const std::vector<Command> list = {
        {"init", kInit.usage.c_str(), "Create a project (--demo: with a generated demo warehouse)", cmdInit},
        {"list", kList.usage.c_str(), "List sources, models, destinations and syncs", cmdList},
        {"preview", kPreview.usage.c_str(), "Show a model's first rows (LIMIT pushed to the source)", cmdPreview},
        {"audience", kAudience.usage.c_str(), "Size an audience, preview its members or show its SQL", cmdAudience},
        {"check", kCheck.usage.c_str(), "Scan a model and report NULL and duplicate primary keys", cmdCheck},
        {"test", kTest.usage.c_str(), "Test a source's connection", cmdTest},
        {"schema", kSchema.usage.c_str(), "List a source's tables and columns", cmdSchema},
        {"export", kExport.usage.c_str(), "Write the project as shareable JSON (no secrets, no history)", cmdExport},
        {"import", kImport.usage.c_str(), "Create (or with --force update) a project from exported JSON", cmdImport},
        {"run", kRun.usage.c_str(), "Run a sync: send what changed since the last run", cmdRun},
        {"reset-baseline", kReset.usage.c_str(), "Record the model's current rows as synced, sending nothing",
         cmdResetBaseline},
        {"runs", kRuns.usage.c_str(), "List run history", cmdRuns},
        {"log", kLog.usage.c_str(), "Show a run's job log (--http: the API inspector)", cmdLog},
        {"rejected", kRejected.usage.c_str(), "List rows the destination rejected, with reasons", cmdRejected},
        {"daemon", kDaemonUsage, kDaemonSummary, cmdDaemon},
        {"trust", kTrustUsage, kTrustSummary, cmdTrust},
        {"bench", kBenchUsage, kBenchSummary, cmdBench},
        {"bench-audience", kBenchAudienceUsage, kBenchAudienceSummary, cmdBenchAudience},
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
            s += fmt::format("  {:<62} {}\n", kPreviewSyncUsage,
                             "the exact payloads a sync would send, and their problems");
        if (std::string_view(c.name) == "test")
            s += fmt::format("  {:<62} {}\n", kTestDestinationUsage,
                             "Test a destination (credentials, scopes, object)");
    }
    s += "\nExit status: 0 success; 1 the operation ran and failed; 2 bad usage or invalid input.\n"
         "With --json, standard output is exactly one JSON document.\n"
         "Settings may reference secrets as ${env:NAME}. See docs/cli.md.\n";
    return s;
}

} // namespace sluice::cli

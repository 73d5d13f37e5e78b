#include "daemon.h"

#include "cliargs.h"
#include "clioutput.h"

#include "core/envref.h"
#include "daemon/daemon.h"

#include <fmt/format.h>

#include <chrono>
#include <csignal>
#include <iostream>

namespace sluice::cli {

namespace {

const CommandSpec kDaemon{"daemon", {"PROJECT"}, {}, {"--once"}, {}, kDaemonUsage};

// The signal handler may only touch the token (an atomic store).
CancelToken *g_daemonCancel = nullptr;

void onStopSignal(int)
{
    if (g_daemonCancel)
        g_daemonCancel->cancel();
}

// SIGINT/SIGTERM cancel the daemon. SA_RESETHAND puts the default action
// back, so a second signal ends a daemon whose run is stuck in a long
// request (the run then shows as failed when next examined).
struct StopSignals {
    explicit StopSignals(CancelToken &token)
    {
        g_daemonCancel = &token;
        struct sigaction action { };
        action.sa_handler = onStopSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESETHAND;
        sigaction(SIGINT, &action, &m_oldInt);
        sigaction(SIGTERM, &action, &m_oldTerm);
    }
    ~StopSignals()
    {
        sigaction(SIGINT, &m_oldInt, nullptr);
        sigaction(SIGTERM, &m_oldTerm, nullptr);
        g_daemonCancel = nullptr;
    }
    struct sigaction m_oldInt { };
    struct sigaction m_oldTerm { };
};

class PrintingListener : public DaemonListener {
public:
    void scheduleChanged(const std::string &sync, const Schedule &schedule, std::optional<SysTime> nextDue) override
    {
        if (schedule.type == ScheduleType::Manual) {
            std::cerr << fmt::format("sync '{}': manual, not run by the daemon\n", sync) << std::flush;
            return;
        }
        std::string next = "never";
        if (nextDue && *nextDue <= std::chrono::system_clock::now())
            next = "now (due since " + formatIsoUtc(*nextDue) + ")";
        else if (nextDue)
            next = formatIsoUtc(*nextDue);
        std::cerr << fmt::format("sync '{}': {}; next run {}\n", sync, schedule.describe(), next) << std::flush;
    }

    void runFinished(const std::string &sync, SysTime startedAt, const RunSummary &s,
                     const std::vector<AlertNotice> &alerts) override
    {
        std::string line = fmt::format("{} run {} of sync '{}': {}, {} delivered, {} rejected", formatIsoUtc(startedAt),
                                       s.runId, sync, s.status, s.delivered(), s.rejected());
        if (s.pending() > 0)
            line += fmt::format(", {} pending", s.pending());
        if (!s.error.empty())
            line += ": " + s.error;
        std::cout << oneLine(line) << "\n" << std::flush;
        for (const AlertNotice &a : alerts) {
            std::string deliveries;
            for (const DeliveryResult &d : a.deliveries)
                deliveries += fmt::format("; {}: {}{}", d.channel, deliveryStatusName(d.status),
                                          d.detail.empty() ? std::string() : " (" + d.detail + ")");
            std::cerr << oneLine(fmt::format("{} alert '{}' of sync '{}' {} ({}){}", formatIsoUtc(startedAt), a.rule,
                                             sync, a.recovery ? "resolved" : "raised", alertLevelName(a.level),
                                             deliveries))
                      << "\n"
                      << std::flush;
        }
    }

    void runSkipped(const std::string &sync, SysTime at, const Error &why) override
    {
        std::cerr << oneLine(
            fmt::format("{} sync '{}' skipped: {}", formatIsoUtc(at), sync, redactSecrets(why.describe())))
                  << "\n"
                  << std::flush;
    }

    void problem(SysTime at, const Error &error) override
    {
        std::cerr << oneLine(fmt::format("{} problem: {}", formatIsoUtc(at), redactSecrets(error.describe()))) << "\n"
                  << std::flush;
    }
};

} // namespace

int cmdDaemon(const std::vector<std::string> &args)
{
    auto a = parse(kDaemon, args);
    if (!a)
        return report(a.error());
    const std::string &project = a->positionals[0];
    CancelToken cancel;
    StopSignals signals(cancel);
    PrintingListener listener;
    DaemonOptions options;
    options.once = a->flag("--once");
    auto result = runDaemon(project, cancel, options, &listener);
    if (!result)
        return report(result.error());
    if (!options.once)
        std::cerr << "sluicectl daemon: stopped after " << result->runs << " run" << (result->runs == 1 ? "" : "s")
                  << "\n"
                  << std::flush;
    if (options.once && result->failedRuns > 0)
        return 1;
    return 0;
}

} // namespace sluice::cli

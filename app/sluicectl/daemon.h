#pragma once
// `sluicectl daemon PROJECT [--once]`: runs the project's scheduled syncs
// headless (engine/daemon/daemon.h) and prints one line per run on
// standard output:
//
//   2026-11-22T10:00:00Z run 12 of sync 'orders': succeeded, 3 delivered, 0 rejected
//
// Schedules, skipped runs, alerts and problems go to standard error.
// SIGINT/SIGTERM stop it: the runs in flight finish their current batch and
// record it, then it exits 0 (a second signal ends it at once). With --once
// it runs what is due now, waits for it and exits: 0, or 1 when a run failed.

#include <string>
#include <vector>

namespace sluice::cli {

inline constexpr const char *kDaemonUsage = "sluicectl daemon PROJECT [--once]";
inline constexpr const char *kDaemonSummary = "Run scheduled syncs until stopped (--once: what is due now)";

int cmdDaemon(const std::vector<std::string> &args);

} // namespace sluice::cli

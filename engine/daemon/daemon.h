#pragma once
// The daemon: runs a project's scheduled syncs headless until cancelled.
//
// Every pass it reloads the project (so schedules edited meanwhile apply
// within `rescanEvery`), works out each sync's next due time from the start
// of its last run in the run history (schedule.h; a restarted daemon neither
// repeats nor forgets a run), and starts the syncs that are due, each on its
// own thread: one run of a sync at a time, several syncs at once up to
// `maxConcurrentRuns`. A run refused because the sync runs elsewhere
// (`sluicectl run`, the app) is skipped and reported, not retried at once.
// After each run the sync's alert rules are evaluated (alerts.h).
//
// Between passes it sleeps in short slices, so a cancel (SIGINT/SIGTERM in
// sluicectl) is noticed at once: the runs in flight are cancelled (each
// finishes its current batch and records it) and runDaemon returns.

#include "alerts/alerts.h"
#include "core/cancel.h"
#include "core/error.h"
#include "project/runhistory.h"
#include "schedule/schedule.h"
#include "sync/syncrunner.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace sluice {

// Injectable for tests. Both are called from runDaemon's thread only; the
// clock is not advanced by sleeping while runs are in flight (the daemon
// waits for them on its own), so a fake clock sees each run take no time.
struct DaemonClock {
    std::function<SysTime()> now;                         // default: system_clock::now
    std::function<void(std::chrono::milliseconds)> sleep; // default: this_thread::sleep_for
};

struct DaemonOptions {
    bool once = false; // start what is due now, wait for it, return
    DaemonClock clock;
    std::chrono::milliseconds sleepSlice{250};    // how soon a cancel is noticed when idle
    std::chrono::milliseconds rescanEvery{15000}; // the longest time between project reloads
    int maxConcurrentRuns = 4;
    AlertOptions alerts;
};

// Told what the daemon does; calls are serialized (never two at once) but
// may come from run threads.
class DaemonListener {
public:
    virtual ~DaemonListener() = default;
    // A sync's schedule as first seen, or after it changed.
    virtual void scheduleChanged(const std::string &sync, const Schedule &schedule, std::optional<SysTime> nextDue)
    {
        (void)sync, (void)schedule, (void)nextDue;
    }
    virtual void runStarted(const std::string &sync, SysTime at) { (void)sync, (void)at; }
    virtual void runFinished(const std::string &sync, SysTime startedAt, const RunSummary &summary,
                             const std::vector<AlertNotice> &alerts)
    {
        (void)sync, (void)startedAt, (void)summary, (void)alerts;
    }
    // The sync runs elsewhere, or the run could not start (configuration error).
    virtual void runSkipped(const std::string &sync, SysTime at, const Error &why) { (void)sync, (void)at, (void)why; }
    // The project could not be read, a schedule or alert rule is invalid, ...
    // Reported once per distinct problem, not on every pass.
    virtual void problem(SysTime at, const Error &error) { (void)at, (void)error; }
};

struct DaemonReport {
    int runs = 0;       // runs that started and returned a summary
    int failedRuns = 0; // of those, status "failed"
    int skipped = 0;    // refused to start (already running, configuration error)
};

// Fails when the project cannot be opened at the start (wrong path, not a
// project) and, with `once`, when its configuration cannot be read; a daemon
// reports later read problems and retries.
Result<DaemonReport> runDaemon(const std::string &projectPath, CancelToken &cancel, const DaemonOptions &options = {},
                               DaemonListener *listener = nullptr);

} // namespace sluice

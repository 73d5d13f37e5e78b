#include "daemon.h"

#include "core/sqlitehandle.h"
#include "project/projectstore.h"
#include "project/runhistory.h"

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

namespace sluice {

using namespace std::chrono;

namespace {

struct SyncSlot {
    std::optional<SysTime> lastAttempt; // when this daemon last started it (its clock)
    bool running = false;
    std::thread worker;
    std::string scheduleSeen; // Schedule::describe() as last reported
    std::string problemSeen;  // the last problem reported for it
    // When this daemon saw the schedule change (an edit, an undo): the
    // schedule counts from then, so choosing "every 10 s" or "hourly" never
    // starts a run at once.
    std::optional<SysTime> scheduleSetAt;
};

struct Plan {
    std::string name;
    Result<Schedule> schedule;
    std::optional<SysTime> lastStart;
    std::optional<SysTime> deferredUntil; // the last run was deferred until then
};

class Daemon {
public:
    Daemon(const std::string &path, CancelToken &cancel, const DaemonOptions &options, DaemonListener *listener)
        : m_path(path), m_cancel(cancel), m_options(options), m_listener(listener)
    {
        if (!m_options.clock.now)
            m_options.clock.now = [] { return system_clock::now(); };
        if (!m_options.clock.sleep)
            m_options.clock.sleep = [](milliseconds d) { std::this_thread::sleep_for(d); };
        m_options.maxConcurrentRuns = std::max(1, m_options.maxConcurrentRuns);
        m_options.sleepSlice = std::max(milliseconds(1), m_options.sleepSlice);
        if (!m_options.alerts.cancel)
            m_options.alerts.cancel = &m_cancel;
    }

    ~Daemon() { joinAll(); }

    Result<DaemonReport> run();

private:
    Result<std::vector<Plan>> load();
    void start(const std::string &name, SysTime now);
    void reapFinished();
    void joinAll();
    void waitUntil(SysTime until);
    void waitForAFinish();
    int running();

    template <typename F> void notify(F &&call)
    {
        if (!m_listener)
            return;
        std::lock_guard lock(m_listenerMutex);
        call(*m_listener);
    }

    std::string m_path;
    CancelToken &m_cancel;
    DaemonOptions m_options;
    DaemonListener *m_listener;
    std::mutex m_listenerMutex;

    std::mutex m_mutex; // guards everything below
    std::condition_variable m_finishedCv;
    std::map<std::string, SyncSlot> m_slots;
    int m_running = 0;
    bool m_anyFinished = false;
    DaemonReport m_report;

    std::string m_loadProblemSeen; // main thread only
};

Result<std::vector<Plan>> Daemon::load()
{
    auto project = ProjectStore::openLoaded(m_path);
    if (!project)
        return std::unexpected(project.error());
    ProjectStore *store = project->store.get();
    const ProjectConfig &config = project->config;
    auto trusted = store->trusted();
    if (!trusted)
        return std::unexpected(trusted.error());
    if (!*trusted)
        return invalidInput("project.untrusted",
                            "this project is not trusted on this machine, so none of its schedules run: review it "
                            "with `sluicectl trust PROJECT` or in the app (Project > Review and Trust)",
                            m_path);
    std::vector<Plan> plans;
    for (const SyncDef &sync : config.syncs) {
        auto last = lastScheduledRunStart(store->handle(), sync.name);
        if (!last)
            return std::unexpected(last.error());
        auto deferred = deferredUntil(store->handle(), sync.name);
        if (!deferred)
            return std::unexpected(deferred.error());
        plans.push_back(Plan{sync.name, syncSchedule(sync), *last, *deferred});
    }
    return plans;
}

int Daemon::running()
{
    std::lock_guard lock(m_mutex);
    return m_running;
}

void Daemon::start(const std::string &name, SysTime now)
{
    // The previous run's thread may have ended after the last reap; it has
    // (running was false), so this join is immediate.
    std::thread previous;
    {
        std::lock_guard lock(m_mutex);
        SyncSlot &slot = m_slots[name];
        previous = std::move(slot.worker);
        slot.running = true;
        slot.lastAttempt = now;
        ++m_running;
    }
    if (previous.joinable())
        previous.join();
    notify([&](DaemonListener &l) { l.runStarted(name, now); });
    std::thread worker([this, name, now] {
        auto summary = runSync(m_path, name, RunOptions{}, m_cancel);
        if (!summary) {
            // "sync.already_running": another process runs it; anything else
            // is a configuration the run refused. Either way: skip, report,
            // and try again when the schedule says so.
            {
                std::lock_guard lock(m_mutex);
                ++m_report.skipped;
            }
            notify([&](DaemonListener &l) { l.runSkipped(name, now, summary.error()); });
        } else {
            auto alerts = evaluateAlerts(m_path, name, *summary, m_options.alerts);
            if (!alerts)
                notify(
                    [&](DaemonListener &l) { l.problem(now, alerts.error().within("alerts of sync '" + name + "'")); });
            {
                std::lock_guard lock(m_mutex);
                ++m_report.runs;
                if (summary->status == "failed")
                    ++m_report.failedRuns;
            }
            const std::vector<AlertNotice> none;
            notify([&](DaemonListener &l) { l.runFinished(name, now, *summary, alerts ? *alerts : none); });
        }
        {
            std::lock_guard lock(m_mutex);
            SyncSlot &slot = m_slots[name];
            slot.running = false;
            --m_running;
            m_anyFinished = true;
        }
        m_finishedCv.notify_all();
    });
    std::lock_guard lock(m_mutex);
    m_slots[name].worker = std::move(worker);
}

void Daemon::reapFinished()
{
    std::vector<std::thread> done;
    {
        std::lock_guard lock(m_mutex);
        for (auto &[name, slot] : m_slots)
            if (!slot.running && slot.worker.joinable())
                done.push_back(std::move(slot.worker));
    }
    for (auto &t : done)
        t.join();
}

void Daemon::joinAll()
{
    std::vector<std::thread> all;
    {
        std::lock_guard lock(m_mutex);
        for (auto &[name, slot] : m_slots)
            if (slot.worker.joinable())
                all.push_back(std::move(slot.worker));
    }
    for (auto &t : all)
        t.join();
}

// Until `until` on the daemon's clock, a run finishing, or a cancel. While
// runs are in flight it waits on them in real time instead of sleeping on
// the (possibly fake) clock, so their completion is seen at once.
void Daemon::waitUntil(SysTime until)
{
    for (;;) {
        if (m_cancel.isCancelled())
            return;
        {
            std::lock_guard lock(m_mutex);
            if (m_anyFinished) {
                m_anyFinished = false;
                return;
            }
        }
        const SysTime now = m_options.clock.now();
        if (now >= until)
            return;
        const auto remaining = ceil<milliseconds>(until - now);
        const milliseconds slice = std::min(m_options.sleepSlice, remaining);
        std::unique_lock lock(m_mutex);
        if (m_running > 0) {
            m_finishedCv.wait_for(lock, slice, [this] { return m_anyFinished; });
        } else {
            lock.unlock();
            m_options.clock.sleep(slice);
        }
    }
}

void Daemon::waitForAFinish()
{
    std::unique_lock lock(m_mutex);
    while (m_running > 0 && !m_anyFinished)
        m_finishedCv.wait_for(lock, m_options.sleepSlice);
    m_anyFinished = false;
}

Result<DaemonReport> Daemon::run()
{
    // A wrong path or a file that is not a project is the caller's mistake:
    // say so now rather than retrying forever.
    if (auto store = ProjectStore::open(m_path); !store)
        return std::unexpected(store.error());

    std::set<std::string> attempted; // --once: each sync at most once
    while (!m_cancel.isCancelled()) {
        reapFinished();
        const SysTime now = m_options.clock.now();
        std::optional<SysTime> wake;
        bool dueLeft = false;
        auto plans = load();
        if (!plans) {
            if (plans.error().describe() != m_loadProblemSeen) {
                m_loadProblemSeen = plans.error().describe();
                notify([&](DaemonListener &l) { l.problem(now, plans.error()); });
            }
            if (m_options.once) {
                // Nothing was started in this pass; a --once caller must
                // learn that nothing ran, not get a clean exit.
                joinAll();
                return std::unexpected(plans.error());
            }
        } else {
            m_loadProblemSeen.clear();
            std::vector<std::pair<SysTime, std::string>> due;
            std::set<std::string> present;
            for (Plan &plan : *plans) {
                present.insert(plan.name);
                std::optional<SysTime> last = plan.lastStart;
                bool busy = false;
                bool newProblem = false;
                bool scheduleChanged = false;
                {
                    std::lock_guard lock(m_mutex);
                    SyncSlot &slot = m_slots[plan.name];
                    busy = slot.running;
                    if (slot.lastAttempt && (!last || *slot.lastAttempt > *last))
                        last = slot.lastAttempt;
                    if (!plan.schedule) {
                        newProblem = slot.problemSeen != plan.schedule.error().describe();
                        slot.problemSeen = plan.schedule.error().describe();
                        slot.scheduleSeen.clear();
                    } else {
                        slot.problemSeen.clear();
                        scheduleChanged = slot.scheduleSeen != plan.schedule->describe();
                        if (scheduleChanged && !slot.scheduleSeen.empty())
                            slot.scheduleSetAt = now;
                        slot.scheduleSeen = plan.schedule->describe();
                    }
                    if (slot.scheduleSetAt && (!last || *slot.scheduleSetAt > *last))
                        last = slot.scheduleSetAt;
                }
                if (!plan.schedule) {
                    if (newProblem)
                        notify([&](DaemonListener &l) { l.problem(now, plan.schedule.error()); });
                    continue;
                }
                std::optional<SysTime> next = nextDue(*plan.schedule, last, now);
                // Rows deferred by the server are due when it said, not at the
                // schedule's next time (earlier would only be refused again).
                // Once an attempt was made at or after that time, the
                // schedule applies again.
                if (next && plan.deferredUntil && !(last && *last >= *plan.deferredUntil))
                    next = plan.deferredUntil;
                if (scheduleChanged)
                    notify([&](DaemonListener &l) { l.scheduleChanged(plan.name, *plan.schedule, next); });
                if (!next || busy || (m_options.once && attempted.count(plan.name)))
                    continue;
                if (*next <= now)
                    due.emplace_back(*next, plan.name);
                else if (!wake || *next < *wake)
                    wake = next;
            }
            // Forget syncs deleted from the project (once their run is over).
            {
                std::lock_guard lock(m_mutex);
                for (auto it = m_slots.begin(); it != m_slots.end();) {
                    if (!present.count(it->first) && !it->second.running && !it->second.worker.joinable())
                        it = m_slots.erase(it);
                    else
                        ++it;
                }
            }
            // The longest-overdue first when more are due than may run at once.
            std::sort(due.begin(), due.end());
            for (const auto &[when, name] : due) {
                if (m_cancel.isCancelled())
                    break;
                if (running() >= m_options.maxConcurrentRuns) {
                    dueLeft = true;
                    break;
                }
                attempted.insert(name);
                start(name, now);
            }
        }
        if (m_options.once) {
            if (running() == 0 && !dueLeft)
                break;
            waitForAFinish();
            continue;
        }
        if (dueLeft) {
            waitForAFinish(); // a run slot frees up
            continue;
        }
        SysTime until = now + m_options.rescanEvery;
        if (wake && *wake < until)
            until = *wake;
        waitUntil(until);
    }
    // Cancelled (or --once done): the runs in flight see the same token,
    // finish their current batch and record themselves.
    joinAll();
    std::lock_guard lock(m_mutex);
    return m_report;
}

} // namespace

Result<DaemonReport> runDaemon(const std::string &projectPath, CancelToken &cancel, const DaemonOptions &options,
                               DaemonListener *listener)
{
    Daemon daemon(projectPath, cancel, options, listener);
    return daemon.run();
}

} // namespace sluice

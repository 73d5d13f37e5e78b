#include "projectscheduler.h"

#include "core/cancel.h"
#include "daemon/daemon.h"

#include <QMetaObject>
#include <QPointer>

namespace sluice::ui {

namespace {

QDateTime toDateTime(SysTime t)
{
    return QDateTime::fromMSecsSinceEpoch(
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count(), Qt::UTC);
}

} // namespace

// Called on the daemon's threads; forwards to the GUI thread. The target is
// a QPointer: nothing is delivered after the scheduler is gone.
class ProjectScheduler::Listener : public DaemonListener {
public:
    explicit Listener(ProjectScheduler *owner) : m_owner(owner) { }

    void scheduleChanged(const std::string &sync, const Schedule &schedule, std::optional<SysTime> nextDue) override
    {
        post([s = QString::fromStdString(sync), d = QString::fromStdString(schedule.describe()),
              n = nextDue ? toDateTime(*nextDue) : QDateTime()](ProjectScheduler *o) {
            emit o->scheduleChanged(s, d, n);
        });
    }
    void runStarted(const std::string &sync, SysTime) override
    {
        post([s = QString::fromStdString(sync)](ProjectScheduler *o) { emit o->runStarted(s); });
    }
    void runFinished(const std::string &sync, SysTime, const RunSummary &summary,
                     const std::vector<AlertNotice> &alerts) override
    {
        QStringList lines;
        for (const AlertNotice &a : alerts)
            lines << QString::fromStdString(a.message);
        post([s = QString::fromStdString(sync), id = qint64(summary.runId), st = QString::fromStdString(summary.status),
              lines](ProjectScheduler *o) { emit o->runFinished(s, id, st, lines); });
    }
    void runSkipped(const std::string &sync, SysTime, const Error &why) override
    {
        post([s = QString::fromStdString(sync), w = QString::fromStdString(why.describe())](ProjectScheduler *o) {
            emit o->runSkipped(s, w);
        });
    }
    void problem(SysTime, const Error &error) override
    {
        post([m = QString::fromStdString(error.describe())](ProjectScheduler *o) { emit o->problem(m); });
    }

private:
    template <typename F> void post(F f)
    {
        QPointer<ProjectScheduler> owner = m_owner;
        QMetaObject::invokeMethod(
            m_owner,
            [owner, f] {
                if (owner)
                    f(owner.data());
            },
            Qt::QueuedConnection);
    }
    ProjectScheduler *m_owner;
};

ProjectScheduler::ProjectScheduler(QObject *parent) : QObject(parent), m_listener(std::make_unique<Listener>(this))
{ }

ProjectScheduler::~ProjectScheduler()
{
    stop();
}

void ProjectScheduler::setIntervals(int sleepSliceMs, int rescanEveryMs)
{
    m_sleepSliceMs = sleepSliceMs;
    m_rescanEveryMs = rescanEveryMs;
}

void ProjectScheduler::start(const QString &projectPath)
{
    if (isRunning() && m_project == projectPath && !m_loopEnded->load())
        return;
    stop();
    m_loopEnded = std::make_shared<std::atomic<bool>>(false);
    m_project = projectPath;
    m_cancel = std::make_unique<CancelToken>();
    DaemonOptions options;
    options.sleepSlice = std::chrono::milliseconds(m_sleepSliceMs);
    options.rescanEvery = std::chrono::milliseconds(m_rescanEveryMs);
    m_thread
        = std::thread([this, path = projectPath.toStdString(), options, cancel = m_cancel.get(), ended = m_loopEnded] {
              auto result = runDaemon(path, *cancel, options, m_listener.get());
              *ended = true;
              if (!result) {
                  QPointer<ProjectScheduler> owner = this;
                  QMetaObject::invokeMethod(
                      this,
                      [owner, m = QString::fromStdString(result.error().describe())] {
                          if (owner)
                              emit owner->problem(m);
                      },
                      Qt::QueuedConnection);
              }
          });
}

void ProjectScheduler::stop()
{
    if (!m_thread.joinable())
        return;
    m_cancel->cancel();
    m_thread.join();
    m_cancel.reset();
    m_project.clear();
    emit stopped();
}

} // namespace sluice::ui

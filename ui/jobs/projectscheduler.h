#pragma once
// Runs the open project's scheduled syncs while the app is open: the same
// engine daemon as `sluicectl daemon` (engine/daemon/daemon.h) on a thread
// of its own, reporting to the GUI thread through queued signals. Runs it
// starts appear in the run history and job log like any other; a sync that
// is already running (started by hand here or in sluicectl) is skipped and
// reported, never run twice.

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <thread>

namespace sluice {
class CancelToken;
}

namespace sluice::ui {

class ProjectScheduler : public QObject {
    Q_OBJECT
public:
    explicit ProjectScheduler(QObject *parent = nullptr);
    ~ProjectScheduler() override; // stops (waits for the runs in flight to record their batch)

    // Starts following `projectPath` (stopping any other first). Following
    // it already, with the daemon loop alive, changes nothing: a run in
    // flight is not cancelled by a second start.
    void start(const QString &projectPath);
    // Cancels the daemon and waits: runs in flight finish their current batch.
    void stop();
    bool isRunning() const { return m_thread.joinable(); }
    QString projectPath() const { return m_project; }

    // How soon a stop is noticed and how often the project is re-read (tests).
    void setIntervals(int sleepSliceMs, int rescanEveryMs);

signals:
    // A sync's schedule as first seen or after it changed; nextDue invalid: never (manual).
    void scheduleChanged(const QString &sync, const QString &schedule, const QDateTime &nextDue);
    void runStarted(const QString &sync);
    // `alerts`: one line per alert raised or resolved by this run.
    void runFinished(const QString &sync, qint64 runId, const QString &status, const QStringList &alerts);
    void runSkipped(const QString &sync, const QString &why);
    void problem(const QString &message);
    void stopped();

private:
    class Listener;
    std::unique_ptr<CancelToken> m_cancel;
    std::unique_ptr<Listener> m_listener;
    std::thread m_thread;
    // Set by the thread when the daemon loop returned (an untrusted project, a
    // project that failed to load): a later start() starts it over.
    std::shared_ptr<std::atomic<bool>> m_loopEnded = std::make_shared<std::atomic<bool>>(true);
    QString m_project;
    int m_sleepSliceMs = 250;
    int m_rescanEveryMs = 15000;
};

} // namespace sluice::ui

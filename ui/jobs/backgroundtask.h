#pragma once
// The one way a widget does work off the GUI thread (issue 14): a task on
// Qt's thread pool whose result comes back on the GUI thread. Pages and
// editors own BackgroundTask members; they start no thread themselves (ctest
// ui_threads holds every folder but jobs/ to that).
//
//   m_runs.onFinished(this, [this] { show(m_runs.result()); });
//   m_runs.start([path] { return readRuns(path, "", 100); }); // copies only
//
// Starting again while a task runs supersedes it: only the newest task's
// result is delivered. The work must hold copies, never the widget.

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace sluice::ui {

template <typename T> class BackgroundTask {
public:
    // Wait: destroying the owner waits for a running task (a read of the
    // project file that must end before the file may go). Abandon: it does
    // not (the task holds copies and its result is dropped), so closing an
    // editor never waits on a slow warehouse.
    enum class OnDestroy { Wait, Abandon };

    explicit BackgroundTask(OnDestroy onDestroy = OnDestroy::Wait) : m_onDestroy(onDestroy) { }
    ~BackgroundTask()
    {
        if (m_onDestroy == OnDestroy::Wait)
            m_watcher.waitForFinished();
    }
    BackgroundTask(const BackgroundTask &) = delete;
    BackgroundTask &operator=(const BackgroundTask &) = delete;

    // `done` runs on `context`'s thread when the newest task has finished.
    template <typename Done> void onFinished(QObject *context, Done done)
    {
        QObject::connect(&m_watcher, &QFutureWatcher<T>::finished, context, std::move(done));
    }

    template <typename Work> void start(Work work) { m_watcher.setFuture(QtConcurrent::run(std::move(work))); }

    T result() const { return m_watcher.result(); }
    bool isRunning() const { return m_watcher.isRunning(); }
    void waitForFinished() { m_watcher.waitForFinished(); }

private:
    QFutureWatcher<T> m_watcher;
    OnDestroy m_onDestroy;
};

} // namespace sluice::ui

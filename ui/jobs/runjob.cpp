#include "runjob.h"

#include "alerts/alerts.h"

#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace sluice::ui {

RunJob::RunJob(QString projectPath, QString syncName, RunOptions options, QObject *parent)
    : QObject(parent), m_projectPath(std::move(projectPath)), m_syncName(std::move(syncName)), m_options(options)
{
    qRegisterMetaType<sluice::RunSummary>();
    qRegisterMetaType<sluice::ui::RunOutcome>();
    connect(&m_watcher, &QFutureWatcher<RunOutcome>::finished, this, [this] { emit finished(m_watcher.result()); });
}

RunJob::~RunJob()
{
    cancel();
    m_watcher.waitForFinished();
}

bool RunJob::isRunning() const
{
    return m_watcher.isRunning();
}

void RunJob::cancel()
{
    m_cancel->cancel();
}

void RunJob::start()
{
    const std::string path = m_projectPath.toStdString();
    const std::string sync = m_syncName.toStdString();
    const RunOptions options = m_options;
    auto cancel = m_cancel;
    // Progress hops to the GUI thread; a job deleted meanwhile drops it (QPointer).
    QPointer<RunJob> self(this);
    m_watcher.setFuture(QtConcurrent::run([=]() {
        RunOutcome out;
        auto summary = runSync(path, sync, options, *cancel, [self](const RunSummary &s) {
            QMetaObject::invokeMethod(
                self.data(),
                [self, s] {
                    if (self)
                        emit self->progress(s);
                },
                Qt::QueuedConnection);
        });
        if (summary) {
            // Alert rules, off the GUI thread: delivery may wait on a hook.
            evaluateAlerts(path, sync, *summary);
            out.summary = std::move(*summary);
        } else
            out.error = QString::fromStdString(summary.error().describe());
        return out;
    }));
}

} // namespace sluice::ui

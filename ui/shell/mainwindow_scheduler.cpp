// MainWindow: running syncs and the project's schedules in the status bar
// (Project > Run Schedules While Open; the next scheduled run; what a
// scheduled run did).

#include "mainwindow.h"

#include "document/projectdocument.h"
#include "jobs/projectscheduler.h"
#include "runs/projectoverviewpage.h"
#include "runs/runwords.h"
#include "syncpages/synceditor.h"
#include "syncpages/syncpage.h"

#include <QAction>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QTabWidget>

namespace sluice::ui {

void MainWindow::markRunning(const QString &sync, bool running)
{
    if (running && !m_runningSyncs.contains(sync))
        m_runningSyncs << sync;
    if (!running)
        m_runningSyncs.removeAll(sync);
    m_runningLabel->setText(
        m_runningSyncs.isEmpty() ? QString() : tr("Running: %1").arg(m_runningSyncs.join(QStringLiteral(", "))));
}

void MainWindow::connectScheduler()
{
    connect(m_scheduler, &ProjectScheduler::scheduleChanged, this,
            [this](const QString &sync, const QString &, const QDateTime &nextDue) {
                if (nextDue.isValid())
                    m_nextDue.insert(sync, nextDue);
                else
                    m_nextDue.remove(sync);
                updateScheduleLabel();
            });
    connect(m_scheduler, &ProjectScheduler::runStarted, this, [this](const QString &sync) {
        markRunning(sync, true);
        m_statusLabel->setText(tr("Scheduled run of %1 started").arg(sync));
    });
    connect(m_scheduler, &ProjectScheduler::runFinished, this,
            [this](const QString &sync, qint64 runId, const QString &status, const QStringList &alerts) {
                markRunning(sync, false);
                // The run is in the history: show it where the sync is open.
                for (auto *editor : m_editors->findChildren<SyncEditor *>())
                    if (editor->syncName() == sync)
                        editor->runsPage()->reloadHistory();
                for (auto *overview : m_editors->findChildren<ProjectOverviewPage *>())
                    overview->reload();
                // The job log picks the run up itself when it follows the latest run,
                // keeping the user's filters.
                QString text
                    = tr("Scheduled run %1 of %2: %3").arg(runId).arg(sync, runStatusText(status.toStdString()));
                if (!alerts.isEmpty())
                    text += QStringLiteral(" · ") + tr("alert: %1").arg(alerts.join(QStringLiteral("; ")));
                m_statusLabel->setText(text);
                emit scheduledRunFinished(sync, runId);
            });
    connect(m_scheduler, &ProjectScheduler::runSkipped, this, [this](const QString &sync, const QString &why) {
        m_statusLabel->setText(tr("Scheduled run of %1 skipped: %2").arg(sync, why));
    });
    connect(m_scheduler, &ProjectScheduler::problem, this,
            [this](const QString &message) { m_statusLabel->setText(tr("Schedules: %1").arg(message)); });
}

void MainWindow::updateScheduleLabel()
{
    const QString text = scheduleText();
    m_scheduleLabel->setText(text);
    m_scheduleLabel->setVisible(!text.isEmpty());
}

QString MainWindow::scheduleText() const
{
    if (!m_scheduler->isRunning() || m_nextDue.isEmpty())
        return {};
    auto soonest = m_nextDue.cbegin();
    for (auto it = m_nextDue.cbegin(); it != m_nextDue.cend(); ++it)
        if (it.value() < soonest.value())
            soonest = it;
    const QDateTime local = soonest.value().toLocalTime();
    const QString when = local <= QDateTime::currentDateTime() ? tr("now")
                       : local.date() == QDate::currentDate()  ? QLocale().toString(local.time(), QLocale::ShortFormat)
                                                               : QLocale().toString(local, QLocale::ShortFormat);
    return m_nextDue.size() == 1
             ? tr("Next scheduled run: %1 %2").arg(soonest.key(), when)
             : tr("Next scheduled run: %1 %2 (%3 scheduled syncs)").arg(soonest.key(), when).arg(m_nextDue.size());
}

void MainWindow::setSchedulesEnabled(bool enabled)
{
    QSettings().setValue(QStringLiteral("schedules/runInApp"), enabled);
    if (m_schedulesAction->isChecked() != enabled)
        m_schedulesAction->setChecked(enabled); // toggled() calls back here once
    if (enabled && m_document->isOpen() && !m_scheduler->isRunning())
        m_scheduler->start(projectPath());
    if (!enabled) {
        m_scheduler->stop();
        m_nextDue.clear();
    }
    updateScheduleLabel();
}

} // namespace sluice::ui

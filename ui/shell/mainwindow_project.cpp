// MainWindow: the project itself: opening one (and the recent list), new
// and demo projects, and export and import as shareable JSON.

#include "mainwindow.h"
#include "projectneedsdialog.h"

#include "connections/credentialstore.h"

#include "document/projectdocument.h"
#include "jobs/projectscheduler.h"
#include "runs/joblogview.h"
#include "syncpages/synceditor.h"
#include "syncpages/syncpage.h"
#include "welcomepage.h"

#include "core/fileutil.h"
#include "demo/demoproject.h"
#include "project/projectjson.h"
#include "project/projectstore.h"

#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTreeView>

namespace sluice::ui {

namespace {
constexpr int kMaxRecent = 8;
} // namespace

bool MainWindow::openProject(const QString &path, bool showErrors, bool showFirstModel)
{
    // Close the editors of the project open before; a running sync keeps
    // its tab (and the project) until the user stops it.
    for (int i = m_editors->count() - 1; i >= 0; --i) {
        if (auto *sync = qobject_cast<SyncEditor *>(m_editors->widget(i)); sync && sync->runsPage()->isRunning()) {
            if (showErrors)
                QMessageBox::information(
                    this, tr("A sync is running"),
                    tr("Cancel or wait for '%1' before opening another project.").arg(sync->syncName()));
            return false;
        }
    }
    QString error;
    ProjectDocument probe;
    if (!probe.open(path, &error)) {
        if (showErrors)
            QMessageBox::critical(this, tr("Cannot open project"), error);
        m_statusLabel->setText(error);
        return false;
    }
    probe.close();
    while (m_editors->count() > 0)
        closeEditor(0);
    if (!m_document->open(path, &error)) {
        m_statusLabel->setText(error);
        return false;
    }
    m_tree->expandAll();
    if (m_tree->isHidden()) {
        m_tree->show();
        if (auto *logDock = findChild<QDockWidget *>(QStringLiteral("jobLogDock")))
            logDock->show();
    }
    m_welcome->setProjectOpen(true);
    m_jobLog->setProject(projectPath());
    m_exportAction->setEnabled(true);
    m_projectMenu->setEnabled(true);
    m_nextDue.clear();
    updateScheduleLabel();
    if (m_schedulesAction->isChecked())
        m_scheduler->start(projectPath());
    else
        m_scheduler->stop();
    setWindowTitle(tr("%1 — Sluice").arg(QFileInfo(path).fileName()));
    m_statusLabel->setText(tr("Opened %1").arg(QDir::toNativeSeparators(projectPath())));
    addRecent(projectPath());
    if (showFirstModel)
        showFirstItem();
    return true;
}

void MainWindow::showFirstItem()
{
    // Something useful: the first model's rows, or the overview of an empty project.
    const auto &config = m_document->config();
    if (!config.models.empty())
        selectModel(QString::fromStdString(config.models.front().name));
    else
        openProjectOverview();
}

void MainWindow::addRecent(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentProjects")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentProjects"), recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentProjects")).toStringList();
    for (const QString &path : recent) {
        if (!QFileInfo::exists(path))
            continue;
        m_recentMenu->addAction(QDir::toNativeSeparators(path), this, [this, path] { openProject(path); });
    }
    m_recentMenu->setEnabled(!m_recentMenu->isEmpty());
    if (m_welcome)
        m_welcome->setRecentProjects(recent);
}

QString MainWindow::dialogFolder() const
{
    // The open project's folder, else the last folder a project came from:
    // never the folder Sluice happened to be started in.
    if (m_document->isOpen())
        return QFileInfo(projectPath()).absolutePath();
    const QStringList recent = QSettings().value(QStringLiteral("recentProjects")).toStringList();
    if (!recent.isEmpty())
        return QFileInfo(recent.first()).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

void MainWindow::newProject()
{
    const QString path
        = QFileDialog::getSaveFileName(this, tr("New Project"), dialogFolder(), tr("Sluice projects (*.sluice)"));
    if (path.isEmpty())
        return;
    auto store = ProjectStore::create(path.toStdString(), QFileInfo(path).completeBaseName().toStdString());
    if (!store) {
        QMessageBox::critical(this, tr("Cannot create project"), QString::fromStdString(store.error().describe()));
        return;
    }
    store->reset();
    openProject(path);
}

void MainWindow::newDemoProject()
{
    const QString path
        = QFileDialog::getSaveFileName(this, tr("New Demo Project"), dialogFolder() + QStringLiteral("/demo.sluice"),
                                       tr("Sluice projects (*.sluice)"));
    if (path.isEmpty())
        return;
    if (auto r = createDemoProject(path.toStdString(), 10000); !r) {
        QMessageBox::critical(this, tr("Cannot create the demo project"), QString::fromStdString(r.error().describe()));
        return;
    }
    openProject(path);
}

void MainWindow::openDemo()
{
    // The demo lives in the user's data folder, made once and reopened after:
    // what a newcomer runs there stays for the next start.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo");
    const QString path = dir + QStringLiteral("/demo.sluice");
    if (!QFileInfo::exists(path)) {
        QDir().mkpath(dir);
        if (auto r = createDemoProject(path.toStdString(), 10000); !r) {
            QMessageBox::critical(this, tr("Cannot create the demo project"),
                                  QString::fromStdString(r.error().describe()));
            return;
        }
    }
    if (!openProject(path, true, false))
        return;
    // Straight to a mapped sync a newcomer can read and run: its mapping with
    // the Run button in view (one tab, nothing else opened to take the status
    // line); a run then shows on its Runs tab and in the job log below. A demo
    // made by an older version lacks that sync: its first sync's runs then.
    if (selectItem(QStringLiteral("sync:contacts_to_file#mapping"))) {
        m_statusLabel->setText(tr("Demo project opened: this sync maps HubSpot contacts to a JSON Lines file. "
                                  "Press Run to send them and watch the job log."));
        return;
    }
    selectItem(QStringLiteral("sync:user_360_to_file#runs"));
    m_statusLabel->setText(
        tr("Demo project opened: press Run to send user_360 to a JSON Lines file and watch the job log."));
}

void MainWindow::openProjectDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), dialogFolder(),
                                                      tr("Sluice projects (*.sluice);;All files (*)"));
    if (!path.isEmpty())
        openProject(path);
}

void MainWindow::exportProject()
{
    if (!m_document->isOpen())
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Project"),
        dialogFolder() + QLatin1Char('/') + QFileInfo(projectPath()).completeBaseName() + ".sluice.json",
        tr("Sluice exports (*.json)"));
    if (path.isEmpty())
        return;
    if (auto r = writeFileAtomically(path.toStdString(), exportText(m_document->config())); !r) {
        QMessageBox::critical(this, tr("Export failed"), QString::fromStdString(r.error().describe()));
        return;
    }
    m_statusLabel->setText(tr("Exported to %1").arg(QDir::toNativeSeparators(path)));
}

void MainWindow::importProject()
{
    const QString from = QFileDialog::getOpenFileName(this, tr("Import Project"), dialogFolder(),
                                                      tr("Sluice exports (*.json);;All files (*)"));
    if (from.isEmpty())
        return;
    auto text = readTextFile(from.toStdString());
    auto config
        = text ? parseProjectText(*text, from.toStdString()) : Result<ProjectConfig>(std::unexpected(text.error()));
    if (!config) {
        QMessageBox::critical(this, tr("Cannot import"), QString::fromStdString(config.error().describe()));
        return;
    }
    // Beside the export: a relative warehouse path in it then still resolves.
    const QString to = QFileDialog::getSaveFileName(this, tr("Save Imported Project As"),
                                                    QFileInfo(from).absolutePath() + QLatin1Char('/')
                                                        + QFileInfo(from).completeBaseName().section('.', 0, 0)
                                                        + QStringLiteral(".sluice"),
                                                    tr("Sluice projects (*.sluice)"));
    if (to.isEmpty())
        return;
    if (QFileInfo::exists(to)) {
        QMessageBox::critical(this, tr("Cannot import"), tr("%1 already exists; choose a new file name.").arg(to));
        return;
    }
    auto store = ProjectStore::create(to.toStdString(), config->name);
    if (!store || !(*store)->save(*config)) {
        QMessageBox::critical(this, tr("Cannot import"), tr("Writing %1 failed.").arg(to));
        store = {};
        QFile::remove(to);
        return;
    }
    // A project from elsewhere runs nothing until reviewed (the banner asks).
    (void)(*store)->revokeTrust();
    store->reset();
    if (openProject(to))
        showProjectNeeds(true);
}

ProjectNeedsDialog *MainWindow::showProjectNeeds(bool onlyIfAny)
{
    if (!m_document->isOpen())
        return nullptr;
    auto *dialog = new ProjectNeedsDialog(m_document, CredentialStore::defaultStore(), this);
    if (onlyIfAny && dialog->needCount() == 0) {
        delete dialog;
        return nullptr;
    }
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

} // namespace sluice::ui

// MainWindow: the Sync menu (Run, Dry Run, Full Resync, Retry Rejected,
// Cancel) acting on the sync whose tab is shown, whichever of its pages is
// in front, and Rename and Delete of the explorer's item in the Project menu.
// The shortcuts live here, on the window, so Ctrl+R runs the sync from its
// mapping or settings page too, not only from its Runs page.

#include "mainwindow.h"

#include "mainwindowitems.h"
#include "projecttreemodel.h"
#include "syncpages/synceditor.h"
#include "syncpages/syncmappingpage.h"
#include "syncpages/syncpage.h"

#include <QAction>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QTreeView>

namespace sluice::ui {

using namespace MainWindowItems;

void MainWindow::buildSyncMenu()
{
    m_syncMenu = menuBar()->addMenu(tr("&Sync"));
    const auto runsPageRun = [this](RunKind kind) {
        SyncEditor *editor = currentSyncEditor();
        if (!editor)
            return;
        editor->showPage(QStringLiteral("runs")); // where its progress and log are
        editor->runsPage()->run(kind);
    };
    QAction *run = m_syncMenu->addAction(QIcon(QStringLiteral(":/icons/play.svg")), tr("&Run"), this,
                                         [runsPageRun] { runsPageRun(RunKind::Normal); });
    run->setObjectName(QStringLiteral("runSyncAction"));
    run->setShortcut(QKeySequence(tr("Ctrl+R")));
    QAction *dryRun = m_syncMenu->addAction(QIcon(QStringLiteral(":/icons/dryrun.svg")), tr("&Dry Run"), this, [this] {
        SyncEditor *editor = currentSyncEditor();
        if (!editor)
            return;
        // On the mapping page the dry run shows beside the mapping being edited.
        if (editor->pages()->currentWidget() == editor->mappingPage())
            editor->mappingPage()->runDryRun();
        else {
            editor->showPage(QStringLiteral("runs"));
            editor->runsPage()->run(RunKind::DryRun);
        }
    });
    dryRun->setObjectName(QStringLiteral("dryRunSyncAction"));
    dryRun->setShortcut(QKeySequence(tr("Ctrl+Shift+R")));
    m_syncMenu->addSeparator();
    m_syncMenu->addAction(tr("&Full Resync"), this, [runsPageRun] { runsPageRun(RunKind::FullResync); });
    m_syncMenu->addAction(tr("Retry &Rejected Rows"), this, [runsPageRun] { runsPageRun(RunKind::RetryRejected); });
    m_syncMenu->addSeparator();
    m_syncMenu->addAction(QIcon(QStringLiteral(":/icons/stop.svg")), tr("&Cancel Run"), this, [this] {
        if (SyncEditor *editor = currentSyncEditor())
            editor->runsPage()->cancel();
    });
    updateSyncMenu();

    // Rename and Delete of the explorer's current item (F2 and Delete in the explorer).
    m_projectMenu->addSeparator();
    const auto onExplorerItem = [this](bool rename) {
        const QModelIndex idx = m_tree->currentIndex().siblingAtColumn(0);
        const int kind = idx.data(ProjectTreeModel::ItemKindRole).toInt();
        if (!idx.isValid() || ItemKind(kind) == ItemKind::Group)
            return;
        const QString name = idx.data(ProjectTreeModel::NameRole).toString();
        if (rename)
            renameItem(kind, name);
        else
            deleteItem(kind, name);
    };
    // The key is shown after a tab: the explorer owns the shortcut (a window
    // shortcut for Delete would take the key from the canvas and text fields).
    QAction *rename = m_projectMenu->addAction(tr("Re&name…") + QStringLiteral("\tF2"), this,
                                               [onExplorerItem] { onExplorerItem(true); });
    rename->setObjectName(QStringLiteral("renameItemAction"));
    QAction *remove = m_projectMenu->addAction(QIcon(QStringLiteral(":/icons/delete.svg")),
                                               tr("De&lete…") + QStringLiteral("\t") + tr("Del"), this,
                                               [onExplorerItem] { onExplorerItem(false); });
    remove->setObjectName(QStringLiteral("deleteItemAction"));
}

void MainWindow::updateSyncMenu()
{
    if (!m_syncMenu || !m_editors)
        return;
    const bool sync = currentSyncEditor() != nullptr;
    for (QAction *action : m_syncMenu->actions())
        action->setEnabled(sync);
}

} // namespace sluice::ui

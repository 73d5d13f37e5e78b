// MainWindow: the project explorer's actions: its context menu, and adding,
// renaming, duplicating and deleting sources, models, destinations and syncs
// (each one undoable edit of the project).

#include "mainwindow.h"

#include "mainwindowitems.h"

#include "connections/connectionpage.h"
#include "document/projectdocument.h"
#include "document/projectedits.h"
#include "modeleditor/modeleditor.h"
#include "newitemdialog.h"
#include "projecttreemodel.h"
#include "syncpages/synceditor.h"
#include "syncpages/syncpage.h"

#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QTreeView>

namespace sluice::ui {

using namespace MainWindowItems;

void MainWindow::showTreeMenu(const QPoint &pos)
{
    const QModelIndex idx = m_tree->indexAt(pos).siblingAtColumn(0);
    if (!idx.isValid())
        return;
    const int kind = idx.data(ProjectTreeModel::ItemKindRole).toInt();
    if (ItemKind(kind) == ItemKind::Group) {
        // A group (Sources, Models, ...): add one of its kind.
        const int groupKind = idx.row() + 1;
        QMenu menu(this);
        menu.addAction(QIcon(QStringLiteral(":/icons/add.svg")), addText(groupKind), this,
                       [this, groupKind] { addItem(groupKind); });
        menu.exec(m_tree->viewport()->mapToGlobal(pos));
        return;
    }
    const QString name = idx.data(ProjectTreeModel::NameRole).toString();
    QMenu menu(this);
    menu.addAction(QIcon(iconFor(ItemKind(kind))), tr("&Open"), this, [this, kind, name] { openEditor(kind, name); });
    if (ItemKind(kind) == ItemKind::Model) {
        menu.addAction(QIcon(QStringLiteral(":/icons/play.svg")), tr("&Preview Rows"), this, [this, kind, name] {
            if (auto *e = qobject_cast<ModelEditor *>(openEditor(kind, name)))
                e->refreshPreview();
        });
    }
    if (ItemKind(kind) == ItemKind::Sync) {
        menu.addAction(QIcon(QStringLiteral(":/icons/play.svg")), tr("&Run"), this, [this, kind, name] {
            if (auto *e = qobject_cast<SyncEditor *>(openEditor(kind, name))) {
                e->showPage(QStringLiteral("runs"));
                e->runsPage()->run(RunKind::Normal);
            }
        });
        menu.addAction(QIcon(QStringLiteral(":/icons/dryrun.svg")), tr("&Dry Run"), this, [this, kind, name] {
            if (auto *e = qobject_cast<SyncEditor *>(openEditor(kind, name))) {
                e->showPage(QStringLiteral("runs"));
                e->runsPage()->run(RunKind::DryRun);
            }
        });
    }
    if (ItemKind(kind) == ItemKind::Source || ItemKind(kind) == ItemKind::Destination) {
        menu.addAction(QIcon(QStringLiteral(":/icons/refresh.svg")), tr("&Test Connection"), this, [this, kind, name] {
            if (auto *page = qobject_cast<ConnectionPage *>(openEditor(kind, name)))
                page->test();
        });
    }
    menu.addSeparator();
    menu.addAction(QIcon(QStringLiteral(":/icons/add.svg")), addText(kind), this, [this, kind] { addItem(kind); });
    menu.addAction(tr("Re&name…"), this, [this, kind, name] { renameItem(kind, name); });
    menu.addAction(tr("D&uplicate"), this, [this, kind, name] { duplicateItem(kind, name); });
    menu.addAction(QIcon(QStringLiteral(":/icons/delete.svg")), tr("&Delete"), this,
                   [this, kind, name] { deleteItem(kind, name); });
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

void MainWindow::renameItem(int kind, const QString &name)
{
    bool ok = false;
    const QString to
        = QInputDialog::getText(this, tr("Rename"), tr("New name for '%1':").arg(name), QLineEdit::Normal, name, &ok);
    if (!ok || to == name)
        return;
    if (ItemKind(kind) == ItemKind::Sync) {
        const SyncDef *sync = m_document->sync(name);
        if (sync && sync->settings.value("protected", false)
            && QMessageBox::question(this, tr("Rename a protected sync?"),
                                     tr("'%1' is protected. Rename it anyway?").arg(name))
                   != QMessageBox::Yes)
            return;
    }
    QString error;
    m_document->edit(tr("Rename %1 to %2").arg(name, to),
                     [&](ProjectConfig &c) { error = renameEntity(c, entityKind(ItemKind(kind)), name, to); });
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Cannot rename"), error);
}

void MainWindow::deleteItem(int kind, const QString &name)
{
    const bool isProtected = ItemKind(kind) == ItemKind::Sync && m_document->sync(name)
                          && m_document->sync(name)->settings.value("protected", false);
    const QString question = isProtected ? tr("'%1' is protected. Delete it and its run history anyway? "
                                              "(Edit > Undo brings the configuration back.)")
                                         : tr("Delete '%1'? (Edit > Undo brings it back.)");
    if (QMessageBox::question(this, tr("Delete"), question.arg(name)) != QMessageBox::Yes)
        return;
    QString error;
    m_document->edit(tr("Delete %1").arg(name),
                     [&](ProjectConfig &c) { error = deleteEntity(c, entityKind(ItemKind(kind)), name); });
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Cannot delete"), error);
}

QString MainWindow::addText(int kind) const
{
    switch (ItemKind(kind)) {
    case ItemKind::Source: return tr("Add &Source…");
    case ItemKind::Model: return tr("Add &Model…");
    case ItemKind::Destination: return tr("Add &Destination…");
    default: return tr("Add S&ync…");
    }
}

NewItemDialog *MainWindow::addItem(int kind)
{
    if (!m_document->isOpen())
        return nullptr;
    auto *dialog
        = new NewItemDialog(entityKind(ItemKind(kind)), m_document->config(), m_document->directory(), nullptr, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, kind] {
        const ProjectConfig after = dialog->withItem();
        const QString name = dialog->name();
        if (m_document->edit(tr("Add %1").arg(name), [&](ProjectConfig &c) { c = after; }))
            openEditor(kind, name);
    });
    dialog->open();
    return dialog;
}

void MainWindow::duplicateItem(int kind, const QString &name)
{
    QString error, created;
    m_document->edit(tr("Duplicate %1").arg(name),
                     [&](ProjectConfig &c) { error = duplicateEntity(c, entityKind(ItemKind(kind)), name, &created); });
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Cannot duplicate"), error);
    else
        openEditor(kind, created);
}

} // namespace sluice::ui

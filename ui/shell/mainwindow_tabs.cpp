// MainWindow: the editor tabs: opening (or showing) the editor of an
// explorer item or the project overview, keeping the explorer on the shown
// tab, and closing tabs (not while their sync runs, nor once their item is gone).

#include "mainwindow.h"

#include "mainwindowitems.h"

#include "connections/connectionpage.h"
#include "document/projectdocument.h"
#include "document/projectedits.h"
#include "modeleditor/modeleditor.h"
#include "projecttreemodel.h"
#include "runs/joblogmodel.h"
#include "runs/joblogview.h"
#include "runs/projectoverviewpage.h"
#include "runs/runwords.h"
#include "syncpages/synceditor.h"
#include "syncpages/syncpage.h"
#include "welcomepage.h"

#include <QAction>
#include <QLabel>
#include <QMessageBox>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTreeView>

namespace sluice::ui {

using namespace MainWindowItems;

namespace {
const char *const kKindProperty = "sluiceItemKind";
const char *const kNameProperty = "sluiceItemName";
// The kind of the project overview tab: no item of the explorer.
constexpr int kOverviewKind = -1;
} // namespace

void MainWindow::onConfigChanged()
{
    m_treeModel->setConfig(m_document->config());
    // An undo can take away an item whose tab is open.
    for (int i = m_editors->count() - 1; i >= 0; --i) {
        QWidget *w = m_editors->widget(i);
        if (w->property(kKindProperty).toInt() == kOverviewKind)
            continue;
        const auto kind = ItemKind(w->property(kKindProperty).toInt());
        const QString name = w->property(kNameProperty).toString();
        if (!nameExists(m_document->config(), entityKind(kind), name))
            closeEditor(i);
    }
    if (m_tree->model()->rowCount() > 0 && !m_tree->isExpanded(m_treeModel->index(0, 0)))
        m_tree->expandAll();
}

void MainWindow::selectModel(const QString &name)
{
    selectItem(QStringLiteral("model:") + name);
}

void MainWindow::selectSync(const QString &name)
{
    selectItem(QStringLiteral("sync:") + name);
}

bool MainWindow::selectItem(const QString &spec)
{
    if (spec == QLatin1String("overview"))
        return openProjectOverview() != nullptr;
    const int colon = spec.indexOf(':');
    const QString kind = spec.left(colon);
    QString name = spec.mid(colon + 1);
    // "sync:NAME#PAGE", unless the whole text names a sync.
    QString page;
    if (kind == QLatin1String("sync") && name.contains('#') && !m_document->sync(name)) {
        page = name.mid(name.lastIndexOf('#') + 1);
        name = name.left(name.lastIndexOf('#'));
    }
    const ItemKind k = kind == QLatin1String("model")  ? ItemKind::Model
                     : kind == QLatin1String("sync")   ? ItemKind::Sync
                     : kind == QLatin1String("source") ? ItemKind::Source
                                                       : ItemKind::Destination;
    const QModelIndex idx = m_treeModel->indexOf(k, name);
    if (!idx.isValid())
        return false;
    if (m_tree->currentIndex().siblingAtColumn(0) == idx)
        openEditor(int(k), name);
    else
        m_tree->setCurrentIndex(idx);
    if (!page.isEmpty()) {
        SyncEditor *editor = currentSyncEditor();
        return editor && editor->showPage(page);
    }
    return true;
}

ProjectOverviewPage *MainWindow::openProjectOverview()
{
    if (!m_document->isOpen())
        return nullptr;
    for (int i = 0; i < m_editors->count(); ++i) {
        if (auto *page = qobject_cast<ProjectOverviewPage *>(m_editors->widget(i))) {
            m_editors->setCurrentIndex(i);
            return page;
        }
    }
    auto *page = new ProjectOverviewPage(m_document);
    page->setProperty(kKindProperty, kOverviewKind);
    connect(page, &ProjectOverviewPage::runSelected, this,
            [this](qint64 runId) { m_jobLog->showRun(projectPath(), runId, false); });
    const int index = m_editors->addTab(page, QIcon(QStringLiteral(":/icons/overview.svg")), tr("Overview"));
    m_editors->setTabToolTip(index, tr("Run history and charts of every sync"));
    m_editors->setCurrentIndex(index);
    m_center->setCurrentWidget(m_editors);
    return page;
}

void MainWindow::onTreeCurrentChanged()
{
    if (m_syncingSelection)
        return;
    const QModelIndex idx = m_tree->currentIndex().siblingAtColumn(0);
    const auto kind = ItemKind(idx.data(ProjectTreeModel::ItemKindRole).toInt());
    if (kind == ItemKind::Group)
        return;
    openEditor(int(kind), idx.data(ProjectTreeModel::NameRole).toString());
}

QWidget *MainWindow::openEditor(int kindValue, const QString &name)
{
    const auto kind = ItemKind(kindValue);
    for (int i = 0; i < m_editors->count(); ++i) {
        QWidget *w = m_editors->widget(i);
        if (w->property(kKindProperty).toInt() == kindValue && w->property(kNameProperty).toString() == name) {
            m_editors->setCurrentIndex(i);
            return w;
        }
    }
    QWidget *editor = nullptr;
    const std::string n = name.toStdString();
    if (kind == ItemKind::Model) {
        auto *e = new ModelEditor(m_document, name);
        connect(e, &ModelEditor::statusMessage, m_statusLabel, &QLabel::setText);
        connect(e, &ModelEditor::busyChanged, this, &MainWindow::setPreviewBusy);
        // A draft (SQL or key not saved) marks the tab, as editors mark unsaved files.
        connect(e, &ModelEditor::draftChanged, this, [this, e, name](bool draft) {
            const int index = m_editors->indexOf(e);
            if (index < 0)
                return;
            m_editors->setTabText(index, draft ? tr("%1 •").arg(name) : name);
            m_editors->setTabToolTip(index, draft ? tr("%1: not saved; its syncs use the last SQL and key that "
                                                       "passed their checks")
                                                        .arg(name)
                                                  : name);
        });
        editor = e;
    } else if (kind == ItemKind::Sync) {
        auto *e = new SyncEditor(m_document, name);
        connect(e, &SyncEditor::statusMessage, m_statusLabel, &QLabel::setText);
        SyncPage *page = e->runsPage();
        connect(page, &SyncPage::runStarted, this, [this](const QString &sync, qint64 runId) {
            m_jobLog->showRun(projectPath(), runId, true);
            markRunning(sync, true);
        });
        connect(page, &SyncPage::runFinished, this, [this](const QString &sync, qint64 runId, const QString &status) {
            markRunning(sync, false);
            if (m_jobLog->model()->runId() == runId)
                m_jobLog->stopLive();
            for (auto *overview : m_editors->findChildren<ProjectOverviewPage *>())
                overview->reload();
            // The status in the user's words ("成功"), as the run history shows it.
            m_statusLabel->setText(
                tr("Sync %1: run %2 %3").arg(sync).arg(runId).arg(runStatusText(status.toStdString())));
        });
        connect(page, &SyncPage::runSelected, this,
                [this](qint64 runId) { m_jobLog->showRun(projectPath(), runId, false); });
        editor = e;
    } else if (kind == ItemKind::Source || kind == ItemKind::Destination) {
        editor = new ConnectionPage(
            m_document, kind == ItemKind::Source ? ConnectionPage::Role::Source : ConnectionPage::Role::Destination,
            name);
    } else {
        return nullptr;
    }
    editor->setProperty(kKindProperty, kindValue);
    editor->setProperty(kNameProperty, name);
    const int index = m_editors->addTab(editor, QIcon(iconFor(kind)), name);
    m_editors->setTabToolTip(index, QString::fromStdString(n));
    m_editors->setCurrentIndex(index);
    m_center->setCurrentWidget(m_editors);
    if (auto *e = qobject_cast<ModelEditor *>(editor)) {
        if (e->holdsDraft()) // a draft kept from before: marked from the start
            emit e->draftChanged(true);
        e->refreshPreview();
    }
    return editor;
}

void MainWindow::onTabChanged(int index)
{
    QWidget *w = index >= 0 ? m_editors->widget(index) : nullptr;
    auto *model = qobject_cast<ModelEditor *>(w);
    m_previewAction->setEnabled(model != nullptr);
    m_cancelAction->setEnabled(model && model->isBusy());
    m_closeTabAction->setEnabled(w != nullptr);
    updateSyncMenu();
    if (!w) {
        m_center->setCurrentWidget(m_welcomeScroll);
        return;
    }
    // Keep the explorer on the item whose tab is shown.
    const QModelIndex idx
        = m_treeModel->indexOf(ItemKind(w->property(kKindProperty).toInt()), w->property(kNameProperty).toString());
    if (idx.isValid() && m_tree->currentIndex().siblingAtColumn(0) != idx) {
        m_syncingSelection = true;
        m_tree->setCurrentIndex(idx);
        m_syncingSelection = false;
    }
}

void MainWindow::closeEditor(int index)
{
    QWidget *w = m_editors->widget(index);
    if (!w)
        return;
    if (auto *sync = qobject_cast<SyncEditor *>(w); sync && sync->runsPage()->isRunning()) {
        QMessageBox::information(
            this, tr("A sync is running"),
            tr("'%1' is running; cancel it or wait before closing its tab.").arg(sync->syncName()));
        return;
    }
    m_editors->removeTab(index);
    w->deleteLater();
}

void MainWindow::closeCurrentEditor()
{
    if (m_editors->currentIndex() >= 0)
        closeEditor(m_editors->currentIndex());
}

} // namespace sluice::ui

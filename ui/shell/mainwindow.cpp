#include "mainwindow.h"

#include "trustbanner.h"

#include "connections/connectionpage.h"
#include "jobs/enginebridge.h"
#include "runs/joblogmodel.h"
#include "runs/joblogview.h"
#include "modeleditor/modeleditor.h"
#include "newitemdialog.h"
#include "preferencesdialog.h"
#include "modeleditor/previewtablemodel.h"
#include "document/projectdocument.h"
#include "document/projectedits.h"
#include "runs/projectoverviewpage.h"
#include "jobs/projectscheduler.h"
#include "projecttreemodel.h"
#include "common/resources.h"
#include "runs/runwords.h"
#include "syncpages/synceditor.h"
#include "syncpages/syncpage.h"
#include "welcomepage.h"

#include "core/fileutil.h"
#include "demo/demoproject.h"
#include "project/projectjson.h"
#include "project/projectstore.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeySequence>
#include <QLocale>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTreeView>
#include <QUndoStack>
#include <QUndoView>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {
constexpr int kMaxRecent = 8;
using ItemKind = ProjectTreeModel::ItemKind;
const char *const kKindProperty = "sluiceItemKind";
const char *const kNameProperty = "sluiceItemName";
// The kind of the project overview tab: no item of the explorer.
constexpr int kOverviewKind = -1;

EntityKind entityKind(ItemKind kind)
{
    switch (kind) {
    case ItemKind::Source: return EntityKind::Source;
    case ItemKind::Model: return EntityKind::Model;
    case ItemKind::Destination: return EntityKind::Destination;
    default: return EntityKind::Sync;
    }
}

QString iconFor(ItemKind kind)
{
    switch (kind) {
    case ItemKind::Source: return QStringLiteral(":/icons/source.svg");
    case ItemKind::Model: return QStringLiteral(":/icons/model.svg");
    case ItemKind::Destination: return QStringLiteral(":/icons/destination.svg");
    case ItemKind::Sync: return QStringLiteral(":/icons/sync.svg");
    default: return QStringLiteral(":/icons/project.svg");
    }
}
} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    initResources();
    setWindowTitle(tr("Sluice"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/sluice.svg")));
    m_document = new ProjectDocument(this);
    m_treeModel = new ProjectTreeModel(this);
    m_scheduler = new ProjectScheduler(this);
    connect(m_document, &ProjectDocument::configChanged, this, &MainWindow::onConfigChanged);
    connect(m_document, &ProjectDocument::editFailed, this, [this](const QString &message) {
        m_statusLabel->setText(message);
        QMessageBox::warning(this, tr("The change was not saved"), message);
    });
    buildActions();
    buildLayout();
    resize(1280, 860);
    connectScheduler();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newAction = file->addAction(QIcon(QStringLiteral(":/icons/add.svg")), tr("&New Project…"), this,
                                         &MainWindow::newProject);
    newAction->setShortcut(QKeySequence::New);
    file->addAction(tr("New &Demo Project…"), this, &MainWindow::newDemoProject);
    file->addAction(tr("Open the &Demo"), this, &MainWindow::openDemo);
    QAction *openAction = file->addAction(QIcon(QStringLiteral(":/icons/project.svg")), tr("&Open…"), this,
                                          &MainWindow::openProjectDialog);
    openAction->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    m_exportAction = file->addAction(tr("&Export…"), this, &MainWindow::exportProject);
    m_exportAction->setShortcut(QKeySequence(tr("Ctrl+E")));
    m_exportAction->setEnabled(false);
    QAction *importAction = file->addAction(tr("&Import…"), this, &MainWindow::importProject);
    importAction->setShortcut(QKeySequence(tr("Ctrl+I")));
    file->addSeparator();
    m_closeTabAction = file->addAction(tr("&Close Tab"), this, &MainWindow::closeCurrentEditor);
    m_closeTabAction->setShortcut(QKeySequence::Close);
    QAction *preferences = file->addAction(tr("&Preferences…"), this,
                                           [this] { PreferencesDialog::edit(this, projectPath()); });
    preferences->setShortcut(QKeySequence::Preferences);
    preferences->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setIcon(QIcon(QStringLiteral(":/icons/undo.svg")));
    // Every binding of the platform (Redo: Ctrl+Shift+Z and Ctrl+Y), not only the first.
    undo->setShortcuts(QKeySequence::Undo);
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setIcon(QIcon(QStringLiteral(":/icons/redo.svg")));
    redo->setShortcuts(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    // Project: add what a pipeline is made of (also on the explorer's menu).
    m_projectMenu = menuBar()->addMenu(tr("&Project"));
    const struct {
        ItemKind kind;
        const char *text;
        const char *shortcut;
    } adds[] = {{ItemKind::Source, QT_TR_NOOP("Add &Source…"), nullptr},
                {ItemKind::Model, QT_TR_NOOP("Add &Model…"), nullptr},
                {ItemKind::Destination, QT_TR_NOOP("Add &Destination…"), nullptr},
                {ItemKind::Sync, QT_TR_NOOP("Add S&ync…"), nullptr}};
    for (const auto &add : adds) {
        const int kind = int(add.kind);
        QAction *action = m_projectMenu->addAction(QIcon(iconFor(add.kind)), tr(add.text), this,
                                                   [this, kind] { addItem(kind); });
        action->setObjectName(QStringLiteral("add%1").arg(kind));
    }
    m_projectMenu->addSeparator();
    QAction *trustAction = m_projectMenu->addAction(tr("Review and &Trust…"), this,
                                                    [this] { TrustBanner::reviewAndTrust(m_document, this); });
    trustAction->setObjectName(QStringLiteral("reviewAndTrustAction"));
    m_schedulesAction = m_projectMenu->addAction(tr("Run Schedules &While Open"));
    m_schedulesAction->setCheckable(true);
    m_schedulesAction->setChecked(QSettings().value(QStringLiteral("schedules/runInApp"), true).toBool());
    m_schedulesAction->setToolTip(tr("Run the syncs that have a schedule while this project is open, as "
                                     "sluicectl daemon does"));
    connect(m_schedulesAction, &QAction::toggled, this, &MainWindow::setSchedulesEnabled);
    // Trusting the project lets its schedules run at once.
    connect(m_document, &ProjectDocument::trustChanged, this, [this](bool trusted) {
        if (trusted && m_schedulesAction->isChecked() && m_document->isOpen())
            m_scheduler->start(projectPath());
    });
    m_projectMenu->setEnabled(false);

    QMenu *model = menuBar()->addMenu(tr("&Model"));
    m_previewAction = model->addAction(QIcon(QStringLiteral(":/icons/play.svg")), tr("&Preview Rows"), this,
                                       &MainWindow::refreshPreview);
    m_previewAction->setEnabled(false);
    m_cancelAction = model->addAction(QIcon(QStringLiteral(":/icons/stop.svg")), tr("&Cancel Preview"), this,
                                      &MainWindow::cancelPreview);
    m_cancelAction->setEnabled(false);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *nextTab = m_viewMenu->addAction(tr("&Next Tab"), this, [this] {
        if (m_editors->count() > 1)
            m_editors->setCurrentIndex((m_editors->currentIndex() + 1) % m_editors->count());
    });
    nextTab->setShortcut(QKeySequence::NextChild);
    QAction *prevTab = m_viewMenu->addAction(tr("&Previous Tab"), this, [this] {
        if (m_editors->count() > 1)
            m_editors->setCurrentIndex((m_editors->currentIndex() + m_editors->count() - 1) % m_editors->count());
    });
    prevTab->setShortcut(QKeySequence::PreviousChild);
    QAction *focusTree = m_viewMenu->addAction(tr("Project &Explorer"), this, [this] { m_tree->setFocus(); });
    focusTree->setShortcut(QKeySequence(tr("Ctrl+0")));
    QAction *overview = m_viewMenu->addAction(QIcon(QStringLiteral(":/icons/overview.svg")), tr("Project &Overview"),
                                              this, &MainWindow::openProjectOverview);
    overview->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    m_viewMenu->addSeparator();

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Sluice"), this, [this] {
        QMessageBox::about(this, tr("About Sluice"),
                           tr("<b>Sluice</b><br>Move warehouse models to the tools that need them, "
                              "sending only what changed."));
    });
    updateRecentMenu();
}

void MainWindow::buildLayout()
{
    m_tree = new QTreeView;
    m_tree->setModel(m_treeModel);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->setUniformRowHeights(true);
    m_tree->setAccessibleName(tr("Project explorer"));
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &MainWindow::showTreeMenu);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::onTreeCurrentChanged);
    // F2 renames and Delete deletes the current item, as in a file manager.
    auto *renameAction = new QAction(tr("Rename"), m_tree);
    renameAction->setShortcut(QKeySequence(Qt::Key_F2));
    renameAction->setShortcutContext(Qt::WidgetShortcut);
    connect(renameAction, &QAction::triggered, this, [this] {
        const QModelIndex idx = m_tree->currentIndex().siblingAtColumn(0);
        const int kind = idx.data(ProjectTreeModel::ItemKindRole).toInt();
        if (ItemKind(kind) != ItemKind::Group)
            renameItem(kind, idx.data(ProjectTreeModel::NameRole).toString());
    });
    m_tree->addAction(renameAction);
    auto *deleteAction = new QAction(tr("Delete"), m_tree);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    connect(deleteAction, &QAction::triggered, this, [this] {
        const QModelIndex idx = m_tree->currentIndex().siblingAtColumn(0);
        const int kind = idx.data(ProjectTreeModel::ItemKindRole).toInt();
        if (ItemKind(kind) != ItemKind::Group)
            deleteItem(kind, idx.data(ProjectTreeModel::NameRole).toString());
    });
    m_tree->addAction(deleteAction);

    m_welcome = new WelcomePage;
    connect(m_welcome, &WelcomePage::openDemoRequested, this, &MainWindow::openDemo);
    connect(m_welcome, &WelcomePage::newProjectRequested, this, &MainWindow::newProject);
    connect(m_welcome, &WelcomePage::openProjectRequested, this, &MainWindow::openProjectDialog);
    connect(m_welcome, &WelcomePage::openRecentRequested, this, [this](const QString &path) { openProject(path); });
    m_welcome->setRecentProjects(QSettings().value(QStringLiteral("recentProjects")).toStringList());

    m_editors = new QTabWidget;
    m_editors->setTabsClosable(true);
    m_editors->setMovable(true);
    m_editors->setDocumentMode(true);
    m_editors->setUsesScrollButtons(true);
    m_editors->setAccessibleName(tr("Editors"));
    connect(m_editors, &QTabWidget::tabCloseRequested, this, &MainWindow::closeEditor);
    connect(m_editors, &QTabWidget::currentChanged, this, &MainWindow::onTabChanged);

    m_center = new QStackedWidget;
    m_center->addWidget(m_welcome);
    m_center->addWidget(m_editors);

    // The job log: a dock, live while a run goes, or the run picked in a history.
    m_jobLog = new JobLogView;
    auto *dock = new QDockWidget(tr("Job Log"), this);
    dock->setObjectName(QStringLiteral("jobLogDock"));
    dock->setWidget(m_jobLog);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    // A strip by default: the editors (the mapping canvas above all) need the height.
    resizeDocks({dock}, {190}, Qt::Vertical);
    m_viewMenu->addAction(dock->toggleViewAction());

    auto *undoView = new QUndoView(m_document->undoStack());
    undoView->setEmptyLabel(tr("<opened>"));
    undoView->setAccessibleName(tr("Undo history"));
    auto *undoDock = new QDockWidget(tr("Undo History"), this);
    undoDock->setObjectName(QStringLiteral("undoDock"));
    undoDock->setWidget(undoView);
    addDockWidget(Qt::RightDockWidgetArea, undoDock);
    undoDock->hide();
    m_viewMenu->addAction(undoDock->toggleViewAction());

    // The trust banner sits above the editors while the project is untrusted.
    auto *centerColumn = new QWidget;
    auto *centerLayout = new QVBoxLayout(centerColumn);
    centerLayout->setContentsMargins(0, 0, 0, 0);
    centerLayout->setSpacing(0);
    centerLayout->addWidget(new TrustBanner(m_document));
    centerLayout->addWidget(m_center, 1);

    auto *main = new QSplitter;
    main->addWidget(m_tree);
    main->addWidget(centerColumn);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 3);
    main->setSizes({280, 1000});
    setCentralWidget(main);

    m_statusLabel = new QLabel;
    m_runningLabel = new QLabel;
    m_progress = new QProgressBar;
    m_progress->setRange(0, 0); // busy indicator: a preview has no known length
    m_progress->setMaximumWidth(160);
    m_progress->hide();
    statusBar()->addWidget(m_statusLabel, 1);
    m_scheduleLabel = new QLabel;
    statusBar()->addPermanentWidget(m_scheduleLabel);
    statusBar()->addPermanentWidget(m_runningLabel);
    statusBar()->addPermanentWidget(m_progress);

    // Before a project is open there is nothing to explore or log: the
    // welcome page has the window to itself.
    m_tree->hide();
    dock->hide();
}

QString MainWindow::projectPath() const
{
    return m_document->path();
}

QString MainWindow::statusText() const
{
    return m_statusLabel->text();
}

ModelEditor *MainWindow::currentModelEditor() const
{
    return qobject_cast<ModelEditor *>(m_editors->currentWidget());
}

SyncEditor *MainWindow::currentSyncEditor() const
{
    return qobject_cast<SyncEditor *>(m_editors->currentWidget());
}

ConnectionPage *MainWindow::connectionPage() const
{
    return qobject_cast<ConnectionPage *>(m_editors->currentWidget());
}

PreviewTableModel *MainWindow::previewModel() const
{
    ModelEditor *e = currentModelEditor();
    return e ? e->previewModel() : nullptr;
}

EngineBridge *MainWindow::engine() const
{
    ModelEditor *e = currentModelEditor();
    return e ? e->engine() : nullptr;
}

SyncPage *MainWindow::syncPage() const
{
    SyncEditor *e = currentSyncEditor();
    return e ? e->runsPage() : nullptr;
}

QString MainWindow::errorText() const
{
    ModelEditor *e = currentModelEditor();
    return e ? e->errorText() : QString();
}

bool MainWindow::openProject(const QString &path, bool showErrors)
{
    // Close the editors of the project open before; a running sync keeps
    // its tab (and the project) until the user stops it.
    for (int i = m_editors->count() - 1; i >= 0; --i) {
        if (auto *sync = qobject_cast<SyncEditor *>(m_editors->widget(i)); sync && sync->runsPage()->isRunning()) {
            if (showErrors)
                QMessageBox::information(this, tr("A sync is running"),
                                         tr("Cancel or wait for '%1' before opening another project.")
                                             .arg(sync->syncName()));
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
    // Land on something useful: the first model's rows.
    const auto &config = m_document->config();
    if (!config.models.empty())
        selectModel(QString::fromStdString(config.models.front().name));
    else
        openProjectOverview();
    return true;
}

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
    const ItemKind k = kind == QLatin1String("model")    ? ItemKind::Model
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
            m_statusLabel->setText(tr("Sync %1: run %2 %3").arg(sync).arg(runId).arg(status));
        });
        connect(page, &SyncPage::runSelected, this,
                [this](qint64 runId) { m_jobLog->showRun(projectPath(), runId, false); });
        editor = e;
    } else if (kind == ItemKind::Source || kind == ItemKind::Destination) {
        editor = new ConnectionPage(m_document,
                                    kind == ItemKind::Source ? ConnectionPage::Role::Source
                                                             : ConnectionPage::Role::Destination,
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
    if (auto *e = qobject_cast<ModelEditor *>(editor))
        e->refreshPreview();
    return editor;
}

void MainWindow::onTabChanged(int index)
{
    QWidget *w = index >= 0 ? m_editors->widget(index) : nullptr;
    auto *model = qobject_cast<ModelEditor *>(w);
    m_previewAction->setEnabled(model != nullptr);
    m_cancelAction->setEnabled(model && model->isBusy());
    m_closeTabAction->setEnabled(w != nullptr);
    if (!w) {
        m_center->setCurrentWidget(m_welcome);
        return;
    }
    // Keep the explorer on the item whose tab is shown.
    const QModelIndex idx = m_treeModel->indexOf(ItemKind(w->property(kKindProperty).toInt()),
                                                 w->property(kNameProperty).toString());
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
        QMessageBox::information(this, tr("A sync is running"),
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

void MainWindow::closeEvent(QCloseEvent *event)
{
    QStringList running;
    for (int i = 0; i < m_editors->count(); ++i)
        if (auto *sync = qobject_cast<SyncEditor *>(m_editors->widget(i)); sync && sync->runsPage()->isRunning())
            running << sync->syncName();
    if (!running.isEmpty()) {
        const auto answer = QMessageBox::question(
            this, tr("Syncs are running"),
            tr("%1 still running. Cancel and quit? Delivered batches are kept; the rest is sent next run.")
                .arg(running.join(QStringLiteral(", "))));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        for (int i = 0; i < m_editors->count(); ++i)
            if (auto *sync = qobject_cast<SyncEditor *>(m_editors->widget(i)))
                sync->runsPage()->cancel();
    }
    event->accept();
}

void MainWindow::refreshPreview()
{
    if (ModelEditor *e = currentModelEditor())
        e->refreshPreview();
}

void MainWindow::cancelPreview()
{
    if (ModelEditor *e = currentModelEditor())
        e->cancelPreview();
}

void MainWindow::setPreviewBusy(bool busy)
{
    bool any = busy;
    for (int i = 0; i < m_editors->count(); ++i)
        if (auto *e = qobject_cast<ModelEditor *>(m_editors->widget(i)))
            any |= e->isBusy();
    m_progress->setVisible(any);
    ModelEditor *current = currentModelEditor();
    m_cancelAction->setEnabled(current && (current->isBusy() || (busy && sender() == current)));
}

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
        menu.addAction(QIcon(QStringLiteral(":/icons/refresh.svg")), tr("&Test Connection"), this,
                       [this, kind, name] {
                           if (auto *page = qobject_cast<ConnectionPage *>(openEditor(kind, name)))
                               page->test();
                       });
    }
    menu.addSeparator();
    menu.addAction(QIcon(QStringLiteral(":/icons/add.svg")), addText(kind), this,
                   [this, kind] { addItem(kind); });
    menu.addAction(tr("Re&name…"), this, [this, kind, name] { renameItem(kind, name); });
    menu.addAction(tr("D&uplicate"), this, [this, kind, name] { duplicateItem(kind, name); });
    menu.addAction(QIcon(QStringLiteral(":/icons/delete.svg")), tr("&Delete"), this,
                   [this, kind, name] { deleteItem(kind, name); });
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

void MainWindow::renameItem(int kind, const QString &name)
{
    bool ok = false;
    const QString to = QInputDialog::getText(this, tr("Rename"), tr("New name for '%1':").arg(name),
                                             QLineEdit::Normal, name, &ok);
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
    const QString question = isProtected
                                 ? tr("'%1' is protected. Delete it and its run history anyway? "
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

void MainWindow::markRunning(const QString &sync, bool running)
{
    if (running && !m_runningSyncs.contains(sync))
        m_runningSyncs << sync;
    if (!running)
        m_runningSyncs.removeAll(sync);
    m_runningLabel->setText(m_runningSyncs.isEmpty() ? QString()
                                                     : tr("Running: %1").arg(m_runningSyncs.join(QStringLiteral(", "))));
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
                QString text = tr("Scheduled run %1 of %2: %3").arg(runId).arg(sync, runStatusText(status.toStdString()));
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
                         : local.date() == QDate::currentDate()
                             ? QLocale().toString(local.time(), QLocale::ShortFormat)
                             : QLocale().toString(local, QLocale::ShortFormat);
    return m_nextDue.size() == 1 ? tr("Next scheduled run: %1 %2").arg(soonest.key(), when)
                                 : tr("Next scheduled run: %1 %2 (%3 scheduled syncs)")
                                       .arg(soonest.key(), when)
                                       .arg(m_nextDue.size());
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
    auto *dialog = new NewItemDialog(entityKind(ItemKind(kind)), m_document->config(), m_document->directory(),
                                     nullptr, this);
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

void MainWindow::newProject()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("New Project"), QString(),
                                                      tr("Sluice projects (*.sluice)"));
    if (path.isEmpty())
        return;
    auto store = ProjectStore::create(path.toStdString(), QFileInfo(path).completeBaseName().toStdString());
    if (!store) {
        QMessageBox::critical(this, tr("Cannot create project"),
                              QString::fromStdString(store.error().describe()));
        return;
    }
    store->reset();
    openProject(path);
}

void MainWindow::newDemoProject()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("New Demo Project"),
                                                      QStringLiteral("demo.sluice"),
                                                      tr("Sluice projects (*.sluice)"));
    if (path.isEmpty())
        return;
    if (auto r = createDemoProject(path.toStdString(), 10000); !r) {
        QMessageBox::critical(this, tr("Cannot create the demo project"),
                              QString::fromStdString(r.error().describe()));
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
    if (!openProject(path))
        return;
    // Straight to a sync a newcomer can run: Run, then read its job log below.
    selectSync(QStringLiteral("user_360_to_file"));
    m_statusLabel->setText(tr("Demo project opened: press Run to send user_360 to a JSON Lines file and watch the job log."));
}

void MainWindow::openProjectDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QString(),
                                                      tr("Sluice projects (*.sluice);;All files (*)"));
    if (!path.isEmpty())
        openProject(path);
}

void MainWindow::exportProject()
{
    if (!m_document->isOpen())
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Project"), QFileInfo(projectPath()).completeBaseName() + ".sluice.json",
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
    const QString from = QFileDialog::getOpenFileName(this, tr("Import Project"), QString(),
                                                      tr("Sluice exports (*.json);;All files (*)"));
    if (from.isEmpty())
        return;
    auto text = readTextFile(from.toStdString());
    auto config = text ? parseProjectText(*text, from.toStdString())
                       : Result<ProjectConfig>(std::unexpected(text.error()));
    if (!config) {
        QMessageBox::critical(this, tr("Cannot import"), QString::fromStdString(config.error().describe()));
        return;
    }
    const QString to = QFileDialog::getSaveFileName(this, tr("Save Imported Project As"), QString(),
                                                    tr("Sluice projects (*.sluice)"));
    if (to.isEmpty())
        return;
    if (QFileInfo::exists(to)) {
        QMessageBox::critical(this, tr("Cannot import"),
                              tr("%1 already exists; choose a new file name.").arg(to));
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
    openProject(to);
}

} // namespace sluice::ui

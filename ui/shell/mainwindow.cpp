// MainWindow: construction (menus and actions, explorer, editor tabs, docks,
// status bar), the current editor and its shorthands, the model preview
// actions, and closing the window while syncs run.

#include "mainwindow.h"

#include "mainwindowitems.h"
#include "trustbanner.h"

#include "common/keyboardcontextmenu.h"
#include "common/resources.h"
#include "connections/connectionpage.h"
#include "document/projectdocument.h"
#include "jobs/enginebridge.h"
#include "jobs/projectscheduler.h"
#include "modeleditor/modeleditor.h"
#include "modeleditor/previewtablemodel.h"
#include "preferencesdialog.h"
#include "projecttreemodel.h"
#include "runs/joblogview.h"
#include "syncpages/synceditor.h"
#include "syncpages/syncpage.h"
#include "welcomepage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>
#include <QUndoStack>
#include <QUndoView>
#include <QVBoxLayout>

namespace sluice::ui {

using namespace MainWindowItems;

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    initResources();
    installKeyboardContextMenu();
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
    QAction *newAction
        = file->addAction(QIcon(QStringLiteral(":/icons/add.svg")), tr("&New Project…"), this, &MainWindow::newProject);
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
    QAction *preferences
        = file->addAction(tr("&Preferences…"), this, [this] { PreferencesDialog::edit(this, projectPath()); });
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
        QAction *action
            = m_projectMenu->addAction(QIcon(iconFor(add.kind)), tr(add.text), this, [this, kind] { addItem(kind); });
        action->setObjectName(QStringLiteral("add%1").arg(kind));
    }
    m_projectMenu->addSeparator();
    QAction *trustAction = m_projectMenu->addAction(tr("Review and &Trust…"), this,
                                                    [this] { TrustBanner::reviewAndTrust(m_document, this); });
    trustAction->setObjectName(QStringLiteral("reviewAndTrustAction"));
    m_projectMenu->addAction(tr("W&hat This Project Needs…"), this, [this] { showProjectNeeds(); })
        ->setObjectName(QStringLiteral("projectNeedsAction"));
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
    // The model editor owns Ctrl+Enter (it saves the SQL first); the menu shows it.
    m_previewAction
        = model->addAction(QIcon(QStringLiteral(":/icons/play.svg")),
                           tr("&Preview Rows") + QStringLiteral("\tCtrl+Enter"), this, &MainWindow::refreshPreview);
    m_previewAction->setEnabled(false);
    m_cancelAction = model->addAction(QIcon(QStringLiteral(":/icons/stop.svg")), tr("&Cancel Preview"), this,
                                      &MainWindow::cancelPreview);
    m_cancelAction->setEnabled(false);

    buildSyncMenu();

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *nextTab = m_viewMenu->addAction(tr("&Next Tab"), this, [this] {
        if (m_editors->count() > 1)
            m_editors->setCurrentIndex((m_editors->currentIndex() + 1) % m_editors->count());
    });
    // Explicit keys: the platform's NextChild/PreviousChild show as
    // "Ctrl+Shift+Backtab" in the menu on X11.
    nextTab->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageDown)});
    QAction *prevTab = m_viewMenu->addAction(tr("&Previous Tab"), this, [this] {
        if (m_editors->count() > 1)
            m_editors->setCurrentIndex((m_editors->currentIndex() + m_editors->count() - 1) % m_editors->count());
    });
    prevTab->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_PageUp),
                           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab),
                           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab)});
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
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::onTreeCurrentChanged);
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
    // Scrolling when the window is short: a stacked page's height is the
    // window's minimum even while another page is shown.
    m_welcomeScroll = new QScrollArea;
    m_welcomeScroll->setWidget(m_welcome);
    m_welcomeScroll->setWidgetResizable(true);
    m_welcomeScroll->setFrameShape(QFrame::NoFrame);
    m_center->addWidget(m_welcomeScroll);
    m_center->addWidget(m_editors);

    // The job log: a dock, live while a run goes, or the run picked in a history.
    m_jobLog = new JobLogView;
    auto *dock = new QDockWidget(tr("Job Log"), this);
    dock->setObjectName(QStringLiteral("jobLogDock"));
    dock->setWidget(m_jobLog);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    // A strip by default: the editors (the mapping canvas above all) need the height.
    resizeDocks({dock}, {150}, Qt::Vertical);
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

} // namespace sluice::ui

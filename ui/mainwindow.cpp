#include "mainwindow.h"

#include "enginebridge.h"
#include "joblogmodel.h"
#include "joblogview.h"
#include "connectionpage.h"
#include "syncpage.h"
#include "previewtablemodel.h"
#include "projecttreemodel.h"
#include "resources.h"

#include "core/fileutil.h"
#include "demo/demoproject.h"
#include "project/projectjson.h"
#include "project/projectstore.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {
constexpr int kMaxRecent = 8;
}

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    initResources();
    setWindowTitle(tr("Sluice"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/sluice.svg")));
    m_treeModel = new ProjectTreeModel(this);
    m_previewModel = new PreviewTableModel(this);
    m_sortProxy = new QSortFilterProxyModel(this);
    m_sortProxy->setSourceModel(m_previewModel);
    m_sortProxy->setSortRole(PreviewTableModel::SortRole);
    m_engine = new EngineBridge(this);
    connect(m_engine, &EngineBridge::previewFinished, this, &MainWindow::onPreviewFinished);
    buildActions();
    buildLayout();
    resize(1280, 860);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newAction = file->addAction(tr("&New Project…"), this, &MainWindow::newProject);
    newAction->setShortcut(QKeySequence::New);
    file->addAction(tr("New &Demo Project…"), this, &MainWindow::newDemoProject);
    QAction *openAction = file->addAction(tr("&Open…"), this, &MainWindow::openProjectDialog);
    openAction->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    m_exportAction = file->addAction(tr("&Export…"), this, &MainWindow::exportProject);
    m_exportAction->setShortcut(QKeySequence(tr("Ctrl+E")));
    m_exportAction->setEnabled(false);
    QAction *importAction = file->addAction(tr("&Import…"), this, &MainWindow::importProject);
    importAction->setShortcut(QKeySequence(tr("Ctrl+I")));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *model = menuBar()->addMenu(tr("&Model"));
    m_previewAction = model->addAction(tr("&Preview Rows"), this, &MainWindow::refreshPreview);
    m_previewAction->setShortcuts({QKeySequence(tr("Ctrl+Return")), QKeySequence::Refresh});
    m_previewAction->setEnabled(false);
    m_cancelAction = model->addAction(tr("&Cancel Preview"), this, &MainWindow::cancelPreview);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setEnabled(false);

    m_viewMenu = menuBar()->addMenu(tr("&View"));

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
    m_tree->setHeaderHidden(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->setUniformRowHeights(true);
    m_tree->setAccessibleName(tr("Project explorer"));
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::onSelectionChanged);

    m_emptyLabel = new QLabel(tr("Open a project (Ctrl+O) or create the demo project from the File "
                                 "menu, then pick a model to preview its rows."));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);

    auto *modelPage = new QWidget;
    auto *layout = new QVBoxLayout(modelPage);
    m_modelTitle = new QLabel;
    QFont titleFont = m_modelTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_modelTitle->setFont(titleFont);
    m_modelInfo = new QLabel;
    m_modelInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_modelTitle);
    layout->addWidget(m_modelInfo);

    auto *toolbar = new QToolBar;
    toolbar->addAction(m_previewAction);
    toolbar->addAction(m_cancelAction);
    toolbar->addSeparator();
    toolbar->addWidget(new QLabel(tr("Rows:")));
    m_limit = new QSpinBox;
    m_limit->setRange(1, 100000);
    m_limit->setValue(100);
    m_limit->setAccessibleName(tr("Preview row limit"));
    toolbar->addWidget(m_limit);
    layout->addWidget(toolbar);

    m_sqlView = new QPlainTextEdit;
    m_sqlView->setReadOnly(true);
    m_sqlView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_sqlView->setAccessibleName(tr("Model SQL"));
    m_table = new QTableView;
    m_table->setModel(m_sortProxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setAlternatingRowColors(true);
    m_table->setAccessibleName(tr("Preview rows"));
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    auto *copy = new QAction(tr("Copy"), m_table);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &MainWindow::copySelection);
    m_table->addAction(copy);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_sqlView);
    split->addWidget(m_table);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 4);
    layout->addWidget(split, 1);
    m_errorLabel = new QLabel;
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);

    m_syncPage = new SyncPage;
    m_pages = new QStackedWidget;
    m_pages->addWidget(m_emptyLabel);
    m_pages->addWidget(modelPage);
    m_pages->addWidget(m_syncPage);
    m_connectionPage = new ConnectionPage;
    m_pages->addWidget(m_connectionPage);

    // The job log: a dock, live while a run goes, or the run picked in a history.
    m_jobLog = new JobLogView;
    auto *dock = new QDockWidget(tr("Job Log"), this);
    dock->setObjectName(QStringLiteral("jobLogDock"));
    dock->setWidget(m_jobLog);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    m_viewMenu->addAction(dock->toggleViewAction());
    connect(m_syncPage, &SyncPage::runStarted, this, [this](const QString &sync, qint64 runId) {
        m_jobLog->showRun(projectPath(), runId, true);
        if (!m_runningSyncs.contains(sync))
            m_runningSyncs << sync;
        m_runningLabel->setText(tr("Running: %1").arg(m_runningSyncs.join(QStringLiteral(", "))));
    });
    connect(m_syncPage, &SyncPage::runFinished, this, [this](const QString &sync, qint64 runId, const QString &status) {
        m_runningSyncs.removeAll(sync);
        m_runningLabel->setText(m_runningSyncs.isEmpty() ? QString()
                                                         : tr("Running: %1").arg(m_runningSyncs.join(QStringLiteral(", "))));
        if (m_jobLog->model()->runId() == runId)
            m_jobLog->stopLive();
        m_statusLabel->setText(tr("Sync %1: run %2 %3").arg(sync).arg(runId).arg(status));
    });
    connect(m_syncPage, &SyncPage::runSelected, this,
            [this](qint64 runId) { m_jobLog->showRun(projectPath(), runId, false); });

    auto *main = new QSplitter;
    main->addWidget(m_tree);
    main->addWidget(m_pages);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 3);
    main->setSizes({300, 900});
    setCentralWidget(main);

    m_statusLabel = new QLabel;
    m_runningLabel = new QLabel;
    m_progress = new QProgressBar;
    m_progress->setRange(0, 0); // busy indicator: a preview has no known length
    m_progress->setMaximumWidth(160);
    m_progress->hide();
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_runningLabel);
    statusBar()->addPermanentWidget(m_progress);
}

QString MainWindow::projectPath() const
{
    return m_store ? QString::fromStdString(m_store->path()) : QString();
}

QString MainWindow::statusText() const
{
    return m_statusLabel->text();
}

QString MainWindow::errorText() const
{
    return m_errorLabel->isHidden() ? QString() : m_errorLabel->text();
}

bool MainWindow::openProject(const QString &path, bool showErrors)
{
    auto store = ProjectStore::open(path.toStdString());
    if (!store) {
        if (showErrors)
            QMessageBox::critical(this, tr("Cannot open project"),
                                  QString::fromStdString(store.error().describe()));
        m_statusLabel->setText(QString::fromStdString(store.error().describe()));
        return false;
    }
    auto config = (*store)->load();
    if (!config) {
        if (showErrors)
            QMessageBox::critical(this, tr("Cannot read project"),
                                  QString::fromStdString(config.error().describe()));
        return false;
    }
    m_engine->cancelPreview();
    m_store = std::move(*store);
    m_treeModel->setConfig(*config);
    m_tree->expandAll();
    m_previewModel->clear();
    m_pages->setCurrentIndex(0);
    m_exportAction->setEnabled(true);
    setWindowTitle(tr("%1 — Sluice").arg(QFileInfo(path).fileName()));
    m_statusLabel->setText(tr("Opened %1").arg(QDir::toNativeSeparators(projectPath())));
    addRecent(projectPath());
    // Land on something useful: the first model's rows.
    if (!config->models.empty())
        selectModel(QString::fromStdString(config->models.front().name));
    return true;
}

void MainWindow::selectModel(const QString &name)
{
    const QModelIndex idx = m_treeModel->indexOf(ProjectTreeModel::ItemKind::Model, name);
    if (idx.isValid())
        m_tree->setCurrentIndex(idx);
}

void MainWindow::selectSync(const QString &name)
{
    const QModelIndex idx = m_treeModel->indexOf(ProjectTreeModel::ItemKind::Sync, name);
    if (idx.isValid())
        m_tree->setCurrentIndex(idx);
}

bool MainWindow::selectItem(const QString &spec)
{
    const int colon = spec.indexOf(':');
    const QString kind = spec.left(colon), name = spec.mid(colon + 1);
    const ProjectTreeModel::ItemKind k = kind == QLatin1String("model")    ? ProjectTreeModel::ItemKind::Model
                                         : kind == QLatin1String("sync")   ? ProjectTreeModel::ItemKind::Sync
                                         : kind == QLatin1String("source") ? ProjectTreeModel::ItemKind::Source
                                                                           : ProjectTreeModel::ItemKind::Destination;
    const QModelIndex idx = m_treeModel->indexOf(k, name);
    if (idx.isValid())
        m_tree->setCurrentIndex(idx);
    return idx.isValid();
}

void MainWindow::onSelectionChanged()
{
    const QModelIndex idx = m_tree->currentIndex().siblingAtColumn(0);
    const auto kind = ProjectTreeModel::ItemKind(idx.data(ProjectTreeModel::ItemKindRole).toInt());
    if (kind == ProjectTreeModel::ItemKind::Sync) {
        m_currentModel.clear();
        m_previewAction->setEnabled(false);
        const QString name = idx.data(ProjectTreeModel::NameRole).toString();
        for (const auto &sync : m_treeModel->config().syncs)
            if (QString::fromStdString(sync.name) == name)
                m_syncPage->setSync(projectPath(), sync);
        m_pages->setCurrentIndex(2);
        return;
    }
    if (kind == ProjectTreeModel::ItemKind::Source || kind == ProjectTreeModel::ItemKind::Destination) {
        m_currentModel.clear();
        m_previewAction->setEnabled(false);
        const std::string name = idx.data(ProjectTreeModel::NameRole).toString().toStdString();
        const QString dir = QString::fromStdString(m_store->directory());
        if (kind == ProjectTreeModel::ItemKind::Source) {
            for (const auto &s : m_treeModel->config().sources)
                if (s.name == name)
                    m_connectionPage->showSource(dir, s);
        } else {
            for (const auto &d : m_treeModel->config().destinations)
                if (d.name == name)
                    m_connectionPage->showDestination(dir, d);
        }
        m_pages->setCurrentIndex(3);
        return;
    }
    if (kind != ProjectTreeModel::ItemKind::Model) {
        m_currentModel.clear();
        m_previewAction->setEnabled(false);
        m_pages->setCurrentIndex(0);
        return;
    }
    m_currentModel = idx.data(ProjectTreeModel::NameRole).toString();
    for (const auto &m : m_treeModel->config().models) {
        if (QString::fromStdString(m.name) != m_currentModel)
            continue;
        QStringList key;
        for (const auto &k : m.primaryKey)
            key << QString::fromStdString(k);
        m_modelTitle->setText(m_currentModel);
        m_modelInfo->setText(tr("Source: %1 · Primary key: %2 · %3")
                                 .arg(QString::fromStdString(m.source), key.join(QStringLiteral(", ")),
                                      QString::fromStdString(m.description)));
        m_sqlView->setPlainText(QString::fromStdString(m.sql));
    }
    m_pages->setCurrentIndex(1);
    m_previewAction->setEnabled(true);
    refreshPreview();
}

void MainWindow::refreshPreview()
{
    if (!m_store || m_currentModel.isEmpty())
        return;
    const auto &config = m_treeModel->config();
    const ModelDef *model = nullptr;
    for (const auto &m : config.models)
        if (QString::fromStdString(m.name) == m_currentModel)
            model = &m;
    if (!model)
        return;
    const SourceDef *source = nullptr;
    for (const auto &s : config.sources)
        if (s.name == model->source)
            source = &s;
    if (!source)
        return;
    m_errorLabel->hide();
    m_engine->startPreview(*source, *model, QString::fromStdString(m_store->directory()),
                           m_limit->value());
    setBusy(true);
    m_statusLabel->setText(tr("Previewing %1…").arg(m_currentModel));
}

void MainWindow::cancelPreview()
{
    m_engine->cancelPreview();
}

void MainWindow::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_cancelAction->setEnabled(busy);
}

void MainWindow::onPreviewFinished(const PreviewOutcome &outcome)
{
    setBusy(false);
    if (outcome.cancelled) {
        m_statusLabel->setText(tr("Preview cancelled"));
        return;
    }
    if (!outcome.error.isEmpty()) {
        m_previewModel->clear();
        m_errorLabel->setText(outcome.error);
        m_errorLabel->show();
        m_statusLabel->setText(tr("Preview failed"));
        return;
    }
    std::vector<std::string> key;
    for (const auto &m : m_treeModel->config().models)
        if (QString::fromStdString(m.name) == m_currentModel)
            key = m.primaryKey;
    const ModelPreview &p = *outcome.preview;
    auto keyCheck = keyColumnIndexes(p.columns, key);
    const int rows = int(p.rows.size());
    const double ms = p.elapsedMs;
    const bool more = p.more;
    m_previewModel->setPreview(p, key);
    m_table->resizeColumnsToContents();
    if (!keyCheck) {
        m_errorLabel->setText(QString::fromStdString(keyCheck.error().message));
        m_errorLabel->show();
    }
    m_statusLabel->setText(more ? tr("%n rows (more available) in %1 ms", nullptr, rows)
                                      .arg(QString::number(ms, 'f', 1))
                                : tr("%n rows in %1 ms", nullptr, rows).arg(QString::number(ms, 'f', 1)));
}

void MainWindow::copySelection()
{
    const QModelIndexList sel = m_table->selectionModel()->selectedIndexes();
    if (sel.isEmpty())
        return;
    int top = INT_MAX, bottom = 0, left = INT_MAX, right = 0;
    for (const auto &i : sel) {
        top = std::min(top, i.row());
        bottom = std::max(bottom, i.row());
        left = std::min(left, i.column());
        right = std::max(right, i.column());
    }
    QString text;
    for (int r = top; r <= bottom; ++r) {
        QStringList cells;
        for (int c = left; c <= right; ++c)
            cells << m_sortProxy->index(r, c).data().toString();
        text += cells.join('\t') + '\n';
    }
    QApplication::clipboard()->setText(text);
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

void MainWindow::openProjectDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QString(),
                                                      tr("Sluice projects (*.sluice);;All files (*)"));
    if (!path.isEmpty())
        openProject(path);
}

void MainWindow::exportProject()
{
    if (!m_store)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Project"), QFileInfo(projectPath()).completeBaseName() + ".sluice.json",
        tr("Sluice exports (*.json)"));
    if (path.isEmpty())
        return;
    auto config = m_store->load();
    if (!config) {
        QMessageBox::critical(this, tr("Export failed"), QString::fromStdString(config.error().describe()));
        return;
    }
    if (auto r = writeFileAtomically(path.toStdString(), exportText(*config)); !r) {
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
    store->reset();
    openProject(to);
}

} // namespace sluice::ui

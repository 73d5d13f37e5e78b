#pragma once
// The main window: the project explorer on the left, an editor tab per open
// item (model, sync, source, destination) on the right, the job log as a
// dock, running syncs in the status bar. One ProjectDocument holds the open
// project and its project-wide undo stack (Edit > Undo / Redo).

#include <QDateTime>
#include <QMainWindow>
#include <QMap>

class QLabel;
class QScrollArea;
class QProgressBar;
class QStackedWidget;
class QTabWidget;
class QTreeView;
class QAction;
class QMenu;

namespace sluice::ui {

class ConnectionPage;
class EngineBridge;
class JobLogView;
class ModelEditor;
class NewItemDialog;
class ProjectNeedsDialog;
class PreviewTableModel;
class ProjectOverviewPage;
class ProjectScheduler;
class ProjectDocument;
class ProjectTreeModel;
class SyncEditor;
class SyncPage;
class WelcomePage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a project; on failure shows why and keeps the current one.
    // Opens `path` and, unless told where else to land, shows its first model's rows.
    bool openProject(const QString &path, bool showErrors = true, bool showFirstModel = true);
    // The first model's rows (or the overview when there is none): where a
    // project opens unless asked for an item.
    void showFirstItem();
    QString projectPath() const;

    ProjectDocument *document() const { return m_document; }
    ProjectTreeModel *projectTreeModel() const { return m_treeModel; }
    QTreeView *projectTree() const { return m_tree; }
    QTabWidget *editors() const { return m_editors; }
    WelcomePage *welcomePage() const { return m_welcome; }
    JobLogView *jobLog() const { return m_jobLog; }
    QString statusText() const;

    // The editor of the current tab, when it is of that kind (else nullptr).
    ModelEditor *currentModelEditor() const;
    SyncEditor *currentSyncEditor() const;
    ConnectionPage *connectionPage() const;
    // Shorthands of the current model editor / sync editor, for tests.
    PreviewTableModel *previewModel() const;
    EngineBridge *engine() const;
    SyncPage *syncPage() const;
    QString errorText() const;

    // "model:NAME", "sync:NAME", "source:NAME" or "destination:NAME";
    // opens (or shows) its editor tab. "sync:NAME#PAGE" also shows a page
    // of the sync editor (settings, runs, rejected, inspector, history);
    // "overview" opens the project overview.
    bool selectItem(const QString &spec);
    // The project overview tab (run history and charts of every sync).
    ProjectOverviewPage *openProjectOverview();
    void selectSync(const QString &name);
    // Opens the dialog that adds a source, model, destination or sync
    // (a ProjectTreeModel::ItemKind); the new item's editor opens after it.
    NewItemDialog *addItem(int kind);
    // Project > What This Project Needs: the files and secrets this machine
    // must supply, each with its fix (shown after an import when any).
    // `onlyIfAny`: nothing is shown, and null returned, when nothing is missing.
    ProjectNeedsDialog *showProjectNeeds(bool onlyIfAny = false);
    // Runs the project's schedules while it is open (Project > Run Schedules
    // While Open, remembered); off: only runs started by hand.
    ProjectScheduler *scheduler() const { return m_scheduler; }
    void setSchedulesEnabled(bool enabled);
    QString scheduleText() const;

signals:
    // A run the schedules started has finished (its history is reloaded).
    void scheduledRunFinished(const QString &sync, qint64 runId);

public slots:
    void selectModel(const QString &name);
    void refreshPreview();
    void cancelPreview();
    void closeCurrentEditor();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void buildSyncMenu();
    QString dialogFolder() const; // where the file dialogs start
    void updateSyncMenu();
    void buildLayout();
    void onTreeCurrentChanged();
    void onTabChanged(int index);
    void onConfigChanged();
    QWidget *openEditor(int kind, const QString &name);
    void closeEditor(int index);
    void showTreeMenu(const QPoint &pos);
    void renameItem(int kind, const QString &name);
    void deleteItem(int kind, const QString &name);
    void duplicateItem(int kind, const QString &name);
    QString addText(int kind) const;
    void connectScheduler();
    void updateScheduleLabel();
    void markRunning(const QString &sync, bool running);
    void setPreviewBusy(bool busy);
    void updateRecentMenu();
    void addRecent(const QString &path);
    void newProject();
    void newDemoProject();
    void openDemo();
    void openProjectDialog();
    void exportProject();
    void importProject();

    ProjectDocument *m_document = nullptr;
    ProjectTreeModel *m_treeModel = nullptr;
    QTreeView *m_tree = nullptr;
    QStackedWidget *m_center = nullptr;
    WelcomePage *m_welcome = nullptr;
    QScrollArea *m_welcomeScroll = nullptr;
    QTabWidget *m_editors = nullptr;
    JobLogView *m_jobLog = nullptr;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_runningLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QStringList m_runningSyncs;

    QAction *m_previewAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_exportAction = nullptr;
    QMenu *m_projectMenu = nullptr;
    QAction *m_schedulesAction = nullptr;
    ProjectScheduler *m_scheduler = nullptr;
    QLabel *m_scheduleLabel = nullptr;
    QMap<QString, QDateTime> m_nextDue; // scheduled syncs and their next run
    QAction *m_closeTabAction = nullptr;
    QMenu *m_syncMenu = nullptr; // acts on the sync whose tab is shown
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    bool m_syncingSelection = false;
};

} // namespace sluice::ui

#pragma once
// The main window, first cut: the project explorer on the left and, for the
// selected model, its SQL and preview rows (loaded off the GUI thread, with
// progress and cancel) on the right.

#include <QMainWindow>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QSpinBox;
class QStackedWidget;
class QTableView;
class QTreeView;
class QAction;
class QMenu;
class QSortFilterProxyModel;

namespace sluice {
class ProjectStore;
}

namespace sluice::ui {

class EngineBridge;
class JobLogView;
class PreviewTableModel;
class SyncPage;
class ConnectionPage;
class ProjectTreeModel;
struct PreviewOutcome;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a project; on failure shows why and keeps the current one.
    bool openProject(const QString &path, bool showErrors = true);
    QString projectPath() const;

    // For tests and the welcome flow.
    ProjectTreeModel *projectTreeModel() const { return m_treeModel; }
    PreviewTableModel *previewModel() const { return m_previewModel; }
    QTreeView *projectTree() const { return m_tree; }
    EngineBridge *engine() const { return m_engine; }
    QString statusText() const;
    SyncPage *syncPage() const { return m_syncPage; }
    ConnectionPage *connectionPage() const { return m_connectionPage; }
    JobLogView *jobLog() const { return m_jobLog; }
    void selectSync(const QString &name);
    // "model:NAME", "sync:NAME", "source:NAME" or "destination:NAME".
    bool selectItem(const QString &spec);
    QString errorText() const;

public slots:
    void selectModel(const QString &name);
    void refreshPreview();
    void cancelPreview();

private:
    void buildActions();
    void buildLayout();
    void onSelectionChanged();
    void onPreviewFinished(const PreviewOutcome &outcome);
    void setBusy(bool busy);
    void updateRecentMenu();
    void addRecent(const QString &path);
    void newProject();
    void newDemoProject();
    void openProjectDialog();
    void exportProject();
    void importProject();
    void copySelection();

    std::unique_ptr<ProjectStore> m_store;
    ProjectTreeModel *m_treeModel = nullptr;
    PreviewTableModel *m_previewModel = nullptr;
    QSortFilterProxyModel *m_sortProxy = nullptr;
    EngineBridge *m_engine = nullptr;

    QTreeView *m_tree = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QLabel *m_modelTitle = nullptr;
    QLabel *m_modelInfo = nullptr;
    QPlainTextEdit *m_sqlView = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_errorLabel = nullptr;
    QSpinBox *m_limit = nullptr;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_runningLabel = nullptr;
    SyncPage *m_syncPage = nullptr;
    ConnectionPage *m_connectionPage = nullptr;
    JobLogView *m_jobLog = nullptr;
    QStringList m_runningSyncs;
    QProgressBar *m_progress = nullptr;

    QAction *m_previewAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_exportAction = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QString m_currentModel;
};

} // namespace sluice::ui

#pragma once
// The job log panel (a dock in the main window): the events of one run,
// live while it runs. Which run is chosen by two filters: a sync (or all
// syncs) and a run (the latest of that choice, followed as new runs start,
// or one picked from the list); the events are then filtered by level and
// searched by text, and can be exported to CSV.

#include <QWidget>

#include <memory>

class QComboBox;
class QLineEdit;
class QLabel;
class QTableView;
class QTimer;

namespace sluice {
class StateStore;
}

namespace sluice::ui {

class JobLogModel;
class JobLogFilter;

class JobLogView : public QWidget {
    Q_OBJECT
public:
    explicit JobLogView(QWidget *parent = nullptr);
    ~JobLogView() override;

    // A run started in the app (live) or picked in a run history. A live run
    // of another sync than the one the sync filter names is not shown; a
    // picked run is, and the filters move to it.
    void showRun(const QString &projectPath, qint64 runId, bool live);
    // A project was opened: show its latest run, and follow new ones.
    void setProject(const QString &projectPath);
    void stopLive(); // one last refresh, then stop polling the run's events
    JobLogModel *model() const { return m_model; }
    JobLogFilter *filter() const { return m_filter; }

    QComboBox *syncFilter() const { return m_sync; }
    QComboBox *runFilter() const { return m_run; }
    // Empty: all syncs. Shows that sync's latest run.
    void setSyncFilter(const QString &syncName);
    // 0: the latest run of the sync filter's choice, followed; else that run.
    void setRunFilter(qint64 runId);
    QString titleText() const;

private:
    StateStore *state();
    void fillSyncs();
    void fillRuns();
    void followLatest();
    void displayRun(qint64 runId, bool live);
    void updateTitle();
    void poll();
    void exportCsv();

    QString m_projectPath;
    std::unique_ptr<StateStore> m_state;
    bool m_live = false;
    JobLogModel *m_model = nullptr;
    JobLogFilter *m_filter = nullptr;
    QComboBox *m_sync = nullptr;
    QComboBox *m_run = nullptr;
    QComboBox *m_level = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_title = nullptr;
    QTableView *m_table = nullptr;
    QTimer *m_poll = nullptr;
};

} // namespace sluice::ui

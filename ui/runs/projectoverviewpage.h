#pragma once
// The project overview (an editor tab of its own, View > Project Overview):
// the run history of every sync in one table, and the run charts for the
// whole project with each sync in its own colour. Read off the GUI thread;
// reloaded when shown and after runs.

#include "jobs/statereader.h"

#include "jobs/backgroundtask.h"
#include <QWidget>

class QLabel;
class QSplitter;
class QTableView;

namespace sluice::ui {

class ProjectDocument;
class RunCharts;
class RunHistoryModel;

class ProjectOverviewPage : public QWidget {
    Q_OBJECT
public:
    explicit ProjectOverviewPage(ProjectDocument *document, QWidget *parent = nullptr);
    ~ProjectOverviewPage() override;

    RunHistoryModel *history() const { return m_history; }
    RunCharts *charts() const { return m_charts; }
    QTableView *table() const { return m_table; }
    QString summaryText() const;
    bool isLoading() const { return m_task.isRunning(); }

public slots:
    void reload();

signals:
    void runSelected(qint64 runId);
    void loaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updateSummary();

    ProjectDocument *m_document;
    bool m_stale = true;
    bool m_sized = false;
    QString m_error;
    BackgroundTask<Result<std::vector<RunRecord>>> m_task;
    QLabel *m_title = nullptr;
    QLabel *m_summary = nullptr;
    RunHistoryModel *m_history = nullptr;
    QTableView *m_table = nullptr;
    RunCharts *m_charts = nullptr;
    QSplitter *m_split = nullptr;
};

} // namespace sluice::ui

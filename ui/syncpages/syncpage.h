#pragma once
// The page of one sync: what it connects, run / dry run / full resync /
// retry rejected / cancel with live progress (rows read, delivered,
// rejected, rows per second, time left), its run history as a table and as
// charts (delivered and rejected per run, duration and throughput over time).

#include "core/entities.h"
#include "sync/syncrunner.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

class QSplitter;

namespace sluice::ui {

class RunCharts;
class RunHistoryModel;
class RunJob;

class SyncPage : public QWidget {
    Q_OBJECT
public:
    explicit SyncPage(QWidget *parent = nullptr);
    ~SyncPage() override;

    void setSync(const QString &projectPath, const SyncDef &sync);
    QString syncName() const;
    bool isRunning() const;
    RunHistoryModel *history() const { return m_history; }
    QTableView *historyTable() const { return m_historyTable; }
    RunCharts *charts() const { return m_charts; }
    QString progressText() const;
    // Reads the run history again (after a run started elsewhere: a schedule).
    void reloadHistory();

public slots:
    void run(sluice::RunKind kind = sluice::RunKind::Normal);
    void cancel();

signals:
    void runStarted(const QString &sync, qint64 runId);
    void runFinished(const QString &sync, qint64 runId, const QString &status);
    void runSelected(qint64 runId); // a row of the history table
    // After every run this page started, also one that could not start.
    void runEnded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onProgress(const RunSummary &s);
    void setRunning(bool running);

    QString m_projectPath;
    SyncDef m_sync;
    RunJob *m_job = nullptr;
    qint64 m_liveRunId = 0;

    QLabel *m_title = nullptr;
    QLabel *m_details = nullptr;
    QPushButton *m_runButton = nullptr;
    QPushButton *m_dryRunButton = nullptr;
    QPushButton *m_resyncButton = nullptr;
    QPushButton *m_retryButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressText = nullptr;
    QLabel *m_resultText = nullptr;
    RunHistoryModel *m_history = nullptr;
    QTableView *m_historyTable = nullptr;
    RunCharts *m_charts = nullptr;
    QSplitter *m_split = nullptr;
    bool m_sized = false;
};

} // namespace sluice::ui

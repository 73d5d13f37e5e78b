#pragma once
// The API inspector of a sync (an inner tab of its editor): the HTTP
// requests of a chosen run and their answers, as the engine recorded them
// with credentials redacted; the selected exchange's request and response
// (headers, and bodies indented when they are JSON); a filter by status.
// Runs and exchanges are read off the GUI thread.

#include "jobs/statereader.h"

#include "jobs/backgroundtask.h"
#include "syncstatepage.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTableView;

namespace sluice::ui {

class HttpExchangeFilter;
class HttpExchangeModel;

class ApiInspectorPage : public SyncStatePage {
    Q_OBJECT
public:
    explicit ApiInspectorPage(QWidget *parent = nullptr);
    ~ApiInspectorPage() override;

    // Shows `runId` (a run picked in the history), once the runs are read.
    void showRun(qint64 runId);
    qint64 runId() const;

    HttpExchangeModel *model() const { return m_model; }
    HttpExchangeFilter *filter() const { return m_filter; }
    QComboBox *runBox() const { return m_runs; }
    QComboBox *statusBox() const { return m_status; }
    QTableView *table() const { return m_table; }
    QString requestText() const;
    QString responseText() const;
    QString summaryText() const;
    bool isLoading() const { return m_runsTask.isRunning() || m_exchangeTask.isRunning(); }

signals:
    void loaded();

protected:
    void load() override;

private:
    void loadExchanges();
    void showDetail();
    void updateSummary();

    qint64 m_wantedRun = 0;
    QString m_error;
    BackgroundTask<Result<std::vector<RunRecord>>> m_runsTask;
    BackgroundTask<Result<std::vector<StoredExchange>>> m_exchangeTask;
    HttpExchangeModel *m_model = nullptr;
    HttpExchangeFilter *m_filter = nullptr;
    QComboBox *m_runs = nullptr;
    QComboBox *m_status = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_requestTitle = nullptr;
    QLabel *m_responseTitle = nullptr;
    QPlainTextEdit *m_request = nullptr;
    QPlainTextEdit *m_response = nullptr;
};

} // namespace sluice::ui

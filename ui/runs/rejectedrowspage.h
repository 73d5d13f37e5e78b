#pragma once
// The rows a sync currently has rejected (an inner tab of its editor): row
// key, reason, attempts, run, first seen, and the payload in a detail view;
// a text filter; copy, CSV export, and "Retry Now", which asks the runs page
// for a retry-rejected run and reloads when it ends. Read off the GUI thread.

#include "jobs/statereader.h"

#include "jobs/backgroundtask.h"
#include "syncstatepage.h"

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace sluice::ui {

class RejectedRowsFilter;
class RejectedRowsModel;

class RejectedRowsPage : public SyncStatePage {
    Q_OBJECT
public:
    explicit RejectedRowsPage(QWidget *parent = nullptr);
    ~RejectedRowsPage() override;

    RejectedRowsModel *model() const { return m_model; }
    RejectedRowsFilter *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QPushButton *retryButton() const { return m_retry; }
    QString summaryText() const;
    QString detailText() const;
    bool isLoading() const { return m_task.isRunning(); }
    bool writeCsv(const QString &path, QString *error = nullptr) const;

public slots:
    // A run of this sync started or ended elsewhere (the runs page).
    void setRunActive(bool active);
    void copySelection() const;

signals:
    void retryRequested();
    void loaded();

protected:
    void load() override;

private:
    void showDetail();
    void exportCsv();
    void updateButtons();
    QList<int> selectedSourceRows() const;

    bool m_runActive = false;
    bool m_more = false;
    QString m_error;
    BackgroundTask<Result<RejectedRows>> m_task;
    RejectedRowsModel *m_model = nullptr;
    RejectedRowsFilter *m_filter = nullptr;
    QLabel *m_summary = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_detailTitle = nullptr;
    QPlainTextEdit *m_detail = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_retry = nullptr;
};

} // namespace sluice::ui

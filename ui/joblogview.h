#pragma once
// The job log panel (a dock in the main window): a run's events, live while
// it runs, filtered by level and searched by text, exportable to CSV.

#include <QWidget>

class QComboBox;
class QLineEdit;
class QLabel;
class QTableView;
class QTimer;

namespace sluice::ui {

class JobLogModel;
class JobLogFilter;

class JobLogView : public QWidget {
    Q_OBJECT
public:
    explicit JobLogView(QWidget *parent = nullptr);

    void showRun(const QString &projectPath, qint64 runId, bool live);
    void stopLive(); // one last refresh, then stop polling
    JobLogModel *model() const { return m_model; }
    JobLogFilter *filter() const { return m_filter; }

private:
    void exportCsv();

    JobLogModel *m_model = nullptr;
    JobLogFilter *m_filter = nullptr;
    QComboBox *m_level = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_title = nullptr;
    QTableView *m_table = nullptr;
    QTimer *m_poll = nullptr;
};

} // namespace sluice::ui

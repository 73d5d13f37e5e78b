#pragma once
// The plan of a sync without sending anything: a dry run (RunKind::DryRun via
// RunJob, off the GUI thread, cancellable) with its counts of added, changed,
// removed and unchanged rows, and the sample payloads the engine recorded
// while planning (a few of each kind).

#include "jobs/runjob.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace sluice::ui {

class DryRunSampleModel;

class DryRunPane : public QWidget {
    Q_OBJECT
public:
    explicit DryRunPane(QWidget *parent = nullptr);
    ~DryRunPane() override;

    void setSync(const QString &projectPath, const QString &syncName);
    bool isRunning() const;
    const std::optional<RunSummary> &summary() const { return m_summary; }
    DryRunSampleModel *samples() const { return m_samples; }
    QTableView *samplesView() const { return m_samplesView; }
    QString countsText() const; // "1000 added, 0 changed, 0 removed, 0 unchanged"
    QString statusText() const;
    QString payloadText() const; // the selected sample's payload

public slots:
    void run();
    void cancel();

signals:
    void finished(const sluice::ui::RunOutcome &outcome);

private:
    void onProgress(const RunSummary &s);
    void onFinished(const RunOutcome &outcome);
    void setRunning(bool running);
    void showCounts(const RunSummary &s);
    void showSelected();

    QString m_projectPath;
    QString m_syncName;
    RunJob *m_job = nullptr;
    std::optional<RunSummary> m_summary;
    DryRunSampleModel *m_samples;

    QPushButton *m_runButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_added = nullptr;
    QLabel *m_changed = nullptr;
    QLabel *m_removed = nullptr;
    QLabel *m_unchanged = nullptr;
    QLabel *m_other = nullptr;
    QWidget *m_results = nullptr;
    QTableView *m_samplesView = nullptr;
    QLabel *m_sampleTitle = nullptr;
    QPlainTextEdit *m_payload = nullptr;
    QPlainTextEdit *m_problems = nullptr; // scrolls when the pane is short
};

} // namespace sluice::ui

#pragma once
// Runs a sync on a worker thread and reports back on the GUI thread:
// progress (throttled by the engine to 10 per second), then the outcome.
// cancel() stops it at a batch boundary, like Ctrl+C in sluicectl.

#include "core/cancel.h"
#include "sync/syncrunner.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <memory>

namespace sluice::ui {

struct RunOutcome {
    std::optional<RunSummary> summary; // set when the run started
    QString error;                     // why it could not start (already running, bad config)
};

class RunJob : public QObject {
    Q_OBJECT
public:
    RunJob(QString projectPath, QString syncName, RunOptions options, QObject *parent = nullptr);
    ~RunJob() override;

    void start();
    void cancel();
    bool isRunning() const;
    const QString &syncName() const { return m_syncName; }

signals:
    void progress(const sluice::RunSummary &summary);
    void finished(const sluice::ui::RunOutcome &outcome);

private:
    QString m_projectPath;
    QString m_syncName;
    RunOptions m_options;
    std::shared_ptr<CancelToken> m_cancel = std::make_shared<CancelToken>();
    QFutureWatcher<RunOutcome> m_watcher;
};

} // namespace sluice::ui

Q_DECLARE_METATYPE(sluice::RunSummary)
Q_DECLARE_METATYPE(sluice::ui::RunOutcome)

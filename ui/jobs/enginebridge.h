#pragma once
// The one adapter between widgets and the engine: runs engine work on a
// worker thread (QtConcurrent) and hands results back on the GUI thread as
// signals. Every job can be cancelled; a late result of a superseded job is
// dropped.

#include "audiences/projectaudience.h"
#include "core/entities.h"
#include "models/modelrunner.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <mutex>

namespace sluice::ui {

struct PreviewOutcome {
    quint64 jobId = 0;
    std::optional<ModelPreview> preview;
    QString error; // empty on success
    bool cancelled = false;
};

class EngineBridge : public QObject {
    Q_OBJECT
public:
    explicit EngineBridge(QObject *parent = nullptr);
    ~EngineBridge() override;

    // Starts previewing `model` from `source` (settings relative to
    // `projectDir`); cancels a preview still running. Returns the job id.
    quint64 startPreview(const SourceDef &source, const ModelDef &model, const QString &projectDir, int limit);
    // The same for an audience used as a model (its members) or the tags
    // model, compiled now on the worker for the customers' source.
    quint64 startAudiencePreview(const audiences::AudienceSetup &setup, const QString &projectDir, int limit);
    void cancelPreview();
    bool isBusy() const;

signals:
    void previewStarted(quint64 jobId);
    void previewFinished(const sluice::ui::PreviewOutcome &outcome);

private:
    using Read = std::function<Result<ModelPreview>(Source &)>;
    quint64 start(const SourceDef &source, const QString &projectDir, Read read);

    struct Job;
    std::shared_ptr<Job> m_current;
    QFutureWatcher<PreviewOutcome> m_watcher;
    quint64 m_nextId = 1;
};

} // namespace sluice::ui

Q_DECLARE_METATYPE(sluice::ui::PreviewOutcome)

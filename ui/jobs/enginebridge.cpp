#include "enginebridge.h"

#include "document/projectdocument.h"

#include "sourcecancel.h"

#include "sources/sourcekinds.h"

#include <chrono>

#include <QtConcurrent/QtConcurrentRun>

namespace sluice::ui {

// Shared between the GUI thread (cancel) and the worker (run).
struct EngineBridge::Job : SourceCancel {
    quint64 id = 0;
};

EngineBridge::EngineBridge(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<sluice::ui::PreviewOutcome>();
    connect(&m_watcher, &QFutureWatcher<PreviewOutcome>::finished, this, [this] {
        const PreviewOutcome outcome = m_watcher.result();
        // A newer job replaced this one: its result is of no interest.
        if (m_current && m_current->id == outcome.jobId) {
            m_current.reset();
            emit previewFinished(outcome);
        }
    });
}

EngineBridge::~EngineBridge()
{
    cancelPreview();
    m_watcher.waitForFinished();
}

bool EngineBridge::isBusy() const
{
    return m_current != nullptr;
}

void EngineBridge::cancelPreview()
{
    if (m_current)
        m_current->cancel();
}

quint64 EngineBridge::startPreview(const SourceDef &sourceDef, const ModelDef &model, const QString &projectDir,
                                   int limit)
{
    return start(sourceDef, projectDir, [model, limit](Source &source) { return previewModel(source, model, limit); });
}

quint64 EngineBridge::startAudiencePreview(const audiences::AudienceSetup &setup, const QString &projectDir, int limit)
{
    // Compiled on the worker: reading the models' columns queries the source.
    return start(setup.source, projectDir, [setup, limit](Source &source) -> Result<ModelPreview> {
        const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
        auto model = audiences::compileModel(setup, source, now);
        if (!model)
            return std::unexpected(model.error());
        return previewModel(source, *model, limit);
    });
}

quint64 EngineBridge::start(const SourceDef &sourceDef, const QString &projectDir, Read read)
{
    cancelPreview();
    auto job = std::make_shared<Job>();
    job->id = m_nextId++;
    m_current = job;
    const std::string dir = projectDir.toStdString();
    // The previous job is cancelled; wait for it off the GUI thread by
    // letting the watcher be re-pointed (QFutureWatcher tolerates that).
    const SecretAccess access = ProjectDocument::secretAccess();
    m_watcher.setFuture(QtConcurrent::run([job, sourceDef, read = std::move(read), dir, access]() {
        PreviewOutcome out;
        out.jobId = job->id;
        auto preview = job->readFrom(sourceDef, SourceContext{dir, access}, read);
        if (preview)
            out.preview = std::move(*preview);
        else if (preview.error().kind == ErrorKind::Cancelled)
            out.cancelled = true;
        else
            out.error = QString::fromStdString(preview.error().describe());
        return out;
    }));
    emit previewStarted(job->id);
    return job->id;
}

} // namespace sluice::ui

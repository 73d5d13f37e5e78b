#include "payloadpreviewjob.h"

#include "sync/syncpreview.h"

#include <QtConcurrent/QtConcurrentRun>

namespace sluice::ui {

PayloadPreviewJob::PayloadPreviewJob(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<sluice::ui::PayloadPreviewResult>();
    connect(&m_watcher, &QFutureWatcher<PayloadPreviewResult>::finished, this, [this] {
        PayloadPreviewResult result = m_watcher.result();
        m_cancelled.reset();
        if (m_pending) {
            auto [request, id] = std::move(*m_pending);
            m_pending.reset();
            launch(std::move(request), id);
            return; // the finished one was superseded
        }
        if (result.id == m_current)
            emit finished(result);
    });
}

PayloadPreviewJob::~PayloadPreviewJob()
{
    m_pending.reset();
    if (m_cancelled)
        *m_cancelled = true;
    m_watcher.waitForFinished();
}

bool PayloadPreviewJob::isBusy() const
{
    return m_watcher.isRunning() || m_pending.has_value();
}

quint64 PayloadPreviewJob::start(PayloadPreviewRequest request)
{
    const quint64 id = m_nextId++;
    m_current = id;
    if (m_watcher.isRunning()) {
        // Runs when the superseded one stops; only the newest waits.
        if (m_cancelled)
            *m_cancelled = true;
        m_pending.emplace(std::move(request), id);
    } else {
        launch(std::move(request), id);
    }
    emit started();
    return id;
}

void PayloadPreviewJob::launch(PayloadPreviewRequest request, quint64 id)
{
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    m_cancelled = cancelled;
    m_watcher.setFuture(QtConcurrent::run([request = std::move(request), id, cancelled] {
        PayloadPreviewResult result = compute(request, cancelled.get());
        result.id = id;
        return result;
    }));
}

PayloadPreviewResult PayloadPreviewJob::compute(const PayloadPreviewRequest &request, const std::atomic_bool *cancelled)
{
    PayloadPreviewResult out;
    out.sample = request.sample;
    if (!request.sample)
        return out;
    const ModelPreview &sample = *request.sample;
    LookupTable lookup;
    if (auto shared = request.lookup) {
        lookup = [shared](const std::string &model, const std::string &key, const std::string &value) {
            std::lock_guard lock(shared->mutex);
            return shared->table(model, key, value);
        };
    }
    auto previewed = previewSync(request.sync, sample, request.primaryKey, std::move(lookup), cancelled);
    if (!previewed) {
        out.error = QString::fromStdString(previewed.error().describe());
        return out;
    }
    checkAgainstDestination(*previewed, request.fields);
    out.columnNamesMapping = previewed->columnNamesMapping;
    out.rows.reserve(previewed->rows.size());
    for (SyncPreviewRow &p : previewed->rows) {
        PreviewedRow row;
        row.sourceIndex = p.sourceIndex;
        row.key = QString::fromStdString(p.key);
        row.payload = std::move(p.payload);
        row.problems = std::move(p.problems);
        row.rejected = p.rejected;
        row.filtered = p.skipped;
        out.rows.push_back(std::move(row));
    }
    return out;
}

} // namespace sluice::ui

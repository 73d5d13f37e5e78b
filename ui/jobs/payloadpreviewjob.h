#pragma once
// Computes the payload preview of a sync off the GUI thread: the sample rows
// of its model through the mapping being edited (Mapper::compile with the
// project's model lookups, then previewPayloads), exactly as
// `sluicectl preview --sync` does. A request made while one is running
// supersedes it: the running one's result is dropped and only the newest
// request runs next, so a burst of edits costs at most two computations.

#include "core/entities.h"
#include "destinations/contract/destinationfield.h"
#include "mapping/mapper.h"
#include "models/modelrunner.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

namespace sluice::ui {

// The project's model lookups, shared by successive previews so a lookup
// model is read once, not on every keystroke. makeModelLookup's table is for
// one thread at a time; the mutex makes sharing it safe.
struct SharedLookup {
    std::mutex mutex;
    LookupTable table;
};

struct PayloadPreviewRequest {
    std::shared_ptr<const ModelPreview> sample; // the model's columns and first rows
    std::vector<std::string> primaryKey;
    SyncDef sync;                         // with the mapping as edited
    std::shared_ptr<SharedLookup> lookup; // may be null: lookups then fail to compile
    // What the destination describes of its fields (options, types): values
    // it would refuse are shown as rejected. Empty: not known, not checked.
    std::vector<DestinationField> fields;
};

struct PreviewedRow {
    std::size_t sourceIndex = 0; // in the request's sample rows
    QString key;                 // primary key values joined with " | "
    std::string payload;         // the exact JSON object sent; "" when not sent
    std::vector<FieldProblem> problems;
    bool rejected = false;
    bool filtered = false; // left out by the sync's filter or sampling
};

struct PayloadPreviewResult {
    quint64 id = 0;
    std::shared_ptr<const ModelPreview> sample;
    std::vector<PreviewedRow> rows;
    bool columnNamesMapping = false; // the sync has no mapping: every column goes under its own name
    QString error;                   // the mapping does not compile, or the rows do not fit it
};

class PayloadPreviewJob : public QObject {
    Q_OBJECT
public:
    explicit PayloadPreviewJob(QObject *parent = nullptr);
    ~PayloadPreviewJob() override;

    // Returns the request's id; finished() reports only the newest request.
    quint64 start(PayloadPreviewRequest request);
    bool isBusy() const;

    // The computation itself, synchronous (also used by tests).
    static PayloadPreviewResult compute(const PayloadPreviewRequest &request, const std::atomic_bool *cancelled);

signals:
    void started();
    void finished(const sluice::ui::PayloadPreviewResult &result);

private:
    void launch(PayloadPreviewRequest request, quint64 id);

    QFutureWatcher<PayloadPreviewResult> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancelled; // of the running computation
    std::optional<std::pair<PayloadPreviewRequest, quint64>> m_pending;
    quint64 m_current = 0;
    quint64 m_nextId = 1;
};

} // namespace sluice::ui

Q_DECLARE_METATYPE(sluice::ui::PayloadPreviewResult)

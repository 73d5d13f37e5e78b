#pragma once
// One run of a sync (internal to sync/): plans the model's rows against the
// snapshot (syncrunplan.cpp), sends them through the executor, records the
// destination's answers in groups (syncrunacks.cpp), and finishes the run
// (syncrun.cpp). runSync() and resetBaseline() (syncrunner.cpp) are the way in.

#include "core/keycodec.h"
#include "destinations/contract/destination.h"
#include "mapping/mapper.h"
#include "project/runrecorder.h"
#include "project/statestore.h"
#include "sources/source.h"
#include "sync/executor.h"
#include "sync/rowprefetch.h"
#include "sync/synccontext.h"
#include "sync/synclock.h"
#include "sync/syncrunner.h"

#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace sluice {

using Clock = std::chrono::steady_clock;

// Everything one run needs, in one place.
class SyncRun {
public:
    SyncRun(SyncContext &ctx, const RunOptions &options, CancelToken &cancel, const ProgressFn &progress)
        : m_ctx(ctx), m_options(options), m_cancel(cancel), m_progress(progress)
    {
        m_summary.sync = ctx.sync.name;
        m_summary.kind = runKindName(options.kind);
        m_summary.mode = std::string(syncModeName(ctx.mode));
        m_summary.dryRun = options.kind == RunKind::DryRun;
    }

    Result<RunSummary> execute();

private:
    Result<> prepare();
    Result<> settleKilledRun();
    Result<> removeLeftovers();
    Result<> planSnapshot();
    Result<> planCursor();
    Result<bool> nextSourceRow(Row &row);
    bool filteredOut(const Row &row);
    void classify(const Row &row, const std::string &key, RowClass cls, std::uint64_t hash,
                  bool maybeDelivered = false);
    void removed(const std::string &key);
    void submitRow(const Row &row, const std::string &key, RowClass cls, std::uint64_t hash,
                   bool maybeDelivered = false);
    Record newRecord(const Row &row, const std::string &key, RowClass cls, std::uint64_t hash,
                     bool maybeDelivered) const;
    void handOver(Record &&record, RowClass cls, bool timed, Clock::time_point started);
    void addSample(const std::string &cls, const std::string &key, const MappedRow *mapped);
    void onAck(std::uint64_t seq, std::span<const Record> records, std::span<const RowClass> classes,
               std::span<const RecordOutcome> outcomes);
    ClassCounts &counts(RowClass cls);
    void reportProgress(bool force = false);
    std::uint64_t rowHash(const Row &row) const;
    Result<> finishDelivery(std::string &error);

    SyncContext &m_ctx;
    RunOptions m_options;
    CancelToken &m_cancel;
    ProgressFn m_progress;

    std::unique_ptr<SyncLock> m_lock;
    std::unique_ptr<StateStore> m_state;
    std::unique_ptr<RunRecorder> m_recorder;
    std::unique_ptr<Source> m_source;
    std::unique_ptr<RowCursor> m_rows;
    std::unique_ptr<RowPrefetcher> m_prefetch; // reads m_rows on its own thread; stopped before it goes
    std::vector<Column> m_columns;
    std::vector<std::size_t> m_keyIdx;
    nlohmann::json m_mapping;
    std::optional<Mapper> m_mapper;
    std::uint64_t m_fingerprint = 0;
    bool m_needsFilter = false;
    std::unique_ptr<Destination> m_destination;
    std::unique_ptr<Executor> m_executor;
    RunInfo m_runInfo;

    // Guards m_summary's fields that delivery threads write (delivered,
    // rejected, pending, samples). The counts only the planner writes
    // (queried, invalid, filtered, planned) it updates without the lock and
    // copies under it for progress reports.
    std::mutex m_mutex;
    RunSummary m_summary;
    std::map<std::string, int> m_sampleCounts;
    std::array<int, 5> m_sentSamples{}; // per RowClass: the fast check before addSample

    // Acknowledgements are recorded in groups (a few hundred milliseconds or
    // some thousands of rows), not one transaction per batch: far fewer
    // commits, and delivery threads do not queue behind the project file.
    struct AckGroup {
        std::vector<Acknowledgement> acks;
        std::vector<RowClass> classes;
        std::uint64_t firstBatch = 0;
    };
    // The row cap also bounds the memory a group holds (two at most: one
    // being committed, one filling).
    static constexpr std::size_t kAckGroupRows = 4096;
    static constexpr std::chrono::milliseconds kAckGroupAge{250};
    std::mutex m_ackMutex;
    AckGroup m_ackGroup;
    Clock::time_point m_ackGroupStarted = Clock::now();
    void commitAcks(AckGroup &group);

    // Stage timing: mapping is timed on one row in kMapSampleEvery.
    static constexpr std::uint32_t kMapSampleEvery = 8;
    std::uint32_t m_mapCalls = 0;
    double m_mapSampledSeconds = 0;
    std::int64_t m_mapSampled = 0;
    double m_ackSeconds = 0; // under m_mutex
    std::uint32_t m_progressTick = 0;
    std::map<std::string, int> m_warningCounts; // "field\x1frule" -> rows
    static constexpr int kWarningsLoggedPerKind = 5;
    Clock::time_point m_started = Clock::now();
    Clock::time_point m_lastProgress = Clock::now();

    // Mirror runs hold removed keys until the guard has passed.
    std::vector<std::string> m_removedKeys;
    bool m_guardTripped = false;
    bool m_outputKept = false; // a commit-at-end destination kept its output: the run changed nothing
    std::int64_t m_guardLimit = 0;
    std::set<std::string> m_onlyKeys; // retry-rejected runs

    // Timestamp cursor: positions of records in flight, by submission ordinal.
    bool m_cursorMode = false;
    std::string m_tsColumn;
    std::size_t m_tsIdx = 0;
    std::uint64_t m_nextOrdinal = 1;
    std::map<std::uint64_t, TimestampCursor> m_positions;
    std::set<std::uint64_t> m_doneOrdinals;
    std::uint64_t m_frontier = 0;
    std::optional<TimestampCursor> m_cursorToSave;
};

// The text of a record as the destination received it (see syncrunacks.cpp).
std::string payloadText(const Record &r, const std::vector<FieldSpec> &fields);
// The timestamp cursor's "after this position" predicate (see syncrunplan.cpp).
std::string afterCondition(const Source &source, const std::vector<Column> &columns, const std::vector<Value> &values);

} // namespace sluice

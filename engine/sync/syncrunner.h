#pragma once
// One run of a sync, from model query to acknowledged snapshot:
//
//   Source.query(model ORDER BY key) --stream--> merge with the snapshot
//   --> added / changed / removed / unchanged / invalid
//   --> Mapper (mapping, transforms, validation) --> Executor (batches,
//   concurrency, retries) --> Destination --> acknowledged rows only
//   --> StateStore (per batch) and RunRecorder (history, job log).
//
// Memory stays flat: the model and the snapshot are both read in key order
// and merged in one pass; only the removed keys of a mirror run are held
// (up to the mirror guard's limit).

#include "core/cancel.h"
#include "core/error.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sluice {

enum class RunKind { Normal, DryRun, FullResync, RetryRejected };

struct RunOptions {
    RunKind kind = RunKind::Normal;
    bool allowMassDelete = false;
    int sampleCount = 5;
};

struct ClassCounts {
    std::int64_t planned = 0;
    std::int64_t delivered = 0;
    std::int64_t rejected = 0;
    std::int64_t pending = 0; // planned to send but not acknowledged (cancel, retries exhausted)
};

struct RowSample {
    std::string rowClass; // added | changed | removed | unchanged | invalid
    std::string key;
    std::string payload; // JSON as the destination receives it ("" for removed)
    std::vector<std::string> problems;
};

// Where a run's time went, in seconds. The model is read on a thread of its
// own while the planner merges, and batches are delivered by the executor's
// threads, so the stages overlap: they can add up to more than the run took.
struct StageTimes {
    double query = 0;        // reading the model from the source (reader thread)
    double plan = 0;         // keys, hashes, the merge with the snapshot (planner thread)
    double map = 0;          // mapping, validation and records of the rows sent (planner thread)
    double deliver = 0;      // Destination::write, summed over the delivery threads
    double acknowledge = 0;  // recording acknowledged rows in the snapshot
    double waitRows = 0;     // the planner waiting for the reader
    double waitDelivery = 0; // the planner waiting for a free delivery slot
    std::int64_t mapped = 0; // rows that went through the mapping
};

struct RunSummary {
    std::int64_t runId = 0;
    std::string sync;
    std::string kind; // run | dry-run | full-resync | retry-rejected | reset-baseline
    std::string mode;
    std::string status; // succeeded | partial | deferred | failed | cancelled
    std::string error;
    // The error is in the project or the model (broken SQL, a missing key
    // column, an unset ${env:NAME}, a mapping naming no column), not a
    // failure of a server: sluicectl exits 2 for it, as for any invalid input.
    bool invalidInput = false;
    // "deferred": a server asked to wait longer than a run waits; the
    // pending rows are due then (ISO 8601 UTC), and why.
    std::string deferredUntil;
    std::string deferredBecause;
    std::int64_t queried = 0;
    std::int64_t invalid = 0;
    std::int64_t filtered = 0;
    ClassCounts added, changed, unchanged, removed;
    std::int64_t retries = 0;
    std::int64_t requests = 0;
    std::int64_t batches = 0;
    std::int64_t durationMs = 0;
    std::int64_t snapshotBefore = 0; // records Sluice knows at the destination
    bool dryRun = false;
    // Nothing changed, so a destination that rewrites itself (a file) was
    // left exactly as it was: no write, no new modification time.
    bool destinationUntouched = false;
    std::vector<RowSample> samples;
    StageTimes stages;

    std::int64_t delivered() const;
    std::int64_t rejected() const;
    std::int64_t pending() const;
    double rowsPerSecond() const;
    // The `run --json` document; counts a dry run cannot know are null.
    nlohmann::json toJson() const;
};

// Progress while a run is going: called from the planning thread, at most
// every 100 ms, and once at the end.
using ProgressFn = std::function<void(const RunSummary &)>;

// Runs `syncName` of the project at `projectPath`. Fails with InvalidInput
// when the configuration is wrong (unknown sync, unsupported mode, key not in
// the model) and with Failed code "sync.already_running" when the sync runs
// elsewhere. A run that started always returns a summary, whatever its status.
Result<RunSummary> runSync(const std::string &projectPath, const std::string &syncName, const RunOptions &options,
                           CancelToken &cancel, const ProgressFn &progress = {});

// Records the model's current rows as synced without sending anything.
Result<RunSummary> resetBaseline(const std::string &projectPath, const std::string &syncName, CancelToken &cancel);

} // namespace sluice

#pragma once
// Delivers records to a destination: cuts batches (record count and bytes),
// keeps several in flight, waits on a token bucket, retries what the
// destination calls retryable with exponential back-off and jitter (never
// sooner than Retry-After), splits a batch refused as a whole to isolate the
// bad record, and stops the run on a fatal answer. A throttled record is
// delayed, never dropped; a record still unsent when attempts run out stays
// pending (not acknowledged), so the next run sends it again.
//
// Two waits end a run early instead of stalling it:
// - a server asking to wait longer than maxRetryWait (Retry-After: 3600):
//   the run stops sending, what is unsent stays pending, and deferredUntil()
//   says when the server will take it (the daemon runs the sync then);
// - unreachableAfter requests in a row with no answer at all (connection
//   refused, dropped, timed out): the run stops with "destination unreachable".

#include "core/cancel.h"
#include "destinations/contract/destination.h"
#include "http/retrypolicy.h"
#include "http/tokenbucket.h"
#include "project/runrecorder.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <thread>
#include <vector>

namespace sluice {

// Which plan class a record came from, for the run's counts.
enum class RowClass { Added, Changed, Unchanged, Removed, Cursor };

struct ExecutorOptions {
    int batchSize = 100;
    std::size_t maxBatchBytes = 0; // 0: no limit
    // Bytes a record adds to a request beyond its values (field names,
    // punctuation), for cutting batches by maxBatchBytes.
    std::size_t recordOverheadBytes = 64;
    int concurrency = 1;
    double requestsPerSecond = 0;
    RetryPolicy retry;
    std::chrono::milliseconds maxRetryWait{60000}; // longer hints defer the rest of the run
    int unreachableAfter = 5;                      // requests in a row with no answer
};

class Executor {
public:
    // Called from worker threads with every acknowledged sub-batch: records
    // with their outcome (Delivered or Rejected; pending ones are not passed).
    using AckFn = std::function<void(std::uint64_t batchSeq, std::span<const Record> records,
                                     std::span<const RowClass> classes, std::span<const RecordOutcome> outcomes)>;

    // Called on the submitting thread with each batch before it may be sent;
    // false keeps it from being sent (its records stay pending).
    using BeforeSendFn = std::function<bool(std::uint64_t batchSeq, std::span<const Record> records,
                                            std::span<const RowClass> classes)>;

    Executor(Destination &destination, ExecutorOptions options, CancelToken &cancel, RunRecorder &recorder, AckFn ack,
             BeforeSendFn beforeSend = {});
    ~Executor();

    // Queues a record; blocks while the pipeline is full. False once the run
    // is stopping (cancelled or a fatal error): the caller stops planning.
    bool submit(Record &&record, RowClass cls);
    // Sends the last partial batch and waits for everything in flight.
    void finish();

    std::optional<std::string> fatalError() const;
    // When the run stopped because a server asked to wait past maxRetryWait:
    // the earliest time it will take requests again, and what it said.
    std::optional<std::chrono::system_clock::time_point> deferredUntil() const;
    std::string deferredBecause() const;
    std::int64_t retries() const { return m_retries.load(); }
    std::int64_t pending() const { return m_pending.load(); }
    std::int64_t requests() const { return m_requests.load(); }
    std::uint64_t batchesQueued() const { return m_nextSeq; }
    // Time in Destination::write summed over the worker threads, and the
    // submitting thread's time waiting for room in the queue (seconds).
    double deliverSeconds() const { return double(m_deliverNanos.load()) / 1e9; }
    double waitSeconds() const { return double(m_waitNanos.load()) / 1e9; }

private:
    struct Batch {
        std::uint64_t seq = 0;
        std::vector<Record> records;
        std::vector<RowClass> classes;
    };

    void enqueueCurrent();
    void worker();
    void deliver(std::uint64_t seq, std::vector<Record> records, std::vector<RowClass> classes);
    void giveUp(std::uint64_t seq, const std::vector<Record> &records, const std::string &why);
    // Ends the run: a fatal answer, an unreachable destination, a long wait.
    void stopRun(std::uint64_t seq, const std::vector<Record> &records, const std::string &why, bool fatal);
    bool sleepUnlessCancelled(std::chrono::milliseconds delay);
    // Logs `what` (its arguments, then the wait in seconds, the attempt and
    // the most attempts), then waits; false when the run was cancelled
    // meanwhile (the records are given up).
    bool waitToRetry(std::uint64_t seq, const std::vector<Record> &records, std::chrono::milliseconds delay,
                     int attempt, LogMessage what);

    Destination &m_destination;
    ExecutorOptions m_options;
    CancelToken &m_cancel;
    RunRecorder &m_recorder;
    AckFn m_ack;
    BeforeSendFn m_beforeSend;
    TokenBucket m_bucket;

    Batch m_current;
    std::size_t m_currentBytes = 0;
    std::uint64_t m_nextSeq = 1;

    std::mutex m_mutex;
    std::condition_variable m_queueChanged;
    std::deque<Batch> m_queue;
    bool m_closing = false;
    std::vector<std::thread> m_workers;

    std::atomic<std::int64_t> m_retries{0};
    std::atomic<std::int64_t> m_pending{0};
    std::atomic<std::int64_t> m_requests{0};
    std::atomic<std::int64_t> m_deliverNanos{0};
    std::atomic<std::int64_t> m_waitNanos{0};
    std::atomic<int> m_noAnswerInARow{0};
    mutable std::mutex m_fatalMutex;
    std::optional<std::string> m_fatal;
    std::optional<std::chrono::system_clock::time_point> m_deferredUntil;
    std::string m_deferredBecause;
};

} // namespace sluice

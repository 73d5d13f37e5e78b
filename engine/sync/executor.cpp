#include "executor.h"

#include "core/keycodec.h"

#include <fmt/format.h>

#include <random>

namespace sluice {

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t nanosSince(Clock::time_point start)
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
}

// What a record adds to a request, for cutting batches by bytes: its payload
// when it carries one, else its values as JSON would take them.
std::size_t recordBytes(const Record &r, std::size_t overhead)
{
    if (!r.payload.empty())
        return r.payload.size() + 16;
    std::size_t n = overhead + r.key.size();
    for (const Value &v : r.fields)
        n += v.type() == ValueType::Text ? v.asText().size() + 2 : 24;
    return n;
}

std::string shownKey(const Record &r)
{
    return r.displayKey.empty() ? displayKey(r.key) : r.displayKey;
}

} // namespace

Executor::Executor(Destination &destination, ExecutorOptions options, CancelToken &cancel, RunRecorder &recorder,
                   AckFn ack, BeforeSendFn beforeSend)
    : m_destination(destination), m_options(options), m_cancel(cancel), m_recorder(recorder), m_ack(std::move(ack)),
      m_beforeSend(std::move(beforeSend)), m_bucket(options.requestsPerSecond, std::max(1.0, options.requestsPerSecond))
{
    m_options.batchSize = std::max(1, m_options.batchSize);
    const int threads = std::max(1, m_options.concurrency);
    for (int i = 0; i < threads; ++i)
        m_workers.emplace_back([this] { worker(); });
}

Executor::~Executor()
{
    finish();
}

std::optional<std::string> Executor::fatalError() const
{
    std::lock_guard lock(m_fatalMutex);
    return m_fatal;
}

std::optional<std::chrono::system_clock::time_point> Executor::deferredUntil() const
{
    std::lock_guard lock(m_fatalMutex);
    return m_deferredUntil;
}

std::string Executor::deferredBecause() const
{
    std::lock_guard lock(m_fatalMutex);
    return m_deferredBecause;
}

void Executor::stopRun(std::uint64_t seq, const std::vector<Record> &records, const std::string &why, bool fatal)
{
    {
        std::lock_guard lock(m_fatalMutex);
        if (fatal && !m_fatal)
            m_fatal = why;
    }
    m_recorder.log(fatal ? LogLevel::Error : LogLevel::Warning, why, int(seq));
    m_pending += std::int64_t(records.size());
    m_cancel.cancel(); // nothing more can succeed now; stop planning and queued batches
    m_queueChanged.notify_all();
}

bool Executor::submit(Record &&record, RowClass cls)
{
    if (m_cancel.isCancelled())
        return false;
    const std::size_t bytes = recordBytes(record, m_options.recordOverheadBytes);
    // Cut before a record that would push the batch over the byte limit.
    if (m_options.maxBatchBytes && !m_current.records.empty() && m_currentBytes + bytes > m_options.maxBatchBytes)
        enqueueCurrent();
    m_currentBytes += bytes;
    if (m_current.records.empty()) {
        m_current.records.reserve(std::size_t(m_options.batchSize));
        m_current.classes.reserve(std::size_t(m_options.batchSize));
    }
    m_current.records.push_back(std::move(record));
    m_current.classes.push_back(cls);
    if (int(m_current.records.size()) >= m_options.batchSize)
        enqueueCurrent();
    return !m_cancel.isCancelled();
}

void Executor::enqueueCurrent()
{
    if (m_current.records.empty())
        return;
    m_current.seq = m_nextSeq++;
    if (m_beforeSend && !m_beforeSend(m_current.seq, m_current.records, m_current.classes)) {
        m_pending += std::int64_t(m_current.records.size());
        m_current = Batch{};
        m_currentBytes = 0;
        return;
    }
    const auto started = Clock::now();
    std::unique_lock lock(m_mutex);
    // Bounded: the planner waits rather than buffering the whole model.
    const std::size_t maxQueued = std::size_t(2 * std::max(1, m_options.concurrency));
    m_queueChanged.wait(lock, [&] { return m_queue.size() < maxQueued || m_cancel.isCancelled(); });
    m_waitNanos += nanosSince(started);
    if (m_cancel.isCancelled()) {
        // Stopping: what was not sent stays pending for the next run.
        m_pending += std::int64_t(m_current.records.size());
    } else {
        m_queue.push_back(std::move(m_current));
    }
    m_current = Batch{};
    m_currentBytes = 0;
    m_queueChanged.notify_all();
}

void Executor::finish()
{
    if (m_workers.empty())
        return;
    enqueueCurrent();
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_queueChanged.notify_all();
    for (auto &t : m_workers)
        t.join();
    m_workers.clear();
}

void Executor::worker()
{
    for (;;) {
        Batch batch;
        {
            std::unique_lock lock(m_mutex);
            m_queueChanged.wait(lock, [&] { return !m_queue.empty() || m_closing || m_cancel.isCancelled(); });
            if (m_queue.empty()) {
                if (m_closing || m_cancel.isCancelled())
                    return;
                continue;
            }
            batch = std::move(m_queue.front());
            m_queue.pop_front();
        }
        m_queueChanged.notify_all();
        if (m_cancel.isCancelled()) {
            // Cancel stops at a batch boundary: queued batches are not started.
            m_pending += std::int64_t(batch.records.size());
            continue;
        }
        deliver(batch.seq, std::move(batch.records), std::move(batch.classes));
    }
}

bool Executor::sleepUnlessCancelled(std::chrono::milliseconds delay)
{
    const auto until = std::chrono::steady_clock::now() + delay;
    while (std::chrono::steady_clock::now() < until) {
        if (m_cancel.isCancelled())
            return false;
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
            until - std::chrono::steady_clock::now(), std::chrono::milliseconds(50)));
    }
    return !m_cancel.isCancelled();
}

bool Executor::waitToRetry(std::uint64_t seq, const std::vector<Record> &records, std::chrono::milliseconds delay,
                           int attempt, LogMessage what)
{
    ++m_retries;
    what.args.push_back(fmt::format("{:.1f}", delay.count() / 1000.0));
    what.args.push_back(std::to_string(attempt));
    what.args.push_back(std::to_string(m_options.retry.maxAttempts));
    m_recorder.log(LogLevel::Info, what, int(seq));
    if (sleepUnlessCancelled(delay))
        return true;
    giveUp(seq, records, "the run was cancelled");
    return false;
}

void Executor::giveUp(std::uint64_t seq, const std::vector<Record> &records, const std::string &why)
{
    m_pending += std::int64_t(records.size());
    m_recorder.log(LogLevel::Error, LogMessage{"batch.not_delivered", {std::to_string(records.size()), why}}, int(seq));
}

void Executor::deliver(std::uint64_t seq, std::vector<Record> records, std::vector<RowClass> classes)
{
    thread_local std::mt19937_64 rng(std::random_device{}());
    int attempt = 1;
    while (!records.empty()) {
        if (!m_bucket.acquire(&m_cancel)) {
            giveUp(seq, records, "the run was cancelled");
            return;
        }
        ++m_requests;
        const auto started = Clock::now();
        BatchResult result = m_destination.write(int(seq), records);
        m_deliverNanos += nanosSince(started);
        if (!result && result.error().noAnswer) {
            const int inARow = ++m_noAnswerInARow;
            if (inARow >= m_options.unreachableAfter) {
                stopRun(seq, records,
                        fmt::format("destination unreachable: {} ({} requests in a row got no answer)",
                                    result.error().message, inARow),
                        true);
                return;
            }
        } else {
            m_noAnswerInARow = 0;
        }
        if (result) {
            std::vector<RecordOutcome> &outcomes = *result;
            outcomes.resize(records.size());
            std::vector<Record> doneRecords, retryRecords;
            std::vector<RowClass> doneClasses, retryClasses;
            std::vector<RecordOutcome> doneOutcomes;
            for (std::size_t i = 0; i < records.size(); ++i) {
                if (outcomes[i].outcome == Outcome::Retryable) {
                    retryRecords.push_back(std::move(records[i]));
                    retryClasses.push_back(classes[i]);
                } else {
                    if (outcomes[i].outcome == Outcome::Rejected)
                        m_recorder.log(LogLevel::Warning, LogMessage{"row.rejected", {outcomes[i].reason}}, int(seq),
                                       shownKey(records[i]));
                    doneRecords.push_back(std::move(records[i]));
                    doneClasses.push_back(classes[i]);
                    doneOutcomes.push_back(std::move(outcomes[i]));
                }
            }
            if (!doneRecords.empty())
                m_ack(seq, doneRecords, doneClasses, doneOutcomes);
            records = std::move(retryRecords);
            classes = std::move(retryClasses);
            if (records.empty())
                return;
            ++attempt;
            if (attempt > m_options.retry.maxAttempts) {
                giveUp(seq, records,
                       "still retryable after " + std::to_string(m_options.retry.maxAttempts) + " attempts");
                return;
            }
            const auto delay = m_options.retry.delayBefore(attempt, std::nullopt, rng);
            if (!waitToRetry(seq, records, delay, attempt,
                             {"batch.retrying_records", {std::to_string(records.size())}}))
                return;
            continue;
        }
        const BatchFailure &failure = result.error();
        switch (failure.kind) {
        case BatchFailure::Kind::Retryable: {
            ++attempt;
            if (attempt > m_options.retry.maxAttempts) {
                giveUp(seq, records,
                       failure.message + " (after " + std::to_string(m_options.retry.maxAttempts) + " attempts)");
                return;
            }
            if (failure.retryAfter && *failure.retryAfter > m_options.maxRetryWait) {
                // Waiting here would hold the run (and the daemon) for the
                // whole hint: end the run, keep the rows pending for later.
                const auto until = std::chrono::system_clock::now() + *failure.retryAfter;
                {
                    std::lock_guard lock(m_fatalMutex);
                    if (!m_deferredUntil || until > *m_deferredUntil)
                        m_deferredUntil = until;
                    m_deferredBecause = failure.message;
                }
                stopRun(seq, records,
                        fmt::format("{}; the server asks to wait {} s, longer than a run waits ({} s): the run stops "
                                    "and unsent records stay pending until then",
                                    failure.message, failure.retryAfter->count() / 1000,
                                    m_options.maxRetryWait.count() / 1000),
                        false);
                return;
            }
            const auto delay = m_options.retry.delayBefore(attempt, failure.retryAfter, rng);
            if (failure.retryAfter)
                m_bucket.pause(delay); // the server asked everyone to wait, not just this batch
            if (!waitToRetry(seq, records, delay, attempt, {"batch.retrying", {failure.message}}))
                return;
            continue;
        }
        case BatchFailure::Kind::RejectedWhole: {
            if (records.size() == 1) {
                m_recorder.log(LogLevel::Warning, LogMessage{"row.rejected", {failure.message}}, int(seq),
                               shownKey(records[0]));
                const RecordOutcome outcome{Outcome::Rejected, failure.message};
                m_ack(seq, records, classes, std::span<const RecordOutcome>(&outcome, 1));
                return;
            }
            // One bad record sank the batch: halve it until the bad one stands alone.
            m_recorder.log(LogLevel::Info,
                           LogMessage{"batch.splitting", {std::to_string(records.size()), failure.message}}, int(seq));
            const std::size_t half = records.size() / 2;
            std::vector<Record> second(std::make_move_iterator(records.begin() + std::ptrdiff_t(half)),
                                       std::make_move_iterator(records.end()));
            std::vector<RowClass> secondClasses(classes.begin() + std::ptrdiff_t(half), classes.end());
            records.resize(half);
            classes.resize(half);
            deliver(seq, std::move(records), std::move(classes));
            deliver(seq, std::move(second), std::move(secondClasses));
            return;
        }
        case BatchFailure::Kind::Fatal: stopRun(seq, records, failure.message, true); return;
        }
    }
}

} // namespace sluice

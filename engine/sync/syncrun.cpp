#include "syncrun.h"

#include "core/envref.h"
#include "core/failpoint.h"
#include "destinations/contract/syncmode.h"
#include "destinations/destinationkinds.h"
#include "mapping/mappedjson.h"
#include "models/modelrunner.h"
#include "schedule/schedule.h"
#include "sources/sourcekinds.h"
#include "sync/modellookup.h"
#include "sync/rowhash.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace sluice {

using nlohmann::json;

ClassCounts &SyncRun::counts(RowClass cls)
{
    switch (cls) {
    case RowClass::Added:
    case RowClass::Cursor: return m_summary.added;
    case RowClass::Changed: return m_summary.changed;
    case RowClass::Unchanged: return m_summary.unchanged;
    case RowClass::Removed: return m_summary.removed;
    }
    return m_summary.added;
}

std::uint64_t SyncRun::rowHash(const Row &row) const
{
    return hashRow(row, m_fingerprint);
}

void SyncRun::reportProgress(bool force)
{
    if (!m_progress)
        return;
    const auto now = Clock::now();
    if (!force && now - m_lastProgress < std::chrono::milliseconds(100))
        return;
    m_lastProgress = now;
    RunSummary copy;
    {
        std::lock_guard lock(m_mutex);
        m_summary.durationMs = std::chrono::duration_cast<std::chrono::milliseconds>(now - m_started).count();
        copy = m_summary;
    }
    m_progress(copy);
}

void SyncRun::addSample(const std::string &cls, const std::string &key, const MappedRow *mapped)
{
    int &count = m_sampleCounts[cls];
    if (count >= m_options.sampleCount)
        return;
    ++count;
    RowSample s{cls, displayKey(key), {}, {}};
    if (mapped) {
        appendJsonObject(s.payload, *mapped);
        for (const auto &p : mapped->problems)
            s.problems.push_back(problemText(p));
    }
    std::lock_guard lock(m_mutex);
    m_summary.samples.push_back(std::move(s));
}

// What a killed run of a commit-at-end destination left: a commit recorded
// but not promoted (was the file renamed? then its rows were delivered), rows
// staged but never committed (never delivered), temporary files. The sync's
// lock is held, so nothing else is writing them.
Result<> SyncRun::settleKilledRun()
{
    auto pending = m_state->pendingCommit(m_ctx.syncId);
    if (!pending)
        return std::unexpected(pending.error());
    auto staged = m_state->stagedCount(m_ctx.syncId);
    if (!staged)
        return std::unexpected(staged.error());
    if (*pending) {
        const json token = json::parse((*pending)->token, nullptr, false);
        auto outcome = m_destination->recoverCommit(token);
        if (!outcome)
            return std::unexpected(outcome.error());
        if (*outcome == Destination::CommitOutcome::Visible) {
            if (auto r = m_state->promoteStaged(m_ctx.syncId); !r)
                return r;
            m_recorder->log(LogLevel::Warning,
                            LogMessage{"file.recovered_after_replace",
                                       {std::to_string((*pending)->runId), std::to_string(*staged)}});
            return removeLeftovers();
        }
        m_recorder->log(LogLevel::Warning,
                        LogMessage{"file.recovered_before_replace", {std::to_string((*pending)->runId)}});
    } else if (*staged > 0) {
        m_recorder->log(LogLevel::Warning, LogMessage{"file.dropped_staged", {std::to_string(*staged)}});
    }
    if (*pending || *staged > 0)
        if (auto r = m_state->clearStaged(m_ctx.syncId); !r)
            return r;
    return removeLeftovers();
}

Result<> SyncRun::removeLeftovers()
{
    if (const std::string note = m_destination->removeLeftovers(); !note.empty())
        m_recorder->log(LogLevel::Info, note);
    return {};
}

Result<> SyncRun::prepare()
{
    const std::string &path = m_ctx.store->path();
    const std::string dir = m_ctx.store->directory();
    auto lock = SyncLock::acquire(path, m_ctx.syncId, m_ctx.sync.name);
    if (!lock)
        return std::unexpected(lock.error());
    m_lock = std::move(*lock);
    auto state = StateStore::open(path);
    if (!state)
        return std::unexpected(state.error());
    m_state = std::move(*state);
    // A run left "running" by a killed process is over: say so in the history.
    {
        std::lock_guard lock(m_state->mutex());
        RunRecorder::closeAbandonedRuns(m_state->handle(), m_ctx.sync.name);
    }
    RetentionPolicy retention;
    retention.keepRunLogs = m_ctx.settings.logRetentionRuns;
    retention.keepHttpExchanges = m_ctx.settings.httpRetentionRuns;
    m_recorder = std::make_unique<RunRecorder>(*m_state, retention);
    auto runId = m_recorder->startRun(m_ctx.syncId, m_ctx.sync.name, m_summary.kind);
    if (!runId)
        return std::unexpected(runId.error());
    m_summary.runId = *runId;
    m_recorder->log(LogLevel::Info, LogMessage{"run.start",
                                               {m_summary.kind, m_ctx.sync.name, m_ctx.model.name,
                                                m_ctx.destination.name, m_summary.mode}});
    return {};
}

Result<RunSummary> SyncRun::execute()
{
    if (auto r = prepare(); !r)
        return std::unexpected(r.error());

    std::string error;
    double planSeconds = 0;
    auto body = [&]() -> Result<> {
        auto source = makeSource(m_ctx.source, SourceContext{m_ctx.store->directory(), SecretAccess::Allowed});
        if (!source)
            return std::unexpected(source.error());
        m_source = std::move(*source);
        if (!m_source->supportsOrderBy())
            return invalidInput("sync.unsorted_source", "syncs need a source that can sort by the key",
                                "model '" + m_ctx.model.name + "'");
        const json &settings = m_ctx.sync.settings;
        const SyncSettings &typed = m_ctx.settings;
        m_cursorMode = typed.timestampCursor;
        QuerySpec spec;
        spec.sql = m_ctx.model.sql;
        spec.bytewiseOrder = true;
        if (m_cursorMode) {
            m_tsColumn = typed.timestampColumn;
            if (m_tsColumn.empty())
                return invalidInput("sync.no_timestamp_column",
                                    "timestamp change detection needs settings.timestampColumn",
                                    "sync '" + m_ctx.sync.name + "'");
            if (m_ctx.mode == SyncMode::Mirror || m_ctx.mode == SyncMode::Update)
                return invalidInput("sync.cursor_mode",
                                    "timestamp change detection sends new rows: use insert or upsert mode",
                                    "sync '" + m_ctx.sync.name + "'");
            spec.orderBy.push_back(m_tsColumn);
        }
        for (const auto &k : m_ctx.model.primaryKey)
            spec.orderBy.push_back(k);

        // The cursor to start from (timestamp mode).
        std::optional<TimestampCursor> start;
        if (m_cursorMode) {
            auto saved = m_state->cursor(m_ctx.syncId);
            if (!saved)
                return std::unexpected(saved.error());
            start = *saved;
        }
        // Column types are needed for the cursor literal and the mapper: probe.
        {
            QuerySpec probe;
            probe.sql = m_ctx.model.sql;
            probe.limit = 0;
            auto cursor = m_source->query(probe);
            if (!cursor)
                return std::unexpected(cursor.error().within("model '" + m_ctx.model.name + "'"));
            m_columns = (*cursor)->columns();
        }
        auto idx = keyColumnIndexes(m_columns, m_ctx.model.primaryKey);
        if (!idx)
            return std::unexpected(idx.error().within("model '" + m_ctx.model.name + "'"));
        m_keyIdx = *idx;
        if (m_cursorMode) {
            auto ts = keyColumnIndexes(m_columns, {m_tsColumn});
            if (!ts)
                return invalidInput("sync.no_timestamp_column",
                                    "the timestamp column '" + m_tsColumn + "' is not in the model's result",
                                    "sync '" + m_ctx.sync.name + "'");
            m_tsIdx = (*ts)[0];
            // The cursor's columns as the source typed them: COLLATE and
            // literals follow each column's own type (Source::comparison).
            std::vector<Column> cols{m_columns[m_tsIdx]};
            for (std::size_t k : m_keyIdx)
                cols.push_back(m_columns[k]);
            if (!start && !typed.backfill) {
                // Start from now: remember the newest row, send nothing yet.
                QuerySpec newest;
                std::string order;
                for (const Column &c : cols)
                    order
                        += (order.empty() ? "" : ", ") + quoteIdentifier(c.name) + m_source->collationFor(c) + " DESC";
                newest.sql
                    = "SELECT * FROM (\n" + m_ctx.model.sql + "\n) AS sluice_model ORDER BY " + order + " LIMIT 1";
                auto cursor = m_source->query(newest);
                if (!cursor)
                    return std::unexpected(cursor.error());
                Row last;
                auto got = (*cursor)->next(last);
                if (!got)
                    return std::unexpected(got.error());
                if (*got && !m_summary.dryRun) {
                    auto key = encodeKey(last, m_keyIdx);
                    if (key) {
                        const TimestampCursor c{last[m_tsIdx].toString(), *key};
                        if (auto r = m_state->setCursor(m_ctx.syncId, c); !r)
                            return r;
                        start = c;
                    }
                }
                m_recorder->log(LogLevel::Info, LogMessage{"run.backfill_off", {}});
                if (*got && m_summary.dryRun)
                    return {};
            }
            std::vector<Value> values;
            if (start) {
                // The timestamp literal keeps the column's type.
                const Column &tc = m_columns[m_tsIdx];
                Value ts(start->timestamp);
                if (tc.type == ValueType::Integer)
                    ts = Value(std::int64_t(std::stoll(start->timestamp)));
                else if (tc.type == ValueType::Real)
                    ts = Value(std::stod(start->timestamp));
                values.push_back(ts);
                for (const auto &v : decodeKey(start->key))
                    values.push_back(v);
                spec.where = afterCondition(*m_source, cols, values);
            } else if (!typed.initialTimestamp.is_null()) {
                const json &init = typed.initialTimestamp;
                const Value v = init.is_number_integer() ? Value(init.get<std::int64_t>())
                              : init.is_number()         ? Value(init.get<double>())
                                                         : Value(init.get<std::string>());
                spec.where = m_source->comparison(m_columns[m_tsIdx], ">=", v);
            }
        }
        auto rows = m_source->query(spec);
        if (!rows)
            return std::unexpected(rows.error().within("model '" + m_ctx.model.name + "'"));
        m_rows = std::move(*rows);
        m_prefetch = std::make_unique<RowPrefetcher>(*m_rows);

        m_mapping = effectiveMapping(m_ctx.sync, m_columns);
        const LookupTable lookup = makeModelLookup(m_ctx.config, m_ctx.store->directory(), SecretAccess::Allowed);
        auto mapper = Mapper::compile(m_mapping, settings, MappingContext{m_columns, m_ctx.model.primaryKey, lookup});
        if (!mapper)
            return std::unexpected(mapper.error().within("sync '" + m_ctx.sync.name + "'"));
        m_mapper.emplace(std::move(*mapper));
        m_needsFilter = typed.filter || typed.samplePercent;
        m_fingerprint = changeFingerprint(m_mapping, settings);

        auto destination
            = makeDestination(m_ctx.destination, DestinationContext{m_ctx.store->directory(), SecretAccess::Allowed});
        if (!destination)
            return std::unexpected(destination.error());
        m_destination = std::move(*destination);
        if (m_destination->acknowledgesAtCommit())
            if (auto r = settleKilledRun(); !r)
                return r;
        const auto modes = m_destination->supportedModes();
        if (std::find(modes.begin(), modes.end(), m_ctx.mode) == modes.end())
            return invalidInput("sync.mode_unsupported",
                                "destination '" + m_ctx.destination.name + "' (" + std::string(m_destination->kind())
                                    + ") does not support " + m_summary.mode + " mode",
                                "sync '" + m_ctx.sync.name + "'");

        auto size = m_state->snapshotSize(m_ctx.syncId);
        if (!size)
            return std::unexpected(size.error());
        m_summary.snapshotBefore = *size;
        const double guardPercent = typed.mirrorGuardPercent;
        m_guardLimit = std::int64_t(std::floor(double(*size) * guardPercent / 100.0));

        if (m_options.kind == RunKind::RetryRejected) {
            auto keys = m_state->rejectedKeys(m_ctx.syncId);
            if (!keys)
                return std::unexpected(keys.error());
            m_onlyKeys.insert(keys->begin(), keys->end());
            if (m_onlyKeys.empty()) {
                m_recorder->log(LogLevel::Info, LogMessage{"run.no_rejected_rows", {}});
                return {};
            }
        }

        if (!m_summary.dryRun) {
            m_runInfo.syncName = m_ctx.sync.name;
            m_runInfo.mode = m_ctx.mode;
            m_runInfo.fields = fieldSpecs(m_mapping, m_mapper->fieldNames(), m_columns);
            m_runInfo.keyFields = keyFields(m_mapping, m_ctx.model.primaryKey);
            m_runInfo.observer = m_recorder.get();
            if (auto r = m_destination->begin(m_runInfo); !r)
                return std::unexpected(r.error().within("destination '" + m_ctx.destination.name + "'"));
            const DestinationLimits limits = m_destination->limits();
            ExecutorOptions eo;
            eo.batchSize = std::clamp(typed.batchSize.value_or(limits.defaultBatchRecords), 1,
                                      std::max(1, limits.maxBatchRecords));
            eo.maxBatchBytes = limits.maxBatchBytes;
            eo.recordOverheadBytes = 48;
            for (const auto &name : m_mapper->fieldNames())
                eo.recordOverheadBytes += name.size() + 4;
            eo.concurrency
                = std::clamp(typed.concurrency.value_or(limits.maxConcurrency), 1, std::max(1, limits.maxConcurrency));
            eo.requestsPerSecond = typed.requestsPerSecond.value_or(limits.requestsPerSecond);
            eo.retry.maxAttempts = typed.maxAttempts;
            if (typed.retryBaseMs)
                eo.retry.base = std::chrono::milliseconds(*typed.retryBaseMs);
            eo.maxRetryWait = std::chrono::milliseconds(std::int64_t(typed.maxRetryWaitSeconds * 1000));
            // Mirror mode deletes what left the model: a new row sent and then
            // lost with a killed run must still be known, or it is never
            // deleted. Insert mode must know it too: the row is there already
            // with the values of that run, which is no conflict. Files
            // rewrite themselves whole and need none of this.
            Executor::BeforeSendFn beforeSend;
            if ((m_ctx.mode == SyncMode::Mirror || m_ctx.mode == SyncMode::Insert)
                && !m_destination->acknowledgesAtCommit())
                beforeSend = [this](std::uint64_t seq, std::span<const Record> records,
                                    std::span<const RowClass> classes) {
                    std::vector<std::string> added;
                    for (std::size_t i = 0; i < records.size(); ++i)
                        if (classes[i] == RowClass::Added && records[i].op != RecordOp::Delete)
                            added.push_back(records[i].key);
                    auto recorded = m_state->recordUnconfirmed(m_ctx.syncId, added);
                    if (!recorded)
                        m_recorder->log(LogLevel::Error,
                                        LogMessage{"state.staging_failed", {recorded.error().describe()}}, int(seq));
                    return bool(recorded);
                };
            m_executor = std::make_unique<Executor>(
                *m_destination, eo, m_cancel, *m_recorder,
                [this](std::uint64_t seq, std::span<const Record> r, std::span<const RowClass> c,
                       std::span<const RecordOutcome> o) { onAck(seq, r, c, o); },
                std::move(beforeSend));
        }
        const auto planStarted = Clock::now();
        auto r = m_cursorMode ? planCursor() : planSnapshot();
        planSeconds = std::chrono::duration<double>(Clock::now() - planStarted).count();
        return r;
    };

    auto planned = body();
    if (!planned) {
        error = planned.error().describe();
        m_summary.invalidInput = planned.error().kind == ErrorKind::InvalidInput;
    }
    if (m_prefetch) {
        // Planning stopped early (an error, a cancel): interrupt the read in flight.
        if (!planned || m_cancel.isCancelled())
            m_source->cancel();
        m_prefetch->stop();
    }
    auto finished = finishDelivery(error);
    if (!finished && error.empty())
        error = finished.error().describe();
    {
        std::lock_guard lock(m_mutex);
        StageTimes &t = m_summary.stages;
        t.mapped = std::int64_t(m_mapCalls);
        t.map = m_mapSampled ? m_mapSampledSeconds * double(m_mapCalls) / double(m_mapSampled) : 0.0;
        if (m_prefetch) {
            t.query = m_prefetch->readSeconds();
            t.waitRows = m_prefetch->waitSeconds();
        }
        if (m_executor) {
            t.deliver = m_executor->deliverSeconds();
            t.waitDelivery = m_executor->waitSeconds();
        }
        t.acknowledge = m_ackSeconds;
        t.plan = std::max(0.0, planSeconds - t.waitRows - t.map - t.waitDelivery);
    }

    for (const auto &[kind, count] : m_warningCounts) {
        if (count <= kWarningsLoggedPerKind)
            continue;
        const auto sep = kind.find('\x1f');
        m_recorder->log(LogLevel::Warning,
                        LogMessage{"row.more_problems",
                                   {std::to_string(count - kWarningsLoggedPerKind), kind.substr(sep + 1),
                                    kind.substr(0, sep), std::to_string(kWarningsLoggedPerKind)}});
    }
    std::string status;
    const auto deferred = m_executor ? m_executor->deferredUntil() : std::nullopt;
    const bool userCancelled = m_cancel.isCancelled() && !(m_executor && (m_executor->fatalError() || deferred));
    if (!error.empty())
        status = "failed";
    else if (deferred) {
        status = "deferred";
        std::lock_guard lock(m_mutex);
        m_summary.deferredUntil = formatIsoUtc(std::chrono::ceil<std::chrono::seconds>(*deferred));
        m_summary.deferredBecause = m_executor->deferredBecause();
    } else if (userCancelled)
        status = "cancelled";
    else if ((m_summary.rejected() > 0 || m_summary.pending() > 0) && m_summary.delivered() == 0) {
        // Not one row reached the destination: that is a failure, however
        // politely each row was refused, never a "partial" success.
        status = "failed";
        error
            = fmt::format("nothing was delivered: {} rejected, {} pending", m_summary.rejected(), m_summary.pending());
    } else if (m_summary.rejected() > 0 || m_summary.pending() > 0)
        status = "partial";
    else
        status = "succeeded";
    {
        std::lock_guard lock(m_mutex);
        m_summary.status = status;
        m_summary.error = redactSecrets(error);
        m_summary.deferredBecause = redactSecrets(m_summary.deferredBecause);
        m_summary.durationMs = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - m_started).count();
    }
    {
        // The run's last line: its status and counts (and why it failed, or until when it waits).
        std::vector<std::string> args{status};
        for (std::int64_t n : {m_summary.queried, m_summary.invalid, m_summary.added.planned, m_summary.changed.planned,
                               m_summary.removed.planned, m_summary.unchanged.planned, m_summary.delivered(),
                               m_summary.rejected(), m_summary.pending()})
            args.push_back(std::to_string(n));
        std::string code = "run.summary";
        if (!error.empty()) {
            code = "run.summary_error";
            args.push_back(error);
        } else if (!m_summary.deferredUntil.empty()) {
            code = "run.summary_deferred";
            args.push_back(m_summary.deferredUntil);
        }
        m_recorder->log(status == "failed" ? LogLevel::Error : LogLevel::Info, LogMessage{code, std::move(args)});
    }
    json counts = m_summary.toJson();
    counts.erase("samples");
    if (auto r = m_recorder->finishRun(status, counts, error, m_summary.durationMs); !r && m_summary.error.empty())
        m_summary.error = "could not record the run: " + r.error().describe();
    reportProgress(true);
    return m_summary;
}

Result<> SyncRun::finishDelivery(std::string &error)
{
    if (!m_executor) {
        // Dry run or failed before delivery: nothing sent; drop what a failed
        // begin() may have opened.
        if (m_destination && !m_summary.dryRun)
            m_destination->abort();
        if (m_summary.dryRun && m_guardTripped && error.empty())
            m_recorder->log(LogLevel::Warning, LogMessage{"run.mirror_guard_dry_run", {}});
        return {};
    }
    const bool planComplete = error.empty() && !m_cancel.isCancelled();
    // The mirror guard: never empty a destination because a query broke.
    if (planComplete && m_ctx.mode == SyncMode::Mirror && !m_options.allowMassDelete) {
        std::string why;
        if (m_summary.queried == 0 && m_summary.snapshotBefore > 0)
            why = fmt::format("the model returned no rows at all, and the destination holds {} records",
                              m_summary.snapshotBefore);
        else if (m_guardTripped)
            why = fmt::format("it would delete {} of {} records ({:.1f}%, over the {}% limit)",
                              m_summary.removed.planned, m_summary.snapshotBefore,
                              100.0 * double(m_summary.removed.planned) / double(m_summary.snapshotBefore),
                              m_ctx.settings.mirrorGuardPercent);
        if (!why.empty()) {
            error = "mirror guard: stopped before deleting: " + why
                  + "; check the model, then run again with --allow-mass-delete to confirm";
            m_removedKeys.clear();
        }
    }
    if (error.empty() && !m_cancel.isCancelled()) {
        for (auto &key : m_removedKeys) {
            Record r;
            r.op = RecordOp::Delete;
            r.key = key;
            r.displayKey = displayKey(key);
            r.keyValues = decodeKey(key);
            if (!m_executor->submit(std::move(r), RowClass::Removed))
                break;
        }
    }
    m_executor->finish();
    {
        AckGroup last;
        {
            std::lock_guard lock(m_ackMutex);
            last = std::move(m_ackGroup);
            m_ackGroup = AckGroup{};
        }
        commitAcks(last);
    }
    if (auto fatal = m_executor->fatalError(); fatal && error.empty())
        error = *fatal;
    {
        std::lock_guard lock(m_mutex);
        m_summary.retries = m_executor->retries();
        m_summary.requests = m_executor->requests();
        m_summary.batches = std::int64_t(m_executor->batchesQueued()) - 1;
    }
    if (m_destination->acknowledgesAtCommit()) {
        // Files: all or nothing. A failed or cancelled run leaves the old file.
        // Two steps (destination.h): the prepared output is recorded before
        // it becomes visible, so a kill between the rename and the promotion
        // is settled by the next run (recoverCommit), not sent again.
        const bool nothingChanged = m_options.kind != RunKind::FullResync && m_summary.added.planned == 0
                                 && m_summary.changed.planned == 0 && m_summary.removed.planned == 0;
        if (error.empty() && !m_cancel.isCancelled() && nothingChanged && m_destination->keepOutputUnchanged()) {
            // A run with no change writes nothing: the file stays as it was
            // (a mirror's rewrite of the same rows is dropped, not renamed).
            m_state->clearStaged(m_ctx.syncId);
            std::lock_guard lock(m_mutex);
            m_summary.unchanged.delivered = 0;
            m_summary.destinationUntouched = true;
            m_outputKept = true;
        } else if (error.empty() && !m_cancel.isCancelled()) {
            auto token = m_destination->prepareCommit();
            if (!token) {
                m_destination->abort();
                m_state->clearStaged(m_ctx.syncId);
                return std::unexpected(token.error());
            }
            if (auto r = m_state->recordCommit(m_ctx.syncId, m_summary.runId, token->dump()); !r) {
                m_destination->abort();
                m_state->clearStaged(m_ctx.syncId);
                return r;
            }
            failpoint("file.prepared");
            if (auto r = m_destination->commit(); !r) {
                m_state->clearStaged(m_ctx.syncId);
                return std::unexpected(r.error());
            }
            failpoint("file.renamed");
            if (auto r = m_state->promoteStaged(m_ctx.syncId); !r)
                return r; // the recorded commit stays: the next run promotes
        } else {
            m_destination->abort();
            m_state->clearStaged(m_ctx.syncId);
            std::lock_guard lock(m_mutex);
            for (ClassCounts *c : {&m_summary.added, &m_summary.changed, &m_summary.unchanged, &m_summary.removed}) {
                c->pending += c->delivered;
                c->delivered = 0;
            }
        }
    } else if (auto r = m_destination->commit(); !r) {
        return r;
    }
    {
        std::lock_guard lock(m_mutex);
        // What was planned to be sent and got no outcome is pending.
        auto settle = [](ClassCounts &c, bool sent) {
            if (sent)
                c.pending = std::max<std::int64_t>(0, c.planned - c.delivered - c.rejected);
        };
        const bool resync = m_options.kind == RunKind::FullResync;
        settle(m_summary.added, m_ctx.mode != SyncMode::Update);
        settle(m_summary.changed, m_ctx.mode != SyncMode::Insert);
        settle(m_summary.unchanged,
               resync || (m_ctx.mode == SyncMode::Mirror && m_destination->mirrorRewritesAll() && !m_outputKept));
        settle(m_summary.removed, m_ctx.mode == SyncMode::Mirror);
    }
    if (error.empty() && !m_cancel.isCancelled() && m_onlyKeys.empty() && !m_cursorMode)
        m_state->dropStaleRejections(m_ctx.syncId, m_summary.runId);
    return {};
}

} // namespace sluice

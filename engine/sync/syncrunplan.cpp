#include "syncrun.h"

#include "formats/jsonwriter.h"
#include "mapping/mappedjson.h"

namespace sluice {

using nlohmann::json;

void SyncRun::submitRow(const Row &row, const std::string &key, RowClass cls, std::uint64_t hash, bool maybeDelivered)
{
    const bool timed = m_mapCalls++ % kMapSampleEvery == 0;
    const auto started = timed ? Clock::now() : Clock::time_point();
    const std::vector<int> *direct = m_mapper->directColumns();
    if (direct && !m_summary.dryRun && !m_cursorMode && row.size() == m_mapper->columnCount()
        && m_sentSamples[std::size_t(cls)] >= m_options.sampleCount) {
        // Every field is a column as it is: the record takes the values
        // straight from the row (what apply() would produce, without its
        // intermediate copy).
        ++counts(cls).planned;
        Record r = newRecord(row, key, cls, hash, maybeDelivered);
        r.fields.reserve(direct->size());
        for (int column : *direct)
            r.fields.push_back(row[std::size_t(column)]);
        handOver(std::move(r), cls, timed, started);
        return;
    }
    thread_local MappedRow mapped;
    m_mapper->apply(row, mapped);
    ++counts(cls).planned;
    if (int &samples = m_sentSamples[std::size_t(cls)]; samples < m_options.sampleCount) {
        ++samples;
        const std::string clsName = cls == RowClass::Added || cls == RowClass::Cursor ? "added"
                                  : cls == RowClass::Changed                          ? "changed"
                                                                                      : "unchanged";
        addSample(clsName, key, &mapped);
    }
    if (mapped.rejected) {
        // A validation rule refused the row: never sent, kept with its reason.
        std::string reason;
        for (const auto &p : mapped.problems)
            if (p.action == ProblemAction::Reject)
                reason += (reason.empty() ? "" : "; ") + problemText(p);
        if (m_summary.dryRun)
            return;
        Record r;
        r.key = key;
        r.displayKey = displayKey(key);
        r.hash = hash;
        appendJsonObject(r.payload, mapped);
        m_recorder->log(LogLevel::Warning, LogMessage{"row.rejected_by_validation", {reason}}, std::nullopt,
                        r.displayKey);
        const RecordOutcome outcome{Outcome::Rejected, reason};
        r.ordinal = m_cursorMode ? m_nextOrdinal++ : 0;
        if (m_cursorMode) {
            std::lock_guard lock(m_mutex);
            m_positions[r.ordinal] = TimestampCursor{row[m_tsIdx].toString(), key};
        }
        onAck(0, std::span<const Record>(&r, 1), std::span<const RowClass>(&cls, 1),
              std::span<const RecordOutcome>(&outcome, 1));
        return;
    }
    // Warnings repeat across rows (an unmapped value, a bad phone format):
    // log the first few of each kind, and a count of the rest at the end.
    for (const auto &p : mapped.problems) {
        if (m_summary.dryRun)
            break;
        int seen = 0;
        {
            std::lock_guard lock(m_mutex);
            seen = ++m_warningCounts[p.field + "\x1f" + p.rule];
        }
        if (seen <= kWarningsLoggedPerKind)
            m_recorder->log(LogLevel::Warning, problemText(p), std::nullopt, displayKey(key));
    }
    if (m_summary.dryRun)
        return;
    // displayKey and payload stay empty: they are made from the key and the
    // fields only if the record is rejected or logged.
    Record r = newRecord(row, key, cls, hash, maybeDelivered);
    // Record::fields follows RunInfo::fields by position: a field a rule
    // dropped becomes NULL in its place rather than shifting the others.
    const auto &names = m_mapper->fieldNames();
    r.fields.resize(names.size());
    for (std::size_t i = 0, j = 0; i < names.size(); ++i) {
        if (j < mapped.fields.size() && mapped.fields[j].name == names[i])
            r.fields[i] = std::move(mapped.fields[j++].value);
    }
    if (m_cursorMode) {
        r.ordinal = m_nextOrdinal++;
        std::lock_guard lock(m_mutex);
        m_positions[r.ordinal] = TimestampCursor{row[m_tsIdx].toString(), key};
    }
    handOver(std::move(r), cls, timed, started);
}

// The record's header, as both the direct and the mapped path make it: the
// operation its class and the sync's mode call for, and the key.
Record SyncRun::newRecord(const Row &row, const std::string &key, RowClass cls, std::uint64_t hash,
                          bool maybeDelivered) const
{
    Record r;
    r.op = cls == RowClass::Changed ? (m_ctx.mode == SyncMode::Update ? RecordOp::Update : RecordOp::Upsert)
         : (cls == RowClass::Added || cls == RowClass::Cursor) && m_ctx.mode == SyncMode::Insert ? RecordOp::Insert
                                                                                                 : RecordOp::Upsert;
    r.key = key;
    r.keyValues.reserve(m_keyIdx.size());
    for (std::size_t i : m_keyIdx)
        r.keyValues.push_back(row[i]);
    r.hash = hash;
    r.maybeDelivered = maybeDelivered;
    return r;
}

// Gives the record to the executor (counted as pending when it is full or
// stopping), closing the mapping time sample the caller opened.
void SyncRun::handOver(Record &&record, RowClass cls, bool timed, Clock::time_point started)
{
    if (timed) {
        m_mapSampledSeconds += std::chrono::duration<double>(Clock::now() - started).count();
        ++m_mapSampled;
    }
    if (!m_executor->submit(std::move(record), cls)) {
        std::lock_guard lock(m_mutex);
        ++counts(cls).pending;
    }
}

void SyncRun::classify(const Row &row, const std::string &key, RowClass cls, std::uint64_t hash, bool maybeDelivered)
{
    const bool send = [&] {
        switch (cls) {
        case RowClass::Added: return m_ctx.mode != SyncMode::Update;
        case RowClass::Changed: return m_ctx.mode != SyncMode::Insert;
        case RowClass::Unchanged:
            return m_options.kind == RunKind::FullResync
                || (m_ctx.mode == SyncMode::Mirror && m_destination && m_destination->mirrorRewritesAll());
        default: return false;
        }
    }();
    if (send) {
        submitRow(row, key, cls, hash, maybeDelivered);
        return;
    }
    ++counts(cls).planned;
}

void SyncRun::removed(const std::string &key)
{
    ++m_summary.removed.planned;
    if (m_sentSamples[std::size_t(RowClass::Removed)] < m_options.sampleCount) {
        ++m_sentSamples[std::size_t(RowClass::Removed)];
        addSample("removed", key, nullptr);
    }
    if (m_ctx.mode != SyncMode::Mirror)
        return;
    if (m_options.allowMassDelete || std::int64_t(m_removedKeys.size()) < m_guardLimit)
        m_removedKeys.push_back(key);
    else
        m_guardTripped = true;
}

// The next row from the source, or false once it is exhausted or the run
// is cancelled (the caller tells the two apart by the cancel token).
Result<bool> SyncRun::nextSourceRow(Row &row)
{
    if (m_cancel.isCancelled())
        return false;
    return m_prefetch->next(row);
}

// Rows the mapping's filter skips are counted as filtered, not queried.
bool SyncRun::filteredOut(const Row &row)
{
    if (!m_needsFilter)
        return false;
    MappedRow probe;
    m_mapper->apply(row, probe);
    if (!probe.skipped)
        return false;
    std::lock_guard lock(m_mutex);
    --m_summary.queried;
    ++m_summary.filtered;
    return true;
}

Result<> SyncRun::planSnapshot()
{
    auto snapshot = m_state->readSnapshot(m_ctx.syncId);
    if (!snapshot)
        return std::unexpected(snapshot.error());
    auto &snap = **snapshot;
    // In a full resync the snapshot is still read (to classify and find
    // removed rows), but every current row is sent.
    auto more = snap.next();
    if (!more)
        return std::unexpected(more.error());
    bool snapValid = *more;

    auto stepSnapshot = [&]() -> Result<> {
        auto m = snap.next();
        if (!m)
            return std::unexpected(m.error());
        snapValid = *m;
        return {};
    };
    auto advanceSnapshotTo = [&](const std::string &key) -> Result<std::optional<std::uint64_t>> {
        while (snapValid && snap.key() < key) {
            if (m_onlyKeys.empty())
                removed(snap.key());
            if (auto r = stepSnapshot(); !r)
                return std::unexpected(r.error());
        }
        if (snapValid && snap.key() == key) {
            const std::uint64_t h = snap.hash();
            if (auto r = stepSnapshot(); !r)
                return std::unexpected(r.error());
            return std::optional<std::uint64_t>(h);
        }
        return std::optional<std::uint64_t>();
    };

    // One row is held back until the next key is known, so every row of a
    // duplicated key is classed invalid (rows sharing a key are adjacent).
    Row row, held;
    std::string key, heldKey; // both buffers reused from row to row
    bool haveHeld = false, heldDuplicate = false;
    std::int64_t nullKeys = 0;

    auto processHeld = [&]() -> Result<> {
        auto old = advanceSnapshotTo(heldKey);
        if (!old)
            return std::unexpected(old.error());
        if (heldDuplicate)
            return {}; // counted when found; its snapshot entry stays as it was
        if (filteredOut(held)) {
            if (*old && m_onlyKeys.empty())
                removed(heldKey);
            return {};
        }
        const std::uint64_t hash = rowHash(held);
        if (!*old)
            classify(held, heldKey, RowClass::Added, hash);
        else if (**old == StateStore::kUnconfirmedHash)
            // Sent by a run that was killed before the answer: added still,
            // and possibly there already.
            classify(held, heldKey, RowClass::Added, hash, true);
        else if (**old != hash)
            classify(held, heldKey, RowClass::Changed, hash);
        else
            classify(held, heldKey, RowClass::Unchanged, hash);
        return {};
    };

    for (;;) {
        auto more = nextSourceRow(row);
        if (!more)
            return std::unexpected(more.error());
        if (!*more)
            break;
        const bool hasKey = encodeKeyInto(row, m_keyIdx, key);
        if (!m_onlyKeys.empty() && (!hasKey || !m_onlyKeys.count(key)))
            continue;
        ++m_summary.queried;
        if (!hasKey) {
            std::lock_guard lock(m_mutex);
            ++m_summary.invalid;
            if (++nullKeys <= m_options.sampleCount)
                m_summary.samples.push_back(RowSample{"invalid", "", "", {"the primary key is NULL"}});
            if (nullKeys == 1)
                m_recorder->log(LogLevel::Warning, LogMessage{"row.null_key", {}});
            continue;
        }
        if (haveHeld && key == heldKey) {
            std::lock_guard lock(m_mutex);
            m_summary.invalid += heldDuplicate ? 1 : 2;
            if (!heldDuplicate) {
                m_recorder->log(LogLevel::Warning, LogMessage{"row.duplicate_key", {}}, std::nullopt,
                                displayKey(heldKey));
                if (m_sampleCounts["invalid"]++ < m_options.sampleCount)
                    m_summary.samples.push_back(
                        RowSample{"invalid", displayKey(heldKey), "", {"duplicate primary key"}});
            }
            heldDuplicate = true;
            continue;
        }
        if (haveHeld && key < heldKey)
            return failed("sync.unordered", "the source returned keys out of order ('" + displayKey(key) + "' after '"
                                                + displayKey(heldKey)
                                                + "'); the planner needs the model sorted by its key");
        if (haveHeld)
            if (auto r = processHeld(); !r)
                return r;
        std::swap(held, row);
        std::swap(heldKey, key);
        haveHeld = true;
        heldDuplicate = false;
        if (++m_progressTick % 256 == 0)
            reportProgress();
    }
    if (m_cancel.isCancelled())
        return {};
    if (haveHeld)
        if (auto r = processHeld(); !r)
            return r;
    if (m_onlyKeys.empty()) {
        while (snapValid) {
            removed(snap.key());
            if (auto r = stepSnapshot(); !r)
                return r;
        }
    }
    return {};
}

// (ts, k1, k2) > (cts, ck1, ck2) written out, since row-value comparison is
// not portable to every source; each term typed by its column (Source::comparison).
std::string afterCondition(const Source &source, const std::vector<Column> &columns, const std::vector<Value> &values)
{
    std::string out;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        std::string term;
        for (std::size_t j = 0; j < i; ++j)
            term += source.comparison(columns[j], "=", values[j]) + " AND ";
        term += source.comparison(columns[i], ">", values[i]);
        out += (out.empty() ? "(" : " OR (") + term + ")";
    }
    return "(" + out + ")";
}

Result<> SyncRun::planCursor()
{
    Row row;
    for (;;) {
        auto more = nextSourceRow(row);
        if (!more)
            return std::unexpected(more.error());
        if (!*more)
            break;
        ++m_summary.queried;
        auto key = encodeKey(row, m_keyIdx);
        if (!key || row[m_tsIdx].isNull()) {
            std::lock_guard lock(m_mutex);
            ++m_summary.invalid;
            if (m_sampleCounts["invalid"]++ < m_options.sampleCount)
                m_summary.samples.push_back(RowSample{"invalid",
                                                      key ? displayKey(*key) : "",
                                                      "",
                                                      {key ? "the timestamp is NULL" : "the primary key is NULL"}});
            continue;
        }
        if (filteredOut(row))
            continue;
        submitRow(row, *key, RowClass::Cursor, rowHash(row));
        if (++m_progressTick % 256 == 0)
            reportProgress();
    }
    return {};
}

} // namespace sluice

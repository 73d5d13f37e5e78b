#include "syncrunner.h"

#include "core/envref.h"
#include "core/failpoint.h"
#include "destinations/destinationkinds.h"
#include "mapping/jsonwriter.h"
#include "mapping/mapper.h"
#include "models/modelrunner.h"
#include "project/projectstore.h"
#include "project/syncsettings.h"
#include "sources/sourcekinds.h"
#include "sync/executor.h"
#include "core/keycodec.h"
#include "sync/modellookup.h"
#include "sync/rowhash.h"
#include "sync/rowprefetch.h"
#include "sync/schedule.h"
#include "sync/runrecorder.h"
#include "sync/statestore.h"
#include "sync/synclock.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <deque>
#include <map>
#include <mutex>
#include <set>

namespace sluice {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

std::int64_t RunSummary::delivered() const
{
    return added.delivered + changed.delivered + unchanged.delivered + removed.delivered;
}
std::int64_t RunSummary::rejected() const
{
    return added.rejected + changed.rejected + unchanged.rejected + removed.rejected;
}
std::int64_t RunSummary::pending() const
{
    return added.pending + changed.pending + unchanged.pending + removed.pending;
}
double RunSummary::rowsPerSecond() const
{
    return durationMs > 0 ? double(queried) * 1000.0 / double(durationMs) : 0.0;
}

json RunSummary::toJson() const
{
    auto classJson = [this](const ClassCounts &c) {
        json j{{"planned", c.planned}};
        j["delivered"] = dryRun ? json(nullptr) : json(c.delivered);
        j["rejected"] = dryRun ? json(nullptr) : json(c.rejected);
        j["pending"] = dryRun ? json(nullptr) : json(c.pending);
        return j;
    };
    json samplesJson = json::array();
    for (const auto &s : samples) {
        json payload = s.payload.empty() ? json(nullptr) : json::parse(s.payload, nullptr, false);
        samplesJson.push_back(json{{"class", s.rowClass}, {"key", s.key}, {"payload", payload},
                                   {"problems", s.problems}});
    }
    json j{{"run_id", runId},
           {"sync", sync},
           {"kind", kind},
           {"mode", mode},
           {"status", status},
           {"planned", {{"added", added.planned}, {"changed", changed.planned}, {"removed", removed.planned},
                        {"unchanged", unchanged.planned}, {"invalid", invalid}}},
           {"queried", queried},
           {"filtered", filtered},
           {"classes", {{"added", classJson(added)}, {"changed", classJson(changed)},
                        {"unchanged", classJson(unchanged)}, {"removed", classJson(removed)}}},
           {"delivered", dryRun ? json(nullptr) : json(delivered())},
           {"rejected", dryRun ? json(nullptr) : json(rejected())},
           {"pending", dryRun ? json(nullptr) : json(pending())},
           {"retries", dryRun ? json(nullptr) : json(retries)},
           {"requests", dryRun ? json(nullptr) : json(requests)},
           {"duration_ms", durationMs},
           {"rows_per_second", std::round(rowsPerSecond())},
           {"destination_records_before", snapshotBefore},
           {"stages", {{"query_seconds", stages.query}, {"plan_seconds", stages.plan}, {"map_seconds", stages.map},
                       {"deliver_seconds", stages.deliver}, {"acknowledge_seconds", stages.acknowledge},
                       {"wait_rows_seconds", stages.waitRows}, {"wait_seconds", stages.waitDelivery},
                       {"mapped", stages.mapped}}},
           {"samples", samplesJson}};
    j["error"] = error.empty() ? json(nullptr) : json(error);
    if (!error.empty())
        j["error_kind"] = invalidInput ? "invalid_input" : "failed";
    if (!deferredUntil.empty()) {
        j["deferred_until"] = deferredUntil;
        j["deferred_because"] = deferredBecause;
    }
    return j;
}

namespace {

std::string runKindName(RunKind k)
{
    switch (k) {
    case RunKind::Normal: return "run";
    case RunKind::DryRun: return "dry-run";
    case RunKind::FullResync: return "full-resync";
    case RunKind::RetryRejected: return "retry-rejected";
    }
    return "run";
}

struct SyncContext {
    std::unique_ptr<ProjectStore> store;
    ProjectConfig config;
    SyncDef sync;
    ModelDef model;
    SourceDef source;
    DestinationDef destination;
    std::int64_t syncId = 0;
    SyncMode mode = SyncMode::Upsert;
    SyncSettings settings; // sync.settings, typed
};

Result<SyncContext> loadContext(const std::string &projectPath, const std::string &syncName)
{
    auto store = ProjectStore::open(projectPath);
    if (!store)
        return std::unexpected(store.error());
    auto config = (*store)->load();
    if (!config)
        return std::unexpected(config.error());
    SyncContext c;
    auto sync = std::find_if(config->syncs.begin(), config->syncs.end(),
                             [&](const SyncDef &s) { return s.name == syncName; });
    if (sync == config->syncs.end()) {
        std::string names;
        for (const auto &s : config->syncs)
            names += (names.empty() ? "" : ", ") + s.name;
        return invalidInput("sync.unknown", "no sync named '" + syncName + "' (syncs: "
                                                + (names.empty() ? "none" : names) + ")",
                            projectPath);
    }
    // A shared project runs nothing until reviewed on this machine (issue 19).
    auto trusted = (*store)->trusted();
    if (!trusted)
        return std::unexpected(trusted.error());
    if (!*trusted)
        return invalidInput("project.untrusted",
                            "this project is not trusted on this machine (it was imported, or changed outside "
                            "Sluice): review what it sends where and trust it with `sluicectl trust " + projectPath
                                + "`, or in the app with Project > Review and Trust",
                            projectPath);
    c.sync = *sync;
    for (const auto &m : config->models)
        if (m.name == c.sync.model)
            c.model = m;
    for (const auto &s : config->sources)
        if (s.name == c.model.source)
            c.source = s;
    for (const auto &d : config->destinations)
        if (d.name == c.sync.destination)
            c.destination = d;
    auto mode = parseSyncMode(c.sync.mode);
    if (!mode)
        return invalidInput("sync.mode", "unknown mode '" + c.sync.mode + "'", "sync '" + syncName + "'");
    c.mode = *mode;
    // A project saved before settings were checked may hold anything: refuse
    // it here, naming the key, before a run starts.
    auto settings = parseSyncSettings(c.sync.settings, "sync '" + syncName + "': settings");
    if (!settings)
        return std::unexpected(settings.error());
    c.settings = std::move(*settings);
    auto st = sqlite::prepare((*store)->handle(), "SELECT id FROM syncs WHERE name = ?1");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, syncName);
    if (auto row = st->step(); !row || !*row)
        return failed("sync.unknown", "the sync vanished while starting", projectPath);
    c.syncId = st->integer(0);
    c.store = std::move(*store);
    c.config = std::move(*config);
    return c;
}

bool isDirect(const json &entry)
{
    return entry.contains("column") && !entry.contains("transforms") && !entry.contains("template")
           && !entry.contains("value");
}

std::vector<FieldSpec> fieldSpecs(const json &mapping, const std::vector<std::string> &names,
                                  const std::vector<Column> &columns)
{
    std::vector<FieldSpec> out;
    for (const auto &name : names) {
        FieldSpec f{name, ValueType::Text};
        for (const auto &entry : mapping) {
            if (entry.value("field", "") != name)
                continue;
            if (isDirect(entry))
                for (const auto &c : columns)
                    if (c.name == entry["column"].get<std::string>())
                        f.type = c.type;
            if (entry.contains("type") && entry["type"].is_string()) {
                const auto t = entry["type"].get<std::string>();
                f.type = t == "integer" ? ValueType::Integer : t == "decimal" || t == "real" ? ValueType::Real
                         : t == "boolean" ? ValueType::Boolean : ValueType::Text;
            }
        }
        out.push_back(f);
    }
    return out;
}

std::vector<std::string> keyFields(const json &mapping, const std::vector<std::string> &primaryKey)
{
    std::vector<std::string> out;
    for (const auto &k : primaryKey) {
        std::string field;
        for (const auto &entry : mapping)
            if (isDirect(entry) && entry["column"].get<std::string>() == k)
                field = entry.value("field", "");
        if (field.empty())
            return {}; // a key column is not sent as-is: the destination cannot address rows by it
        out.push_back(field);
    }
    return out;
}

std::string problemText(const FieldProblem &p)
{
    return p.field.empty() ? p.message : p.field + ": " + p.message;
}

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
    void classify(const Row &row, const std::string &key, RowClass cls, std::uint64_t hash,
                  bool maybeDelivered = false);
    void removed(const std::string &key);
    void submitRow(const Row &row, const std::string &key, RowClass cls, std::uint64_t hash,
                   bool maybeDelivered = false);
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
    json m_mapping;
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
                            fmt::format("run {} was stopped after it replaced the file and before it recorded so: "
                                        "its {} rows are recorded as delivered now, not sent again",
                                        (*pending)->runId, *staged));
            return removeLeftovers();
        }
        m_recorder->log(LogLevel::Warning,
                        fmt::format("run {} was stopped before it replaced the file: nothing of it was kept, "
                                    "its rows are planned again",
                                    (*pending)->runId));
    } else if (*staged > 0) {
        m_recorder->log(LogLevel::Warning,
                        fmt::format("dropped {} rows staged by a run that was stopped before it replaced the file: "
                                    "they are planned again",
                                    *staged));
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
    m_recorder->log(LogLevel::Info, fmt::format("{} of sync '{}': model '{}' -> destination '{}' ({} mode)",
                                                m_summary.kind, m_ctx.sync.name, m_ctx.model.name,
                                                m_ctx.destination.name, m_summary.mode));
    return {};
}

// The text of a record as the destination received it, for the rejection
// list: its mapped fields in order (a field a rule dropped shows as null, as
// it was sent). Built only when a record is rejected.
std::string payloadText(const Record &r, const std::vector<FieldSpec> &fields)
{
    if (!r.payload.empty() || r.op == RecordOp::Delete)
        return r.payload;
    std::string out = "{";
    for (std::size_t i = 0; i < r.fields.size() && i < fields.size(); ++i) {
        if (i)
            out += ',';
        appendJsonString(out, fields[i].name);
        out += ':';
        appendJsonValue(out, r.fields[i]);
    }
    out += '}';
    return out;
}

void SyncRun::onAck(std::uint64_t seq, std::span<const Record> records, std::span<const RowClass> classes,
                    std::span<const RecordOutcome> outcomes)
{
    const auto toAck = [&](std::size_t i) {
        const Record &r = records[i];
        const bool ok = outcomes[i].outcome == Outcome::Delivered;
        Acknowledgement a;
        a.kind = ok ? Acknowledgement::Kind::Delivered : Acknowledgement::Kind::Rejected;
        a.key = r.key;
        a.hash = r.hash;
        a.deleted = r.op == RecordOp::Delete;
        if (!ok) {
            a.displayKey = r.displayKey.empty() ? displayKey(r.key) : r.displayKey;
            a.reason = outcomes[i].reason;
            a.payload = payloadText(r, m_runInfo.fields);
        }
        return a;
    };
    if (!m_cursorMode) {
        AckGroup due;
        {
            std::lock_guard lock(m_ackMutex);
            if (m_ackGroup.acks.empty()) {
                m_ackGroup.firstBatch = seq;
                m_ackGroup.acks.reserve(kAckGroupRows + records.size());
                m_ackGroup.classes.reserve(kAckGroupRows + records.size());
            }
            for (std::size_t i = 0; i < records.size(); ++i) {
                m_ackGroup.acks.push_back(toAck(i));
                m_ackGroup.classes.push_back(classes[i]);
            }
            const auto now = Clock::now();
            if (m_ackGroup.acks.size() < kAckGroupRows && now - m_ackGroupStarted < kAckGroupAge)
                return;
            due = std::move(m_ackGroup);
            m_ackGroup = AckGroup{};
            m_ackGroupStarted = now;
        }
        commitAcks(due);
        return;
    }

    // Timestamp cursor: the cursor is the state; rejections are still recorded.
    std::vector<Acknowledgement> rejected;
    for (std::size_t i = 0; i < records.size(); ++i)
        if (outcomes[i].outcome != Outcome::Delivered)
            rejected.push_back(toAck(i));
    Result<> stored;
    if (!rejected.empty())
        stored = m_state->acknowledge(m_ctx.syncId, m_summary.runId, rejected);
    std::lock_guard lock(m_mutex);
    if (!stored) {
        // Not recorded means not claimed: these rows are sent again next run.
        m_recorder->log(LogLevel::Error, "could not record delivered rows: " + stored.error().describe(), int(seq));
        for (std::size_t i = 0; i < records.size(); ++i)
            ++counts(classes[i]).pending;
        return;
    }
    for (std::size_t i = 0; i < records.size(); ++i) {
        ClassCounts &c = counts(classes[i]);
        if (outcomes[i].outcome == Outcome::Delivered)
            ++c.delivered;
        else
            ++c.rejected;
        m_doneOrdinals.insert(records[i].ordinal);
    }
    // Advance over the contiguous prefix of handled records only.
    while (m_doneOrdinals.count(m_frontier + 1)) {
        m_doneOrdinals.erase(++m_frontier);
        auto pos = m_positions.find(m_frontier);
        if (pos != m_positions.end()) {
            m_cursorToSave = pos->second;
            m_positions.erase(pos);
        }
    }
    if (m_cursorToSave)
        if (auto r = m_state->setCursor(m_ctx.syncId, *m_cursorToSave); !r)
            m_recorder->log(LogLevel::Error, "could not save the cursor: " + r.error().describe());
}

void SyncRun::commitAcks(AckGroup &group)
{
    if (group.acks.empty())
        return;
    const auto started = Clock::now();
    const Result<> stored = m_destination->acknowledgesAtCommit()
                                ? m_state->stage(m_ctx.syncId, m_summary.runId, group.acks)
                                : m_state->acknowledge(m_ctx.syncId, m_summary.runId, group.acks);
    std::lock_guard lock(m_mutex);
    m_ackSeconds += std::chrono::duration<double>(Clock::now() - started).count();
    if (!stored) {
        // Not recorded means not claimed: these rows are sent again next run.
        m_recorder->log(LogLevel::Error, "could not record delivered rows: " + stored.error().describe(),
                        int(group.firstBatch));
        for (RowClass cls : group.classes)
            ++counts(cls).pending;
        return;
    }
    for (std::size_t i = 0; i < group.acks.size(); ++i) {
        ClassCounts &c = counts(group.classes[i]);
        if (group.acks[i].kind == Acknowledgement::Kind::Delivered)
            ++c.delivered;
        else
            ++c.rejected;
    }
    failpoint(m_destination->acknowledgesAtCommit() ? "file.staged" : "batch.acknowledged");
}

void SyncRun::submitRow(const Row &row, const std::string &key, RowClass cls, std::uint64_t hash,
                        bool maybeDelivered)
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
        Record r;
        r.op = cls == RowClass::Changed ? (m_ctx.mode == SyncMode::Update ? RecordOp::Update : RecordOp::Upsert)
               : cls == RowClass::Added && m_ctx.mode == SyncMode::Insert ? RecordOp::Insert
                                                                          : RecordOp::Upsert;
        r.key = key;
        r.keyValues.reserve(m_keyIdx.size());
        for (std::size_t i : m_keyIdx)
            r.keyValues.push_back(row[i]);
        r.hash = hash;
        r.maybeDelivered = maybeDelivered;
        r.fields.reserve(direct->size());
        for (int column : *direct)
            r.fields.push_back(row[std::size_t(column)]);
        if (timed) {
            m_mapSampledSeconds += std::chrono::duration<double>(Clock::now() - started).count();
            ++m_mapSampled;
        }
        if (!m_executor->submit(std::move(r), cls)) {
            std::lock_guard lock(m_mutex);
            ++counts(cls).pending;
        }
        return;
    }
    thread_local MappedRow mapped;
    m_mapper->apply(row, mapped);
    ++counts(cls).planned;
    if (int &samples = m_sentSamples[std::size_t(cls)]; samples < m_options.sampleCount) {
        ++samples;
        const std::string clsName = cls == RowClass::Added || cls == RowClass::Cursor ? "added"
                                    : cls == RowClass::Changed                        ? "changed"
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
        m_recorder->log(LogLevel::Warning, "rejected by validation: " + reason, std::nullopt, r.displayKey);
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
    Record r;
    r.op = cls == RowClass::Changed ? (m_ctx.mode == SyncMode::Update ? RecordOp::Update : RecordOp::Upsert)
           : (cls == RowClass::Added || cls == RowClass::Cursor) && m_ctx.mode == SyncMode::Insert
               ? RecordOp::Insert
               : RecordOp::Upsert;
    r.key = key;
    // displayKey and payload stay empty: they are made from the key and the
    // fields only if the record is rejected or logged.
    r.keyValues.reserve(m_keyIdx.size());
    for (std::size_t i : m_keyIdx)
        r.keyValues.push_back(row[i]);
    r.hash = hash;
    r.maybeDelivered = maybeDelivered;
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
    if (timed) {
        m_mapSampledSeconds += std::chrono::duration<double>(Clock::now() - started).count();
        ++m_mapSampled;
    }
    if (!m_executor->submit(std::move(r), cls)) {
        std::lock_guard lock(m_mutex);
        ++counts(cls).pending;
    }
}

void SyncRun::classify(const Row &row, const std::string &key, RowClass cls, std::uint64_t hash,
                       bool maybeDelivered)
{
    const bool send = [&] {
        switch (cls) {
        case RowClass::Added:
            return m_ctx.mode != SyncMode::Update;
        case RowClass::Changed:
            return m_ctx.mode != SyncMode::Insert;
        case RowClass::Unchanged:
            return m_options.kind == RunKind::FullResync
                   || (m_ctx.mode == SyncMode::Mirror && m_destination && m_destination->mirrorRewritesAll());
        default:
            return false;
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

    auto advanceSnapshotTo = [&](const std::string &key) -> Result<std::optional<std::uint64_t>> {
        while (snapValid && snap.key() < key) {
            if (m_onlyKeys.empty())
                removed(snap.key());
            auto m = snap.next();
            if (!m)
                return std::unexpected(m.error());
            snapValid = *m;
        }
        if (snapValid && snap.key() == key) {
            const std::uint64_t h = snap.hash();
            auto m = snap.next();
            if (!m)
                return std::unexpected(m.error());
            snapValid = *m;
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
        if (m_needsFilter) {
            MappedRow probe;
            m_mapper->apply(held, probe);
            if (probe.skipped) {
                std::lock_guard lock(m_mutex);
                --m_summary.queried;
                ++m_summary.filtered;
                if (*old && m_onlyKeys.empty())
                    removed(heldKey);
                return {};
            }
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
        if (m_cancel.isCancelled())
            return {};
        auto next = m_prefetch->next(row);
        if (!next)
            return std::unexpected(next.error());
        if (!*next)
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
                m_recorder->log(LogLevel::Warning, "rows with a NULL primary key are invalid and not sent");
            continue;
        }
        if (haveHeld && key == heldKey) {
            std::lock_guard lock(m_mutex);
            m_summary.invalid += heldDuplicate ? 1 : 2;
            if (!heldDuplicate) {
                m_recorder->log(LogLevel::Warning, "duplicate primary key: every row with it is invalid and not sent",
                                std::nullopt, displayKey(heldKey));
                if (m_sampleCounts["invalid"]++ < m_options.sampleCount)
                    m_summary.samples.push_back(RowSample{"invalid", displayKey(heldKey), "", {"duplicate primary key"}});
            }
            heldDuplicate = true;
            continue;
        }
        if (haveHeld && key < heldKey)
            return failed("sync.unordered",
                          "the source returned keys out of order ('" + displayKey(key) + "' after '"
                              + displayKey(heldKey) + "'); the planner needs the model sorted by its key");
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
    if (haveHeld)
        if (auto r = processHeld(); !r)
            return r;
    if (m_onlyKeys.empty()) {
        while (snapValid) {
            removed(snap.key());
            auto m = snap.next();
            if (!m)
                return std::unexpected(m.error());
            snapValid = *m;
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
        if (m_cancel.isCancelled())
            return {};
        auto next = m_prefetch->next(row);
        if (!next)
            return std::unexpected(next.error());
        if (!*next)
            break;
        ++m_summary.queried;
        auto key = encodeKey(row, m_keyIdx);
        if (!key || row[m_tsIdx].isNull()) {
            std::lock_guard lock(m_mutex);
            ++m_summary.invalid;
            if (m_sampleCounts["invalid"]++ < m_options.sampleCount)
                m_summary.samples.push_back(RowSample{"invalid", key ? displayKey(*key) : "", "",
                                                      {key ? "the timestamp is NULL" : "the primary key is NULL"}});
            continue;
        }
        if (m_needsFilter) {
            MappedRow probe;
            m_mapper->apply(row, probe);
            if (probe.skipped) {
                std::lock_guard lock(m_mutex);
                --m_summary.queried;
                ++m_summary.filtered;
                continue;
            }
        }
        submitRow(row, *key, RowClass::Cursor, rowHash(row));
        if (++m_progressTick % 256 == 0)
            reportProgress();
    }
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
                    order += (order.empty() ? "" : ", ") + quoteIdentifier(c.name) + m_source->collationFor(c) + " DESC";
                newest.sql = "SELECT * FROM (\n" + m_ctx.model.sql + "\n) AS sluice_model ORDER BY " + order
                             + " LIMIT 1";
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
                m_recorder->log(LogLevel::Info, "backfill is off: starting from the newest row; only rows "
                                                "added after it will be sent");
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
                                : init.is_number()       ? Value(init.get<double>())
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
        m_fingerprint = hashText(m_mapping.dump() + settings.value("filter", json()).dump()
                                 + settings.value("samplePercent", json()).dump());

        auto destination = makeDestination(m_ctx.destination, DestinationContext{m_ctx.store->directory(), SecretAccess::Allowed});
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
                m_recorder->log(LogLevel::Info, "no rejected rows to retry");
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
            eo.concurrency = std::clamp(typed.concurrency.value_or(limits.maxConcurrency), 1,
                                        std::max(1, limits.maxConcurrency));
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
                                        "could not record the rows about to be sent, so they were not sent: "
                                            + recorded.error().describe(),
                                        int(seq));
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
                        fmt::format("{} more rows with the same '{}' problem on field '{}' (first {} logged above)",
                                    count - kWarningsLoggedPerKind, kind.substr(sep + 1), kind.substr(0, sep),
                                    kWarningsLoggedPerKind));
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
    else if (m_summary.rejected() > 0 || m_summary.pending() > 0)
        status = "partial";
    else
        status = "succeeded";
    {
        std::lock_guard lock(m_mutex);
        m_summary.status = status;
        m_summary.error = redactSecrets(error);
        m_summary.deferredBecause = redactSecrets(m_summary.deferredBecause);
        m_summary.durationMs =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - m_started).count();
    }
    m_recorder->log(status == "failed" ? LogLevel::Error : LogLevel::Info,
                    fmt::format("{}{}: {} queried, {} invalid; added {}, changed {}, removed {}, unchanged {}; "
                                "{} delivered, {} rejected, {} pending{}",
                                status, m_summary.deferredUntil.empty() ? "" : " until " + m_summary.deferredUntil,
                                m_summary.queried, m_summary.invalid, m_summary.added.planned,
                                m_summary.changed.planned, m_summary.removed.planned, m_summary.unchanged.planned,
                                m_summary.delivered(), m_summary.rejected(), m_summary.pending(),
                                error.empty() ? "" : "; " + error));
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
            m_recorder->log(LogLevel::Warning, "a real run would stop at the mirror guard");
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
        // Records planned but neither delivered nor rejected are pending.
        for (ClassCounts *c : {&m_summary.added, &m_summary.changed, &m_summary.unchanged, &m_summary.removed}) {
            (void)c;
        }
    }
    if (m_destination->acknowledgesAtCommit()) {
        // Files: all or nothing. A failed or cancelled run leaves the old file.
        // Two steps (destination.h): the prepared output is recorded before
        // it becomes visible, so a kill between the rename and the promotion
        // is settled by the next run (recoverCommit), not sent again.
        if (error.empty() && !m_cancel.isCancelled()) {
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
        settle(m_summary.unchanged, resync || (m_ctx.mode == SyncMode::Mirror && m_destination->mirrorRewritesAll()));
        settle(m_summary.removed, m_ctx.mode == SyncMode::Mirror);
    }
    if (error.empty() && !m_cancel.isCancelled() && m_onlyKeys.empty() && !m_cursorMode)
        m_state->dropStaleRejections(m_ctx.syncId, m_summary.runId);
    return {};
}

} // namespace

Result<RunSummary> runSync(const std::string &projectPath, const std::string &syncName, const RunOptions &options,
                           CancelToken &cancel, const ProgressFn &progress)
{
    auto ctx = loadContext(projectPath, syncName);
    if (!ctx)
        return std::unexpected(ctx.error());
    SyncRun run(*ctx, options, cancel, progress);
    return run.execute();
}

Result<RunSummary> resetBaseline(const std::string &projectPath, const std::string &syncName, CancelToken &cancel)
{
    auto ctx = loadContext(projectPath, syncName);
    if (!ctx)
        return std::unexpected(ctx.error());
    auto lock = SyncLock::acquire(ctx->store->path(), ctx->syncId, syncName);
    if (!lock)
        return std::unexpected(lock.error());
    auto state = StateStore::open(ctx->store->path());
    if (!state)
        return std::unexpected(state.error());
    RunRecorder recorder(**state);
    auto runId = recorder.startRun(ctx->syncId, syncName, "reset-baseline");
    if (!runId)
        return std::unexpected(runId.error());
    const auto started = Clock::now();
    RunSummary summary;
    summary.runId = *runId;
    summary.sync = syncName;
    summary.kind = "reset-baseline";
    summary.mode = std::string(syncModeName(ctx->mode));
    summary.dryRun = true; // nothing is sent

    auto body = [&]() -> Result<> {
        auto source = makeSource(ctx->source, SourceContext{ctx->store->directory(), SecretAccess::Allowed});
        if (!source)
            return std::unexpected(source.error());
        QuerySpec spec;
        spec.sql = ctx->model.sql;
        spec.orderBy = ctx->model.primaryKey;
        spec.bytewiseOrder = true;
        auto rows = (*source)->query(spec);
        if (!rows)
            return std::unexpected(rows.error());
        auto idx = keyColumnIndexes((*rows)->columns(), ctx->model.primaryKey);
        if (!idx)
            return std::unexpected(idx.error());
        const json mapping = effectiveMapping(ctx->sync, (*rows)->columns());
        const json &settings = ctx->sync.settings;
        const std::uint64_t fingerprint = hashText(mapping.dump() + settings.value("filter", json()).dump()
                                                   + settings.value("samplePercent", json()).dump());
        Row row;
        std::string previous;
        return (*state)->replaceSnapshot(ctx->syncId, [&](std::string &key, std::uint64_t &hash) -> Result<bool> {
            for (;;) {
                if (cancel.isCancelled())
                    return cancelled();
                auto more = (*rows)->next(row);
                if (!more)
                    return std::unexpected(more.error());
                if (!*more)
                    return false;
                ++summary.queried;
                auto k = encodeKey(row, *idx);
                if (!k || *k == previous) {
                    ++summary.invalid;
                    continue;
                }
                previous = *k;
                key = *k;
                hash = hashRow(row, fingerprint);
                ++summary.unchanged.planned;
                return true;
            }
        });
    };
    auto r = body();
    summary.durationMs = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
    summary.status = r ? "succeeded" : (r.error().kind == ErrorKind::Cancelled ? "cancelled" : "failed");
    summary.error = r ? "" : r.error().describe();
    recorder.log(r ? LogLevel::Info : LogLevel::Error,
                 r ? fmt::format("baseline reset: {} rows recorded as synced, nothing sent", summary.unchanged.planned)
                   : summary.error);
    json counts = summary.toJson();
    counts.erase("samples");
    recorder.finishRun(summary.status, counts, summary.error, summary.durationMs);
    return summary;
}

} // namespace sluice

#include "syncrun.h"

#include "core/failpoint.h"
#include "formats/jsonwriter.h"

namespace sluice {

using nlohmann::json;

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
        m_recorder->log(LogLevel::Error, LogMessage{"state.record_failed", {stored.error().describe()}}, int(seq));
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
            m_recorder->log(LogLevel::Error, LogMessage{"state.cursor_failed", {r.error().describe()}});
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
        m_recorder->log(LogLevel::Error, LogMessage{"state.record_failed", {stored.error().describe()}},
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

} // namespace sluice

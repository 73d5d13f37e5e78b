#pragma once
// Per-sync state in the project file: the snapshot (key -> hash of what was
// last delivered), rejected rows, rows staged until a commit-at-end
// destination makes them durable, and the timestamp cursor. Thread-safe: the
// executor's threads acknowledge batches while the planner reads.
//
// Only acknowledged rows ever enter the snapshot, one transaction per call
// (the sync runner groups a few hundred milliseconds of batches into one),
// so a kill at any moment leaves a snapshot that claims nothing the
// destination did not confirm. acknowledge() and stage() reuse prepared
// statements, and skip clearing rejections for a sync known to have none.

#include "core/error.h"
#include "core/sqlitehandle.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sluice {

struct Acknowledgement {
    enum class Kind { Delivered, Rejected } kind = Kind::Delivered;
    std::string key; // encoded
    std::string displayKey;
    std::uint64_t hash = 0; // the payload hash now at the destination (Delivered, not Delete)
    bool deleted = false;   // a delivered delete: the key leaves the snapshot
    std::string reason;     // Rejected
    std::string payload;    // Rejected: what was (or would have been) sent
};

struct RejectedRow {
    std::string displayKey;
    std::string reason;
    std::string payload;
    std::int64_t runId = 0;
    std::string firstSeen;
    std::int64_t attempts = 0;
};

struct TimestampCursor {
    std::string timestamp;
    std::string key; // encoded
};

class StateStore {
public:
    // Opens its own connection to the project file.
    static Result<std::unique_ptr<StateStore>> open(const std::string &projectPath);
    ~StateStore();

    sqlite3 *handle() const { return m_db.get(); }
    std::mutex &mutex() { return m_mutex; }

    Result<std::int64_t> snapshotSize(std::int64_t syncId);

    // Reads the snapshot in key order, on its own connection so that it is
    // unaffected by batches acknowledged meanwhile.
    class SnapshotReader {
    public:
        Result<bool> next(); // false at the end
        const std::string &key() const { return m_key; }
        std::uint64_t hash() const { return m_hash; }

    private:
        friend class StateStore;
        sqlite::DbPtr m_db;
        sqlite::Statement m_stmt;
        std::string m_key;
        std::uint64_t m_hash = 0;
    };
    Result<std::unique_ptr<SnapshotReader>> readSnapshot(std::int64_t syncId);

    // A key sent to a mirror destination before it is acknowledged, recorded
    // before the send: should the run die between the send and the
    // acknowledgement and the row then leave the model, the next run still
    // knows the destination may hold it and deletes it. The snapshot holds it
    // with this hash, which no row has, so a row still in the model is sent again.
    static constexpr std::uint64_t kUnconfirmedHash = 0;
    Result<> recordUnconfirmed(std::int64_t syncId, std::span<const std::string> keys);

    // One transaction per call.
    Result<> acknowledge(std::int64_t syncId, std::int64_t runId, std::span<const Acknowledgement> acks);
    Result<> stage(std::int64_t syncId, std::int64_t runId, std::span<const Acknowledgement> acks);
    // Two-step commits of commit-at-end destinations (files). The caller
    // holds the sync's lock, so staged rows belong to its run alone, or are
    // leftovers of a killed one:
    //   recordCommit(): before the destination makes its output visible;
    //   promoteStaged(): after; moves the staged rows into the snapshot and
    //     forgets the commit, in one transaction;
    //   pendingCommit(): a commit recorded by a run killed before promoting;
    //   clearStaged(): drops staged rows and any recorded commit.
    struct PendingCommit {
        std::int64_t runId = 0;
        std::string token; // the destination's JSON
    };
    Result<> recordCommit(std::int64_t syncId, std::int64_t runId, const std::string &token);
    Result<std::optional<PendingCommit>> pendingCommit(std::int64_t syncId);
    Result<> promoteStaged(std::int64_t syncId);
    Result<> clearStaged(std::int64_t syncId);
    Result<std::int64_t> stagedCount(std::int64_t syncId);

    // Rejections that were not attempted again in `runId` are stale (the row
    // changed back, or left the model): drop them after a complete run.
    Result<> dropStaleRejections(std::int64_t syncId, std::int64_t runId);
    Result<std::vector<RejectedRow>> rejections(std::int64_t syncId, int limit = 1000);
    Result<std::vector<std::string>> rejectedKeys(std::int64_t syncId); // encoded, sorted

    // reset-baseline: replaces the snapshot with `rows` (key, hash) in one transaction.
    Result<> replaceSnapshot(std::int64_t syncId,
                             const std::function<Result<bool>(std::string &key, std::uint64_t &hash)> &next);

    Result<std::optional<TimestampCursor>> cursor(std::int64_t syncId);
    Result<> setCursor(std::int64_t syncId, const TimestampCursor &cursor);

private:
    StateStore(std::string path, sqlite::DbPtr db);
    Result<> inTransaction(const std::function<Result<>()> &body);
    // The statements of acknowledge() and stage(), prepared once (under m_mutex).
    struct Statements;
    Result<Statements *> statements();
    // False once the sync is known to have no rejected rows, so a delivered
    // row needs no DELETE from the rejections (under m_mutex).
    Result<bool> mayHaveRejections(std::int64_t syncId);

    std::string m_path;
    sqlite::DbPtr m_db;
    std::unique_ptr<Statements> m_statements; // finalized before m_db closes
    std::map<std::int64_t, bool> m_mayHaveRejections;
    std::mutex m_mutex;
};

std::string nowIsoUtc();

} // namespace sluice

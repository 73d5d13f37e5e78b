#include "statestore.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <functional>

namespace sluice {

std::string nowIsoUtc()
{
    const auto now = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
    return fmt::format("{:%FT%T}Z", now);
}

namespace {

// `flags`: FULLMUTEX for the store's connection (several threads share it
// under its mutex), NOMUTEX for a snapshot reader (one thread).
Result<sqlite::DbPtr> openConnection(const std::string &path, int flags = SQLITE_OPEN_FULLMUTEX)
{
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | flags, nullptr);
    sqlite::DbPtr db(raw);
    if (rc != SQLITE_OK)
        return std::unexpected(sqlite::lastError(raw, "open").within(path));
    sqlite3_busy_timeout(raw, 30000);
    // NORMAL is durable across process crashes in WAL mode (only an OS crash
    // can lose the last commits), and much faster than FULL per batch.
    if (auto r = sqlite::exec(raw, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                                   "PRAGMA foreign_keys = ON;");
        !r)
        return std::unexpected(r.error().within(path));
    return db;
}

} // namespace

Result<std::unique_ptr<StateStore>> StateStore::open(const std::string &projectPath)
{
    auto db = openConnection(projectPath);
    if (!db)
        return std::unexpected(db.error());
    return std::unique_ptr<StateStore>(new StateStore(projectPath, std::move(*db)));
}

// Delivered rows are recorded this many to a statement: one multi-row
// INSERT costs about half as much per row as single-row ones.
constexpr std::size_t kRowsPerUpsert = 64;

struct StateStore::Statements {
    sqlite::Statement upsert, upsertMany, remove, clear, reject, stage, stageMany, unconfirmed, forgetUnconfirmed;
};

StateStore::StateStore(std::string path, sqlite::DbPtr db) : m_path(std::move(path)), m_db(std::move(db))
{ }

StateStore::~StateStore() = default;

Result<StateStore::Statements *> StateStore::statements()
{
    if (m_statements)
        return m_statements.get();
    auto s = std::make_unique<Statements>();
    const std::pair<sqlite::Statement *, const char *> all[]
        = {{&s->upsert, "INSERT INTO sync_snapshot(sync_id, key, hash) VALUES (?1, ?2, ?3) "
                        "ON CONFLICT(sync_id, key) DO UPDATE SET hash = excluded.hash"},
           {&s->remove, "DELETE FROM sync_snapshot WHERE sync_id = ?1 AND key = ?2"},
           {&s->clear, "DELETE FROM sync_rejections WHERE sync_id = ?1 AND key = ?2"},
           {&s->reject, "INSERT INTO sync_rejections(sync_id, key, display_key, hash, reason, payload, run_id, "
                        "first_seen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(sync_id, key) DO UPDATE SET "
                        "display_key = excluded.display_key, hash = excluded.hash, reason = excluded.reason, "
                        "payload = excluded.payload, run_id = excluded.run_id, attempts = attempts + 1"},
           {&s->unconfirmed, "INSERT INTO sync_snapshot(sync_id, key, hash) VALUES (?1, ?2, 0) "
                             "ON CONFLICT(sync_id, key) DO NOTHING"},
           {&s->forgetUnconfirmed, "DELETE FROM sync_snapshot WHERE sync_id = ?1 AND key = ?2 AND hash = 0"},
           {&s->stage, "INSERT INTO sync_staged(sync_id, key, hash) VALUES (?1, ?2, ?3) "
                       "ON CONFLICT(sync_id, key) DO UPDATE SET hash = excluded.hash"}};
    for (const auto &[target, sql] : all) {
        auto st = sqlite::prepare(m_db.get(), sql);
        if (!st)
            return std::unexpected(st.error());
        *target = std::move(*st);
    }
    std::string many = "INSERT INTO sync_snapshot(sync_id, key, hash) VALUES ";
    for (std::size_t i = 0; i < kRowsPerUpsert; ++i)
        many += fmt::format("{}(?1, ?{}, ?{})", i ? ", " : "", 2 + 2 * i, 3 + 2 * i);
    many += " ON CONFLICT(sync_id, key) DO UPDATE SET hash = excluded.hash";
    auto st = sqlite::prepare(m_db.get(), many);
    if (!st)
        return std::unexpected(st.error());
    s->upsertMany = std::move(*st);
    std::string stageMany = "INSERT INTO sync_staged(sync_id, key, hash) VALUES ";
    for (std::size_t i = 0; i < kRowsPerUpsert; ++i)
        stageMany += fmt::format("{}(?1, ?{}, ?{})", i ? ", " : "", 2 + 2 * i, 3 + 2 * i);
    stageMany += " ON CONFLICT(sync_id, key) DO UPDATE SET hash = excluded.hash";
    st = sqlite::prepare(m_db.get(), stageMany);
    if (!st)
        return std::unexpected(st.error());
    s->stageMany = std::move(*st);
    m_statements = std::move(s);
    return m_statements.get();
}

Result<bool> StateStore::mayHaveRejections(std::int64_t syncId)
{
    if (auto known = m_mayHaveRejections.find(syncId); known != m_mayHaveRejections.end())
        return known->second;
    auto st = sqlite::prepare(m_db.get(), "SELECT EXISTS (SELECT 1 FROM sync_rejections WHERE sync_id = ?1)");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, syncId);
    if (auto row = st->step(); !row)
        return std::unexpected(row.error());
    const bool any = st->integer(0) != 0;
    m_mayHaveRejections[syncId] = any;
    return any;
}

Result<> StateStore::inTransaction(const std::function<Result<>()> &body)
{
    std::lock_guard lock(m_mutex);
    if (auto r = sqlite::exec(m_db.get(), "BEGIN IMMEDIATE"); !r)
        return r;
    auto r = body();
    if (r)
        r = sqlite::exec(m_db.get(), "COMMIT");
    if (!r)
        sqlite::exec(m_db.get(), "ROLLBACK");
    return r;
}

Result<std::int64_t> StateStore::snapshotSize(std::int64_t syncId)
{
    std::lock_guard lock(m_mutex);
    auto st = sqlite::prepare(m_db.get(), "SELECT count(*) FROM sync_snapshot WHERE sync_id = ?1");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, syncId);
    if (auto row = st->step(); !row)
        return std::unexpected(row.error());
    return st->integer(0);
}

Result<bool> StateStore::SnapshotReader::next()
{
    auto row = m_stmt.step();
    if (!row || !*row)
        return row;
    // The hot loop of planning: the key's buffer is reused, not a new string per row.
    const auto *p = static_cast<const char *>(sqlite3_column_blob(m_stmt.get(), 0));
    m_key.assign(p ? p : "", std::size_t(sqlite3_column_bytes(m_stmt.get(), 0)));
    m_hash = std::uint64_t(sqlite3_column_int64(m_stmt.get(), 1));
    return true;
}

Result<std::unique_ptr<StateStore::SnapshotReader>> StateStore::readSnapshot(std::int64_t syncId)
{
    auto db = openConnection(m_path, SQLITE_OPEN_NOMUTEX);
    if (!db)
        return std::unexpected(db.error());
    auto reader = std::make_unique<SnapshotReader>();
    reader->m_db = std::move(*db);
    auto st
        = sqlite::prepare(reader->m_db.get(), "SELECT key, hash FROM sync_snapshot WHERE sync_id = ?1 ORDER BY key");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, syncId);
    reader->m_stmt = std::move(*st);
    return reader;
}

Result<> StateStore::acknowledge(std::int64_t syncId, std::int64_t runId, std::span<const Acknowledgement> acks)
{
    return inTransaction([&]() -> Result<> {
        auto statements = this->statements();
        if (!statements)
            return std::unexpected(statements.error());
        Statements &s = **statements;
        auto mayHave = mayHaveRejections(syncId);
        if (!mayHave)
            return std::unexpected(mayHave.error());
        bool clearRejections = *mayHave;
        const std::string now = nowIsoUtc();
        // Delivered rows wait here to be written kRowsPerUpsert at a time
        // (in order: anything else flushes them first).
        std::vector<const Acknowledgement *> delivered;
        delivered.reserve(kRowsPerUpsert);
        auto flush = [&]() -> Result<> {
            std::size_t i = 0;
            if (delivered.size() == kRowsPerUpsert) {
                sqlite::Statement &many = s.upsertMany;
                many.reset();
                many.bind(1, syncId);
                for (std::size_t r = 0; r < kRowsPerUpsert; ++r) {
                    const Acknowledgement &a = *delivered[r];
                    // The keys outlive the statement's step: no copies.
                    sqlite3_bind_blob(many.get(), int(2 + 2 * r), a.key.data(), int(a.key.size()), SQLITE_STATIC);
                    sqlite3_bind_int64(many.get(), int(3 + 2 * r), std::int64_t(a.hash));
                }
                if (auto r = many.run(); !r)
                    return r;
                i = kRowsPerUpsert;
            }
            for (; i < delivered.size(); ++i) {
                s.upsert.reset();
                s.upsert.bind(1, syncId);
                s.upsert.bindBlob(2, delivered[i]->key);
                s.upsert.bind(3, std::int64_t(delivered[i]->hash));
                if (auto r = s.upsert.run(); !r)
                    return r;
            }
            delivered.clear();
            return {};
        };
        for (const auto &a : acks) {
            if (!clearRejections && a.kind == Acknowledgement::Kind::Delivered && !a.deleted) {
                delivered.push_back(&a);
                if (delivered.size() == kRowsPerUpsert)
                    if (auto r = flush(); !r)
                        return r;
                continue;
            }
            if (auto r = flush(); !r)
                return r;
            sqlite::Statement *st = nullptr;
            if (a.kind == Acknowledgement::Kind::Rejected) {
                // A refused new row is not at the destination: forget the
                // unconfirmed key recorded before the send (mirror mode).
                s.forgetUnconfirmed.reset();
                s.forgetUnconfirmed.bind(1, syncId);
                s.forgetUnconfirmed.bindBlob(2, a.key);
                if (auto r = s.forgetUnconfirmed.run(); !r)
                    return r;
                st = &s.reject;
                st->reset();
                st->bind(1, syncId);
                st->bindBlob(2, a.key);
                st->bind(3, a.displayKey);
                st->bind(4, std::int64_t(a.hash));
                st->bind(5, a.reason);
                st->bind(6, a.payload);
                st->bind(7, runId);
                st->bind(8, now);
                // Known before the insert, so a failure below cannot leave it unknown.
                m_mayHaveRejections[syncId] = clearRejections = true;
            } else {
                st = a.deleted ? &s.remove : &s.upsert;
                st->reset();
                st->bind(1, syncId);
                st->bindBlob(2, a.key);
                if (!a.deleted)
                    st->bind(3, std::int64_t(a.hash));
                if (auto r = st->run(); !r)
                    return r;
                if (!clearRejections)
                    continue;
                st = &s.clear;
                st->reset();
                st->bind(1, syncId);
                st->bindBlob(2, a.key);
            }
            if (auto r = st->run(); !r)
                return r;
        }
        return flush();
    });
}

Result<> StateStore::recordUnconfirmed(std::int64_t syncId, std::span<const std::string> keys)
{
    if (keys.empty())
        return {};
    return inTransaction([&]() -> Result<> {
        auto statements = this->statements();
        if (!statements)
            return std::unexpected(statements.error());
        sqlite::Statement &st = (*statements)->unconfirmed;
        for (const std::string &key : keys) {
            st.reset();
            st.bind(1, syncId);
            st.bindBlob(2, key);
            if (auto r = st.run(); !r)
                return r;
        }
        return {};
    });
}

Result<> StateStore::stage(std::int64_t syncId, std::int64_t runId, std::span<const Acknowledgement> acks)
{
    // Rejections are final at once; deliveries wait for the destination's commit.
    std::vector<Acknowledgement> rejected;
    for (const auto &a : acks)
        if (a.kind == Acknowledgement::Kind::Rejected)
            rejected.push_back(a);
    if (!rejected.empty())
        if (auto r = acknowledge(syncId, runId, rejected); !r)
            return r;
    return inTransaction([&]() -> Result<> {
        auto statements = this->statements();
        if (!statements)
            return std::unexpected(statements.error());
        Statements &s = **statements;
        std::vector<const Acknowledgement *> rows;
        for (const auto &a : acks)
            if (a.kind != Acknowledgement::Kind::Rejected)
                rows.push_back(&a);
        std::size_t i = 0;
        for (; i + kRowsPerUpsert <= rows.size(); i += kRowsPerUpsert) {
            s.stageMany.reset();
            s.stageMany.bind(1, syncId);
            for (std::size_t r = 0; r < kRowsPerUpsert; ++r) {
                const Acknowledgement &a = *rows[i + r];
                sqlite3_bind_blob(s.stageMany.get(), int(2 + 2 * r), a.key.data(), int(a.key.size()), SQLITE_STATIC);
                if (a.deleted)
                    sqlite3_bind_null(s.stageMany.get(), int(3 + 2 * r));
                else
                    sqlite3_bind_int64(s.stageMany.get(), int(3 + 2 * r), std::int64_t(a.hash));
            }
            if (auto r = s.stageMany.run(); !r)
                return r;
        }
        for (; i < rows.size(); ++i) {
            const Acknowledgement &a = *rows[i];
            s.stage.reset();
            s.stage.bind(1, syncId);
            s.stage.bindBlob(2, a.key);
            if (a.deleted)
                s.stage.bindNull(3);
            else
                s.stage.bind(3, std::int64_t(a.hash));
            if (auto r = s.stage.run(); !r)
                return r;
        }
        return {};
    });
}

Result<> StateStore::promoteStaged(std::int64_t syncId)
{
    return inTransaction([&]() -> Result<> {
        return sqlite::exec(
            m_db.get(),
            fmt::format("DELETE FROM sync_snapshot WHERE sync_id = {0} AND key IN "
                        "  (SELECT key FROM sync_staged WHERE sync_id = {0} AND hash IS NULL);"
                        "INSERT INTO sync_snapshot(sync_id, key, hash) SELECT sync_id, key, hash FROM sync_staged "
                        "  WHERE sync_id = {0} AND hash IS NOT NULL "
                        "  ON CONFLICT(sync_id, key) DO UPDATE SET hash = excluded.hash;"
                        "DELETE FROM sync_rejections WHERE sync_id = {0} AND key IN (SELECT key FROM sync_staged WHERE "
                        "sync_id = {0});"
                        "DELETE FROM sync_staged WHERE sync_id = {0};"
                        "DELETE FROM sync_commit WHERE sync_id = {0};",
                        syncId));
    });
}

Result<> StateStore::clearStaged(std::int64_t syncId)
{
    return inTransaction([&]() -> Result<> {
        return sqlite::exec(m_db.get(), fmt::format("DELETE FROM sync_staged WHERE sync_id = {0};"
                                                    "DELETE FROM sync_commit WHERE sync_id = {0};",
                                                    syncId));
    });
}

Result<> StateStore::recordCommit(std::int64_t syncId, std::int64_t runId, const std::string &token)
{
    return inTransaction([&]() -> Result<> {
        auto st = sqlite::prepare(m_db.get(), "INSERT INTO sync_commit(sync_id, run_id, token) VALUES (?1, ?2, ?3) "
                                              "ON CONFLICT(sync_id) DO UPDATE SET run_id = excluded.run_id, "
                                              "token = excluded.token");
        if (!st)
            return std::unexpected(st.error());
        st->bind(1, syncId);
        st->bind(2, runId);
        st->bind(3, token);
        return st->run();
    });
}

Result<std::optional<StateStore::PendingCommit>> StateStore::pendingCommit(std::int64_t syncId)
{
    std::lock_guard lock(m_mutex);
    auto st = sqlite::prepare(m_db.get(), "SELECT run_id, token FROM sync_commit WHERE sync_id = ?1");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, syncId);
    return sqlite::firstRow(*st, [&] { return PendingCommit{st->integer(0), st->text(1)}; });
}

Result<std::int64_t> StateStore::stagedCount(std::int64_t syncId)
{
    std::lock_guard lock(m_mutex);
    auto st = sqlite::prepare(m_db.get(), "SELECT count(*) FROM sync_staged WHERE sync_id = ?1");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, syncId);
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    return st->integer(0);
}

Result<> StateStore::dropStaleRejections(std::int64_t syncId, std::int64_t runId)
{
    std::lock_guard lock(m_mutex);
    return sqlite::exec(m_db.get(),
                        fmt::format("DELETE FROM sync_rejections WHERE sync_id = {} AND run_id < {}", syncId, runId));
}

Result<std::vector<RejectedRow>> StateStore::rejections(std::int64_t syncId, int limit)
{
    std::lock_guard lock(m_mutex);
    auto st = sqlite::prepare(m_db.get(), "SELECT display_key, reason, payload, run_id, first_seen, attempts "
                                          "FROM sync_rejections WHERE sync_id = ?1 ORDER BY key LIMIT ?2");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, syncId);
    st->bind(2, std::int64_t(limit));
    std::vector<RejectedRow> out;
    if (auto read = sqlite::eachRow(*st,
                                    [&] {
                                        out.push_back(RejectedRow{st->text(0), st->text(1), st->text(2), st->integer(3),
                                                                  st->text(4), st->integer(5)});
                                    });
        !read)
        return std::unexpected(read.error());
    return out;
}

Result<std::vector<std::string>> StateStore::rejectedKeys(std::int64_t syncId)
{
    std::lock_guard lock(m_mutex);
    auto st = sqlite::prepare(m_db.get(), "SELECT key FROM sync_rejections WHERE sync_id = ?1 ORDER BY key");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, syncId);
    std::vector<std::string> out;
    if (auto read = sqlite::eachRow(*st, [&] { out.push_back(st->blob(0)); }); !read)
        return std::unexpected(read.error());
    return out;
}

Result<> StateStore::replaceSnapshot(std::int64_t syncId,
                                     const std::function<Result<bool>(std::string &, std::uint64_t &)> &next)
{
    return inTransaction([&]() -> Result<> {
        m_mayHaveRejections.erase(syncId);
        if (auto r = sqlite::exec(m_db.get(), fmt::format("DELETE FROM sync_snapshot WHERE sync_id = {0};"
                                                          "DELETE FROM sync_rejections WHERE sync_id = {0};"
                                                          "DELETE FROM sync_staged WHERE sync_id = {0};",
                                                          syncId));
            !r)
            return r;
        auto st = sqlite::prepare(m_db.get(), "INSERT OR REPLACE INTO sync_snapshot(sync_id, key, hash) "
                                              "VALUES (?1, ?2, ?3)");
        if (!st)
            return std::unexpected(st.error());
        std::string key;
        std::uint64_t hash = 0;
        for (;;) {
            auto more = next(key, hash);
            if (!more)
                return std::unexpected(more.error());
            if (!*more)
                return {};
            st->reset();
            st->bind(1, syncId);
            st->bindBlob(2, key);
            st->bind(3, std::int64_t(hash));
            if (auto r = st->run(); !r)
                return r;
        }
    });
}

Result<std::optional<TimestampCursor>> StateStore::cursor(std::int64_t syncId)
{
    std::lock_guard lock(m_mutex);
    auto st = sqlite::prepare(m_db.get(), "SELECT timestamp, key FROM sync_cursor WHERE sync_id = ?1");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, syncId);
    return sqlite::firstRow(*st, [&] { return TimestampCursor{st->text(0), st->blob(1)}; });
}

Result<> StateStore::setCursor(std::int64_t syncId, const TimestampCursor &c)
{
    std::lock_guard lock(m_mutex);
    auto st = sqlite::prepare(m_db.get(), "INSERT INTO sync_cursor(sync_id, timestamp, key, updated_at) VALUES "
                                          "(?1, ?2, ?3, ?4) ON CONFLICT(sync_id) DO UPDATE SET timestamp = "
                                          "excluded.timestamp, key = excluded.key, updated_at = excluded.updated_at");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, syncId);
    st->bind(2, c.timestamp);
    st->bindBlob(3, c.key);
    st->bind(4, nowIsoUtc());
    return st->run();
}

} // namespace sluice

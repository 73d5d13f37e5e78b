#include "projectstore.h"

#include "core/fileutil.h"
#include "core/sqlitehandle.h"
#include "project/migrations.h"
#include "project/projectjson.h"
#include "project/projectstoreinternal.h"
#include "project/truststore.h"

#include <sqlite3.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <optional>

namespace sluice {

namespace fs = std::filesystem;

namespace projectstore {

std::string nowIso()
{
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return fmt::format("{:%FT%TZ}", now);
}

Error at(Error e, const std::string &path)
{
    e.where = e.where.empty() ? path : path + ": " + e.where;
    return e;
}

} // namespace projectstore

using namespace projectstore;

namespace {

std::uint32_t bigEndian32(const unsigned char *p)
{
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | std::uint32_t(p[3]);
}

// Reads the 100-byte SQLite header directly, so a file that is not ours is
// recognised without SQLite ever opening it for writing.
Result<> checkHeader(const std::string &path)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        return invalidInput("project.missing", "no such project file", path);
    if (fs::is_directory(path, ec))
        return invalidInput("project.is_directory", "is a directory, not a project file", path);
    const auto size = fs::file_size(path, ec);
    if (ec)
        return invalidInput("project.unreadable", "cannot read the file: " + ec.message(), path);
    if (size == 0)
        return invalidInput("project.empty", "the file is empty, not a Sluice project", path);
    // Through SQLite's VFS, never std::ifstream: closing our own descriptor
    // would drop the locks of every connection this process has on the file.
    auto header = sqlite::readFileStart(path, 100);
    if (!header)
        return std::unexpected(Error{ErrorKind::InvalidInput, header.error().code, header.error().message, path});
    const auto *h = reinterpret_cast<const unsigned char *>(header->data());
    if (size < 100 || std::string_view(header->data(), 16) != std::string_view("SQLite format 3\0", 16))
        return invalidInput("project.not_sqlite", "not a Sluice project (the file is not a SQLite database)", path);
    const std::uint32_t appId = bigEndian32(h + 68);
    if (appId != std::uint32_t(kProjectApplicationId))
        return invalidInput("project.not_sluice", "not a Sluice project (a SQLite database of another application)",
                            path);
    // The header's user_version can lag behind a WAL; open() checks again.
    const int version = int(bigEndian32(h + 60));
    if (version > currentProjectSchemaVersion())
        return invalidInput("project.newer_schema",
                            fmt::format("written by a newer Sluice (schema version {}; this build "
                                        "reads up to {})",
                                        version, currentProjectSchemaVersion()),
                            path);
    return {};
}

Result<int> pragmaInt(sqlite3 *db, const char *pragma)
{
    auto stmt = sqlite::prepare(db, std::string("PRAGMA ") + pragma);
    if (!stmt)
        return std::unexpected(stmt.error());
    auto row = stmt->step();
    if (!row)
        return std::unexpected(row.error());
    return int(stmt->integer(0));
}

// What a migration left behind must still hold together: a row referring
// to one that is not there fails the migration rather than being kept.
Result<> foreignKeysHold(sqlite3 *db)
{
    auto stmt = sqlite::prepare(db, "PRAGMA foreign_key_check");
    if (!stmt)
        return std::unexpected(stmt.error());
    auto row = stmt->step();
    if (!row)
        return std::unexpected(row.error());
    if (*row)
        return failed("project.migration",
                      "a row of table '" + stmt->text(0) + "' refers to a missing row of '" + stmt->text(2) + "'");
    return {};
}

Result<sqlite3 *> openConnection(const std::string &path, int flags)
{
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        Error e = sqlite::lastError(db, "open");
        sqlite3_close_v2(db);
        return std::unexpected(at(e, path));
    }
    sqlite3_busy_timeout(db, 10000);
    sqlite3_extended_result_codes(db, 1);
    return db;
}

} // namespace

ProjectStore::~ProjectStore()
{
    if (m_db)
        sqlite3_close_v2(m_db);
}

std::string ProjectStore::directory() const
{
    return parentDirectory(m_path);
}

int ProjectStore::schemaVersion() const
{
    auto v = pragmaInt(m_db, "user_version");
    return v ? *v : -1;
}

Result<std::unique_ptr<ProjectStore>> ProjectStore::create(const std::string &path, const std::string &name)
{
    if (fileExists(path))
        return invalidInput("project.exists", "the file already exists", path);
    auto db = openConnection(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!db)
        return std::unexpected(db.error());
    std::unique_ptr<ProjectStore> store(new ProjectStore(fs::absolute(path).string(), *db));
    // application_id first, in rollback-journal mode, so it lands in the main
    // file's header at once; then WAL for concurrent readers during runs.
    auto r = sqlite::exec(*db,
                          fmt::format("PRAGMA application_id = {}; PRAGMA journal_mode = WAL;", kProjectApplicationId));
    if (r)
        r = store->migrate();
    if (r) {
        auto stmt = sqlite::prepare(*db, "INSERT INTO project(key, value) VALUES ('name', ?1), "
                                         "('created_at', ?2), ('id', ?3)");
        if (!stmt)
            r = std::unexpected(stmt.error());
        else {
            stmt->bind(1, name);
            stmt->bind(2, nowIso());
            stmt->bind(3, newProjectId());
            r = stmt->run();
        }
    }
    // Made on this machine: trusted (issue 19). An import revokes it after filling it.
    if (r) {
        ProjectConfig empty;
        empty.name = name;
        if (auto id = store->id(); id)
            r = TrustStore().trust(*id, configFingerprint(empty), store->path());
        else
            r = std::unexpected(id.error());
    }
    if (!r) {
        store.reset();
        std::error_code ec;
        fs::remove(path, ec);
        fs::remove(path + "-wal", ec);
        fs::remove(path + "-shm", ec);
        return std::unexpected(at(r.error(), path));
    }
    return store;
}

Result<LoadedProject> ProjectStore::openLoaded(const std::string &path)
{
    auto store = open(path);
    if (!store)
        return std::unexpected(store.error());
    auto config = (*store)->load();
    if (!config)
        return std::unexpected(config.error());
    return LoadedProject{std::move(*store), std::move(*config)};
}

Result<std::unique_ptr<ProjectStore>> ProjectStore::open(const std::string &path)
{
    if (auto ok = checkHeader(path); !ok)
        return std::unexpected(ok.error());
    auto db = openConnection(path, SQLITE_OPEN_READWRITE);
    if (!db)
        return std::unexpected(db.error());
    std::unique_ptr<ProjectStore> store(new ProjectStore(fs::absolute(path).string(), *db));
    // Reading the schema touches every schema page: a corrupt file fails here,
    // before any write.
    auto version = pragmaInt(*db, "user_version");
    if (version) {
        auto schema = sqlite::exec(*db, "SELECT count(*) FROM sqlite_schema");
        if (!schema)
            version = std::unexpected(schema.error());
    }
    if (!version)
        return std::unexpected(at(version.error(), path));
    if (*version > currentProjectSchemaVersion())
        return invalidInput("project.newer_schema",
                            fmt::format("written by a newer Sluice (schema version {}; this build "
                                        "reads up to {})",
                                        *version, currentProjectSchemaVersion()),
                            path);
    if (auto r = sqlite::exec(*db, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;"); !r)
        return std::unexpected(at(r.error(), path));
    if (auto r = store->migrate(); !r)
        return std::unexpected(at(r.error(), path));
    // Projects from before trust have no id: one is given, untrusted.
    if (auto id = store->id(); !id || id->empty()) {
        auto st = sqlite::prepare(*db, "INSERT INTO project(key, value) VALUES ('id', ?1) ON CONFLICT(key) DO NOTHING");
        if (!st)
            return std::unexpected(at(st.error(), path));
        st->bind(1, newProjectId());
        if (auto r = st->run(); !r)
            return std::unexpected(at(r.error(), path));
    }
    return store;
}

Result<> ProjectStore::migrate()
{
    auto version = pragmaInt(m_db, "user_version");
    if (!version)
        return std::unexpected(version.error());
    // A migration may rebuild a table others refer to: with foreign keys on,
    // dropping the old table would delete what refers to it. They are off
    // (which only takes effect outside a transaction) until the end, and
    // checked before each commit.
    if (*version < currentProjectSchemaVersion())
        if (auto r = sqlite::exec(m_db, "PRAGMA foreign_keys = OFF"); !r)
            return r;
    for (const Migration &m : projectMigrations()) {
        if (m.version <= *version)
            continue;
        // Each migration and its version bump commit together or not at all.
        auto r = sqlite::exec(m_db, "BEGIN IMMEDIATE");
        // Another process may have migrated while this one waited for the lock.
        std::optional<int> now;
        if (r) {
            auto read = pragmaInt(m_db, "user_version");
            if (!read)
                r = std::unexpected(read.error());
            else
                now = *read;
        }
        if (r && now && *now >= m.version) {
            sqlite::exec(m_db, "ROLLBACK");
            continue;
        }
        if (r)
            r = sqlite::exec(m_db, m.sql);
        if (r)
            r = foreignKeysHold(m_db);
        if (r)
            r = sqlite::exec(m_db, fmt::format("PRAGMA user_version = {}", m.version));
        if (r)
            r = sqlite::exec(m_db, "COMMIT");
        if (!r) {
            sqlite::exec(m_db, "ROLLBACK");
            return std::unexpected(Error{r.error().kind,
                                         "project.migration",
                                         fmt::format("migration to schema version {} ({}) failed: {}", m.version,
                                                     m.description, r.error().message),
                                         {}});
        }
    }
    return sqlite::exec(m_db, "PRAGMA foreign_keys = ON");
}

} // namespace sluice

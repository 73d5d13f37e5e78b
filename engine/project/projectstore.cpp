#include "projectstore.h"

#include "core/fileutil.h"
#include "core/sqlitehandle.h"
#include "project/migrations.h"
#include "project/projectjson.h"
#include "project/truststore.h"

#include <sqlite3.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/chrono.h>
#include <functional>
#include <map>
#include <random>

namespace sluice {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::uint32_t bigEndian32(const unsigned char *p)
{
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8)
           | std::uint32_t(p[3]);
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
        return invalidInput("project.not_sqlite",
                            "not a Sluice project (the file is not a SQLite database)", path);
    const std::uint32_t appId = bigEndian32(h + 68);
    if (appId != std::uint32_t(kProjectApplicationId))
        return invalidInput("project.not_sluice",
                            "not a Sluice project (a SQLite database of another application)",
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

// A random UUID (version 4) naming the project in the machine's trust store.
std::string newProjectId()
{
    std::random_device device;
    std::mt19937_64 rng((std::uint64_t(device()) << 32) ^ device());
    std::uniform_int_distribution<std::uint64_t> bits;
    std::uint64_t hi = bits(rng), lo = bits(rng);
    hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
    lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
    return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xFFFF, hi & 0xFFFF, lo >> 48,
                       lo & 0xFFFFFFFFFFFFULL);
}

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

Result<std::unique_ptr<ProjectStore>> ProjectStore::create(const std::string &path,
                                                           const std::string &name)
{
    if (fileExists(path))
        return invalidInput("project.exists", "the file already exists", path);
    auto db = openConnection(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!db)
        return std::unexpected(db.error());
    std::unique_ptr<ProjectStore> store(new ProjectStore(fs::absolute(path).string(), *db));
    // application_id first, in rollback-journal mode, so it lands in the main
    // file's header at once; then WAL for concurrent readers during runs.
    auto r = sqlite::exec(*db, fmt::format("PRAGMA application_id = {}; PRAGMA journal_mode = WAL;",
                                           kProjectApplicationId));
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

Result<std::string> ProjectStore::id() const
{
    auto st = sqlite::prepare(m_db, "SELECT value FROM project WHERE key = 'id'");
    if (!st)
        return std::unexpected(st.error());
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    return *row ? st->text(0) : std::string();
}

Result<bool> ProjectStore::trusted() const
{
    auto config = load();
    if (!config)
        return std::unexpected(config.error());
    auto id = this->id();
    if (!id)
        return std::unexpected(id.error());
    return TrustStore().isTrusted(*id, configFingerprint(*config));
}

Result<> ProjectStore::trust() const
{
    auto config = load();
    if (!config)
        return std::unexpected(config.error());
    auto id = this->id();
    if (!id)
        return std::unexpected(id.error());
    return TrustStore().trust(*id, configFingerprint(*config), m_path);
}

SecretAccess ProjectStore::secretAccess() const
{
    auto trusted = this->trusted();
    return trusted && *trusted ? SecretAccess::Allowed : SecretAccess::Denied;
}

Result<> ProjectStore::revokeTrust() const
{
    auto id = this->id();
    if (!id)
        return std::unexpected(id.error());
    return TrustStore().revoke(*id);
}

Result<> ProjectStore::migrate()
{
    auto version = pragmaInt(m_db, "user_version");
    if (!version)
        return std::unexpected(version.error());
    for (const Migration &m : projectMigrations()) {
        if (m.version <= *version)
            continue;
        // Each migration and its version bump commit together or not at all.
        auto r = sqlite::exec(m_db, "BEGIN IMMEDIATE");
        if (r)
            r = sqlite::exec(m_db, m.sql);
        if (r)
            r = sqlite::exec(m_db, fmt::format("PRAGMA user_version = {}", m.version));
        if (r)
            r = sqlite::exec(m_db, "COMMIT");
        if (!r) {
            sqlite::exec(m_db, "ROLLBACK");
            return std::unexpected(Error{r.error().kind, "project.migration",
                                         fmt::format("migration to schema version {} ({}) failed: {}",
                                                     m.version, m.description, r.error().message),
                                         {}});
        }
    }
    return sqlite::exec(m_db, "PRAGMA foreign_keys = ON");
}

Result<ProjectConfig> ProjectStore::load() const
{
    ProjectConfig c;
    auto fail = [this](const Error &e) { return std::unexpected(at(e, m_path)); };
    {
        auto s = sqlite::prepare(m_db, "SELECT value FROM project WHERE key = 'name'");
        if (!s)
            return fail(s.error());
        auto row = s->step();
        if (!row)
            return fail(row.error());
        if (*row)
            c.name = s->text(0);
    }
    auto parse = [](const std::string &text) { return json::parse(text, nullptr, false); };
    {
        auto s = sqlite::prepare(m_db, "SELECT name, kind, settings FROM sources ORDER BY name");
        if (!s)
            return fail(s.error());
        for (;;) {
            auto row = s->step();
            if (!row)
                return fail(row.error());
            if (!*row)
                break;
            c.sources.push_back(SourceDef{s->text(0), s->text(1), parse(s->text(2))});
        }
    }
    {
        auto s = sqlite::prepare(m_db, "SELECT name, source, sql, primary_key, description FROM models "
                                       "ORDER BY name");
        if (!s)
            return fail(s.error());
        for (;;) {
            auto row = s->step();
            if (!row)
                return fail(row.error());
            if (!*row)
                break;
            const json key = parse(s->text(3));
            c.models.push_back(ModelDef{s->text(0), s->text(1), s->text(2),
                                        key.is_array() ? key.get<std::vector<std::string>>()
                                                       : std::vector<std::string>{},
                                        s->text(4)});
        }
    }
    {
        auto s = sqlite::prepare(m_db, "SELECT name, kind, settings FROM destinations ORDER BY name");
        if (!s)
            return fail(s.error());
        for (;;) {
            auto row = s->step();
            if (!row)
                return fail(row.error());
            if (!*row)
                break;
            c.destinations.push_back(DestinationDef{s->text(0), s->text(1), parse(s->text(2))});
        }
    }
    {
        auto s = sqlite::prepare(m_db,
                                 "SELECT s.name, s.model, s.destination, s.mode, s.settings, "
                                 "  (SELECT json_group_array(json(spec)) FROM "
                                 "     (SELECT spec FROM mappings m WHERE m.sync_id = s.id ORDER BY position)) "
                                 "FROM syncs s ORDER BY s.name");
        if (!s)
            return fail(s.error());
        for (;;) {
            auto row = s->step();
            if (!row)
                return fail(row.error());
            if (!*row)
                break;
            c.syncs.push_back(SyncDef{s->text(0), s->text(1), s->text(2), s->text(3),
                                      parse(s->text(5)), parse(s->text(4))});
        }
    }
    return c;
}

Result<ModelDef> ProjectStore::model(const std::string &name) const
{
    auto c = load();
    if (!c)
        return std::unexpected(c.error());
    for (const auto &m : c->models)
        if (m.name == name)
            return m;
    std::string names;
    for (const auto &m : c->models)
        names += (names.empty() ? "" : ", ") + m.name;
    return invalidInput("project.no_model",
                        "no model named '" + name + "' (models: " + (names.empty() ? "none" : names)
                            + ")",
                        m_path);
}

Result<SourceDef> ProjectStore::source(const std::string &name) const
{
    auto c = load();
    if (!c)
        return std::unexpected(c.error());
    for (const auto &s : c->sources)
        if (s.name == name)
            return s;
    return invalidInput("project.no_source", "no source named '" + name + "'", m_path);
}

namespace {

// Upserts rows of one entity table by name, deletes the names that went away,
// and records a revision for each insert, change or deletion.
template<typename T>
Result<> syncTable(sqlite3 *db, const char *entity, const char *table, const std::vector<T> &items,
                   const std::map<std::string, std::string> &oldDocs, const std::string &savedAt,
                   const std::function<Result<>(const T &)> &upsert)
{
    std::map<std::string, bool> keep;
    auto revision = sqlite::prepare(db, "INSERT INTO config_revisions(entity, name, saved_at, document, "
                                        "deleted) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!revision)
        return std::unexpected(revision.error());
    for (const T &item : items) {
        keep[item.name] = true;
        const std::string doc = toJson(item).dump();
        auto old = oldDocs.find(item.name);
        if (old != oldDocs.end() && old->second == doc)
            continue;
        if (auto r = upsert(item); !r)
            return r;
        revision->reset();
        revision->bind(1, std::string(entity));
        revision->bind(2, item.name);
        revision->bind(3, savedAt);
        revision->bind(4, doc);
        revision->bind(5, std::int64_t(0));
        if (auto r = revision->run(); !r)
            return r;
    }
    auto del = sqlite::prepare(db, std::string("DELETE FROM ") + table + " WHERE name = ?1");
    if (!del)
        return std::unexpected(del.error());
    for (const auto &[name, doc] : oldDocs) {
        if (keep.count(name))
            continue;
        del->reset();
        del->bind(1, name);
        if (auto r = del->run(); !r)
            return r;
        revision->reset();
        revision->bind(1, std::string(entity));
        revision->bind(2, name);
        revision->bind(3, savedAt);
        revision->bind(4, doc);
        revision->bind(5, std::int64_t(1));
        if (auto r = revision->run(); !r)
            return r;
    }
    return {};
}

template<typename T>
std::map<std::string, std::string> docsByName(const std::vector<T> &items)
{
    std::map<std::string, std::string> out;
    for (const auto &i : items)
        out[i.name] = toJson(i).dump();
    return out;
}

} // namespace

Result<> ProjectStore::save(const ProjectConfig &config)
{
    auto saved = saveConfig(config);
    if (!saved)
        return std::unexpected(saved.error());
    return {};
}

Result<std::pair<std::string, std::string>> ProjectStore::saveConfig(const ProjectConfig &config)
{
    if (auto ok = validateConfig(config); !ok)
        return std::unexpected(ok.error());
    auto current = load();
    if (!current)
        return std::unexpected(current.error());
    const std::pair<std::string, std::string> fingerprints{configFingerprint(*current), configFingerprint(config)};
    const std::string savedAt = nowIso();
    sqlite3 *db = m_db;

    auto body = [&]() -> Result<> {
        auto name = sqlite::prepare(db, "INSERT INTO project(key, value) VALUES ('name', ?1) "
                                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        if (!name)
            return std::unexpected(name.error());
        name->bind(1, config.name);
        if (auto r = name->run(); !r)
            return r;
        // Children before parents on delete, parents before children on insert:
        // foreign keys are checked at commit, so order only matters for clarity.
        if (auto r = sqlite::exec(db, "PRAGMA defer_foreign_keys = ON"); !r)
            return r;
        if (auto r = syncTable<SourceDef>(
                db, "source", "sources", config.sources, docsByName(current->sources), savedAt,
                [db](const SourceDef &s) -> Result<> {
                    auto st = sqlite::prepare(db, "INSERT INTO sources(name, kind, settings) VALUES "
                                                  "(?1, ?2, ?3) ON CONFLICT(name) DO UPDATE SET "
                                                  "kind = excluded.kind, settings = excluded.settings");
                    if (!st)
                        return std::unexpected(st.error());
                    st->bind(1, s.name);
                    st->bind(2, s.kind);
                    st->bind(3, s.settings.dump());
                    return st->run();
                });
            !r)
            return r;
        if (auto r = syncTable<ModelDef>(
                db, "model", "models", config.models, docsByName(current->models), savedAt,
                [db](const ModelDef &m) -> Result<> {
                    auto st = sqlite::prepare(
                        db, "INSERT INTO models(name, source, sql, primary_key, description) VALUES "
                            "(?1, ?2, ?3, ?4, ?5) ON CONFLICT(name) DO UPDATE SET source = "
                            "excluded.source, sql = excluded.sql, primary_key = excluded.primary_key, "
                            "description = excluded.description");
                    if (!st)
                        return std::unexpected(st.error());
                    st->bind(1, m.name);
                    st->bind(2, m.source);
                    st->bind(3, m.sql);
                    st->bind(4, json(m.primaryKey).dump());
                    st->bind(5, m.description);
                    return st->run();
                });
            !r)
            return r;
        if (auto r = syncTable<DestinationDef>(
                db, "destination", "destinations", config.destinations,
                docsByName(current->destinations), savedAt,
                [db](const DestinationDef &d) -> Result<> {
                    auto st = sqlite::prepare(db, "INSERT INTO destinations(name, kind, settings) "
                                                  "VALUES (?1, ?2, ?3) ON CONFLICT(name) DO UPDATE SET "
                                                  "kind = excluded.kind, settings = excluded.settings");
                    if (!st)
                        return std::unexpected(st.error());
                    st->bind(1, d.name);
                    st->bind(2, d.kind);
                    st->bind(3, d.settings.dump());
                    return st->run();
                });
            !r)
            return r;
        return syncTable<SyncDef>(
            db, "sync", "syncs", config.syncs, docsByName(current->syncs), savedAt,
            [db](const SyncDef &s) -> Result<> {
                auto st = sqlite::prepare(
                    db, "INSERT INTO syncs(name, model, destination, mode, settings) VALUES (?1, ?2, "
                        "?3, ?4, ?5) ON CONFLICT(name) DO UPDATE SET model = excluded.model, "
                        "destination = excluded.destination, mode = excluded.mode, settings = "
                        "excluded.settings RETURNING id");
                if (!st)
                    return std::unexpected(st.error());
                st->bind(1, s.name);
                st->bind(2, s.model);
                st->bind(3, s.destination);
                st->bind(4, s.mode);
                st->bind(5, s.settings.dump());
                auto row = st->step();
                if (!row)
                    return std::unexpected(row.error());
                const std::int64_t id = st->integer(0);
                if (auto r = st->run(); !r)
                    return r;
                auto del = sqlite::prepare(db, "DELETE FROM mappings WHERE sync_id = ?1");
                if (!del)
                    return std::unexpected(del.error());
                del->bind(1, id);
                if (auto r = del->run(); !r)
                    return r;
                auto ins = sqlite::prepare(db, "INSERT INTO mappings(sync_id, position, spec) "
                                               "VALUES (?1, ?2, ?3)");
                if (!ins)
                    return std::unexpected(ins.error());
                std::int64_t pos = 0;
                for (const auto &m : s.mapping) {
                    ins->reset();
                    ins->bind(1, id);
                    ins->bind(2, pos++);
                    ins->bind(3, m.dump());
                    if (auto r = ins->run(); !r)
                        return r;
                }
                return {};
            });
    };

    if (auto r = sqlite::exec(db, "BEGIN IMMEDIATE"); !r)
        return std::unexpected(at(r.error(), m_path));
    auto r = body();
    // A change made through Sluice on this machine keeps a trusted project
    // trusted. The new fingerprint is trusted before the commit makes it
    // visible to other processes; if the trust store cannot be written the
    // project just needs a review again, which is the safe side.
    if (r)
        if (auto id = this->id(); id && !id->empty())
            (void) TrustStore().follow(*id, fingerprints.first, fingerprints.second, m_path);
    if (r)
        r = sqlite::exec(db, "COMMIT");
    if (!r) {
        sqlite::exec(db, "ROLLBACK");
        return std::unexpected(at(r.error(), m_path));
    }
    return fingerprints;
}

Result<std::vector<Revision>> ProjectStore::revisions(const std::string &entity,
                                                      const std::string &name) const
{
    auto s = sqlite::prepare(m_db, "SELECT id, entity, name, saved_at, document, deleted FROM "
                                   "config_revisions WHERE entity = ?1 AND name = ?2 ORDER BY id");
    if (!s)
        return std::unexpected(s.error());
    s->bind(1, entity);
    s->bind(2, name);
    std::vector<Revision> out;
    for (;;) {
        auto row = s->step();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            break;
        out.push_back(Revision{s->integer(0), s->text(1), s->text(2), s->text(3), s->text(4),
                               s->integer(5) != 0});
    }
    return out;
}

} // namespace sluice

// The project's configuration in its tables: loading it, saving it in one
// transaction (a revision recorded for every entity that changed), and the
// revisions of an entity.

#include "projectstore.h"

#include "core/sqlitehandle.h"
#include "project/projectjson.h"
#include "project/projectstoreinternal.h"
#include "project/truststore.h"

#include <sqlite3.h>

#include <functional>
#include <map>

namespace sluice {

using nlohmann::json;
using namespace projectstore;

Result<ProjectConfig> ProjectStore::load() const
{
    ProjectConfig c;
    auto parse = [](const std::string &text) { return json::parse(text, nullptr, false); };
    // Reads every row of `sql` with `read(statement)`.
    auto readAll = [this](const char *sql, auto &&read) -> Result<> {
        auto s = sqlite::prepare(m_db, sql);
        if (!s)
            return std::unexpected(s.error());
        return sqlite::eachRow(*s, [&] { read(*s); });
    };
    Result<> r = readAll("SELECT key, value FROM project WHERE key IN ('name', 'customer_schema', 'audiences')",
                         [&](sqlite::Statement &s) {
                             const std::string key = s.text(0);
                             if (key == "name")
                                 c.name = s.text(1);
                             else if (key == "customer_schema")
                                 c.customerSchema = parse(s.text(1));
                             else if (const json list = parse(s.text(1)); list.is_array())
                                 c.audiences.assign(list.begin(), list.end());
                         });
    if (r)
        r = readAll("SELECT name, kind, settings FROM sources ORDER BY name", [&](sqlite::Statement &s) {
            c.sources.push_back(SourceDef{s.text(0), s.text(1), parse(s.text(2))});
        });
    if (r)
        r = readAll(
            "SELECT name, source, sql, primary_key, description FROM models ORDER BY name", [&](sqlite::Statement &s) {
                const json key = parse(s.text(3));
                c.models.push_back(ModelDef{
                    s.text(0), s.text(1), s.text(2),
                    key.is_array() ? key.get<std::vector<std::string>>() : std::vector<std::string>{}, s.text(4)});
            });
    if (r)
        r = readAll("SELECT name, kind, settings FROM destinations ORDER BY name", [&](sqlite::Statement &s) {
            c.destinations.push_back(DestinationDef{s.text(0), s.text(1), parse(s.text(2))});
        });
    if (r)
        r = readAll("SELECT s.name, s.model, s.destination, s.mode, s.settings, "
                    "  (SELECT json_group_array(json(spec)) FROM "
                    "     (SELECT spec FROM mappings m WHERE m.sync_id = s.id ORDER BY position)) "
                    "FROM syncs s ORDER BY s.name",
                    [&](sqlite::Statement &s) {
                        c.syncs.push_back(
                            SyncDef{s.text(0), s.text(1), s.text(2), s.text(3), parse(s.text(5)), parse(s.text(4))});
                    });
    if (!r)
        return std::unexpected(at(r.error(), m_path));
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
                        "no model named '" + name + "' (models: " + (names.empty() ? "none" : names) + ")", m_path);
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
template <typename T>
Result<> syncTable(sqlite3 *db, const char *entity, const char *table, const std::vector<T> &items,
                   const std::map<std::string, std::string> &oldDocs, const std::string &savedAt, bool amend,
                   const std::function<Result<>(const T &)> &upsert)
{
    std::map<std::string, bool> keep;
    auto revision = sqlite::prepare(db, "INSERT INTO config_revisions(entity, name, saved_at, document, "
                                        "deleted) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!revision)
        return std::unexpected(revision.error());
    // Amending: the newest revision of the item becomes this save, when it is
    // not a deletion (typing "100" is one version, not "1", "10" and "100").
    auto amendLast = sqlite::prepare(db, "UPDATE config_revisions SET document = ?3, saved_at = ?4 WHERE id = "
                                         "(SELECT max(id) FROM config_revisions WHERE entity = ?1 AND name = ?2) "
                                         "AND deleted = 0");
    if (!amendLast)
        return std::unexpected(amendLast.error());
    for (const T &item : items) {
        keep[item.name] = true;
        const std::string doc = toJson(item).dump();
        auto old = oldDocs.find(item.name);
        if (old != oldDocs.end() && old->second == doc)
            continue;
        if (auto r = upsert(item); !r)
            return r;
        if (amend && old != oldDocs.end()) {
            amendLast->reset();
            amendLast->bind(1, std::string(entity));
            amendLast->bind(2, item.name);
            amendLast->bind(3, doc);
            amendLast->bind(4, savedAt);
            if (auto r = amendLast->run(); !r)
                return r;
            if (sqlite3_changes(db) > 0)
                continue;
        }
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

template <typename T> std::map<std::string, std::string> docsByName(const std::vector<T> &items)
{
    std::map<std::string, std::string> out;
    for (const auto &i : items)
        out[i.name] = toJson(i).dump();
    return out;
}

// The customer schema and the audiences live in the project table, as the
// JSON the export carries; a project without them has no such rows.
Result<> saveAudiences(sqlite3 *db, const ProjectConfig &config)
{
    for (auto [key, value] : {std::pair<const char *, json>{"customer_schema", config.customerSchema},
                              std::pair<const char *, json>{"audiences", json(config.audiences)}}) {
        const bool none = value.is_null() || (value.is_array() && value.empty());
        auto st = sqlite::prepare(db, none ? "DELETE FROM project WHERE key = ?1"
                                           : "INSERT INTO project(key, value) VALUES (?1, ?2) "
                                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        if (!st)
            return std::unexpected(st.error());
        st->bind(1, std::string(key));
        if (!none)
            st->bind(2, value.dump());
        if (auto r = st->run(); !r)
            return r;
    }
    return {};
}

} // namespace

Result<> ProjectStore::save(const ProjectConfig &config, ConfigSaveOptions options)
{
    auto saved = saveConfig(config, options);
    if (!saved)
        return std::unexpected(saved.error());
    return {};
}

Result<std::pair<std::string, std::string>> ProjectStore::saveConfig(const ProjectConfig &config,
                                                                     ConfigSaveOptions options)
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
        if (auto r = saveAudiences(db, config); !r)
            return r;
        // Children before parents on delete, parents before children on insert:
        // foreign keys are checked at commit, so order only matters for clarity.
        if (auto r = sqlite::exec(db, "PRAGMA defer_foreign_keys = ON"); !r)
            return r;
        if (auto r = syncTable<SourceDef>(
                db, "source", "sources", config.sources, docsByName(current->sources), savedAt, options.amendRevisions,
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
                db, "model", "models", config.models, docsByName(current->models), savedAt, options.amendRevisions,
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
        if (auto r = syncTable<DestinationDef>(db, "destination", "destinations", config.destinations,
                                               docsByName(current->destinations), savedAt, options.amendRevisions,
                                               [db](const DestinationDef &d) -> Result<> {
                                                   auto st = sqlite::prepare(
                                                       db, "INSERT INTO destinations(name, kind, settings) "
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
            db, "sync", "syncs", config.syncs, docsByName(current->syncs), savedAt, options.amendRevisions,
            [db](const SyncDef &s) -> Result<> {
                auto st
                    = sqlite::prepare(db, "INSERT INTO syncs(name, model, destination, mode, settings) VALUES (?1, ?2, "
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
            (void)TrustStore().follow(*id, fingerprints.first, fingerprints.second, m_path);
    if (r)
        r = sqlite::exec(db, "COMMIT");
    if (!r) {
        sqlite::exec(db, "ROLLBACK");
        return std::unexpected(at(r.error(), m_path));
    }
    return fingerprints;
}

Result<std::vector<Revision>> ProjectStore::revisions(const std::string &entity, const std::string &name) const
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
        out.push_back(Revision{s->integer(0), s->text(1), s->text(2), s->text(3), s->text(4), s->integer(5) != 0});
    }
    return out;
}

} // namespace sluice

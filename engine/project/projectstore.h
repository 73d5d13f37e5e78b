#pragma once
// A project is one SQLite file (*.sluice, WAL mode) with a versioned schema.
// Opening checks, before anything is written, that the file is a SQLite
// database, that it is a Sluice project (PRAGMA application_id), and that its
// schema is not newer than this build; only then is it opened for writing and
// migrated. A file that fails any check is left exactly as it was.

#include "core/entities.h"
#include "core/envref.h"
#include "core/error.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

struct sqlite3;

namespace sluice {

struct Revision {
    std::int64_t id = 0;
    std::string entity; // source | model | destination | sync
    std::string name;
    std::string savedAt;  // ISO 8601 UTC
    std::string document; // canonical JSON of the entity
    bool deleted = false;
};

// The same lookup on any connection to a project file (the state store's,
// the alert evaluator's).
Result<std::optional<std::int64_t>> findSyncId(sqlite3 *db, const std::string &name);

struct ConfigSaveOptions {
    // The save continues the previous one (the app: typing into one field
    // merges into one undo step): each changed entity's newest revision is
    // replaced by this one instead of a new revision being added.
    bool amendRevisions = false;
};

class ProjectStore;

// A project opened and its configuration read: what most callers start with.
struct LoadedProject {
    std::unique_ptr<ProjectStore> store;
    ProjectConfig config;
};

class ProjectStore {
public:
    ~ProjectStore();
    ProjectStore(const ProjectStore &) = delete;
    ProjectStore &operator=(const ProjectStore &) = delete;

    // Creates a new, empty project. Fails if `path` exists.
    static Result<std::unique_ptr<ProjectStore>> create(const std::string &path, const std::string &name);
    // Opens an existing project, migrating it to the current schema.
    static Result<std::unique_ptr<ProjectStore>> open(const std::string &path);
    // Opens it and loads its configuration.
    static Result<LoadedProject> openLoaded(const std::string &path);

    const std::string &path() const { return m_path; }
    std::string directory() const; // relative paths in settings resolve against it
    int schemaVersion() const;

    Result<ProjectConfig> load() const;
    Result<ModelDef> model(const std::string &name) const;
    Result<SourceDef> source(const std::string &name) const;

    // Replaces the whole configuration in one transaction, keeping the ids
    // (and so the sync state) of entities whose names stay. Validates first;
    // records a revision for every entity that changed.
    Result<> save(const ProjectConfig &config, ConfigSaveOptions options = {});

    // The project's id (a UUID kept in the file; the trust store's key).
    Result<std::string> id() const;
    // The stored id of a sync (its state and history are keyed by it);
    // nullopt when no sync has that name.
    Result<std::optional<std::int64_t>> syncId(const std::string &name) const;
    // Trust on this machine (truststore.h): whether the configuration as it
    // is now was reviewed; trust it as it is now; forget it.
    Result<bool> trusted() const;
    Result<> trust() const;
    Result<> revokeTrust() const;
    // What a project may do with its secret references here: resolve them
    // only when trusted (core/envref.h).
    SecretAccess secretAccess() const;

    Result<std::vector<Revision>> revisions(const std::string &entity, const std::string &name) const;

    sqlite3 *handle() const { return m_db; }

private:
    // What trust is kept under: the project's id and its configuration's fingerprint.
    struct TrustKey {
        std::string projectId;
        std::string fingerprint;
    };
    Result<TrustKey> trustKey() const;

    ProjectStore(std::string path, sqlite3 *db) : m_path(std::move(path)), m_db(db) { }
    Result<> migrate();
    // save() without the trust store: the fingerprints before and after.
    Result<std::pair<std::string, std::string>> saveConfig(const ProjectConfig &config, ConfigSaveOptions options = {});

    std::string m_path;
    sqlite3 *m_db = nullptr;
};

} // namespace sluice

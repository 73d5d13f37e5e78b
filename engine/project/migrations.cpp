#include "migrations.h"

#include <array>

namespace sluice {

namespace {
constexpr std::array kMigrations = {
    Migration{1, "sources, models, destinations, syncs and mappings", R"SQL(
CREATE TABLE project (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE sources (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    kind     TEXT NOT NULL,
    settings TEXT NOT NULL CHECK (json_valid(settings))
);
CREATE TABLE models (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    source      TEXT NOT NULL REFERENCES sources(name) ON UPDATE CASCADE,
    sql         TEXT NOT NULL,
    primary_key TEXT NOT NULL CHECK (json_valid(primary_key)),
    description TEXT NOT NULL DEFAULT ''
);
CREATE TABLE destinations (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    kind     TEXT NOT NULL,
    settings TEXT NOT NULL CHECK (json_valid(settings))
);
CREATE TABLE syncs (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    model       TEXT NOT NULL REFERENCES models(name) ON UPDATE CASCADE,
    destination TEXT NOT NULL REFERENCES destinations(name) ON UPDATE CASCADE,
    mode        TEXT NOT NULL,
    settings    TEXT NOT NULL CHECK (json_valid(settings))
);
CREATE TABLE mappings (
    sync_id  INTEGER NOT NULL REFERENCES syncs(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    spec     TEXT NOT NULL CHECK (json_valid(spec)),
    PRIMARY KEY (sync_id, position)
) WITHOUT ROWID;
)SQL"},
    Migration{2, "configuration history", R"SQL(
CREATE TABLE config_revisions (
    id       INTEGER PRIMARY KEY,
    entity   TEXT NOT NULL CHECK (entity IN ('source', 'model', 'destination', 'sync')),
    name     TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    document TEXT NOT NULL CHECK (json_valid(document)),
    deleted  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX config_revisions_by_name ON config_revisions(entity, name, id);
)SQL"},
};
} // namespace

std::span<const Migration> projectMigrations()
{
    return kMigrations;
}

int currentProjectSchemaVersion()
{
    return kMigrations.back().version;
}

} // namespace sluice

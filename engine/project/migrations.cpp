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
    Migration{3, "sync state, run history, job log and API inspector", R"SQL(
-- Per sync, each primary key (order-preserving encoding) with the hash of
-- the payload last delivered. Only acknowledged rows ever get here.
CREATE TABLE sync_snapshot (
    sync_id INTEGER NOT NULL REFERENCES syncs(id) ON DELETE CASCADE,
    key     BLOB NOT NULL,
    hash    INTEGER NOT NULL,
    PRIMARY KEY (sync_id, key)
) WITHOUT ROWID;
-- Rows the destination (or a validation rule) refused: why, and what was sent.
CREATE TABLE sync_rejections (
    sync_id     INTEGER NOT NULL REFERENCES syncs(id) ON DELETE CASCADE,
    key         BLOB NOT NULL,
    display_key TEXT NOT NULL,
    hash        INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    payload     TEXT NOT NULL,
    run_id      INTEGER NOT NULL,
    first_seen  TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (sync_id, key)
) WITHOUT ROWID;
-- Rows a commit-at-end destination (files) accepted but has not yet made durable.
CREATE TABLE sync_staged (
    sync_id INTEGER NOT NULL REFERENCES syncs(id) ON DELETE CASCADE,
    key     BLOB NOT NULL,
    hash    INTEGER,            -- NULL: delete from the snapshot
    PRIMARY KEY (sync_id, key)
) WITHOUT ROWID;
-- Timestamp-cursor syncs: the last (timestamp, key) delivered.
CREATE TABLE sync_cursor (
    sync_id    INTEGER PRIMARY KEY REFERENCES syncs(id) ON DELETE CASCADE,
    timestamp  TEXT NOT NULL,
    key        BLOB NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE runs (
    id           INTEGER PRIMARY KEY,
    sync_id      INTEGER REFERENCES syncs(id) ON DELETE SET NULL,
    sync_name    TEXT NOT NULL,
    kind         TEXT NOT NULL,      -- run | dry-run | full-resync | retry-rejected | reset-baseline
    status       TEXT NOT NULL,      -- running | succeeded | partial | failed | cancelled
    started_at   TEXT NOT NULL,
    ended_at     TEXT,
    duration_ms  INTEGER,
    counts       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(counts)),
    error        TEXT
);
CREATE INDEX runs_by_sync ON runs(sync_name, id);
CREATE TABLE run_log (
    id      INTEGER PRIMARY KEY,
    run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    at      TEXT NOT NULL,
    level   TEXT NOT NULL,           -- debug | info | warning | error
    batch   INTEGER,
    row_key TEXT,
    message TEXT NOT NULL
);
CREATE INDEX run_log_by_run ON run_log(run_id, id);
CREATE TABLE http_exchanges (
    id               INTEGER PRIMARY KEY,
    run_id           INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    batch            INTEGER,
    at               TEXT NOT NULL,
    method           TEXT NOT NULL,
    url              TEXT NOT NULL,
    status           INTEGER,
    latency_ms       REAL,
    request_headers  TEXT NOT NULL,
    request_body     TEXT NOT NULL,
    response_headers TEXT NOT NULL,
    response_body    TEXT NOT NULL
);
CREATE INDEX http_exchanges_by_run ON http_exchanges(run_id, id);
)SQL"},
    Migration{4, "alert state", R"SQL(
-- One row per alert rule of a sync that ever fired: whether its incident is
-- going on, so that an incident alerts once and recovers once, whichever
-- process (daemon, sluicectl run, the app) evaluates the runs.
CREATE TABLE alert_state (
    sync_id       INTEGER NOT NULL REFERENCES syncs(id) ON DELETE CASCADE,
    rule          TEXT NOT NULL,     -- the rule's name in the sync's settings
    active        INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
    since         TEXT,              -- when the current (or last) incident began
    last_notified TEXT,              -- when the last alert or recovery notice went out
    last_run_id   INTEGER,           -- the last run evaluated (a run is evaluated once)
    incident_runs INTEGER NOT NULL DEFAULT 0,
    detail        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (sync_id, rule)
) WITHOUT ROWID;
)SQL"},
    Migration{5, "two-step commits of file destinations", R"SQL(
-- A commit-at-end destination (files) about to make a run's output visible:
-- recorded before the rename, removed in the transaction that moves the
-- run's staged rows into the snapshot. A run that finds one left behind by a
-- killed process asks the destination whether the rename happened (token:
-- the destination's own description of the prepared output) and promotes or
-- drops the staged rows accordingly.
CREATE TABLE sync_commit (
    sync_id INTEGER PRIMARY KEY REFERENCES syncs(id) ON DELETE CASCADE,
    run_id  INTEGER NOT NULL,
    token   TEXT NOT NULL CHECK (json_valid(token))
);
)SQL"},
    // Job log lines as codes with arguments (core/logmessages.h), so the app
    // shows them in the user's language; `message` keeps the English text.
    Migration{6, "job log message codes", R"SQL(
ALTER TABLE run_log ADD COLUMN code TEXT;
ALTER TABLE run_log ADD COLUMN args TEXT CHECK (args IS NULL OR json_valid(args));
)SQL"},
    // A sync's model may be an audience (docs/audiences.md), which lives in
    // the project table, not in models: the foreign key on syncs.model goes,
    // and configuration validation checks the name instead. SQLite cannot drop
    // a constraint, so the table is rebuilt (its ids kept, foreign keys off
    // while migrating so nothing cascades).
    Migration{7, "a sync's model may be an audience", R"SQL(
CREATE TABLE syncs_v7 (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    model       TEXT NOT NULL,
    destination TEXT NOT NULL REFERENCES destinations(name) ON UPDATE CASCADE,
    mode        TEXT NOT NULL,
    settings    TEXT NOT NULL CHECK (json_valid(settings))
);
INSERT INTO syncs_v7 (id, name, model, destination, mode, settings)
    SELECT id, name, model, destination, mode, settings FROM syncs;
DROP TABLE syncs;
ALTER TABLE syncs_v7 RENAME TO syncs;
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

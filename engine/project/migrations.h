#pragma once
// The project file's schema, as an ordered list of migrations. Version N is
// reached by applying migrations 1..N in order; PRAGMA user_version holds the
// version a file is at. Never edit a released migration: add a new one, and a
// test that opens a file of the previous version (tests/project/tst_projectstore.cpp).

#include <span>

namespace sluice {

struct Migration {
    int version;
    const char *description;
    const char *sql;
};

std::span<const Migration> projectMigrations();
int currentProjectSchemaVersion();

// 'SLCE': PRAGMA application_id of every Sluice project, so a stray SQLite
// file is recognised as "not a Sluice project" before anything is written.
inline constexpr int kProjectApplicationId = 0x534C4345;

} // namespace sluice

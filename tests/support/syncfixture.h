#pragma once
// A small world for sync tests: a SQLite warehouse with a `people` table, a
// project whose model reads it, and helpers to change rows, run syncs and
// read what arrived.

#include "core/entities.h"
#include "sync/syncrunner.h"

#include <QTemporaryDir>

#include <map>
#include <string>
#include <vector>

namespace sluice::test {

// Rows of `sql` on any SQLite file, as text ("NULL" for NULL); fails the test on an error.
std::vector<std::vector<std::string>> sqliteRows(const std::string &file, const std::string &sql);
// Runs `sql` (several statements allowed) on any SQLite file; fails the test on an error.
void sqliteExec(const std::string &file, const std::string &sql);

class SyncFixture {
public:
    explicit SyncFixture(int people = 100);

    QString path(const QString &name) const { return m_dir.filePath(name); }
    std::string projectPath() const { return m_dir.filePath("p.sluice").toStdString(); }

    // Runs SQL on the warehouse (to insert, update, delete rows).
    void warehouse(const std::string &sql);
    // Runs SQL on any SQLite file and returns rows as text ("NULL" for NULL).
    std::vector<std::vector<std::string>> query(const QString &file, const std::string &sql) const;

    // Replaces the project's configuration with `config` plus the base source and model.
    ProjectConfig baseConfig() const;
    void save(const ProjectConfig &config);
    // Adds (or replaces) a destination and a sync on the `people` model.
    void addSync(const std::string &name, const DestinationDef &destination, const std::string &mode,
                 nlohmann::json settings = nlohmann::json::object(), nlohmann::json mapping = nlohmann::json::array());

    RunSummary run(const std::string &sync, RunKind kind = RunKind::Normal, bool allowMassDelete = false);
    std::int64_t snapshotSize(const std::string &sync) const;
    std::vector<std::string> jsonlLines(const QString &file) const;

private:
    QTemporaryDir m_dir;
    ProjectConfig m_config;
};

} // namespace sluice::test

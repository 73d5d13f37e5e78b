#include "syncfixture.h"

#include "project/projectstore.h"

#include <QFile>
#include <QTest>

#include <sqlite3.h>

namespace sluice::test {

using nlohmann::json;

SyncFixture::SyncFixture(int people)
{
    warehouse("CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT, name TEXT NOT NULL, score INTEGER, "
              "updated_at INTEGER NOT NULL DEFAULT 0)");
    std::string insert = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                       + std::to_string(people)
                       + ") INSERT INTO people SELECT i, 'p' || i || '@example.com', 'Person ' || i, i * 10, i FROM n";
    if (people > 0)
        warehouse(insert);
    auto store = ProjectStore::create(projectPath(), "sync tests");
    if (!store)
        qFatal("cannot create project: %s", store.error().describe().c_str());
    m_config = baseConfig();
    save(m_config);
}

std::vector<std::vector<std::string>> sqliteRows(const std::string &file, const std::string &sql)
{
    std::vector<std::vector<std::string>> out;
    sqlite3 *db = nullptr;
    sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
        qFatal("query failed: %s", sqlite3_errmsg(db));
    while (sqlite3_step(st) == SQLITE_ROW) {
        std::vector<std::string> row;
        for (int i = 0; i < sqlite3_column_count(st); ++i) {
            const auto *t = reinterpret_cast<const char *>(sqlite3_column_text(st, i));
            row.push_back(t ? t : "NULL");
        }
        out.push_back(row);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

void sqliteExec(const std::string &file, const std::string &sql)
{
    sqlite3 *db = nullptr;
    sqlite3_open(file.c_str(), &db);
    char *err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK)
        qFatal("SQL failed on %s: %s", file.c_str(), err);
    sqlite3_close(db);
}

void SyncFixture::warehouse(const std::string &sql)
{
    sqliteExec(m_dir.filePath("wh.sqlite").toStdString(), sql);
}

std::vector<std::vector<std::string>> SyncFixture::query(const QString &file, const std::string &sql) const
{
    return sqliteRows(file.toStdString(), sql);
}

ProjectConfig SyncFixture::baseConfig() const
{
    ProjectConfig c;
    c.name = "sync tests";
    c.sources.push_back(SourceDef{"wh", "sqlite", {{"path", "wh.sqlite"}}});
    c.models.push_back(ModelDef{"people", "wh", "SELECT id, email, name, score, updated_at FROM people", {"id"}, ""});
    return c;
}

void SyncFixture::save(const ProjectConfig &config)
{
    m_config = config;
    auto store = ProjectStore::open(projectPath());
    if (!store)
        qFatal("cannot open project: %s", store.error().describe().c_str());
    if (auto r = (*store)->save(config); !r)
        qFatal("cannot save project: %s", r.error().describe().c_str());
}

void SyncFixture::addSync(const std::string &name, const DestinationDef &destination, const std::string &mode,
                          json settings, json mapping)
{
    ProjectConfig c = m_config;
    std::erase_if(c.destinations, [&](const DestinationDef &d) { return d.name == destination.name; });
    std::erase_if(c.syncs, [&](const SyncDef &s) { return s.name == name; });
    c.destinations.push_back(destination);
    c.syncs.push_back(SyncDef{name, "people", destination.name, mode, mapping, settings});
    save(c);
}

RunSummary SyncFixture::run(const std::string &sync, RunKind kind, bool allowMassDelete)
{
    CancelToken cancel;
    RunOptions options;
    options.kind = kind;
    options.allowMassDelete = allowMassDelete;
    auto r = runSync(projectPath(), sync, options, cancel);
    if (!r)
        qFatal("run did not start: %s", r.error().describe().c_str());
    return *r;
}

std::int64_t SyncFixture::snapshotSize(const std::string &sync) const
{
    auto rows = query(m_dir.filePath("p.sluice"),
                      "SELECT count(*) FROM sync_snapshot JOIN syncs ON syncs.id = sync_id WHERE syncs.name = '" + sync
                          + "'");
    return std::stoll(rows[0][0]);
}

std::vector<std::string> SyncFixture::jsonlLines(const QString &file) const
{
    std::vector<std::string> out;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (!line.isEmpty())
            out.push_back(line.toStdString());
    return out;
}

} // namespace sluice::test

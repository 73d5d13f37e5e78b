#pragma once
// A SQLite database file as a source, opened read-only (Sluice never writes
// to a warehouse it reads). cancel() calls sqlite3_interrupt.

#include "sources/source.h"

#include <atomic>
#include <mutex>

struct sqlite3;

namespace sluice {

struct SqliteSettings {
    std::string path; // absolute
};

class SqliteSource final : public Source {
public:
    explicit SqliteSource(SqliteSettings settings);
    ~SqliteSource() override;

    std::string_view kind() const override { return "sqlite"; }
    std::string bytewiseTextCollation() const override { return " COLLATE BINARY"; }
    Result<std::string> testConnection() override;
    Result<std::vector<TableInfo>> listTables() override;
    Result<std::unique_ptr<RowCursor>> query(const QuerySpec &spec) override;
    void cancel() override;

private:
    Result<sqlite3 *> database();

    SqliteSettings m_settings;
    sqlite3 *m_db = nullptr;
    std::atomic<bool> m_cancelled{false};
    std::mutex m_mutex; // guards m_db against cancel() from another thread
};

} // namespace sluice

#pragma once
// A database table as a destination: SQLite or PostgreSQL. Records are
// upserted by key (INSERT ... ON CONFLICT), inserted, updated or deleted
// (mirror), one transaction per batch; a row the database refuses (a
// constraint, a type) is rejected with the database's message while the rest
// of the batch is written. The table can be created on request with column
// types from the mapped fields and the key as its primary key.

#include "destinations/contract/destination.h"

#include <memory>
#include <mutex>

struct sqlite3;
struct pg_conn;

namespace sluice {

struct SqliteTableSettings {
    std::string path; // absolute
    std::string table;
    bool createTable = true;
};

class SqliteTableDestination final : public Destination {
public:
    explicit SqliteTableDestination(SqliteTableSettings settings);
    ~SqliteTableDestination() override;

    std::string_view kind() const override { return "sqlite_table"; }
    std::vector<SyncMode> supportedModes() const override;
    DestinationLimits limits() const override;
    Result<std::string> testConnection() override;
    Result<> begin(const RunInfo &run) override;
    BatchResult write(int batchNumber, std::span<const Record> batch) override;
    Result<> commit() override;
    void abort() override;

private:
    struct Prepared; // the run's statements, prepared once in begin()

    Result<> open();
    void close();

    SqliteTableSettings m_settings;
    RunInfo m_run;
    sqlite3 *m_db = nullptr;
    std::unique_ptr<Prepared> m_prepared;
    std::mutex m_mutex; // abort() may come from another thread than write()
};

struct PostgresTableSettings {
    std::string host = "127.0.0.1";
    int port = 5432;
    std::string database, user, password; // password already resolved
    std::string sslmode = "prefer";
    std::string schema = "public";
    std::string table;
    bool createTable = true;
};

class PostgresTableDestination final : public Destination {
public:
    explicit PostgresTableDestination(PostgresTableSettings settings);
    ~PostgresTableDestination() override;

    std::string_view kind() const override { return "postgres_table"; }
    std::vector<SyncMode> supportedModes() const override;
    DestinationLimits limits() const override;
    Result<std::string> testConnection() override;
    Result<> begin(const RunInfo &run) override;
    BatchResult write(int batchNumber, std::span<const Record> batch) override;
    Result<> commit() override;
    void abort() override;

private:
    struct Prepared; // the run's statements and how to encode each field

    Result<> connect();
    Result<> prepareStatements();
    void closeConnection();
    void close();                    // the connection and the run's statements
    std::string where() const;       // "host:port/database"
    std::string displayName() const; // "schema.table"

    PostgresTableSettings m_settings;
    RunInfo m_run;
    pg_conn *m_conn = nullptr;
    std::unique_ptr<Prepared> m_prepared;
    std::mutex m_mutex; // abort() may come from another thread than write()
};

} // namespace sluice

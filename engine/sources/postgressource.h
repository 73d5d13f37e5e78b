#pragma once
// PostgreSQL through libpq. Rows stream in single-row mode, so memory stays
// flat whatever the result size; cancel() sends a PQcancel request.

#include "sources/source.h"

#include <atomic>
#include <cstddef>
#include <functional>
#include <mutex>
#include <unordered_map>

struct pg_conn;
struct pg_result;
struct pg_cancel;

namespace sluice {

class PostgresCursor;

struct PostgresSettings {
    std::string host = "127.0.0.1";
    int port = 5432;
    std::string database;
    std::string user;
    std::string password; // already resolved from its ${env:...} reference
    std::string sslmode = "prefer";
    int connectTimeoutSeconds = 10;
};

class PostgresSource final : public Source {
public:
    explicit PostgresSource(PostgresSettings settings);
    ~PostgresSource() override;

    std::string_view kind() const override { return "postgres"; }
    std::string bytewiseTextCollation() const override { return " COLLATE \"C\""; }
    std::string collationFor(const Column &column) const override;
    std::string comparison(const Column &column, std::string_view op, const Value &value) const override;
    Result<std::string> testConnection() override;
    Result<std::vector<TableInfo>> listTables() override;
    Result<std::unique_ptr<RowCursor>> query(const QuerySpec &spec) override;
    void cancel() override;

private:
    friend class PostgresCursor;

    Result<pg_conn *> connection();
    void closeConnection();
    std::string where() const; // "host:port/database"

    // One statement in flight at a time: send it, then read its results one by one.
    Result<void> sendQuery(const std::string &sql, bool singleRow);
    Result<void> waitForResult(bool stopping);
    Result<pg_result *> nextResult(bool stopping); // nullptr once the statement is done
    Result<pg_result *> takeResult();              // nextResult() once one is ready
    Result<void> finishQuery();                    // reads what is left; the first error wins
    void abandonQuery();                           // cancels and drains what is left
    void sendCancel();
    Result<pg_result *> exec(const std::string &sql); // small catalog queries, fully buffered
    Result<void> command(const std::string &sql);     // one statement without rows (BEGIN, SET, ROLLBACK)
    // Sends `sql` and reads all it returns; `keep` may take a result (true:
    // it owns it now); the first other one that is not COMMAND_OK is the error.
    Result<void> runStatement(const std::string &sql, const std::function<bool(pg_result *)> &keep);
    // The model runs inside BEGIN READ ONLY ... ROLLBACK: ended here, once.
    void endReadOnlyTransaction();
    void abandonStatement(); // cancels the statement in flight and drains its results
    Error queryError(const pg_result *result) const;
    Result<void> loadTypeNames();

    PostgresSettings m_settings;
    pg_conn *m_conn = nullptr;
    pg_cancel *m_cancelHandle = nullptr; // made by the owning thread, used by cancel()
    bool m_queryRunning = false;         // a statement's results are still to be read
    std::atomic<bool> m_cancelled{false};
    std::mutex m_cancelMutex; // guards m_conn, m_cancelHandle and m_queryRunning against cancel()

    PostgresCursor *m_cursor = nullptr;                    // the open cursor, if any
    std::unordered_map<unsigned, std::string> m_typeNames; // type OID -> format_type name
    bool m_typeNamesLoaded = false;
    bool m_inReadOnlyTransaction = false;
    // Where the user's SQL sits in the statement sent, to report error positions in its terms.
    std::size_t m_sqlSkipChars = 0;
    std::size_t m_sqlBodyChars = 0;
};

} // namespace sluice

#pragma once
// The SQLite and PostgreSQL table destinations driven directly (begin, write,
// commit) against a database file and the test PostgreSQL server. Most tests
// run once per database ("sqlite", "postgres" rows) and check the table's
// exact contents, row by row, after writing. PostgreSQL tests work in a
// schema of their own, dropped before and after each test.
//
// Shared by the parts of the table destination tests
// (tst_tabledestination_writes, tst_tabledestination_tables,
// tst_tabledestination_faults): records, runs and rows shown as text, and the
// fixture (TableDestinationTestCase) every part's test class derives from.

#include "core/keycodec.h"
#include "destinations/tabledestination.h"
#include "pgsession.h"
#include "sources/postgressource.h"
#include "sources/sqlitesource.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <memory>

using namespace sluice;

inline QString describe(const Error &e)
{
    return QString::fromStdString(e.code + " | " + e.describe());
}

// "integer:1|text:Ana|null:": one exact string per row for comparisons.
inline QString show(const Row &row)
{
    QStringList cells;
    for (const auto &v : row)
        cells << QString::fromStdString(std::string(valueTypeName(v.type())) + ":" + v.toString());
    return cells.join('|');
}

inline QStringList outcomes(const BatchResult &result)
{
    if (!result) {
        const char *kind = result.error().kind == BatchFailure::Kind::Retryable     ? "retryable"
                         : result.error().kind == BatchFailure::Kind::RejectedWhole ? "rejected whole"
                                                                                    : "fatal";
        return {QString("batch failed (%1): %2").arg(kind, QString::fromStdString(result.error().message))};
    }
    QStringList out;
    for (const auto &o : *result) {
        switch (o.outcome) {
        case Outcome::Delivered: out << "delivered"; break;
        case Outcome::Rejected: out << "rejected: " + QString::fromStdString(o.reason); break;
        case Outcome::Retryable: out << "retryable: " + QString::fromStdString(o.reason); break;
        }
    }
    return out;
}

inline Record record(RecordOp op, std::vector<Value> key, std::vector<Value> fields = {})
{
    Record r;
    r.op = op;
    r.keyValues = std::move(key);
    r.key = encodeKeyValues(r.keyValues);
    r.displayKey = displayKey(r.key);
    r.fields = std::move(fields);
    return r;
}

// The users of most tests: id, name, score, vip, nickname (a field that was
// NULL in every sampled row, so its type is unknown).
inline RunInfo usersRun(SyncMode mode = SyncMode::Upsert)
{
    RunInfo run;
    run.syncName = "users_to_table";
    run.mode = mode;
    run.fields = {{"id", ValueType::Integer},
                  {"name", ValueType::Text},
                  {"score", ValueType::Real},
                  {"vip", ValueType::Boolean},
                  {"nickname", ValueType::Null}};
    run.keyFields = {"id"};
    return run;
}

inline Record user(RecordOp op, std::int64_t id, Value name, Value score = 1.5, Value vip = false, Value nickname = {})
{
    return record(op, {Value(id)}, {Value(id), std::move(name), std::move(score), std::move(vip), std::move(nickname)});
}

// The users table read back, booleans as 0 and 1 so both databases read alike.
inline const char *kUsersSql = "SELECT id, name, score, CAST(vip AS INTEGER), nickname FROM users ORDER BY id";

inline void addBackends()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("sqlite") << false;
    QTest::newRow("postgres") << true;
}

// The test PostgreSQL server, and for each test row its own database: a
// SQLite file in a folder of its own, or a PostgreSQL schema of its own.
// Each part's initTestCase(), init() and cleanup() call connectServer(),
// initRow() and cleanupRow().
class TableDestinationTestCase : public QObject {
protected:
    test::PgServer m_server;
    bool m_pg = false;                    // the current row's database
    std::string m_schema;                 // PostgreSQL: the current test's own schema
    std::unique_ptr<QTemporaryDir> m_dir; // SQLite: the current test's own folder
    std::string m_dbPath;

    PostgresSettings adminSettings() const { return pgSettings(m_server); }

    PostgresTableSettings pgTableSettings(const std::string &table, bool createTable) const
    {
        PostgresTableSettings s;
        s.host = m_server.host.toStdString();
        s.port = m_server.port;
        s.user = m_server.user.toStdString();
        s.password = m_server.password.toStdString();
        s.database = m_server.database.toStdString();
        s.sslmode = "disable";
        s.schema = m_schema;
        s.table = table;
        s.createTable = createTable;
        return s;
    }

    std::unique_ptr<Destination> destination(bool createTable = true, const std::string &table = "users") const
    {
        if (m_pg)
            return std::make_unique<PostgresTableDestination>(pgTableSettings(table, createTable));
        return std::make_unique<SqliteTableDestination>(SqliteTableSettings{m_dbPath, table, createTable});
    }

    // How messages name the table: "users", or "schema.users".
    std::string tableName(const std::string &table = "users") const { return m_pg ? m_schema + "." + table : table; }

    std::string pgPrefix() const { return "SET search_path TO " + quoteIdentifier(m_schema) + "; "; }

    // Runs statements on the current database (unqualified names resolve to
    // the test's schema); the error text, or empty.
    QString exec(const std::string &sql)
    {
        if (m_pg)
            return execPostgres(pgPrefix() + sql);
        sqlite3 *db = nullptr;
        if (sqlite3_open(m_dbPath.c_str(), &db) != SQLITE_OK) {
            sqlite3_close(db);
            return "cannot open " + QString::fromStdString(m_dbPath);
        }
        char *error = nullptr;
        QString out;
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK)
            out = QString::fromUtf8(error ? error : "sqlite3_exec failed");
        sqlite3_free(error);
        sqlite3_close(db);
        return out;
    }

    QString execPostgres(const std::string &sql) { return test::pgExecute(sql); }

    // Every row of a query on the current database, shown; a failure shows as one line.
    QStringList rows(const std::string &sql)
    {
        std::unique_ptr<Source> source;
        QuerySpec spec;
        if (m_pg) {
            source = std::make_unique<PostgresSource>(adminSettings());
            spec.sql = pgPrefix() + sql;
        } else {
            source = std::make_unique<SqliteSource>(SqliteSettings{m_dbPath});
            spec.sql = sql;
        }
        auto cursor = source->query(spec);
        if (!cursor)
            return {"query failed: " + describe(cursor.error())};
        QStringList out;
        Row row;
        for (;;) {
            auto more = (*cursor)->next(row);
            if (!more)
                return {"query failed: " + describe(more.error())};
            if (!*more)
                return out;
            out << show(row);
        }
    }

    void connectServer()
    {
        QString whyNot;
        const auto server = test::pgServer(&whyNot);
        if (!server)
            QFAIL(qPrintable(whyNot));
        m_server = *server;
    }

    void initRow()
    {
        m_pg = QByteArray(QTest::currentDataTag()) == "postgres";
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_dbPath = m_dir->filePath("out.sqlite").toStdString();
        m_schema = "tst_tabledest_" + QByteArray(QTest::currentTestFunction()).toLower().toStdString();
        if (m_pg) {
            const std::string schema = quoteIdentifier(m_schema);
            QCOMPARE(execPostgres("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema), QString());
        }
    }

    void cleanupRow()
    {
        if (m_pg)
            QCOMPARE(execPostgres("DROP SCHEMA IF EXISTS " + quoteIdentifier(m_schema) + " CASCADE"), QString());
        m_dir.reset();
    }
};

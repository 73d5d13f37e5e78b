// The SQLite source: connection test, schema introspection, streaming with
// typed values, LIMIT / ORDER BY pushdown, SQL errors and cancellation.

#include "sources/sourcekinds.h"
#include "sources/sqlitesource.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <thread>

using namespace sluice;

namespace {

void makeDb(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
    char *err = nullptr;
    QVERIFY2(sqlite3_exec(db, sql, nullptr, nullptr, &err) == SQLITE_OK, err ? err : "");
    sqlite3_close(db);
}

std::vector<Row> drain(RowCursor &c)
{
    std::vector<Row> rows;
    Row r;
    while (auto more = c.next(r)) {
        if (!*more)
            break;
        rows.push_back(r);
    }
    return rows;
}

} // namespace

class TstSqliteSource : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_db;

private slots:
    void initTestCase()
    {
        m_db = m_dir.filePath("wh.sqlite");
        makeDb(m_db, R"(
            CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL, vip BOOLEAN, city VARCHAR(40));
            INSERT INTO users VALUES (1, 'Ana', 9.5, 1, 'Lisboa'), (2, '张伟', NULL, 0, '北京市朝阳区'),
                                     (3, 'Bo', 3.25, 0, NULL);
            CREATE VIEW vips AS SELECT id, name FROM users WHERE vip;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
            SELECT 1;
            CREATE TABLE big AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) SELECT i FROM n;
        )");
    }

    void testConnection()
    {
        SqliteSource s({m_db.toStdString()});
        auto ok = s.testConnection();
        QVERIFY(ok);
        QVERIFY(ok->starts_with("SQLite 3."));
        QVERIFY(ok->find("3 tables and views") != std::string::npos);

        SqliteSource missing({m_dir.filePath("nope.sqlite").toStdString()});
        auto e = missing.testConnection();
        QCOMPARE(e.error().code, std::string("sqlite.missing"));
        QCOMPARE(e.error().message, std::string("the database file does not exist"));

        const QString text = m_dir.filePath("notes.txt");
        test::writeFile(text, "just some text, not a database at all, long enough to have a "
                              "header........................................................");
        SqliteSource notDb({text.toStdString()});
        auto n = notDb.testConnection();
        QCOMPARE(n.error().code, std::string("sqlite.not_a_database"));
        QCOMPARE(n.error().kind, ErrorKind::InvalidInput);
    }

    void listTables()
    {
        SqliteSource s({m_db.toStdString()});
        auto tables = s.listTables();
        QVERIFY(tables);
        QCOMPARE(tables->size(), std::size_t(3));
        QCOMPARE((*tables)[0].name, std::string("big"));
        const TableInfo &users = (*tables)[1];
        QCOMPARE(users.name, std::string("users"));
        QVERIFY(!users.isView);
        QCOMPARE(users.columns.size(), std::size_t(5));
        QCOMPARE(users.columns[0], (Column{"id", ValueType::Integer, "INTEGER"}));
        QCOMPARE(users.columns[2], (Column{"score", ValueType::Real, "REAL"}));
        QCOMPARE(users.columns[3], (Column{"vip", ValueType::Boolean, "BOOLEAN"}));
        QCOMPARE(users.columns[4], (Column{"city", ValueType::Text, "VARCHAR(40)"}));
        QVERIFY((*tables)[2].isView);
        QCOMPARE((*tables)[2].columns.size(), std::size_t(2));
    }

    void typedRowsAndUnicode()
    {
        SqliteSource s({m_db.toStdString()});
        auto c = s.query(QuerySpec{"SELECT id, name, score, city, id * 2 AS twice FROM users ORDER BY id;", {}, {}});
        QVERIFY(c);
        QCOMPARE((*c)->columns().size(), std::size_t(5));
        QCOMPARE((*c)->columns()[4].name, std::string("twice"));
        QCOMPARE((*c)->columns()[4].declaredType, std::string());
        const auto rows = drain(**c);
        QCOMPARE(rows.size(), std::size_t(3));
        QCOMPARE(rows[0][0], Value(std::int64_t(1)));
        QCOMPARE(rows[0][2], Value(9.5));
        QCOMPARE(rows[1][1], Value("张伟"));
        QCOMPARE(rows[1][3], Value("北京市朝阳区"));
        QVERIFY(rows[1][2].isNull());
        QVERIFY(rows[2][3].isNull());
        QCOMPARE(rows[2][4], Value(std::int64_t(6)));
    }

    void limitAndOrderPushdown()
    {
        SqliteSource s({m_db.toStdString()});
        QuerySpec spec{"SELECT i FROM big", 10, {"i"}};
        auto c = s.query(spec);
        QVERIFY(c);
        auto rows = drain(**c);
        QCOMPARE(rows.size(), std::size_t(10));
        QCOMPARE(rows[9][0], Value(std::int64_t(10)));
        QuerySpec desc{"SELECT -i AS k FROM big", 3, {"k"}};
        auto d = s.query(desc);
        rows = drain(**d);
        QCOMPARE(rows[0][0], Value(std::int64_t(-200000)));
    }

    void streamsLargeResult()
    {
        SqliteSource s({m_db.toStdString()});
        auto c = s.query(QuerySpec{"SELECT i, 'row ' || i FROM big", {}, {}});
        QVERIFY(c);
        Row r;
        std::int64_t n = 0, sum = 0;
        while (*(*c)->next(r)) {
            ++n;
            sum += r[0].asInteger();
        }
        QCOMPARE(n, std::int64_t(200000));
        QCOMPARE(sum, std::int64_t(200000) * 200001 / 2);
    }

    void sqlErrors()
    {
        SqliteSource s({m_db.toStdString()});
        auto syntax = s.query(QuerySpec{"SELEC 1", {}, {}});
        QVERIFY(!syntax);
        QCOMPARE(syntax.error().code, std::string("sqlite.sql"));
        QCOMPARE(syntax.error().kind, ErrorKind::InvalidInput);
        QCOMPARE(syntax.error().message, std::string("near \"SELEC\": syntax error"));
        auto table = s.query(QuerySpec{"SELECT * FROM nope", {}, {}});
        QCOMPARE(table.error().message, std::string("no such table: nope"));
        auto write = s.query(QuerySpec{"DELETE FROM users", {}, {}});
        QVERIFY(!write);
        // Read-only connection: writing is refused one way or another.
        QVERIFY(write.error().code == "sqlite.not_readonly" || write.error().code == "sqlite.sql");
        auto c = s.query(QuerySpec{"SELECT count(*) FROM users", {}, {}});
        QCOMPARE(drain(**c)[0][0], Value(std::int64_t(3)));
    }

    void cancelFromAnotherThread()
    {
        SqliteSource s({m_db.toStdString()});
        // A query that runs for many seconds unless interrupted.
        auto c = s.query(QuerySpec{"SELECT count(*) FROM big a, big b", {}, {}});
        QVERIFY(c);
        QElapsedTimer t;
        t.start();
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            s.cancel();
        });
        Row r;
        auto more = (*c)->next(r);
        canceller.join();
        QVERIFY(!more);
        QCOMPARE(more.error().kind, ErrorKind::Cancelled);
        QVERIFY(t.elapsed() < 10000);
        // Sticky: the source refuses further work.
        auto again = s.query(QuerySpec{"SELECT 1", {}, {}});
        QCOMPARE(again.error().kind, ErrorKind::Cancelled);
    }

    void factoryResolvesRelativePaths()
    {
        auto s = makeSource(SourceDef{"wh", "sqlite", {{"path", "wh.sqlite"}}},
                            SourceContext{m_dir.path().toStdString(), SecretAccess::Allowed});
        QVERIFY(s);
        QVERIFY((*s)->testConnection());
        auto missing = makeSource(SourceDef{"wh", "sqlite", nlohmann::json::object()}, {});
        QCOMPARE(missing.error().code, std::string("settings.required"));
        QCOMPARE(missing.error().where, std::string("source 'wh': settings"));
    }
};

QTEST_GUILESS_MAIN(TstSqliteSource)
#include "tst_sqlitesource.moc"

// PostgresSource against the throwaway server of the `postgres` ctest fixture.
// Every test works in a schema of its own, dropped before and after it.

#include "pgsession.h"
#include "sources/postgressource.h"
#include "testsupport.h"

#include <QtTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

using namespace sluice;

namespace {

// "integer:42", "text:张伟", "null:": one exact string per cell for comparisons.
QString show(const Value &v)
{
    return QString::fromUtf8(std::string(valueTypeName(v.type())) + ":" + v.toString());
}

QString describe(const Error &e)
{
    return QString::fromUtf8(e.code + " | " + e.describe());
}

// A port on 127.0.0.1 with nothing listening: bound by us, then released.
int closedPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0
        || ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
        if (fd >= 0)
            ::close(fd);
        return 0;
    }
    const int port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

} // namespace

class TestPostgresSource : public QObject {
    Q_OBJECT

private:
    PostgresSettings settings() const { return pgSettings(m_server); }

    // Runs statements to completion on a fresh source; the error text, or empty.
    QString exec(const std::string &sql) { return test::pgExecute(sql); }

    // Reads every row of `spec`, failing the calling test on any error.
    std::vector<Row> readAll(Source &source, const QuerySpec &spec, std::vector<Column> *columns = nullptr)
    {
        std::vector<Row> rows;
        auto cursor = source.query(spec);
        if (!cursor) {
            qWarning("query failed: %s", qPrintable(describe(cursor.error())));
            return rows;
        }
        if (columns)
            *columns = (*cursor)->columns();
        Row row;
        for (;;) {
            auto more = (*cursor)->next(row);
            if (!more) {
                qWarning("next failed: %s", qPrintable(describe(more.error())));
                rows.clear();
                return rows;
            }
            if (!*more)
                return rows;
            rows.push_back(row);
        }
    }

    std::string m_schema; // the current test's own schema
    test::PgServer m_server;

private slots:
    void initTestCase()
    {
        QString whyNot;
        const auto server = test::pgServer(&whyNot);
        if (!server)
            QFAIL(qPrintable(whyNot));
        m_server = *server;
    }

    void init()
    {
        m_schema = "tst_pg_" + QByteArray(QTest::currentTestFunction()).toLower().toStdString();
        const std::string schema = quoteIdentifier(m_schema);
        QCOMPARE(exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema), QString());
    }

    void cleanup() { QCOMPARE(exec("DROP SCHEMA IF EXISTS " + quoteIdentifier(m_schema) + " CASCADE"), QString()); }

    void testConnectionDescribesServer()
    {
        PostgresSource source(settings());
        QCOMPARE(source.kind(), std::string_view("postgres"));
        auto text = source.testConnection();
        QVERIFY2(text, text ? "" : qPrintable(describe(text.error())));
        // The exact version is the installed server's; the rest is fixed.
        const QString got = QString::fromStdString(*text);
        const QRegularExpression expected(
            QString("^PostgreSQL \\d+\\.\\d+ on 127\\.0\\.0\\.1:%1, database sluice_test as user sluice_test$")
                .arg(m_server.port));
        QVERIFY2(expected.match(got).hasMatch(), qPrintable(got));
    }

    void wrongPasswordIsAuthError()
    {
        PostgresSettings s = settings();
        s.password = "definitely-not-the-password";
        PostgresSource source(s);
        auto text = source.testConnection();
        QVERIFY(!text);
        QCOMPARE(text.error().kind, ErrorKind::Failed);
        QCOMPARE(text.error().code, std::string("postgres.auth"));
        QCOMPARE(text.error().message, std::string("the password for user 'sluice_test' was refused"));
        QCOMPARE(text.error().where, "127.0.0.1:" + std::to_string(m_server.port) + "/sluice_test");
    }

    void closedPortIsUnreachable()
    {
        const int port = closedPort();
        QVERIFY(port > 0);
        PostgresSettings s = settings();
        s.port = port;
        PostgresSource source(s);
        auto text = source.testConnection();
        QVERIFY(!text);
        QCOMPARE(text.error().kind, ErrorKind::Failed);
        QCOMPARE(text.error().code, std::string("postgres.unreachable"));
        QCOMPARE(text.error().message, "cannot reach 127.0.0.1:" + std::to_string(port) + ": connection refused");
    }

    void unknownDatabase()
    {
        PostgresSettings s = settings();
        s.database = "no_such_database";
        PostgresSource source(s);
        auto text = source.testConnection();
        QVERIFY(!text);
        QCOMPARE(text.error().code, std::string("postgres.no_database"));
        QCOMPARE(text.error().message, std::string("database 'no_such_database' does not exist"));
    }

    void listTablesFindsTableAndView()
    {
        const std::string schema = quoteIdentifier(m_schema);
        QCOMPARE(exec("CREATE TABLE " + schema
                      + ".customers (id bigint PRIMARY KEY, name text NOT NULL, "
                        "score numeric(10,2), active boolean, created timestamptz, tiny smallint, "
                        "ratio double precision); "
                        "CREATE VIEW "
                      + schema + ".active_customers AS SELECT id, name FROM " + schema + ".customers WHERE active"),
                 QString());

        PostgresSource source(settings());
        auto tables = source.listTables();
        QVERIFY2(tables, tables ? "" : qPrintable(describe(tables.error())));
        std::vector<TableInfo> mine;
        for (const TableInfo &t : *tables) {
            QVERIFY(t.schema != "pg_catalog" && t.schema != "information_schema" && !t.schema.starts_with("pg_toast"));
            if (t.schema == m_schema)
                mine.push_back(t);
        }
        QCOMPARE(mine.size(), std::size_t(2));

        QCOMPARE(mine[0].name, std::string("active_customers"));
        QVERIFY(mine[0].isView);
        const std::vector<Column> viewColumns{{"id", ValueType::Integer, "bigint"}, {"name", ValueType::Text, "text"}};
        QVERIFY(mine[0].columns == viewColumns);

        QCOMPARE(mine[1].name, std::string("customers"));
        QVERIFY(!mine[1].isView);
        const std::vector<Column> tableColumns{
            {"id", ValueType::Integer, "bigint"},
            {"name", ValueType::Text, "text"},
            {"score", ValueType::Real, "numeric(10,2)"},
            {"active", ValueType::Boolean, "boolean"},
            {"created", ValueType::Text, "timestamp with time zone"},
            {"tiny", ValueType::Integer, "smallint"},
            {"ratio", ValueType::Real, "double precision"},
        };
        QCOMPARE(mine[1].columns.size(), tableColumns.size());
        for (std::size_t i = 0; i < tableColumns.size(); ++i) {
            QCOMPARE(mine[1].columns[i].name, tableColumns[i].name);
            QCOMPARE(mine[1].columns[i].declaredType, tableColumns[i].declaredType);
            QVERIFY2(mine[1].columns[i].type == tableColumns[i].type, tableColumns[i].name.c_str());
        }
    }

    void queryStreamsTypedRows()
    {
        PostgresSource source(settings());
        auto cursor
            = source.query({"SELECT g AS id, g * 1.5::float8 AS score, 'row ' || g AS label, g % 2 = 0 AS even,\n"
                            "       CASE WHEN g % 10 = 0 THEN NULL ELSE g END AS sometimes,\n"
                            "       (g::numeric / 4) AS quarter\n"
                            "FROM generate_series(1, 50000) AS g;  \n",
                            std::nullopt,
                            {}});
        QVERIFY2(cursor, cursor ? "" : qPrintable(describe(cursor.error())));
        const std::vector<Column> expectedColumns{
            {"id", ValueType::Integer, "integer"},        {"score", ValueType::Real, "double precision"},
            {"label", ValueType::Text, "text"},           {"even", ValueType::Boolean, "boolean"},
            {"sometimes", ValueType::Integer, "integer"}, {"quarter", ValueType::Real, "numeric"}};
        QVERIFY((*cursor)->columns() == expectedColumns);

        Row row;
        std::int64_t count = 0;
        for (;;) {
            auto more = (*cursor)->next(row);
            QVERIFY2(more, more ? "" : qPrintable(describe(more.error())));
            if (!*more)
                break;
            ++count;
            QCOMPARE(row.size(), std::size_t(6));
            // Plain comparisons first: QCOMPARE 300,000 times would dominate the run.
            const bool ok = row[0] == Value(count) && row[1] == Value(double(count) * 1.5)
                         && row[2] == Value("row " + std::to_string(count)) && row[3] == Value(count % 2 == 0)
                         && row[4] == (count % 10 == 0 ? Value() : Value(count)) && row[5] == Value(double(count) / 4);
            if (!ok) {
                QStringList cells;
                for (const Value &v : row)
                    cells << show(v);
                QFAIL(qPrintable(QString("row %1 is wrong: %2").arg(count).arg(cells.join(", "))));
            }
        }
        QCOMPARE(count, std::int64_t(50000));
        // Reading past the end stays at the end.
        auto again = (*cursor)->next(row);
        QVERIFY(again && !*again);
    }

    void queryConvertsTypesAndUnicode()
    {
        const std::string table = quoteIdentifier(m_schema) + ".people";
        QCOMPARE(exec("CREATE TABLE " + table
                      + " (id int8, name text, city varchar(40), score real, "
                        "balance numeric(12,2), vip bool, note text);"
                        "INSERT INTO "
                      + table
                      + " VALUES "
                        "(1, '张伟', '北京', 2.5, 1234.56, true, NULL),"
                        "(2, '王芳', 'Zürich', -0.25, -7.00, false, 'ünïcödé ✓'),"
                        "(9223372036854775807, 'Zoë', NULL, NULL, NULL, NULL, '')"),
                 QString());

        PostgresSource source(settings());
        std::vector<Column> columns;
        const auto rows = readAll(source, {"SELECT * FROM " + table + " ORDER BY id", std::nullopt, {}}, &columns);
        QCOMPARE(rows.size(), std::size_t(3));
        const std::vector<Column> expectedColumns{{"id", ValueType::Integer, "bigint"},
                                                  {"name", ValueType::Text, "text"},
                                                  {"city", ValueType::Text, "character varying"},
                                                  {"score", ValueType::Real, "real"},
                                                  {"balance", ValueType::Real, "numeric"},
                                                  {"vip", ValueType::Boolean, "boolean"},
                                                  {"note", ValueType::Text, "text"}};
        QVERIFY(columns == expectedColumns);

        auto cells = [&](std::size_t i) {
            QStringList out;
            for (const Value &v : rows[i])
                out << show(v);
            return out.join(" | ");
        };
        QCOMPARE(cells(0),
                 QString("integer:1 | text:张伟 | text:北京 | real:2.5 | real:1234.56 | boolean:true | null:"));
        QCOMPARE(
            cells(1),
            QString("integer:2 | text:王芳 | text:Zürich | real:-0.25 | real:-7 | boolean:false | text:ünïcödé ✓"));
        QCOMPARE(cells(2), QString("integer:9223372036854775807 | text:Zoë | null: | null: | null: | null: | text:"));
    }

    void limitIsPushedDown()
    {
        PostgresSource source(settings());
        QuerySpec spec{"SELECT g FROM generate_series(1, 1000) AS g -- trailing comment", 10, {}};
        const auto rows = readAll(source, spec);
        QCOMPARE(rows.size(), std::size_t(10));
        spec.limit = 0;
        QCOMPARE(readAll(source, spec).size(), std::size_t(0));
    }

    void orderByIsPushedDown()
    {
        const std::string table = quoteIdentifier(m_schema) + ".letters";
        QCOMPARE(exec("CREATE TABLE " + table
                      + " (id int, \"Letter\" text);"
                        "INSERT INTO "
                      + table + " VALUES (1, 'c'), (2, 'a'), (3, 'd'), (4, 'b')"),
                 QString());
        PostgresSource source(settings());
        const auto rows = readAll(source, {"SELECT id, \"Letter\" FROM " + table + ";", 3, {"Letter"}});
        QCOMPARE(rows.size(), std::size_t(3));
        QCOMPARE(show(rows[0][1]), QString("text:a"));
        QCOMPARE(show(rows[1][1]), QString("text:b"));
        QCOMPARE(show(rows[2][1]), QString("text:c"));
        QCOMPARE(show(rows[0][0]), QString("integer:2"));
    }

    void sqlErrorNamesBadToken()
    {
        PostgresSource source(settings());
        using Limit = std::optional<std::int64_t>;
        for (const Limit limit : {Limit(), Limit(10)}) {
            auto cursor = source.query({"SELECT 1 AS x FRM t", limit, {}});
            QVERIFY(!cursor);
            QCOMPARE(cursor.error().kind, ErrorKind::InvalidInput);
            QCOMPARE(cursor.error().code, std::string("postgres.sql"));
            // The position is in the user's SQL even when it was wrapped for the LIMIT.
            QCOMPARE(cursor.error().message, std::string("syntax error at or near \"FRM\" (position 15)"));
        }
        // A bad ORDER BY column is named, without a position inside our wrapper.
        auto cursor = source.query({"SELECT 1 AS x", std::nullopt, {"nope"}});
        QVERIFY(!cursor);
        QCOMPARE(cursor.error().code, std::string("postgres.sql"));
        QCOMPARE(cursor.error().message, std::string("column \"nope\" does not exist"));
        // The connection is still good after errors.
        const auto rows = readAll(source, {"SELECT 7", std::nullopt, {}});
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(show(rows[0][0]), QString("integer:7"));
    }

    void errorMidStreamAndOtherStatements()
    {
        PostgresSource source(settings());
        // Rows first, then the error: next() reports it once the rows before it are read.
        auto cursor = source.query({"SELECT 10 / (5 - g) AS x FROM generate_series(1, 10) AS g", std::nullopt, {}});
        QVERIFY(cursor);
        Row row;
        int rows = 0;
        Result<bool> more;
        while ((more = (*cursor)->next(row)) && *more)
            ++rows;
        QCOMPARE(rows, 4);
        QVERIFY(!more);
        QCOMPARE(more.error().kind, ErrorKind::InvalidInput);
        QCOMPARE(more.error().code, std::string("postgres.sql"));
        QCOMPARE(more.error().message, std::string("division by zero"));
        cursor->reset();

        // Statements before the SELECT are run and passed over.
        const std::string table = quoteIdentifier(m_schema) + ".things";
        QCOMPARE(exec("CREATE TABLE " + table + " (id int); INSERT INTO " + table + " VALUES (5)"), QString());
        const std::string sql = "SET search_path TO " + quoteIdentifier(m_schema) + "; SELECT id FROM things";
        auto withSet = readAll(source, {sql, std::nullopt, {}});
        QCOMPARE(withSet.size(), std::size_t(1));
        QCOMPARE(show(withSet[0][0]), QString("integer:5"));

        auto copy = source.query({"COPY (SELECT 1) TO STDOUT", std::nullopt, {}});
        QVERIFY(!copy);
        // A model reads: COPY is refused before it reaches the server.
        QCOMPARE(copy.error().code, std::string("sql.not_read_only"));
        QCOMPARE(copy.error().message,
                 std::string("COPY is not allowed: a model is one read-only query (SELECT or WITH; SET search_path ... "
                             "may come before it)"));
        auto empty = source.query({" ;\n", std::nullopt, {}});
        QVERIFY(!empty);
        QCOMPARE(empty.error().code, std::string("sql.empty"));

        const auto after = readAll(source, {"SELECT true", std::nullopt, {}});
        QCOMPARE(after.size(), std::size_t(1));
        QCOMPARE(show(after[0][0]), QString("boolean:true"));
    }

    void cancelFromAnotherThread()
    {
        PostgresSource source(settings());
        QVERIFY(source.testConnection());
        const auto started = std::chrono::steady_clock::now();
        std::thread canceller([&source] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            source.cancel();
        });
        std::optional<Error> error;
        auto cursor = source.query({"SELECT pg_sleep(30)", std::nullopt, {}});
        if (!cursor) {
            error = cursor.error();
        } else {
            Row row;
            auto more = (*cursor)->next(row);
            if (!more)
                error = more.error();
        }
        canceller.join();
        const auto elapsed = std::chrono::steady_clock::now() - started;
        QVERIFY2(error, "the cancelled query returned no error");
        QCOMPARE(error->kind, ErrorKind::Cancelled);
        QCOMPARE(error->code, std::string("cancelled"));
        QVERIFY2(
            elapsed < std::chrono::seconds(5),
            qPrintable(
                QString("took %1 ms").arg(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count())));
        // Sticky: every later call is cancelled too.
        auto later = source.query({"SELECT 1", std::nullopt, {}});
        QVERIFY(!later);
        QCOMPARE(later.error().kind, ErrorKind::Cancelled);
        auto tables = source.listTables();
        QVERIFY(!tables);
        QCOMPARE(tables.error().kind, ErrorKind::Cancelled);
    }

    void cancelDuringConnect()
    {
        // Cancelled before anything connects: no call reaches the server.
        PostgresSource source(settings());
        source.cancel();
        auto text = source.testConnection();
        QVERIFY(!text);
        QCOMPARE(text.error().kind, ErrorKind::Cancelled);
    }

    void droppedCursorLeavesConnectionUsable()
    {
        PostgresSource source(settings());
        {
            // generate_series in the select list streams (in FROM it would be
            // materialized first), so the server is still busy when the cursor goes.
            auto cursor
                = source.query({"SELECT generate_series(1, 500000000) AS g, repeat('x', 100)", std::nullopt, {}});
            QVERIFY2(cursor, cursor ? "" : qPrintable(describe(cursor.error())));
            Row row;
            for (int i = 1; i <= 5; ++i) {
                auto more = (*cursor)->next(row);
                QVERIFY(more && *more);
                QCOMPARE(show(row[0]), QString("integer:%1").arg(i));
            }
            const auto dropped = std::chrono::steady_clock::now();
            cursor->reset(); // with millions of rows still to come
            const auto took = std::chrono::steady_clock::now() - dropped;
            QVERIFY2(took < std::chrono::seconds(3),
                     qPrintable(QString("dropping took %1 ms")
                                    .arg(std::chrono::duration_cast<std::chrono::milliseconds>(took).count())));
        }
        const auto rows = readAll(source, {"SELECT 42 AS answer", std::nullopt, {}});
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(show(rows[0][0]), QString("integer:42"));

        // A cursor left open when another query starts reports it instead of
        // pretending its rows ended.
        auto first = source.query({"SELECT g FROM generate_series(1, 1000000) AS g", std::nullopt, {}});
        QVERIFY(first);
        Row row;
        QVERIFY((*first)->next(row).value_or(false));
        const auto second = readAll(source, {"SELECT 'second'", std::nullopt, {}});
        QCOMPARE(second.size(), std::size_t(1));
        QCOMPARE(show(second[0][0]), QString("text:second"));
        auto more = (*first)->next(row);
        QVERIFY(!more);
        QCOMPARE(more.error().code, std::string("postgres.superseded"));
    }
};

QTEST_GUILESS_MAIN(TestPostgresSource)
#include "tst_postgressource.moc"

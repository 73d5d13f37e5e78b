// The SQLite and PostgreSQL table destinations driven directly (begin, write,
// commit) against a database file and the test PostgreSQL server. Most tests
// run once per database ("sqlite", "postgres" rows) and check the table's
// exact contents, row by row, after writing. PostgreSQL tests work in a
// schema of their own, dropped before and after each test.

#include "destinations/tabledestination.h"
#include "sources/postgressource.h"
#include "sources/sqlitesource.h"
#include "core/keycodec.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <memory>

using namespace sluice;

namespace {

// A role of our own, so that killing "the destination's connection" cannot
// hit another test's connection to the shared server.
const std::string kWriterRole = "tst_tabledest_writer";
const std::string kWriterPassword = "writer-secret-7";

QString describe(const Error &e)
{
    return QString::fromStdString(e.code + " | " + e.describe());
}

// "integer:1|text:Ana|null:": one exact string per row for comparisons.
QString show(const Row &row)
{
    QStringList cells;
    for (const auto &v : row)
        cells << QString::fromStdString(std::string(valueTypeName(v.type())) + ":" + v.toString());
    return cells.join('|');
}

QStringList outcomes(const BatchResult &result)
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

Record record(RecordOp op, std::vector<Value> key, std::vector<Value> fields = {})
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
RunInfo usersRun(SyncMode mode = SyncMode::Upsert)
{
    RunInfo run;
    run.syncName = "users_to_table";
    run.mode = mode;
    run.fields = {{"id", ValueType::Integer}, {"name", ValueType::Text}, {"score", ValueType::Real},
                  {"vip", ValueType::Boolean}, {"nickname", ValueType::Null}};
    run.keyFields = {"id"};
    return run;
}

Record user(RecordOp op, std::int64_t id, Value name, Value score = 1.5, Value vip = false, Value nickname = {})
{
    return record(op, {Value(id)}, {Value(id), std::move(name), std::move(score), std::move(vip), std::move(nickname)});
}

// The users table read back, booleans as 0 and 1 so both databases read alike.
const char *kUsersSql = "SELECT id, name, score, CAST(vip AS INTEGER), nickname FROM users ORDER BY id";

// id, name NOT NULL, city: a table the user made, with a constraint of their own.
const char *kStrictUsersSql = "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT)";

RunInfo strictRun()
{
    RunInfo run;
    run.syncName = "strict_users";
    run.mode = SyncMode::Mirror;
    run.fields = {{"id", ValueType::Integer}, {"name", ValueType::Text}, {"city", ValueType::Text}};
    run.keyFields = {"id"};
    return run;
}

Record strictUser(std::int64_t id, Value name, Value city = "Lisboa")
{
    return record(RecordOp::Upsert, {Value(id)}, {Value(id), std::move(name), std::move(city)});
}

void addBackends()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("sqlite") << false;
    QTest::newRow("postgres") << true;
}

} // namespace

class TstTableDestination : public QObject {
    Q_OBJECT

    test::PgServer m_server;
    bool m_pg = false;                  // the current row's database
    std::string m_schema;               // PostgreSQL: the current test's own schema
    std::unique_ptr<QTemporaryDir> m_dir; // SQLite: the current test's own folder
    std::string m_dbPath;

    PostgresSettings adminSettings() const
    {
        PostgresSettings s;
        s.host = m_server.host.toStdString();
        s.port = m_server.port;
        s.user = m_server.user.toStdString();
        s.password = m_server.password.toStdString();
        s.database = m_server.database.toStdString();
        s.sslmode = "disable";
        s.connectTimeoutSeconds = 5;
        return s;
    }

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
    std::string tableName(const std::string &table = "users") const
    {
        return m_pg ? m_schema + "." + table : table;
    }

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

    void dropWriterRole()
    {
        // DROP OWNED takes the role's grants too; it fails harmlessly when the role is not there.
        execPostgres("DROP OWNED BY " + kWriterRole);
        QCOMPARE(execPostgres("DROP ROLE IF EXISTS " + kWriterRole), QString());
    }

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

    void cleanup()
    {
        if (m_pg)
            QCOMPARE(execPostgres("DROP SCHEMA IF EXISTS " + quoteIdentifier(m_schema) + " CASCADE"), QString());
        m_dir.reset();
    }

    void limitsAndModes()
    {
        SqliteTableDestination sqlite({"/tmp/x.sqlite", "users", true});
        PostgresTableDestination postgres(PostgresTableSettings{});
        for (Destination *d : {static_cast<Destination *>(&sqlite), static_cast<Destination *>(&postgres)}) {
            const DestinationLimits limits = d->limits();
            QCOMPARE(limits.maxBatchRecords, 10000);
            QCOMPARE(limits.defaultBatchRecords, 500);
            QCOMPARE(limits.maxConcurrency, 1);
            QCOMPARE(limits.requestsPerSecond, 0.0);
            QCOMPARE(limits.maxBatchBytes, std::size_t(0));
            QVERIFY(!d->acknowledgesAtCommit());
            QVERIFY(!d->mirrorRewritesAll());
            QCOMPARE(d->supportedModes(),
                     (std::vector<SyncMode>{SyncMode::Upsert, SyncMode::Insert, SyncMode::Update, SyncMode::Mirror}));
        }
        QCOMPARE(sqlite.kind(), std::string_view("sqlite_table"));
        QCOMPARE(postgres.kind(), std::string_view("postgres_table"));
    }

    void createsTableOnFirstRun_data() { addBackends(); }
    void createsTableOnFirstRun()
    {
        auto d = destination();
        auto begun = d->begin(usersRun());
        QVERIFY2(begun, begun ? "" : qPrintable(describe(begun.error())));

        if (m_pg) {
            QCOMPARE(rows("SELECT column_name || ' ' || data_type FROM information_schema.columns "
                          "WHERE table_schema = current_schema() AND table_name = 'users' ORDER BY ordinal_position"),
                     QStringList({"text:id bigint", "text:name text", "text:score double precision",
                                  "text:vip boolean", "text:nickname text"}));
            QCOMPARE(rows("SELECT a.attname::text FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                          "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = 'users'::regclass AND i.indisprimary"),
                     QStringList({"text:id"}));
        } else {
            QCOMPARE(rows("SELECT name || ' ' || type || ' ' || pk || ' ' || \"notnull\" FROM pragma_table_info('users') "
                          "ORDER BY cid"),
                     QStringList({"text:id INTEGER 1 1", "text:name TEXT 0 0", "text:score REAL 0 0",
                                  "text:vip INTEGER 0 0", "text:nickname TEXT 0 0"}));
            // The file header says WAL: bytes 18 and 19 (write and read versions) are 2.
            QFile file(QString::fromStdString(m_dbPath));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.read(20).mid(18), QByteArray("\x02\x02"));
        }

        const std::vector<Record> batch = {user(RecordOp::Upsert, 2, "Bo", 3.25, false, "bobo"),
                                           user(RecordOp::Upsert, 1, "Ana", 9.5, true)};
        QCOMPARE(outcomes(d->write(1, batch)), QStringList({"delivered", "delivered"}));
        QVERIFY(d->commit());
        QCOMPARE(rows(kUsersSql), QStringList({"integer:1|text:Ana|real:9.5|integer:1|null:",
                                               "integer:2|text:Bo|real:3.25|integer:0|text:bobo"}));
    }

    void upsertsNewAndExistingKeys_data() { addBackends(); }
    void upsertsNewAndExistingKeys()
    {
        {
            auto d = destination();
            QVERIFY(d->begin(usersRun()));
            QCOMPARE(outcomes(d->write(1, std::vector<Record>{user(RecordOp::Upsert, 1, "Ana"),
                                                              user(RecordOp::Upsert, 2, "Bo")})),
                     QStringList({"delivered", "delivered"}));
            // Batches commit one by one: the first is there before the run ends.
            QCOMPARE(rows(kUsersSql), QStringList({"integer:1|text:Ana|real:1.5|integer:0|null:",
                                                   "integer:2|text:Bo|real:1.5|integer:0|null:"}));
            QCOMPARE(outcomes(d->write(2, std::vector<Record>{user(RecordOp::Upsert, 2, "Bob", 7.0, true, "b"),
                                                              user(RecordOp::Upsert, 3, "Cy")})),
                     QStringList({"delivered", "delivered"}));
            QVERIFY(d->commit());
        }
        QCOMPARE(rows(kUsersSql), QStringList({"integer:1|text:Ana|real:1.5|integer:0|null:",
                                               "integer:2|text:Bob|real:7|integer:1|text:b",
                                               "integer:3|text:Cy|real:1.5|integer:0|null:"}));

        // A second run finds the table it made and updates every non-key column.
        auto again = destination(false);
        auto begun = again->begin(usersRun());
        QVERIFY2(begun, begun ? "" : qPrintable(describe(begun.error())));
        QCOMPARE(outcomes(again->write(1, std::vector<Record>{user(RecordOp::Upsert, 1, "Ana Maria", -2.5, true, "am")})),
                 QStringList({"delivered"}));
        QVERIFY(again->commit());
        QCOMPARE(rows(kUsersSql), QStringList({"integer:1|text:Ana Maria|real:-2.5|integer:1|text:am",
                                               "integer:2|text:Bob|real:7|integer:1|text:b",
                                               "integer:3|text:Cy|real:1.5|integer:0|null:"}));
    }

    void compositeKeys_data() { addBackends(); }
    void compositeKeys()
    {
        RunInfo run;
        run.syncName = "accounts";
        run.mode = SyncMode::Mirror;
        run.fields = {{"id", ValueType::Integer}, {"region", ValueType::Text}, {"name", ValueType::Text}};
        run.keyFields = {"region", "id"}; // key order differs from field order on purpose
        auto account = [](RecordOp op, const char *region, std::int64_t id, const char *name) {
            return record(op, {Value(region), Value(id)},
                          op == RecordOp::Delete ? std::vector<Value>{} : std::vector<Value>{id, region, name});
        };
        auto d = destination();
        auto begun = d->begin(run);
        QVERIFY2(begun, begun ? "" : qPrintable(describe(begun.error())));
        QCOMPARE(outcomes(d->write(1, std::vector<Record>{account(RecordOp::Upsert, "eu", 1, "A"),
                                                          account(RecordOp::Upsert, "us", 1, "B"),
                                                          account(RecordOp::Upsert, "eu", 2, "C"),
                                                          account(RecordOp::Upsert, "us", 2, "D")})),
                 QStringList({"delivered", "delivered", "delivered", "delivered"}));
        QCOMPARE(outcomes(d->write(2, std::vector<Record>{account(RecordOp::Upsert, "eu", 1, "A2"),
                                                          account(RecordOp::Delete, "us", 1, ""),
                                                          account(RecordOp::Update, "eu", 2, "C2"),
                                                          account(RecordOp::Update, "eu", 3, "nobody")})),
                 QStringList({"delivered", "delivered", "delivered", "rejected: no row with key eu | 3"}));
        QVERIFY(d->commit());
        QCOMPARE(rows("SELECT region, id, name FROM users ORDER BY region, id"),
                 QStringList({"text:eu|integer:1|text:A2", "text:eu|integer:2|text:C2", "text:us|integer:2|text:D"}));
        if (m_pg)
            QCOMPARE(rows("SELECT a.attname::text FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                          "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = 'users'::regclass AND i.indisprimary "
                          "ORDER BY array_position(i.indkey::int2[], a.attnum)"),
                     QStringList({"text:region", "text:id"}));
        else
            QCOMPARE(rows("SELECT name FROM pragma_table_info('users') WHERE pk > 0 ORDER BY pk"),
                     QStringList({"text:region", "text:id"}));
    }

    void insertOfExistingKeyIsRejected_data() { addBackends(); }
    void insertOfExistingKeyIsRejected()
    {
        auto d = destination();
        QVERIFY(d->begin(usersRun(SyncMode::Insert)));
        QCOMPARE(outcomes(d->write(1, std::vector<Record>{user(RecordOp::Insert, 1, "Ana"),
                                                          user(RecordOp::Insert, 2, "Bo")})),
                 QStringList({"delivered", "delivered"}));
        const QString duplicate = "a row with key 1 is there already, with other values (insert mode adds rows, it "
                                  "does not change them)";
        // Ana again is the same row sent again (a run killed before it was
        // recorded): delivered, once. The impostor under her key is refused.
        QCOMPARE(outcomes(d->write(2, std::vector<Record>{user(RecordOp::Insert, 3, "Cy"),
                                                          user(RecordOp::Insert, 1, "Impostor"),
                                                          user(RecordOp::Insert, 2, "Bo"),
                                                          user(RecordOp::Insert, 4, "Di")})),
                 QStringList({"delivered", "rejected: " + duplicate, "delivered", "delivered"}));
        QVERIFY(d->commit());
        QCOMPARE(rows(kUsersSql), QStringList({"integer:1|text:Ana|real:1.5|integer:0|null:",
                                               "integer:2|text:Bo|real:1.5|integer:0|null:",
                                               "integer:3|text:Cy|real:1.5|integer:0|null:",
                                               "integer:4|text:Di|real:1.5|integer:0|null:"}));
    }

    void updateOfMissingKeyIsRejected_data() { addBackends(); }
    void updateOfMissingKeyIsRejected()
    {
        auto d = destination();
        QVERIFY(d->begin(usersRun(SyncMode::Update)));
        QCOMPARE(outcomes(d->write(1, std::vector<Record>{user(RecordOp::Upsert, 1, "Ana")})),
                 QStringList({"delivered"}));
        QCOMPARE(outcomes(d->write(2, std::vector<Record>{user(RecordOp::Update, 42, "Ghost"),
                                                          user(RecordOp::Update, 1, "Ana B.", 2.0, true, "ab")})),
                 QStringList({"rejected: no row with key 42", "delivered"}));
        QVERIFY(d->commit());
        QCOMPARE(rows(kUsersSql), QStringList({"integer:1|text:Ana B.|real:2|integer:1|text:ab"}));
    }

    void deletesRows_data() { addBackends(); }
    void deletesRows()
    {
        auto d = destination();
        QVERIFY(d->begin(usersRun(SyncMode::Mirror)));
        QCOMPARE(outcomes(d->write(1, std::vector<Record>{user(RecordOp::Upsert, 1, "Ana"),
                                                          user(RecordOp::Upsert, 2, "Bo"),
                                                          user(RecordOp::Upsert, 3, "Cy")})),
                 QStringList({"delivered", "delivered", "delivered"}));
        // A row already gone is what a delete wants: delivered too.
        QCOMPARE(outcomes(d->write(2, std::vector<Record>{record(RecordOp::Delete, {Value(2)}),
                                                          record(RecordOp::Delete, {Value(7)})})),
                 QStringList({"delivered", "delivered"}));
        // Only the encoded key, as a state store might hand it over.
        Record byKeyOnly = record(RecordOp::Delete, {Value(3)});
        byKeyOnly.keyValues.clear();
        QCOMPARE(outcomes(d->write(3, std::vector<Record>{byKeyOnly})), QStringList({"delivered"}));
        QVERIFY(d->commit());
        QCOMPARE(rows(kUsersSql), QStringList({"integer:1|text:Ana|real:1.5|integer:0|null:"}));
    }

    void notNullViolationRejectsOnlyThatRecord_data() { addBackends(); }
    void notNullViolationRejectsOnlyThatRecord()
    {
        QCOMPARE(exec(kStrictUsersSql), QString());
        auto d = destination(false);
        auto begun = d->begin(strictRun());
        QVERIFY2(begun, begun ? "" : qPrintable(describe(begun.error())));
        const QString notNull = m_pg ? "null value in column \"name\" of relation \"users\" violates not-null constraint"
                                     : "NOT NULL constraint failed: users.name";
        QCOMPARE(outcomes(d->write(1, std::vector<Record>{strictUser(1, "Ana"), strictUser(2, "Bo"),
                                                          strictUser(3, Value()), strictUser(4, "Di"),
                                                          strictUser(5, "Ed")})),
                 QStringList({"delivered", "delivered", "rejected: " + notNull, "delivered", "delivered"}));
        QVERIFY(d->commit());
        QCOMPARE(rows("SELECT id, name, city FROM users ORDER BY id"),
                 QStringList({"integer:1|text:Ana|text:Lisboa", "integer:2|text:Bo|text:Lisboa",
                              "integer:4|text:Di|text:Lisboa", "integer:5|text:Ed|text:Lisboa"}));
    }

    // Refusals first, last, next to each other and between good records, in
    // one batch: every good record is written exactly once.
    void severalRejectionsInOneBatch_data() { addBackends(); }
    void severalRejectionsInOneBatch()
    {
        QCOMPARE(exec(kStrictUsersSql), QString());
        QCOMPARE(exec("INSERT INTO users VALUES (100, 'Old', 'Porto')"), QString());
        auto d = destination(false);
        QVERIFY(d->begin(strictRun()));
        auto update = [](std::int64_t id, const char *name) {
            return record(RecordOp::Update, {Value(id)}, {Value(id), Value(name), Value("Faro")});
        };
        const std::vector<Record> batch = {strictUser(1, Value()),  strictUser(2, "B"),
                                           strictUser(3, "C"),      update(404, "Nobody"),
                                           strictUser(4, Value()),  strictUser(5, Value()),
                                           update(100, "Renamed"),  record(RecordOp::Delete, {Value(100)}),
                                           strictUser(6, "F"),      strictUser(100, "Back"),
                                           strictUser(7, Value())};
        const QString notNull = "rejected: "
                                + QString(m_pg ? "null value in column \"name\" of relation \"users\" violates not-null constraint"
                                               : "NOT NULL constraint failed: users.name");
        QCOMPARE(outcomes(d->write(1, batch)),
                 QStringList({notNull, "delivered", "delivered", "rejected: no row with key 404", notNull, notNull,
                              "delivered", "delivered", "delivered", "delivered", notNull}));
        QVERIFY(d->commit());
        QCOMPARE(rows("SELECT id, name, city FROM users ORDER BY id"),
                 QStringList({"integer:2|text:B|text:Lisboa", "integer:3|text:C|text:Lisboa",
                              "integer:6|text:F|text:Lisboa", "integer:100|text:Back|text:Lisboa"}));
    }

    void unicodeAndNullsRoundTrip_data() { addBackends(); }
    void unicodeAndNullsRoundTrip()
    {
        auto d = destination();
        QVERIFY(d->begin(usersRun()));
        QCOMPARE(outcomes(d->write(1, std::vector<Record>{user(RecordOp::Upsert, 1, "张伟", Value(), Value(), "北京市朝阳区"),
                                                          user(RecordOp::Upsert, 2, Value(), 0.1, Value(), Value()),
                                                          user(RecordOp::Upsert, 3, "O'Brien \"Ó\" 🚀", 1e300, true,
                                                               "tab\there; semi")})),
                 QStringList({"delivered", "delivered", "delivered"}));
        QVERIFY(d->commit());
        QCOMPARE(rows(kUsersSql), QStringList({"integer:1|text:张伟|null:|null:|text:北京市朝阳区",
                                               "integer:2|null:|real:0.1|null:|null:",
                                               "integer:3|text:O'Brien \"Ó\" 🚀|real:1e+300|integer:1|text:tab\there; semi"}));
    }

    void existingTableMissingColumn_data() { addBackends(); }
    void existingTableMissingColumn()
    {
        QCOMPARE(exec("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)"), QString());
        RunInfo run;
        run.fields = {{"id", ValueType::Integer}, {"email", ValueType::Text}, {"lifetime_value", ValueType::Real}};
        run.keyFields = {"id"};
        auto d = destination();
        auto begun = d->begin(run);
        QVERIFY(!begun);
        QCOMPARE(begun.error().kind, ErrorKind::InvalidInput);
        QCOMPARE(begun.error().code, std::string("table.missing_column"));
        QCOMPARE(begun.error().message, "table " + tableName() + " has no column 'lifetime_value'");
        // Nothing was added to the user's table.
        QCOMPARE(rows("SELECT count(*) FROM users"), QStringList({"integer:0"}));
    }

    void existingTableWithoutUniqueKey_data() { addBackends(); }
    void existingTableWithoutUniqueKey()
    {
        QCOMPARE(exec("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)"), QString());
        RunInfo run;
        run.fields = {{"id", ValueType::Integer}, {"email", ValueType::Text}};
        run.keyFields = {"email"};
        auto d = destination();
        auto begun = d->begin(run);
        QVERIFY(!begun);
        QCOMPARE(begun.error().kind, ErrorKind::InvalidInput);
        QCOMPARE(begun.error().code, std::string("table.no_unique_key"));
        QCOMPARE(begun.error().message,
                 "table " + tableName() + " has no primary key or unique index on (email); ON CONFLICT needs one");

        // A partial unique index cannot serve ON CONFLICT (email); a full one can.
        QCOMPARE(exec("CREATE UNIQUE INDEX users_some_email ON users (email) WHERE id > 10"), QString());
        QVERIFY(!destination()->begin(run));
        QCOMPARE(exec("CREATE UNIQUE INDEX users_email ON users (email)"), QString());
        auto again = destination();
        begun = again->begin(run);
        QVERIFY2(begun, begun ? "" : qPrintable(describe(begun.error())));
        QCOMPARE(outcomes(again->write(1, std::vector<Record>{record(RecordOp::Upsert, {Value("a@x.org")}, {1, "a@x.org"}),
                                                              record(RecordOp::Upsert, {Value("a@x.org")}, {2, "a@x.org"})})),
                 QStringList({"delivered", "delivered"}));
        QVERIFY(again->commit());
        QCOMPARE(rows("SELECT id, email FROM users"), QStringList({"integer:2|text:a@x.org"}));
    }

    void noKeyFieldsFailsBegin_data() { addBackends(); }
    void noKeyFieldsFailsBegin()
    {
        RunInfo run = usersRun();
        run.keyFields.clear();
        auto d = destination();
        auto begun = d->begin(run);
        QVERIFY(!begun);
        QCOMPARE(begun.error().kind, ErrorKind::InvalidInput);
        QCOMPARE(begun.error().code, std::string("table.no_key"));
        QCOMPARE(begun.error().message, std::string("map the model's primary key to a field: a table destination needs it"));
        // Nothing was created.
        if (m_pg)
            QCOMPARE(rows("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"), QStringList({"integer:0"}));
        else
            QVERIFY(!QFile::exists(QString::fromStdString(m_dbPath)));
        QCOMPARE(outcomes(d->write(1, std::vector<Record>{user(RecordOp::Upsert, 1, "Ana")})),
                 QStringList({"batch failed (fatal): the table destination is not open (begin() did not succeed)"}));
    }

    void missingTableWithCreateTableOff_data() { addBackends(); }
    void missingTableWithCreateTableOff()
    {
        QCOMPARE(exec("CREATE TABLE other (x INTEGER)"), QString());
        auto d = destination(false);
        auto begun = d->begin(usersRun());
        QVERIFY(!begun);
        QCOMPARE(begun.error().kind, ErrorKind::InvalidInput);
        QCOMPARE(begun.error().code, std::string("table.missing"));
        QCOMPARE(begun.error().message, "table " + tableName() + " does not exist (createTable is off)");
    }

    void testConnectionTexts_data() { addBackends(); }
    void testConnectionTexts()
    {
        if (!m_pg) {
            // No file yet: nothing is created by testing.
            auto text = destination()->testConnection();
            QVERIFY2(text, text ? "" : qPrintable(describe(text.error())));
            QCOMPARE(*text, m_dbPath + " does not exist yet; it will be created, with table users, on the first run");
            QVERIFY(!QFile::exists(QString::fromStdString(m_dbPath)));
            auto off = destination(false)->testConnection();
            QVERIFY(!off);
            QCOMPARE(off.error().code, std::string("sqlite.missing"));
            QCOMPARE(off.error().message, std::string("the database file does not exist"));
            QCOMPARE(exec("CREATE TABLE other (x INTEGER)"), QString());
        }

        auto missing = destination()->testConnection();
        QVERIFY2(missing, missing ? "" : qPrintable(describe(missing.error())));
        QCOMPARE(*missing, "table " + tableName() + " does not exist yet; it will be created on the first run");

        auto off = destination(false)->testConnection();
        QVERIFY(!off);
        QCOMPARE(off.error().kind, ErrorKind::InvalidInput);
        QCOMPARE(off.error().code, std::string("table.missing"));
        QCOMPARE(off.error().message, "table " + tableName() + " does not exist (createTable is off)");

        QCOMPARE(exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)"), QString());
        QCOMPARE(exec(m_pg ? "INSERT INTO users SELECT i, 'u' || i FROM generate_series(1, 1234) AS i"
                           : "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1234) "
                             "INSERT INTO users SELECT i, 'u' || i FROM n"),
                 QString());
        auto found = destination(false)->testConnection();
        QVERIFY2(found, found ? "" : qPrintable(describe(found.error())));
        if (m_pg)
            QCOMPARE(*found, "PostgreSQL table " + tableName() + " in database " + m_server.database.toStdString()
                                 + " on 127.0.0.1:" + std::to_string(m_server.port) + " (1,234 rows)");
        else
            QCOMPARE(*found, "SQLite table users in " + m_dbPath + " (1,234 rows)");

        QCOMPARE(exec("DELETE FROM users WHERE id > 1"), QString());
        auto one = destination(false)->testConnection();
        QVERIFY(one);
        QVERIFY2(one->ends_with(" (1 row)"), one->c_str());
    }

    void postgresConnectionErrors()
    {
        m_pg = true;
        PostgresTableSettings s = pgTableSettings("users", true);
        s.password = "definitely-not-the-password";
        auto wrong = PostgresTableDestination(s).testConnection();
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().code, std::string("postgres.auth"));
        QCOMPARE(wrong.error().message, "the password for user '" + s.user + "' was refused");
        QCOMPARE(wrong.error().where, "127.0.0.1:" + std::to_string(m_server.port) + "/sluice_test");

        s = pgTableSettings("users", true);
        s.database = "no_such_database";
        auto noDb = PostgresTableDestination(s).begin(usersRun());
        QVERIFY(!noDb);
        QCOMPARE(noDb.error().code, std::string("postgres.no_database"));
        QCOMPARE(noDb.error().message, std::string("database 'no_such_database' does not exist"));

        s = pgTableSettings("users", true);
        s.schema = "tst_tabledest_no_such_schema";
        auto noSchema = PostgresTableDestination(s).testConnection();
        QVERIFY(!noSchema);
        QCOMPARE(noSchema.error().code, std::string("postgres.no_schema"));
        QCOMPARE(noSchema.error().message, std::string("schema 'tst_tabledest_no_such_schema' does not exist"));
    }

    void sqliteOpenErrors()
    {
        SqliteTableDestination noFolder({m_dir->filePath("no/such/folder/out.sqlite").toStdString(), "users", true});
        auto begun = noFolder.begin(usersRun());
        QVERIFY(!begun);
        QCOMPARE(begun.error().code, std::string("sqlite.no_folder"));
        QCOMPARE(begun.error().message, "the folder " + m_dir->filePath("no/such/folder").toStdString() + " does not exist");

        const QString text = m_dir->filePath("notes.txt");
        test::writeFile(text, QByteArray(200, 'x'));
        SqliteTableDestination notDb({text.toStdString(), "users", true});
        auto opened = notDb.begin(usersRun());
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, std::string("sqlite.not_a_database"));
    }

    void tableDroppedMidRunIsFatal_data() { addBackends(); }
    void tableDroppedMidRunIsFatal()
    {
        auto d = destination();
        QVERIFY(d->begin(usersRun()));
        QCOMPARE(outcomes(d->write(1, std::vector<Record>{user(RecordOp::Upsert, 1, "Ana")})), QStringList({"delivered"}));
        QCOMPARE(exec("DROP TABLE users"), QString());
        const QString expected = m_pg ? "batch failed (fatal): relation \"" + QString::fromStdString(m_schema)
                                            + ".users\" does not exist"
                                      : "batch failed (fatal): writing to table users failed: no such table: users";
        QCOMPARE(outcomes(d->write(2, std::vector<Record>{user(RecordOp::Upsert, 2, "Bo")})), QStringList({expected}));
        d->abort();
    }

    // Another program holds the write lock past the busy timeout: the batch
    // fails as a whole, to be retried, and goes through once the lock is gone.
    void sqliteLockedIsRetryable()
    {
        SqliteTableDestination d({m_dbPath, "users", true});
        QVERIFY(d.begin(usersRun()));
        sqlite3 *other = nullptr;
        QCOMPARE(sqlite3_open(m_dbPath.c_str(), &other), SQLITE_OK);
        QCOMPARE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(outcomes(d.write(1, std::vector<Record>{user(RecordOp::Upsert, 1, "Ana")})),
                 QStringList({"batch failed (retryable): the database is locked by another process (database is locked)"}));
        QVERIFY(timer.elapsed() >= 9000); // it waited for the lock first
        QCOMPARE(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(other);
        QCOMPARE(outcomes(d.write(1, std::vector<Record>{user(RecordOp::Upsert, 1, "Ana")})), QStringList({"delivered"}));
        QVERIFY(d.commit());
        QCOMPARE(rows(kUsersSql), QStringList({"integer:1|text:Ana|real:1.5|integer:0|null:"}));
    }

    // The server ends the destination's connection between batches: that batch
    // is retryable, and the retry reconnects and writes it.
    void postgresLostConnectionIsRetryable()
    {
        m_pg = true;
        dropWriterRole();
        const std::string schema = quoteIdentifier(m_schema);
        QCOMPARE(execPostgres("CREATE SCHEMA " + schema + "; CREATE ROLE " + kWriterRole + " LOGIN PASSWORD '"
                              + kWriterPassword + "'; GRANT ALL ON SCHEMA " + schema + " TO " + kWriterRole),
                 QString());
        PostgresTableSettings s = pgTableSettings("users", true);
        s.user = kWriterRole;
        s.password = kWriterPassword;
        PostgresTableDestination d(s);
        auto begun = d.begin(usersRun());
        QVERIFY2(begun, begun ? "" : qPrintable(describe(begun.error())));
        QCOMPARE(outcomes(d.write(1, std::vector<Record>{user(RecordOp::Upsert, 1, "Ana")})), QStringList({"delivered"}));

        // Another session ends the destination's connection, as a restart or a DBA would.
        const auto terminated = test::pgRows("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = '"
                                             + kWriterRole + "'");
        QCOMPARE(terminated, (std::vector<std::vector<std::string>>{{"1"}}));
        const std::vector<Record> second = {user(RecordOp::Upsert, 2, "Bo"), user(RecordOp::Upsert, 3, "Cy")};
        const QStringList lost = outcomes(d.write(2, second));
        QCOMPARE(lost.size(), 1);
        QVERIFY2(lost.front().startsWith("batch failed (retryable): the connection to the server was lost"),
                 qPrintable(lost.front()));
        QCOMPARE(outcomes(d.write(2, second)), QStringList({"delivered", "delivered"}));
        QVERIFY(d.commit());
        QCOMPARE(rows(kUsersSql), QStringList({"integer:1|text:Ana|real:1.5|integer:0|null:",
                                               "integer:2|text:Bo|real:1.5|integer:0|null:",
                                               "integer:3|text:Cy|real:1.5|integer:0|null:"}));
        QCOMPARE(execPostgres("DROP SCHEMA " + schema + " CASCADE"), QString());
        dropWriterRole();
    }

    // Privileges are checked at begin() for what the mode will do; taken away
    // mid-run they stop the run.
    void postgresMissingPrivilegeIsFatal()
    {
        m_pg = true;
        dropWriterRole();
        const std::string schema = quoteIdentifier(m_schema);
        QCOMPARE(execPostgres("CREATE SCHEMA " + schema + "; CREATE ROLE " + kWriterRole + " LOGIN PASSWORD '"
                              + kWriterPassword + "'; GRANT USAGE ON SCHEMA " + schema + " TO " + kWriterRole),
                 QString());
        QCOMPARE(exec("CREATE TABLE users (id BIGINT PRIMARY KEY, name TEXT, score DOUBLE PRECISION, vip BOOLEAN, "
                      "nickname TEXT); GRANT SELECT, INSERT, UPDATE ON users TO " + kWriterRole),
                 QString());
        PostgresTableSettings s = pgTableSettings("users", false);
        s.user = kWriterRole;
        s.password = kWriterPassword;

        auto mirror = PostgresTableDestination(s).begin(usersRun(SyncMode::Mirror));
        QVERIFY(!mirror);
        QCOMPARE(mirror.error().code, std::string("postgres.permission"));
        QCOMPARE(mirror.error().message, "user '" + kWriterRole + "' may not delete from table " + tableName());

        PostgresTableDestination d(s);
        auto begun = d.begin(usersRun());
        QVERIFY2(begun, begun ? "" : qPrintable(describe(begun.error())));
        QCOMPARE(outcomes(d.write(1, std::vector<Record>{user(RecordOp::Upsert, 1, "Ana")})), QStringList({"delivered"}));
        QCOMPARE(exec("REVOKE INSERT, UPDATE ON users FROM " + kWriterRole), QString());
        QCOMPARE(outcomes(d.write(2, std::vector<Record>{user(RecordOp::Upsert, 2, "Bo")})),
                 QStringList({"batch failed (fatal): permission denied for table users"}));
        d.abort();
        QCOMPARE(rows(kUsersSql), QStringList({"integer:1|text:Ana|real:1.5|integer:0|null:"}));
        QCOMPARE(execPostgres("DROP SCHEMA " + schema + " CASCADE"), QString());
        dropWriterRole();
    }

    void largeBatches_data() { addBackends(); }
    void largeBatches()
    {
        auto d = destination();
        QVERIFY(d->begin(usersRun()));
        QCOMPARE(d->limits().maxBatchRecords, 10000);
        std::vector<Record> batch;
        for (int i = 1; i <= 10000; ++i)
            batch.push_back(user(RecordOp::Upsert, i, Value("first " + std::to_string(i)), i * 0.5, i % 2 == 0));
        QElapsedTimer timer;
        timer.start();
        auto first = d->write(1, batch);
        QVERIFY2(first, first ? "" : first.error().message.c_str());
        QCOMPARE(first->size(), std::size_t(10000));
        QVERIFY(std::all_of(first->begin(), first->end(), [](const RecordOutcome &o) { return o.outcome == Outcome::Delivered; }));

        // The same keys again, changed, with a few refused ones among them.
        for (int i = 0; i < 10000; ++i)
            batch[i] = user(RecordOp::Update, i + 1, Value("second " + std::to_string(i + 1)), 1.0, true);
        batch[0] = user(RecordOp::Update, 20001, "missing");
        batch[5000] = user(RecordOp::Update, 20002, "missing");
        batch[9999] = user(RecordOp::Update, 20003, "missing");
        auto second = d->write(2, batch);
        QVERIFY2(second, second ? "" : second.error().message.c_str());
        QCOMPARE(std::count_if(second->begin(), second->end(), [](const RecordOutcome &o) { return o.outcome == Outcome::Delivered; }),
                 std::ptrdiff_t(9997));
        QCOMPARE(QString::fromStdString((*second)[5000].reason), QString("no row with key 20002"));
        QVERIFY(d->commit());
        qInfo("two batches of 10,000 records in %lld ms", qint64(timer.elapsed()));

        QCOMPARE(rows("SELECT count(*), sum(CASE WHEN name LIKE 'second %' THEN 1 ELSE 0 END) FROM users"),
                 QStringList({"integer:10000|integer:9997"}));
        QCOMPARE(rows("SELECT id, name, score, CAST(vip AS INTEGER), nickname FROM users WHERE id IN (1, 2, 5001, 9999, 10000) ORDER BY id"),
                 QStringList({"integer:1|text:first 1|real:0.5|integer:0|null:",
                              "integer:2|text:second 2|real:1|integer:1|null:",
                              "integer:5001|text:first 5001|real:2500.5|integer:0|null:",
                              "integer:9999|text:second 9999|real:1|integer:1|null:",
                              "integer:10000|text:first 10000|real:5000|integer:1|null:"}));
    }
};

QTEST_GUILESS_MAIN(TstTableDestination)
#include "tst_tabledestination.moc"

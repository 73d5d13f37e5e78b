// The SQLite and PostgreSQL table destinations driven directly (begin, write,
// commit): limits and modes, the table created on the first run, upserts,
// composite keys, inserts and updates refused, deletes, records rejected one
// by one, Unicode and NULLs. Each test runs once per database ("sqlite",
// "postgres" rows) and checks the table's exact contents, row by row.

#include "tabledestinationtesting.h"

namespace {

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

} // namespace

class TstTableDestinationWrites : public TableDestinationTestCase {
    Q_OBJECT

private slots:
    void initTestCase() { connectServer(); }

    void init() { initRow(); }

    void cleanup() { cleanupRow(); }

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
                     QStringList({"text:id bigint", "text:name text", "text:score double precision", "text:vip boolean",
                                  "text:nickname text"}));
            QCOMPARE(rows("SELECT a.attname::text FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                          "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = 'users'::regclass AND i.indisprimary"),
                     QStringList({"text:id"}));
        } else {
            QCOMPARE(
                rows("SELECT name || ' ' || type || ' ' || pk || ' ' || \"notnull\" FROM pragma_table_info('users') "
                     "ORDER BY cid"),
                QStringList({"text:id INTEGER 1 1", "text:name TEXT 0 0", "text:score REAL 0 0", "text:vip INTEGER 0 0",
                             "text:nickname TEXT 0 0"}));
            // The file header says WAL: bytes 18 and 19 (write and read versions) are 2.
            QFile file(QString::fromStdString(m_dbPath));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.read(20).mid(18), QByteArray("\x02\x02"));
        }

        const std::vector<Record> batch
            = {user(RecordOp::Upsert, 2, "Bo", 3.25, false, "bobo"), user(RecordOp::Upsert, 1, "Ana", 9.5, true)};
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
            QCOMPARE(outcomes(d->write(
                         1, std::vector<Record>{user(RecordOp::Upsert, 1, "Ana"), user(RecordOp::Upsert, 2, "Bo")})),
                     QStringList({"delivered", "delivered"}));
            // Batches commit one by one: the first is there before the run ends.
            QCOMPARE(rows(kUsersSql), QStringList({"integer:1|text:Ana|real:1.5|integer:0|null:",
                                                   "integer:2|text:Bo|real:1.5|integer:0|null:"}));
            QCOMPARE(outcomes(d->write(2, std::vector<Record>{user(RecordOp::Upsert, 2, "Bob", 7.0, true, "b"),
                                                              user(RecordOp::Upsert, 3, "Cy")})),
                     QStringList({"delivered", "delivered"}));
            QVERIFY(d->commit());
        }
        QCOMPARE(
            rows(kUsersSql),
            QStringList({"integer:1|text:Ana|real:1.5|integer:0|null:", "integer:2|text:Bob|real:7|integer:1|text:b",
                         "integer:3|text:Cy|real:1.5|integer:0|null:"}));

        // A second run finds the table it made and updates every non-key column.
        auto again = destination(false);
        auto begun = again->begin(usersRun());
        QVERIFY2(begun, begun ? "" : qPrintable(describe(begun.error())));
        QCOMPARE(
            outcomes(again->write(1, std::vector<Record>{user(RecordOp::Upsert, 1, "Ana Maria", -2.5, true, "am")})),
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
        QCOMPARE(outcomes(d->write(
                     1, std::vector<Record>{user(RecordOp::Insert, 1, "Ana"), user(RecordOp::Insert, 2, "Bo")})),
                 QStringList({"delivered", "delivered"}));
        const QString duplicate = "a row with key 1 is there already, with other values (insert mode adds rows, it "
                                  "does not change them)";
        // Ana again is the same row sent again (a run killed before it was
        // recorded): delivered, once. The impostor under her key is refused.
        QCOMPARE(outcomes(d->write(
                     2, std::vector<Record>{user(RecordOp::Insert, 3, "Cy"), user(RecordOp::Insert, 1, "Impostor"),
                                            user(RecordOp::Insert, 2, "Bo"), user(RecordOp::Insert, 4, "Di")})),
                 QStringList({"delivered", "rejected: " + duplicate, "delivered", "delivered"}));
        QVERIFY(d->commit());
        QCOMPARE(
            rows(kUsersSql),
            QStringList({"integer:1|text:Ana|real:1.5|integer:0|null:", "integer:2|text:Bo|real:1.5|integer:0|null:",
                         "integer:3|text:Cy|real:1.5|integer:0|null:", "integer:4|text:Di|real:1.5|integer:0|null:"}));
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
        QCOMPARE(
            outcomes(d->write(1, std::vector<Record>{user(RecordOp::Upsert, 1, "Ana"), user(RecordOp::Upsert, 2, "Bo"),
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
        const QString notNull = m_pg
                                  ? "null value in column \"name\" of relation \"users\" violates not-null constraint"
                                  : "NOT NULL constraint failed: users.name";
        QCOMPARE(
            outcomes(d->write(1, std::vector<Record>{strictUser(1, "Ana"), strictUser(2, "Bo"), strictUser(3, Value()),
                                                     strictUser(4, "Di"), strictUser(5, "Ed")})),
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
        const std::vector<Record> batch = {strictUser(1, Value()), strictUser(2, "B"),
                                           strictUser(3, "C"),     update(404, "Nobody"),
                                           strictUser(4, Value()), strictUser(5, Value()),
                                           update(100, "Renamed"), record(RecordOp::Delete, {Value(100)}),
                                           strictUser(6, "F"),     strictUser(100, "Back"),
                                           strictUser(7, Value())};
        const QString notNull
            = "rejected: "
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
        QCOMPARE(
            outcomes(d->write(
                1, std::vector<Record>{user(RecordOp::Upsert, 1, "张伟", Value(), Value(), "北京市朝阳区"),
                                       user(RecordOp::Upsert, 2, Value(), 0.1, Value(), Value()),
                                       user(RecordOp::Upsert, 3, "O'Brien \"Ó\" 🚀", 1e300, true, "tab\there; semi")})),
            QStringList({"delivered", "delivered", "delivered"}));
        QVERIFY(d->commit());
        QCOMPARE(
            rows(kUsersSql),
            QStringList({"integer:1|text:张伟|null:|null:|text:北京市朝阳区", "integer:2|null:|real:0.1|null:|null:",
                         "integer:3|text:O'Brien \"Ó\" 🚀|real:1e+300|integer:1|text:tab\there; semi"}));
    }
};

QTEST_GUILESS_MAIN(TstTableDestinationWrites)
#include "tst_tabledestination_writes.moc"

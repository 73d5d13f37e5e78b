// The SQLite and PostgreSQL table destinations driven directly (begin, write,
// commit): a locked SQLite file and a lost PostgreSQL connection (retryable),
// a missing privilege (fatal), and large batches.

#include "tabledestinationtesting.h"

#include <QElapsedTimer>

#include <algorithm>

namespace {

// A role of our own, so that killing "the destination's connection" cannot
// hit another test's connection to the shared server.
const std::string kWriterRole = "tst_tabledest_writer";
const std::string kWriterPassword = "writer-secret-7";

} // namespace

class TstTableDestinationFaults : public TableDestinationTestCase {
    Q_OBJECT

    void dropWriterRole()
    {
        // DROP OWNED takes the role's grants too; it fails harmlessly when the role is not there.
        execPostgres("DROP OWNED BY " + kWriterRole);
        QCOMPARE(execPostgres("DROP ROLE IF EXISTS " + kWriterRole), QString());
    }

private slots:
    void initTestCase() { connectServer(); }

    void init() { initRow(); }

    void cleanup() { cleanupRow(); }

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
        QCOMPARE(
            outcomes(d.write(1, std::vector<Record>{user(RecordOp::Upsert, 1, "Ana")})),
            QStringList({"batch failed (retryable): the database is locked by another process (database is locked)"}));
        QVERIFY(timer.elapsed() >= 9000); // it waited for the lock first
        QCOMPARE(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(other);
        QCOMPARE(outcomes(d.write(1, std::vector<Record>{user(RecordOp::Upsert, 1, "Ana")})),
                 QStringList({"delivered"}));
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
        QCOMPARE(outcomes(d.write(1, std::vector<Record>{user(RecordOp::Upsert, 1, "Ana")})),
                 QStringList({"delivered"}));

        // Another session ends the destination's connection, as a restart or a DBA would.
        const auto terminated = test::pgRows(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = '" + kWriterRole + "'");
        QCOMPARE(terminated, (std::vector<std::vector<std::string>>{{"1"}}));
        const std::vector<Record> second = {user(RecordOp::Upsert, 2, "Bo"), user(RecordOp::Upsert, 3, "Cy")};
        const QStringList lost = outcomes(d.write(2, second));
        QCOMPARE(lost.size(), 1);
        QVERIFY2(lost.front().startsWith("batch failed (retryable): the connection to the server was lost"),
                 qPrintable(lost.front()));
        QCOMPARE(outcomes(d.write(2, second)), QStringList({"delivered", "delivered"}));
        QVERIFY(d.commit());
        QCOMPARE(
            rows(kUsersSql),
            QStringList({"integer:1|text:Ana|real:1.5|integer:0|null:", "integer:2|text:Bo|real:1.5|integer:0|null:",
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
                      "nickname TEXT); GRANT SELECT, INSERT, UPDATE ON users TO "
                      + kWriterRole),
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
        QCOMPARE(outcomes(d.write(1, std::vector<Record>{user(RecordOp::Upsert, 1, "Ana")})),
                 QStringList({"delivered"}));
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
        QVERIFY(std::all_of(first->begin(), first->end(),
                            [](const RecordOutcome &o) { return o.outcome == Outcome::Delivered; }));

        // The same keys again, changed, with a few refused ones among them.
        for (int i = 0; i < 10000; ++i)
            batch[i] = user(RecordOp::Update, i + 1, Value("second " + std::to_string(i + 1)), 1.0, true);
        batch[0] = user(RecordOp::Update, 20001, "missing");
        batch[5000] = user(RecordOp::Update, 20002, "missing");
        batch[9999] = user(RecordOp::Update, 20003, "missing");
        auto second = d->write(2, batch);
        QVERIFY2(second, second ? "" : second.error().message.c_str());
        QCOMPARE(std::count_if(second->begin(), second->end(),
                               [](const RecordOutcome &o) { return o.outcome == Outcome::Delivered; }),
                 std::ptrdiff_t(9997));
        QCOMPARE(QString::fromStdString((*second)[5000].reason), QString("no row with key 20002"));
        QVERIFY(d->commit());
        qInfo("two batches of 10,000 records in %lld ms", qint64(timer.elapsed()));

        QCOMPARE(rows("SELECT count(*), sum(CASE WHEN name LIKE 'second %' THEN 1 ELSE 0 END) FROM users"),
                 QStringList({"integer:10000|integer:9997"}));
        QCOMPARE(rows("SELECT id, name, score, CAST(vip AS INTEGER), nickname FROM users WHERE id IN (1, 2, 5001, "
                      "9999, 10000) ORDER BY id"),
                 QStringList({"integer:1|text:first 1|real:0.5|integer:0|null:",
                              "integer:2|text:second 2|real:1|integer:1|null:",
                              "integer:5001|text:first 5001|real:2500.5|integer:0|null:",
                              "integer:9999|text:second 9999|real:1|integer:1|null:",
                              "integer:10000|text:first 10000|real:5000|integer:1|null:"}));
    }
};

QTEST_GUILESS_MAIN(TstTableDestinationFaults)
#include "tst_tabledestination_faults.moc"

// The SQLite and PostgreSQL table destinations driven directly (begin, write,
// commit): tables the user made (a missing column, no unique key), begin's
// checks, testConnection's texts, connection and open errors, and a table
// dropped in the middle of a run.

#include "tabledestinationtesting.h"

class TstTableDestinationTables : public TableDestinationTestCase {
    Q_OBJECT

private slots:
    void initTestCase() { connectServer(); }

    void init() { initRow(); }

    void cleanup() { cleanupRow(); }

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
        QCOMPARE(outcomes(again->write(
                     1, std::vector<Record>{record(RecordOp::Upsert, {Value("a@x.org")}, {1, "a@x.org"}),
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
        QCOMPARE(begun.error().message,
                 std::string("map the model's primary key to a field: a table destination needs it"));
        // Nothing was created.
        if (m_pg)
            QCOMPARE(rows("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"),
                     QStringList({"integer:0"}));
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
        QCOMPARE(begun.error().message,
                 "the folder " + m_dir->filePath("no/such/folder").toStdString() + " does not exist");

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
        QCOMPARE(outcomes(d->write(1, std::vector<Record>{user(RecordOp::Upsert, 1, "Ana")})),
                 QStringList({"delivered"}));
        QCOMPARE(exec("DROP TABLE users"), QString());
        const QString expected
            = m_pg ? "batch failed (fatal): relation \"" + QString::fromStdString(m_schema) + ".users\" does not exist"
                   : "batch failed (fatal): writing to table users failed: no such table: users";
        QCOMPARE(outcomes(d->write(2, std::vector<Record>{user(RecordOp::Upsert, 2, "Bo")})), QStringList({expected}));
        d->abort();
    }
};

QTEST_GUILESS_MAIN(TstTableDestinationTables)
#include "tst_tabledestination_tables.moc"

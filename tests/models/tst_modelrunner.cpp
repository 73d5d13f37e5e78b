// Model previews and primary-key checks, on SQLite (sorted path) and CSV
// (hash path) sources.

#include "models/modelrunner.h"
#include "sources/sourcekinds.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace sluice;
using nlohmann::json;

class TstModelRunner : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    std::unique_ptr<Source> sqliteSource()
    {
        return std::move(*makeSource(SourceDef{"wh", "sqlite", {{"path", "wh.sqlite"}}},
                                     SourceContext{m_dir.path().toStdString(), SecretAccess::Allowed}));
    }

private slots:
    void initTestCase()
    {
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(m_dir.filePath("wh.sqlite").toUtf8().constData(), &db), SQLITE_OK);
        const char *sql = R"(
            CREATE TABLE t (id INTEGER, region TEXT, email TEXT);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
            INSERT INTO t SELECT i, CASE i % 3 WHEN 0 THEN 'eu' WHEN 1 THEN 'us' ELSE 'cn' END,
                                 'u' || i || '@example.com' FROM n;
            UPDATE t SET email = NULL WHERE id IN (10, 20, 30);
            INSERT INTO t VALUES (5, 'cn', 'dup5@example.com'), (5, 'us', 'dup5b@example.com'), (7, 'eu', 'u7@example.com');
        )";
        QCOMPARE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
        test::writeFile(m_dir.filePath("crm.csv"), "id,name\n1,Ana\n2,Bo\n2,Bob\n,Nobody\n3,张伟\n3,Zhang\n3,Z\n");
    }

    void previewRespectsLimit()
    {
        auto src = sqliteSource();
        ModelDef m{"m", "wh", "SELECT id, region, id * 1.5 AS weight FROM t ORDER BY id", {"id"}, ""};
        auto p = previewModel(*src, m, 10);
        QVERIFY(p);
        QCOMPARE(p->rows.size(), std::size_t(10));
        QVERIFY(p->more);
        QCOMPARE(p->columns[2].type, ValueType::Real); // refined from values: no declared type
        auto all = previewModel(*src, ModelDef{"m", "wh", "SELECT 1 AS id", {"id"}, ""}, 10);
        QCOMPARE(all->rows.size(), std::size_t(1));
        QVERIFY(!all->more);
    }

    void keyCheckOk()
    {
        auto src = sqliteSource();
        auto k = checkModelKey(*src, ModelDef{"m", "wh", "SELECT DISTINCT id FROM t", {"id"}, ""});
        QVERIFY(k);
        QVERIFY(k->ok());
        QCOMPARE(k->rows, std::int64_t(1000));
        QCOMPARE(k->summary(), std::string("primary key OK: 1000 rows, every key present and unique"));
    }

    void keyCheckFindsDuplicatesAndNulls()
    {
        auto src = sqliteSource();
        auto k = checkModelKey(*src, ModelDef{"m", "wh", "SELECT * FROM t", {"id"}, ""});
        QVERIFY(k);
        QCOMPARE(k->rows, std::int64_t(1003));
        QCOMPARE(k->duplicateKeys, std::int64_t(2)); // 5 three times, 7 twice
        QCOMPARE(k->duplicateRows, std::int64_t(5));
        QCOMPARE(k->duplicateExamples.size(), std::size_t(2));
        QCOMPARE(k->duplicateExamples[0].key, std::string("5"));
        QCOMPARE(k->duplicateExamples[0].count, std::int64_t(3));
        QCOMPARE(k->duplicateExamples[1].key, std::string("7"));
        QCOMPARE(k->nullKeyRows, std::int64_t(0));

        auto byEmail = checkModelKey(*src, ModelDef{"m", "wh", "SELECT * FROM t", {"email"}, ""});
        QCOMPARE(byEmail->nullKeyRows, std::int64_t(3));
        QCOMPARE(byEmail->duplicateKeys, std::int64_t(1)); // the second row of id 7
        QCOMPARE(byEmail->duplicateExamples[0].key, std::string("u7@example.com"));
        QVERIFY(!byEmail->ok());
        QVERIFY(byEmail->summary().find("3 rows with a NULL key") != std::string::npos);

        // A composite key makes the rows unique again, except the exact repeat.
        auto composite = checkModelKey(*src, ModelDef{"m", "wh", "SELECT * FROM t", {"id", "region"}, ""});
        QCOMPARE(composite->duplicateKeys, std::int64_t(1));
        QCOMPARE(composite->duplicateExamples[0].key, std::string("5 | cn"));
        QCOMPARE(composite->duplicateExamples[0].count, std::int64_t(2));
    }

    void keyMissingFromResult()
    {
        auto src = sqliteSource();
        auto k = checkModelKey(*src, ModelDef{"m", "wh", "SELECT region, email FROM t", {"id"}, ""});
        QVERIFY(!k);
        QCOMPARE(k.error().code, std::string("model.key_missing"));
        QCOMPARE(
            k.error().describe(),
            std::string("model 'm': primary key column 'id' is not in the model's result (columns: region, email)"));
    }

    void csvKeyCheck()
    {
        auto src = makeSource(SourceDef{"crm", "csv", {{"path", "crm.csv"}}},
                              SourceContext{m_dir.path().toStdString(), SecretAccess::Allowed});
        QVERIFY(src);
        auto k = checkModelKey(**src, ModelDef{"c", "crm", "", {"id"}, ""});
        QVERIFY2(k, k ? "" : k.error().describe().c_str());
        QCOMPARE(k->rows, std::int64_t(7));
        QCOMPARE(k->nullKeyRows, std::int64_t(1));
        QCOMPARE(k->nullKeyRowNumbers, std::vector<std::int64_t>{4});
        QCOMPARE(k->duplicateKeys, std::int64_t(2));
        QCOMPARE(k->duplicateRows, std::int64_t(5));
        QCOMPARE(k->duplicateExamples[0].key, std::string("2"));
        QCOMPARE(k->duplicateExamples[1].key, std::string("3"));
        QCOMPARE(k->duplicateExamples[1].count, std::int64_t(3));
    }
};

QTEST_GUILESS_MAIN(TstModelRunner)
#include "tst_modelrunner.moc"

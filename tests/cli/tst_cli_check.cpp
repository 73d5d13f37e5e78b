// sluicectl end to end, as a user or a script runs it: exact exit statuses,
// exact output, one "error: " line for every failure, and proof (SHA-256 of
// every file in the folder) that bad input never modifies or leaves anything.
//
// This part: check (key problems), test, schema, and CSV sources.

#include "clitesting.h"

#include <sqlite3.h>

namespace {

// A project with one CSV source "crm" (`csvFile`, relative to the project)
// and one model "contacts" keyed by id.
QByteArray csvProjectJson(const QString &csvFile)
{
    const QJsonObject p{
        {"formatVersion", 1},
        {"name", "CSV"},
        {"sources",
         QJsonArray{QJsonObject{{"name", "crm"}, {"kind", "csv"}, {"settings", QJsonObject{{"path", csvFile}}}}}},
        {"models", QJsonArray{model("contacts", "crm", {}, {"id"})}},
        {"destinations", QJsonArray{}},
        {"syncs", QJsonArray{}}};
    return jsonText(p);
}

} // namespace

class TstCliCheck : public CliTestCase {
    Q_OBJECT

private slots:
    void initTestCase() { initDemo(); }

    // --- check -------------------------------------------------------------

    void checkDemoKeyIsClean()
    {
        const CliResult r = runSluicectl({"check", m_demo, "--model", "hubspot_contacts", "--json"});
        SLUICE_VERIFY_OK(r);
        SLUICE_PARSE_JSON(doc, r.out);
        QCOMPARE(doc["ok"].toBool(), true);
        QCOMPARE(doc["rows"].toInteger(), 10000);
        QCOMPARE(doc["nullKeyRows"].toInteger(), 0);
        QCOMPARE(doc["duplicateKeys"].toInteger(), 0);
        QCOMPARE(doc["duplicateRows"].toInteger(), 0);
        QCOMPARE(doc["duplicateExamples"].toArray(), QJsonArray());
        QCOMPARE(doc["nullKeyRowNumbers"].toArray(), QJsonArray());
        QCOMPARE(stringList(doc["primaryKey"].toArray()), QStringList{"email"});

        const CliResult text = runSluicectl({"check", m_demo, "--model", "hubspot_contacts"});
        SLUICE_VERIFY_OK(text);
        QCOMPARE(text.out, QByteArray("hubspot_contacts: primary key OK: 10000 rows, every key present and unique\n"));
    }

    void checkFindsDuplicateAndNullKeys()
    {
        QJsonObject project = demoExport();
        project = appended(project, "models",
                           model("dup_keys", "warehouse", "SELECT user_id % 7 AS k, email FROM users", {"k"}));
        project = appended(project, "models",
                           model("null_keys", "warehouse",
                                 "SELECT CASE WHEN user_id % 100 = 0 THEN NULL ELSE user_id END AS k "
                                 "FROM users",
                                 {"k"}));
        const QString path = importNextToDemo("keys.sluice", project);
        QVERIFY(!path.isEmpty());

        const CliResult dup = runSluicectl({"check", path, "--model", "dup_keys", "--json"});
        QCOMPARE(dup.exitCode, 1);
        QCOMPARE(dup.err, QByteArray());
        SLUICE_PARSE_JSON(d, dup.out);
        QCOMPARE(d["ok"].toBool(), false);
        QCOMPARE(d["rows"].toInteger(), 10000);
        QCOMPARE(d["duplicateKeys"].toInteger(), 7);
        QCOMPARE(d["duplicateRows"].toInteger(), 10000);
        QCOMPARE(d["nullKeyRows"].toInteger(), 0);
        // 10000 = 7 * 1428 + 4: residues 1..4 occur once more than 0, 5 and 6.
        const QJsonArray examples{
            QJsonObject{{"key", "0"}, {"count", 1428}}, QJsonObject{{"key", "1"}, {"count", 1429}},
            QJsonObject{{"key", "2"}, {"count", 1429}}, QJsonObject{{"key", "3"}, {"count", 1429}},
            QJsonObject{{"key", "4"}, {"count", 1429}}};
        QCOMPARE(d["duplicateExamples"].toArray(), examples);

        const CliResult dupText = runSluicectl({"check", path, "--model", "dup_keys"});
        QCOMPARE(dupText.exitCode, 1);
        QCOMPARE(dupText.out, QByteArray("dup_keys: primary key problems in 10000 rows: 7 keys appear more than "
                                         "once, in 10000 rows ('0' x1428, '1' x1429, '2' x1429, '3' x1429, "
                                         "'4' x1429, ...)\n"));

        const CliResult nulls = runSluicectl({"check", path, "--model", "null_keys", "--json"});
        QCOMPARE(nulls.exitCode, 1);
        QCOMPARE(nulls.err, QByteArray());
        SLUICE_PARSE_JSON(n, nulls.out);
        QCOMPARE(n["ok"].toBool(), false);
        QCOMPARE(n["rows"].toInteger(), 10000);
        QCOMPARE(n["nullKeyRows"].toInteger(), 100);
        QCOMPARE(n["duplicateKeys"].toInteger(), 0);
        QCOMPARE(n["nullKeyRowNumbers"].toArray().size(), 5);
    }

    // The row numbers of NULL keys must point at rows a user can find: the
    // model's own order, as preview shows it (ORDER BY user_id makes user 100
    // row 100). Sources that sort by the key put every NULL first, so the
    // numbers must not come from that sorted scan.
    void checkNullKeyRowNumbersFollowModelOrder()
    {
        const QString path = importNextToDemo(
            "nullrows.sluice", appended(demoExport(), "models",
                                        model("null_keys", "warehouse",
                                              "SELECT CASE WHEN user_id % 100 = 0 THEN NULL ELSE user_id END AS k "
                                              "FROM users ORDER BY user_id",
                                              {"k"})));
        QVERIFY(!path.isEmpty());
        const CliResult preview = runSluicectl({"preview", path, "--model", "null_keys", "--json", "--limit", "100"});
        SLUICE_VERIFY_OK(preview);
        SLUICE_PARSE_JSON(p, preview.out);
        QVERIFY(p["rows"].toArray()[99].toArray()[0].isNull()); // row 100 has the first NULL key

        const CliResult r = runSluicectl({"check", path, "--model", "null_keys", "--json"});
        QCOMPARE(r.exitCode, 1);
        SLUICE_PARSE_JSON(doc, r.out);
        QCOMPARE(doc["nullKeyRowNumbers"].toArray(), (QJsonArray{100, 200, 300, 400, 500}));
    }

    void checkKeyColumnMissing()
    {
        const QString path = importNextToDemo(
            "nokey.sluice", appended(demoExport(), "models",
                                     model("bad_key", "warehouse", "SELECT user_id, email FROM users", {"id"})));
        QVERIFY(!path.isEmpty());
        const QStringList before = folderState(m_demoDir.path());
        const QString line = "error: model 'bad_key': primary key column 'id' is not in the model's "
                             "result (columns: user_id, email)";
        SLUICE_VERIFY_ERROR(runSluicectl({"check", path, "--model", "bad_key"}), 2, line);
        SLUICE_VERIFY_ERROR(runSluicectl({"check", path, "--model", "bad_key", "--json"}), 2, line);
        // Text preview shows the rows, then says what is wrong with the key.
        const CliResult text = runSluicectl({"preview", path, "--model", "bad_key", "--limit", "1"});
        const QString problem = errorProblem(text, 2, line, true, {}, true);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(text.out.startsWith("user_id  email"));
        QCOMPARE(folderState(m_demoDir.path()), before);
    }

    // With --json, preview still prints its document (keyProblem set), but
    // exit 2 promises the one "error: " line on stderr as well.
    void previewJsonKeyProblemStillReportsOnStderr()
    {
        const QString path = importNextToDemo(
            "nokeyjson.sluice", appended(demoExport(), "models",
                                         model("bad_key", "warehouse", "SELECT user_id, email FROM users", {"id"})));
        QVERIFY(!path.isEmpty());
        const CliResult r = runSluicectl({"preview", path, "--model", "bad_key", "--limit", "1", "--json"});
        SLUICE_PARSE_JSON(doc, r.out);
        QCOMPARE(doc["keyProblem"].toString(),
                 QString("primary key column 'id' is not in the model's result (columns: user_id, email)"));
        const QString problem
            = errorProblem(r, 2,
                           "error: model 'bad_key': primary key column 'id' is not in the model's result (columns: "
                           "user_id, email)",
                           true, {}, true);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // --- test and schema ---------------------------------------------------

    void testConnection()
    {
        const CliResult r = runSluicectl({"test", m_demo, "--source", "warehouse"});
        SLUICE_VERIFY_OK(r);
        QCOMPARE(QString::fromUtf8(r.out), QString("OK: SQLite %1, 6 tables and views in %2\n")
                                               .arg(QString::fromLatin1(sqlite3_libversion()), m_warehouse));
        const QStringList before = folderState(m_demoDir.path());
        SLUICE_VERIFY_ERROR(runSluicectl({"test", m_demo, "--source", "nope"}), 2,
                            "error: " + m_demo + ": no source named 'nope'");
        QCOMPARE(folderState(m_demoDir.path()), before);
    }

    void schemaJson()
    {
        const CliResult r = runSluicectl({"schema", m_demo, "--source", "warehouse", "--json"});
        SLUICE_VERIFY_OK(r);
        SLUICE_PARSE_JSON(doc, r.out);
        const QJsonArray tables = doc["tables"].toArray();
        QCOMPARE(names(tables),
                 (QStringList{"behaviours", "demo_clock", "orders", "profiles", "user_spending", "users"}));
        for (const QJsonValue &t : tables) {
            const QJsonObject table = t.toObject();
            const bool view = table["name"] == "demo_clock" || table["name"] == "user_spending";
            QCOMPARE(table["kind"].toString(), QString(view ? "view" : "table"));
            QVERIFY2(!table["columns"].toArray().isEmpty(), qPrintable(table["name"].toString()));
            for (const QJsonValue &c : table["columns"].toArray()) {
                QVERIFY(!c.toObject()["name"].toString().isEmpty());
                QVERIFY(c.toObject()["type"].isString());
            }
        }
        QCOMPARE(names(tables[5].toObject()["columns"].toArray()),
                 (QStringList{"user_id", "email", "first_name", "last_name", "phone", "country", "city", "company",
                              "status", "lifecycle_stage", "lead_source", "lead_score", "created_at"}));
        QCOMPARE(names(tables[1].toObject()["columns"].toArray()), QStringList{"today"});

        const CliResult text = runSluicectl({"schema", m_demo, "--source", "warehouse"});
        SLUICE_VERIFY_OK(text);
        QVERIFY(text.out.startsWith("table behaviours\n  user_id  INTEGER\n"));
        QVERIFY(text.out.contains("\nview demo_clock\n"));
    }

    void missingSqliteFile()
    {
        QTemporaryDir dir;
        const QJsonObject p{{"formatVersion", 1},
                            {"name", "M"},
                            {"sources", QJsonArray{QJsonObject{{"name", "wh"},
                                                               {"kind", "sqlite"},
                                                               {"settings", QJsonObject{{"path", "nothere.sqlite"}}}}}},
                            {"models", QJsonArray{model("m", "wh", "SELECT 1 AS id", {"id"})}},
                            {"destinations", QJsonArray{}},
                            {"syncs", QJsonArray{}}};
        writeFile(dir.filePath("m.json"), jsonText(p));
        const QString project = dir.filePath("m.sluice");
        SLUICE_VERIFY_OK(runSluicectl({"import", dir.filePath("m.json"), project}));
        const QStringList before = folderState(dir.path());
        const QString missing = dir.filePath("nothere.sqlite");
        SLUICE_VERIFY_ERROR(runSluicectl({"test", project, "--source", "wh"}), 2,
                            "error: source 'wh': " + missing + ": the database file does not exist");
        SLUICE_VERIFY_ERROR(runSluicectl({"schema", project, "--source", "wh", "--json"}), 2,
                            "error: source 'wh': " + missing + ": the database file does not exist");
        SLUICE_VERIFY_ERROR(runSluicectl({"preview", project, "--model", "m"}), 2,
                            "error: model 'm': " + missing + ": the database file does not exist");
        // Reading never creates the database it reads.
        QCOMPARE(folderState(dir.path()), before);
    }

    void brokenModelSql()
    {
        const QString path = importNextToDemo(
            "broken.sluice", appended(demoExport(), "models", model("broken", "warehouse", "SELEC 1", {"id"})));
        QVERIFY(!path.isEmpty());
        const QStringList before = folderState(m_demoDir.path());
        SLUICE_VERIFY_ERROR_START(runSluicectl({"preview", path, "--model", "broken"}), 2,
                                  "error: model 'broken': model SQL: ", "syntax error");
        SLUICE_VERIFY_ERROR_START(runSluicectl({"preview", path, "--model", "broken", "--json"}), 2,
                                  "error: model 'broken': model SQL: ", "syntax error");
        SLUICE_VERIFY_ERROR_START(runSluicectl({"check", path, "--model", "broken"}), 2,
                                  "error: model 'broken': model SQL: ", "syntax error");
        QCOMPARE(folderState(m_demoDir.path()), before);
    }

    // --- CSV sources -------------------------------------------------------

    void csvSource_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("error"); // after "error: model 'contacts': DIR/crm.csv"
        QTest::newRow("ragged row") << QByteArray("id,name,email\n1,Ana,a@x\n2,Bo\n3,Carla,c@x\n")
                                    << ":3: row has 2 fields, expected 3";
        QTest::newRow("invalid UTF-8") << QByteArray("id,name\n1,Ana\n2,B\xff"
                                                     "o\n")
                                       << ":3: invalid UTF-8 at line 3, byte 4";
        QTest::newRow("unterminated quote")
            << QByteArray("id,name\n1,\"Ana\n2,Bo\n") << ":2: the quoted field starting at line 2 is never closed";
    }

    void csvSource()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, error);
        QTemporaryDir dir;
        writeFile(dir.filePath("crm.csv"), csv);
        writeFile(dir.filePath("csv.json"), csvProjectJson("crm.csv"));
        const QString project = dir.filePath("csv.sluice");
        SLUICE_VERIFY_OK(runSluicectl({"import", dir.filePath("csv.json"), project}));
        const QStringList before = folderState(dir.path());
        const QString start = "error: model 'contacts': " + dir.filePath("crm.csv") + error;
        SLUICE_VERIFY_ERROR_START(runSluicectl({"preview", project, "--model", "contacts"}), 2, start);
        SLUICE_VERIFY_ERROR_START(runSluicectl({"preview", project, "--model", "contacts", "--json"}), 2, start);
        SLUICE_VERIFY_ERROR_START(runSluicectl({"check", project, "--model", "contacts", "--json"}), 2, start);
        QCOMPARE(folderState(dir.path()), before);
    }

    void csvWithBomAndChineseNames()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("crm.csv"), "\xef\xbb\xbf"
                                           "id,name,city\n"
                                           "1,张伟,北京\n"
                                           "2,王芳,上海\n"
                                           "3,\"李, 娜\",深圳\n");
        writeFile(dir.filePath("csv.json"), csvProjectJson("crm.csv"));
        const QString project = dir.filePath("csv.sluice");
        SLUICE_VERIFY_OK(runSluicectl({"import", dir.filePath("csv.json"), project}));
        const CliResult r = runSluicectl({"preview", project, "--model", "contacts", "--json"});
        SLUICE_VERIFY_OK(r);
        SLUICE_PARSE_JSON(doc, r.out);
        // The BOM is not part of the first column's name.
        QCOMPARE(names(doc["columns"].toArray()), (QStringList{"id", "name", "city"}));
        QCOMPARE(doc["columns"].toArray()[0].toObject()["type"].toString(), QString("integer"));
        const QJsonArray rows{QJsonArray{1, QString::fromUtf8("张伟"), QString::fromUtf8("北京")},
                              QJsonArray{2, QString::fromUtf8("王芳"), QString::fromUtf8("上海")},
                              QJsonArray{3, QString::fromUtf8("李, 娜"), QString::fromUtf8("深圳")}};
        QCOMPARE(doc["rows"].toArray(), rows);
        QCOMPARE(doc["rowCount"].toInteger(), 3);
        QCOMPARE(doc["more"].toBool(), false);

        const CliResult check = runSluicectl({"check", project, "--model", "contacts"});
        SLUICE_VERIFY_OK(check);
        QCOMPARE(check.out, QByteArray("contacts: primary key OK: 3 rows, every key present and unique\n"));
    }
};

QTEST_GUILESS_MAIN(TstCliCheck)
#include "tst_cli_check.moc"

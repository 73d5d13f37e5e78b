// sluicectl end to end, as a user or a script runs it: exact exit statuses,
// exact output, one "error: " line for every failure, and proof (SHA-256 of
// every file in the folder) that bad input never modifies or leaves anything.
//
// This part: usage, init, list and preview.

#include "clitesting.h"
#include "project/migrations.h"

#include <QSet>

class TstCliUsage : public CliTestCase {
    Q_OBJECT

private slots:
    void initTestCase() { initDemo(); }

    // --- usage -------------------------------------------------------------

    void version()
    {
        const CliResult r = runSluicectl({"--version"});
        SLUICE_VERIFY_OK(r);
        QCOMPARE(r.out, QByteArray("sluicectl 0.1.0\n"));
    }

    void help()
    {
        const CliResult r = runSluicectl({"--help"});
        SLUICE_VERIFY_OK(r);
        QVERIFY(r.out.startsWith("sluicectl 0.1.0 - run Sluice projects headless\n"));
        const QStringList usages = {
            "sluicectl --version",
            "sluicectl --help",
            "sluicectl init PROJECT [--demo [--rows N]]",
            "sluicectl list PROJECT [--json]",
            "sluicectl preview PROJECT --model NAME [--limit N] [--json]",
            "sluicectl preview PROJECT --sync NAME [--limit N] [--json]",
            "sluicectl run PROJECT --sync NAME [--dry-run] [--full-resync] [--retry-rejected] [--allow-mass-delete] "
            "[--trust] [--json]",
            "sluicectl reset-baseline PROJECT --sync NAME [--json]",
            "sluicectl runs PROJECT [--sync NAME] [--limit N] [--json]",
            "sluicectl log PROJECT --run ID [--level LEVEL] [--http] [--json]",
            "sluicectl check PROJECT --model NAME [--json]",
            "sluicectl audience size|preview|sql PROJECT --audience NAME [--limit N] [--dialect D] [--json]",
            "sluicectl test PROJECT --source NAME",
            "sluicectl schema PROJECT --source NAME [--json]",
            "sluicectl export PROJECT FILE",
            "sluicectl import FILE PROJECT [--force] [--trust]",
            "sluicectl trust PROJECT [--yes | --revoke]",
            "sluicectl bench-audience [--customers N] [--repeat K] [--out DIR] [--json]",
        };
        for (const QString &u : usages)
            QVERIFY2(r.out.contains(("\n  " + u).toUtf8()), qPrintable(u));
        QVERIFY(r.out.contains("Exit status: 0 success; 1 the operation ran and failed; "
                               "2 bad usage or invalid input.\n"));
    }

    void badUsage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("line");
        const QString demo = m_demo;
        QTest::newRow("no command") << QStringList{} << "error: no command given (try: sluicectl --help)";
        QTest::newRow("unknown command") << QStringList{"frob", demo}
                                         << "error: unknown command 'frob' (try: sluicectl --help)";
        QTest::newRow("unknown option") << QStringList{"list", demo, "--bogus"}
                                        << "error: unknown option '--bogus' for 'list'";
        QTest::newRow("flag given a value")
            << QStringList{"list", demo, "--json=yes"} << "error: unknown option '--json' for 'list'";
        QTest::newRow("missing --model")
            << QStringList{"preview", demo}
            << "error: missing --model or --sync (usage: sluicectl preview PROJECT --model NAME [--limit N] "
               "[--json])";
        QTest::newRow("--model without value")
            << QStringList{"preview", demo, "--model"} << "error: --model needs a value";
        QTest::newRow("--limit abc") << QStringList{"preview", demo, "--model", "user_360", "--limit", "abc"}
                                     << "error: --limit needs a whole number from 0 to 1000000, not 'abc'";
        QTest::newRow("--limit -1") << QStringList{"preview", demo, "--model", "user_360", "--limit=-1"}
                                    << "error: --limit needs a whole number from 0 to 1000000, not '-1'";
        QTest::newRow("missing PROJECT") << QStringList{"list"}
                                         << "error: missing PROJECT (usage: sluicectl list PROJECT [--json])";
        QTest::newRow("extra argument") << QStringList{"list", demo, "more"}
                                        << "error: unexpected argument 'more' (usage: sluicectl list PROJECT [--json])";
        QTest::newRow("--rows without --demo") << QStringList{"init", m_demoDir.filePath("never.sluice"), "--rows", "5"}
                                               << "error: --rows goes with --demo";
        QTest::newRow("import missing PROJECT")
            << QStringList{"import", m_demoDir.filePath("x.json")}
            << "error: missing PROJECT (usage: sluicectl import FILE PROJECT [--force] [--trust])";
    }

    void badUsage()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, line);
        const QStringList before = folderState(m_demoDir.path());
        const CliResult r = runSluicectl(args);
        SLUICE_VERIFY_ERROR(r, 2, line);
        QCOMPARE(folderState(m_demoDir.path()), before);
    }

    // The contract promises one stderr line; user text must not break it.
    void errorStaysOneLineWithNewlinesInInput()
    {
        const QStringList before = folderState(m_demoDir.path());
        SLUICE_VERIFY_ERROR_START(runSluicectl({"fr\nob"}), 2, "error: unknown command");
        SLUICE_VERIFY_ERROR_START(runSluicectl({"preview", m_demo, "--model", "x\ny"}), 2,
                                  "error: " + m_demo + ": no model named");
        QCOMPARE(folderState(m_demoDir.path()), before);
    }

    // --- init --------------------------------------------------------------

    void initDemoCreatesProjectAndWarehouse()
    {
        QVERIFY(QFileInfo(m_demo).isFile());
        QVERIFY(QFileInfo(m_warehouse).isFile());
        // The project is closed cleanly: its WAL was checkpointed away.
        QVERIFY(!QFileInfo::exists(m_demo + "-wal"));
        QVERIFY(readFile(m_demo).startsWith(QByteArray("SQLite format 3\0", 16)));
    }

    void initTwiceChangesNothing()
    {
        const QStringList before = folderState(m_demoDir.path());
        const QByteArray projectSha = fileSha256(m_demo);
        const QByteArray warehouseSha = fileSha256(m_warehouse);
        SLUICE_VERIFY_ERROR(runSluicectl({"init", m_demo, "--demo"}), 2,
                            "error: " + m_demo + ": the file already exists");
        SLUICE_VERIFY_ERROR(runSluicectl({"init", m_demo}), 2, "error: " + m_demo + ": the file already exists");
        QCOMPARE(fileSha256(m_demo), projectSha);
        QCOMPARE(fileSha256(m_warehouse), warehouseSha);
        QCOMPARE(folderState(m_demoDir.path()), before);
    }

    void initEmptyProject()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("empty.sluice");
        const CliResult r = runSluicectl({"init", path});
        SLUICE_VERIFY_OK(r);
        QCOMPARE(QString::fromUtf8(r.out), "Created empty project " + path + "\n");
        const CliResult list = runSluicectl({"list", path, "--json"});
        SLUICE_VERIFY_OK(list);
        SLUICE_PARSE_JSON(doc, list.out);
        QCOMPARE(doc["name"].toString(), QString("empty"));
        QCOMPARE(doc["models"].toArray().size(), 0);
        QCOMPARE(folderState(dir.path()), QStringList{"empty.sluice " + fileSha256(path)});
    }

    void initRowsAndDeterminism()
    {
        QTemporaryDir one, two;
        const QString a = one.filePath("a.sluice");
        const QString b = two.filePath("b.sluice");
        for (const QString &path : {a, b}) {
            const CliResult r = runSluicectl({"init", path, "--demo", "--rows", "500"});
            SLUICE_VERIFY_OK(r);
            QVERIFY(r.out.contains(" with 500 users in "));
        }
        const CliResult check = runSluicectl({"check", a, "--model", "user_360", "--json"});
        SLUICE_VERIFY_OK(check);
        SLUICE_PARSE_JSON(checkDoc, check.out);
        QCOMPARE(checkDoc["rows"].toInteger(), 500);
        QCOMPARE(checkDoc["ok"].toBool(), true);

        // Same seed, same frozen clock: the same rows wherever the project lives.
        const CliResult pa = runSluicectl({"preview", a, "--model", "user_360", "--json", "--limit", "50"});
        const CliResult pb = runSluicectl({"preview", b, "--model", "user_360", "--json", "--limit", "50"});
        SLUICE_VERIFY_OK(pa);
        SLUICE_VERIFY_OK(pb);
        SLUICE_PARSE_JSON(docA, pa.out);
        SLUICE_PARSE_JSON(docB, pb.out);
        QCOMPARE(docA["rows"].toArray().size(), 50);
        QCOMPARE(docA["rows"].toArray(), docB["rows"].toArray());
        QCOMPARE(docA["columns"].toArray(), docB["columns"].toArray());
    }

    // --- list --------------------------------------------------------------

    void listText()
    {
        const CliResult r = runSluicectl({"list", m_demo});
        SLUICE_VERIFY_OK(r);
        const QString expected
            = QString("Project: Sluice demo (%1, schema %2)\n"
                      "\n"
                      "Sources (1)\n"
                      "NAME       KIND    WHERE\n"
                      "---------  ------  ---------------------\n"
                      "warehouse  sqlite  demo.warehouse.sqlite\n"
                      "\n"
                      "Models (3)\n"
                      "NAME              SOURCE     PRIMARY KEY   DESCRIPTION\n"
                      "----------------  ---------  ------------  "
                      "-----------------------------------------------------------\n"
                      "hubspot_contacts  warehouse  email         Contacts for HubSpot with engagement_level.\n"
                      "salesforce_leads  warehouse  Sluice_Id__c  Marketing-qualified leads created since yesterday.\n"
                      "user_360          warehouse  user_id       Every user with profile, behaviour, spending and "
                      "user_tier.\n"
                      "\n"
                      "Destinations (3)\n"
                      "NAME           KIND\n"
                      "-------------  ------------\n"
                      "contacts_file  jsonl\n"
                      "crm_table      sqlite_table\n"
                      "user_360_file  jsonl\n"
                      "\n"
                      "Syncs (3)\n"
                      "NAME                   MODEL             DESTINATION    MODE\n"
                      "---------------------  ----------------  -------------  ------\n"
                      "contacts_to_crm_table  hubspot_contacts  crm_table      upsert\n"
                      "contacts_to_file       hubspot_contacts  contacts_file  upsert\n"
                      "user_360_to_file       user_360          user_360_file  mirror\n")
                  .arg(m_demo)
                  .arg(sluice::currentProjectSchemaVersion());
        QCOMPARE(QString::fromUtf8(r.out), expected);
    }

    void listJson()
    {
        const QByteArray before = fileSha256(m_demo);
        const CliResult r = runSluicectl({"list", m_demo, "--json"});
        SLUICE_VERIFY_OK(r);
        SLUICE_PARSE_JSON(doc, r.out);
        for (const char *key : {"sources", "models", "destinations", "syncs"})
            QVERIFY2(doc[key].isArray(), key);
        QCOMPARE(doc["schemaVersion"].toInteger(), sluice::currentProjectSchemaVersion());
        QCOMPARE(doc["name"].toString(), QString("Sluice demo"));
        QCOMPARE(doc["path"].toString(), m_demo);
        QVERIFY(!doc.contains("formatVersion"));
        QCOMPARE(names(doc["models"].toArray()), kDemoModels);
        QCOMPARE(names(doc["sources"].toArray()), QStringList{"warehouse"});
        const QJsonObject source = doc["sources"].toArray()[0].toObject();
        QCOMPARE(source["kind"].toString(), QString("sqlite"));
        QCOMPARE(source["settings"].toObject()["path"].toString(), QString("demo.warehouse.sqlite"));
        // Reading is not writing.
        QCOMPARE(fileSha256(m_demo), before);
    }

    // --- preview -----------------------------------------------------------

    void previewJson()
    {
        const CliResult r = runSluicectl({"preview", m_demo, "--model", "user_360", "--json", "--limit", "25"});
        SLUICE_VERIFY_OK(r);
        SLUICE_PARSE_JSON(doc, r.out);
        const QStringList expectedColumns
            = {"user_id",         "email",          "first_name",  "last_name",         "phone",
               "country",         "city",           "status",      "subscription_plan", "ltv_predicted",
               "last_login_date", "total_sessions", "total_spend", "last_order_date",   "user_tier"};
        QCOMPARE(names(doc["columns"].toArray()), expectedColumns);
        QCOMPARE(doc["model"].toString(), QString("user_360"));
        QCOMPARE(stringList(doc["primaryKey"].toArray()), QStringList{"user_id"});
        QCOMPARE(doc["rowCount"].toInteger(), 25);
        QCOMPARE(doc["more"].toBool(), true);
        QVERIFY(doc["keyProblem"].isNull());
        const QJsonArray rows = doc["rows"].toArray();
        QCOMPARE(rows.size(), 25);
        const QSet<QString> tiers = {"VIP", "Premium", "Standard"};
        for (const QJsonValue &row : rows) {
            QCOMPARE(row.toArray().size(), expectedColumns.size());
            QVERIFY2(tiers.contains(row.toArray().last().toString()), qPrintable(row.toArray().last().toString()));
        }
        QCOMPARE(rows[0].toArray()[0].toInteger(), 1);
    }

    void previewTextCountsRows()
    {
        const CliResult r = runSluicectl({"preview", m_demo, "--model", "user_360", "--limit", "3"});
        SLUICE_VERIFY_OK(r);
        const QList<QByteArray> lines = r.out.split('\n');
        QCOMPARE(lines.size(), 2 + 3 + 1 + 1); // header, rule, rows, summary, final newline
        QVERIFY(lines[0].startsWith("user_id  email"));
        QVERIFY(lines[0].endsWith("user_tier"));
        QVERIFY(lines[1].startsWith("-------  "));
        QVERIFY(lines[5].startsWith("3 rows (more available) in "));
        QVERIFY(lines[5].endsWith(" ms"));
    }

    void previewUnknownModel()
    {
        const QStringList before = folderState(m_demoDir.path());
        const QString line
            = "error: " + m_demo + ": no model named 'nope' (models: hubspot_contacts, salesforce_leads, user_360)";
        SLUICE_VERIFY_ERROR(runSluicectl({"preview", m_demo, "--model", "nope"}), 2, line);
        SLUICE_VERIFY_ERROR(runSluicectl({"preview", m_demo, "--model", "nope", "--json"}), 2, line);
        SLUICE_VERIFY_ERROR(runSluicectl({"check", m_demo, "--model", "nope", "--json"}), 2, line);
        QCOMPARE(folderState(m_demoDir.path()), before);
    }
};

QTEST_GUILESS_MAIN(TstCliUsage)
#include "tst_cli_usage.moc"

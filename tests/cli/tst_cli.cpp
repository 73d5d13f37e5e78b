// sluicectl end to end, as a user or a script runs it: exact exit statuses,
// exact output, one "error: " line for every failure, and proof (SHA-256 of
// every file in the folder) that bad input never modifies or leaves anything.

#include "project/migrations.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace sluice::test;

namespace {

// Empty when `r` is the failure the CLI contract promises: exit status
// `exitCode`, exactly one stderr line that starts with `start` (the whole line
// when `exact`) and contains every needle, and nothing on stdout unless
// `allowStdout` (preview --json still prints its document with a key problem).
QString errorProblem(const CliResult &r, int exitCode, const QString &start, bool exact,
                     const QStringList &needles = {}, bool allowStdout = false)
{
    const QString err = QString::fromUtf8(r.err);
    const QString context = QString("\n  exit %1\n  stderr: %2\n  stdout: %3")
                                .arg(r.exitCode)
                                .arg(err, QString::fromUtf8(r.out.left(400)));
    if (r.exitCode != exitCode)
        return QString("expected exit %1").arg(exitCode) + context;
    if (!err.endsWith('\n') || err.count('\n') != 1)
        return "expected exactly one line on stderr" + context;
    if (!err.startsWith("error: "))
        return "expected stderr to start with 'error: '" + context;
    const QString line = err.chopped(1);
    if (exact ? line != start : !line.startsWith(start))
        return QString("expected the line %1 '%2'").arg(exact ? "to be" : "to start with", start)
               + context;
    for (const QString &n : needles)
        if (!line.contains(n))
            return QString("expected the line to contain '%1'").arg(n) + context;
    if (!allowStdout && !r.out.isEmpty())
        return "expected nothing on stdout" + context;
    return {};
}

} // namespace

// The exact one-line failure.
#define SLUICE_VERIFY_ERROR(r, code, line)                          \
    do {                                                            \
        const QString problem_ = errorProblem(r, code, line, true); \
        QVERIFY2(problem_.isEmpty(), qPrintable(problem_));         \
    } while (false)

// A one-line failure whose start is exact and whose tail (library wording,
// such as valijson's) is only required to name the needles.
#define SLUICE_VERIFY_ERROR_START(r, code, start, ...)                                          \
    do {                                                                                        \
        const QString problem_ = errorProblem(r, code, start, false, QStringList{__VA_ARGS__}); \
        QVERIFY2(problem_.isEmpty(), qPrintable(problem_));                                     \
    } while (false)

// Success: exit 0 and a quiet stderr. `r` is evaluated once (it may be the run itself).
#define SLUICE_VERIFY_OK(r)                                         \
    do {                                                            \
        const CliResult ok_ = (r);                                  \
        QVERIFY2(ok_.exitCode == 0 && ok_.err.isEmpty(),            \
                 qPrintable(QString("exit %1, stderr: %2")          \
                                .arg(ok_.exitCode)                  \
                                .arg(QString::fromUtf8(ok_.err)))); \
    } while (false)

namespace {

// Every entry of a folder with its SHA-256: equal before and after a command
// means nothing was modified, and no -wal, -shm, *.importing or *.tmp-* was
// left behind.
QStringList folderState(const QString &dir)
{
    QStringList state;
    const QFileInfoList entries = QDir(dir).entryInfoList(
        QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDir::Name);
    for (const QFileInfo &fi : entries)
        state << (fi.isDir() ? fi.fileName() + "/"
                             : fi.fileName() + " " + fileSha256(fi.filePath()));
    return state;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The whole of `bytes` as one JSON object; `error` says why not.
QJsonObject jsonObject(const QByteArray &bytes, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
    if (pe.error != QJsonParseError::NoError)
        *error = "not one JSON document: " + pe.errorString() + " at " + QString::number(pe.offset);
    else if (!doc.isObject())
        *error = "not a JSON object";
    return doc.object();
}

#define SLUICE_PARSE_JSON(var, bytes)                       \
    QString var##Error;                                     \
    const QJsonObject var = jsonObject(bytes, &var##Error); \
    QVERIFY2(var##Error.isEmpty(), qPrintable(var##Error + "\n" + QString::fromUtf8(bytes)))

QByteArray jsonText(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

QJsonObject appended(QJsonObject project, const QString &section, const QJsonObject &item)
{
    QJsonArray items = project[section].toArray();
    items.append(item);
    project[section] = items;
    return project;
}

QJsonObject prepended(QJsonObject project, const QString &section, const QJsonObject &item)
{
    QJsonArray items = project[section].toArray();
    items.prepend(item);
    project[section] = items;
    return project;
}

QJsonObject model(const QString &name, const QString &source, const QString &sql,
                  const QStringList &key)
{
    QJsonObject m{
        {"name", name}, {"source", source}, {"primaryKey", QJsonArray::fromStringList(key)}};
    if (!sql.isEmpty())
        m["sql"] = sql;
    return m;
}

QJsonObject postgresSource(const QString &name, const QString &password)
{
    return QJsonObject{{"name", name},
                       {"kind", "postgres"},
                       {"settings", QJsonObject{{"host", "db.example.com"},
                                                {"database", "warehouse"},
                                                {"user", "sluice"},
                                                {"password", password}}}};
}

// A project with one CSV source "crm" (`csvFile`, relative to the project)
// and one model "contacts" keyed by id.
QByteArray csvProjectJson(const QString &csvFile)
{
    const QJsonObject p{
        {"formatVersion", 1},
        {"name", "CSV"},
        {"sources",
         QJsonArray{QJsonObject{
             {"name", "crm"}, {"kind", "csv"}, {"settings", QJsonObject{{"path", csvFile}}}}}},
        {"models", QJsonArray{model("contacts", "crm", {}, {"id"})}},
        {"destinations", QJsonArray{}},
        {"syncs", QJsonArray{}}};
    return jsonText(p);
}

// Runs SQL on a file through the SQLite C API, outside sluicectl; returns
// SQLite's complaint, empty on success.
QString execSql(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    QString problem;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK) {
        problem = sqlite3_errmsg(db);
    } else {
        char *err = nullptr;
        if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK)
            problem = err ? err : "sqlite3_exec failed";
        sqlite3_free(err);
    }
    sqlite3_close(db);
    return problem;
}

QStringList stringList(const QJsonArray &a)
{
    QStringList out;
    for (const QJsonValue &v : a)
        out << v.toString();
    return out;
}

QStringList names(const QJsonArray &items)
{
    QStringList out;
    for (const QJsonValue &v : items)
        out << v.toObject()["name"].toString();
    return out;
}

const QStringList kDemoModels = {"hubspot_contacts", "salesforce_leads", "user_360"};

} // namespace

class TstCli : public QObject {
    Q_OBJECT

private:
    // One default demo project (10000 users) shared by the tests that only
    // read it; projects that need the demo warehouse are imported next to it.
    QTemporaryDir m_demoDir;
    QString m_demo;
    QString m_warehouse;
    QByteArray m_exportText;

    QJsonObject demoExport() const { return QJsonDocument::fromJson(m_exportText).object(); }

    // Writes `project` into the demo folder (so its relative warehouse path
    // holds) and imports it as `projectName`; empty when the import failed.
    QString importNextToDemo(const QString &projectName, const QJsonObject &project)
    {
        const QString file = m_demoDir.filePath(projectName + ".json");
        const QString path = m_demoDir.filePath(projectName);
        writeFile(file, jsonText(project));
        // Our own test files: trusted, as their author would trust them.
        const CliResult r = runSluicectl({"import", file, path, "--trust"});
        if (r.exitCode != 0 || !QFileInfo::exists(path)) {
            qWarning("import of %s failed: %s", qPrintable(file), r.err.constData());
            return {};
        }
        return path;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(qEnvironmentVariable("SLUICECTL")).isExecutable(),
                 "$SLUICECTL must name the built sluicectl (run through ctest)");
        QVERIFY(m_demoDir.isValid());
        m_demo = m_demoDir.filePath("demo.sluice");
        m_warehouse = m_demoDir.filePath("demo.warehouse.sqlite");
        const CliResult r = runSluicectl({"init", m_demo, "--demo"});
        SLUICE_VERIFY_OK(r);
        QCOMPARE(
            QString::fromUtf8(r.out),
            QString("Created demo project %1 with 10000 users in %2\n").arg(m_demo, m_warehouse));
        const CliResult e = runSluicectl({"export", m_demo, "-"});
        SLUICE_VERIFY_OK(e);
        m_exportText = e.out;
    }

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
            "sluicectl run PROJECT --sync NAME [--dry-run] [--full-resync] [--retry-rejected] [--allow-mass-delete] [--trust] [--json]",
            "sluicectl reset-baseline PROJECT --sync NAME [--json]",
            "sluicectl runs PROJECT [--sync NAME] [--limit N] [--json]",
            "sluicectl log PROJECT --run ID [--level LEVEL] [--http] [--json]",
            "sluicectl check PROJECT --model NAME [--json]",
            "sluicectl test PROJECT --source NAME",
            "sluicectl schema PROJECT --source NAME [--json]",
            "sluicectl export PROJECT FILE",
            "sluicectl import FILE PROJECT [--force] [--trust]",
            "sluicectl trust PROJECT [--yes | --revoke]",
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
        QTest::newRow("no command")
            << QStringList{} << "error: no command given (try: sluicectl --help)";
        QTest::newRow("unknown command")
            << QStringList{"frob", demo} << "error: unknown command 'frob' (try: sluicectl --help)";
        QTest::newRow("unknown option")
            << QStringList{"list", demo, "--bogus"} << "error: unknown option '--bogus' for 'list'";
        QTest::newRow("flag given a value") << QStringList{"list", demo, "--json=yes"}
                                            << "error: unknown option '--json' for 'list'";
        QTest::newRow("missing --model")
            << QStringList{"preview", demo}
            << "error: missing --model or --sync (usage: sluicectl preview PROJECT --model NAME [--limit N] "
               "[--json])";
        QTest::newRow("--model without value")
            << QStringList{"preview", demo, "--model"} << "error: --model needs a value";
        QTest::newRow("--limit abc")
            << QStringList{"preview", demo, "--model", "user_360", "--limit", "abc"}
            << "error: --limit needs a whole number from 0 to 1000000, not 'abc'";
        QTest::newRow("--limit -1")
            << QStringList{"preview", demo, "--model", "user_360", "--limit=-1"}
            << "error: --limit needs a whole number from 0 to 1000000, not '-1'";
        QTest::newRow("missing PROJECT")
            << QStringList{"list"}
            << "error: missing PROJECT (usage: sluicectl list PROJECT [--json])";
        QTest::newRow("extra argument")
            << QStringList{"list", demo, "more"}
            << "error: unexpected argument 'more' (usage: sluicectl list PROJECT [--json])";
        QTest::newRow("--rows without --demo")
            << QStringList{"init", m_demoDir.filePath("never.sluice"), "--rows", "5"}
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
        SLUICE_VERIFY_ERROR(runSluicectl({"init", m_demo}), 2,
                            "error: " + m_demo + ": the file already exists");
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
        const CliResult pa =
            runSluicectl({"preview", a, "--model", "user_360", "--json", "--limit", "50"});
        const CliResult pb =
            runSluicectl({"preview", b, "--model", "user_360", "--json", "--limit", "50"});
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
        const QString expected =
            QString(
                "Project: Sluice demo (%1, schema %2)\n"
                "\n"
                "Sources (1)\n"
                "NAME       KIND    WHERE\n"
                "---------  ------  ---------------------\n"
                "warehouse  sqlite  demo.warehouse.sqlite\n"
                "\n"
                "Models (3)\n"
                "NAME              SOURCE     PRIMARY KEY   DESCRIPTION\n"
                "----------------  ---------  ------------  -----------------------------------------------------------\n"
                "hubspot_contacts  warehouse  email         Contacts for HubSpot with engagement_level.\n"
                "salesforce_leads  warehouse  Sluice_Id__c  Marketing-qualified leads created since yesterday.\n"
                "user_360          warehouse  user_id       Every user with profile, behaviour, spending and user_tier.\n"
                "\n"
                "Destinations (2)\n"
                "NAME           KIND\n"
                "-------------  ------------\n"
                "crm_table      sqlite_table\n"
                "user_360_file  jsonl\n"
                "\n"
                "Syncs (2)\n"
                "NAME                   MODEL             DESTINATION    MODE\n"
                "---------------------  ----------------  -------------  ------\n"
                "contacts_to_crm_table  hubspot_contacts  crm_table      upsert\n"
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
        QCOMPARE(source["settings"].toObject()["path"].toString(),
                 QString("demo.warehouse.sqlite"));
        // Reading is not writing.
        QCOMPARE(fileSha256(m_demo), before);
    }

    // --- preview -----------------------------------------------------------

    void previewJson()
    {
        const CliResult r =
            runSluicectl({"preview", m_demo, "--model", "user_360", "--json", "--limit", "25"});
        SLUICE_VERIFY_OK(r);
        SLUICE_PARSE_JSON(doc, r.out);
        const QStringList expectedColumns = {
            "user_id",       "email",           "first_name",
            "last_name",     "phone",           "country",
            "city",          "status",          "subscription_plan",
            "ltv_predicted", "last_login_date", "total_sessions",
            "total_spend",   "last_order_date", "user_tier"};
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
            QVERIFY2(tiers.contains(row.toArray().last().toString()),
                     qPrintable(row.toArray().last().toString()));
        }
        QCOMPARE(rows[0].toArray()[0].toInteger(), 1);
    }

    void previewTextCountsRows()
    {
        const CliResult r =
            runSluicectl({"preview", m_demo, "--model", "user_360", "--limit", "3"});
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
        const QString line =
            "error: " + m_demo
            + ": no model named 'nope' (models: hubspot_contacts, salesforce_leads, user_360)";
        SLUICE_VERIFY_ERROR(runSluicectl({"preview", m_demo, "--model", "nope"}), 2, line);
        SLUICE_VERIFY_ERROR(runSluicectl({"preview", m_demo, "--model", "nope", "--json"}), 2,
                            line);
        SLUICE_VERIFY_ERROR(runSluicectl({"check", m_demo, "--model", "nope", "--json"}), 2, line);
        QCOMPARE(folderState(m_demoDir.path()), before);
    }

    // --- check -------------------------------------------------------------

    void checkDemoKeyIsClean()
    {
        const CliResult r =
            runSluicectl({"check", m_demo, "--model", "hubspot_contacts", "--json"});
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
        QCOMPARE(
            text.out,
            QByteArray(
                "hubspot_contacts: primary key OK: 10000 rows, every key present and unique\n"));
    }

    void checkFindsDuplicateAndNullKeys()
    {
        QJsonObject project = demoExport();
        project = appended(
            project, "models",
            model("dup_keys", "warehouse", "SELECT user_id % 7 AS k, email FROM users", {"k"}));
        project =
            appended(project, "models",
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
        QCOMPARE(dupText.out,
                 QByteArray("dup_keys: primary key problems in 10000 rows: 7 keys appear more than "
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
            "nullrows.sluice",
            appended(demoExport(), "models",
                     model("null_keys", "warehouse",
                           "SELECT CASE WHEN user_id % 100 = 0 THEN NULL ELSE user_id END AS k "
                           "FROM users ORDER BY user_id",
                           {"k"})));
        QVERIFY(!path.isEmpty());
        const CliResult preview =
            runSluicectl({"preview", path, "--model", "null_keys", "--json", "--limit", "100"});
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
            "nokey.sluice",
            appended(demoExport(), "models",
                     model("bad_key", "warehouse", "SELECT user_id, email FROM users", {"id"})));
        QVERIFY(!path.isEmpty());
        const QStringList before = folderState(m_demoDir.path());
        const QString line =
            "error: model 'bad_key': primary key column 'id' is not in the model's "
            "result (columns: user_id, email)";
        SLUICE_VERIFY_ERROR(runSluicectl({"check", path, "--model", "bad_key"}), 2, line);
        SLUICE_VERIFY_ERROR(runSluicectl({"check", path, "--model", "bad_key", "--json"}), 2, line);
        // Text preview shows the rows, then says what is wrong with the key.
        const CliResult text =
            runSluicectl({"preview", path, "--model", "bad_key", "--limit", "1"});
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
            "nokeyjson.sluice",
            appended(demoExport(), "models",
                     model("bad_key", "warehouse", "SELECT user_id, email FROM users", {"id"})));
        QVERIFY(!path.isEmpty());
        const CliResult r =
            runSluicectl({"preview", path, "--model", "bad_key", "--limit", "1", "--json"});
        SLUICE_PARSE_JSON(doc, r.out);
        QCOMPARE(
            doc["keyProblem"].toString(),
            QString(
                "primary key column 'id' is not in the model's result (columns: user_id, email)"));
        const QString problem = errorProblem(
            r, 2,
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
        QCOMPARE(QString::fromUtf8(r.out),
                 QString("OK: SQLite %1, 6 tables and views in %2\n")
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
        QCOMPARE(names(tables), (QStringList{"behaviours", "demo_clock", "orders", "profiles",
                                             "user_spending", "users"}));
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
                 (QStringList{"user_id", "email", "first_name", "last_name", "phone", "country",
                              "city", "company", "status", "lifecycle_stage", "lead_source",
                              "lead_score", "created_at"}));
        QCOMPARE(names(tables[1].toObject()["columns"].toArray()), QStringList{"today"});

        const CliResult text = runSluicectl({"schema", m_demo, "--source", "warehouse"});
        SLUICE_VERIFY_OK(text);
        QVERIFY(text.out.startsWith("table behaviours\n  user_id  INTEGER\n"));
        QVERIFY(text.out.contains("\nview demo_clock\n"));
    }

    void missingSqliteFile()
    {
        QTemporaryDir dir;
        const QJsonObject p{
            {"formatVersion", 1},
            {"name", "M"},
            {"sources",
             QJsonArray{QJsonObject{{"name", "wh"},
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
                            "error: source 'wh': " + missing
                                + ": the database file does not exist");
        SLUICE_VERIFY_ERROR(runSluicectl({"schema", project, "--source", "wh", "--json"}), 2,
                            "error: source 'wh': " + missing
                                + ": the database file does not exist");
        SLUICE_VERIFY_ERROR(runSluicectl({"preview", project, "--model", "m"}), 2,
                            "error: model 'm': " + missing + ": the database file does not exist");
        // Reading never creates the database it reads.
        QCOMPARE(folderState(dir.path()), before);
    }

    void brokenModelSql()
    {
        const QString path = importNextToDemo(
            "broken.sluice",
            appended(demoExport(), "models", model("broken", "warehouse", "SELEC 1", {"id"})));
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

    // --- export and import -------------------------------------------------

    void exportImportRoundTrip()
    {
        QTemporaryDir dir;
        const QString first = dir.filePath("first.json");
        const QString copy = dir.filePath("copy.sluice");
        const QString second = dir.filePath("second.json");
        const CliResult e1 = runSluicectl({"export", m_demo, first});
        SLUICE_VERIFY_OK(e1);
        QCOMPARE(QString::fromUtf8(e1.out),
                 "Exported 1 sources, 3 models, 2 destinations and 2 syncs to " + first + "\n");
        const CliResult i = runSluicectl({"import", first, copy});
        SLUICE_VERIFY_OK(i);
        // Imported from a file: not trusted until reviewed (issue 19).
        QCOMPARE(QString::fromUtf8(i.out),
                 "Imported 1 sources, 3 models, 2 destinations and 2 syncs into " + copy
                     + "\nNot trusted on this machine yet: review what it sends where with `sluicectl trust " + copy
                     + "` before its syncs can run.\n");
        SLUICE_VERIFY_OK(runSluicectl({"export", copy, second}));
        QCOMPARE(readFile(second), readFile(first));
        QCOMPARE(readFile(first), m_exportText);

        // "-" is standard output, byte for byte, and nothing else there.
        const CliResult toStdout = runSluicectl({"export", copy, "-"});
        SLUICE_VERIFY_OK(toStdout);
        QCOMPARE(toStdout.out, readFile(first));

        SLUICE_PARSE_JSON(doc, readFile(first));
        QCOMPARE(doc["formatVersion"].toInteger(), 1);
        QCOMPARE(names(doc["models"].toArray()), kDemoModels);
        QCOMPARE(folderState(dir.path()).size(), 3); // no temporaries left
    }

    void exportOntoDirectoryLeavesNoTemporary()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath("taken");
        QVERIFY(QDir(dir.path()).mkdir("taken"));
        const QStringList before = folderState(dir.path());
        SLUICE_VERIFY_ERROR_START(runSluicectl({"export", m_demo, target}), 1,
                                  "error: " + target + ": ");
        QCOMPARE(folderState(dir.path()), before);
    }

    void exportKeepsSecretReferences()
    {
        const QString path = importNextToDemo(
            "secretref.sluice",
            prepended(demoExport(), "sources", postgresSource("pg", "${env:PGPASSWORD}")));
        QVERIFY(!path.isEmpty());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("PGPASSWORD", "s3cret-from-env");
        const CliResult r = runSluicectl({"export", path, "-"}, env);
        SLUICE_VERIFY_OK(r);
        QVERIFY(!r.out.contains("s3cret-from-env"));
        SLUICE_PARSE_JSON(doc, r.out);
        const QJsonObject pg = doc["sources"].toArray()[0].toObject();
        QCOMPARE(pg["name"].toString(), QString("pg"));
        QCOMPARE(pg["settings"].toObject()["password"].toString(), QString("${env:PGPASSWORD}"));
        QCOMPARE(r.out.count("${env:PGPASSWORD}"), 1);

        const CliResult list = runSluicectl({"list", path, "--json"}, env);
        SLUICE_VERIFY_OK(list);
        QVERIFY(!list.out.contains("s3cret-from-env"));

        // Resolving the reference is the source's job, and it names what is missing.
        env.remove("PGPASSWORD");
        const QStringList before = folderState(m_demoDir.path());
        SLUICE_VERIFY_ERROR(
            runSluicectl({"test", path, "--source", "pg"}, env), 2,
            "error: source 'pg': settings.password: environment variable PGPASSWORD "
            "is not set");
        QCOMPARE(folderState(m_demoDir.path()), before);
    }

    void importRefusesPlainSecret_data()
    {
        QTest::addColumn<QString>("password");
        QTest::newRow("plain") << "hunter2";
        // A reference does not make the text around it any less secret.
        QTest::newRow("plain around a reference") << "hunter2${env:PGPASSWORD}";
        QTest::newRow("reference with a suffix") << "${env:PGPASSWORD}hunter2";
    }

    void importRefusesPlainSecret()
    {
        QFETCH(QString, password);
        QTemporaryDir dir;
        const QString file = dir.filePath("secret.json");
        const QString project = dir.filePath("p.sluice");
        writeFile(file,
                  jsonText(prepended(demoExport(), "sources", postgresSource("pg", password))));
        const QStringList before = folderState(dir.path());
        const CliResult r = runSluicectl({"import", file, project});
        SLUICE_VERIFY_ERROR(
            r, 2,
            "error: " + file
                + ": $.sources[0].settings.password: 'password' is a secret: give a "
                  "reference such as ${env:NAME}, never the secret itself");
        QVERIFY(!r.err.contains("hunter2"));
        QCOMPARE(folderState(dir.path()), before);
    }

    // A JSON path must lead to the offending element of the file the user
    // wrote, whatever order its items are in.
    void importErrorPathsFollowFileOrder_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("where");
        QTest::newRow("secret in the second source")
            << jsonText(appended(demoExport(), "sources", postgresSource("pg", "hunter2")))
            << "$.sources[1].settings.password: 'password' is a secret";
        const QJsonObject firstModel = demoExport()["models"].toArray()[0].toObject();
        QTest::newRow("first model repeated at the end")
            << jsonText(appended(demoExport(), "models", firstModel))
            << "$.models[3].name: the name 'hubspot_contacts' is already used by $.models[0]";
    }

    void importErrorPathsFollowFileOrder()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, where);
        QTemporaryDir dir;
        const QString file = dir.filePath("p.json");
        writeFile(file, json);
        const QStringList before = folderState(dir.path());
        SLUICE_VERIFY_ERROR_START(runSluicectl({"import", file, dir.filePath("p.sluice")}), 2,
                                  "error: " + file + ": " + where);
        QCOMPARE(folderState(dir.path()), before);
    }

    void importMalformedJson()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("broken.json");
        // The comma after "name" is missing; the parser notices at "sources".
        writeFile(file, "{\n"
                        "  \"formatVersion\": 1,\n"
                        "  \"name\": \"x\"\n"
                        "  \"sources\": [],\n"
                        "  \"models\": [],\n"
                        "  \"destinations\": [],\n"
                        "  \"syncs\": []\n"
                        "}\n");
        const QStringList before = folderState(dir.path());
        SLUICE_VERIFY_ERROR_START(runSluicectl({"import", file, dir.filePath("p.sluice")}), 2,
                                  "error: " + file
                                      + ": malformed JSON: parse error at line 4, column 11: ");
        QCOMPARE(folderState(dir.path()), before);
    }

    void importSchemaViolation_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("needle");
        const QJsonObject base = demoExport();

        QJsonObject p = base;
        p.remove("models");
        QTest::newRow("missing models") << jsonText(p) << "$"
                                        << "'models'";

        p = base;
        QJsonArray models = p["models"].toArray();
        QJsonObject m = models[0].toObject();
        m["primaryKey"] = "email";
        models[0] = m;
        p["models"] = models;
        QTest::newRow("primaryKey not an array") << jsonText(p) << "$.models[0].primaryKey"
                                                 << "type";

        p = base;
        p["colour"] = "blue";
        QTest::newRow("unknown top-level property") << jsonText(p) << "$"
                                                    << "'colour'";

        p = appended(base, "destinations",
                     QJsonObject{{"name", "out"},
                                 {"kind", "jsonl"},
                                 {"settings", QJsonObject{{"path", "o.jsonl"}}}});
        p = appended(p, "syncs",
                     QJsonObject{{"name", "s"},
                                 {"model", "user_360"},
                                 {"destination", "out"},
                                 {"mode", "sideways"}});
        // The demo has two syncs; the appended one is the third.
        QTest::newRow("sync mode sideways") << jsonText(p) << "$.syncs[2].mode"
                                            << "enum";

        p = base;
        models = p["models"].toArray();
        m = models[1].toObject();
        m["source"] = "nowhere";
        models[1] = m;
        p["models"] = models;
        QTest::newRow("model on an unknown source") << jsonText(p) << "$.models[1].source"
                                                    << "no source named 'nowhere'";

        p = appended(base, "models", base["models"].toArray()[2].toObject());
        QTest::newRow("duplicate model names")
            << jsonText(p) << "$.models[3].name"
            << "the name 'user_360' is already used by $.models[2]";

        p = base;
        p["formatVersion"] = 2;
        QTest::newRow("newer formatVersion")
            << jsonText(p) << "$.formatVersion"
            << "written by a newer Sluice (format version 2; this build reads up to 1)";

        QTest::newRow("not an object") << QByteArray("[1, 2]\n") << "$"
                                       << "type";
    }

    // Neither a new project nor an existing one (even with --force) is touched.
    void importSchemaViolation()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, where);
        QFETCH(QString, needle);
        QTemporaryDir dir;
        const QString file = dir.filePath("bad.json");
        const QString existing = dir.filePath("existing.sluice");
        writeFile(file, json);
        SLUICE_VERIFY_OK(runSluicectl({"init", existing}));
        const QStringList before = folderState(dir.path());
        const QString start = "error: " + file + ": " + where + ": ";
        SLUICE_VERIFY_ERROR_START(runSluicectl({"import", file, dir.filePath("new.sluice")}), 2,
                                  start, needle);
        QCOMPARE(folderState(dir.path()), before);
        SLUICE_VERIFY_ERROR_START(runSluicectl({"import", file, existing, "--force"}), 2, start,
                                  needle);
        QCOMPARE(folderState(dir.path()), before);
    }

    void importMissingOrDirectory()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath("missing.json");
        SLUICE_VERIFY_ERROR(runSluicectl({"import", missing, dir.filePath("p.sluice")}), 2,
                            "error: " + missing + ": no such file");
        SLUICE_VERIFY_ERROR(runSluicectl({"import", dir.path(), dir.filePath("p.sluice")}), 2,
                            "error: " + dir.path() + ": is a directory, not a file");
        const QString empty = dir.filePath("empty.json");
        writeFile(empty, {});
        SLUICE_VERIFY_ERROR_START(runSluicectl({"import", empty, dir.filePath("p.sluice")}), 2,
                                  "error: " + empty
                                      + ": malformed JSON: parse error at line 1, column 1: ");
        QCOMPARE(folderState(dir.path()), QStringList{"empty.json " + fileSha256(empty)});
    }

    void importOverExistingProject()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath("p.sluice");
        const QString file = dir.filePath("new.json");
        writeFile(dir.filePath("demo.json"), m_exportText);
        SLUICE_VERIFY_OK(runSluicectl({"import", dir.filePath("demo.json"), project}));

        QJsonObject next = demoExport();
        QJsonArray models;
        models.append(model("only_ids", "warehouse", "SELECT user_id FROM users", {"user_id"}));
        models.append(demoExport()["models"].toArray()[2]);
        next["models"] = models;
        // The demo's syncs use the models dropped here: drop them too.
        next["syncs"] = QJsonArray();
        next["destinations"] = QJsonArray();
        writeFile(file, jsonText(next));
        const QByteArray inputSha = fileSha256(file);

        const QStringList before = folderState(dir.path());
        SLUICE_VERIFY_ERROR(runSluicectl({"import", file, project}), 2,
                            "error: " + project
                                + ": the project already exists; add --force to replace its "
                                  "configuration (run history is kept)");
        QCOMPARE(folderState(dir.path()), before);

        const CliResult forced = runSluicectl({"import", file, project, "--force"});
        SLUICE_VERIFY_OK(forced);
        // The import changed what the project reads and runs: trust is dropped.
        QCOMPARE(QString::fromUtf8(forced.out),
                 "Imported 1 sources, 2 models, 0 destinations and 0 syncs into " + project
                     + "\nNot trusted on this machine yet: review what it sends where with `sluicectl trust " + project
                     + "` before its syncs can run.\n");
        const CliResult list = runSluicectl({"list", project, "--json"});
        SLUICE_VERIFY_OK(list);
        SLUICE_PARSE_JSON(doc, list.out);
        QCOMPARE(names(doc["models"].toArray()), (QStringList{"only_ids", "user_360"}));
        QCOMPARE(fileSha256(file), inputSha);
        // Replaced in place: no *.importing, -wal or -shm left beside it.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name),
                 (QStringList{"demo.json", "new.json", "p.sluice"}));
    }

    // --- files that are not (usable) projects ------------------------------

    void corruptProject_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        // Page 1 holds the schema, which open() reads before anything else.
        QTest::newRow("schema page") << 2048 << 4096;
        // Page 2 is the first table's root ('project', holding the name);
        // page 3 is 'sources'. load() reads both for list.
        QTest::newRow("page 2") << 4096 << 8192;
        QTest::newRow("page 3") << 8192 << 12288;
    }

    void corruptProject()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        QTemporaryDir dir;
        const QString path = dir.filePath("corrupt.sluice");
        QByteArray bytes = readFile(m_demo);
        QVERIFY(bytes.size() > to);
        bytes.replace(from, to - from, QByteArray(to - from, '\xff'));
        writeFile(path, bytes);
        const QStringList before = folderState(dir.path());
        SLUICE_VERIFY_ERROR_START(runSluicectl({"list", path}), 2, "error: " + path + ": ",
                                  "the database file is corrupt");
        SLUICE_VERIFY_ERROR_START(runSluicectl({"list", path, "--json"}), 2,
                                  "error: " + path + ": ", "the database file is corrupt");
        QCOMPARE(folderState(dir.path()), before);
    }

    void foreignSqliteDatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("other.db");
        // WAL mode, so that opening it at all would leave -wal and -shm files.
        const QString problem = execSql(path, "PRAGMA journal_mode = WAL; CREATE TABLE t(x); "
                                              "INSERT INTO t VALUES (1);");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"other.db"});
        const QString file = dir.filePath("demo.json");
        writeFile(file, m_exportText);
        const QStringList before = folderState(dir.path());
        const QString line =
            "error: " + path + ": not a Sluice project (a SQLite database of another application)";
        SLUICE_VERIFY_ERROR(runSluicectl({"list", path}), 2, line);
        SLUICE_VERIFY_ERROR(runSluicectl({"export", path, "-"}), 2, line);
        SLUICE_VERIFY_ERROR(runSluicectl({"import", file, path, "--force"}), 2, line);
        QCOMPARE(folderState(dir.path()), before);
    }

    void newerProjectSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("future.sluice");
        SLUICE_VERIFY_OK(runSluicectl({"init", path}));
        // As a future Sluice would leave it (the sqlite3 tool does the same).
        const QString problem = execSql(path, "PRAGMA user_version = 99");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"future.sluice"});
        const QString file = dir.filePath("demo.json");
        writeFile(file, m_exportText);
        const QStringList before = folderState(dir.path());
        SLUICE_VERIFY_ERROR(runSluicectl({"list", path}), 2,
                            "error: " + path
                                + ": written by a newer Sluice (schema version 99; this build "
                                  "reads up to "
                                + QString::number(sluice::currentProjectSchemaVersion()) + ")");
        SLUICE_VERIFY_ERROR_START(runSluicectl({"import", file, path, "--force"}), 2,
                                  "error: " + path
                                      + ": written by a newer Sluice (schema version 99;");
        QCOMPARE(folderState(dir.path()), before);
    }

    void notAProjectFile_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("message");
        QTest::newRow("text file") << "notes.sluice"
                                   << "not a Sluice project (the file is not a SQLite database)";
        QTest::newRow("empty file") << "empty.sluice"
                                    << "the file is empty, not a Sluice project";
        QTest::newRow("missing file") << "missing.sluice"
                                      << "no such project file";
        QTest::newRow("directory") << "folder.sluice"
                                   << "is a directory, not a project file";
        QTest::newRow("SQLite magic only")
            << "short.sluice"
            << "not a Sluice project (the file is not a SQLite database)";
    }

    void notAProjectFile()
    {
        QFETCH(QString, name);
        QFETCH(QString, message);
        QTemporaryDir dir;
        writeFile(dir.filePath("notes.sluice"), "name = demo\nmodels = 3\n");
        writeFile(dir.filePath("empty.sluice"), {});
        writeFile(dir.filePath("short.sluice"), QByteArray("SQLite format 3\0", 16));
        QVERIFY(QDir(dir.path()).mkdir("folder.sluice"));
        const QString path = dir.filePath(name);
        const QStringList before = folderState(dir.path());
        for (const QStringList &args :
             {QStringList{"list", path}, QStringList{"list", path, "--json"},
              QStringList{"preview", path, "--model", "user_360"},
              QStringList{"export", path, "-"}})
            SLUICE_VERIFY_ERROR(runSluicectl(args), 2, "error: " + path + ": " + message);
        QCOMPARE(folderState(dir.path()), before);
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
            << QByteArray("id,name\n1,\"Ana\n2,Bo\n")
            << ":2: the quoted field starting at line 2 is never closed";
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
        SLUICE_VERIFY_ERROR_START(runSluicectl({"preview", project, "--model", "contacts"}), 2,
                                  start);
        SLUICE_VERIFY_ERROR_START(
            runSluicectl({"preview", project, "--model", "contacts", "--json"}), 2, start);
        SLUICE_VERIFY_ERROR_START(runSluicectl({"check", project, "--model", "contacts", "--json"}),
                                  2, start);
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
        const QJsonArray rows{
            QJsonArray{1, QString::fromUtf8("张伟"), QString::fromUtf8("北京")},
            QJsonArray{2, QString::fromUtf8("王芳"), QString::fromUtf8("上海")},
            QJsonArray{3, QString::fromUtf8("李, 娜"), QString::fromUtf8("深圳")}};
        QCOMPARE(doc["rows"].toArray(), rows);
        QCOMPARE(doc["rowCount"].toInteger(), 3);
        QCOMPARE(doc["more"].toBool(), false);

        const CliResult check = runSluicectl({"check", project, "--model", "contacts"});
        SLUICE_VERIFY_OK(check);
        QCOMPARE(check.out,
                 QByteArray("contacts: primary key OK: 3 rows, every key present and unique\n"));
    }
};

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"

// `sluicectl run` exit statuses as docs/cli.md promises them (issue 13): a
// run stopped by the project itself (broken model SQL, a key column missing
// from the result, an unset ${env:NAME}, a mapping naming no column) is
// invalid input, exit 2 with one "error:" line and nothing on standard
// output; a run stopped by a server is exit 1.

#include "jsoncompare.h"
#include "testsupport.h"

#include "project/projectstore.h"

#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace sluice;
using namespace sluice::test;
using nlohmann::json;

namespace {

struct Project {
    QTemporaryDir dir;
    QString path;

    Project()
    {
        path = dir.filePath("p.sluice");
        sqlite3 *db = nullptr;
        sqlite3_open(dir.filePath("wh.sqlite").toUtf8().constData(), &db);
        sqlite3_exec(db,
                     "CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT); "
                     "INSERT INTO people VALUES (1, 'a@x.com'), (2, 'b@x.com');",
                     nullptr, nullptr, nullptr);
        sqlite3_close(db);
        auto store = ProjectStore::create(path.toStdString(), "exit statuses");
        if (!store)
            qFatal("%s", store.error().describe().c_str());
    }

    // One model and one sync, saved; false (with a warning) when the project refuses it.
    bool save(const std::string &sql, const std::vector<std::string> &key, const DestinationDef &destination,
              const json &mapping = json::array())
    {
        ProjectConfig c;
        c.name = "exit statuses";
        c.sources.push_back(SourceDef{"wh", "sqlite", {{"path", "wh.sqlite"}}});
        c.models.push_back(ModelDef{"people", "wh", sql, key, ""});
        c.destinations.push_back(destination);
        c.syncs.push_back(SyncDef{"s", "people", destination.name, "upsert", mapping, json::object()});
        auto store = ProjectStore::open(path.toStdString());
        auto saved = store ? (*store)->save(c) : Result<>(std::unexpected(store.error()));
        if (!saved)
            qWarning("%s", saved.error().describe().c_str());
        return bool(saved);
    }
};

DestinationDef file()
{
    return DestinationDef{"out", "jsonl", {{"path", "out.jsonl"}}};
}

} // namespace

class TstCliRunStatus : public QObject {
    Q_OBJECT
private slots:
    void invalidProjectExitsTwo_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("destination");
        QTest::addColumn<QString>("mapping");
        QTest::addColumn<QString>("error");
        const QString hook = R"({"url": "http://127.0.0.1:9/hook"})";
        QTest::newRow("broken model SQL") << "SELEC id FROM people"
                                          << "id"
                                          << ""
                                          << "[]"
                                          << "error: model 'people': model SQL: near \"SELEC\": syntax error";
        QTest::newRow("key column missing") << "SELECT email FROM people"
                                            << "id"
                                            << ""
                                            << "[]"
                                            << "error: model 'people': ";
        QTest::newRow("unset environment variable")
            << "SELECT id, email FROM people"
            << "id"
            << R"({"url": "http://127.0.0.1:9/hook", "headers": {"X-Token": "${env:SLUICE_TST_NEVER_SET}"}})"
            << "[]"
            << "error: ";
        QTest::newRow("mapping names no column") << "SELECT id, email FROM people"
                                                 << "id"
                                                 << ""
                                                 << R"([{"field": "mail", "column": "e_mail"}])"
                                                 << "error: sync 's': ";
    }

    void invalidProjectExitsTwo()
    {
        QFETCH(QString, sql);
        QFETCH(QString, key);
        QFETCH(QString, destination);
        QFETCH(QString, mapping);
        QFETCH(QString, error);
        Project p;
        const DestinationDef dest = destination.isEmpty()
                                      ? file()
                                      : DestinationDef{"hook", "webhook", json::parse(destination.toStdString())};
        QVERIFY(p.save(sql.toStdString(), {key.toStdString()}, dest, json::parse(mapping.toStdString())));
        for (const QStringList &args :
             {QStringList{"run", p.path, "--sync", "s"}, QStringList{"run", p.path, "--sync", "s", "--json"}}) {
            const CliResult r = runSluicectl(args);
            QVERIFY2(r.exitCode == 2, qPrintable(QString("exit %1: %2").arg(r.exitCode).arg(QString::fromUtf8(r.err))));
            QVERIFY2(r.out.isEmpty(), r.out.constData());
            const QString err = QString::fromUtf8(r.err);
            QVERIFY2(err.startsWith(error) && err.count('\n') == 1, qPrintable(err));
        }
    }

    // A server that cannot be reached is a failure of the run: exit 1, with its summary.
    void unreachableServerExitsOne()
    {
        Project p;
        QVERIFY(p.save("SELECT id, email FROM people", {"id"},
                       DestinationDef{"hook", "webhook", {{"url", "http://127.0.0.1:9/hook"}, {"timeoutSeconds", 2}}}));
        const CliResult r = runSluicectl({"run", p.path, "--sync", "s", "--json"});
        QCOMPARE(r.exitCode, 1);
        const json doc = json::parse(r.out.toStdString());
        QCOMPARE_JSON(doc["status"], json("failed"));
        QCOMPARE_JSON(doc["error_kind"], json("failed"));
        QVERIFY2(doc["error"].get<std::string>().starts_with("destination unreachable: "), doc.dump().c_str());
        QVERIFY(r.err.startsWith("error: destination unreachable: "));
    }
};

QTEST_GUILESS_MAIN(TstCliRunStatus)
#include "tst_clirunstatus.moc"

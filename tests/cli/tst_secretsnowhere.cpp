// A distinctive secret in every kind of setting that can carry one (a custom
// webhook header, a webhook URL's query, a PostgreSQL password, an alert
// webhook URL), through failing and succeeding runs whose servers echo what
// they received; then every artefact is searched for it: the project file
// (and its -wal), exports, job logs, the API inspector, run history, and
// everything sluicectl printed. It must be nowhere (issue 13).

#include "fakehttpserver.h"
#include "testsupport.h"

#include "project/projectstore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <atomic>

using namespace sluice;
using namespace sluice::test;
using nlohmann::json;

namespace {

const QByteArray kSecret = "S3cr3t-distinctive-7f3a9c";
const QByteArray kPgSecret = "Pg-S3cr3t-distinctive-51c0de";

// A receiver that echoes every credential it is given in its answers: the
// first `failures` requests are refused with a 401 naming them, later ones
// succeed with a body that repeats them.
class EchoingReceiver {
public:
    explicit EchoingReceiver(int failures) : m_failures(failures)
    {
        m_server.http().Post(".*", [this](const httplib::Request &request, httplib::Response &response) {
            const std::string echoed
                = "key=" + request.get_header_value("X-Auth-Key") + " token=" + request.get_param_value("token");
            if (m_requests++ < m_failures) {
                response.status = 401;
                response.set_content("{\"error\":\"invalid credentials: " + echoed + "\"}", "application/json");
            } else {
                response.status = 200;
                response.set_header("X-Echo", echoed);
                response.set_content("{\"ok\":true,\"seen\":\"" + echoed + "\"}", "application/json");
            }
        });
        m_server.start();
    }
    std::string url(const std::string &path) const { return m_server.url(path); }
    int requests() const { return m_requests; }

private:
    fakes::FakeHttpServer m_server;
    int m_failures;
    std::atomic<int> m_requests{0};
};

void exec(PGconn *conn, const std::string &sql)
{
    PGresult *r = PQexec(conn, sql.c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        qFatal("SQL failed: %s", PQerrorMessage(conn));
    PQclear(r);
}

} // namespace

class TstSecretsNowhere : public QObject {
    Q_OBJECT
private slots:
    void secretIsInNoArtefact()
    {
        QString why;
        const auto pg = pgServer(&why);
        QVERIFY2(pg, qPrintable(why));
        {
            const std::string conninfo = "host=" + pg->host.toStdString() + " port=" + std::to_string(pg->port)
                                       + " dbname=" + pg->database.toStdString() + " user=" + pg->user.toStdString()
                                       + " password=" + pg->password.toStdString();
            PGconn *conn = PQconnectdb(conninfo.c_str());
            QCOMPARE(PQstatus(conn), CONNECTION_OK);
            exec(conn, "DROP SCHEMA IF EXISTS tst_secrets CASCADE; CREATE SCHEMA tst_secrets;"
                       "CREATE TABLE tst_secrets.people AS SELECT i AS id, 'p' || i || '@example.com' AS email "
                       "FROM generate_series(1, 50) i;"
                       "DROP ROLE IF EXISTS tst_secrets_reader;"
                       "CREATE ROLE tst_secrets_reader LOGIN PASSWORD '"
                           + kPgSecret.toStdString()
                           + "';"
                             "GRANT USAGE ON SCHEMA tst_secrets TO tst_secrets_reader;"
                             "GRANT SELECT ON tst_secrets.people TO tst_secrets_reader;");
            PQfinish(conn);
        }
        qputenv("SLUICE_TST_SECRET", kSecret);
        qputenv("SLUICE_TST_PG_SECRET", kPgSecret);

        EchoingReceiver receiver(3);
        EchoingReceiver alerts(0);
        QTemporaryDir dir;
        const QString project = dir.filePath("p.sluice");
        {
            auto store = ProjectStore::create(project.toStdString(), "secrets");
            QVERIFY(store);
            ProjectConfig c;
            c.name = "secrets";
            c.sources.push_back(SourceDef{"pg",
                                          "postgres",
                                          {{"host", pg->host.toStdString()},
                                           {"port", pg->port},
                                           {"database", pg->database.toStdString()},
                                           {"user", "tst_secrets_reader"},
                                           {"password", "${env:SLUICE_TST_PG_SECRET}"}}});
            c.models.push_back(ModelDef{"people", "pg", "SELECT id, email FROM tst_secrets.people", {"id"}, ""});
            c.destinations.push_back(DestinationDef{"hook",
                                                    "webhook",
                                                    {{"url", receiver.url("/hook") + "?token=${env:SLUICE_TST_SECRET}"},
                                                     {"headers", {{"X-Auth-Key", "${env:SLUICE_TST_SECRET}"}}},
                                                     {"batchSize", 10},
                                                     {"timeoutSeconds", 5}}});
            c.syncs.push_back(
                SyncDef{"s",
                        "people",
                        "hook",
                        "upsert",
                        json::array(),
                        {{"retryBaseMs", 20},
                         {"maxAttempts", 1},
                         {"alerts", {{{"name", "any failure"}, {"when", "run_failed"}, {"level", "fatal"}}}},
                         {"notify", {{{"webhook", alerts.url("/alert") + "?token=${env:SLUICE_TST_SECRET}"}}}}}});
            auto saved = (*store)->save(c);
            QVERIFY2(saved, saved ? "" : saved.error().describe().c_str());
        }

        QByteArray printed;
        auto cli = [&](const QStringList &args) {
            const CliResult r = runSluicectl(args);
            printed += r.out + r.err;
            return r;
        };
        // A run refused by the receiver (401 echoing the credentials), then runs that succeed.
        const CliResult failedRun = cli({"run", project, "--sync", "s"});
        QCOMPARE(failedRun.exitCode, 1);
        QVERIFY(receiver.requests() >= 1);
        for (int i = 0; i < 3; ++i)
            cli({"run", project, "--sync", "s", "--json"});
        QVERIFY(alerts.requests() >= 1); // the failure raised an alert through the secret URL
        cli({"runs", project, "--json"});
        for (int run = 1; run <= 4; ++run) {
            cli({"log", project, "--run", QString::number(run)});
            cli({"log", project, "--run", QString::number(run), "--http"});
            cli({"log", project, "--run", QString::number(run), "--http", "--json"});
        }
        // The inspector shows where the echoed credentials were, scrubbed.
        QVERIFY2(printed.contains("invalid credentials: key=[redacted] token=[redacted]"), printed.constData());
        cli({"export", project, dir.filePath("export.json")});
        cli({"preview", project, "--model", "people", "--limit", "3"});
        cli({"preview", project, "--sync", "s", "--limit", "3"});
        cli({"test", project, "--source", "pg"});
        cli({"test", project, "--destination", "hook"});

        QStringList leaks;
        if (printed.contains(kSecret) || printed.contains(kPgSecret))
            leaks << "sluicectl's output";
        QDirIterator files(dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString path = files.next();
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            if (bytes.contains(kSecret) || bytes.contains(kPgSecret)
                || bytes.contains(QByteArray(kSecret).toPercentEncoding()))
                leaks << path;
        }
        // Every table of the project file, read through SQLite (WAL content included).
        sqlite3 *db = nullptr;
        sqlite3_open_v2(project.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
        sqlite3_stmt *tables = nullptr;
        sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table'", -1, &tables, nullptr);
        int tablesRead = 0;
        while (sqlite3_step(tables) == SQLITE_ROW) {
            const std::string table = reinterpret_cast<const char *>(sqlite3_column_text(tables, 0));
            sqlite3_stmt *rows = nullptr;
            sqlite3_prepare_v2(db, ("SELECT * FROM \"" + table + "\"").c_str(), -1, &rows, nullptr);
            while (sqlite3_step(rows) == SQLITE_ROW)
                for (int i = 0; i < sqlite3_column_count(rows); ++i) {
                    const QByteArray cell(reinterpret_cast<const char *>(sqlite3_column_blob(rows, i)),
                                          sqlite3_column_bytes(rows, i));
                    if (cell.contains(kSecret) || cell.contains(kPgSecret))
                        leaks << QString::fromStdString("table " + table);
                }
            sqlite3_finalize(rows);
            ++tablesRead;
        }
        sqlite3_finalize(tables);
        sqlite3_close(db);
        QVERIFY(tablesRead >= 10);
        leaks.removeDuplicates();
        QVERIFY2(leaks.isEmpty(), qPrintable("the secret was found in: " + leaks.join(", ")));
        qunsetenv("SLUICE_TST_SECRET");
        qunsetenv("SLUICE_TST_PG_SECRET");
    }
};

QTEST_GUILESS_MAIN(TstSecretsNowhere)
#include "tst_secretsnowhere.moc"

// Shared projects are untrusted input (issue 19): an imported project whose
// webhook sends a secret header to a loopback server sends nothing, and reads
// no secret, before its owner trusts it; the review names the host and the
// secret; `trust --yes` lets it run; a re-import that changes a destination's
// URL drops the trust; a file changed outside Sluice is untrusted too.

#include "fakewebhookserver.h"
#include "testsupport.h"

#include "project/projectjson.h"
#include "project/projectstore.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <sqlite3.h>

using namespace sluice;
using namespace sluice::fakes;
using namespace sluice::test;
using nlohmann::json;

namespace {

const QByteArray kToken = "top-secret-value-123";

// A project exported by a colleague: a SQLite model and a webhook with a secret header.
struct Shared {
    QTemporaryDir dir;
    QString exportFile, project;

    explicit Shared(const std::string &hookUrl)
    {
        exportFile = dir.filePath("team.json");
        project = dir.filePath("team.sluice");
        sqlite3 *db = nullptr;
        sqlite3_open(dir.filePath("wh.sqlite").toUtf8().constData(), &db);
        sqlite3_exec(db,
                     "CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT); "
                     "INSERT INTO people VALUES (1, 'a@x.com'), (2, 'b@x.com'), (3, 'c@x.com');",
                     nullptr, nullptr, nullptr);
        sqlite3_close(db);
        writeFile(exportFile, QByteArray::fromStdString(exportText(config(hookUrl))));
    }

    static ProjectConfig config(const std::string &hookUrl)
    {
        ProjectConfig c;
        c.name = "team";
        c.sources.push_back(SourceDef{"wh", "sqlite", {{"path", "wh.sqlite"}}});
        c.models.push_back(ModelDef{"people", "wh", "SELECT id, email FROM people", {"id"}, ""});
        c.destinations.push_back(DestinationDef{
            "hook", "webhook", {{"url", hookUrl}, {"headers", {{"X-Token", "${env:SLUICE_TST_PRIVATE_TOKEN}"}}}}});
        c.syncs.push_back(SyncDef{
            "s", "people", "hook", "upsert",
            json::array({json{{"field", "id"}, {"column", "id"}}, json{{"field", "email"}, {"column", "email"}}}),
            json::object()});
        return c;
    }
};

} // namespace

class TstTrust : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { qputenv("SLUICE_TST_PRIVATE_TOKEN", kToken); }
    void cleanupTestCase() { qunsetenv("SLUICE_TST_PRIVATE_TOKEN"); }

    void importedProjectSendsNothingUntilTrusted()
    {
        FakeWebhookServer hook;
        Shared shared(hook.url());
        const CliResult imported = runSluicectl({"import", shared.exportFile, shared.project});
        QCOMPARE(imported.exitCode, 0);
        QVERIFY2(imported.out.contains("Not trusted on this machine yet: review what it sends where with `sluicectl "
                                       "trust"),
                 imported.out.constData());

        // No run, no daemon run, no secret read.
        const CliResult run = runSluicectl({"run", shared.project, "--sync", "s"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("this project is not trusted on this machine"), run.err.constData());
        const CliResult daemon = runSluicectl({"daemon", shared.project, "--once"});
        QCOMPARE(daemon.exitCode, 2);
        QVERIFY2(daemon.err.contains("not trusted"), daemon.err.constData());
        const CliResult test = runSluicectl({"test", shared.project, "--destination", "hook"});
        QCOMPARE(test.exitCode, 2);
        QVERIFY2(test.err.contains("not trusted on this machine, so its references (${env:SLUICE_TST_PRIVATE_TOKEN})"
                                   " are not read"),
                 test.err.constData());
        QCOMPARE(hook.requestCount(), std::size_t(0));
        // Previews still work (read-only, no secret needed).
        const CliResult preview = runSluicectl({"preview", shared.project, "--model", "people", "--json"});
        QVERIFY2(preview.exitCode == 0, preview.err.constData());

        // The review names the host, the columns sent and the secret; without a
        // terminal and --yes nothing is trusted.
        const CliResult review = runSluicectl({"trust", shared.project});
        QCOMPARE(review.exitCode, 2);
        const QString text = QString::fromUtf8(review.out);
        const QString host = QString("127.0.0.1:%1").arg(QUrl(QString::fromStdString(hook.url())).port());
        QVERIFY2(text.contains(host + ": destination 'hook' (webhook, " + QString::fromStdString(hook.url()) + ")"),
                 qPrintable(text));
        QVERIFY2(text.contains("sync 's' sends model 'people': id, email"), qPrintable(text));
        QVERIFY2(text.contains("${env:SLUICE_TST_PRIVATE_TOKEN} to " + host), qPrintable(text));
        QVERIFY2(text.contains("SELECT id, email FROM people"), qPrintable(text));
        QVERIFY2(text.contains("Read these environment variables: SLUICE_TST_PRIVATE_TOKEN"), qPrintable(text));
        QVERIFY(!review.out.contains(kToken) && !review.err.contains(kToken));
        QCOMPARE(runSluicectl({"run", shared.project, "--sync", "s"}).exitCode, 2);
        QCOMPARE(hook.requestCount(), std::size_t(0));

        // Trusted: it runs, and the header carries the secret to its host.
        const CliResult trusted = runSluicectl({"trust", shared.project, "--yes"});
        QVERIFY2(trusted.exitCode == 0, trusted.err.constData());
        QVERIFY(trusted.out.contains("Trusted on this machine"));
        const CliResult ran = runSluicectl({"run", shared.project, "--sync", "s"});
        QVERIFY2(ran.exitCode == 0, ran.err.constData());
        QCOMPARE(hook.recordCount(), std::size_t(3));
        QCOMPARE(hook.requests().front().header("X-Token"), kToken.toStdString());
    }

    void reimportThatChangesADestinationDropsTrust()
    {
        FakeWebhookServer hook;
        Shared shared(hook.url());
        QCOMPARE(runSluicectl({"import", shared.exportFile, shared.project, "--trust"}).exitCode, 0);
        QCOMPARE(runSluicectl({"run", shared.project, "--sync", "s"}).exitCode, 0);

        // The same file again: nothing listed changed, still trusted.
        QCOMPARE(runSluicectl({"import", shared.exportFile, shared.project, "--force"}).exitCode, 0);
        QCOMPARE(runSluicectl({"run", shared.project, "--sync", "s"}).exitCode, 0);

        // The colleague's next version points the webhook elsewhere.
        writeFile(shared.exportFile, QByteArray::fromStdString(exportText(Shared::config(hook.url("/elsewhere")))));
        const CliResult reimported = runSluicectl({"import", shared.exportFile, shared.project, "--force"});
        QCOMPARE(reimported.exitCode, 0);
        QVERIFY(reimported.out.contains("Not trusted on this machine yet"));
        const std::size_t before = hook.requestCount();
        QCOMPARE(runSluicectl({"run", shared.project, "--sync", "s"}).exitCode, 2);
        QCOMPARE(hook.requestCount(), before);
        // `run --trust` is the scripted way through, the review on stderr.
        const CliResult scripted = runSluicectl({"run", shared.project, "--sync", "s", "--trust"});
        QVERIFY2(scripted.exitCode == 0, scripted.err.constData());
        QVERIFY(scripted.err.contains("Trusted on this machine (--trust)."));
    }

    void projectChangedOutsideSluiceIsUntrusted()
    {
        FakeWebhookServer hook;
        Shared shared(hook.url());
        {
            auto store = ProjectStore::create(shared.project.toStdString(), "made here");
            QVERIFY(store);
            QVERIFY((*store)->save(Shared::config(hook.url()))); // an edit through Sluice: still trusted
            QCOMPARE((*store)->trusted().value(), true);
        }
        QCOMPARE(runSluicectl({"run", shared.project, "--sync", "s"}).exitCode, 0);
        // Someone edits the file by hand: the webhook now goes elsewhere.
        sqlite3 *db = nullptr;
        sqlite3_open(shared.project.toUtf8().constData(), &db);
        sqlite3_exec(db, "UPDATE destinations SET settings = json_set(settings, '$.url', 'http://127.0.0.1:9/x')",
                     nullptr, nullptr, nullptr);
        sqlite3_close(db);
        const CliResult run = runSluicectl({"run", shared.project, "--sync", "s"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("changed outside Sluice"));
        // Revoking and trusting from the CLI.
        QCOMPARE(runSluicectl({"trust", shared.project, "--yes"}).exitCode, 0);
        QCOMPARE(runSluicectl({"trust", shared.project, "--revoke"}).exitCode, 0);
        QCOMPARE(runSluicectl({"run", shared.project, "--sync", "s"}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TstTrust)
#include "tst_trust.moc"

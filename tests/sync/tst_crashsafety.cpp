// kill -9 at random moments of large syncs into each kind of destination
// (files, tables, a webhook, a SaaS API) and each mode (issue 13's standing
// check): after each kill the model changes a little, and after the last kill
// a run completes. Then every destination
// holds the model exactly (files and tables: each row once, with its latest
// values; appends: each row once; webhooks: every row, at most the batches in
// flight twice; HubSpot, a SaaS API over HTTP: one record per key with its
// latest values, mirror deletes included), no temporary file is left, the
// project file is intact, and nothing a killed run staged is still waiting to
// be promoted. A run that ends before its kill is churned and tried again,
// so every kill lands during a run.
//
// The kill times come from a seeded generator (SLUICE_CRASH_SEED, printed),
// so a failure can be replayed.

#include "crmfakes.h"
#include "fakehttpserver.h"
#include "fakewebhookserver.h"
#include "saassandbox.h"
#include "syncfixture.h"
#include "testsupport.h"

#include <QDir>
#include <QProcess>
#include <QTest>

#include <csignal>
#include <functional>
#include <memory>
#include <random>
#include <set>

using namespace sluice;
using namespace sluice::fakes;
using namespace sluice::test;
using nlohmann::json;

namespace {

constexpr int kRows = 30000;
constexpr int kKills = 3;

std::uint64_t seed()
{
    static const std::uint64_t s = [] {
        const QByteArray given = qgetenv("SLUICE_CRASH_SEED");
        const std::uint64_t value = given.isEmpty() ? std::random_device{}() : given.toULongLong();
        qInfo("SLUICE_CRASH_SEED=%llu", static_cast<unsigned long long>(value));
        return value;
    }();
    return s;
}

// The HubSpot fake on loopback for the hubspot rows (a SaaS destination:
// batches of 100 over HTTP, upserts by e-mail, archives in mirror mode), with
// a unique property carrying the model's key: records are matched by it and
// the check reads it back.
struct HubspotServer {
    SandboxOptions options;
    CrmFakes crm{options};
    FakeHttpServer http;
    HubspotServer()
    {
        crm.mount(http.http(), "/hubspot", "/salesforce");
        // Unique, so records are matched (and mirror-deleted) by the model's key.
        crm.defineHubspotProperty("contacts", HubspotPropertyDef{"sluice_id", "string", "text", {}, true});
        http.start();
    }
    ~HubspotServer() { http.stop(); }
};

int g_attempts = 0; // kills tried
int g_landed = 0;   // of those, runs that were still going

// `sluicectl run`, killed with SIGKILL after `ms` unless it finished first.
// A run that ends before its kill is a complete run (allowed, but no crash):
// then `churn` changes every row, so the next run has as much to send, and
// it is tried again, killed sooner, up to four times in all.
void runAndKill(const SyncFixture &f, int ms, const std::function<void()> &churn)
{
    ++g_attempts;
    for (int tries = 0; tries < 4; ++tries, ms = std::max(5, ms / 2)) {
        QProcess p;
        p.start(qEnvironmentVariable("SLUICECTL"),
                {"run", QString::fromStdString(f.projectPath()), "--sync", "s", "--allow-mass-delete"});
        if (!p.waitForStarted())
            qFatal("sluicectl did not start");
        if (!p.waitForFinished(ms)) {
            ::kill(pid_t(p.processId()), SIGKILL);
            p.waitForFinished();
            ++g_landed;
            return;
        }
        churn();
    }
}

std::vector<json> fileRows(const SyncFixture &f, const QString &name, bool csv)
{
    std::vector<json> rows;
    QFile file(f.path(name));
    if (!file.open(QIODevice::ReadOnly))
        return rows;
    bool header = csv;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.isEmpty())
            continue;
        if (header) {
            header = false;
            continue;
        }
        if (csv) {
            const QList<QByteArray> cells = line.split(',');
            rows.push_back(json{{"id", cells.value(0).toLongLong()}, {"name", cells.value(1).toStdString()}});
        } else {
            rows.push_back(json::parse(line.toStdString()));
        }
    }
    return rows;
}

} // namespace

class TstCrashSafety : public QObject {
    Q_OBJECT
private slots:
    // The kills must land while runs go, or the test proves nothing.
    void cleanupTestCase()
    {
        qInfo("%d of %d kills landed during a run", g_landed, g_attempts);
        QVERIFY2(g_landed * 4 >= g_attempts * 3,
                 qPrintable(QString("only %1 of %2 kills landed").arg(g_landed).arg(g_attempts)));
    }

    void randomKills_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("mode");
        for (const char *kind : {"jsonl", "csv", "sqlite_table", "postgres_table", "webhook", "hubspot"})
            for (const char *mode : {"upsert", "insert", "mirror"})
                QTest::newRow(qPrintable(QString("%1 %2").arg(kind, mode))) << QString(kind) << QString(mode);
        QTest::newRow("sqlite_table update") << "sqlite_table"
                                             << "update";
        QTest::newRow("postgres_table update") << "postgres_table"
                                               << "update";
    }

    void randomKills()
    {
        QFETCH(QString, kind);
        QFETCH(QString, mode);
        std::mt19937_64 rng(seed() ^ std::hash<std::string>{}((kind + mode).toStdString()));
        std::uniform_int_distribution<int> killAfter(15, 250);
        FakeWebhookServer hook;
        std::unique_ptr<HubspotServer> hubspot;
        // The HubSpot fake looks records up one by one: fewer rows there.
        const int rows = kind == "hubspot" ? 3000 : kRows;
        SyncFixture f(rows);
        std::string pgTable;
        DestinationDef destination;
        FakeWebhookBehaviour slow;
        slow.delayMs = 3; // a receiver that takes its time, so kills land mid-run
        hook.setBehaviour(slow);
        if (kind == "jsonl")
            destination = DestinationDef{"d", "jsonl", {{"path", "out.jsonl"}}};
        else if (kind == "csv")
            destination = DestinationDef{"d", "csv", {{"path", "out.csv"}}};
        else if (kind == "sqlite_table")
            destination = DestinationDef{"d", "sqlite_table", {{"path", "dest.sqlite"}, {"table", "people"}}};
        else if (kind == "postgres_table") {
            QString why;
            const auto pg = pgServer(&why);
            QVERIFY2(pg, qPrintable(why));
            pgTable = "crash_" + mode.toStdString();
            QCOMPARE(pgExecute("CREATE SCHEMA IF NOT EXISTS tst_crash; DROP TABLE IF EXISTS tst_crash." + pgTable),
                     QString());
            qputenv("SLUICE_TST_CRASH_PG", pg->password.toUtf8());
            destination = DestinationDef{"d",
                                         "postgres_table",
                                         {{"host", pg->host.toStdString()},
                                          {"port", pg->port},
                                          {"database", pg->database.toStdString()},
                                          {"user", pg->user.toStdString()},
                                          {"password", "${env:SLUICE_TST_CRASH_PG}"},
                                          {"schema", "tst_crash"},
                                          {"table", pgTable}}};
        } else if (kind == "hubspot") {
            hubspot = std::make_unique<HubspotServer>();
            qputenv("SLUICE_TST_CRASH_HUBSPOT", "sandbox-token");
            destination = DestinationDef{"d",
                                         "hubspot",
                                         {{"baseUrl", hubspot->http.url("/hubspot")},
                                          {"accessToken", "${env:SLUICE_TST_CRASH_HUBSPOT}"},
                                          {"idProperty", "sluice_id"},
                                          {"requestsPerSecond", 0},
                                          {"timeoutSeconds", 10}}};
        } else
            destination = DestinationDef{"d", "webhook", {{"url", hook.url()}, {"batchSize", 200}, {"concurrency", 2}}};
        const json mapping
            = kind == "hubspot"
                ? json::array({json{{"field", "email"}, {"column", "email"}},
                               json{{"field", "sluice_id"}, {"column", "id"}},
                               json{{"field", "firstname"}, {"column", "name"}}})
                : json::array({json{{"field", "id"}, {"column", "id"}}, json{{"field", "name"}, {"column", "name"}}});
        if (mode == "update") {
            // Update mode changes what is there: fill the table first, then
            // take it as the baseline of the update sync.
            f.addSync("fill", destination, "upsert", json{{"batchSize", 500}}, mapping);
            QCOMPARE(f.run("fill").status, std::string("succeeded"));
        }
        f.addSync("s", destination, mode.toStdString(), json{{"batchSize", 500}}, mapping);
        if (mode == "update") {
            CancelToken cancel;
            auto baseline = resetBaseline(f.projectPath(), "s", cancel);
            QVERIFY(baseline && baseline->status == "succeeded");
        }

        int churns = 0;
        const auto churn
            = [&] { f.warehouse("UPDATE people SET name = 'Churn " + std::to_string(++churns) + " ' || id"); };
        for (int k = 0; k < kKills; ++k) {
            runAndKill(f, killAfter(rng), churn);
            // Between kills the model moves a lot, so that the next run is
            // long enough to be killed too: every name changes, rows come and go.
            const std::string round = std::to_string(k + 1);
            f.warehouse("UPDATE people SET name = 'Round " + round + " ' || id");
            if (mode != "update") {
                f.warehouse("DELETE FROM people WHERE id % 101 = " + round);
                f.warehouse("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                            + std::to_string(rows / 3)
                            + ") "
                              "INSERT INTO people SELECT "
                            + round + " * 1000000 + i, 'r" + round
                            + "n' || i || '@new.example.com', 'New ' || i, "
                              "0, 0 FROM n");
            }
        }
        RunSummary last = f.run("s", RunKind::Normal, true);
        QVERIFY2(last.status == "succeeded", (last.status + ": " + last.error).c_str());

        // What the model holds now.
        std::map<std::int64_t, std::string> model;
        for (const auto &row : f.query(f.path("wh.sqlite"), "SELECT id, name FROM people"))
            model[std::stoll(row[0])] = row[1];

        std::map<std::int64_t, std::vector<std::string>> seen; // id -> names, in delivery order
        if (kind == "jsonl" || kind == "csv") {
            for (const json &row : fileRows(f, kind == "csv" ? "out.csv" : "out.jsonl", kind == "csv"))
                seen[row["id"].get<std::int64_t>()].push_back(row["name"].get<std::string>());
        } else if (kind == "sqlite_table") {
            for (const auto &row : f.query(f.path("dest.sqlite"), "SELECT id, name FROM people"))
                seen[std::stoll(row[0])].push_back(row[1]);
        } else if (kind == "postgres_table") {
            for (const auto &row : pgRows("SELECT id, name FROM tst_crash." + pgTable))
                seen[std::stoll(row[0])].push_back(row[1]);
        } else if (kind == "hubspot") {
            // One record per e-mail at HubSpot: the id comes back as the number property.
            for (const json &contact : hubspot->crm.hubspotContacts()) {
                const json &p = contact["properties"];
                if (!p.contains("sluice_id") || !p["sluice_id"].is_string()) {
                    QFAIL(qPrintable(QString::fromStdString("a contact without sluice_id: " + contact.dump())));
                }
                seen[std::stoll(p["sluice_id"].get<std::string>())].push_back(p.value("firstname", std::string()));
            }
        } else {
            for (const auto &[key, record] : hook.records())
                seen[json::parse(key)["id"].get<std::int64_t>()].push_back(record["name"].get<std::string>());
        }

        const bool file = kind == "jsonl" || kind == "csv";
        if (mode == "mirror") {
            // The destination equals the model: each row once, its latest values.
            std::vector<std::int64_t> extra, missing;
            for (const auto &[id, names] : seen)
                if (!model.count(id))
                    extra.push_back(id);
            for (const auto &[id, name] : model)
                if (!seen.count(id))
                    missing.push_back(id);
            QVERIFY2(extra.empty() && missing.empty(),
                     qPrintable(QString("%1 rows the model no longer has (first %2), %3 rows missing (first %4); "
                                        "last run: %5")
                                    .arg(extra.size())
                                    .arg(extra.empty() ? 0 : extra.front())
                                    .arg(missing.size())
                                    .arg(missing.empty() ? 0 : missing.front())
                                    .arg(QString::fromStdString(last.toJson().dump()).left(600))));
            for (const auto &[id, names] : seen) {
                QVERIFY2(names.size() == 1, qPrintable(QString("id %1 is there %2 times").arg(id).arg(names.size())));
                QVERIFY2(model.count(id) && names[0] == model[id], qPrintable(QString("id %1 is stale").arg(id)));
            }
        } else if (mode == "insert") {
            // Appends: every row added was sent, and once only.
            for (const auto &[id, names] : seen)
                QVERIFY2(names.size() == 1, qPrintable(QString("id %1 appended %2 times").arg(id).arg(names.size())));
            for (const auto &[id, name] : model)
                QVERIFY2(seen.count(id), qPrintable(QString("id %1 was never sent").arg(id)));
        } else {
            // Upsert and update: every row of the model there with its latest
            // values (rows that left the model stay: only mirror deletes). A
            // file keeps each version appended once, the last one current.
            for (const auto &[id, name] : model) {
                QVERIFY2(seen.count(id) && seen[id].back() == name, qPrintable(QString("id %1 is stale").arg(id)));
                const std::set<std::string> distinct(seen[id].begin(), seen[id].end());
                QVERIFY2(distinct.size() == seen[id].size(),
                         qPrintable(QString("id %1 has a version written twice").arg(id)));
                if (!file)
                    QCOMPARE(seen[id].size(), std::size_t(1));
            }
        }
        if (kind == "webhook")
            QVERIFY2(hook.maxDeliveriesPerKey() <= kKills + 2, qPrintable(QString::number(hook.maxDeliveriesPerKey())));

        QVERIFY2(QDir(f.path(".")).entryList({"*.sluice-tmp-*"}, QDir::Files).isEmpty(), "temporary files were left");
        QCOMPARE(f.query(f.path("p.sluice"), "PRAGMA integrity_check")[0][0], std::string("ok"));
        QCOMPARE(f.query(f.path("p.sluice"), "SELECT count(*) FROM sync_staged")[0][0], std::string("0"));
        QCOMPARE(f.query(f.path("p.sluice"), "SELECT count(*) FROM sync_commit")[0][0], std::string("0"));
        QCOMPARE(f.query(f.path("p.sluice"), "SELECT count(*) FROM runs WHERE status = 'running'")[0][0],
                 std::string("0"));
        // The snapshot claims exactly what the destination holds (mirror) or was sent.
        if (mode == "mirror")
            QCOMPARE(f.snapshotSize("s"), std::int64_t(model.size()));
    }
};

QTEST_GUILESS_MAIN(TstCrashSafety)
#include "tst_crashsafety.moc"

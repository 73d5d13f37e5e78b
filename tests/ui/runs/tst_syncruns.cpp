// What a run leaves behind, as the app shows it: the rejected rows of a sync
// whose mapping rule rejects some demo rows (exact counts and reasons, Retry
// Now), the API inspector of a webhook sync to a loopback fake (credentials
// redacted, filter by status), the job log dock filtered by sync and run, and
// the project overview's run history over every sync.

#include "document/projectdocument.h"
#include "runs/apiinspectorpage.h"
#include "runs/httpexchangemodel.h"
#include "runs/joblogmodel.h"
#include "runs/joblogview.h"
#include "runs/projectoverviewpage.h"
#include "runs/rejectedrowsmodel.h"
#include "runs/rejectedrowspage.h"
#include "runs/runcharts.h"
#include "runs/runhistorymodel.h"
#include "shell/mainwindow.h"
#include "syncpages/synceditor.h"
#include "syncpages/syncpage.h"

#include "fakewebhookserver.h"

#include "demo/demoproject.h"
#include "project/projectstore.h"
#include "project/statestore.h"

#include <QAction>
#include <QApplication>
#include <QBarSet>
#include <QChart>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <set>

using namespace sluice;
using namespace sluice::ui;
using namespace sluice::fakes;
using nlohmann::json;

namespace {

void exec(const std::string &path, const std::string &sql)
{
    sqlite3 *db = nullptr;
    sqlite3_open(path.c_str(), &db);
    char *error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK)
        qFatal("%s", error);
    sqlite3_close(db);
}

// The values of the first column of `sql` over the model's rows.
std::set<std::string> modelKeys(const std::string &project, const std::string &warehouse, const std::string &model,
                                const std::string &where)
{
    auto store = ProjectStore::open(project);
    const std::string sql = "SELECT user_id FROM (" + (*store)->model(model)->sql + ") WHERE " + where;
    sqlite3 *db = nullptr;
    sqlite3_open(warehouse.c_str(), &db);
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
    std::set<std::string> keys;
    while (sqlite3_step(stmt) == SQLITE_ROW)
        keys.insert(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return keys;
}

std::vector<RunRecord> allRuns(const std::string &project)
{
    auto state = StateStore::open(project);
    auto runs = RunRecorder::runs((*state)->handle(), "", 1000);
    return runs ? *runs : std::vector<RunRecord>();
}

// Runs `sync` as a user does: its editor's Runs tab. Returns the run's status.
QString runFromTheApp(MainWindow &w, const QString &sync, RunKind kind = RunKind::Normal, qint64 *runId = nullptr)
{
    if (!w.selectItem("sync:" + sync + "#runs"))
        return "not found";
    SyncPage *page = w.currentSyncEditor()->runsPage();
    QSignalSpy finished(page, &SyncPage::runFinished);
    page->run(kind);
    if (!finished.wait(60000))
        return "timed out";
    if (runId)
        *runId = finished.first().at(1).toLongLong();
    return finished.first().at(2).toString();
}

const char *const kRejectedReason = "phone: a value is required";

} // namespace

class TstSyncRuns : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_project, m_warehouse;
    std::unique_ptr<FakeWebhookServer> m_hook;

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName("SluiceTests");
        m_project = m_dir.filePath("runs.sluice").toStdString();
        m_warehouse = demoWarehousePath(m_project);
        QVERIFY(createDemoProject(m_project, 1000));

        // The webhook refuses users 5 and 250 (one record each in two batches of 100).
        FakeWebhookBehaviour behaviour;
        behaviour.path = "/hook";
        behaviour.bearerToken = "s3cret-token";
        behaviour.rejectRecord = [](const json &record) -> std::optional<std::string> {
            const json id = record["fields"]["user_id"];
            if (id == 5 || id == 250)
                return "user " + id.dump() + " is on the deny list";
            return std::nullopt;
        };
        m_hook = std::make_unique<FakeWebhookServer>(behaviour);
        qputenv("SLUICE_TEST_HOOK_TOKEN", "s3cret-token");

        auto store = ProjectStore::open(m_project);
        QVERIFY(store);
        auto config = (*store)->load();
        QVERIFY(config);
        config->destinations.push_back(
            DestinationDef{"hook",
                           "webhook",
                           {{"url", m_hook->url("/hook")},
                            {"headers", {{"Authorization", "Bearer ${env:SLUICE_TEST_HOOK_TOKEN}"}}},
                            {"batchSize", 100},
                            {"concurrency", 1}}});
        config->destinations.push_back(DestinationDef{"phones_file", "jsonl", {{"path", "phones.jsonl"}}});
        config->syncs.push_back(SyncDef{"users_to_hook", "user_360", "hook", "upsert",
                                        json::parse(R"([{"field":"user_id","column":"user_id"},
                                                        {"field":"email","column":"email"}])"),
                                        json::object()});
        // Every user without a phone is rejected by the mapping's rule.
        config->syncs.push_back(SyncDef{"phones_to_file", "user_360", "phones_file", "upsert",
                                        json::parse(R"([{"field":"user_id","column":"user_id"},
                                                        {"field":"phone","column":"phone","rules":[{"type":"required"}]}])"),
                                        json::object()});
        auto saved = (*store)->save(*config);
        QVERIFY2(saved, saved ? "" : saved.error().describe().c_str());
    }

    void cleanupTestCase()
    {
        m_hook->stop();
        m_hook.reset();
    }

    void rejectedRowsOfARejectingRule()
    {
        const std::set<std::string> noPhone = modelKeys(m_project, m_warehouse, "user_360", "phone IS NULL");
        QVERIFY(noPhone.size() > 50);
        MainWindow w;
        w.show();
        QVERIFY(w.openProject(QString::fromStdString(m_project), false));
        qint64 firstRun = 0;
        QCOMPARE(runFromTheApp(w, "phones_to_file", RunKind::Normal, &firstRun), QString("partial"));

        SyncEditor *editor = w.currentSyncEditor();
        QVERIFY(editor->showPage("rejected"));
        RejectedRowsPage *page = editor->rejectedPage();
        QVERIFY(page->isVisible());
        QTRY_VERIFY(!page->isLoading() && page->model()->rowCount() > 0);
        RejectedRowsModel *rows = page->model();
        QCOMPARE(rows->rowCount(), int(noPhone.size()));
        std::set<std::string> keys;
        for (const RejectedRow &r : rows->rows()) {
            keys.insert(r.displayKey);
            QCOMPARE(QString::fromStdString(r.reason), QString(kRejectedReason));
            QCOMPARE(r.attempts, 1);
            QCOMPARE(r.runId, firstRun);
        }
        QCOMPARE(keys, noPhone);
        QVERIFY(page->summaryText().startsWith(QString("%1 rows of phones_to_file rejected.").arg(noPhone.size())));
        // The first row's payload, indented, beside the table.
        QCOMPARE(page->table()->currentIndex().row(), 0);
        QVERIFY(page->detailText().contains("\"phone\": null"));

        // Filter by key: one row.
        const std::string one = *noPhone.begin();
        page->filter()->setSearchText(QString::fromStdString(one));
        int matching = 0;
        for (const auto &k : noPhone)
            matching += k.find(one) != std::string::npos;
        QCOMPARE(page->filter()->rowCount(), matching);
        page->filter()->setSearchText("a value is required");
        QCOMPARE(page->filter()->rowCount(), int(noPhone.size()));
        page->filter()->setSearchText("");

        // Copy and CSV export.
        page->table()->selectRow(0);
        page->copySelection();
        const QStringList copied = QApplication::clipboard()->text().split('\n', Qt::SkipEmptyParts);
        QCOMPARE(copied.size(), 2);
        QCOMPARE(copied[0], QString("key,reason,attempts,run_id,first_seen,payload"));
        // The table's first row (sorted by key as text).
        QVERIFY(copied[1].startsWith(page->table()->model()->index(0, RejectedRowsModel::RowKey).data().toString() + ","
                                     + kRejectedReason + ",1,"));
        const QString csv = m_dir.filePath("rejected.csv");
        QVERIFY(page->writeCsv(csv));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().count('\n'), qsizetype(noPhone.size() + 1));

        // Retry Now: the rule still rejects them, so they are rejected again, by the new run.
        QSignalSpy finished(editor->runsPage(), &SyncPage::runFinished);
        QSignalSpy loaded(page, &RejectedRowsPage::loaded);
        QVERIFY(page->retryButton()->isEnabled());
        QTest::mouseClick(page->retryButton(), Qt::LeftButton);
        QVERIFY(!page->retryButton()->isEnabled());
        QVERIFY(finished.wait(60000));
        const qint64 retryRun = finished.first().at(1).toLongLong();
        // Not one row delivered: the retry failed (a run that sends nothing is never "partial").
        QCOMPARE(finished.first().at(2).toString(), QString("failed"));
        QCOMPARE(editor->runsPage()->history()->index(0, RunHistoryModel::Kind).data().toString(),
                 QString("retry rejected"));
        QCOMPARE(editor->runsPage()->history()->index(0, RunHistoryModel::Rejected).data().toLongLong(),
                 qint64(noPhone.size()));
        QVERIFY(loaded.wait(10000));
        QCOMPARE(rows->rowCount(), int(noPhone.size()));
        for (const RejectedRow &r : rows->rows()) {
            QCOMPARE(r.attempts, 2);
            QCOMPARE(r.runId, retryRun);
        }

        // The data is fixed: Retry Now delivers them and the list empties.
        exec(m_warehouse, "UPDATE users SET phone = '+1 555 000 0000' WHERE phone IS NULL");
        finished.clear();
        loaded.clear();
        QTest::mouseClick(page->retryButton(), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().at(2).toString(), QString("succeeded"));
        QCOMPARE(editor->runsPage()->history()->index(0, RunHistoryModel::Delivered).data().toLongLong(),
                 qint64(noPhone.size()));
        QVERIFY(loaded.wait(10000));
        QCOMPARE(rows->rowCount(), 0);
        QCOMPARE(page->summaryText(), QString("No rows of phones_to_file are rejected."));
        QVERIFY(!page->retryButton()->isEnabled());
    }

    void apiInspectorOfAWebhookSync()
    {
        m_hook->reset();
        MainWindow w;
        w.show();
        QVERIFY(w.openProject(QString::fromStdString(m_project), false));
        qint64 runId = 0;
        QCOMPARE(runFromTheApp(w, "users_to_hook", RunKind::Normal, &runId), QString("partial"));
        const auto requests = m_hook->requests();
        QCOMPARE(int(requests.size()), 10); // 1000 users, 100 per request
        int refused = 0;
        for (const auto &r : requests)
            refused += r.status == 422;
        QCOMPARE(refused, 2);

        SyncEditor *editor = w.currentSyncEditor();
        QVERIFY(editor->showPage("inspector"));
        ApiInspectorPage *page = editor->inspectorPage();
        QTRY_VERIFY(!page->isLoading() && page->model()->rowCount() > 0);
        QCOMPARE(page->runId(), runId);
        HttpExchangeModel *model = page->model();
        QCOMPARE(model->rowCount(), 10);
        std::multiset<int> shown, sent;
        for (const auto &e : model->exchanges())
            shown.insert(e.exchange.status);
        for (const auto &r : requests)
            sent.insert(r.status);
        QCOMPARE(shown, sent);
        QCOMPARE(model->index(0, HttpExchangeModel::Method).data().toString(), QString("POST"));
        QCOMPARE(model->index(0, HttpExchangeModel::Url).data().toString(),
                 QString::fromStdString(m_hook->url("/hook")));

        // The request as recorded: the credential redacted, the body indented JSON.
        QVERIFY(page->requestText().contains("Authorization: Bearer [redacted]"));
        QVERIFY(!page->requestText().contains("s3cret-token"));
        QVERIFY(page->requestText().contains("\"records\": ["));

        // Filter by status: the two refused batches, with the fake's reasons.
        page->statusBox()->setCurrentIndex(
            page->statusBox()->findData(int(HttpExchangeFilter::StatusClass::ClientError)));
        QCOMPARE(page->filter()->rowCount(), 2);
        page->table()->selectRow(0);
        QVERIFY(page->responseText().contains("is on the deny list"));
        page->statusBox()->setCurrentIndex(page->statusBox()->findData(int(HttpExchangeFilter::StatusClass::Success)));
        QCOMPARE(page->filter()->rowCount(), 8);
        page->statusBox()->setCurrentIndex(
            page->statusBox()->findData(int(HttpExchangeFilter::StatusClass::ServerError)));
        QCOMPARE(page->filter()->rowCount(), 0);
        QVERIFY(page->summaryText().startsWith("10 exchanges in run"));

        // The rejected rows page of the same sync holds the two refused users.
        QVERIFY(editor->showPage("rejected"));
        QTRY_VERIFY(!editor->rejectedPage()->isLoading() && editor->rejectedPage()->model()->rowCount() == 2);
        QCOMPARE(QString::fromStdString(editor->rejectedPage()->model()->rows()[0].reason),
                 QString("user 5 is on the deny list"));
        QCOMPARE(QString::fromStdString(editor->rejectedPage()->model()->rows()[1].reason),
                 QString("user 250 is on the deny list"));
    }

    void jobLogFiltersBySyncAndRun()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openProject(QString::fromStdString(m_project), false));
        JobLogView *log = w.jobLog();
        qint64 crmRun = 0;
        QCOMPARE(runFromTheApp(w, "contacts_to_crm_table", RunKind::Normal, &crmRun), QString("succeeded"));
        QCOMPARE(log->model()->runId(), crmRun);
        QVERIFY(log->titleText().contains("contacts_to_crm_table"));

        // Every sync that ran is a choice.
        QStringList syncs;
        for (int i = 1; i < log->syncFilter()->count(); ++i)
            syncs << log->syncFilter()->itemText(i);
        QCOMPARE(syncs, QStringList({"contacts_to_crm_table", "phones_to_file", "users_to_hook"}));

        std::vector<qint64> phoneRuns, hookRuns;
        for (const RunRecord &r : allRuns(m_project)) {
            if (r.syncName == "phones_to_file")
                phoneRuns.push_back(r.id);
            if (r.syncName == "users_to_hook")
                hookRuns.push_back(r.id);
        }
        QCOMPARE(int(phoneRuns.size()), 3); // run, two retries; newest first
        QCOMPARE(int(hookRuns.size()), 1);

        // One sync: its latest run, and its runs to pick from.
        log->setSyncFilter("users_to_hook");
        QCOMPARE(log->model()->runId(), hookRuns[0]);
        QCOMPARE(log->runFilter()->count(), 2); // Latest run + one
        QVERIFY(log->model()->rowCount() > 0);
        log->setSyncFilter("phones_to_file");
        QCOMPARE(log->model()->runId(), phoneRuns[0]);
        QCOMPARE(log->runFilter()->count(), 4);
        log->setRunFilter(phoneRuns[2]);
        QCOMPARE(log->model()->runId(), phoneRuns[2]);
        // Its rejected rows are in its log; level and text filters apply on top.
        log->filter()->setMinimumLevel(LogLevel::Warning);
        QVERIFY(log->filter()->rowCount() > 0);
        log->filter()->setSearchText(kRejectedReason);
        QVERIFY(log->filter()->rowCount() > 0);
        for (int r = 0; r < log->filter()->rowCount(); ++r)
            QVERIFY(log->filter()->index(r, JobLogModel::Message).data().toString().contains(kRejectedReason));
        log->filter()->setSearchText("");
        log->filter()->setMinimumLevel(LogLevel::Debug);

        // Pinned to another sync: a run of contacts_to_crm_table does not take the dock over.
        qint64 secondCrm = 0;
        QCOMPARE(runFromTheApp(w, "contacts_to_crm_table", RunKind::Normal, &secondCrm), QString("succeeded"));
        QCOMPARE(log->model()->runId(), phoneRuns[2]);
        // All syncs, latest run: that run.
        log->setSyncFilter(QString());
        QCOMPARE(log->model()->runId(), secondCrm);
        QCOMPARE(log->runFilter()->currentIndex(), 0);
        // Following the latest: the next run shows live.
        qint64 third = 0;
        QCOMPARE(runFromTheApp(w, "contacts_to_crm_table", RunKind::DryRun, &third), QString("succeeded"));
        QCOMPARE(log->model()->runId(), third);
        QTRY_VERIFY(log->model()->rowCount() > 0);
    }

    void projectOverviewOverEverySync()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openProject(QString::fromStdString(m_project), false));
        // View > Project Overview.
        QAction *action = nullptr;
        for (QAction *a : w.menuBar()->findChildren<QAction *>())
            if (a->text() == "Project &Overview")
                action = a;
        QVERIFY(action);
        action->trigger();
        auto *page = qobject_cast<ProjectOverviewPage *>(w.editors()->currentWidget());
        QVERIFY(page);
        QCOMPARE(w.editors()->tabText(w.editors()->currentIndex()), QString("Overview"));
        QTRY_VERIFY(!page->isLoading() && page->history()->rowCount() > 0);
        const auto runs = allRuns(m_project);
        QCOMPARE(page->history()->rowCount(), int(runs.size()));
        QCOMPARE(page->history()->index(0, RunHistoryModel::Run).data().toLongLong(), runs.front().id);
        QCOMPARE(page->history()->index(0, RunHistoryModel::Sync).data().toString(),
                 QString::fromStdString(runs.front().syncName));
        QVERIFY(!page->table()->isColumnHidden(RunHistoryModel::Sync));
        // Charts: each sync that delivered has its own colour, plus the rejected rows.
        QStringList expected;
        for (auto it = runs.rbegin(); it != runs.rend(); ++it)
            if (it->kind != "dry-run" && !expected.contains(QString::fromStdString(it->syncName)))
                expected << QString::fromStdString(it->syncName);
        QCOMPARE(page->charts()->syncs(), expected);
        auto *bars = qobject_cast<QStackedBarSeries *>(page->charts()->countsChart()->series().value(0));
        QVERIFY(bars);
        QCOMPARE(bars->count(), int(expected.size()) + 1);
        QCOMPARE(bars->barSets().last()->label(), QString("Rejected"));
        QVERIFY(page->summaryText().contains(QString("runs recorded: %1").arg(runs.size())));
        // The same action shows the same tab.
        const int tabs = w.editors()->count();
        action->trigger();
        QCOMPARE(w.editors()->count(), tabs);

        // A run from the app appears in the overview.
        QCOMPARE(runFromTheApp(w, "contacts_to_crm_table"), QString("succeeded"));
        QVERIFY(w.openProjectOverview() == page);
        QTRY_COMPARE(page->history()->rowCount(), int(runs.size()) + 1);

        // A project without models opens on its overview.
        const QString empty = m_dir.filePath("empty.sluice");
        QVERIFY(ProjectStore::create(empty.toStdString(), "empty"));
        QVERIFY(w.openProject(empty, false));
        auto *emptyPage = qobject_cast<ProjectOverviewPage *>(w.editors()->currentWidget());
        QVERIFY(emptyPage);
        QTRY_VERIFY(!emptyPage->isLoading());
        QCOMPARE(emptyPage->history()->rowCount(), 0);
        QVERIFY(emptyPage->summaryText().contains("no runs yet"));
    }
};

QTEST_MAIN(TstSyncRuns)
#include "tst_syncruns.moc"

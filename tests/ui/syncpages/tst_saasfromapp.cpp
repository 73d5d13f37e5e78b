// Issue "SaaS destinations", done from the desktop app: the demo's
// hubspot_contacts model to HubSpot and salesforce_leads to a Salesforce Lead
// (external ID Sluice_Id__c), both the loopback fakes, run by clicking Run in
// the sync's tab. After each run the fake holds exactly the model's rows; a
// row HubSpot refuses shows in the job log dock with HubSpot's own reason.

#include "canvas/mappingeditor.h"
#include "canvas/stepeditor.h"
#include "runs/joblogmodel.h"
#include "runs/joblogview.h"
#include "runs/runhistorymodel.h"
#include "shell/mainwindow.h"
#include "syncpages/payloadpreviewmodel.h"
#include "syncpages/payloadpreviewpane.h"
#include "syncpages/synceditor.h"
#include "syncpages/syncmappingpage.h"
#include "syncpages/syncpage.h"
#include "testsupport.h"

#include "crmfakes.h"
#include "fakehttpserver.h"

#include "demo/demoproject.h"
#include "project/projectstore.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace sluice;
using namespace sluice::ui;
using namespace sluice::fakes;
using json = nlohmann::json;

namespace {

void exec(const std::string &path, const std::string &sql)
{
    sqlite3 *db = nullptr;
    sqlite3_open(path.c_str(), &db);
    char *error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK)
        qFatal("%s", error);
    sqlite3_close(db);
}

// Rows the model yields now: what the destination must hold after a mirror run.
int modelRows(const std::string &project, const std::string &warehouse, const std::string &model)
{
    auto store = ProjectStore::open(project);
    const std::string sql = "SELECT count(*) FROM (" + (*store)->model(model)->sql + ")";
    sqlite3 *db = nullptr;
    sqlite3_open(warehouse.c_str(), &db);
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
    const int n = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
}

QPushButton *button(SyncPage *page, const QString &text)
{
    for (auto *b : page->findChildren<QPushButton *>())
        if (b->text() == text)
            return b;
    return nullptr;
}

// Clicks Run on the sync's tab and waits for the run to end; returns its status.
QString runFromTheApp(MainWindow &w, const QString &sync)
{
    w.selectSync(sync);
    SyncPage *page = w.syncPage();
    if (!page || page->syncName() != sync)
        return QStringLiteral("no sync page");
    QSignalSpy finished(page, &SyncPage::runFinished);
    QTest::mouseClick(button(page, QStringLiteral("Run")), Qt::LeftButton);
    if (!finished.wait(60000))
        return QStringLiteral("timed out");
    return finished.first().at(2).toString();
}

} // namespace

class TstSaasFromApp : public QObject {
    Q_OBJECT
    SandboxOptions m_options;
    std::unique_ptr<CrmFakes> m_crm;
    std::unique_ptr<FakeHttpServer> m_http;
    QTemporaryDir m_dir;
    std::string m_project;
    std::string m_warehouse;

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName("SluiceTests");
        qputenv("SLUICE_TST_SANDBOX_TOKEN", QByteArray::fromStdString(m_options.token));
        m_crm = std::make_unique<CrmFakes>(m_options);
        m_http = std::make_unique<FakeHttpServer>();
        m_crm->mount(m_http->http(), "/hubspot", "/salesforce");
        m_http->start();

        m_project = m_dir.filePath("demo.sluice").toStdString();
        QVERIFY(createDemoProject(m_project, 50));
        m_warehouse = demoWarehousePath(m_project);
        // Ten marketing-qualified leads created today for salesforce_leads.
        exec(m_warehouse, "UPDATE users SET lifecycle_stage = 'MQL', created_at = (SELECT today FROM demo_clock) "
                          "WHERE user_id <= 10");
        auto store = ProjectStore::open(m_project);
        auto config = (*store)->load();
        config->destinations.push_back(DestinationDef{"hubspot",
                                                      "hubspot",
                                                      {{"baseUrl", m_http->url("/hubspot")},
                                                       {"accessToken", "${env:SLUICE_TST_SANDBOX_TOKEN}"},
                                                       {"timeoutSeconds", 10}}});
        config->destinations.push_back(DestinationDef{"salesforce",
                                                      "salesforce",
                                                      {{"instanceUrl", m_http->url("/salesforce")},
                                                       {"accessToken", "${env:SLUICE_TST_SANDBOX_TOKEN}"},
                                                       {"object", "Lead"},
                                                       {"externalIdField", "Sluice_Id__c"},
                                                       {"timeoutSeconds", 10}}});
        config->syncs.push_back(SyncDef{"contacts_to_hubspot", "hubspot_contacts", "hubspot", "mirror", json::array(),
                                        json{{"retryBaseMs", 20}}});
        config->syncs.push_back(SyncDef{"leads_to_salesforce", "salesforce_leads", "salesforce", "mirror",
                                        json::array(), json{{"retryBaseMs", 20}}});
        QVERIFY((*store)->save(*config));
    }

    void cleanupTestCase() { m_http->stop(); }

    // HubSpot's object left at its default ("contacts", not stored) offers
    // HubSpot's properties, not "any field"; the e-mail column fed into
    // lifecyclestage (an enumeration) is refused in the preview, row by row,
    // with HubSpot's options, and the mapping's summary says so.
    void previewRefusesValuesHubSpotRefuses()
    {
        auto store = ProjectStore::open(m_project);
        auto config = (*store)->load();
        config->syncs.push_back(SyncDef{"stage_to_hubspot", "hubspot_contacts", "hubspot", "upsert",
                                        json::array({json{{"field", "email"}, {"column", "email"}},
                                                     json{{"field", "lifecyclestage"}, {"column", "email"}}}),
                                        json::object()});
        QVERIFY((*store)->save(*config));
        store->reset();

        MainWindow w;
        w.show();
        QVERIFY(w.openProject(QString::fromStdString(m_project), false));
        QVERIFY(w.selectItem("sync:stage_to_hubspot#mapping"));
        SyncMappingPage *page = w.currentSyncEditor()->mappingPage();
        QVERIFY(page);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading(), 20000);
        QVERIFY2(!page->statusText().contains("takes any field"), qPrintable(page->statusText()));
        QVERIFY2(page->statusText().contains(" fields ("), qPrintable(page->statusText()));
        PayloadPreviewPane *preview = page->preview();
        preview->refreshNow();
        QTRY_VERIFY_WITH_TIMEOUT(!preview->isBusy() && preview->model()->rowCount() > 0, 20000);
        QTRY_COMPARE(preview->rejectedCount(), preview->model()->rowCount());
        preview->selectRow(0);
        // Said by the app from the problem's parts (translatable), not the engine's English line.
        QVERIFY2(preview->problemsText().startsWith("lifecyclestage: '")
                     && preview->problemsText().contains("is not one of the destination's options for this field"),
                 qPrintable(preview->problemsText()));
        QVERIFY2(preview->problemsText().contains("subscriber"), qPrintable(preview->problemsText()));
        QTRY_VERIFY(page->editor()->problemSummary().contains("preview rows refused"));
        QVERIFY(!page->editor()->problemSummary().contains("No problems"));
    }

    void hubspotOverSeveralRunsFromTheApp()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openProject(QString::fromStdString(m_project), false));

        QCOMPARE(runFromTheApp(w, "contacts_to_hubspot"), QString("succeeded"));
        QCOMPARE(int(m_crm->hubspotContacts().size()), 50);
        QCOMPARE(modelRows(m_project, m_warehouse, "hubspot_contacts"), 50);
        QCOMPARE(w.syncPage()->history()->index(0, RunHistoryModel::Delivered).data().toLongLong(), 50LL);

        // A new user, one deleted, one whose e-mail HubSpot refuses.
        exec(m_warehouse,
             "INSERT INTO users SELECT 1001, 'new.user@example.com', 'New', 'User', NULL, country, city, company, "
             "status, lifecycle_stage, lead_source, lead_score, created_at FROM users WHERE user_id = 11;"
             "INSERT INTO behaviours VALUES (1001, (SELECT today FROM demo_clock), 3);"
             "DELETE FROM behaviours WHERE user_id = 12; DELETE FROM users WHERE user_id = 12;"
             "UPDATE users SET email = 'not-an-email' WHERE user_id = 13;");
        QCOMPARE(runFromTheApp(w, "contacts_to_hubspot"), QString("partial"));
        // 50 + new - deleted - renamed (its old address removed, its new one refused).
        QCOMPARE(int(m_crm->hubspotContacts().size()), 49);
        QVERIFY(m_crm->hubspotContact("new.user@example.com"));
        QVERIFY(!m_crm->hubspotContact("not-an-email"));

        // The job log dock shows the run, with HubSpot's reason on the refused row.
        JobLogModel *log = w.jobLog()->model();
        QTRY_VERIFY(log->rowCount() > 0);
        bool reasonShown = false;
        for (int r = 0; r < log->rowCount(); ++r)
            reasonShown |= log->index(r, JobLogModel::RowKey).data().toString() == "not-an-email"
                        && log->index(r, JobLogModel::Message).data().toString()
                               == "rejected: INVALID_EMAIL: Email address not-an-email is invalid";
        QVERIFY(reasonShown);
        QCOMPARE(w.syncPage()->history()->index(0, RunHistoryModel::Rejected).data().toLongLong(), 1LL);
    }

    void salesforceLeadsOverSeveralRunsFromTheApp()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openProject(QString::fromStdString(m_project), false));
        QCOMPARE(runFromTheApp(w, "leads_to_salesforce"), QString("succeeded"));
        const int first = int(m_crm->salesforceRecords("Lead").size());
        QVERIFY(first >= 10); // at least the ten MQLs of today
        QCOMPARE(first, modelRows(m_project, m_warehouse, "salesforce_leads"));
        // One more lead today, one no longer a lead: upserted by Sluice_Id__c, deleted.
        exec(m_warehouse, "UPDATE users SET lifecycle_stage = 'MQL', created_at = (SELECT today FROM demo_clock) "
                          "WHERE user_id = 20; UPDATE users SET lifecycle_stage = 'customer' WHERE user_id = 1;");
        QCOMPARE(runFromTheApp(w, "leads_to_salesforce"), QString("succeeded"));
        QCOMPARE(int(m_crm->salesforceRecords("Lead").size()), modelRows(m_project, m_warehouse, "salesforce_leads"));
        QVERIFY(m_crm->salesforceRecord("Lead", "Sluice_Id__c", "u-20"));
        QVERIFY(!m_crm->salesforceRecord("Lead", "Sluice_Id__c", "u-1"));
        // Nothing changed: nothing sent.
        const int writes = m_crm->salesforceWriteRequests();
        QCOMPARE(runFromTheApp(w, "leads_to_salesforce"), QString("succeeded"));
        QCOMPARE(m_crm->salesforceWriteRequests(), writes);
    }
};

QTEST_MAIN(TstSaasFromApp)
#include "tst_saasfromapp.moc"

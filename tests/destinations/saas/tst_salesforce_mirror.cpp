// The Salesforce connector against the loopback Salesforce fake: update and
// mirror through external-id lookups (matched the way the org does),
// testConnection, describe, and the demo's salesforce_leads model synced to
// Lead over several runs.

#include "salesforcetesting.h"

#include "demo/demoproject.h"
#include "project/projectstore.h"
#include "project/runrecorder.h"
#include "project/statestore.h"

#include <QTemporaryDir>

#include <sqlite3.h>

#include <set>

namespace {

Record sfRemoval(const std::string &id)
{
    return sfContact(id, Value(), "", "", RecordOp::Delete);
}

} // namespace

class TstSalesforceMirror : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { setSalesforceTestSecrets(); }

    void updateAndMirrorFindRecordsByExternalId()
    {
        CrmServer server;
        for (const std::string id : {"u-1", "u-2", "o'brien"})
            server.crm.seedSalesforce("Contact", {{"Sluice_Id__c", id}, {"LastName", "Old"}});
        {
            SalesforceDestination sf(settingsFor(server));
            Recorder recorder;
            QVERIFY(sf.begin(contactRun(SyncMode::Update, &recorder)));
            auto r
                = sf.write(1, std::vector<Record>{sfContact("u-1", Value("New1"), "A", "VIP", RecordOp::Update),
                                                  sfContact("u-9", Value("New9"), "A", "VIP", RecordOp::Update),
                                                  sfContact("o'brien", Value("NewO"), "A", "VIP", RecordOp::Update)});
            QVERIFY(r);
            QCOMPARE((*r)[0].outcome, Outcome::Delivered);
            QCOMPARE((*r)[1].outcome, Outcome::Rejected);
            QCOMPARE((*r)[1].reason,
                     std::string("no Contact has Sluice_Id__c 'u-9' (update mode does not create records)"));
            QCOMPARE((*r)[2].outcome, Outcome::Delivered);
            QCOMPARE(recorder.exchanges.size(), std::size_t(2));
            QVERIFY(recorder.exchanges[0].url.find("/query?q=SELECT%20Id%2C%20Sluice_Id__c%20FROM%20Contact%20WHERE")
                    != std::string::npos);
            QCOMPARE(recorder.exchanges[1].method, std::string("PATCH"));
            QVERIFY(recorder.exchanges[1].url.ends_with("/services/data/v60.0/composite/sobjects"));
            const json sent = json::parse(recorder.exchanges[1].requestBody);
            QVERIFY(sent["records"][0]["id"].is_string());
            QCOMPARE(server.crm.salesforceRecords("Contact").size(), std::size_t(3));
            QCOMPARE(
                (*server.crm.salesforceRecord("Contact", "Sluice_Id__c", "o'brien"))["LastName"].get<std::string>(),
                std::string("NewO"));
        }
        {
            SalesforceDestination sf(settingsFor(server));
            QVERIFY(sf.begin(contactRun(SyncMode::Mirror)));
            server.crm.reset();
            for (const std::string id : {"u-1", "u-2", "u-3"})
                server.crm.seedSalesforce("Contact", {{"Sluice_Id__c", id}, {"LastName", "Old"}});
            auto r = sf.write(1, std::vector<Record>{sfContact("u-4", Value("Four")), sfRemoval("u-1"),
                                                     sfRemoval("u-3"), sfRemoval("u-7")});
            QVERIFY2(r && allDelivered(*r), r ? "" : r.error().message.c_str());
            std::set<std::string> left;
            for (const auto &c : server.crm.salesforceRecords("Contact"))
                left.insert(c["Sluice_Id__c"].get<std::string>());
            QCOMPARE(left, (std::set<std::string>{"u-2", "u-4"}));
            const auto requests = server.crm.requests("salesforce");
            QCOMPARE(requests.back().method, std::string("DELETE"));
            QVERIFY(requests.back().query.starts_with("ids="));
        }
        {
            server.crm.reset();
            SalesforceDestination sf(settingsFor(server));
            QVERIFY(sf.begin(contactRun(SyncMode::Insert)));
            auto r = sf.write(1, std::vector<Record>{sfContact("u-1", Value("A"), "A", "VIP", RecordOp::Insert),
                                                     sfContact("u-1", Value("B"), "B", "VIP", RecordOp::Insert)});
            QVERIFY(r);
            QCOMPARE((*r)[0].outcome, Outcome::Delivered);
            QCOMPARE((*r)[1].outcome, Outcome::Rejected);
            QVERIFY2((*r)[1].reason.starts_with("DUPLICATE_VALUE: duplicate value found: Sluice_Id__c"),
                     (*r)[1].reason.c_str());
            QCOMPARE(server.crm.requests("salesforce").back().method, std::string("POST"));
        }
        {
            SalesforceDestination sf(settingsFor(server));
            RunInfo run = contactRun(SyncMode::Upsert);
            run.fields.erase(run.fields.begin());
            auto r = sf.begin(run);
            QVERIFY(!r);
            QCOMPARE(r.error().code, std::string("salesforce.external_id_unmapped"));
            SalesforceSettings none = settingsFor(server);
            none.externalIdField.clear();
            auto n = SalesforceDestination(none).begin(contactRun(SyncMode::Upsert));
            QVERIFY(!n);
            QCOMPARE(n.error().code, std::string("salesforce.no_external_id"));
        }
    }

    // Issue 22: SOQL matches external ids without regard to case unless the
    // field is case-sensitive, and so must the client.
    void externalIdsMatchTheWayTheOrgDoes()
    {
        CrmServer server;
        for (const std::string id : {"u-1", "u-2", "U-3"})
            server.crm.seedSalesforce("Contact", {{"Sluice_Id__c", id}, {"LastName", "Old"}});
        {
            // Update: u-3 is the record stored as U-3, as an upsert would find it.
            SalesforceDestination sf(settingsFor(server));
            QVERIFY(sf.begin(contactRun(SyncMode::Update)));
            std::vector<Record> batch;
            for (int i = 1; i <= 5; ++i)
                batch.push_back(sfContact(uid(i), Value("New" + std::to_string(i)), "A", "VIP", RecordOp::Update));
            auto r = sf.write(1, batch);
            QVERIFY(r);
            for (int i = 0; i < 3; ++i)
                QVERIFY2((*r)[i].outcome == Outcome::Delivered, (*r)[i].reason.c_str());
            QCOMPARE((*r)[3].reason,
                     std::string("no Contact has Sluice_Id__c 'u-4' (update mode does not create records)"));
            QCOMPARE((*r)[4].outcome, Outcome::Rejected);
            QCOMPARE((*server.crm.salesforceRecord("Contact", "Sluice_Id__c", "U-3"))["LastName"].get<std::string>(),
                     std::string("New3"));
            QCOMPARE(server.crm.salesforceRecords("Contact").size(), std::size_t(3));
        }
        {
            // Mirror: the model lost u-2, stored as U-2 meanwhile: it is deleted.
            server.crm.reset();
            for (const std::string id : {"u-1", "U-2", "u-3"})
                server.crm.seedSalesforce("Contact", {{"Sluice_Id__c", id}, {"LastName", "Old"}});
            SalesforceDestination sf(settingsFor(server));
            QVERIFY(sf.begin(contactRun(SyncMode::Mirror)));
            auto r = sf.write(1, std::vector<Record>{sfRemoval("u-2")});
            QVERIFY2(r && allDelivered(*r), r ? (*r)[0].reason.c_str() : r.error().message.c_str());
            std::set<std::string> left;
            for (const auto &c : server.crm.salesforceRecords("Contact"))
                left.insert(c["Sluice_Id__c"].get<std::string>());
            QCOMPARE(left, (std::set<std::string>{"u-1", "u-3"}));
        }
        {
            // Two records for one key (the fake lets a seed bypass uniqueness):
            // a clear rejection, and nothing deleted or updated.
            server.crm.reset();
            for (const std::string id : {"u-7", "U-7"})
                server.crm.seedSalesforce("Contact", {{"Sluice_Id__c", id}, {"LastName", "Old"}});
            SalesforceDestination sf(settingsFor(server));
            QVERIFY(sf.begin(contactRun(SyncMode::Mirror)));
            auto r = sf.write(1, std::vector<Record>{sfRemoval("u-7")});
            QVERIFY(r);
            QCOMPARE((*r)[0].outcome, Outcome::Rejected);
            QCOMPARE(
                (*r)[0].reason,
                std::string("DUPLICATE_EXTERNAL_ID: Sluice_Id__c 'u-7' matches 2 Contact records; none was deleted"));
            QCOMPARE(server.crm.salesforceRecords("Contact").size(), std::size_t(2));
            SalesforceDestination update(settingsFor(server));
            QVERIFY(update.begin(contactRun(SyncMode::Update)));
            auto u = update.write(1, std::vector<Record>{sfContact("u-7", Value("X"), "A", "VIP", RecordOp::Update)});
            QVERIFY(u);
            QCOMPARE((*u)[0].reason,
                     std::string("DUPLICATE_EXTERNAL_ID: Sluice_Id__c 'u-7' matches 2 Contact records"));
        }
        {
            // A case-sensitive external id (describe: caseSensitive) matches exactly.
            server.crm.reset();
            server.crm.seedSalesforce("Contact", {{"Member_Code__c", "M-1"}, {"LastName", "Upper"}});
            server.crm.seedSalesforce("Contact", {{"Member_Code__c", "m-2"}, {"LastName", "Lower"}});
            SalesforceSettings settings = settingsFor(server);
            settings.externalIdField = "Member_Code__c";
            SalesforceDestination sf(settings);
            RunInfo run = contactRun(SyncMode::Update);
            run.fields[0].name = "Member_Code__c";
            run.keyFields = {"Member_Code__c"};
            QVERIFY(sf.begin(run));
            auto r = sf.write(1, std::vector<Record>{sfContact("m-1", Value("X"), "A", "VIP", RecordOp::Update),
                                                     sfContact("m-2", Value("Y"), "A", "VIP", RecordOp::Update)});
            QVERIFY(r);
            QCOMPARE((*r)[0].reason,
                     std::string("no Contact has Member_Code__c 'm-1' (update mode does not create records)"));
            QVERIFY2((*r)[1].outcome == Outcome::Delivered, (*r)[1].reason.c_str());
            QCOMPARE((*server.crm.salesforceRecord("Contact", "Member_Code__c", "M-1"))["LastName"].get<std::string>(),
                     std::string("Upper"));
        }
    }

    void testConnectionAndDescribe()
    {
        CrmServer server;
        {
            auto ok = SalesforceDestination(settingsFor(server, "Lead")).testConnection();
            QVERIFY2(ok, ok ? "" : ok.error().describe().c_str());
            QVERIFY2(ok->starts_with("connected to Salesforce: Lead has ")
                         && ok->find("; Sluice_Id__c is an External ID (api-usage=1/15000)") != std::string::npos,
                     ok->c_str());
        }
        {
            auto unknown = SalesforceDestination(settingsFor(server, "Leed")).testConnection();
            QVERIFY(!unknown);
            QCOMPARE(unknown.error().message, std::string("unknown object 'Leed'"));
            SalesforceSettings s = settingsFor(server, "Lead");
            s.externalIdField = "Email";
            auto notExternal = SalesforceDestination(s).testConnection();
            QVERIFY(!notExternal);
            QCOMPARE(notExternal.error().message, std::string("'Email' is not an External ID field of Lead"));
            s.externalIdField = "Nope__c";
            auto missing = SalesforceDestination(s).testConnection();
            QVERIFY(!missing);
            QCOMPARE(missing.error().message, std::string("Lead has no field 'Nope__c'"));
            s = settingsFor(server, "Lead");
            s.accessToken = "nope";
            auto refused = SalesforceDestination(s).testConnection();
            QVERIFY(!refused);
            QCOMPARE(refused.error().message,
                     std::string("the token was refused (Salesforce answered 401 INVALID_SESSION_ID)"));
        }
        {
            SalesforceSettings s = settingsFor(server, "Lead");
            s.customFields = {{"Region__c", "enumeration"}};
            auto objects = SalesforceDestination(s).describe();
            QVERIFY2(objects, objects ? "" : objects.error().describe().c_str());
            QCOMPARE(objects->size(), std::size_t(3));
            const DestinationObject &lead = (*objects)[0];
            QCOMPARE(lead.name, std::string("Lead"));
            auto field = [&](const std::string &name) -> const ObjectField * {
                for (const auto &f : lead.fields)
                    if (f.name == name)
                        return &f;
                return nullptr;
            };
            QVERIFY(field("LastName") && field("LastName")->required);
            QVERIFY(field("Company") && field("Company")->required);
            QVERIFY(field("Sluice_Id__c") && field("Sluice_Id__c")->identifier && field("Sluice_Id__c")->custom);
            QCOMPARE(field("Lead_Score__c")->type, ValueType::Real);
            QVERIFY(field("Lead_Score__c")->custom);
            QCOMPARE(field("Email")->format, std::string("email"));
            QCOMPARE(field("LeadSource")->format, std::string("enum"));
            QVERIFY(!field("LeadSource")->options.empty());
            QVERIFY(!field("Status")->required); // defaulted on create
            QVERIFY(!field("Id") && !field("CreatedDate"));
            QVERIFY(field("Region__c") && field("Region__c")->custom);
            QCOMPARE((*objects)[1].name, std::string("Contact"));
            QCOMPARE((*objects)[2].name, std::string("Account"));
        }
    }

    // "Done means": the demo's salesforce_leads model mirrored to Lead (external
    // id Sluice_Id__c) over several runs that insert, update and delete rows,
    // with a rejected row carrying Salesforce's reason into the job log and
    // `sluicectl rejected`.
    void demoLeadsOverSeveralRuns()
    {
        CrmServer server;
        QTemporaryDir dir;
        const std::string project = dir.filePath("demo.sluice").toStdString();
        QVERIFY(createDemoProject(project, 80));
        const std::string warehouse = demoWarehousePath(project);
        // Twenty marketing-qualified leads created today.
        sqliteExec(warehouse, "UPDATE users SET lifecycle_stage = 'MQL', created_at = (SELECT today FROM demo_clock) "
                              "WHERE user_id <= 20");
        {
            auto store = ProjectStore::open(project);
            auto config = (*store)->load();
            QVERIFY(config);
            config->destinations.push_back(DestinationDef{"salesforce",
                                                          "salesforce",
                                                          {{"instanceUrl", server.salesforceUrl()},
                                                           {"accessToken", "${env:SLUICE_TST_SF_TOKEN}"},
                                                           {"object", "Lead"},
                                                           {"externalIdField", "Sluice_Id__c"},
                                                           {"timeoutSeconds", 10}}});
            config->syncs.push_back(SyncDef{"leads_to_salesforce", "salesforce_leads", "salesforce", "mirror",
                                            json::array(), json{{"retryBaseMs", 20}}});
            QVERIFY((*store)->save(*config));
        }
        const std::vector<std::string> columns
            = {"Sluice_Id__c", "Email", "FirstName", "LastName", "Company", "Lead_Score__c", "LeadSource"};
        auto model = [&] {
            auto store = ProjectStore::open(project);
            const ModelDef def = *(*store)->model("salesforce_leads");
            std::map<std::string, json> rows;
            for (const auto &row : sqliteRows(warehouse, "SELECT * FROM (" + def.sql + ")")) {
                json lead = json::object();
                for (std::size_t i = 0; i < columns.size(); ++i)
                    if (row[i] != "NULL")
                        lead[columns[i]] = columns[i] == "Lead_Score__c" ? json(std::stod(row[i])) : json(row[i]);
                rows[row[0]] = lead;
            }
            return rows;
        };
        auto held = [&] {
            std::map<std::string, json> rows;
            for (const auto &lead : server.crm.salesforceRecords("Lead")) {
                json picked = json::object();
                for (const auto &c : columns)
                    if (lead.contains(c))
                        picked[c] = c == "Lead_Score__c" ? json(lead[c].get<double>()) : lead[c];
                rows[lead["Sluice_Id__c"].get<std::string>()] = picked;
            }
            return rows;
        };
        // Each run as a user starts it from a shell: `sluicectl run --json`.
        auto runOnce = [&] { return runSyncWithSluicectlOrStop(project, "leads_to_salesforce"); };

        const RunSummary first = runOnce();
        QCOMPARE(first.status, std::string("succeeded"));
        const auto initial = model();
        QVERIFY(initial.size() >= 20);
        QCOMPARE(first.added.delivered, std::int64_t(initial.size()));
        QCOMPARE(held(), initial);
        for (const auto &lead : server.crm.salesforceRecords("Lead"))
            QCOMPARE(lead["Status"].get<std::string>(), std::string("Open - Not Contacted"));

        // A new lead, a score change, a lead gone, and a last name Salesforce requires.
        sqliteExec(
            warehouse,
            "INSERT INTO users SELECT 1001, 'new.lead@example.com', 'New', 'Lead', NULL, country, city, company, "
            "status, 'MQL', 'Web', 77, (SELECT today FROM demo_clock) FROM users WHERE user_id = 1;"
            "UPDATE users SET lead_score = 99 WHERE user_id = 1;"
            "DELETE FROM users WHERE user_id = 2;"
            "UPDATE users SET last_name = '' WHERE user_id = 3;");
        const RunSummary second = runOnce();
        QCOMPARE(second.status, std::string("partial"));
        QCOMPARE(second.added.delivered, std::int64_t(1));
        QCOMPARE(second.changed.delivered, std::int64_t(1));
        QCOMPARE(second.changed.rejected, std::int64_t(1));
        QCOMPARE(second.removed.delivered, std::int64_t(1));
        auto expected = model();
        expected["u-3"] = initial.at("u-3"); // the refused change left Salesforce's copy as it was
        QCOMPARE(held(), expected);
        QCOMPARE(held()["u-1"]["Lead_Score__c"].get<double>(), 99.0);
        QVERIFY(!held().count("u-2"));
        QCOMPARE(held()["u-1001"]["LastName"].get<std::string>(), std::string("Lead"));

        QVERIFY(rejectionLogged(project, second.runId, "u-3", kMissingLastName));
        auto state = StateStore::open(project);
        QVERIFY(state);
        auto exchanges = RunRecorder::exchanges((*state)->handle(), second.runId);
        QVERIFY(exchanges && !exchanges->empty());
        for (const auto &e : *exchanges)
            QVERIFY2(e.exchange.responseHeaders.find("Sforce-Limit-Info: api-usage=") != std::string::npos,
                     e.exchange.url.c_str());
        state->reset();
        const CliResult cli
            = runSluicectl({"rejected", QString::fromStdString(project), "--sync", "leads_to_salesforce"});
        QCOMPARE(cli.exitCode, 0);
        QVERIFY2(cli.out.contains("u-3") && cli.out.contains("REQUIRED_FIELD_MISSING"), cli.out.constData());
        const CliResult full
            = runSluicectl({"rejected", QString::fromStdString(project), "--sync", "leads_to_salesforce", "--json"});
        QCOMPARE(full.exitCode, 0);
        QVERIFY2(full.out.contains(QByteArray::fromStdString(json(kMissingLastName).dump())), full.out.constData());

        // Fixed at the source: Salesforce matches the model again.
        sqliteExec(warehouse, "UPDATE users SET last_name = 'Fixed' WHERE user_id = 3;");
        const RunSummary third = runOnce();
        QCOMPARE(third.status, std::string("succeeded"));
        QCOMPARE(held(), model());
        QCOMPARE(held()["u-3"]["LastName"].get<std::string>(), std::string("Fixed"));
        const CliResult after
            = runSluicectl({"rejected", QString::fromStdString(project), "--sync", "leads_to_salesforce"});
        QVERIFY(!after.out.contains("REQUIRED_FIELD_MISSING"));
    }
};

QTEST_GUILESS_MAIN(TstSalesforceMirror)
#include "tst_salesforce_mirror.moc"

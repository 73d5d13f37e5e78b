// The Salesforce connector against the loopback Salesforce fake: its kind and
// settings, values typed for the field, and contract cases 9-11 of
// shared/reference/destination-apis.md (errors per record, allOrNone, at most
// 200 records a request) driven directly (begin, write) and through sync runs.

#include "salesforcetesting.h"

#include "project/runrecorder.h"
#include "project/statestore.h"

class TstSalesforceWrites : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { setSalesforceTestSecrets(); }

    void kindSettingsAndFactory()
    {
        const KindSpec *spec = findDestinationKind("salesforce");
        QVERIFY(spec);
        QVERIFY(spec->find("instanceUrl")->required);
        for (const char *secret : {"accessToken", "clientSecret", "refreshToken"})
            QVERIFY2(spec->find(secret)->secret, secret);
        QCOMPARE(spec->find("apiVersion")->defaultValue.get<std::string>(), std::string("v60.0"));
        QCOMPARE(spec->find("batchSize")->defaultValue.get<int>(), 200);
        QCOMPARE(spec->find("allOrNone")->defaultValue.get<bool>(), false);
        QCOMPARE(spec->find("bulk")->defaultValue.get<bool>(), false);

        auto noUrl = makeDestination(DestinationDef{"s", "salesforce", {{"accessToken", "${env:SLUICE_TST_SF_TOKEN}"}}},
                                     DestinationContext{{}, SecretAccess::Allowed});
        QVERIFY(!noUrl);
        QCOMPARE(noUrl.error().code, std::string("settings.required"));
        auto noCredentials
            = makeDestination(DestinationDef{"s", "salesforce", {{"instanceUrl", "https://x.my.salesforce.com"}}},
                              DestinationContext{{}, SecretAccess::Allowed});
        QVERIFY(!noCredentials);
        QCOMPARE(noCredentials.error().code, std::string("salesforce.no_credentials"));
        auto big = makeDestination(DestinationDef{"s",
                                                  "salesforce",
                                                  {{"instanceUrl", "https://x.my.salesforce.com"},
                                                   {"accessToken", "${env:SLUICE_TST_SF_TOKEN}"},
                                                   {"batchSize", 201}}},
                                   DestinationContext{{}, SecretAccess::Allowed});
        QVERIFY(!big);
        QCOMPARE(big.error().code, std::string("settings.batch_size"));
        auto plain = makeDestination(
            DestinationDef{
                "s",
                "salesforce",
                {{"instanceUrl", "https://x.my.salesforce.com"}, {"refreshToken", "5Aep861..."}, {"clientId", "app"}}},
            DestinationContext{{}, SecretAccess::Allowed});
        QVERIFY(!plain);
        QCOMPARE(plain.error().code, std::string("settings.plain_secret"));

        auto made = makeDestination(DestinationDef{"s",
                                                   "salesforce",
                                                   {{"instanceUrl", "https://x.my.salesforce.com"},
                                                    {"refreshToken", "${env:SLUICE_TST_SF_REFRESH}"},
                                                    {"clientId", "sluice-app"}}},
                                    DestinationContext{{}, SecretAccess::Allowed});
        QVERIFY2(made, made ? "" : made.error().describe().c_str());
        QCOMPARE((*made)->kind(), std::string_view("salesforce"));
        QCOMPARE((*made)->limits().maxBatchRecords, 200);
        auto bulk = makeDestination(DestinationDef{"s",
                                                   "salesforce",
                                                   {{"instanceUrl", "https://x.my.salesforce.com"},
                                                    {"accessToken", "${env:SLUICE_TST_SF_TOKEN}"},
                                                    {"bulk", true}}},
                                    DestinationContext{{}, SecretAccess::Allowed});
        QVERIFY(bulk);
        QCOMPARE((*bulk)->limits().maxBatchRecords, 10000);
        QCOMPARE((*bulk)->limits().maxBatchBytes, std::size_t(100) * 1024 * 1024);
    }

    void valuesAreTypedForTheField()
    {
        using S = SalesforceDestination;
        QCOMPARE(*S::jsonValue(Value("12.5"), "double", false), std::string("12.5"));
        QCOMPARE(*S::jsonValue(Value(std::int64_t(7)), "double", false), std::string("7"));
        QCOMPARE(*S::jsonValue(Value(3.0), "int", false), std::string("3"));
        QCOMPARE(*S::jsonValue(Value("yes"), "boolean", false), std::string("true"));
        QCOMPARE(*S::jsonValue(Value(false), "boolean", false), std::string("false"));
        QCOMPARE(*S::jsonValue(Value("2024-05-01 10:00:00"), "date", false), std::string("\"2024-05-01\""));
        QCOMPARE(*S::jsonValue(Value("2024-05-01T10:00:00+02:00"), "datetime", false),
                 std::string("\"2024-05-01T08:00:00Z\""));
        QCOMPARE(*S::jsonValue(Value(std::int64_t(42)), "string", false), std::string("\"42\""));
        QCOMPARE(*S::jsonValue(Value(std::int64_t(42)), "", false), std::string("42"));
        QCOMPARE(*S::jsonValue(Value("Ng"), "string", false), std::string("\"Ng\""));
        QVERIFY(!S::jsonValue(Value(), "string", false));
        QCOMPARE(*S::jsonValue(Value(), "string", true), std::string("null"));
        QCOMPARE(*S::csvValue(Value(), "string", true), std::string("#N/A"));
        QCOMPARE(*S::csvValue(Value(1520.5), "currency", false), std::string("1520.5"));
    }

    // Contract case 9.
    void upsertTwoHundredWithOneBad()
    {
        CrmServer server;
        for (int i = 100; i < 150; ++i)
            server.crm.seedSalesforce("Contact", {{"Sluice_Id__c", uid(i)}, {"LastName", "Seed"}, {"FirstName", "S"}});
        SalesforceDestination sf(settingsFor(server));
        Recorder recorder;
        QVERIFY(sf.begin(contactRun(SyncMode::Upsert, &recorder)));
        std::vector<Record> batch;
        for (int i = 0; i < 200; ++i)
            batch.push_back(
                sfContact(uid(i), i == 4 ? Value() : Value("Last" + std::to_string(i)), "F" + std::to_string(i)));
        auto r = sf.write(1, batch);
        QVERIFY(r);
        QCOMPARE(r->size(), std::size_t(200));
        for (int i = 0; i < 200; ++i)
            if (i != 4)
                QVERIFY2((*r)[std::size_t(i)].outcome == Outcome::Delivered, (*r)[std::size_t(i)].reason.c_str());
        QCOMPARE((*r)[4].outcome, Outcome::Rejected);
        QCOMPARE((*r)[4].reason, kMissingLastName);

        const HttpExchange &e = recorder.exchanges.back();
        QCOMPARE(e.method, std::string("PATCH"));
        QVERIFY(e.url.ends_with("/salesforce/services/data/v60.0/composite/sobjects/Contact/Sluice_Id__c"));
        QCOMPARE(e.status, 200);
        QVERIFY(e.responseHeaders.find("Sforce-Limit-Info: api-usage=") != std::string::npos);
        const json sent = json::parse(e.requestBody);
        QCOMPARE(sent["allOrNone"].get<bool>(), false);
        QCOMPARE(sent["records"].size(), std::size_t(200));
        QCOMPARE_JSON(sent["records"][0], (json{{"attributes", {{"type", "Contact"}}},
                                                {"Sluice_Id__c", "u-0"},
                                                {"LastName", "Last0"},
                                                {"FirstName", "F0"},
                                                {"Email", "u-0@example.com"},
                                                {"Tier__c", "VIP"}}));
        QVERIFY(!sent["records"][4].contains("LastName"));
        const json answer = json::parse(e.responseBody);
        QCOMPARE(answer.size(), std::size_t(200));
        QCOMPARE(answer[4]["success"].get<bool>(), false);
        QCOMPARE(answer[4]["errors"][0]["statusCode"].get<std::string>(), std::string("REQUIRED_FIELD_MISSING"));
        QCOMPARE_JSON(answer[4]["errors"][0]["fields"], json::array({"LastName"}));
        for (int i = 0; i < 200; ++i)
            if (i != 4) {
                QCOMPARE(answer[i]["success"].get<bool>(), true);
                QCOMPARE(answer[i]["created"].get<bool>(), !(i >= 100 && i < 150));
            }
        QCOMPARE(server.crm.salesforceRecords("Contact").size(), std::size_t(199));
        const auto u120 = server.crm.salesforceRecord("Contact", "Sluice_Id__c", "u-120");
        QVERIFY(u120);
        QCOMPARE((*u120)["FirstName"].get<std::string>(), std::string("F120"));
        QVERIFY(!server.crm.salesforceRecord("Contact", "Sluice_Id__c", "u-4"));
    }

    // Contract case 10.
    void allOrNoneRollsBackAndResendsTheRest()
    {
        CrmServer server;
        for (int i = 100; i < 150; ++i)
            server.crm.seedSalesforce("Contact", {{"Sluice_Id__c", uid(i)}, {"LastName", "Seed"}, {"FirstName", "S"}});
        SalesforceSettings s = settingsFor(server);
        s.allOrNone = true;
        SalesforceDestination sf(s);
        QVERIFY(sf.begin(contactRun(SyncMode::Upsert)));
        std::vector<Record> batch;
        for (int i = 0; i < 200; ++i)
            batch.push_back(
                sfContact(uid(i), i == 4 ? Value() : Value("Last" + std::to_string(i)), "F" + std::to_string(i)));
        auto r = sf.write(1, batch);
        QVERIFY(r);
        QCOMPARE((*r)[4].outcome, Outcome::Rejected);
        QCOMPARE((*r)[4].reason, kMissingLastName);
        for (int i = 0; i < 200; ++i)
            if (i != 4) {
                QCOMPARE((*r)[std::size_t(i)].outcome, Outcome::Retryable);
                QVERIFY((*r)[std::size_t(i)].reason.starts_with("ALL_OR_NONE_OPERATION_ROLLED_BACK: "));
            }
        // Nothing saved.
        const auto stored = server.crm.salesforceRecords("Contact");
        QCOMPARE(stored.size(), std::size_t(50));
        for (const auto &record : stored)
            QCOMPARE(record["FirstName"].get<std::string>(), std::string("S"));
        // Sent again without the bad one (what the executor does): all saved.
        std::vector<Record> rest;
        for (int i = 0; i < 200; ++i)
            if (i != 4)
                rest.push_back(batch[std::size_t(i)]);
        auto again = sf.write(1, rest);
        QVERIFY(again && allDelivered(*again));
        QCOMPARE(server.crm.salesforceRecords("Contact").size(), std::size_t(199));
    }

    void allOrNoneThroughARun()
    {
        CrmServer server;
        SyncFixture f(30);
        f.warehouse("UPDATE people SET name = '' WHERE id = 7");
        f.addSync("s", salesforceDef(server, {{"allOrNone", true}}), "upsert", fastRetries(), peopleMapping());
        const RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("partial"));
        QCOMPARE(r.delivered(), std::int64_t(29));
        QCOMPARE(r.rejected(), std::int64_t(1));
        QCOMPARE(r.retries, std::int64_t(1));
        QCOMPARE(server.crm.salesforceWriteRequests(), 2);
        QCOMPARE(server.crm.salesforceRecords("Contact").size(), std::size_t(29));
        auto state = StateStore::open(f.projectPath());
        auto events = RunRecorder::events((*state)->handle(), r.runId, LogLevel::Warning);
        QVERIFY(events);
        bool logged = false;
        for (const auto &e : *events)
            logged = logged || (e.rowKey == "7" && e.message == "rejected: " + kMissingLastName);
        QVERIFY(logged);
    }

    // Contract case 11.
    void neverMoreThanTwoHundredRecords()
    {
        CrmServer server;
        json records = json::array();
        for (int i = 0; i < 201; ++i)
            records.push_back(json{{"attributes", {{"type", "Contact"}}}, {"Sluice_Id__c", uid(i)}, {"LastName", "L"}});
        HttpRequest request;
        request.method = "PATCH";
        request.url = server.salesforceUrl() + "/services/data/v60.0/composite/sobjects/Contact/Sluice_Id__c";
        request.headers = {{"Authorization", "Bearer sandbox-token"}, {"Content-Type", "application/json"}};
        request.body = json{{"allOrNone", false}, {"records", records}}.dump();
        const HttpResponse refused = HttpClient::forThisThread().send(request);
        QCOMPARE(refused.status, 400);
        QCOMPARE(json::parse(refused.body)[0]["errorCode"].get<std::string>(), std::string("EXCEEDED_ID_LIMIT"));
        QVERIFY(server.crm.salesforceRecords("Contact").empty());
        server.crm.reset();

        SyncFixture f(450);
        f.addSync("s", salesforceDef(server), "upsert", json{{"batchSize", 1000}}, peopleMapping());
        const RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.delivered(), std::int64_t(450));
        QCOMPARE(server.crm.salesforceLargestBatch(), 200);
        QCOMPARE(server.crm.salesforceWriteRequests(), 3);
        const auto p9 = server.crm.salesforceRecord("Contact", "Sluice_Id__c", "9");
        QVERIFY(p9);
        QCOMPARE((*p9)["LastName"].get<std::string>(), std::string("Person 9"));
        QCOMPARE((*p9)["Email"].get<std::string>(), std::string("p9@example.com"));
    }
};

QTEST_GUILESS_MAIN(TstSalesforceWrites)
#include "tst_salesforce_writes.moc"

// The HubSpot connector against the loopback HubSpot fake: its kind and
// settings, property values as strings, and contract cases 1-4 of
// shared/reference/destination-apis.md (upserts, at most 100 inputs a batch,
// unknown ids on update, create failures by trace id) driven directly (begin,
// write) and through sync runs.

#include "hubspottesting.h"

#include <set>

class TstHubspotWrites : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { qputenv("SLUICE_TST_HUBSPOT_TOKEN", "sandbox-token"); }

    void kindSettingsAndFactory()
    {
        const KindSpec *spec = findDestinationKind("hubspot");
        QVERIFY(spec);
        QVERIFY(spec->find("accessToken") && spec->find("accessToken")->secret);
        QCOMPARE(spec->find("baseUrl")->defaultValue.get<std::string>(), std::string("https://api.hubapi.com"));
        QCOMPARE(spec->find("batchSize")->defaultValue.get<int>(), 100);
        QCOMPARE(spec->find("idProperty")->defaultValue.get<std::string>(), std::string("email"));
        QCOMPARE(spec->find("requestsPerSecond")->defaultValue.get<double>(), 10.0);

        // A token in plain text is refused; over 100 records per request too.
        auto plain = makeDestination(DestinationDef{"h", "hubspot", {{"accessToken", "pat-na1-123"}}},
                                     DestinationContext{{}, SecretAccess::Allowed});
        QVERIFY(!plain);
        QCOMPARE(plain.error().code, std::string("settings.plain_secret"));
        auto big = makeDestination(
            DestinationDef{"h", "hubspot", {{"accessToken", "${env:SLUICE_TST_HUBSPOT_TOKEN}"}, {"batchSize", 101}}},
            DestinationContext{{}, SecretAccess::Allowed});
        QVERIFY(!big);
        QCOMPARE(big.error().code, std::string("settings.batch_size"));
        auto badType = makeDestination(DestinationDef{"h",
                                                      "hubspot",
                                                      {{"accessToken", "${env:SLUICE_TST_HUBSPOT_TOKEN}"},
                                                       {"customFields", {{"tier", "colour"}}}}},
                                       DestinationContext{{}, SecretAccess::Allowed});
        QVERIFY(!badType);

        auto made
            = makeDestination(DestinationDef{"h", "hubspot", {{"accessToken", "${env:SLUICE_TST_HUBSPOT_TOKEN}"}}},
                              DestinationContext{{}, SecretAccess::Allowed});
        QVERIFY2(made, made ? "" : made.error().describe().c_str());
        QCOMPARE((*made)->kind(), std::string_view("hubspot"));
        QCOMPARE((*made)->supportedModes(),
                 (std::vector<SyncMode>{SyncMode::Upsert, SyncMode::Insert, SyncMode::Update, SyncMode::Mirror}));
        const DestinationLimits limits = (*made)->limits();
        QCOMPARE(limits.maxBatchRecords, 100);
        QCOMPARE(limits.defaultBatchRecords, 100);
        QCOMPARE(limits.requestsPerSecond, 10.0);
    }

    void propertyValuesAreStrings()
    {
        using H = HubspotDestination;
        QCOMPARE(*H::propertyText(Value(1520.0), "number", false), std::string("1520"));
        QCOMPARE(*H::propertyText(Value(1520.25), "number", false), std::string("1520.25"));
        QCOMPARE(*H::propertyText(Value(1e20), "number", false), std::string("100000000000000000000"));
        QCOMPARE(*H::propertyText(Value(0.1), "string", false), std::string("0.1"));
        QCOMPARE(*H::propertyText(Value(std::int64_t(42)), "number", false), std::string("42"));
        QCOMPARE(*H::propertyText(Value(true), "bool", false), std::string("true"));
        QCOMPARE(*H::propertyText(Value("yes"), "bool", false), std::string("true"));
        QCOMPARE(*H::propertyText(Value(std::int64_t(0)), "bool", false), std::string("false"));
        QCOMPARE(*H::propertyText(Value("2024-05-01 10:30:00"), "date", false), std::string("2024-05-01"));
        QCOMPARE(*H::propertyText(Value("2024-05-01"), "date", false), std::string("2024-05-01"));
        QCOMPARE(*H::propertyText(Value("2024-05-01T00:00:00Z"), "datetime", false), std::string("1714521600000"));
        QCOMPARE(*H::propertyText(Value("2024-05-01T10:00:00+02:00"), "datetime", false), std::string("1714550400000"));
        QCOMPARE(*H::propertyText(Value("VIP"), "enumeration", false), std::string("VIP"));
        // NULL: left out, or "" (which clears the property) when the user opts in.
        QVERIFY(!H::propertyText(Value(), "string", false));
        QCOMPARE(*H::propertyText(Value(), "string", true), std::string(""));
    }

    // Contract case 1.
    void upsertHundredThenAgain()
    {
        CrmServer server;
        HubspotDestination hs(settingsFor(server));
        Recorder recorder;
        QVERIFY(hs.begin(contactsRun(SyncMode::Upsert, &recorder)));
        std::vector<Record> batch;
        for (int i = 0; i < 100; ++i)
            batch.push_back(contact(email(i), "C" + std::to_string(i), Value(10.5 * i), i % 2 ? "VIP" : "Standard"));
        auto first = hs.write(1, batch);
        QVERIFY(first);
        QCOMPARE(first->size(), std::size_t(100));
        QVERIFY(allDelivered(*first));
        QCOMPARE(server.crm.hubspotContacts().size(), std::size_t(100));

        QCOMPARE(recorder.exchanges.size(), std::size_t(1));
        const HttpExchange &e1 = recorder.exchanges[0];
        QCOMPARE(e1.method, std::string("POST"));
        QVERIFY(e1.url.ends_with("/hubspot/crm/v3/objects/contacts/batch/upsert"));
        QCOMPARE(e1.status, 200);
        QVERIFY(e1.requestHeaders.find("Authorization: Bearer [redacted]") != std::string::npos);
        const json answer = json::parse(e1.responseBody);
        QCOMPARE(answer["status"].get<std::string>(), std::string("COMPLETE"));
        QCOMPARE(answer["results"].size(), std::size_t(100));
        for (const auto &result : answer["results"])
            QCOMPARE(result["new"].get<bool>(), true);
        // Exactly the wire format: idProperty, id, string properties.
        const json sent = json::parse(e1.requestBody);
        QCOMPARE(sent["inputs"].size(), std::size_t(100));
        const json &input3 = sent["inputs"][3];
        QCOMPARE(input3["idProperty"].get<std::string>(), std::string("email"));
        QCOMPARE(input3["id"].get<std::string>(), email(3));
        QCOMPARE_JSON(input3["properties"], (json{{"firstname", "C3"},
                                                  {"lifetime_value", "31.5"},
                                                  {"user_tier", "VIP"},
                                                  {"last_activity_date", "2024-05-01"}}));
        for (const auto &input : sent["inputs"])
            for (const auto &[name, value] : input["properties"].items())
                QVERIFY2(value.is_string(), name.c_str());

        // Second identical run: every result new: false, nothing added.
        auto second = hs.write(2, batch);
        QVERIFY(second && allDelivered(*second));
        QCOMPARE(server.crm.hubspotContacts().size(), std::size_t(100));
        const json again = json::parse(recorder.exchanges.at(1).responseBody);
        QCOMPARE(again["results"].size(), std::size_t(100));
        for (const auto &result : again["results"])
            QCOMPARE(result["new"].get<bool>(), false);
        const auto c7 = server.crm.hubspotContact(email(7));
        QVERIFY(c7);
        QCOMPARE_JSON(props(*c7), (json{{"email", email(7)},
                                        {"firstname", "C7"},
                                        {"lifetime_value", "73.5"},
                                        {"user_tier", "VIP"},
                                        {"last_activity_date", "2024-05-01"}}));
    }

    // Contract case 2.
    void batchesNeverExceedHundred()
    {
        CrmServer server;
        // The fake refuses 101 inputs as a whole and writes nothing.
        json inputs = json::array();
        for (int i = 0; i < 101; ++i)
            inputs.push_back(json{{"idProperty", "email"}, {"id", email(i)}, {"properties", json::object()}});
        HttpRequest request;
        request.url = server.hubspotUrl() + "/crm/v3/objects/contacts/batch/upsert";
        request.headers = {{"Authorization", "Bearer sandbox-token"}, {"Content-Type", "application/json"}};
        request.body = json{{"inputs", inputs}}.dump();
        const HttpResponse refused = HttpClient::forThisThread().send(request);
        QCOMPARE(refused.status, 400);
        QCOMPARE(json::parse(refused.body)["category"].get<std::string>(), std::string("VALIDATION_ERROR"));
        QVERIFY(server.crm.hubspotContacts().empty());
        server.crm.reset();

        // A sync of 250 rows never sends more than 100 inputs, even when asked to.
        SyncFixture f(250);
        f.addSync("s", hubspotDef(server), "upsert", json{{"batchSize", 500}}, peopleMapping());
        const RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.delivered(), std::int64_t(250));
        QCOMPARE(server.crm.hubspotLargestBatch(), 100);
        QCOMPARE(server.crm.hubspotBatchRequests("upsert"), 3);
        QCOMPARE(server.crm.hubspotContacts().size(), std::size_t(250));
        const auto p9 = server.crm.hubspotContact("p9@example.com");
        QVERIFY(p9);
        QCOMPARE_JSON(props(*p9),
                      (json{{"email", "p9@example.com"}, {"firstname", "Person 9"}, {"lifetime_value", "90"}}));
    }

    // Contract case 3.
    void updateWithOneUnknownId()
    {
        CrmServer server;
        for (int i = 0; i < 9; ++i)
            server.crm.seedHubspot("contacts", {{"email", email(i)}, {"firstname", "Old"}});
        HubspotDestination hs(settingsFor(server));
        Recorder recorder;
        QVERIFY(hs.begin(contactsRun(SyncMode::Update, &recorder)));
        std::vector<Record> batch;
        for (int i = 0; i < 10; ++i)
            batch.push_back(contact(email(i), "New" + std::to_string(i), Value(1.0), "VIP", Value(), RecordOp::Update));
        auto r = hs.write(1, batch);
        QVERIFY(r);
        for (int i = 0; i < 9; ++i)
            QVERIFY2((*r)[std::size_t(i)].outcome == Outcome::Delivered, (*r)[std::size_t(i)].reason.c_str());
        QCOMPARE((*r)[9].outcome, Outcome::Rejected);
        QVERIFY2((*r)[9].reason.starts_with("OBJECT_NOT_FOUND: Could not get some CONTACT objects"),
                 (*r)[9].reason.c_str());
        // One request, answered 207: the nine others are not sent again.
        QCOMPARE(server.crm.hubspotBatchRequests("update"), 1);
        QCOMPARE(recorder.exchanges.at(0).status, 207);
        const json answer = json::parse(recorder.exchanges.at(0).responseBody);
        QCOMPARE(answer["results"].size(), std::size_t(9));
        QCOMPARE(answer["numErrors"].get<int>(), 1);
        QCOMPARE_JSON(answer["errors"][0]["context"]["ids"], json::array({email(9)}));
        // Updates address records by idProperty and create nothing.
        const json sent = json::parse(recorder.exchanges.at(0).requestBody);
        QCOMPARE(sent["inputs"][0]["idProperty"].get<std::string>(), std::string("email"));
        QCOMPARE(server.crm.hubspotContacts().size(), std::size_t(9));
        QCOMPARE(props(*server.crm.hubspotContact(email(4)))["firstname"].get<std::string>(), std::string("New4"));
    }

    // Contract case 4.
    void createMapsFailuresByTraceId()
    {
        CrmServer server;
        HubspotDestination hs(settingsFor(server));
        Recorder recorder;
        QVERIFY(hs.begin(contactsRun(SyncMode::Insert, &recorder)));
        std::vector<Record> batch;
        for (int i = 0; i < 5; ++i)
            batch.push_back(contact(email(i), "N", Value(2.0), i == 2 ? "Gold" : "Premium", Value(), RecordOp::Insert));
        auto r = hs.write(1, batch);
        QVERIFY(r);
        for (int i : {0, 1, 3, 4})
            QCOMPARE((*r)[std::size_t(i)].outcome, Outcome::Delivered);
        QCOMPARE((*r)[2].outcome, Outcome::Rejected);
        QCOMPARE((*r)[2].reason, std::string("INVALID_OPTION: \"Gold\" is not a valid option for user_tier"));
        const HttpExchange &e = recorder.exchanges.at(0);
        QVERIFY(e.url.ends_with("/batch/create"));
        QCOMPARE(e.status, 207);
        const json sent = json::parse(e.requestBody);
        std::set<std::string> traces;
        for (const auto &input : sent["inputs"]) {
            traces.insert(input["objectWriteTraceId"].get<std::string>());
            QCOMPARE(input["properties"]["email"].is_string(), true);
        }
        QCOMPARE(traces.size(), std::size_t(5));
        const json answer = json::parse(e.responseBody);
        QCOMPARE_JSON(answer["errors"][0]["context"]["objectWriteTraceId"],
                      json::array({sent["inputs"][2]["objectWriteTraceId"]}));
        // The fake answers results in another order than the inputs: position means nothing.
        QCOMPARE(props(answer["results"][0])["email"].get<std::string>(), email(4));
        QCOMPARE(server.crm.hubspotContacts().size(), std::size_t(4));
        QVERIFY(!server.crm.hubspotContact(email(2)));
    }
};

QTEST_GUILESS_MAIN(TstHubspotWrites)
#include "tst_hubspot_writes.moc"

// The HubSpot connector against the loopback HubSpot fake: contract cases
// 1-8 of shared/reference/destination-apis.md driven directly (begin, write)
// and through sync runs, the other whole-request answers, testConnection,
// describe, mirror deletes, and the demo's hubspot_contacts model synced over
// several runs.

#include "crmfakes.h"
#include "fakehttpserver.h"
#include "jsoncompare.h"
#include "syncfixture.h"
#include "testsupport.h"

#include "demo/demoproject.h"
#include "destinations/destinationkinds.h"
#include "destinations/saas/hubspotdestination.h"
#include "http/httpclient.h"
#include "project/projectstore.h"
#include "core/keycodec.h"
#include "sync/runrecorder.h"
#include "sync/statestore.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <mutex>
#include <set>

using namespace sluice;
using namespace sluice::test;
using sluice::fakes::CrmFakes;
using sluice::fakes::FakeHttpServer;
using sluice::fakes::HubspotBehaviour;
using sluice::fakes::SandboxOptions;
using nlohmann::json;
using namespace std::chrono_literals;

// QCOMPARE cannot print nlohmann::json (it converts to anything): compare and show the dumps.
namespace {

// The CRM fakes alone on a loopback server.
class CrmServer {
public:
    CrmServer()
        : crm(options)
    {
        crm.mount(http.http(), "/hubspot", "/salesforce");
        http.start();
    }
    ~CrmServer() { http.stop(); }
    std::string hubspotUrl() const { return http.url("/hubspot"); }

    SandboxOptions options;
    CrmFakes crm;
    FakeHttpServer http; // last: stopped first
};

class Recorder final : public DestinationObserver {
public:
    void onHttpExchange(int, const HttpExchange &exchange) override
    {
        std::lock_guard lock(mutex);
        exchanges.push_back(exchange);
    }
    std::mutex mutex;
    std::vector<HttpExchange> exchanges;
};

HubspotSettings settingsFor(const CrmServer &server)
{
    HubspotSettings s;
    s.baseUrl = server.hubspotUrl();
    s.accessToken = server.options.token;
    s.timeoutSeconds = 10;
    return s;
}

RunInfo contactsRun(SyncMode mode, DestinationObserver *observer = nullptr)
{
    RunInfo run;
    run.syncName = "contacts";
    run.mode = mode;
    run.fields = {{"email", ValueType::Text},
                  {"firstname", ValueType::Text},
                  {"lifetime_value", ValueType::Real},
                  {"user_tier", ValueType::Text},
                  {"last_activity_date", ValueType::Text}};
    run.keyFields = {"email"};
    run.observer = observer;
    return run;
}

Record contact(const std::string &email, const std::string &firstname = "Ana", Value ltv = Value(1520.0),
               const std::string &tier = "VIP", Value date = Value("2024-05-01 10:30:00"),
               RecordOp op = RecordOp::Upsert)
{
    Record r;
    r.op = op;
    r.keyValues = {Value(email)};
    r.key = encodeKeyValues(r.keyValues);
    r.displayKey = email;
    if (op != RecordOp::Delete)
        r.fields = {Value(email), Value(firstname), ltv, Value(tier), date};
    return r;
}

Record removal(const std::string &email)
{
    return contact(email, "", Value(), "", Value(), RecordOp::Delete);
}

std::string email(int i)
{
    return "c" + std::to_string(i) + "@example.com";
}

json props(const json &record)
{
    return record.at("properties");
}

bool allDelivered(const std::vector<RecordOutcome> &outcomes)
{
    return std::all_of(outcomes.begin(), outcomes.end(),
                       [](const RecordOutcome &o) { return o.outcome == Outcome::Delivered; });
}

DestinationDef hubspotDef(const CrmServer &server, json extra = json::object())
{
    json settings = {{"baseUrl", server.hubspotUrl()},
                     {"accessToken", "${env:SLUICE_TST_HUBSPOT_TOKEN}"},
                     {"timeoutSeconds", 10},
                     {"concurrency", 1}};
    for (auto &[k, v] : extra.items())
        settings[k] = v;
    return DestinationDef{"hubspot", "hubspot", settings};
}

json peopleMapping()
{
    return json::array({json{{"field", "email"}, {"column", "email"}},
                        json{{"field", "firstname"}, {"column", "name"}},
                        json{{"field", "lifetime_value"}, {"column", "score"}}});
}

json fastRetries()
{
    return json{{"retryBaseMs", 20}, {"maxAttempts", 6}};
}

std::vector<std::vector<std::string>> queryFile(const std::string &file, const std::string &sql)
{
    std::vector<std::vector<std::string>> out;
    sqlite3 *db = nullptr;
    sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
        qFatal("query failed: %s", sqlite3_errmsg(db));
    while (sqlite3_step(st) == SQLITE_ROW) {
        std::vector<std::string> row;
        for (int i = 0; i < sqlite3_column_count(st); ++i) {
            const auto *t = reinterpret_cast<const char *>(sqlite3_column_text(st, i));
            row.push_back(t ? t : "NULL");
        }
        out.push_back(row);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

void execFile(const std::string &file, const std::string &sql)
{
    sqlite3 *db = nullptr;
    sqlite3_open(file.c_str(), &db);
    char *err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK)
        qFatal("SQL failed: %s", err);
    sqlite3_close(db);
}

} // namespace

class TstHubspot : public QObject {
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
        auto plain = makeDestination(DestinationDef{"h", "hubspot", {{"accessToken", "pat-na1-123"}}}, DestinationContext{{}, SecretAccess::Allowed});
        QVERIFY(!plain);
        QCOMPARE(plain.error().code, std::string("settings.plain_secret"));
        auto big = makeDestination(
            DestinationDef{"h", "hubspot", {{"accessToken", "${env:SLUICE_TST_HUBSPOT_TOKEN}"}, {"batchSize", 101}}}, DestinationContext{{}, SecretAccess::Allowed});
        QVERIFY(!big);
        QCOMPARE(big.error().code, std::string("settings.batch_size"));
        auto badType = makeDestination(DestinationDef{"h", "hubspot",
                                                      {{"accessToken", "${env:SLUICE_TST_HUBSPOT_TOKEN}"},
                                                       {"customFields", {{"tier", "colour"}}}}},
                                       DestinationContext{{}, SecretAccess::Allowed});
        QVERIFY(!badType);

        auto made = makeDestination(DestinationDef{"h", "hubspot", {{"accessToken", "${env:SLUICE_TST_HUBSPOT_TOKEN}"}}}, DestinationContext{{}, SecretAccess::Allowed});
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
        QCOMPARE(*H::propertyText(Value("2024-05-01T10:00:00+02:00"), "datetime", false),
                 std::string("1714550400000"));
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
        QCOMPARE_JSON(input3["properties"],
                 (json{{"firstname", "C3"}, {"lifetime_value", "31.5"}, {"user_tier", "VIP"},
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
        QCOMPARE_JSON(props(*c7),
                 (json{{"email", email(7)}, {"firstname", "C7"}, {"lifetime_value", "73.5"}, {"user_tier", "VIP"},
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
        QCOMPARE_JSON(props(*p9), (json{{"email", "p9@example.com"}, {"firstname", "Person 9"}, {"lifetime_value", "90"}}));
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
        QVERIFY2((*r)[9].reason.starts_with("OBJECT_NOT_FOUND: Could not get some CONTACT objects"), (*r)[9].reason.c_str());
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
        QCOMPARE_JSON(answer["errors"][0]["context"]["objectWriteTraceId"], json::array({sent["inputs"][2]["objectWriteTraceId"]}));
        // The fake answers results in another order than the inputs: position means nothing.
        QCOMPARE(props(answer["results"][0])["email"].get<std::string>(), email(4));
        QCOMPARE(server.crm.hubspotContacts().size(), std::size_t(4));
        QVERIFY(!server.crm.hubspotContact(email(2)));
    }

    // Contract case 5.
    void rateLimitWaitsOutTheWindow()
    {
        CrmServer server;
        HubspotBehaviour b;
        b.rateLimitFirst = 1;
        server.crm.setHubspotBehaviour(b);
        HubspotDestination hs(settingsFor(server));
        QVERIFY(hs.begin(contactsRun(SyncMode::Upsert)));
        const std::vector<Record> batch = {contact(email(1)), contact(email(2))};
        auto limited = hs.write(1, batch);
        QVERIFY(!limited);
        QCOMPARE(limited.error().kind, BatchFailure::Kind::Retryable);
        QVERIFY(limited.error().message.find("TEN_SECONDLY_ROLLING") != std::string::npos);
        // No Retry-After: the window the headers name (10 s).
        QCOMPARE(limited.error().retryAfter.value_or(0ms), std::chrono::milliseconds(10000));
        QVERIFY(server.crm.hubspotContacts().empty());
        auto resent = hs.write(1, batch);
        QVERIFY(resent && allDelivered(*resent));
        QCOMPARE(server.crm.hubspotContacts().size(), std::size_t(2));

        // With Retry-After the client waits that long instead.
        server.crm.reset();
        b.retryAfter = "1";
        server.crm.setHubspotBehaviour(b);
        auto hinted = hs.write(1, batch);
        QVERIFY(!hinted);
        QCOMPARE(hinted.error().retryAfter.value_or(0ms), std::chrono::milliseconds(1000));

        // Through a run: the batch is resent once, after the wait, and delivered.
        server.crm.reset();
        SyncFixture f(20);
        f.addSync("s", hubspotDef(server), "upsert", fastRetries(), peopleMapping());
        QElapsedTimer timer;
        timer.start();
        const RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.delivered(), std::int64_t(20));
        QCOMPARE(r.retries, std::int64_t(1));
        QVERIFY(timer.elapsed() >= 950);
        const auto requests = server.crm.requests("hubspot");
        std::vector<fakes::CrmRequest> upserts;
        for (const auto &q : requests)
            if (q.path.ends_with("/batch/upsert"))
                upserts.push_back(q);
        QCOMPARE(upserts.size(), std::size_t(2));
        QCOMPARE(upserts[0].status, 429);
        QCOMPARE(upserts[1].status, 200);
        QCOMPARE(upserts[0].body, upserts[1].body);
        QCOMPARE(server.crm.hubspotContacts().size(), std::size_t(20));
    }

    // Contract case 6.
    void dailyLimitEndsTheRun()
    {
        CrmServer server;
        HubspotBehaviour b;
        b.dailyLimitReached = true;
        server.crm.setHubspotBehaviour(b);
        HubspotDestination hs(settingsFor(server));
        QVERIFY(hs.begin(contactsRun(SyncMode::Upsert)));
        auto r = hs.write(1, std::vector<Record>{contact(email(1))});
        QVERIFY(!r);
        QCOMPARE(r.error().kind, BatchFailure::Kind::Fatal);
        QCOMPARE(r.error().message,
                 std::string("HubSpot's daily API limit is reached; records stay pending for the next run"));

        server.crm.reset();
        SyncFixture f(30);
        f.addSync("s", hubspotDef(server, {{"batchSize", 10}}), "upsert", fastRetries(), peopleMapping());
        const RunSummary stopped = f.run("s");
        QCOMPARE(stopped.status, std::string("failed"));
        QCOMPARE(stopped.error, std::string("HubSpot's daily API limit is reached; records stay pending for the next run"));
        QCOMPARE(stopped.delivered(), std::int64_t(0));
        QCOMPARE(stopped.pending(), std::int64_t(30));
        // No loop: one request, then the run stopped.
        QCOMPARE(server.crm.hubspotBatchRequests(), 1);
        // The next day the same records go out.
        server.crm.setHubspotBehaviour(HubspotBehaviour{});
        const RunSummary next = f.run("s");
        QCOMPARE(next.status, std::string("succeeded"));
        QCOMPARE(next.delivered(), std::int64_t(30));
        QCOMPARE(server.crm.hubspotContacts().size(), std::size_t(30));
    }

    // Contract case 7.
    void refusedTokenIsFatal()
    {
        CrmServer server;
        HubspotSettings s = settingsFor(server);
        s.accessToken = "expired-token";
        HubspotDestination hs(s);
        QVERIFY(hs.begin(contactsRun(SyncMode::Upsert)));
        auto r = hs.write(1, std::vector<Record>{contact(email(1))});
        QVERIFY(!r);
        QCOMPARE(r.error().kind, BatchFailure::Kind::Fatal);
        QVERIFY2(r.error().message.starts_with("HubSpot refused the token (401)"), r.error().message.c_str());

        server.crm.reset();
        qputenv("SLUICE_TST_HUBSPOT_BAD", "expired-token");
        SyncFixture f(30);
        f.addSync("s", hubspotDef(server, {{"accessToken", "${env:SLUICE_TST_HUBSPOT_BAD}"}, {"batchSize", 10}}),
                  "upsert", fastRetries(), peopleMapping());
        const RunSummary failed = f.run("s");
        qunsetenv("SLUICE_TST_HUBSPOT_BAD");
        QCOMPARE(failed.status, std::string("failed"));
        QVERIFY2(failed.error.starts_with("HubSpot refused the token (401)"), failed.error.c_str());
        QCOMPARE(failed.retries, std::int64_t(0));
        QCOMPARE(server.crm.hubspotBatchRequests(), 1);
        QVERIFY(server.crm.hubspotContacts().empty());
    }

    // Contract case 8.
    void unknownPropertyNamesTheField()
    {
        CrmServer server;
        server.crm.removeHubspotProperty("contacts", "lifetime_value");
        HubspotDestination hs(settingsFor(server));
        Recorder recorder;
        QVERIFY(hs.begin(contactsRun(SyncMode::Upsert, &recorder)));
        auto r = hs.write(1, std::vector<Record>{contact(email(1)), contact(email(2))});
        QVERIFY(!r);
        QCOMPARE(r.error().kind, BatchFailure::Kind::Fatal);
        QCOMPARE(r.error().message,
                 std::string("HubSpot has no property 'lifetime_value' on contacts: create it or fix the mapping"));
        QCOMPARE(recorder.exchanges.at(0).status, 400);
        const json answer = json::parse(recorder.exchanges.at(0).responseBody);
        QCOMPARE(answer["errors"][0]["code"].get<std::string>(), std::string("PROPERTY_DOESNT_EXIST"));
        QVERIFY(server.crm.hubspotContacts().empty());

        // Through a run: not retried, the run fails with the same words.
        SyncFixture f(5);
        f.addSync("s", hubspotDef(server), "upsert", fastRetries(), peopleMapping());
        const RunSummary failed = f.run("s");
        QCOMPARE(failed.status, std::string("failed"));
        QCOMPARE(failed.error,
                 std::string("HubSpot has no property 'lifetime_value' on contacts: create it or fix the mapping"));
        QCOMPARE(failed.retries, std::int64_t(0));
    }

    void otherWholeRequestAnswers()
    {
        CrmServer server;
        // 403 MISSING_SCOPES names the scopes.
        HubspotBehaviour readOnly;
        readOnly.scopes = {"crm.objects.contacts.read"};
        server.crm.setHubspotBehaviour(readOnly);
        {
            HubspotDestination hs(settingsFor(server));
            QVERIFY(hs.begin(contactsRun(SyncMode::Upsert)));
            auto r = hs.write(1, std::vector<Record>{contact(email(1))});
            QVERIFY(!r);
            QCOMPARE(r.error().kind, BatchFailure::Kind::Fatal);
            QVERIFY2(r.error().message.ends_with("the token lacks scopes: crm.objects.contacts.write"),
                     r.error().message.c_str());
        }
        server.crm.setHubspotBehaviour(HubspotBehaviour{});
        // 404: an object HubSpot does not know.
        {
            HubspotSettings s = settingsFor(server);
            s.object = "deals";
            HubspotDestination hs(s);
            QVERIFY(hs.begin(contactsRun(SyncMode::Insert)));
            auto r = hs.write(1, std::vector<Record>{contact(email(1), "A", Value(1.0), "VIP", Value(), RecordOp::Insert)});
            QVERIFY(!r);
            QCOMPARE(r.error().kind, BatchFailure::Kind::Fatal);
            QVERIFY2(r.error().message.starts_with("HubSpot does not know object 'deals' (404"), r.error().message.c_str());
        }
        // 409 on create: refused as a whole, so the executor isolates the record.
        const std::string existing = server.crm.seedHubspot("contacts", {{"email", email(5)}});
        {
            HubspotDestination hs(settingsFor(server));
            QVERIFY(hs.begin(contactsRun(SyncMode::Insert)));
            auto r = hs.write(1, std::vector<Record>{contact(email(5), "A", Value(1.0), "VIP", Value(), RecordOp::Insert)});
            QVERIFY(!r);
            QCOMPARE(r.error().kind, BatchFailure::Kind::RejectedWhole);
            QCOMPARE(r.error().message, "CONFLICT: Contact already exists. Existing ID: " + existing);
        }
        // 423 and 5xx: retryable; 423 waits at least 2 s.
        HubspotBehaviour flaky;
        flaky.lockedFirst = 1;
        server.crm.reset();
        server.crm.setHubspotBehaviour(flaky);
        {
            HubspotDestination hs(settingsFor(server));
            QVERIFY(hs.begin(contactsRun(SyncMode::Upsert)));
            auto locked = hs.write(1, std::vector<Record>{contact(email(1))});
            QVERIFY(!locked);
            QCOMPARE(locked.error().kind, BatchFailure::Kind::Retryable);
            QVERIFY(locked.error().retryAfter.value_or(0ms) >= 2000ms);
            flaky = HubspotBehaviour{};
            flaky.serverErrorEvery = 1;
            server.crm.setHubspotBehaviour(flaky);
            auto failed = hs.write(1, std::vector<Record>{contact(email(1))});
            QVERIFY(!failed);
            QCOMPARE(failed.error().kind, BatchFailure::Kind::Retryable);
            QVERIFY2(failed.error().message.starts_with("HubSpot failed (HTTP 502"), failed.error().message.c_str());
        }
        server.crm.setHubspotBehaviour(HubspotBehaviour{});
        // A record without an email is refused before anything is sent.
        {
            HubspotDestination hs(settingsFor(server));
            QVERIFY(hs.begin(contactsRun(SyncMode::Upsert)));
            Record blank = contact("");
            blank.fields[0] = Value();
            auto r = hs.write(1, std::vector<Record>{blank, contact(email(8))});
            QVERIFY(r);
            QCOMPARE((*r)[0].outcome, Outcome::Rejected);
            QCOMPARE((*r)[0].reason, std::string("no value for 'email', which HubSpot upserts contacts by"));
            QCOMPARE((*r)[1].outcome, Outcome::Delivered);
        }
    }

    void beginChecksTheMapping()
    {
        CrmServer server;
        HubspotDestination hs(settingsFor(server));
        RunInfo run = contactsRun(SyncMode::Upsert);
        run.fields.erase(run.fields.begin());
        auto r = hs.begin(run);
        QVERIFY(!r);
        QCOMPARE(r.error().code, std::string("hubspot.id_unmapped"));
        RunInfo mirror = contactsRun(SyncMode::Mirror);
        mirror.keyFields = {"user_id"};
        auto m = hs.begin(mirror);
        QVERIFY(!m);
        QCOMPARE(m.error().code, std::string("hubspot.mirror_key"));
        QVERIFY(hs.begin(contactsRun(SyncMode::Insert)));
    }

    void mirrorDeletesByEmail()
    {
        CrmServer server;
        HubspotDestination hs(settingsFor(server));
        Recorder recorder;
        QVERIFY(hs.begin(contactsRun(SyncMode::Mirror, &recorder)));
        QVERIFY(hs.write(1, std::vector<Record>{contact(email(1)), contact(email(2)), contact(email(3))}));
        QCOMPARE(server.crm.hubspotContacts().size(), std::size_t(3));
        // Upserts and deletes in one batch; one delete names a contact HubSpot never had.
        auto r = hs.write(2, std::vector<Record>{contact(email(4)), removal(email(1)), removal("C3@example.com"),
                                                 removal("ghost@example.com")});
        QVERIFY(r && allDelivered(*r));
        std::set<std::string> left;
        for (const auto &c : server.crm.hubspotContacts())
            left.insert(props(c)["email"].get<std::string>());
        QCOMPARE(left, (std::set<std::string>{email(2), email(4)}));
        std::vector<std::string> paths;
        for (const auto &q : server.crm.requests("hubspot"))
            if (q.path.find("/batch/") != std::string::npos)
                paths.push_back(q.path.substr(q.path.rfind('/') + 1));
        QCOMPARE(paths, (std::vector<std::string>{"upsert", "upsert", "read", "archive"}));
        const json read = json::parse(recorder.exchanges.at(2).requestBody);
        QCOMPARE(read["idProperty"].get<std::string>(), std::string("email"));
    }

    void testConnectionInTheUsersTerms()
    {
        CrmServer server;
        {
            HubspotDestination hs(settingsFor(server));
            auto ok = hs.testConnection();
            QVERIFY2(ok, ok ? "" : ok.error().describe().c_str());
            QCOMPARE(*ok, std::string("connected to HubSpot: contacts can be read and written"));
        }
        {
            HubspotSettings s = settingsFor(server);
            s.accessToken = "nope";
            auto refused = HubspotDestination(s).testConnection();
            QVERIFY(!refused);
            QCOMPARE(refused.error().message, std::string("the token was refused (HubSpot answered 401)"));
        }
        {
            HubspotBehaviour b;
            b.scopes = {"crm.objects.contacts.read"};
            server.crm.setHubspotBehaviour(b);
            auto scope = HubspotDestination(settingsFor(server)).testConnection();
            QVERIFY(!scope);
            QCOMPARE(scope.error().message, std::string("missing scope crm.objects.contacts.write"));
            b.scopes = {"crm.objects.companies.read"};
            server.crm.setHubspotBehaviour(b);
            auto read = HubspotDestination(settingsFor(server)).testConnection();
            QVERIFY(!read);
            QCOMPARE(read.error().message, std::string("missing scope crm.objects.contacts.read"));
            server.crm.setHubspotBehaviour(HubspotBehaviour{});
        }
        {
            HubspotSettings s = settingsFor(server);
            s.object = "contactz";
            auto unknown = HubspotDestination(s).testConnection();
            QVERIFY(!unknown);
            QCOMPARE(unknown.error().message, std::string("unknown object 'contactz'"));
        }
        {
            HubspotSettings s = settingsFor(server);
            s.baseUrl = "http://127.0.0.1:1/hubspot";
            auto down = HubspotDestination(s).testConnection();
            QVERIFY(!down);
            QCOMPARE(down.error().code, std::string("hubspot.unreachable"));
        }
    }

    void describeReadsThePropertySchema()
    {
        CrmServer server;
        fakes::HubspotPropertyDef tier;
        tier.name = "loyalty_tier";
        tier.type = "enumeration";
        tier.fieldType = "select";
        tier.options = {"Bronze", "Silver", "Gold"};
        server.crm.defineHubspotProperty("contacts", tier);
        HubspotSettings s = settingsFor(server);
        s.customFields = {{"favourite_colour", "string"}};
        HubspotDestination hs(s);
        auto objects = hs.describe();
        QVERIFY2(objects, objects ? "" : objects.error().describe().c_str());
        QCOMPARE(objects->size(), std::size_t(2));
        const DestinationObject &contacts = (*objects)[0];
        QCOMPARE(contacts.name, std::string("contacts"));
        auto field = [&](const std::string &name) -> const ObjectField * {
            for (const auto &f : contacts.fields)
                if (f.name == name)
                    return &f;
            return nullptr;
        };
        QVERIFY(field("email") && field("email")->identifier && field("email")->required);
        QCOMPARE(field("email")->format, std::string("email"));
        QCOMPARE(contacts.fields.front().name, std::string("email"));
        for (const char *name : {"firstname", "lastname", "phone", "company", "lifecyclestage", "hs_lead_status"})
            QVERIFY2(field(name), name);
        QCOMPARE(field("phone")->format, std::string("phone"));
        QCOMPARE(field("lifecyclestage")->format, std::string("enum"));
        QVERIFY(std::count(field("lifecyclestage")->options.begin(), field("lifecyclestage")->options.end(),
                           std::string("marketingqualifiedlead")) == 1);
        // Custom properties read from HubSpot, and the ones typed in the settings.
        QVERIFY(field("loyalty_tier") && field("loyalty_tier")->custom);
        QCOMPARE(field("loyalty_tier")->options, (std::vector<std::string>{"Bronze", "Silver", "Gold"}));
        QCOMPARE(field("lifetime_value")->type, ValueType::Real);
        QCOMPARE(field("last_activity_date")->format, std::string("date"));
        QVERIFY(field("favourite_colour") && field("favourite_colour")->custom);
        // Read-only properties are not offered.
        QVERIFY(!field("hs_object_id"));
        QVERIFY(!field("createdate"));
        QCOMPARE((*objects)[1].name, std::string("companies"));
        QVERIFY(!(*objects)[1].fields.empty());
        // With a refused token describe says so.
        HubspotSettings bad = settingsFor(server);
        bad.accessToken = "nope";
        auto refused = HubspotDestination(bad).describe();
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, std::string("hubspot.token_refused"));
    }

    // "Done means": the demo's hubspot_contacts model mirrored to HubSpot over
    // several runs that insert, update and delete rows, with a rejected row
    // carrying HubSpot's reason into the job log and `sluicectl rejected`.
    void demoContactsOverSeveralRuns()
    {
        CrmServer server;
        QTemporaryDir dir;
        const std::string project = dir.filePath("demo.sluice").toStdString();
        QVERIFY(createDemoProject(project, 60));
        const std::string warehouse = demoWarehousePath(project);
        {
            auto store = ProjectStore::open(project);
            QVERIFY(store);
            auto config = (*store)->load();
            QVERIFY(config);
            config->destinations.push_back(DestinationDef{
                "hubspot", "hubspot",
                {{"baseUrl", server.hubspotUrl()}, {"accessToken", "${env:SLUICE_TST_HUBSPOT_TOKEN}"},
                 {"timeoutSeconds", 10}}});
            config->syncs.push_back(SyncDef{"contacts_to_hubspot", "hubspot_contacts", "hubspot", "mirror",
                                            json::array(), json{{"batchSize", 25}, {"retryBaseMs", 20}}});
            QVERIFY((*store)->save(*config));
        }
        auto model = [&] {
            // What HubSpot should hold: the model's rows as property strings.
            auto store = ProjectStore::open(project);
            const ModelDef def = *(*store)->model("hubspot_contacts");
            std::map<std::string, json> rows;
            for (const auto &row : queryFile(warehouse, "SELECT * FROM (" + def.sql + ")")) {
                json p = {{"email", row[0]}, {"user_tier", row[1]}, {"engagement_level", row[4]}};
                const double ltv = std::stod(row[2]);
                p["lifetime_value"] = *HubspotDestination::propertyText(Value(ltv), "number", false);
                if (row[3] != "NULL")
                    p["last_activity_date"] = row[3];
                rows[row[0]] = p;
            }
            return rows;
        };
        auto held = [&] {
            std::map<std::string, json> rows;
            for (const auto &c : server.crm.hubspotContacts())
                rows[props(c)["email"].get<std::string>()] = props(c);
            return rows;
        };
        // Each run as a user starts it from a shell: `sluicectl run --json`.
        auto runOnce = [&] {
            QString output;
            auto r = runSyncWithSluicectl(project, "contacts_to_hubspot", &output);
            if (!r)
                qFatal("sluicectl run printed no summary: %s", qPrintable(output));
            return *r;
        };

        const RunSummary first = runOnce();
        QCOMPARE(first.status, std::string("succeeded"));
        QCOMPARE(first.added.delivered, std::int64_t(60));
        QCOMPARE(held(), model());

        // Changes in the warehouse: a new user, a login that makes one active,
        // a user gone, and an e-mail HubSpot will not take.
        const std::string firstEmail = queryFile(warehouse, "SELECT email FROM users WHERE user_id = 1")[0][0];
        const std::string goneEmail = queryFile(warehouse, "SELECT email FROM users WHERE user_id = 2")[0][0];
        const std::string badOld = queryFile(warehouse, "SELECT email FROM users WHERE user_id = 3")[0][0];
        execFile(warehouse,
                 "INSERT INTO users SELECT 1001, 'new.user@example.com', 'New', 'User', NULL, country, city, company, "
                 "status, lifecycle_stage, lead_source, lead_score, created_at FROM users WHERE user_id = 1;"
                 "INSERT INTO behaviours VALUES (1001, (SELECT today FROM demo_clock), 3);"
                 "UPDATE behaviours SET last_login_date = (SELECT today FROM demo_clock) WHERE user_id = 1;"
                 "UPDATE behaviours SET last_login_date = '2020-01-01' WHERE user_id = 4;"
                 "DELETE FROM behaviours WHERE user_id = 2; DELETE FROM users WHERE user_id = 2;"
                 "UPDATE users SET email = 'not-an-email' WHERE user_id = 3;");
        const RunSummary second = runOnce();
        QCOMPARE(second.status, std::string("partial"));
        QCOMPARE(second.added.planned, std::int64_t(2)); // the new user and the renamed one
        QCOMPARE(second.added.rejected, std::int64_t(1));
        QCOMPARE(second.removed.delivered, std::int64_t(2)); // the deleted user and the old e-mail
        auto expected = model();
        expected.erase("not-an-email");
        QCOMPARE(held(), expected);
        QVERIFY(held().count("new.user@example.com"));
        QVERIFY(!held().count(goneEmail));
        QVERIFY(!held().count(badOld));
        QCOMPARE(held()[firstEmail]["engagement_level"].get<std::string>(), std::string("Active"));

        // The job log and `sluicectl rejected` carry HubSpot's reason.
        const std::string reason = "INVALID_EMAIL: Email address not-an-email is invalid";
        auto state = StateStore::open(project);
        QVERIFY(state);
        auto events = RunRecorder::events((*state)->handle(), second.runId, LogLevel::Warning);
        QVERIFY(events);
        bool logged = false;
        for (const auto &e : *events)
            logged = logged || (e.rowKey == "not-an-email" && e.message == "rejected: " + reason);
        QVERIFY(logged);
        auto exchanges = RunRecorder::exchanges((*state)->handle(), second.runId);
        QVERIFY(exchanges && !exchanges->empty());
        QVERIFY(exchanges->front().exchange.responseHeaders.find("X-HubSpot-RateLimit-Daily-Remaining")
                != std::string::npos);
        state->reset();
        const CliResult cli = runSluicectl({"rejected", QString::fromStdString(project), "--sync", "contacts_to_hubspot"});
        QCOMPARE(cli.exitCode, 0);
        QVERIFY2(cli.out.contains("not-an-email") && cli.out.contains(QByteArray::fromStdString(reason)), cli.out.constData());

        // Fixed at the source, and one more user gone: HubSpot matches the model again.
        execFile(warehouse, "UPDATE users SET email = 'fixed.user@example.com' WHERE user_id = 3;"
                            "DELETE FROM users WHERE user_id = 5;");
        const RunSummary third = runOnce();
        QCOMPARE(third.status, std::string("succeeded"));
        QCOMPARE(held(), model());
        QCOMPARE(held().size(), std::size_t(59));
        const CliResult after = runSluicectl({"rejected", QString::fromStdString(project), "--sync", "contacts_to_hubspot"});
        QVERIFY(!after.out.contains("not-an-email"));
    }
};

QTEST_GUILESS_MAIN(TstHubspot)
#include "tst_hubspot.moc"

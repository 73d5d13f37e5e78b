// The Salesforce connector against the loopback Salesforce fake: contract
// cases 9-14 of shared/reference/destination-apis.md driven directly (begin,
// write) and through sync runs, the other whole-request answers, update and
// mirror through external-id lookups, testConnection, describe, and the
// demo's salesforce_leads model synced to Lead over several runs.

#include "crmfakes.h"
#include "fakehttpserver.h"
#include "jsoncompare.h"
#include "syncfixture.h"
#include "testsupport.h"

#include "demo/demoproject.h"
#include "destinations/destinationkinds.h"
#include "destinations/saas/salesforcedestination.h"
#include "http/httpclient.h"
#include "project/projectstore.h"
#include "core/keycodec.h"
#include "sync/runrecorder.h"
#include "sync/statestore.h"

#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <mutex>
#include <set>

using namespace sluice;
using namespace sluice::test;
using sluice::fakes::CrmFakes;
using sluice::fakes::FakeHttpServer;
using sluice::fakes::SalesforceBehaviour;
using sluice::fakes::SandboxOptions;
using nlohmann::json;
using namespace std::chrono_literals;

// QCOMPARE cannot print nlohmann::json (it converts to anything): compare and show the dumps.
namespace {

class CrmServer {
public:
    CrmServer()
        : crm(options)
    {
        crm.mount(http.http(), "/hubspot", "/salesforce");
        http.start();
    }
    ~CrmServer() { http.stop(); }
    std::string salesforceUrl() const { return http.url("/salesforce"); }

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

SalesforceSettings settingsFor(const CrmServer &server, const std::string &object = "Contact")
{
    SalesforceSettings s;
    s.instanceUrl = server.salesforceUrl();
    s.accessToken = server.options.token;
    s.object = object;
    s.externalIdField = "Sluice_Id__c";
    s.timeoutSeconds = 10;
    s.bulkPollMs = 10;
    return s;
}

RunInfo contactRun(SyncMode mode, DestinationObserver *observer = nullptr)
{
    RunInfo run;
    run.syncName = "contacts";
    run.mode = mode;
    run.fields = {{"Sluice_Id__c", ValueType::Text},
                  {"LastName", ValueType::Text},
                  {"FirstName", ValueType::Text},
                  {"Email", ValueType::Text},
                  {"Tier__c", ValueType::Text}};
    run.keyFields = {"Sluice_Id__c"};
    run.observer = observer;
    return run;
}

Record sfContact(const std::string &id, Value lastName, const std::string &first = "Ana",
                 const std::string &tier = "VIP", RecordOp op = RecordOp::Upsert)
{
    Record r;
    r.op = op;
    r.keyValues = {Value(id)};
    r.key = encodeKeyValues(r.keyValues);
    r.displayKey = id;
    if (op != RecordOp::Delete)
        r.fields = {Value(id), std::move(lastName), Value(first), Value(id + "@example.com"), Value(tier)};
    return r;
}

Record sfRemoval(const std::string &id)
{
    return sfContact(id, Value(), "", "", RecordOp::Delete);
}

std::string uid(int i)
{
    return "u-" + std::to_string(i);
}

bool allDelivered(const std::vector<RecordOutcome> &outcomes)
{
    return std::all_of(outcomes.begin(), outcomes.end(),
                       [](const RecordOutcome &o) { return o.outcome == Outcome::Delivered; });
}

const std::string kMissingLastName
    = "REQUIRED_FIELD_MISSING: Required fields are missing: [LastName] (fields: LastName)";

DestinationDef salesforceDef(const CrmServer &server, json extra = json::object())
{
    json settings = {{"instanceUrl", server.salesforceUrl()},
                     {"accessToken", "${env:SLUICE_TST_SF_TOKEN}"},
                     {"object", "Contact"},
                     {"externalIdField", "Sluice_Id__c"},
                     {"timeoutSeconds", 10},
                     {"concurrency", 1},
                     {"bulkPollMs", 10}};
    for (auto &[k, v] : extra.items())
        settings[k] = v;
    return DestinationDef{"salesforce", "salesforce", settings};
}

json peopleMapping()
{
    return json::array({json{{"field", "Sluice_Id__c"}, {"column", "id"}},
                        json{{"field", "LastName"}, {"column", "name"}},
                        json{{"field", "Email"}, {"column", "email"}}});
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

std::vector<std::string> methodsAndPaths(const CrmServer &server)
{
    std::vector<std::string> out;
    for (const auto &r : server.crm.requests("salesforce")) {
        std::string path = r.path;
        const auto job = path.find("/jobs/ingest/");
        if (job != std::string::npos)
            path = path.substr(0, job + 13) + "ID" + path.substr(std::min(path.size(), path.find('/', job + 13)));
        out.push_back(r.method + " " + path + " " + std::to_string(r.status));
    }
    return out;
}

} // namespace

class TstSalesforce : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        qputenv("SLUICE_TST_SF_TOKEN", "sandbox-token");
        qputenv("SLUICE_TST_SF_REFRESH", "sandbox-token");
        qputenv("SLUICE_TST_SF_SECRET", "app-secret");
    }

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

        auto noUrl = makeDestination(DestinationDef{"s", "salesforce", {{"accessToken", "${env:SLUICE_TST_SF_TOKEN}"}}}, DestinationContext{{}, SecretAccess::Allowed});
        QVERIFY(!noUrl);
        QCOMPARE(noUrl.error().code, std::string("settings.required"));
        auto noCredentials = makeDestination(DestinationDef{"s", "salesforce", {{"instanceUrl", "https://x.my.salesforce.com"}}}, DestinationContext{{}, SecretAccess::Allowed});
        QVERIFY(!noCredentials);
        QCOMPARE(noCredentials.error().code, std::string("salesforce.no_credentials"));
        auto big = makeDestination(DestinationDef{"s", "salesforce",
                                                  {{"instanceUrl", "https://x.my.salesforce.com"},
                                                   {"accessToken", "${env:SLUICE_TST_SF_TOKEN}"},
                                                   {"batchSize", 201}}},
                                   DestinationContext{{}, SecretAccess::Allowed});
        QVERIFY(!big);
        QCOMPARE(big.error().code, std::string("settings.batch_size"));
        auto plain = makeDestination(DestinationDef{"s", "salesforce",
                                                    {{"instanceUrl", "https://x.my.salesforce.com"},
                                                     {"refreshToken", "5Aep861..."}, {"clientId", "app"}}},
                                     DestinationContext{{}, SecretAccess::Allowed});
        QVERIFY(!plain);
        QCOMPARE(plain.error().code, std::string("settings.plain_secret"));

        auto made = makeDestination(DestinationDef{"s", "salesforce",
                                                   {{"instanceUrl", "https://x.my.salesforce.com"},
                                                    {"refreshToken", "${env:SLUICE_TST_SF_REFRESH}"},
                                                    {"clientId", "sluice-app"}}},
                                    DestinationContext{{}, SecretAccess::Allowed});
        QVERIFY2(made, made ? "" : made.error().describe().c_str());
        QCOMPARE((*made)->kind(), std::string_view("salesforce"));
        QCOMPARE((*made)->limits().maxBatchRecords, 200);
        auto bulk = makeDestination(DestinationDef{"s", "salesforce",
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
            batch.push_back(sfContact(uid(i), i == 4 ? Value() : Value("Last" + std::to_string(i)), "F" + std::to_string(i)));
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
        QCOMPARE_JSON(sent["records"][0], (json{{"attributes", {{"type", "Contact"}}}, {"Sluice_Id__c", "u-0"},
                                          {"LastName", "Last0"}, {"FirstName", "F0"}, {"Email", "u-0@example.com"},
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
            batch.push_back(sfContact(uid(i), i == 4 ? Value() : Value("Last" + std::to_string(i)), "F" + std::to_string(i)));
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

    // Contract case 12.
    void expiredTokenIsRenewedOnce()
    {
        {
            CrmServer server;
            server.crm.expireSalesforceToken();
            SalesforceSettings s = settingsFor(server);
            s.clientId = "sluice-app";
            s.clientSecret = "app-secret";
            s.refreshToken = server.options.token;
            s.customFields = {{"Sluice_Id__c", "string"}, {"Tier__c", "enumeration"}}; // no describe call
            SalesforceDestination sf(s);
            Recorder recorder;
            QVERIFY(sf.begin(contactRun(SyncMode::Upsert, &recorder)));
            auto r = sf.write(1, std::vector<Record>{sfContact(uid(1), Value("Ng")), sfContact(uid(2), Value("Bo"))});
            QVERIFY2(r && allDelivered(*r), r ? "" : r.error().message.c_str());
            QCOMPARE(server.crm.salesforceTokenRefreshes(), 1);
            QCOMPARE(methodsAndPaths(server),
                     (std::vector<std::string>{
                         "PATCH /services/data/v60.0/composite/sobjects/Contact/Sluice_Id__c 401",
                         "POST /services/oauth2/token 200",
                         "PATCH /services/data/v60.0/composite/sobjects/Contact/Sluice_Id__c 200"}));
            // The inspector shows the renewal without the secrets.
            QCOMPARE(recorder.exchanges.size(), std::size_t(3));
            const HttpExchange &renewal = recorder.exchanges[1];
            QVERIFY(renewal.url.ends_with("/services/oauth2/token"));
            QVERIFY(renewal.requestBody.find("app-secret") == std::string::npos);
            QVERIFY(renewal.requestBody.find("client_secret=[redacted]&refresh_token=[redacted]") != std::string::npos);
            QVERIFY(renewal.responseBody.find(server.crm.salesforceAccessToken()) == std::string::npos);
            // The new token serves the next batches: no second renewal.
            QVERIFY(sf.write(2, std::vector<Record>{sfContact(uid(3), Value("Li"))}));
            QCOMPARE(server.crm.salesforceTokenRefreshes(), 1);
            QCOMPARE(server.crm.salesforceRecords("Contact").size(), std::size_t(3));
        }
        {
            // A second consecutive 401 ends the run.
            CrmServer server;
            SalesforceBehaviour b;
            b.refreshedTokensExpire = true;
            server.crm.setSalesforceBehaviour(b);
            server.crm.expireSalesforceToken();
            SalesforceSettings s = settingsFor(server);
            s.clientId = "sluice-app";
            s.refreshToken = server.options.token;
            s.customFields = {{"Sluice_Id__c", "string"}, {"Tier__c", "enumeration"}}; // no describe call
            SalesforceDestination sf(s);
            QVERIFY(sf.begin(contactRun(SyncMode::Upsert)));
            auto r = sf.write(1, std::vector<Record>{sfContact(uid(1), Value("Ng"))});
            QVERIFY(!r);
            QCOMPARE(r.error().kind, BatchFailure::Kind::Fatal);
            QCOMPARE(r.error().message, std::string("Salesforce refused the session again right after the token was "
                                                    "renewed (401 INVALID_SESSION_ID: Session expired or invalid)"));
            QCOMPARE(server.crm.salesforceTokenRefreshes(), 1);
        }
        {
            // Without refresh credentials: fatal, saying how to fix it.
            CrmServer server;
            server.crm.expireSalesforceToken();
            SalesforceDestination sf(settingsFor(server));
            QVERIFY(sf.begin(contactRun(SyncMode::Upsert)));
            auto r = sf.write(1, std::vector<Record>{sfContact(uid(1), Value("Ng"))});
            QVERIFY(!r);
            QCOMPARE(r.error().kind, BatchFailure::Kind::Fatal);
            QVERIFY2(r.error().message.starts_with(
                         "Salesforce refused the access token (401 INVALID_SESSION_ID: Session expired or invalid)"),
                     r.error().message.c_str());
            // A refresh token Salesforce no longer accepts.
            SalesforceSettings s = settingsFor(server);
            s.clientId = "sluice-app";
            s.refreshToken = "revoked";
            SalesforceDestination revoked(s);
            QVERIFY(revoked.begin(contactRun(SyncMode::Upsert)));
            auto rr = revoked.write(1, std::vector<Record>{sfContact(uid(1), Value("Ng"))});
            QVERIFY(!rr);
            QCOMPARE(rr.error().message,
                     std::string("Salesforce's session expired and could not be renewed: Salesforce did not renew the "
                                 "access token (HTTP 400 invalid_grant: expired access/refresh token)"));
        }
        {
            // Through a run.
            CrmServer server;
            server.crm.expireSalesforceToken();
            SyncFixture f(10);
            f.addSync("s",
                      salesforceDef(server, {{"clientId", "sluice-app"}, {"clientSecret", "${env:SLUICE_TST_SF_SECRET}"},
                                             {"refreshToken", "${env:SLUICE_TST_SF_REFRESH}"}}),
                      "upsert", fastRetries(), peopleMapping());
            const RunSummary r = f.run("s");
            QCOMPARE(r.status, std::string("succeeded"));
            QCOMPARE(r.delivered(), std::int64_t(10));
            QCOMPARE(server.crm.salesforceTokenRefreshes(), 1);
        }
    }

    // Contract case 13.
    void requestLimitStopsWithoutLooping()
    {
        CrmServer server;
        SalesforceBehaviour b;
        b.apiAllocation = 3;
        server.crm.setSalesforceBehaviour(b);
        SalesforceSettings s = settingsFor(server);
        s.customFields = {{"Sluice_Id__c", "string"}, {"Tier__c", "enumeration"}}; // no describe call
        SalesforceDestination sf(s);
        Recorder recorder;
        QVERIFY(sf.begin(contactRun(SyncMode::Upsert, &recorder)));
        for (int i = 1; i <= 3; ++i) {
            QVERIFY(sf.write(i, std::vector<Record>{sfContact(uid(i), Value("Ng"))}));
            const std::string header = "Sforce-Limit-Info: api-usage=" + std::to_string(i) + "/3";
            QVERIFY2(recorder.exchanges.back().responseHeaders.find(header) != std::string::npos,
                     recorder.exchanges.back().responseHeaders.c_str());
        }
        auto r = sf.write(4, std::vector<Record>{sfContact(uid(4), Value("Ng"))});
        QVERIFY(!r);
        QCOMPARE(r.error().kind, BatchFailure::Kind::Fatal);
        QCOMPARE(r.error().message, std::string("Salesforce's API request limit is reached (REQUEST_LIMIT_EXCEEDED: "
                                                "TotalRequests Limit exceeded.; api-usage=4/3); records stay pending "
                                                "for the next run"));
        QCOMPARE(sf.apiUsage(), std::string("api-usage=4/3"));

        // Through a run: the run stops at the first 403 and keeps the rest pending.
        server.crm.reset();
        b.apiAllocation = 2;
        server.crm.setSalesforceBehaviour(b);
        SyncFixture f(30);
        f.addSync("s", salesforceDef(server, {{"batchSize", 10}, {"customFields", {{"Sluice_Id__c", "string"}}}}),
                  "upsert", fastRetries(), peopleMapping());
        const RunSummary run = f.run("s");
        QCOMPARE(run.status, std::string("failed"));
        QVERIFY2(run.error.starts_with("Salesforce's API request limit is reached"), run.error.c_str());
        QCOMPARE(run.delivered(), std::int64_t(20));
        QCOMPARE(run.pending(), std::int64_t(10));
        QCOMPARE(run.retries, std::int64_t(0));
        QCOMPARE(server.crm.requests("salesforce").size(), std::size_t(3));

        // ConcurrentPerOrgLongTxn is a different story: wait and retry.
        server.crm.reset();
        SalesforceBehaviour busy;
        busy.concurrentLimitFirst = 1;
        server.crm.setSalesforceBehaviour(busy);
        SalesforceDestination again(s);
        QVERIFY(again.begin(contactRun(SyncMode::Upsert)));
        auto wait = again.write(1, std::vector<Record>{sfContact(uid(1), Value("Ng"))});
        QVERIFY(!wait);
        QCOMPARE(wait.error().kind, BatchFailure::Kind::Retryable);
        QVERIFY(wait.error().retryAfter.has_value());
        QVERIFY(again.write(1, std::vector<Record>{sfContact(uid(1), Value("Ng"))}));
    }

    // Contract case 14.
    void bulkJobReportsFailedRows()
    {
        CrmServer server;
        SalesforceSettings s = settingsFor(server);
        s.bulk = true;
        s.customFields = {{"Sluice_Id__c", "string"}, {"Tier__c", "enumeration"}}; // no describe call
        SalesforceDestination sf(s);
        Recorder recorder;
        QVERIFY(sf.begin(contactRun(SyncMode::Upsert, &recorder)));
        std::vector<Record> batch;
        for (int i = 0; i < 50; ++i)
            batch.push_back(sfContact(uid(i), i == 10 || i == 30 ? Value() : Value("Last, \"" + std::to_string(i) + "\""),
                                      "F" + std::to_string(i)));
        auto r = sf.write(1, batch);
        QVERIFY2(r, r ? "" : r.error().message.c_str());
        for (int i = 0; i < 50; ++i) {
            if (i == 10 || i == 30) {
                QCOMPARE((*r)[std::size_t(i)].outcome, Outcome::Rejected);
                QCOMPARE((*r)[std::size_t(i)].reason, kMissingLastName);
            } else {
                QVERIFY2((*r)[std::size_t(i)].outcome == Outcome::Delivered, (*r)[std::size_t(i)].reason.c_str());
            }
        }
        QCOMPARE(methodsAndPaths(server),
                 (std::vector<std::string>{"POST /services/data/v60.0/jobs/ingest 200",
                                           "PUT /services/data/v60.0/jobs/ingest/ID/batches 201",
                                           "PATCH /services/data/v60.0/jobs/ingest/ID 200",
                                           "GET /services/data/v60.0/jobs/ingest/ID 200",
                                           "GET /services/data/v60.0/jobs/ingest/ID 200",
                                           "GET /services/data/v60.0/jobs/ingest/ID 200",
                                           "GET /services/data/v60.0/jobs/ingest/ID/failedResults/ 200"}));
        const auto requests = server.crm.requests("salesforce");
        QCOMPARE(requests[1].contentType, std::string("text/csv"));
        QVERIFY(requests[1].body.starts_with("Sluice_Id__c,LastName,FirstName,Email,Tier__c\n"));
        QCOMPARE(json::parse(requests[0].body)["externalIdFieldName"].get<std::string>(), std::string("Sluice_Id__c"));
        std::vector<std::string> states;
        for (const auto &e : recorder.exchanges)
            if (e.method == "GET" && e.url.find("Results") == std::string::npos)
                states.push_back(json::parse(e.responseBody)["state"].get<std::string>());
        QCOMPARE(states, (std::vector<std::string>{"InProgress", "InProgress", "JobComplete"}));
        const auto jobs = server.crm.salesforceJobs();
        QCOMPARE(jobs.size(), std::size_t(1));
        QCOMPARE(jobs[0]["numberRecordsFailed"].get<int>(), 2);
        QCOMPARE(jobs[0]["numberRecordsProcessed"].get<int>(), 50);
        QCOMPARE(server.crm.salesforceRecords("Contact").size(), std::size_t(48));
        QCOMPARE((*server.crm.salesforceRecord("Contact", "Sluice_Id__c", "u-7"))["LastName"].get<std::string>(),
                 std::string("Last, \"7\""));

        // Through a run: one job for 300 rows, the bad row rejected with Salesforce's words.
        server.crm.reset();
        SyncFixture f(300);
        f.warehouse("UPDATE people SET name = '' WHERE id = 5");
        f.addSync("s", salesforceDef(server, {{"bulk", true}, {"bulkBatchSize", 1000}}), "upsert", fastRetries(),
                  peopleMapping());
        const RunSummary run = f.run("s");
        QCOMPARE(run.status, std::string("partial"));
        QCOMPARE(run.delivered(), std::int64_t(299));
        QCOMPARE(run.rejected(), std::int64_t(1));
        QCOMPARE(server.crm.salesforceJobs().size(), std::size_t(1));
        QCOMPARE(server.crm.salesforceRecords("Contact").size(), std::size_t(299));
        auto state = StateStore::open(f.projectPath());
        auto events = RunRecorder::events((*state)->handle(), run.runId, LogLevel::Warning);
        bool logged = false;
        for (const auto &e : *events)
            logged = logged || (e.rowKey == "5" && e.message == "rejected: " + kMissingLastName);
        QVERIFY(logged);
    }

    void otherAnswers()
    {
        CrmServer server;
        {
            SalesforceDestination sf(settingsFor(server, "Leed"));
            QVERIFY(sf.begin(contactRun(SyncMode::Upsert)));
            auto r = sf.write(1, std::vector<Record>{sfContact(uid(1), Value("Ng"))});
            QVERIFY(!r);
            QCOMPARE(r.error().kind, BatchFailure::Kind::Fatal);
            QVERIFY2(r.error().message.starts_with("Salesforce: unknown sObject or field (404 NOT_FOUND"),
                     r.error().message.c_str());
        }
        {
            SalesforceDestination sf(settingsFor(server));
            RunInfo run = contactRun(SyncMode::Upsert);
            run.fields.push_back({"Foo__c", ValueType::Text});
            QVERIFY(sf.begin(run));
            Record record = sfContact(uid(1), Value("Ng"));
            record.fields.push_back(Value("x"));
            auto r = sf.write(1, std::vector<Record>{record});
            QVERIFY(!r);
            QCOMPARE(r.error().kind, BatchFailure::Kind::Fatal);
            QCOMPARE(r.error().message, std::string("Salesforce has no field 'Foo__c' on Contact: create it or fix the mapping"));
        }
        {
            SalesforceBehaviour b;
            b.serverErrorFirst = 1;
            b.lockRowFirst = 1;
            server.crm.reset();
            server.crm.setSalesforceBehaviour(b);
            SalesforceDestination sf(settingsFor(server));
            QVERIFY(sf.begin(contactRun(SyncMode::Upsert)));
            const std::vector<Record> batch = {sfContact(uid(1), Value("Ng")), sfContact(uid(2), Value("Bo"), "B", "Gold")};
            auto down = sf.write(1, batch);
            QVERIFY(!down);
            QCOMPARE(down.error().kind, BatchFailure::Kind::Retryable);
            QCOMPARE(down.error().message,
                     std::string("Salesforce failed (HTTP 503 SERVER_UNAVAILABLE: Server temporarily unavailable)"));
            auto r = sf.write(1, batch);
            QVERIFY(r);
            QCOMPARE((*r)[0].outcome, Outcome::Retryable);
            QVERIFY((*r)[0].reason.starts_with("UNABLE_TO_LOCK_ROW: "));
            QCOMPARE((*r)[1].outcome, Outcome::Rejected);
            QCOMPARE((*r)[1].reason, std::string("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: bad value for restricted "
                                                 "picklist field: Gold (fields: Tier__c)"));
            server.crm.setSalesforceBehaviour(SalesforceBehaviour{});
        }
        {
            // A value Salesforce cannot read as the field's type sinks the request: split to find it.
            SalesforceDestination sf(settingsFor(server, "Account"));
            RunInfo run;
            run.mode = SyncMode::Upsert;
            run.fields = {{"Sluice_Id__c", ValueType::Text}, {"Name", ValueType::Text}, {"NumberOfEmployees", ValueType::Text}};
            run.keyFields = {"Sluice_Id__c"};
            QVERIFY(sf.begin(run));
            Record account;
            account.keyValues = {Value("a-1")};
            account.key = encodeKeyValues(account.keyValues);
            account.fields = {Value("a-1"), Value("Acme"), Value("many")};
            auto r = sf.write(1, std::vector<Record>{account});
            QVERIFY(!r);
            QCOMPARE(r.error().kind, BatchFailure::Kind::RejectedWhole);
            QVERIFY2(r.error().message.starts_with("Salesforce refused the batch (400 JSON_PARSER_ERROR: Cannot deserialize"),
                     r.error().message.c_str());
            account.fields[2] = Value("250");
            auto ok = sf.write(1, std::vector<Record>{account});
            QVERIFY(ok && allDelivered(*ok));
            QCOMPARE((*server.crm.salesforceRecord("Account", "Sluice_Id__c", "a-1"))["NumberOfEmployees"].get<int>(), 250);
        }
    }

    void updateAndMirrorFindRecordsByExternalId()
    {
        CrmServer server;
        for (const std::string id : {"u-1", "u-2", "o'brien"})
            server.crm.seedSalesforce("Contact", {{"Sluice_Id__c", id}, {"LastName", "Old"}});
        {
            SalesforceDestination sf(settingsFor(server));
            Recorder recorder;
            QVERIFY(sf.begin(contactRun(SyncMode::Update, &recorder)));
            auto r = sf.write(1, std::vector<Record>{sfContact("u-1", Value("New1"), "A", "VIP", RecordOp::Update),
                                                     sfContact("u-9", Value("New9"), "A", "VIP", RecordOp::Update),
                                                     sfContact("o'brien", Value("NewO"), "A", "VIP", RecordOp::Update)});
            QVERIFY(r);
            QCOMPARE((*r)[0].outcome, Outcome::Delivered);
            QCOMPARE((*r)[1].outcome, Outcome::Rejected);
            QCOMPARE((*r)[1].reason, std::string("no Contact has Sluice_Id__c 'u-9' (update mode does not create records)"));
            QCOMPARE((*r)[2].outcome, Outcome::Delivered);
            QCOMPARE(recorder.exchanges.size(), std::size_t(2));
            QVERIFY(recorder.exchanges[0].url.find("/query?q=SELECT%20Id%2C%20Sluice_Id__c%20FROM%20Contact%20WHERE") != std::string::npos);
            QCOMPARE(recorder.exchanges[1].method, std::string("PATCH"));
            QVERIFY(recorder.exchanges[1].url.ends_with("/services/data/v60.0/composite/sobjects"));
            const json sent = json::parse(recorder.exchanges[1].requestBody);
            QVERIFY(sent["records"][0]["id"].is_string());
            QCOMPARE(server.crm.salesforceRecords("Contact").size(), std::size_t(3));
            QCOMPARE((*server.crm.salesforceRecord("Contact", "Sluice_Id__c", "o'brien"))["LastName"].get<std::string>(),
                     std::string("NewO"));
        }
        {
            SalesforceDestination sf(settingsFor(server));
            QVERIFY(sf.begin(contactRun(SyncMode::Mirror)));
            server.crm.reset();
            for (const std::string id : {"u-1", "u-2", "u-3"})
                server.crm.seedSalesforce("Contact", {{"Sluice_Id__c", id}, {"LastName", "Old"}});
            auto r = sf.write(1, std::vector<Record>{sfContact("u-4", Value("Four")), sfRemoval("u-1"), sfRemoval("u-3"),
                                                     sfRemoval("u-7")});
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
            QVERIFY2((*r)[1].reason.starts_with("DUPLICATE_VALUE: duplicate value found: Sluice_Id__c"), (*r)[1].reason.c_str());
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
            QCOMPARE((*r)[3].reason, std::string("no Contact has Sluice_Id__c 'u-4' (update mode does not create records)"));
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
            QCOMPARE((*r)[0].reason,
                     std::string("DUPLICATE_EXTERNAL_ID: Sluice_Id__c 'u-7' matches 2 Contact records; none was deleted"));
            QCOMPARE(server.crm.salesforceRecords("Contact").size(), std::size_t(2));
            SalesforceDestination update(settingsFor(server));
            QVERIFY(update.begin(contactRun(SyncMode::Update)));
            auto u = update.write(1, std::vector<Record>{sfContact("u-7", Value("X"), "A", "VIP", RecordOp::Update)});
            QVERIFY(u);
            QCOMPARE((*u)[0].reason, std::string("DUPLICATE_EXTERNAL_ID: Sluice_Id__c 'u-7' matches 2 Contact records"));
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
            QVERIFY2(ok->starts_with("connected to Salesforce: Lead has ") && ok->find("; Sluice_Id__c is an External ID (api-usage=1/15000)") != std::string::npos,
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
            QCOMPARE(refused.error().message, std::string("the token was refused (Salesforce answered 401 INVALID_SESSION_ID)"));
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
        execFile(warehouse, "UPDATE users SET lifecycle_stage = 'MQL', created_at = (SELECT today FROM demo_clock) "
                            "WHERE user_id <= 20");
        {
            auto store = ProjectStore::open(project);
            auto config = (*store)->load();
            QVERIFY(config);
            config->destinations.push_back(DestinationDef{
                "salesforce", "salesforce",
                {{"instanceUrl", server.salesforceUrl()}, {"accessToken", "${env:SLUICE_TST_SF_TOKEN}"},
                 {"object", "Lead"}, {"externalIdField", "Sluice_Id__c"}, {"timeoutSeconds", 10}}});
            config->syncs.push_back(SyncDef{"leads_to_salesforce", "salesforce_leads", "salesforce", "mirror",
                                            json::array(), json{{"retryBaseMs", 20}}});
            QVERIFY((*store)->save(*config));
        }
        const std::vector<std::string> columns = {"Sluice_Id__c", "Email", "FirstName", "LastName", "Company",
                                                  "Lead_Score__c", "LeadSource"};
        auto model = [&] {
            auto store = ProjectStore::open(project);
            const ModelDef def = *(*store)->model("salesforce_leads");
            std::map<std::string, json> rows;
            for (const auto &row : queryFile(warehouse, "SELECT * FROM (" + def.sql + ")")) {
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
        auto runOnce = [&] {
            QString output;
            auto r = runSyncWithSluicectl(project, "leads_to_salesforce", &output);
            if (!r)
                qFatal("sluicectl run printed no summary: %s", qPrintable(output));
            return *r;
        };

        const RunSummary first = runOnce();
        QCOMPARE(first.status, std::string("succeeded"));
        const auto initial = model();
        QVERIFY(initial.size() >= 20);
        QCOMPARE(first.added.delivered, std::int64_t(initial.size()));
        QCOMPARE(held(), initial);
        for (const auto &lead : server.crm.salesforceRecords("Lead"))
            QCOMPARE(lead["Status"].get<std::string>(), std::string("Open - Not Contacted"));

        // A new lead, a score change, a lead gone, and a last name Salesforce requires.
        execFile(warehouse,
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

        auto state = StateStore::open(project);
        QVERIFY(state);
        auto events = RunRecorder::events((*state)->handle(), second.runId, LogLevel::Warning);
        QVERIFY(events);
        bool logged = false;
        for (const auto &e : *events)
            logged = logged || (e.rowKey == "u-3" && e.message == "rejected: " + kMissingLastName);
        QVERIFY(logged);
        auto exchanges = RunRecorder::exchanges((*state)->handle(), second.runId);
        QVERIFY(exchanges && !exchanges->empty());
        for (const auto &e : *exchanges)
            QVERIFY2(e.exchange.responseHeaders.find("Sforce-Limit-Info: api-usage=") != std::string::npos,
                     e.exchange.url.c_str());
        state->reset();
        const CliResult cli = runSluicectl({"rejected", QString::fromStdString(project), "--sync", "leads_to_salesforce"});
        QCOMPARE(cli.exitCode, 0);
        QVERIFY2(cli.out.contains("u-3") && cli.out.contains("REQUIRED_FIELD_MISSING"), cli.out.constData());
        const CliResult full = runSluicectl(
            {"rejected", QString::fromStdString(project), "--sync", "leads_to_salesforce", "--json"});
        QCOMPARE(full.exitCode, 0);
        QVERIFY2(full.out.contains(QByteArray::fromStdString(json(kMissingLastName).dump())), full.out.constData());

        // Fixed at the source: Salesforce matches the model again.
        execFile(warehouse, "UPDATE users SET last_name = 'Fixed' WHERE user_id = 3;");
        const RunSummary third = runOnce();
        QCOMPARE(third.status, std::string("succeeded"));
        QCOMPARE(held(), model());
        QCOMPARE(held()["u-3"]["LastName"].get<std::string>(), std::string("Fixed"));
        const CliResult after = runSluicectl({"rejected", QString::fromStdString(project), "--sync", "leads_to_salesforce"});
        QVERIFY(!after.out.contains("REQUIRED_FIELD_MISSING"));
    }
};

QTEST_GUILESS_MAIN(TstSalesforce)
#include "tst_salesforce.moc"

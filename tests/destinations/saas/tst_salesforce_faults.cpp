// The Salesforce connector against the loopback Salesforce fake: contract
// cases 12-14 of shared/reference/destination-apis.md (an expired token renewed
// once, the request limit, a Bulk API job's failed rows) driven directly
// (begin, write) and through sync runs, and the other whole-request answers.

#include "salesforcetesting.h"

#include "project/runrecorder.h"
#include "project/statestore.h"

namespace {

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

class TstSalesforceFaults : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { setSalesforceTestSecrets(); }

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
            QCOMPARE(
                methodsAndPaths(server),
                (std::vector<std::string>{"PATCH /services/data/v60.0/composite/sobjects/Contact/Sluice_Id__c 401",
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
                      salesforceDef(server, {{"clientId", "sluice-app"},
                                             {"clientSecret", "${env:SLUICE_TST_SF_SECRET}"},
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
            batch.push_back(sfContact(uid(i),
                                      i == 10 || i == 30 ? Value() : Value("Last, \"" + std::to_string(i) + "\""),
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
                 (std::vector<std::string>{
                     "POST /services/data/v60.0/jobs/ingest 200", "PUT /services/data/v60.0/jobs/ingest/ID/batches 201",
                     "PATCH /services/data/v60.0/jobs/ingest/ID 200", "GET /services/data/v60.0/jobs/ingest/ID 200",
                     "GET /services/data/v60.0/jobs/ingest/ID 200", "GET /services/data/v60.0/jobs/ingest/ID 200",
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
            QCOMPARE(r.error().message,
                     std::string("Salesforce has no field 'Foo__c' on Contact: create it or fix the mapping"));
        }
        {
            SalesforceBehaviour b;
            b.serverErrorFirst = 1;
            b.lockRowFirst = 1;
            server.crm.reset();
            server.crm.setSalesforceBehaviour(b);
            SalesforceDestination sf(settingsFor(server));
            QVERIFY(sf.begin(contactRun(SyncMode::Upsert)));
            const std::vector<Record> batch
                = {sfContact(uid(1), Value("Ng")), sfContact(uid(2), Value("Bo"), "B", "Gold")};
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
            run.fields = {
                {"Sluice_Id__c", ValueType::Text}, {"Name", ValueType::Text}, {"NumberOfEmployees", ValueType::Text}};
            run.keyFields = {"Sluice_Id__c"};
            QVERIFY(sf.begin(run));
            Record account;
            account.keyValues = {Value("a-1")};
            account.key = encodeKeyValues(account.keyValues);
            account.fields = {Value("a-1"), Value("Acme"), Value("many")};
            auto r = sf.write(1, std::vector<Record>{account});
            QVERIFY(!r);
            QCOMPARE(r.error().kind, BatchFailure::Kind::RejectedWhole);
            QVERIFY2(r.error().message.starts_with(
                         "Salesforce refused the batch (400 JSON_PARSER_ERROR: Cannot deserialize"),
                     r.error().message.c_str());
            account.fields[2] = Value("250");
            auto ok = sf.write(1, std::vector<Record>{account});
            QVERIFY(ok && allDelivered(*ok));
            QCOMPARE((*server.crm.salesforceRecord("Account", "Sluice_Id__c", "a-1"))["NumberOfEmployees"].get<int>(),
                     250);
        }
    }
};

QTEST_GUILESS_MAIN(TstSalesforceFaults)
#include "tst_salesforce_faults.moc"

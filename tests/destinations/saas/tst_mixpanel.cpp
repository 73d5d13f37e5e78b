// The Mixpanel connector against the Mixpanel fake: contract cases 21-25
// (/import strict validation, the 2 MB limit, 429 back-off with dedupe,
// /engage $set and its 2,000-update limit), credentials, payloads and an
// end-to-end profile sync over two runs.

#include "engagementtesting.h"
#include "syncfixture.h"

#include <QElapsedTimer>
#include <QTest>

#include <set>

using namespace sluice;
using namespace sluice::test;
using nlohmann::json;
using sluice::fakes::MixpanelFakeOptions;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t kTime = 1714554753; // 2024-05-01T09:12:33Z

json mixpanelSettings(const Sandbox &sandbox, json extra = json::object())
{
    json s = {{"projectToken", tokenRef()}, {"baseUrl", sandbox.baseUrl("mixpanel")}};
    s.update(extra);
    return s;
}

DestinationDef mixpanelDef(const Sandbox &sandbox, json extra = json::object())
{
    return DestinationDef{"mixpanel", "mixpanel", mixpanelSettings(sandbox, std::move(extra))};
}

json fastRetries()
{
    return json{{"retryBaseMs", 20}, {"maxAttempts", 10}};
}

json eventMapping()
{
    return json::array({
        {{"field", "distinct_id"}, {"template", "u-{{id}}"}},
        {{"field", "time"}, {"value", kTime}},
        {{"field", "email"}, {"column", "email"}},
        {{"field", "score"}, {"column", "score"}},
    });
}

std::vector<FieldSpec> eventFields()
{
    return {{"distinct_id", ValueType::Text}, {"time", ValueType::Integer}, {"plan", ValueType::Text}};
}

std::vector<Record> events(int count, std::int64_t first = 0)
{
    std::vector<Record> batch;
    for (int i = 0; i < count; ++i)
        batch.push_back(record(first + i, {Value("u-" + std::to_string(first + i)), Value(kTime), Value("pro")}));
    return batch;
}

} // namespace

class TstMixpanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { exportToken(); }

    void settingsAndLimits()
    {
        const KindSpec *spec = findDestinationKind("mixpanel");
        QVERIFY(spec);
        QVERIFY(spec->find("projectToken")->secret);
        QVERIFY(spec->find("serviceAccountSecret")->secret);
        QVERIFY(!spec->find("serviceAccountUser")->secret);

        Sandbox sandbox;
        const auto refused = [&](json settings) {
            return makeDestination(DestinationDef{"m", "mixpanel", settings},
                                   DestinationContext{{}, SecretAccess::Allowed})
                .error()
                .code;
        };
        QCOMPARE(refused({{"baseUrl", sandbox.baseUrl("mixpanel")}}), std::string("mixpanel.no_credentials"));
        QCOMPARE(refused({{"serviceAccountUser", "sa"}, {"serviceAccountSecret", tokenRef()}}),
                 std::string("mixpanel.project_id"));
        QCOMPARE(refused({{"object", "profiles"},
                          {"serviceAccountUser", "sa"},
                          {"serviceAccountSecret", tokenRef()},
                          {"projectId", "p"}}),
                 std::string("mixpanel.no_token"));
        QCOMPARE(refused({{"projectToken", "plain-token"}}), std::string("settings.plain_secret"));

        auto events = makeConnector("mixpanel", mixpanelSettings(sandbox, {{"batchSize", 5000}}));
        QCOMPARE(events->limits().maxBatchRecords, 2000);
        QVERIFY(events->limits().maxBatchBytes > 1'000'000);
        QVERIFY(events->limits().maxBatchBytes < 2'097'152);
        QCOMPARE(events->supportedModes(), (std::vector<SyncMode>{SyncMode::Upsert, SyncMode::Insert}));
        auto profiles = makeConnector("mixpanel", mixpanelSettings(sandbox, {{"object", "profiles"}}));
        QCOMPARE(profiles->limits().maxBatchRecords, 2000);
        QCOMPARE(profiles->limits().maxBatchBytes, std::size_t(0)); // /engage states only 1 MB per update

        auto described = events->describe();
        QCOMPARE(described->size(), std::size_t(2));
        QCOMPARE((*described)[0].fields[0].name, std::string("event"));
        QVERIFY((*described)[0].fields[0].required);
        QCOMPARE((*described)[1].fields[0].name, std::string("$distinct_id"));
        QVERIFY((*described)[1].fields[0].identifier);

        // begin() names what the mapping lacks.
        auto noName = events->begin(runInfo({{"distinct_id", ValueType::Text}, {"time", ValueType::Integer}}));
        QVERIFY(!noName);
        QVERIFY(noName.error().message.find("eventName") != std::string::npos);
    }

    void testConnectionChecksCredentials()
    {
        Sandbox sandbox;
        auto token = makeConnector("mixpanel", mixpanelSettings(sandbox, {{"eventName", "x"}}));
        auto ok = token->testConnection();
        QVERIFY2(ok, ok ? "" : ok.error().describe().c_str());
        QVERIFY(ok->find("project token") != std::string::npos);

        auto account = makeConnector("mixpanel", json{{"baseUrl", sandbox.baseUrl("mixpanel")},
                                                      {"serviceAccountUser", "sluice-sa"},
                                                      {"serviceAccountSecret", tokenRef()},
                                                      {"projectId", "sandbox-project"}});
        ok = account->testConnection();
        QVERIFY2(ok, ok ? "" : ok.error().describe().c_str());
        const auto sent = sandbox.fakes().requests("mixpanel").back();
        QCOMPARE(sent.target, std::string("/mixpanel/import?strict=1&project_id=sandbox-project"));
        QCOMPARE(sent.header("Authorization"),
                 "Basic " + std::string("c2x1aWNlLXNhOnNhbmRib3gtdG9rZW4=")); // sluice-sa:sandbox-token

        auto wrongProject = makeConnector("mixpanel", json{{"baseUrl", sandbox.baseUrl("mixpanel")},
                                                           {"serviceAccountUser", "sluice-sa"},
                                                           {"serviceAccountSecret", tokenRef()},
                                                           {"projectId", "other"}});
        auto refused = wrongProject->testConnection();
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, std::string("mixpanel.auth"));
        QVERIFY(sandbox.fakes().mixpanelEvents().empty());

        auto profiles = makeConnector("mixpanel", mixpanelSettings(sandbox, {{"object", "profiles"}}));
        ok = profiles->testConnection();
        QVERIFY(ok);
        QVERIFY(ok->find("could not be checked") != std::string::npos);
    }

    // Case 21: strict=1, 2 bad times among 2,000: exactly those rejected, no resend.
    void strictImportRejectsExactlyTheFailedRecords()
    {
        Sandbox sandbox;
        auto mixpanel = makeConnector("mixpanel", mixpanelSettings(sandbox, {{"eventName", "plan_changed"}}));
        QVERIFY(mixpanel->begin(runInfo(eventFields())));
        std::vector<Record> batch = events(2000);
        batch[17].fields[1] = Value("yesterday");
        batch[1500].fields[1] = Value("May 1st");
        const BatchResult result = mixpanel->write(1, batch);
        QVERIFY(result);
        QCOMPARE(count(*result, Outcome::Delivered), 1998);
        QCOMPARE(count(*result, Outcome::Rejected), 2);
        QCOMPARE((*result)[17].outcome, Outcome::Rejected);
        QCOMPARE((*result)[17].reason,
                 std::string("Mixpanel: properties.time: 'properties.time' must be a number: seconds or milliseconds "
                             "since the epoch"));
        QCOMPARE((*result)[1500].outcome, Outcome::Rejected);
        QCOMPARE(sandbox.fakes().mixpanelEvents().size(), std::size_t(1998));
        const auto requests = sandbox.fakes().requests("mixpanel");
        QCOMPARE(requests.size(), std::size_t(1));
        QCOMPARE(requests[0].status, 400);
        QCOMPARE(requests[0].target, std::string("/mixpanel/import?strict=1"));
        QCOMPARE(requests[0].header("Authorization"), std::string("Basic c2FuZGJveC10b2tlbjo=")); // sandbox-token:
        const json first = json::parse(requests[0].body)[0];
        JCOMPARE(first["event"], "plan_changed");
        JCOMPARE(first["properties"]["time"], kTime);
        JCOMPARE(first["properties"]["distinct_id"], "u-0");
        JCOMPARE(first["properties"]["plan"], "pro");
        QCOMPARE(first["properties"]["$insert_id"].get<std::string>().size(), std::size_t(36));
    }

    // Case 22: over 2 MB: refused with 413 by the service, so the client
    // splits before sending and the halves are imported.
    void oversizeImportIsSplitBeforeSending()
    {
        Sandbox sandbox;
        const json big = json::array(
            {{{"event", "x"},
              {"properties",
               {{"time", kTime}, {"distinct_id", "u"}, {"$insert_id", "a"}, {"bio", std::string(2'200'000, 'x')}}}}});
        const HttpResponse response
            = post(sandbox.baseUrl("mixpanel") + "/import?strict=1", big.dump(),
                   {{"Content-Type", "application/json"}, {"Authorization", "Basic c2FuZGJveC10b2tlbjo="}});
        QCOMPARE(response.status, 413);
        JCOMPARE(json::parse(response.body), (json{{"code", 413},
                                                   {"error", "request exceeds max limit of 2097152 bytes"},
                                                   {"status", "Request Entity Too Large"}}));
        QVERIFY(sandbox.fakes().mixpanelEvents().empty());

        SyncFixture f(1500);
        f.warehouse("UPDATE people SET name = name || ' ' || " + sqlLongText(1600));
        json mapping = eventMapping();
        mapping.push_back({{"field", "bio"}, {"column", "name"}});
        f.addSync("s", mixpanelDef(sandbox, {{"eventName", "profile_loaded"}}), "insert", fastRetries(), mapping);
        const RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 1500);
        QCOMPARE(sandbox.fakes().mixpanelEvents().size(), std::size_t(1500));
        const auto stats = sandbox.fakes().stats("mixpanel");
        QCOMPARE(stats.refusedForSize, 1); // only the raw request above
        QVERIFY(stats.requests >= 3);
        for (const auto &request : sandbox.fakes().requests("mixpanel"))
            if (request.status == 200)
                QVERIFY(request.body.size() <= 2'097'152);

        // A 413 from the service splits the batch just the same.
        FixedAnswerServer tooLarge(413,
                                   json{{"code", 413}, {"error", "request exceeds max limit of 2097152 bytes"}}.dump());
        auto direct
            = makeConnector("mixpanel", mixpanelSettings(sandbox, {{"baseUrl", tooLarge.url()}, {"eventName", "x"}}));
        QVERIFY(direct->begin(runInfo(eventFields())));
        std::vector<Record> batch = events(4);
        const BatchResult refused = direct->write(1, batch);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, BatchFailure::Kind::RejectedWhole);
    }

    // Case 23: 429 twice, then 200: back-off from 2 s, growing; every event once.
    void rateLimitBacksOffAndImportsOnce()
    {
        Sandbox sandbox;
        MixpanelFakeOptions limited;
        limited.importRateLimited.first = 2;
        sandbox.fakes().setMixpanel(limited);
        SyncFixture f(50);
        f.addSync("s", mixpanelDef(sandbox, {{"eventName", "score_seen"}}), "insert", fastRetries(), eventMapping());
        QElapsedTimer timer;
        timer.start();
        const RunSummary r = f.run("s");
        QVERIFY2(timer.elapsed() >= 6000, std::to_string(timer.elapsed()).c_str()); // 2 s, then 4 s
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 50);
        QCOMPARE(r.retries, 2);
        const auto requests = sandbox.fakes().requests("mixpanel");
        QCOMPARE(requests.size(), std::size_t(3));
        QCOMPARE(requests[0].status, 429);
        QCOMPARE(requests[1].status, 429);
        QCOMPARE(requests[2].status, 200);
        QCOMPARE(requests[0].body, requests[2].body); // the same events, the same $insert_ids
        QCOMPARE(sandbox.fakes().mixpanelEvents().size(), std::size_t(50));

        // A resend of imported events changes nothing (dedupe on event, time,
        // distinct_id and $insert_id).
        const HttpResponse again
            = post(sandbox.baseUrl("mixpanel") + "/import?strict=1", requests[2].body,
                   {{"Content-Type", "application/json"}, {"Authorization", "Basic c2FuZGJveC10b2tlbjo="}});
        QCOMPARE(again.status, 200);
        QCOMPARE(sandbox.fakes().mixpanelEvents().size(), std::size_t(50));
        QCOMPARE(sandbox.fakes().stats("mixpanel").duplicatesIgnored, 50);
    }

    void backOffGrowsWhileRefusalsContinue()
    {
        Sandbox sandbox;
        MixpanelFakeOptions limited;
        limited.importRateLimited.first = 3;
        sandbox.fakes().setMixpanel(limited);
        auto mixpanel = makeConnector("mixpanel", mixpanelSettings(sandbox, {{"eventName", "x"}}));
        QVERIFY(mixpanel->begin(runInfo(eventFields())));
        std::vector<Record> batch = events(3);
        std::vector<std::chrono::milliseconds> waits;
        for (int i = 0; i < 3; ++i) {
            const BatchResult result = mixpanel->write(i, batch);
            QVERIFY(!result);
            QCOMPARE(result.error().kind, BatchFailure::Kind::Retryable);
            QCOMPARE(result.error().message, std::string("Mixpanel rate limit reached (429)"));
            waits.push_back(*result.error().retryAfter);
        }
        QVERIFY(waits[0] >= 2000ms && waits[0] < 3000ms);
        QVERIFY(waits[1] >= 4000ms && waits[1] < 5000ms);
        QVERIFY(waits[2] >= 8000ms && waits[2] < 9000ms);
        QVERIFY(mixpanel->write(4, batch));
        // After a success the next refusal starts again at 2 s.
        limited.importRateLimited = {};
        limited.importServerError.every = 5;
        sandbox.fakes().setMixpanel(limited);
        const BatchResult failed = mixpanel->write(5, batch);
        QVERIFY(!failed);
        QVERIFY(*failed.error().retryAfter < 3000ms);
        QVERIFY(failed.error().message.starts_with("Mixpanel failed (HTTP 503)"));
    }

    // Case 24: /engage with 2,000 $set updates.
    void engageSetsTwoThousandProfiles()
    {
        Sandbox sandbox;
        RecordingObserver observer;
        auto mixpanel = makeConnector("mixpanel", mixpanelSettings(sandbox, {{"object", "profiles"}}));
        QVERIFY(mixpanel->begin(
            runInfo({{"$distinct_id", ValueType::Text}, {"$email", ValueType::Text}, {"user_tier", ValueType::Text}},
                    SyncMode::Upsert, &observer)));
        std::vector<Record> batch;
        for (int i = 0; i < 2000; ++i)
            batch.push_back(record(
                i, {Value("u-" + std::to_string(i)), Value("p" + std::to_string(i) + "@example.com"), Value("VIP")}));
        const BatchResult result = mixpanel->write(1, batch);
        QVERIFY(result);
        QCOMPARE(count(*result, Outcome::Delivered), 2000);
        const json profiles = sandbox.fakes().mixpanelProfiles();
        QCOMPARE(profiles.size(), std::size_t(2000));
        JCOMPARE(profiles["u-1234"], (json{{"$email", "p1234@example.com"}, {"user_tier", "VIP"}}));
        const auto request = sandbox.fakes().requests("mixpanel")[0];
        QCOMPARE(request.target, std::string("/mixpanel/engage?verbose=1&ip=0"));
        const json first = json::parse(request.body)[0];
        JCOMPARE(first, (json{{"$token", "sandbox-token"},
                              {"$distinct_id", "u-0"},
                              {"$set", {{"$email", "p0@example.com"}, {"user_tier", "VIP"}}}}));
        JCOMPARE(json::parse(observer.exchanges[0].second.responseBody), (json{{"status", 1}, {"error", nullptr}}));
        // The token inside every update never reaches the API inspector.
        QVERIFY(observer.exchanges[0].second.requestBody.find("sandbox-token") == std::string::npos);
        QVERIFY(observer.exchanges[0].second.requestBody.find("\"$token\":\"[redacted]\"") != std::string::npos);
    }

    // Case 25: 2,001 updates are refused; the client never sends more than 2,000.
    void engageNeverSendsMoreThanTwoThousand()
    {
        Sandbox sandbox;
        json updates = json::array();
        for (int i = 0; i < 2001; ++i)
            updates.push_back(
                {{"$token", "sandbox-token"}, {"$distinct_id", "u-" + std::to_string(i)}, {"$set", {{"a", 1}}}});
        const HttpResponse response = post(sandbox.baseUrl("mixpanel") + "/engage?verbose=1", updates.dump(),
                                           {{"Content-Type", "application/json"}});
        QCOMPARE(response.status, 400);
        QCOMPARE(json::parse(response.body)["status"].get<int>(), 0);
        QVERIFY(sandbox.fakes().mixpanelProfiles().empty());

        SyncFixture f(2001);
        const json mapping = json::array(
            {{{"field", "$distinct_id"}, {"template", "u-{{id}}"}}, {{"field", "$email"}, {"column", "email"}}});
        json settings = fastRetries();
        settings["batchSize"] = 5000; // clamped to the service's 2,000
        f.addSync("s", mixpanelDef(sandbox, {{"object", "profiles"}}), "upsert", settings, mapping);
        const RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 2001);
        QCOMPARE(sandbox.fakes().mixpanelProfiles().size(), std::size_t(2001));
        QCOMPARE(sandbox.fakes().stats("mixpanel").largestItems, 2001); // the raw request above
        int largestSent = 0;
        for (const auto &request : sandbox.fakes().requests("mixpanel"))
            if (request.status == 200)
                largestSent = std::max(largestSent, int(json::parse(request.body).size()));
        QCOMPARE(largestSent, 2000);
    }

    void statusZeroRefusesTheBatchAsAWhole()
    {
        FixedAnswerServer zero(200, json{{"status", 0}, {"error", "$distinct_id is missing or empty"}}.dump());
        Sandbox sandbox;
        auto mixpanel
            = makeConnector("mixpanel", mixpanelSettings(sandbox, {{"object", "profiles"}, {"baseUrl", zero.url()}}));
        QVERIFY(mixpanel->begin(runInfo({{"$distinct_id", ValueType::Text}, {"plan", ValueType::Text}})));
        std::vector<Record> batch = {record(1, {Value("u-1"), Value("a")}), record(2, {Value("u-2"), Value("b")})};
        const BatchResult result = mixpanel->write(1, batch);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, BatchFailure::Kind::RejectedWhole);
        QCOMPARE(result.error().message,
                 std::string("Mixpanel refused the profile updates (HTTP 200): $distinct_id is missing or empty"));

        // A profile without a distinct id, or over 1 MB, never leaves.
        auto real = makeConnector("mixpanel", mixpanelSettings(sandbox, {{"object", "profiles"}}));
        QVERIFY(real->begin(runInfo({{"$distinct_id", ValueType::Text}, {"plan", ValueType::Text}})));
        batch = {record(1, {Value(), Value("a")}), record(2, {Value("u-2"), Value(std::string(1100000, 'x'))})};
        const BatchResult local = real->write(1, batch);
        QVERIFY(local);
        QCOMPARE((*local)[0].reason, std::string("the distinct id is empty; Mixpanel needs it to find the profile"));
        QVERIFY((*local)[1].reason.find("accepts at most 1048575 bytes per item") != std::string::npos);
        QCOMPARE(sandbox.fakes().stats("mixpanel").requests, 0);
    }

    void eventTimesAndInsertIds()
    {
        Sandbox sandbox;
        auto mixpanel = makeConnector(
            "mixpanel", mixpanelSettings(sandbox, {{"eventName", "x"}, {"customFields", {{"plan", "text"}}}}));
        QVERIFY(mixpanel->begin(runInfo(eventFields())));
        std::vector<Record> batch = {
            record(1, {Value("u-1"), Value("2024-05-01T09:12:33Z"), Value("a")}),
            record(2, {Value("u-2"), Value(std::int64_t(1714554753000)), Value("b")}),
            record(3, {Value("u-3"), Value("1714554753"), Value(std::int64_t(7))}),
        };
        QVERIFY(mixpanel->write(1, batch));
        const json sent = json::parse(sandbox.fakes().requests("mixpanel")[0].body);
        JCOMPARE(sent[0]["properties"]["time"], 1714554753000); // ISO 8601 text: milliseconds
        JCOMPARE(sent[1]["properties"]["time"], 1714554753000); // numbers as given
        JCOMPARE(sent[2]["properties"]["time"], 1714554753);    // digits keep their unit
        JCOMPARE(sent[2]["properties"]["plan"], "7");           // customFields: text
        const std::string id = sent[0]["properties"]["$insert_id"].get<std::string>();
        QVERIFY(std::all_of(id.begin(), id.end(),
                            [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == '-'; }));

        // A resend carries the same ids and changes nothing; a changed payload is a new event.
        QVERIFY(mixpanel->write(2, batch));
        JCOMPARE(json::parse(sandbox.fakes().requests("mixpanel")[1].body), sent);
        QCOMPARE(sandbox.fakes().mixpanelEvents().size(), std::size_t(3));
        batch[0].hash += 1;
        QVERIFY(mixpanel->write(3, batch));
        QCOMPARE(sandbox.fakes().mixpanelEvents().size(), std::size_t(4));
    }

    void unknownCredentialsAreFatal()
    {
        Sandbox sandbox;
        setenv("SLUICE_TEST_MIXPANEL_WRONG", "wrong", 1);
        SyncFixture f(10);
        f.addSync("s",
                  mixpanelDef(sandbox, {{"eventName", "x"}, {"projectToken", "${env:SLUICE_TEST_MIXPANEL_WRONG}"}}),
                  "insert", fastRetries(), eventMapping());
        const RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("failed"));
        QVERIFY2(r.error.find("Mixpanel refused the credentials (401): Invalid credentials") != std::string::npos,
                 r.error.c_str());
        QCOMPARE(sandbox.fakes().stats("mixpanel").requests, 1);
    }

    void endToEndProfilesOverTwoRuns()
    {
        Sandbox sandbox;
        SyncFixture f(20);
        const json mapping = json::array({
            {{"field", "$distinct_id"}, {"template", "u-{{id}}"}},
            {{"field", "$email"}, {"column", "email"}},
            {{"field", "$name"}, {"column", "name"}},
            {{"field", "score"}, {"column", "score"}},
        });
        f.addSync("s", mixpanelDef(sandbox, {{"object", "profiles"}}), "upsert", fastRetries(), mapping);
        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 20);
        json profiles = sandbox.fakes().mixpanelProfiles();
        QCOMPARE(profiles.size(), std::size_t(20));
        JCOMPARE(profiles["u-5"], (json{{"$email", "p5@example.com"}, {"$name", "Person 5"}, {"score", 50}}));

        f.warehouse("UPDATE people SET score = 999 WHERE id IN (2, 5, 9)");
        r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.changed.delivered, 3);
        profiles = sandbox.fakes().mixpanelProfiles();
        QCOMPARE(profiles.size(), std::size_t(20));
        JCOMPARE(profiles["u-5"]["score"], 999);
        JCOMPARE(profiles["u-6"]["score"], 60);
        QCOMPARE(sandbox.fakes().stats("mixpanel").requests, 2);
        QCOMPARE(json::parse(sandbox.fakes().requests("mixpanel")[1].body).size(), std::size_t(3));
    }
};

QTEST_GUILESS_MAIN(TstMixpanel)
#include "tst_mixpanel.moc"

// The Braze connector against the Braze fake: contract cases 15-20 of the
// destination API reference, driven directly (begin, write) and through
// whole sync runs, plus payload shapes, modes, settings and an end-to-end
// sync over two runs.

#include "engagementtesting.h"
#include "syncfixture.h"

#include <QElapsedTimer>
#include <QTest>

#include <set>

using namespace sluice;
using namespace sluice::test;
using nlohmann::json;
using sluice::fakes::BrazeFakeOptions;
using namespace std::chrono_literals;

namespace {

json brazeSettings(const Sandbox &sandbox, json extra = json::object())
{
    json s = {{"apiKey", tokenRef()}, {"baseUrl", sandbox.baseUrl("braze")}};
    s.update(extra);
    return s;
}

DestinationDef brazeDef(const Sandbox &sandbox, json extra = json::object())
{
    return DestinationDef{"braze", "braze", brazeSettings(sandbox, std::move(extra))};
}

json fastRetries()
{
    return json{{"retryBaseMs", 20}, {"maxAttempts", 10}};
}

json attributeMapping()
{
    return json::array({
        {{"field", "external_id"}, {"template", "u-{{id}}"}},
        {{"field", "email"}, {"column", "email"}},
        {{"field", "first_name"}, {"column", "name"}},
        {{"field", "score"}, {"column", "score"}},
    });
}

json objectsOf(int count, const std::function<json(int)> &make)
{
    json list = json::array();
    for (int i = 0; i < count; ++i)
        list.push_back(make(i));
    return list;
}

HttpHeaders brazeHeaders()
{
    return {{"Content-Type", "application/json"}, {"Authorization", "Bearer sandbox-token"}};
}

} // namespace

class TstBraze : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { exportToken(); }

    void settingsModesAndLimits()
    {
        const KindSpec *spec = findDestinationKind("braze");
        QVERIFY(spec);
        QVERIFY(spec->find("apiKey")->secret);
        QCOMPARE(spec->find("baseUrl")->defaultValue.get<std::string>(), std::string("https://rest.iad-01.braze.com"));

        // A key in plain text is refused before any connector exists.
        auto plain = makeDestination(DestinationDef{"b", "braze", {{"apiKey", "abc123"}}},
                                     DestinationContext{{}, SecretAccess::Allowed});
        QVERIFY(!plain);
        QCOMPARE(plain.error().code, std::string("settings.plain_secret"));

        Sandbox sandbox;
        auto braze = makeConnector("braze", brazeSettings(sandbox, {{"batchSize", 500}}));
        QCOMPARE(braze->kind(), std::string_view("braze"));
        QCOMPARE(braze->limits().maxBatchRecords, 75); // clamped to the contract's 75 objects
        QCOMPARE(braze->supportedModes(),
                 (std::vector<SyncMode>{SyncMode::Upsert, SyncMode::Insert, SyncMode::Update}));
        auto events = makeConnector("braze", brazeSettings(sandbox, {{"object", "events"}, {"batchSize", 50}}));
        QCOMPARE(events->limits().maxBatchRecords, 50); // a "Monthly Active Users" contract
        QCOMPARE(events->supportedModes(), (std::vector<SyncMode>{SyncMode::Upsert, SyncMode::Insert}));

        auto described
            = makeConnector("braze", brazeSettings(sandbox, {{"customFields", {{"lifetime_value", "number"}}}}))
                  ->describe();
        QVERIFY(described);
        QCOMPARE(described->size(), std::size_t(3));
        QCOMPARE((*described)[0].name, std::string("attributes"));
        const auto &fields = (*described)[0].fields;
        const auto find = [&](const std::string &name) {
            return std::find_if(fields.begin(), fields.end(), [&](const ObjectField &f) { return f.name == name; });
        };
        QVERIFY(find("external_id")->identifier);
        QVERIFY(find("user_alias.alias_name")->identifier);
        QCOMPARE(find("dob")->format, std::string("date"));
        QVERIFY(find("lifetime_value")->custom);
        QCOMPARE(find("lifetime_value")->type, ValueType::Real);
        const auto &purchase = (*described)[2].fields;
        QVERIFY(std::find_if(
                    purchase.begin(), purchase.end(),
                    [](const ObjectField &f) { return f.name == "price" && f.required && f.type == ValueType::Real; })
                != purchase.end());
    }

    void testConnectionChecksTheKey()
    {
        Sandbox sandbox;
        auto good = makeConnector("braze", brazeSettings(sandbox));
        auto ok = good->testConnection();
        QVERIFY2(ok, ok ? "" : ok.error().describe().c_str());
        QVERIFY(ok->find("accepted") != std::string::npos);
        QVERIFY(sandbox.fakes().brazeUsers().empty()); // nothing written

        setenv("SLUICE_TEST_BRAZE_WRONG", "not-the-key", 1);
        auto bad = makeConnector("braze", brazeSettings(sandbox, {{"apiKey", "${env:SLUICE_TEST_BRAZE_WRONG}"}}));
        auto refused = bad->testConnection();
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, std::string("braze.auth"));
    }

    void beginChecksTheMapping()
    {
        Sandbox sandbox;
        auto events = makeConnector("braze", brazeSettings(sandbox, {{"object", "events"}, {"eventName", "x"}}));
        auto noTime = events->begin(runInfo({{"external_id", ValueType::Text}}));
        QVERIFY(!noTime);
        QVERIFY(noTime.error().message.find("'time'") != std::string::npos);
        auto attributes = makeConnector("braze", brazeSettings(sandbox));
        QVERIFY(!attributes->begin(runInfo({{"first_name", ValueType::Text}})));
        QVERIFY(attributes->begin(runInfo({{"email", ValueType::Text}, {"first_name", ValueType::Text}})));
    }

    // Case 15: legacy contracts count 75 per array.
    void legacyModeAcceptsSeventyFivePerArray()
    {
        Sandbox sandbox;
        BrazeFakeOptions legacy;
        legacy.limit = BrazeFakeOptions::Limit::PerArray75;
        sandbox.fakes().setBraze(legacy);
        const json body = {
            {"attributes", objectsOf(75,
                                     [](int i) {
                                         return json{{"external_id", "u-" + std::to_string(i)}, {"tier", "VIP"}};
                                     })},
            {"events", objectsOf(75,
                                 [](int i) {
                                     return json{{"external_id", "u-" + std::to_string(i)},
                                                 {"name", "tier_changed"},
                                                 {"time", "2024-05-01T09:12:33Z"}};
                                 })},
            {"purchases", objectsOf(75,
                                    [](int i) {
                                        return json{{"external_id", "u-" + std::to_string(i)},
                                                    {"product_id", "plan_pro"},
                                                    {"currency", "USD"},
                                                    {"price", 49.0},
                                                    {"quantity", 1},
                                                    {"time", "2024-05-01T09:10:00Z"}};
                                    })},
        };
        const HttpResponse response = post(sandbox.baseUrl("braze") + "/users/track", body.dump(), brazeHeaders());
        QCOMPARE(response.status, 201);
        JCOMPARE(json::parse(response.body), (json{{"message", "success"},
                                                   {"attributes_processed", 75},
                                                   {"events_processed", 75},
                                                   {"purchases_processed", 75}}));
        QCOMPARE(sandbox.fakes().brazeUsers().size(), std::size_t(75));
        QCOMPARE(sandbox.fakes().brazeEvents().size(), std::size_t(75));
        QCOMPARE(sandbox.fakes().brazePurchases().size(), std::size_t(75));
        JCOMPARE(sandbox.fakes().brazeUsers()["u-3"]["tier"], json("VIP"));
        QVERIFY(response.header("x-ratelimit-reset").has_value());

        // The same request under the current contract (75 in total) is refused.
        sandbox.fakes().setBraze({});
        QCOMPARE(post(sandbox.baseUrl("braze") + "/users/track", body.dump(), brazeHeaders()).status, 400);
    }

    // Case 16: over the limit, a fatal 400 and nothing processed.
    void overTheLimitProcessesNothing()
    {
        Sandbox sandbox;
        const json tooMany = {{"attributes", objectsOf(76, [](int i) {
                                   return json{{"external_id", "u-" + std::to_string(i)}};
                               })}};
        HttpResponse response = post(sandbox.baseUrl("braze") + "/users/track", tooMany.dump(), brazeHeaders());
        QCOMPARE(response.status, 400);
        JCOMPARE(json::parse(response.body)["message"], json("Max Input Length Exceeded"));
        QVERIFY(sandbox.fakes().brazeUsers().empty());

        BrazeFakeOptions mau;
        mau.limit = BrazeFakeOptions::Limit::Combined50;
        sandbox.fakes().setBraze(mau);
        const json mixed
            = {{"attributes", objectsOf(30,
                                        [](int i) {
                                            return json{{"external_id", "a" + std::to_string(i)}};
                                        })},
               {"events", objectsOf(21, [](int i) {
                    return json{{"external_id", "e" + std::to_string(i)}, {"name", "x"}, {"time", "2024-05-01"}};
                })}};
        response = post(sandbox.baseUrl("braze") + "/users/track", mixed.dump(), brazeHeaders());
        QCOMPARE(response.status, 400);
        QVERIFY(sandbox.fakes().brazeUsers().empty());
        QVERIFY(sandbox.fakes().brazeEvents().empty());
        QCOMPARE(sandbox.fakes().stats("braze").refusedForSize, 2);

        // The connector, told nothing of a 50-object contract, sends 75; the
        // refusal splits the batch until it fits, and every row arrives.
        SyncFixture f(120);
        f.addSync("s", brazeDef(sandbox), "upsert", fastRetries(), attributeMapping());
        const RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 120);
        QCOMPARE(sandbox.fakes().brazeUsers().size(), std::size_t(120));
        for (const auto &request : sandbox.fakes().requests("braze"))
            if (request.status == 201)
                QVERIFY(json::parse(request.body)["attributes"].size() <= 50);
    }

    // Case 17: one object without an identifier; the others are processed.
    void missingIdentifierRejectsOnlyThatObject()
    {
        Sandbox sandbox;
        auto braze = makeConnector("braze", brazeSettings(sandbox));
        QVERIFY(braze->begin(
            runInfo({{"external_id", ValueType::Text}, {"email", ValueType::Text}, {"user_tier", ValueType::Text}})));
        std::vector<Record> batch;
        for (int i = 0; i < 10; ++i)
            batch.push_back(i == 3 ? record(i, {Value(), Value(), Value("VIP")})
                                   : record(i, {Value("u-" + std::to_string(i)),
                                                Value("p" + std::to_string(i) + "@example.com"), Value("VIP")}));
        const BatchResult result = braze->write(1, batch);
        QVERIFY(result);
        QCOMPARE(result->size(), std::size_t(10));
        QCOMPARE((*result)[3].outcome, Outcome::Rejected);
        QCOMPARE((*result)[3].reason, std::string("Braze: 'external_id' or 'braze_id' or 'user_alias' is required"));
        QCOMPARE(count(*result, Outcome::Delivered), 9);
        QCOMPARE(sandbox.fakes().brazeUsers().size(), std::size_t(9));
        QVERIFY(!sandbox.fakes().brazeUsers().contains("u-3"));
        QCOMPARE(sandbox.fakes().stats("braze").requests, 1);
        const json answer = json::parse(sandbox.fakes().requests("braze")[0].body);
        QCOMPARE(answer["attributes"].size(), std::size_t(10));

        // An invalid email is Braze's reason too.
        batch = {record(1, {Value("u-100"), Value("not-an-email"), Value("x")})};
        const BatchResult invalid = braze->write(2, batch);
        QCOMPARE((*invalid)[0].outcome, Outcome::Rejected);
        QCOMPARE((*invalid)[0].reason,
                 std::string("Braze: The value provided for the 'email' field is not a valid email."));
    }

    // Case 18: 429 with x-ratelimit-reset (epoch seconds) and Retry-After.
    void rateLimitWaitsForTheLaterHint()
    {
        Sandbox sandbox;
        BrazeFakeOptions limited;
        limited.rateLimited.first = 1;
        limited.resetSeconds = 3;
        limited.sendRetryAfter = true;
        sandbox.fakes().setBraze(limited);
        auto braze = makeConnector("braze", brazeSettings(sandbox));
        QVERIFY(braze->begin(runInfo({{"external_id", ValueType::Text}})));
        std::vector<Record> batch = {record(1, {Value("u-1")})};
        BatchResult result = braze->write(1, batch);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, BatchFailure::Kind::Retryable);
        QVERIFY(result.error().retryAfter);
        QVERIFY(*result.error().retryAfter >= 3000ms); // Retry-After: 3 is the later hint
        QVERIFY(*result.error().retryAfter <= 3100ms);

        // Without Retry-After, x-ratelimit-reset alone: until that second.
        limited.sendRetryAfter = false;
        limited.rateLimited.first = 2;
        sandbox.fakes().setBraze(limited);
        result = braze->write(2, batch);
        QVERIFY(!result);
        QVERIFY(*result.error().retryAfter >= 1900ms);
        QVERIFY(*result.error().retryAfter <= 3000ms);
        QVERIFY(braze->write(3, batch)); // the third request passes

        // Through a run: the executor waits, resends once, everything arrives.
        Sandbox fresh;
        BrazeFakeOptions once;
        once.rateLimited.first = 1;
        once.resetSeconds = 3;
        fresh.fakes().setBraze(once);
        SyncFixture f(10);
        f.addSync("s", brazeDef(fresh), "upsert", fastRetries(), attributeMapping());
        QElapsedTimer timer;
        timer.start();
        const RunSummary r = f.run("s");
        QVERIFY(timer.elapsed() >= 3000);
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 10);
        QCOMPARE(r.retries, 1);
        QCOMPARE(fresh.fakes().stats("braze").requests, 2);
        QCOMPARE(fresh.fakes().brazeUsers().size(), std::size_t(10));
    }

    // Case 19: an unknown key is fatal at once.
    void unknownKeyIsFatal()
    {
        Sandbox sandbox;
        setenv("SLUICE_TEST_BRAZE_WRONG", "not-the-key", 1);
        auto braze = makeConnector("braze", brazeSettings(sandbox, {{"apiKey", "${env:SLUICE_TEST_BRAZE_WRONG}"}}));
        QVERIFY(braze->begin(runInfo({{"external_id", ValueType::Text}})));
        std::vector<Record> batch = {record(1, {Value("u-1")})};
        const BatchResult result = braze->write(1, batch);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, BatchFailure::Kind::Fatal);
        QVERIFY(result.error().message.starts_with("Braze refused the REST API key (401)"));

        SyncFixture f(30);
        f.addSync("s", brazeDef(sandbox, {{"apiKey", "${env:SLUICE_TEST_BRAZE_WRONG}"}}), "upsert", fastRetries(),
                  attributeMapping());
        const RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("failed"));
        QVERIFY2(r.error.find("Braze refused the REST API key (401)") != std::string::npos, r.error.c_str());
        QCOMPARE(r.retries, 0);
        QCOMPARE(sandbox.fakes().stats("braze").requests, 2); // the direct write and the run's single try
        QCOMPARE(r.added.pending, 30);
    }

    // Case 20: 503, then 201: every event sent exactly once.
    void serverErrorIsRetriedAndEventsArriveOnce()
    {
        Sandbox sandbox;
        BrazeFakeOptions failing;
        failing.serverError.first = 1;
        sandbox.fakes().setBraze(failing);
        SyncFixture f(30);
        const json mapping = json::array({
            {{"field", "external_id"}, {"template", "u-{{id}}"}},
            {{"field", "time"}, {"value", 1714554753}},
            {{"field", "score"}, {"column", "score"}},
        });
        f.addSync("s", brazeDef(sandbox, {{"object", "events"}, {"eventName", "score_changed"}}), "insert",
                  fastRetries(), mapping);
        const RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 30);
        QCOMPARE(r.retries, 1);
        const json events = sandbox.fakes().brazeEvents();
        QCOMPARE(events.size(), std::size_t(30)); // duplicates would show here
        std::set<std::string> users;
        for (const auto &event : events) {
            users.insert(event["external_id"].get<std::string>());
            JCOMPARE(event["name"], json("score_changed"));
            JCOMPARE(event["time"], json("2024-05-01T09:12:33Z"));
        }
        QCOMPARE(users.size(), std::size_t(30));
        JCOMPARE(events[6]["properties"], (json{{"score", 70}}));
        const auto requests = sandbox.fakes().requests("braze");
        QCOMPARE(requests.size(), std::size_t(2));
        QCOMPARE(requests[0].status, 503);
        QCOMPARE(requests[1].status, 201);
    }

    void endToEndAttributesOverTwoRuns()
    {
        Sandbox sandbox;
        SyncFixture f(20);
        f.addSync("s", brazeDef(sandbox, {{"customFields", {{"score", "integer"}}}}), "upsert", fastRetries(),
                  attributeMapping());
        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 20);
        json users = sandbox.fakes().brazeUsers();
        QCOMPARE(users.size(), std::size_t(20));
        JCOMPARE(users["u-7"]["email"], json("p7@example.com"));
        JCOMPARE(users["u-7"]["first_name"], json("Person 7"));
        JCOMPARE(users["u-7"]["score"], json(70));

        f.warehouse("UPDATE people SET score = 999, name = 'Renamed' WHERE id <= 3");
        r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.changed.delivered, 3);
        QCOMPARE(r.unchanged.planned, 17);
        users = sandbox.fakes().brazeUsers();
        QCOMPARE(users.size(), std::size_t(20));
        JCOMPARE(users["u-2"]["score"], json(999));
        JCOMPARE(users["u-2"]["first_name"], json("Renamed"));
        JCOMPARE(users["u-4"]["score"], json(40));
        QCOMPARE(sandbox.fakes().stats("braze").requests, 2);
        QCOMPARE(json::parse(sandbox.fakes().requests("braze")[1].body)["attributes"].size(), std::size_t(3));
    }

    void updateModeNeverCreatesProfiles()
    {
        Sandbox sandbox;
        auto braze = makeConnector("braze", brazeSettings(sandbox));
        QVERIFY(braze->begin(runInfo({{"external_id", ValueType::Text}, {"tier", ValueType::Text}})));
        std::vector<Record> create = {record(1, {Value("u-1"), Value("Gold")})};
        QVERIFY(braze->write(1, create));

        QVERIFY(braze->begin(runInfo({{"external_id", ValueType::Text}, {"tier", ValueType::Text}}, SyncMode::Update)));
        std::vector<Record> update
            = {record(1, {Value("u-1"), Value("Platinum")}), record(2, {Value("u-2"), Value("Gold")})};
        update[0].op = update[1].op = RecordOp::Update;
        const BatchResult result = braze->write(2, update);
        QVERIFY(result);
        QCOMPARE(count(*result, Outcome::Delivered), 2);
        const json sent = json::parse(sandbox.fakes().requests("braze")[1].body);
        JCOMPARE(sent["attributes"][1],
                 (json{{"external_id", "u-2"}, {"_update_existing_only", true}, {"tier", "Gold"}}));
        const json users = sandbox.fakes().brazeUsers();
        QCOMPARE(users.size(), std::size_t(1));
        JCOMPARE(users["u-1"]["tier"], json("Platinum"));
    }

    void aliasOnlyProfilesAndNulls()
    {
        Sandbox sandbox;
        auto braze = makeConnector("braze", brazeSettings(sandbox));
        QVERIFY(braze->begin(runInfo({{"user_alias.alias_name", ValueType::Text},
                                      {"user_alias.alias_label", ValueType::Text},
                                      {"country", ValueType::Text},
                                      {"dob", ValueType::Text}})));
        std::vector<Record> batch
            = {record(1, {Value("dev-77"), Value("device_id"), Value("PT"), Value("1990-05-03")})};
        QVERIFY(braze->write(1, batch));
        const json sent = json::parse(sandbox.fakes().requests("braze")[0].body)["attributes"][0];
        JCOMPARE(sent, (json{{"user_alias", {{"alias_name", "dev-77"}, {"alias_label", "device_id"}}},
                             {"_update_existing_only", false},
                             {"country", "PT"},
                             {"dob", "1990-05-03"}}));
        json users = sandbox.fakes().brazeUsers();
        QCOMPARE(users.size(), std::size_t(1));
        JCOMPARE(users["braze_id:bz-1"]["country"], json("PT"));

        // A NULL removes the attribute.
        batch = {record(1, {Value("dev-77"), Value("device_id"), Value(), Value("1990-05-03")})};
        QVERIFY(braze->write(2, batch));
        users = sandbox.fakes().brazeUsers();
        QVERIFY(!users["braze_id:bz-1"].contains("country"));

        // Without createAliasProfiles, an unknown alias creates nothing.
        auto strict = makeConnector("braze", brazeSettings(sandbox, {{"createAliasProfiles", false}}));
        QVERIFY(strict->begin(
            runInfo({{"user_alias.alias_name", ValueType::Text}, {"user_alias.alias_label", ValueType::Text}})));
        batch = {record(2, {Value("dev-99"), Value("device_id")})};
        QVERIFY(strict->write(1, batch));
        QCOMPARE(sandbox.fakes().brazeUsers().size(), std::size_t(1));
    }

    void purchasesAndCustomTypes()
    {
        Sandbox sandbox;
        auto braze = makeConnector(
            "braze", brazeSettings(sandbox, {{"object", "purchases"}, {"customFields", {{"seats", "integer"}}}}));
        QVERIFY(braze->begin(runInfo({{"external_id", ValueType::Text},
                                      {"product_id", ValueType::Text},
                                      {"currency", ValueType::Text},
                                      {"price", ValueType::Text},
                                      {"time", ValueType::Text},
                                      {"seats", ValueType::Text}})));
        std::vector<Record> batch = {
            record(1, {Value("u-1"), Value("plan_pro"), Value("USD"), Value("49.5"), Value("2024-05-01T09:10:00Z"),
                       Value("3")}),
            record(2, {Value("u-2"), Value("plan_pro"), Value("USD"), Value("49.5"), Value(std::int64_t(1714554600)),
                       Value("three")}),
        };
        const BatchResult result = braze->write(1, batch);
        QVERIFY(result);
        QCOMPARE((*result)[0].outcome, Outcome::Delivered);
        QCOMPARE((*result)[1].outcome, Outcome::Rejected);
        QCOMPARE((*result)[1].reason,
                 std::string("field 'seats': 'three' is not an integer (customFields declares it integer)"));
        const json purchases = sandbox.fakes().brazePurchases();
        QCOMPARE(purchases.size(), std::size_t(1));
        JCOMPARE(purchases[0]["price"], json(49.5));
        JCOMPARE(purchases[0]["quantity"], json(1));
        JCOMPARE(purchases[0]["properties"], (json{{"seats", 3}}));
        const json sent = json::parse(sandbox.fakes().requests("braze")[0].body);
        QCOMPARE(sent["purchases"].size(), std::size_t(1)); // the bad row was never sent

        // Only bad rows: nothing is sent at all.
        batch = {record(3, {Value("u-3"), Value("p"), Value("USD"), Value("1"), Value("2024-05-01"), Value("x")})};
        QVERIFY(braze->write(2, batch));
        QCOMPARE(sandbox.fakes().stats("braze").requests, 1);
    }

    void inspectorShowsNoKey()
    {
        Sandbox sandbox;
        RecordingObserver observer;
        auto braze = makeConnector("braze", brazeSettings(sandbox));
        QVERIFY(braze->begin(runInfo({{"external_id", ValueType::Text}}, SyncMode::Upsert, &observer)));
        std::vector<Record> batch = {record(1, {Value("u-1")})};
        QVERIFY(braze->write(4, batch));
        QCOMPARE(observer.exchanges.size(), std::size_t(1));
        const HttpExchange &exchange = observer.exchanges[0].second;
        QCOMPARE(observer.exchanges[0].first, 4);
        QCOMPARE(exchange.status, 201);
        QVERIFY(exchange.url.ends_with("/braze/users/track"));
        QVERIFY(exchange.requestHeaders.find("Authorization: Bearer [redacted]") != std::string::npos);
        QVERIFY(exchange.requestHeaders.find("sandbox-token") == std::string::npos);
        QVERIFY(exchange.requestBody.find("u-1") != std::string::npos);
        QVERIFY(exchange.responseBody.find("attributes_processed") != std::string::npos);
    }

    void queuedIsSuccessAndContentsShowWhatArrived()
    {
        Sandbox sandbox;
        BrazeFakeOptions maintenance;
        maintenance.queued.first = 1;
        sandbox.fakes().setBraze(maintenance);
        auto braze = makeConnector("braze", brazeSettings(sandbox));
        QVERIFY(braze->begin(runInfo({{"external_id", ValueType::Text}, {"tier", ValueType::Text}})));
        std::vector<Record> batch = {record(1, {Value("u-1"), Value("Gold")})};
        const BatchResult result = braze->write(1, batch);
        QVERIFY(result);
        QCOMPARE((*result)[0].outcome, Outcome::Delivered); // 202 queued: accepted, never resent
        QCOMPARE(sandbox.fakes().requests("braze")[0].status, 202);

        const json contents = sandbox.fakes().contents();
        JCOMPARE(contents["braze"]["users"]["u-1"]["tier"], "Gold");
        for (const char *service : {"braze", "mixpanel", "amplitude", "aep", "segment"})
            QVERIFY2(contents.contains(service), service);
        JCOMPARE(contents["segment"], (json{{"items", json::array()}, {"dropped", json::array()}}));
        sandbox.fakes().reset();
        QVERIFY(sandbox.fakes().brazeUsers().empty());
        QCOMPARE(sandbox.fakes().stats("braze").requests, 0);
    }
};

QTEST_GUILESS_MAIN(TstBraze)
#include "tst_braze.moc"

// The Amplitude connector against the Amplitude fake: contract cases 26-30
// (ingestion, the 1 MB / 2,000-event limits, per-user throttling with a 30 s
// pause, an ISO time as a mapping error, a 500 after ingestion deduplicated
// by insert_id), the Identify API, and end-to-end syncs over two runs.

#include "engagementtesting.h"
#include "project/statestore.h"
#include "syncfixture.h"

#include <QElapsedTimer>
#include <QTest>

#include <set>

using namespace sluice;
using namespace sluice::test;
using nlohmann::json;
using sluice::fakes::AmplitudeFakeOptions;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t kTimeMs = 1714554753000; // 2024-05-01T09:12:33Z

json amplitudeSettings(const Sandbox &sandbox, json extra = json::object())
{
    json s = {{"apiKey", tokenRef()}, {"baseUrl", sandbox.baseUrl("amplitude")}, {"eventType", "score_seen"}};
    s.update(extra);
    return s;
}

DestinationDef amplitudeDef(const Sandbox &sandbox, json extra = json::object())
{
    return DestinationDef{"amplitude", "amplitude", amplitudeSettings(sandbox, std::move(extra))};
}

json fastRetries()
{
    return json{{"retryBaseMs", 20}, {"maxAttempts", 10}};
}

json eventMapping()
{
    return json::array({
        {{"field", "user_id"}, {"template", "user-{{id}}"}},
        {{"field", "time"}, {"value", kTimeMs}},
        {{"field", "score"}, {"column", "score"}},
        {{"field", "user_properties.email"}, {"column", "email"}},
    });
}

std::vector<FieldSpec> eventFields()
{
    return {{"user_id", ValueType::Text}, {"time", ValueType::Integer}, {"plan", ValueType::Text}};
}

std::vector<Record> events(int count, int firstUser = 1000)
{
    std::vector<Record> batch;
    for (int i = 0; i < count; ++i)
        batch.push_back(record(i, {Value("user-" + std::to_string(firstUser + i)), Value(kTimeMs), Value("pro")}));
    return batch;
}

std::set<std::string> insertIds(const json &events)
{
    std::set<std::string> ids;
    for (const auto &event : events)
        ids.insert(event["insert_id"].get<std::string>());
    return ids;
}

} // namespace

class TstAmplitude : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { exportToken(); }

    void settingsAndLimits()
    {
        const KindSpec *spec = findDestinationKind("amplitude");
        QVERIFY(spec);
        QVERIFY(spec->find("apiKey")->secret);
        Sandbox sandbox;
        auto events = makeConnector("amplitude", amplitudeSettings(sandbox, {{"batchSize", 5000}}));
        QCOMPARE(events->limits().maxBatchRecords, 1999); // fewer than 2,000
        QVERIFY(events->limits().maxBatchBytes < 1024 * 1024);
        QCOMPARE(events->limits().requestsPerSecond, 100.0);
        auto identify
            = makeConnector("amplitude", amplitudeSettings(sandbox, {{"object", "identify"}, {"batchSize", 5000}}));
        QCOMPARE(identify->limits().maxBatchRecords, 2000);
        QVERIFY(identify->limits().maxBatchBytes < events->limits().maxBatchBytes); // form encoding inflates
        QCOMPARE(events->supportedModes(), (std::vector<SyncMode>{SyncMode::Upsert, SyncMode::Insert}));
        auto described = events->describe();
        QCOMPARE((*described)[0].name, std::string("events"));
        QCOMPARE((*described)[1].name, std::string("identify"));
        QVERIFY((*described)[0].fields[0].identifier);

        auto noId = events->begin(runInfo({{"time", ValueType::Integer}}));
        QVERIFY(!noId);
        QCOMPARE(noId.error().message,
                 std::string("Amplitude needs a user or device id: map a field named 'user_id' or 'device_id'"));
    }

    void testConnectionChecksTheKey()
    {
        Sandbox sandbox;
        auto ok = makeConnector("amplitude", amplitudeSettings(sandbox))->testConnection();
        QVERIFY2(ok, ok ? "" : ok.error().describe().c_str());
        setenv("SLUICE_TEST_AMPLITUDE_WRONG", "wrong-key", 1);
        auto bad = makeConnector("amplitude",
                                 amplitudeSettings(sandbox, {{"apiKey", "${env:SLUICE_TEST_AMPLITUDE_WRONG}"}}));
        auto refused = bad->testConnection();
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, std::string("amplitude.auth"));
        QVERIFY(sandbox.fakes().amplitudeEvents().empty());
    }

    // Case 26: 500 valid events.
    void fiveHundredEventsAreIngested()
    {
        Sandbox sandbox;
        RecordingObserver observer;
        auto amplitude = makeConnector("amplitude", amplitudeSettings(sandbox));
        QVERIFY(amplitude->begin(runInfo(eventFields(), SyncMode::Insert, &observer)));
        std::vector<Record> batch = events(500);
        const BatchResult result = amplitude->write(1, batch);
        QVERIFY(result);
        QCOMPARE(count(*result, Outcome::Delivered), 500);
        QCOMPARE(sandbox.fakes().amplitudeEvents().size(), std::size_t(500));
        const json answer = json::parse(observer.exchanges[0].second.responseBody);
        JCOMPARE(answer["code"], 200);
        JCOMPARE(answer["events_ingested"], 500);
        const json sent = json::parse(sandbox.fakes().requests("amplitude")[0].body);
        JCOMPARE(sent["api_key"], "sandbox-token");
        QVERIFY(!sent.contains("options")); // min_id_length only when configured
        const json first = sent["events"][0];
        JCOMPARE(first["user_id"], "user-1000");
        JCOMPARE(first["event_type"], "score_seen");
        JCOMPARE(first["time"], kTimeMs);
        JCOMPARE(first["event_properties"], (json{{"plan", "pro"}}));
        QCOMPARE(first["insert_id"].get<std::string>().size(), std::size_t(36));
        QCOMPARE(insertIds(sandbox.fakes().amplitudeEvents()).size(), std::size_t(500));
        // The key in the body never reaches the API inspector.
        QVERIFY(observer.exchanges[0].second.requestBody.find("sandbox-token") == std::string::npos);
        QVERIFY(observer.exchanges[0].second.requestBody.starts_with("{\"api_key\":\"[redacted]\""));
    }

    // Case 27: over 1 MB or 2,000 events: 413; the client splits and every
    // event is ingested once.
    void oversizeIsSplitAndEveryEventIngested()
    {
        Sandbox sandbox;
        json body = {{"api_key", "sandbox-token"}, {"events", json::array()}};
        for (int i = 0; i < 2000; ++i)
            body["events"].push_back({{"user_id", "user-" + std::to_string(i)}, {"event_type", "x"}});
        HttpResponse response
            = post(sandbox.baseUrl("amplitude") + "/2/httpapi", body.dump(), {{"Content-Type", "application/json"}});
        QCOMPARE(response.status, 413);
        JCOMPARE(json::parse(response.body), (json{{"code", 413}, {"error", "Payload too large"}}));
        body["events"] = json::array(
            {{{"user_id", "user-1"}, {"event_type", "x"}, {"event_properties", {{"bio", std::string(1100000, 'x')}}}}});
        response
            = post(sandbox.baseUrl("amplitude") + "/2/httpapi", body.dump(), {{"Content-Type", "application/json"}});
        QCOMPARE(response.status, 413);
        QVERIFY(sandbox.fakes().amplitudeEvents().empty());

        // A 413 makes the executor halve the batch.
        FixedAnswerServer tooLarge(413, json{{"code", 413}, {"error", "Payload too large"}}.dump());
        auto direct = makeConnector("amplitude", amplitudeSettings(sandbox, {{"baseUrl", tooLarge.url()}}));
        QVERIFY(direct->begin(runInfo(eventFields())));
        std::vector<Record> batch = events(4);
        const BatchResult refused = direct->write(1, batch);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, BatchFailure::Kind::RejectedWhole);
        QCOMPARE(refused.error().message,
                 std::string("Amplitude refused the batch as too large (413 Payload too large)"));

        SyncFixture f(1500);
        f.warehouse("UPDATE people SET name = name || ' ' || " + sqlLongText(1000));
        json mapping = eventMapping();
        mapping.push_back({{"field", "bio"}, {"column", "name"}});
        json settings = fastRetries();
        settings["batchSize"] = 1999;
        f.addSync("s", amplitudeDef(sandbox), "insert", settings, mapping);
        const RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 1500);
        QCOMPARE(sandbox.fakes().amplitudeEvents().size(), std::size_t(1500));
        QCOMPARE(sandbox.fakes().stats("amplitude").refusedForSize, 2); // the two raw requests only
        for (const auto &request : sandbox.fakes().requests("amplitude"))
            if (request.status == 200)
                QVERIFY(request.body.size() < 1024 * 1024);
        QVERIFY(sandbox.fakes().stats("amplitude").requests >= 4);
    }

    // Case 28 (direct): the 429's throttled users are held; the others go on.
    void throttledUsersAreHeldWhileOthersGoOn()
    {
        Sandbox sandbox;
        AmplitudeFakeOptions throttling;
        throttling.throttleUsers = {"user-1001"};
        throttling.throttled.first = 1;
        sandbox.fakes().setAmplitude(throttling);
        auto amplitude = makeConnector("amplitude", amplitudeSettings(sandbox));
        QVERIFY(amplitude->begin(runInfo(eventFields())));
        std::vector<Record> batch = events(6);
        batch[3].fields[0] = Value("user-1001");
        batch[4].fields[0] = Value("user-1001");
        batch[1].fields[0] = Value("user-1999");
        BatchResult result = amplitude->write(1, batch);
        QVERIFY(result);
        QCOMPARE(count(*result, Outcome::Retryable), 6); // whether the others were ingested is not said
        QCOMPARE((*result)[3].reason,
                 std::string("Amplitude throttled user user-1001 (32 events/s); held 30 s, then resent"));
        QCOMPARE((*result)[0].reason, std::string("resent: Amplitude throttled other users of the request (429)"));
        const json answer = json::parse(sandbox.fakes().requests("amplitude")[0].body);
        QCOMPARE(answer["events"].size(), std::size_t(6));
        QVERIFY(sandbox.fakes().amplitudeEvents().empty());

        // At once: the other users' events go, user-1001's are held back.
        result = amplitude->write(1, batch);
        QVERIFY(result);
        QCOMPARE(count(*result, Outcome::Delivered), 4);
        QCOMPARE((*result)[3].outcome, Outcome::Retryable);
        QVERIFY((*result)[4].reason.starts_with("held: Amplitude throttled this user or device"));
        const json second = json::parse(sandbox.fakes().requests("amplitude")[1].body);
        QCOMPARE(second["events"].size(), std::size_t(4));
        QVERIFY(second.dump().find("user-1001") == std::string::npos);
        QCOMPARE(sandbox.fakes().amplitudeEvents().size(), std::size_t(4));
    }

    // Case 28 (a run): held for 30 s, then resent; nothing ingested twice.
    void throttledUsersWaitThirtySecondsInARun()
    {
        Sandbox sandbox;
        AmplitudeFakeOptions throttling;
        throttling.throttleUsers = {"user-4"};
        throttling.throttled.first = 1;
        sandbox.fakes().setAmplitude(throttling);
        SyncFixture f(10);
        f.addSync("s", amplitudeDef(sandbox), "insert", fastRetries(), eventMapping());
        QElapsedTimer timer;
        timer.start();
        const RunSummary r = f.run("s");
        QVERIFY2(timer.elapsed() >= 30000, std::to_string(timer.elapsed()).c_str());
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 10);
        const json events = sandbox.fakes().amplitudeEvents();
        QCOMPARE(events.size(), std::size_t(10));
        QCOMPARE(insertIds(events).size(), std::size_t(10));
        QCOMPARE(sandbox.fakes().stats("amplitude").duplicatesIgnored, 0);
        const auto requests = sandbox.fakes().requests("amplitude");
        QCOMPARE(requests.size(), std::size_t(3)); // 429; the 9 others; user-4 after its pause
        QCOMPARE(requests[0].status, 429);
        QCOMPARE(json::parse(requests[1].body)["events"].size(), std::size_t(9));
        JCOMPARE(json::parse(requests[2].body)["events"][0]["user_id"], "user-4");
        QCOMPARE(requests[2].status, 200);
    }

    // Case 29: an ISO time is the user's mapping error, not retried.
    void isoTimeIsAMappingError()
    {
        Sandbox sandbox;
        auto amplitude = makeConnector("amplitude", amplitudeSettings(sandbox));
        QVERIFY(amplitude->begin(runInfo(eventFields())));
        std::vector<Record> batch = events(5);
        batch[2].fields[1] = Value("2024-05-01T09:12:33Z");
        const BatchResult result = amplitude->write(1, batch);
        QVERIFY(result);
        QCOMPARE((*result)[2].outcome, Outcome::Rejected);
        QCOMPARE((*result)[2].reason,
                 std::string("Amplitude: invalid value for 'time' (Invalid field values on some events); a mapping "
                             "error: Amplitude wants 'time' as milliseconds since the epoch (a number), not text"));
        QCOMPARE(count(*result, Outcome::Retryable), 4); // nothing of a 400 is ingested
        QVERIFY(sandbox.fakes().amplitudeEvents().empty());
        const auto first = sandbox.fakes().requests("amplitude")[0];
        QCOMPARE(first.status, 400);

        // In a run: that row is rejected once, the others delivered.
        SyncFixture f(10);
        json mapping = eventMapping();
        mapping[1] = {{"field", "time"},
                      {"template", "{% if id == 5 %}2024-05-01T09:12:33Z{% else %}1714554753000{% endif %}"}};
        f.addSync("s", amplitudeDef(sandbox), "insert", fastRetries(), mapping);
        const RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("partial"));
        QCOMPARE(r.added.delivered, 9);
        QCOMPARE(r.added.rejected, 1);
        QCOMPARE(sandbox.fakes().amplitudeEvents().size(), std::size_t(9));
        JCOMPARE(sandbox.fakes().amplitudeEvents()[0]["time"], kTimeMs); // digits as a number
        auto state = StateStore::open(f.projectPath());
        const auto syncId = std::stoll(f.query(f.path("p.sluice"), "SELECT id FROM syncs WHERE name='s'")[0][0]);
        const auto rejected = (*state)->rejections(syncId);
        QCOMPARE(rejected->size(), std::size_t(1));
        QCOMPARE((*rejected)[0].displayKey, std::string("5"));
        QVERIFY((*rejected)[0].reason.find("a mapping error") != std::string::npos);
    }

    // Case 30: 500 after ingesting; the resend is ignored by insert_id.
    void serverErrorAfterIngestIsDeduplicated()
    {
        Sandbox sandbox;
        AmplitudeFakeOptions failing;
        failing.serverErrorAfterStore.first = 1;
        sandbox.fakes().setAmplitude(failing);
        SyncFixture f(25);
        f.addSync("s", amplitudeDef(sandbox), "insert", fastRetries(), eventMapping());
        const RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 25);
        QCOMPARE(r.retries, 1);
        QCOMPARE(sandbox.fakes().amplitudeEvents().size(), std::size_t(25));
        QCOMPARE(sandbox.fakes().stats("amplitude").duplicatesIgnored, 25);
        const auto requests = sandbox.fakes().requests("amplitude");
        QCOMPARE(requests.size(), std::size_t(2));
        QCOMPARE(requests[0].status, 500);
        QCOMPARE(requests[0].body, requests[1].body); // the same insert_ids

        // 503 (nothing ingested) is retried too.
        Sandbox other;
        AmplitudeFakeOptions unavailable;
        unavailable.serverError.first = 2;
        other.fakes().setAmplitude(unavailable);
        SyncFixture g(5);
        g.addSync("s", amplitudeDef(other), "insert", fastRetries(), eventMapping());
        QCOMPARE(g.run("s").added.delivered, 5);
        QCOMPARE(other.fakes().amplitudeEvents().size(), std::size_t(5));
        QCOMPARE(other.fakes().stats("amplitude").duplicatesIgnored, 0);
    }

    void invalidKeyIsFatal()
    {
        Sandbox sandbox;
        setenv("SLUICE_TEST_AMPLITUDE_WRONG", "wrong-key", 1);
        auto amplitude = makeConnector("amplitude",
                                       amplitudeSettings(sandbox, {{"apiKey", "${env:SLUICE_TEST_AMPLITUDE_WRONG}"}}));
        QVERIFY(amplitude->begin(runInfo(eventFields())));
        std::vector<Record> batch = events(2);
        const BatchResult result = amplitude->write(1, batch);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, BatchFailure::Kind::Fatal);
        QCOMPARE(result.error().message, std::string("Amplitude refused the API key (400 Invalid API key)"));

        FixedAnswerServer firewall(403, json{{"code", 403}, {"error", "Forbidden"}}.dump());
        auto blocked = makeConnector("amplitude", amplitudeSettings(sandbox, {{"baseUrl", firewall.url()}}));
        QVERIFY(blocked->begin(runInfo(eventFields())));
        const BatchResult forbidden = blocked->write(1, batch);
        QCOMPARE(forbidden.error().kind, BatchFailure::Kind::Fatal);
        QVERIFY(forbidden.error().message.starts_with("Amplitude's firewall refused the request (403 Forbidden)"));
    }

    void eventsWithoutIdsAreRejectedLocally()
    {
        Sandbox sandbox;
        auto amplitude = makeConnector("amplitude", amplitudeSettings(sandbox));
        QVERIFY(amplitude->begin(runInfo({{"user_id", ValueType::Text},
                                          {"device_id", ValueType::Text},
                                          {"time", ValueType::Integer},
                                          {"price", ValueType::Real},
                                          {"event_properties.source", ValueType::Text}})));
        std::vector<Record> batch
            = {record(1, {Value(), Value(), Value(kTimeMs), Value(1.5), Value("crm")}),
               record(2, {Value(), Value("device-0002"), Value(std::int64_t(1714554753)), Value(2.5), Value("crm")})};
        const BatchResult result = amplitude->write(1, batch);
        QVERIFY(result);
        QCOMPARE((*result)[0].reason, std::string("both user_id and device_id are empty; Amplitude needs one of them"));
        QCOMPARE((*result)[1].outcome, Outcome::Delivered);
        const json event = sandbox.fakes().amplitudeEvents()[0];
        JCOMPARE(event["device_id"], "device-0002");
        JCOMPARE(event["time"], kTimeMs); // seconds became milliseconds
        JCOMPARE(event["price"], 2.5);    // a top-level key of the API
        JCOMPARE(event["event_properties"], (json{{"source", "crm"}}));
    }

    // Issue 13: ids Amplitude refuses (the whole request would fail) or strips
    // (the event would be counted as delivered without them) are rejected
    // before sending, each with its reason; the others go in one request.
    void placeholderAndShortIdsAreRejectedBeforeSending()
    {
        Sandbox sandbox;
        auto amplitude = makeConnector("amplitude", amplitudeSettings(sandbox));
        QVERIFY(amplitude->begin(
            runInfo({{"user_id", ValueType::Text}, {"device_id", ValueType::Text}, {"time", ValueType::Integer}})));
        std::vector<Record> batch = {record(1, {Value("anonymous"), Value(), Value(kTimeMs)}),
                                     record(2, {Value("NULL"), Value("device-0002"), Value(kTimeMs)}),
                                     record(3, {Value("u-12"), Value(), Value(kTimeMs)}),
                                     record(4, {Value("user-0004"), Value("ab"), Value(kTimeMs)}),
                                     record(5, {Value("user-0005"), Value(), Value(kTimeMs)})};
        const BatchResult result = amplitude->write(1, batch);
        QVERIFY(result);
        QCOMPARE((*result)[0].reason, std::string("user_id 'anonymous' is a placeholder Amplitude refuses (anonymous, "
                                                  "null, none, undefined, unknown, 0, -1, nil, an all-zero UUID): map "
                                                  "a real id"));
        QVERIFY((*result)[1].reason.starts_with("user_id 'NULL' is a placeholder Amplitude refuses"));
        QCOMPARE((*result)[2].reason, std::string("user_id 'u-12' is shorter than 5 characters: Amplitude would drop "
                                                  "it (set minIdLength to accept shorter ids)"));
        QCOMPARE((*result)[3].reason, std::string("device_id 'ab' is shorter than 5 characters: Amplitude would drop "
                                                  "it (set minIdLength to accept shorter ids)"));
        QCOMPARE((*result)[4].outcome, Outcome::Delivered);
        QCOMPARE(sandbox.fakes().requests("amplitude").size(), std::size_t(1));
        QCOMPARE(sandbox.fakes().amplitudeEvents().size(), std::size_t(1));

        // With minIdLength 4, 'u-12' is an id, and Amplitude is told so.
        auto shorter = makeConnector("amplitude", amplitudeSettings(sandbox, {{"minIdLength", 4}}));
        QVERIFY(shorter->begin(runInfo({{"user_id", ValueType::Text}, {"time", ValueType::Integer}})));
        const BatchResult second = shorter->write(2, std::vector<Record>{record(3, {Value("u-12"), Value(kTimeMs)})});
        QVERIFY(second);
        QCOMPARE((*second)[0].outcome, Outcome::Delivered);
        const json sent = json::parse(sandbox.fakes().requests("amplitude").back().body);
        JCOMPARE(sent["options"], (json{{"min_id_length", 4}}));
        JCOMPARE(sandbox.fakes().amplitudeEvents().back()["user_id"], "u-12");
    }

    void identifySetsAndUnsetsUserProperties()
    {
        Sandbox sandbox;
        auto amplitude = makeConnector(
            "amplitude", amplitudeSettings(sandbox, {{"object", "identify"}, {"customFields", {{"ltv", "number"}}}}));
        QVERIFY(amplitude->begin(runInfo({{"user_id", ValueType::Text},
                                          {"city", ValueType::Text},
                                          {"plan", ValueType::Text},
                                          {"ltv", ValueType::Text}})));
        std::vector<Record> batch = {record(1, {Value("user-0001"), Value("Lisbon"), Value("pro"), Value("15.5")}),
                                     record(2, {Value("user-0002"), Value(), Value("free"), Value()})};
        QVERIFY(amplitude->write(1, batch));
        const auto request = sandbox.fakes().requests("amplitude")[0];
        QCOMPARE(request.target, std::string("/amplitude/identify"));
        QCOMPARE(request.header("Content-Type"), std::string("application/x-www-form-urlencoded"));
        QVERIFY(request.body.starts_with("api_key=sandbox-token&identification=%5B%7B"));
        json users = sandbox.fakes().amplitudeUsers();
        JCOMPARE(users["user-0001"], (json{{"plan", "pro"}, {"ltv", 15.5}}));

        batch = {record(1, {Value("user-0001"), Value("Porto"), Value(), Value("20")})};
        QVERIFY(amplitude->write(2, batch));
        users = sandbox.fakes().amplitudeUsers();
        JCOMPARE(users["user-0001"], (json{{"ltv", 20}})); // plan unset
        const std::string form = sandbox.fakes().requests("amplitude")[1].body;
        QVERIFY(form.find("%22%24unset%22%3A%7B%22plan%22%3A%22-%22%7D") != std::string::npos); // "$unset":{"plan":"-"}
        QVERIFY(form.find("%22city%22%3A%22Porto%22") != std::string::npos);                    // a device field
    }

    void endToEndEventsOverTwoRuns()
    {
        Sandbox sandbox;
        SyncFixture f(20);
        f.addSync("s", amplitudeDef(sandbox), "upsert", fastRetries(), eventMapping());
        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 20);
        json events = sandbox.fakes().amplitudeEvents();
        QCOMPARE(events.size(), std::size_t(20));
        JCOMPARE(events[4]["user_id"], "user-5");
        JCOMPARE(events[4]["event_properties"], (json{{"score", 50}}));
        JCOMPARE(events[4]["user_properties"], (json{{"$set", {{"email", "p5@example.com"}}}}));

        f.warehouse("UPDATE people SET score = 999 WHERE id IN (1, 2, 3)");
        r = f.run("s");
        QCOMPARE(r.changed.delivered, 3);
        events = sandbox.fakes().amplitudeEvents();
        QCOMPARE(events.size(), std::size_t(23)); // one more event per changed row
        QCOMPARE(insertIds(events).size(), std::size_t(23));
        JCOMPARE(events[22]["event_properties"], (json{{"score", 999}}));
        QCOMPARE(sandbox.fakes().stats("amplitude").duplicatesIgnored, 0);
    }

    void endToEndIdentifyOverTwoRuns()
    {
        Sandbox sandbox;
        SyncFixture f(12);
        const json mapping = json::array({
            {{"field", "user_id"}, {"template", "user-{{id}}"}},
            {{"field", "email"}, {"column", "email"}},
            {{"field", "score"}, {"column", "score"}},
        });
        f.addSync("s", amplitudeDef(sandbox, {{"object", "identify"}}), "upsert", fastRetries(), mapping);
        QCOMPARE(f.run("s").added.delivered, 12);
        JCOMPARE(sandbox.fakes().amplitudeUsers()["user-3"], (json{{"email", "p3@example.com"}, {"score", 30}}));
        f.warehouse("UPDATE people SET email = NULL, score = 31 WHERE id = 3");
        const RunSummary r = f.run("s");
        QCOMPARE(r.changed.delivered, 1);
        QCOMPARE(sandbox.fakes().amplitudeUsers().size(), std::size_t(12));
        JCOMPARE(sandbox.fakes().amplitudeUsers()["user-3"], (json{{"score", 31}}));
    }
};

QTEST_GUILESS_MAIN(TstAmplitude)
#include "tst_amplitude.moc"

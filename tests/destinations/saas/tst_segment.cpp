// The Segment connector against the Segment-style /v1/batch fake: contract
// case 37 (500 KB per request, 32 KB per item), items Segment would silently
// drop, retries, messageId dedupe, payloads and an end-to-end identify sync
// over two runs.

#include "engagementtesting.h"
#include "project/statestore.h"
#include "syncfixture.h"

#include <QElapsedTimer>
#include <QTest>

using namespace sluice;
using namespace sluice::test;
using nlohmann::json;
using sluice::fakes::SegmentFakeOptions;
using namespace std::chrono_literals;

namespace {

json segmentSettings(const Sandbox &sandbox, json extra = json::object())
{
    json s = {{"writeKey", tokenRef()}, {"baseUrl", sandbox.baseUrl("segment")}};
    s.update(extra);
    return s;
}

DestinationDef segmentDef(const Sandbox &sandbox, json extra = json::object())
{
    return DestinationDef{"segment", "segment", segmentSettings(sandbox, std::move(extra))};
}

json fastRetries()
{
    return json{{"retryBaseMs", 20}, {"maxAttempts", 10}};
}

json identifyMapping()
{
    return json::array({
        {{"field", "userId"}, {"template", "u-{{id}}"}},
        {{"field", "email"}, {"column", "email"}},
        {{"field", "name"}, {"column", "name"}},
        {{"field", "score"}, {"column", "score"}},
    });
}

std::vector<FieldSpec> identifyFields()
{
    return {{"userId", ValueType::Text}, {"email", ValueType::Text}};
}

HttpHeaders segmentHeaders()
{
    return {{"Content-Type", "application/json"}, {"Authorization", "Basic c2FuZGJveC10b2tlbjo="}};
}

} // namespace

class TstSegment : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { exportToken(); }

    void settingsAndLimits()
    {
        const KindSpec *spec = findDestinationKind("segment");
        QVERIFY(spec);
        QVERIFY(spec->find("writeKey")->secret);
        QCOMPARE(spec->find("baseUrl")->defaultValue.get<std::string>(), std::string("https://api.segment.io/v1"));
        Sandbox sandbox;
        auto segment = makeConnector("segment", segmentSettings(sandbox));
        QCOMPARE(segment->limits().maxBatchRecords, 500);
        QVERIFY(segment->limits().maxBatchBytes <= 500'000);
        QCOMPARE(makeConnector("segment", segmentSettings(sandbox, {{"batchSize", 9000}}))->limits().maxBatchRecords,
                 2500);
        QCOMPARE(segment->supportedModes(), (std::vector<SyncMode>{SyncMode::Upsert, SyncMode::Insert}));
        auto described = segment->describe();
        QCOMPARE((*described)[0].name, std::string("identify"));
        QCOMPARE((*described)[1].name, std::string("track"));

        QVERIFY(!segment->begin(runInfo({{"email", ValueType::Text}})));
        auto track = makeConnector("segment", segmentSettings(sandbox, {{"object", "track"}}));
        auto noEvent = track->begin(runInfo({{"userId", ValueType::Text}}));
        QVERIFY(!noEvent);
        QVERIFY(noEvent.error().message.find("event name") != std::string::npos);
    }

    void testConnectionChecksTheKey()
    {
        Sandbox sandbox;
        auto ok = makeConnector("segment", segmentSettings(sandbox))->testConnection();
        QVERIFY2(ok, ok ? "" : ok.error().describe().c_str());
        QVERIFY(ok->find("could not be verified") != std::string::npos);
        setenv("SLUICE_TEST_SEGMENT_WRONG", "wrong", 1);
        auto refused
            = makeConnector("segment", segmentSettings(sandbox, {{"writeKey", "${env:SLUICE_TEST_SEGMENT_WRONG}"}}))
                  ->testConnection();
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, std::string("segment.auth"));
        QVERIFY(sandbox.fakes().segmentItems().empty());
    }

    // Case 37: a 600 KB body is refused; the client keeps every request
    // within 500 KB and every item within 32 KB.
    void requestsStayWithinFiveHundredKilobytes()
    {
        Sandbox sandbox;
        json body = {{"batch", json::array()}};
        for (int i = 0; i < 30; ++i)
            body["batch"].push_back({{"type", "identify"},
                                     {"userId", "u-" + std::to_string(i)},
                                     {"traits", {{"bio", std::string(20000, 'x')}}}});
        QVERIFY(body.dump().size() > 600'000);
        const HttpResponse response = post(sandbox.baseUrl("segment") + "/v1/batch", body.dump(), segmentHeaders());
        QCOMPARE(response.status, 400);
        QVERIFY(sandbox.fakes().segmentItems().empty());

        SyncFixture f(400);
        f.warehouse("UPDATE people SET name = name || ' ' || " + sqlLongText(3000));
        f.warehouse("UPDATE people SET name = " + sqlLongText(40000) + " WHERE id = 77");
        json settings = fastRetries();
        settings["batchSize"] = 2500;
        f.addSync("s", segmentDef(sandbox), "upsert", settings, identifyMapping());
        const RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("partial"));
        QCOMPARE(r.added.delivered, 399);
        QCOMPARE(r.added.rejected, 1);
        QCOMPARE(sandbox.fakes().segmentItems().size(), std::size_t(399));
        QCOMPARE(sandbox.fakes().stats("segment").refusedForSize, 1); // the raw request only
        int sent = 0;
        for (const auto &request : sandbox.fakes().requests("segment"))
            if (request.status == 200) {
                QVERIFY(request.body.size() <= 500'000);
                ++sent;
            }
        QVERIFY(sent >= 3);
        auto state = StateStore::open(f.projectPath());
        const auto syncId = std::stoll(f.query(f.path("p.sluice"), "SELECT id FROM syncs WHERE name='s'")[0][0]);
        const auto rejected = (*state)->rejections(syncId);
        QCOMPARE(rejected->size(), std::size_t(1));
        QCOMPARE((*rejected)[0].displayKey, std::string("77"));
        QVERIFY2((*rejected)[0].reason.find("Segment accepts at most 32000 bytes per item") != std::string::npos,
                 (*rejected)[0].reason.c_str());

        // A 400 from Segment (oversize, invalid JSON) splits the batch.
        FixedAnswerServer refusing(400, json{{"success", false}, {"error", "payload too large"}}.dump());
        auto direct = makeConnector("segment", segmentSettings(sandbox, {{"baseUrl", refusing.url()}}));
        QVERIFY(direct->begin(runInfo(identifyFields())));
        std::vector<Record> records
            = {record(1, {Value("u-1"), Value("a@example.com")}), record(2, {Value("u-2"), Value("b@example.com")})};
        const BatchResult split = direct->write(1, records);
        QCOMPARE(split.error().kind, BatchFailure::Kind::RejectedWhole);
        QCOMPARE(split.error().message, std::string("Segment refused the batch (HTTP 400): payload too large"));
    }

    // Segment answers 200 and drops these; Sluice rejects them visibly.
    void itemsSegmentWouldDropAreRejectedHere()
    {
        Sandbox sandbox;
        auto segment = makeConnector("segment", segmentSettings(sandbox, {{"object", "track"}}));
        QVERIFY(segment->begin(
            runInfo({{"userId", ValueType::Text}, {"anonymousId", ValueType::Text}, {"event", ValueType::Text}})));
        std::vector<Record> records
            = {record(1, {Value(), Value(), Value("Signed Up")}), record(2, {Value("u-2"), Value(), Value()}),
               record(3, {Value(), Value("anon-3"), Value("Signed Up")})};
        const BatchResult result = segment->write(1, records);
        QVERIFY(result);
        QCOMPARE((*result)[0].reason, std::string("both userId and anonymousId are empty; Segment drops such items"));
        QCOMPARE((*result)[1].reason,
                 std::string("field 'event' is empty; Segment drops track calls without an event"));
        QCOMPARE((*result)[2].outcome, Outcome::Delivered);
        QCOMPARE(sandbox.fakes().segmentItems().size(), std::size_t(1));
        QVERIFY(sandbox.fakes().segmentDropped().empty());
        QCOMPARE(json::parse(sandbox.fakes().requests("segment")[0].body)["batch"].size(), std::size_t(1));

        // The fake drops what a careless client would send, and says so.
        const json careless = {{"batch", json::array({{{"type", "track"}, {"userId", "u-9"}}})}};
        QCOMPARE(post(sandbox.baseUrl("segment") + "/batch", careless.dump(), segmentHeaders()).status, 200);
        JCOMPARE(sandbox.fakes().segmentDropped()[0]["reason"], "track without event");
    }

    void rateLimitAndServerErrorsAreRetried()
    {
        Sandbox sandbox;
        SegmentFakeOptions limited;
        limited.rateLimited.first = 1;
        limited.retryAfter = "2";
        limited.rateLimitReset = "1";
        sandbox.fakes().setSegment(limited);
        auto segment = makeConnector("segment", segmentSettings(sandbox));
        QVERIFY(segment->begin(runInfo(identifyFields())));
        std::vector<Record> records = {record(1, {Value("u-1"), Value("a@example.com")})};
        const BatchResult result = segment->write(1, records);
        QCOMPARE(result.error().kind, BatchFailure::Kind::Retryable);
        QCOMPARE(*result.error().retryAfter, 2000ms); // the later of Retry-After and X-RateLimit-Reset

        Sandbox fresh;
        SegmentFakeOptions faults;
        faults.rateLimited.first = 1;
        faults.retryAfter = "1";
        faults.serverError.every = 2;
        fresh.fakes().setSegment(faults);
        SyncFixture f(30);
        f.addSync("s", segmentDef(fresh), "upsert", fastRetries(), identifyMapping());
        QElapsedTimer timer;
        timer.start();
        const RunSummary r = f.run("s");
        QVERIFY(timer.elapsed() >= 1000);
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 30);
        QCOMPARE(r.retries, 2); // 429, then 500, then 200
        QCOMPARE(fresh.fakes().segmentItems().size(), std::size_t(30));
        QCOMPARE(fresh.fakes().stats("segment").duplicatesIgnored, 0);
    }

    void resendIsDeduplicatedByMessageId()
    {
        Sandbox sandbox;
        auto segment = makeConnector("segment", segmentSettings(sandbox));
        QVERIFY(segment->begin(runInfo(identifyFields())));
        std::vector<Record> records
            = {record(1, {Value("u-1"), Value("a@example.com")}), record(2, {Value("u-2"), Value("b@example.com")})};
        QVERIFY(segment->write(1, records));
        QVERIFY(segment->write(2, records));
        QCOMPARE(sandbox.fakes().segmentItems().size(), std::size_t(2));
        QCOMPARE(sandbox.fakes().stats("segment").duplicatesIgnored, 2);
        records[1].hash += 1; // a changed row is a new message
        QVERIFY(segment->write(3, records));
        QCOMPARE(sandbox.fakes().segmentItems().size(), std::size_t(3));
    }

    void trackPayload()
    {
        Sandbox sandbox;
        RecordingObserver observer;
        auto segment = makeConnector(
            "segment", segmentSettings(sandbox, {{"object", "track"}, {"customFields", {{"revenue", "number"}}}}));
        QVERIFY(segment->begin(runInfo({{"userId", ValueType::Text},
                                        {"event", ValueType::Text},
                                        {"timestamp", ValueType::Integer},
                                        {"context.ip", ValueType::Text},
                                        {"revenue", ValueType::Text},
                                        {"properties.plan", ValueType::Text},
                                        {"integrations.Amplitude", ValueType::Boolean}},
                                       SyncMode::Insert, &observer)));
        std::vector<Record> records
            = {record(1, {Value("u-1"), Value("Order Completed"), Value(std::int64_t(1714554753)), Value("203.0.113.7"),
                          Value("49.90"), Value("pro"), Value(false)})};
        QVERIFY(segment->write(1, records));
        const auto request = sandbox.fakes().requests("segment")[0];
        QCOMPARE(request.path, std::string("/segment/batch"));
        QCOMPARE(request.header("Authorization"), std::string("Basic c2FuZGJveC10b2tlbjo="));
        json item = json::parse(request.body)["batch"][0];
        const std::string messageId = item["messageId"].get<std::string>();
        QCOMPARE(messageId.size(), std::size_t(36));
        item.erase("messageId");
        JCOMPARE(item, (json{{"type", "track"},
                             {"userId", "u-1"},
                             {"event", "Order Completed"},
                             {"timestamp", "2024-05-01T09:12:33Z"},
                             {"properties", {{"revenue", 49.9}, {"plan", "pro"}}},
                             {"context", {{"ip", "203.0.113.7"}}},
                             {"integrations", {{"Amplitude", false}}}}));
        JCOMPARE(sandbox.fakes().segmentItems()[0]["messageId"], messageId);
        QVERIFY(observer.exchanges[0].second.requestHeaders.find("Basic [redacted]") != std::string::npos);
    }

    void unknownWriteKeyIsFatal()
    {
        Sandbox sandbox;
        setenv("SLUICE_TEST_SEGMENT_WRONG", "wrong", 1);
        SyncFixture f(10);
        f.addSync("s", segmentDef(sandbox, {{"writeKey", "${env:SLUICE_TEST_SEGMENT_WRONG}"}}), "upsert", fastRetries(),
                  identifyMapping());
        const RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("failed"));
        QVERIFY2(r.error.find("Segment refused the write key (HTTP 401)") != std::string::npos, r.error.c_str());
        QCOMPARE(sandbox.fakes().stats("segment").requests, 1);
    }

    void endToEndIdentifyOverTwoRuns()
    {
        Sandbox sandbox;
        SyncFixture f(20);
        f.addSync("s", segmentDef(sandbox), "upsert", fastRetries(), identifyMapping());
        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 20);
        json items = sandbox.fakes().segmentItems();
        QCOMPARE(items.size(), std::size_t(20));
        JCOMPARE(items[2]["type"], "identify");
        JCOMPARE(items[2]["userId"], "u-3");
        JCOMPARE(items[2]["traits"], (json{{"email", "p3@example.com"}, {"name", "Person 3"}, {"score", 30}}));

        f.warehouse("UPDATE people SET email = 'new3@example.com' WHERE id = 3");
        r = f.run("s");
        QCOMPARE(r.changed.delivered, 1);
        items = sandbox.fakes().segmentItems();
        QCOMPARE(items.size(), std::size_t(21));
        JCOMPARE(items[20]["userId"], "u-3");
        JCOMPARE(items[20]["traits"]["email"], "new3@example.com");
        QVERIFY(items[20]["messageId"] != items[2]["messageId"]);
    }
};

QTEST_GUILESS_MAIN(TstSegment)
#include "tst_segment.moc"

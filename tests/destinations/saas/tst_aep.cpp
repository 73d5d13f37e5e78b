// The Adobe Experience Platform connector against the AEP streaming fake:
// contract cases 31-33 (207 with per-message results, the 1 MB request
// limit, authenticated connections), the XDM envelope, retries, and an
// end-to-end profile sync over two runs.

#include "engagementtesting.h"
#include "syncfixture.h"

#include <QElapsedTimer>
#include <QTest>

using namespace sluice;
using namespace sluice::test;
using nlohmann::json;
using sluice::fakes::AepFakeOptions;
using namespace std::chrono_literals;

namespace {

const std::string kSchema = "https://ns.adobe.com/sandboxtenant/schemas/4a7c9e";

json aepSettings(const Sandbox &sandbox, json extra = json::object())
{
    json s = {{"connectionId", "${env:SLUICE_TEST_AEP_CONNECTION}"},
              {"accessToken", tokenRef()},
              {"baseUrl", sandbox.baseUrl("aep")},
              {"datasetId", "ds-people"},
              {"schemaId", kSchema},
              {"imsOrgId", "SANDBOX@AdobeOrg"}};
    s.update(extra);
    return s;
}

DestinationDef aepDef(const Sandbox &sandbox, json extra = json::object())
{
    return DestinationDef{"aep", "adobe_aep", aepSettings(sandbox, std::move(extra))};
}

json fastRetries()
{
    return json{{"retryBaseMs", 20}, {"maxAttempts", 10}};
}

json profileMapping()
{
    return json::array({
        {{"field", "identityMap.Email"}, {"column", "email"}},
        {{"field", "person.name.fullName"}, {"column", "name"}},
        {{"field", "_sandboxtenant.loyalty.points"}, {"column", "score"}},
    });
}

std::vector<FieldSpec> profileFields()
{
    return {{"identityMap.Email", ValueType::Text}, {"person.name.firstName", ValueType::Text}};
}

json envelope(json entity)
{
    return {{"header",
             {{"schemaRef", {{"id", kSchema}, {"contentType", "application/vnd.adobe.xed-full+json;version=1"}}},
              {"imsOrgId", "SANDBOX@AdobeOrg"},
              {"datasetId", "ds-people"},
              {"source", {{"name", "test"}}}}},
            {"body", {{"xdmMeta", {{"schemaRef", {{"id", kSchema}}}}}, {"xdmEntity", std::move(entity)}}}};
}

HttpHeaders aepHeaders()
{
    return {{"Content-Type", "application/json"}, {"Authorization", "Bearer sandbox-token"}, {"sandbox-name", "prod"}};
}

} // namespace

class TstAep : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        exportToken();
        setenv("SLUICE_TEST_AEP_CONNECTION", "inlet-7f3e", 1);
    }

    void settingsAndLimits()
    {
        const KindSpec *spec = findDestinationKind("adobe_aep");
        QVERIFY(spec);
        QVERIFY(spec->find("connectionId")->secret);
        QVERIFY(spec->find("accessToken")->secret);
        QVERIFY(spec->find("datasetId")->required);
        Sandbox sandbox;
        auto badSchema
            = makeDestination(DestinationDef{"a", "adobe_aep", aepSettings(sandbox, {{"schemaId", "4a7c9e"}})},
                              DestinationContext{{}, SecretAccess::Allowed});
        QVERIFY(!badSchema);
        QCOMPARE(badSchema.error().code, std::string("adobe_aep.schema_id"));

        auto aep = makeConnector("adobe_aep", aepSettings(sandbox));
        QCOMPARE(aep->kind(), std::string_view("adobe_aep"));
        QVERIFY(aep->limits().maxBatchBytes < 1024 * 1024);
        QCOMPARE(aep->supportedModes(), (std::vector<SyncMode>{SyncMode::Upsert, SyncMode::Insert}));
        auto described = aep->describe();
        QCOMPARE(described->size(), std::size_t(2));
        QCOMPARE((*described)[1].name, std::string("experience_event"));

        // Streaming ingestion has no read-only call: the answer says what was not checked.
        auto tested = aep->testConnection();
        QVERIFY(tested);
        QVERIFY(tested->find("could not be checked") != std::string::npos);
        QCOMPARE(sandbox.fakes().stats("aep").requests, 0);

        auto events = makeConnector("adobe_aep", aepSettings(sandbox, {{"object", "experience_event"}}));
        QVERIFY(!events->begin(runInfo(profileFields())));
    }

    // Case 31: 207 with the second message refused; only it is reported.
    void multiStatusRejectsOnlyTheBadMessage()
    {
        Sandbox sandbox;
        const json batch = {{"messages", json::array({envelope({{"person", {{"name", {{"firstName", "Ana"}}}}}}),
                                                      {{"header", envelope(json::object())["header"]}},
                                                      envelope({{"person", {{"name", {{"firstName", "Rui"}}}}}})})}};
        const HttpResponse response
            = post(sandbox.baseUrl("aep") + "/collection/batch/inlet-7f3e", batch.dump(), aepHeaders());
        QCOMPARE(response.status, 207);
        const json answer = json::parse(response.body);
        QCOMPARE(answer["responses"].size(), std::size_t(3));
        QVERIFY(answer["responses"][0].contains("xactionId"));
        JCOMPARE(answer["responses"][1]["statusCode"], 400);
        QVERIFY(answer["responses"][1]["message"].get<std::string>().ends_with("Message has unknown xdm format"));
        QVERIFY(answer["responses"][2].contains("xactionId"));
        QCOMPARE(sandbox.fakes().aepMessages().size(), std::size_t(2));

        // Through the connector: the refused message is rejected with Adobe's
        // words; nothing is resent.
        Sandbox fresh;
        AepFakeOptions options;
        options.rejectMessage = [](const json &message) -> std::optional<std::string> {
            if (message.value(json::json_pointer("/body/xdmEntity/person/name/firstName"), json()) == "Bad")
                return std::string("Missing required field person.name.lastName: Message has unknown xdm format");
            return std::nullopt;
        };
        fresh.fakes().setAep(options);
        auto aep = makeConnector("adobe_aep", aepSettings(fresh));
        QVERIFY(aep->begin(runInfo(profileFields())));
        std::vector<Record> records
            = {record(1, {Value("ana@example.com"), Value("Ana")}), record(2, {Value("bad@example.com"), Value("Bad")}),
               record(3, {Value("rui@example.com"), Value("Rui")})};
        const BatchResult result = aep->write(1, records);
        QVERIFY(result);
        QCOMPARE((*result)[0].outcome, Outcome::Delivered);
        QCOMPARE((*result)[1].outcome, Outcome::Rejected);
        QCOMPARE((*result)[1].reason, std::string("Adobe Experience Platform (400): Missing required field "
                                                  "person.name.lastName: Message has unknown xdm format"));
        QCOMPARE((*result)[2].outcome, Outcome::Delivered);
        QCOMPARE(fresh.fakes().stats("aep").requests, 1);
        const json messages = fresh.fakes().aepMessages();
        QCOMPARE(messages.size(), std::size_t(2));
        JCOMPARE(messages[1]["body"]["xdmEntity"]["person"]["name"]["firstName"], "Rui");
    }

    // Case 32: over 1 MB: 413; the client cuts requests under 1 MB.
    void requestsStayUnderOneMegabyte()
    {
        Sandbox sandbox;
        const json big = {{"messages", json::array({envelope({{"bio", std::string(1100000, 'x')}})})}};
        const HttpResponse response
            = post(sandbox.baseUrl("aep") + "/collection/batch/inlet-7f3e", big.dump(), aepHeaders());
        QCOMPARE(response.status, 413);
        QVERIFY(sandbox.fakes().aepMessages().empty());

        SyncFixture f(1200);
        f.warehouse("UPDATE people SET name = name || ' ' || " + sqlLongText(2000));
        json settings = fastRetries();
        settings["batchSize"] = 1000;
        f.addSync("s", aepDef(sandbox), "upsert", settings, profileMapping());
        const RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 1200);
        QCOMPARE(sandbox.fakes().aepMessages().size(), std::size_t(1200));
        QCOMPARE(sandbox.fakes().stats("aep").refusedForSize, 1); // the raw request only
        for (const auto &request : sandbox.fakes().requests("aep"))
            if (request.status == 207)
                QVERIFY(request.body.size() <= 1024 * 1024);
        QVERIFY(sandbox.fakes().stats("aep").requests >= 4);

        // A 413 from Adobe splits the batch; one record too large on its own is rejected.
        FixedAnswerServer tooLarge(413, json{{"title", "Payload Too Large"}}.dump());
        auto direct = makeConnector("adobe_aep", aepSettings(sandbox, {{"baseUrl", tooLarge.url()}}));
        QVERIFY(direct->begin(runInfo(profileFields())));
        std::vector<Record> records
            = {record(1, {Value("a@example.com"), Value("A")}), record(2, {Value("b@example.com"), Value("B")})};
        QCOMPARE(direct->write(1, records).error().kind, BatchFailure::Kind::RejectedWhole);
        auto real = makeConnector("adobe_aep", aepSettings(sandbox));
        QVERIFY(real->begin(runInfo(profileFields())));
        records = {record(1, {Value("a@example.com"), Value(std::string(1100000, 'x'))})};
        const BatchResult single = real->write(1, records);
        QVERIFY(single);
        QVERIFY((*single)[0].reason.find("accepts at most 1048576 bytes per item") != std::string::npos);
    }

    // Case 33: authenticated connection: no token 401, expired token 403; neither retried.
    void authenticationFailuresAreFatal()
    {
        Sandbox sandbox;
        auto noToken = makeConnector("adobe_aep", aepSettings(sandbox, {{"accessToken", nullptr}}));
        QVERIFY(noToken->begin(runInfo(profileFields())));
        std::vector<Record> records = {record(1, {Value("a@example.com"), Value("A")})};
        BatchResult result = noToken->write(1, records);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, BatchFailure::Kind::Fatal);
        QVERIFY(result.error().message.starts_with("Adobe Experience Platform refused the request (401): the streaming "
                                                   "connection is authenticated; set accessToken"));

        setenv("SLUICE_TEST_AEP_EXPIRED", "expired-token", 1);
        auto expired
            = makeConnector("adobe_aep", aepSettings(sandbox, {{"accessToken", "${env:SLUICE_TEST_AEP_EXPIRED}"}}));
        QVERIFY(expired->begin(runInfo(profileFields())));
        result = expired->write(1, records);
        QCOMPARE(result.error().kind, BatchFailure::Kind::Fatal);
        QVERIFY(result.error().message.starts_with("Adobe Experience Platform refused the access token (403): invalid "
                                                   "or expired"));
        QCOMPARE(sandbox.fakes().stats("aep").requests, 2);

        SyncFixture f(15);
        f.addSync("s", aepDef(sandbox, {{"accessToken", "${env:SLUICE_TEST_AEP_EXPIRED}"}}), "upsert", fastRetries(),
                  profileMapping());
        const RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("failed"));
        QVERIFY2(r.error.find("(403)") != std::string::npos, r.error.c_str());
        QCOMPARE(r.retries, 0);
        QCOMPARE(sandbox.fakes().stats("aep").requests, 3);
        QVERIFY(sandbox.fakes().aepMessages().empty());

        // An unauthenticated connection needs no token at all.
        AepFakeOptions open;
        open.authenticated = false;
        sandbox.fakes().setAep(open);
        QVERIFY(noToken->write(2, records));
        QCOMPARE(sandbox.fakes().aepMessages().size(), std::size_t(1));
    }

    void envelopeOfExperienceEvents()
    {
        Sandbox sandbox;
        auto aep = makeConnector("adobe_aep",
                                 aepSettings(sandbox, {{"object", "experience_event"},
                                                       {"flowId", "flow-1"},
                                                       {"customFields", {{"commerce.order.priceTotal", "number"}}}}));
        QVERIFY(aep->begin(runInfo({{"identityMap.Email", ValueType::Text},
                                    {"identityMap.CRMID", ValueType::Text},
                                    {"timestamp", ValueType::Integer},
                                    {"eventType", ValueType::Text},
                                    {"commerce.order.priceTotal", ValueType::Text}})));
        std::vector<Record> records
            = {record(1, {Value("ana@example.com"), Value("crm-1"), Value(std::int64_t(1714554753)),
                          Value("commerce.purchases"), Value("49.90")})};
        QVERIFY(aep->write(1, records));
        const auto request = sandbox.fakes().requests("aep")[0];
        QCOMPARE(request.path, std::string("/aep/collection/batch/inlet-7f3e"));
        QCOMPARE(request.header("sandbox-name"), std::string("prod"));
        QCOMPARE(request.header("x-adobe-flow-id"), std::string("flow-1"));
        const json message = json::parse(request.body)["messages"][0];
        JCOMPARE(
            message["header"],
            (json{{"schemaRef", {{"id", kSchema}, {"contentType", "application/vnd.adobe.xed-full+json;version=1"}}},
                  {"imsOrgId", "SANDBOX@AdobeOrg"},
                  {"datasetId", "ds-people"},
                  {"source", {{"name", "Sluice"}}}}));
        const json entity = message["body"]["xdmEntity"];
        JCOMPARE(entity["timestamp"], "2024-05-01T09:12:33Z");
        JCOMPARE(entity["eventType"], "commerce.purchases");
        JCOMPARE(entity["commerce"]["order"]["priceTotal"], 49.9);
        JCOMPARE(entity["identityMap"], (json{{"Email", {{{"id", "ana@example.com"}, {"primary", true}}}},
                                              {"CRMID", {{{"id", "crm-1"}, {"primary", false}}}}}));
        QCOMPARE(entity["_id"].get<std::string>().size(), std::size_t(36));
        JCOMPARE(message["body"]["xdmMeta"]["schemaRef"]["id"], kSchema);

        // The resend of the same record carries the same _id.
        QVERIFY(aep->write(2, records));
        JCOMPARE(json::parse(sandbox.fakes().requests("aep")[1].body)["messages"][0]["body"]["xdmEntity"]["_id"],
                 entity["_id"]);
    }

    void unavailableIsRetriedAndProcessingErrorsStop()
    {
        Sandbox sandbox;
        AepFakeOptions failing;
        failing.serverError.first = 1;
        failing.rateLimited.first = 0;
        sandbox.fakes().setAep(failing);
        SyncFixture f(10);
        f.addSync("s", aepDef(sandbox), "upsert", fastRetries(), profileMapping());
        const RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.retries, 1);
        QCOMPARE(sandbox.fakes().aepMessages().size(), std::size_t(10));

        FixedAnswerServer processing(
            500, json{{"title", "Internal Server Error"}, {"message", "Schema not specified or not matching"}}.dump());
        auto aep = makeConnector("adobe_aep", aepSettings(sandbox, {{"baseUrl", processing.url()}}));
        QVERIFY(aep->begin(runInfo(profileFields())));
        std::vector<Record> records = {record(1, {Value("a@example.com"), Value("A")})};
        const BatchResult result = aep->write(1, records);
        QCOMPARE(result.error().kind, BatchFailure::Kind::Fatal);
        QCOMPARE(result.error().message, std::string("Adobe Experience Platform could not process the batch (500): "
                                                     "Schema not specified or not matching; check that schemaId "
                                                     "matches the dataset's schema"));

        FixedAnswerServer throttling(429, "{}", {{"Retry-After", "2"}});
        auto throttled = makeConnector("adobe_aep", aepSettings(sandbox, {{"baseUrl", throttling.url()}}));
        QVERIFY(throttled->begin(runInfo(profileFields())));
        const BatchResult waiting = throttled->write(1, records);
        QCOMPARE(waiting.error().kind, BatchFailure::Kind::Retryable);
        QCOMPARE(*waiting.error().retryAfter, 2000ms);
    }

    void inspectorHidesTokenAndConnection()
    {
        Sandbox sandbox;
        RecordingObserver observer;
        auto aep = makeConnector("adobe_aep", aepSettings(sandbox));
        QVERIFY(aep->begin(runInfo(profileFields(), SyncMode::Upsert, &observer)));
        std::vector<Record> records = {record(1, {Value("a@example.com"), Value("A")})};
        QVERIFY(aep->write(1, records));
        const HttpExchange &exchange = observer.exchanges[0].second;
        QCOMPARE(exchange.status, 207);
        QVERIFY(exchange.url.ends_with("/aep/collection/batch/[redacted]"));
        QVERIFY(exchange.requestHeaders.find("Bearer [redacted]") != std::string::npos);
        QVERIFY(exchange.responseBody.find("inlet-7f3e") == std::string::npos);
    }

    void endToEndProfilesOverTwoRuns()
    {
        Sandbox sandbox;
        SyncFixture f(20);
        f.addSync("s", aepDef(sandbox), "upsert", fastRetries(), profileMapping());
        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 20);
        json messages = sandbox.fakes().aepMessages();
        QCOMPARE(messages.size(), std::size_t(20));
        JCOMPARE(messages[0]["connectionId"], "inlet-7f3e");
        JCOMPARE(messages[6]["body"]["xdmEntity"],
                 (json{{"identityMap", {{"Email", {{{"id", "p7@example.com"}, {"primary", true}}}}}},
                       {"person", {{"name", {{"fullName", "Person 7"}}}}},
                       {"_sandboxtenant", {{"loyalty", {{"points", 70}}}}}}));

        f.warehouse("UPDATE people SET score = 5000 WHERE id IN (4, 8)");
        r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.changed.delivered, 2);
        messages = sandbox.fakes().aepMessages();
        QCOMPARE(messages.size(), std::size_t(22));
        JCOMPARE(messages[20]["body"]["xdmEntity"]["_sandboxtenant"]["loyalty"]["points"], 5000);
        JCOMPARE(messages[21]["body"]["xdmEntity"]["identityMap"]["Email"][0]["id"], "p8@example.com");
    }
};

QTEST_GUILESS_MAIN(TstAep)
#include "tst_aep.moc"

// The webhook destination driven directly (begin, write, commit) against the
// fake receiver: the exact bytes sent, and every kind of answer turned into
// the outcome the executor acts on.

#include "recordingobserver.h"

#include "core/keycodec.h"
#include "destinations/webhookdestination.h"
#include "version.h"

#include "fakewebhookserver.h"

#include "refusingport.h"

#include <QTest>

#include <chrono>
#include <mutex>
#include <thread>

using namespace sluice;
using nlohmann::json;
using sluice::fakes::FakeHttpServer;
using sluice::fakes::FakeWebhookBehaviour;
using sluice::fakes::FakeWebhookServer;
using sluice::test::RecordingObserver;
using namespace std::chrono_literals;

namespace {

RunInfo usersRun(DestinationObserver *observer = nullptr)
{
    RunInfo run;
    run.syncName = "users_to_hook";
    run.mode = SyncMode::Mirror;
    run.fields = {{"email", ValueType::Text},
                  {"name", ValueType::Text},
                  {"ltv", ValueType::Real},
                  {"vip", ValueType::Boolean},
                  {"visits", ValueType::Integer}};
    run.keyFields = {"id"};
    run.observer = observer;
    return run;
}

Record user(std::int64_t id, std::string email, RecordOp op = RecordOp::Upsert)
{
    Record r;
    r.op = op;
    r.keyValues = {Value(id)};
    r.key = encodeKeyValues(r.keyValues);
    r.displayKey = std::to_string(id);
    if (op != RecordOp::Delete)
        r.fields = {Value(std::move(email)), Value("User " + std::to_string(id)), Value(1.5), Value(false),
                    Value(std::int64_t(id * 10))};
    return r;
}

WebhookSettings settingsFor(const std::string &url)
{
    WebhookSettings s;
    s.url = url;
    s.timeoutSeconds = 5;
    return s;
}

std::vector<Record> validUsers(std::int64_t first, int count)
{
    std::vector<Record> records;
    for (int i = 0; i < count; ++i)
        records.push_back(user(first + i, "u" + std::to_string(first + i) + "@example.com"));
    return records;
}

} // namespace

class TstWebhookDestination : public QObject {
    Q_OBJECT
private slots:
    void modesAndLimits()
    {
        WebhookSettings s = settingsFor("http://127.0.0.1:1/hook");
        s.batchSize = 250;
        s.maxBatchBytes = 512 * 1024;
        s.concurrency = 3;
        s.requestsPerSecond = 7.5;
        WebhookDestination hook(s);
        QCOMPARE(hook.kind(), std::string_view("webhook"));
        QCOMPARE(hook.supportedModes(),
                 (std::vector<SyncMode>{SyncMode::Upsert, SyncMode::Insert, SyncMode::Update, SyncMode::Mirror}));
        const DestinationLimits limits = hook.limits();
        QCOMPARE(limits.maxBatchRecords, 250);
        QCOMPARE(limits.defaultBatchRecords, 250);
        QCOMPARE(limits.maxBatchBytes, std::size_t(512 * 1024));
        QCOMPARE(limits.maxConcurrency, 3);
        QCOMPARE(limits.requestsPerSecond, 7.5);
        QVERIFY(!hook.acknowledgesAtCommit());
    }

    void badSettingsAreRefusedAtBegin()
    {
        WebhookDestination noScheme(settingsFor("ftp://127.0.0.1/hook"));
        auto r = noScheme.begin(usersRun());
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::InvalidInput);
        QCOMPARE(r.error().code, std::string("webhook.bad_url"));

        WebhookSettings s = settingsFor("http://127.0.0.1/hook");
        s.method = "DELETE";
        WebhookDestination badMethod(s);
        QVERIFY(!badMethod.begin(usersRun()));
    }

    void exactBody()
    {
        FakeWebhookServer server;
        WebhookSettings s = settingsFor(server.url("/hook"));
        s.headers = {{"X-Tenant", "acme"}};
        WebhookDestination hook(s);
        QVERIFY(hook.begin(usersRun()));

        Record awkward;
        awkward.op = RecordOp::Insert;
        awkward.keyValues = {Value(std::int64_t(2))};
        awkward.fields = {Value("a\"b\\c\nd\x01"
                                "e"),
                          Value("张伟 \xF0\x9F\x98\x80"), Value(0.1), Value(true), Value()};
        std::vector<Record> batch = {user(1, "ana@example.com"), awkward, user(3, "cy@example.com", RecordOp::Update),
                                     user(4, "", RecordOp::Delete)};
        const BatchResult result = hook.write(1, batch);
        QVERIFY(result);
        QCOMPARE(result->size(), std::size_t(4));
        for (const auto &outcome : *result)
            QCOMPARE(outcome.outcome, Outcome::Delivered);
        QVERIFY(hook.commit());

        const auto requests = server.requests();
        QCOMPARE(requests.size(), std::size_t(1));
        const auto &request = requests[0];
        QCOMPARE(request.method, std::string("POST"));
        QCOMPARE(request.path, std::string("/hook"));
        QCOMPARE(request.header("content-type"), std::string("application/json"));
        QCOMPARE(request.header("User-Agent"), std::string("sluice/") + kVersion);
        QCOMPARE(request.header("X-Tenant"), std::string("acme"));
        QCOMPARE(request.header("Expect"), std::string());
        const std::string expected
            = R"({"sync":"users_to_hook","records":[)"
              R"({"op":"upsert","key":{"id":1},"fields":{"email":"ana@example.com","name":"User 1","ltv":1.5,"vip":false,"visits":10}},)"
              // Not a raw string: moc's tokenizer misreads \" inside one and stops registering slots.
              "{\"op\":\"insert\",\"key\":{\"id\":2},\"fields\":{\"email\":\"a\\\"b\\\\c\\nd\\u0001e\","
              "\"name\":\"张伟 😀\",\"ltv\":0.1,\"vip\":true,\"visits\":null}},"
              R"({"op":"update","key":{"id":3},"fields":{"email":"cy@example.com","name":"User 3","ltv":1.5,"vip":false,"visits":30}},)"
              R"({"op":"delete","key":{"id":4}}]})";
        QCOMPARE(request.body, expected);
        QVERIFY(!json::parse(request.body, nullptr, false).is_discarded());

        QCOMPARE(server.recordCount(), std::size_t(3));
        const auto stored = server.record({{"id", 2}});
        QVERIFY(stored
                && (*stored)["email"]
                       == json("a\"b\\c\nd\x01"
                               "e"));
        QVERIFY(!server.record({{"id", 4}}));
        QCOMPARE(server.deliveries({{"id", 4}}), 1);
    }

    void compositeKeysAndMethod()
    {
        FakeWebhookServer server;
        WebhookSettings s = settingsFor(server.url("/hook"));
        s.method = "PUT";
        WebhookDestination hook(s);
        RunInfo run = usersRun();
        run.keyFields = {"tenant", "id"};
        QVERIFY(hook.begin(run));
        Record r = user(0, "x@example.com");
        r.keyValues = {Value("eu"), Value(std::int64_t(7))};
        QVERIFY(hook.write(1, std::vector<Record>{r}));
        const auto requests = server.requests();
        QCOMPARE(requests.size(), std::size_t(1));
        QCOMPARE(requests[0].method, std::string("PUT"));
        QVERIFY(requests[0].body.find(R"("key":{"tenant":"eu","id":7})") != std::string::npos);
        QVERIFY(server.record({{"tenant", "eu"}, {"id", 7}}));
    }

    void perRecordRejections()
    {
        FakeWebhookBehaviour b;
        b.rejectRecord = FakeWebhookServer::rejectWhenFieldLacks("email", "@");
        FakeWebhookServer server(b);
        WebhookDestination hook(settingsFor(server.url("/hook")));
        QVERIFY(hook.begin(usersRun()));
        std::vector<Record> batch
            = {user(1, "a@x.io"), user(2, "bad-one"), user(3, "c@x.io"), user(4, "bad-two"), user(5, "e@x.io")};
        const BatchResult result = hook.write(1, batch);
        QVERIFY(result);
        QCOMPARE(result->size(), std::size_t(5));
        const std::vector<Outcome> expected
            = {Outcome::Delivered, Outcome::Rejected, Outcome::Delivered, Outcome::Rejected, Outcome::Delivered};
        for (std::size_t i = 0; i < expected.size(); ++i)
            QCOMPARE((*result)[i].outcome, expected[i]);
        QCOMPARE((*result)[1].reason, std::string("'bad-one' is not a valid email: it has no '@'"));
        QCOMPARE((*result)[3].reason, std::string("'bad-two' is not a valid email: it has no '@'"));
        QCOMPARE(server.recordCount(), std::size_t(3));
        QVERIFY(!server.record({{"id", 2}}));
        QCOMPARE(server.requests()[0].status, 422);
    }

    void wholeBatchRefused()
    {
        FakeWebhookBehaviour b;
        b.rejectRecord = FakeWebhookServer::rejectWhenFieldLacks("email", "@");
        b.rejectWholeBatch = true;
        FakeWebhookServer server(b);
        WebhookDestination hook(settingsFor(server.url("/hook")));
        QVERIFY(hook.begin(usersRun()));
        const BatchResult result = hook.write(1, std::vector<Record>{user(1, "a@x.io"), user(2, "nope")});
        QVERIFY(!result);
        QCOMPARE(result.error().kind, BatchFailure::Kind::RejectedWhole);
        QCOMPARE(result.error().message, std::string("the webhook refused the batch (HTTP 400)"));
        QCOMPARE(server.recordCount(), std::size_t(0));
    }

    void tooManyRecordsRefusedWhole()
    {
        FakeWebhookBehaviour b;
        b.maxRecordsPerRequest = 2;
        FakeWebhookServer server(b);
        WebhookDestination hook(settingsFor(server.url("/hook")));
        QVERIFY(hook.begin(usersRun()));
        const BatchResult result = hook.write(1, validUsers(1, 3));
        QVERIFY(!result);
        QCOMPARE(result.error().kind, BatchFailure::Kind::RejectedWhole);
        QCOMPARE(server.recordCount(), std::size_t(0));
        QVERIFY(hook.write(2, validUsers(1, 2)));
        QCOMPARE(server.recordCount(), std::size_t(2));
    }

    void wrongCredentialsAreFatal()
    {
        FakeWebhookBehaviour b;
        b.bearerToken = "s3cret";
        FakeWebhookServer server(b);
        WebhookSettings s = settingsFor(server.url("/hook"));
        s.headers = {{"Authorization", "Bearer wrong"}};
        WebhookDestination wrong(s);
        QVERIFY(wrong.begin(usersRun()));
        const BatchResult refused = wrong.write(1, validUsers(1, 2));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, BatchFailure::Kind::Fatal);
        QCOMPARE(refused.error().message, std::string("the webhook refused the credentials (401)"));
        QVERIFY(!refused.error().retryAfter);

        s.headers = {{"Authorization", "Bearer s3cret"}};
        WebhookDestination right(s);
        QVERIFY(right.begin(usersRun()));
        QVERIFY(right.write(1, validUsers(1, 2)));
        QCOMPARE(server.recordCount(), std::size_t(2));
    }

    void unknownPathIsFatal()
    {
        FakeWebhookBehaviour b;
        b.path = "/hook";
        FakeWebhookServer server(b);
        WebhookDestination hook(settingsFor(server.url("/elsewhere")));
        QVERIFY(hook.begin(usersRun()));
        const BatchResult result = hook.write(1, validUsers(1, 1));
        QVERIFY(!result);
        QCOMPARE(result.error().kind, BatchFailure::Kind::Fatal);
        QCOMPARE(result.error().message, std::string("the webhook URL was not found (404)"));
    }

    void rateLimitIsRetryableWithItsHint()
    {
        FakeWebhookBehaviour b;
        b.rateLimitFirst = 1;
        b.retryAfter = "2";
        FakeWebhookServer server(b);
        WebhookDestination hook(settingsFor(server.url("/hook")));
        QVERIFY(hook.begin(usersRun()));
        const auto batch = validUsers(1, 3);
        const BatchResult first = hook.write(1, batch);
        QVERIFY(!first);
        QCOMPARE(first.error().kind, BatchFailure::Kind::Retryable);
        QVERIFY(first.error().retryAfter.has_value());
        QCOMPARE(first.error().retryAfter->count(), std::int64_t(2000));
        QCOMPARE(server.recordCount(), std::size_t(0));
        // The executor sends the same batch again after the wait; here at once.
        const BatchResult second = hook.write(1, batch);
        QVERIFY(second);
        QCOMPARE(server.recordCount(), std::size_t(3));
        QCOMPARE(server.maxDeliveriesPerKey(), 1);
    }

    void serverErrorIsRetryable()
    {
        FakeWebhookBehaviour b;
        b.serverErrorFirst = 1;
        FakeWebhookServer server(b);
        WebhookDestination hook(settingsFor(server.url("/hook")));
        QVERIFY(hook.begin(usersRun()));
        const BatchResult result = hook.write(1, validUsers(1, 2));
        QVERIFY(!result);
        QCOMPARE(result.error().kind, BatchFailure::Kind::Retryable);
        QVERIFY2(result.error().message.starts_with("the webhook failed (HTTP 500)"), result.error().message.c_str());
        QVERIFY(!result.error().retryAfter);
        QVERIFY(hook.write(1, validUsers(1, 2)));
    }

    void timeoutIsRetryable()
    {
        FakeWebhookBehaviour b;
        b.delayMs = 4000;
        FakeWebhookServer server(b);
        WebhookSettings s = settingsFor(server.url("/hook"));
        s.timeoutSeconds = 1;
        WebhookDestination hook(s);
        QVERIFY(hook.begin(usersRun()));
        const auto started = std::chrono::steady_clock::now();
        const BatchResult result = hook.write(1, validUsers(1, 2));
        QVERIFY(std::chrono::steady_clock::now() - started < 3s);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, BatchFailure::Kind::Retryable);
        QCOMPARE(result.error().message, std::string("timed out after 1000 ms"));
    }

    void unreachableIsRetryable()
    {
        test::RefusingPort refusing;
        WebhookDestination hook(settingsFor("http://127.0.0.1:" + std::to_string(refusing.port()) + "/hook"));
        QVERIFY(hook.begin(usersRun()));
        const BatchResult result = hook.write(1, validUsers(1, 1));
        QVERIFY(!result);
        QCOMPARE(result.error().kind, BatchFailure::Kind::Retryable);
        QCOMPARE(result.error().message, "connection refused to 127.0.0.1:" + std::to_string(refusing.port()));
    }

    // Answers the fake does not give: errors inside a 2xx, a 400 naming
    // records, a redirect, and a 503 with a Retry-After date.
    void otherAnswers()
    {
        FakeHttpServer server;
        std::mutex mutex;
        int status = 200;
        std::string body;
        std::vector<std::pair<std::string, std::string>> headers;
        server.http().Post(".*", [&](const httplib::Request &, httplib::Response &response) {
            std::lock_guard lock(mutex);
            response.status = status;
            for (const auto &[name, value] : headers)
                response.set_header(name, value);
            response.set_content(body, "application/json");
        });
        server.start();
        const auto answerWith = [&](int s, std::string b, std::vector<std::pair<std::string, std::string>> h = {}) {
            std::lock_guard lock(mutex);
            status = s;
            body = std::move(b);
            headers = std::move(h);
        };
        WebhookDestination hook(settingsFor(server.url("/hook")));
        QVERIFY(hook.begin(usersRun()));
        const auto batch = validUsers(1, 3);

        answerWith(202, R"({"errors":[{"index":2,"message":"duplicate"},{"index":9,"message":"out of range"}]})");
        BatchResult r = hook.write(1, batch);
        QVERIFY(r);
        QCOMPARE((*r)[0].outcome, Outcome::Delivered);
        QCOMPARE((*r)[2].outcome, Outcome::Rejected);
        QCOMPARE((*r)[2].reason, std::string("duplicate"));

        answerWith(200, "ok");
        r = hook.write(1, batch);
        QVERIFY(r && r->size() == 3 && (*r)[2].outcome == Outcome::Delivered);

        answerWith(400, R"({"errors":[{"index":0,"message":"bad email"}]})");
        r = hook.write(1, batch);
        QVERIFY(r);
        QCOMPARE((*r)[0].outcome, Outcome::Rejected);
        QCOMPARE((*r)[1].outcome, Outcome::Delivered);

        answerWith(422, R"({"error":"unprocessable"})");
        r = hook.write(1, batch);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, BatchFailure::Kind::RejectedWhole);
        QCOMPARE(r.error().message,
                 std::string(R"(the webhook refused the batch (HTTP 422): {"error":"unprocessable"})"));

        answerWith(413, "");
        r = hook.write(1, batch);
        QVERIFY(!r && r.error().kind == BatchFailure::Kind::RejectedWhole);

        answerWith(403, "");
        r = hook.write(1, batch);
        QVERIFY(!r && r.error().kind == BatchFailure::Kind::Fatal);

        answerWith(301, "", {{"Location", "https://new.example.com/hook"}});
        r = hook.write(1, batch);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, BatchFailure::Kind::Fatal);
        QVERIFY2(r.error().message.find("https://new.example.com/hook") != std::string::npos,
                 r.error().message.c_str());

        answerWith(503, "", {{"Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"}});
        r = hook.write(1, batch);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, BatchFailure::Kind::Retryable);
        QCOMPARE(r.error().retryAfter, std::optional<std::chrono::milliseconds>(0ms));

        answerWith(408, "");
        r = hook.write(1, batch);
        QVERIFY(!r && r.error().kind == BatchFailure::Kind::Retryable);
    }

    void observerSeesRedactedExchanges()
    {
        FakeWebhookBehaviour b;
        b.bearerToken = "t0p-s3cret";
        FakeWebhookServer server(b);
        WebhookSettings s = settingsFor(server.url("/hook?sig=abc123"));
        s.headers = {{"Authorization", "Bearer t0p-s3cret"}};
        WebhookDestination hook(s);
        RecordingObserver observer;
        QVERIFY(hook.begin(usersRun(&observer)));
        QVERIFY(hook.write(7, validUsers(1, 2)));

        // A body over 64 KiB is cut for the inspector.
        Record big = user(3, "big@example.com");
        big.fields[1] = Value(std::string(100 * 1024, 'z'));
        QVERIFY(hook.write(8, std::vector<Record>{big}));

        std::lock_guard lock(observer.mutex);
        QCOMPARE(observer.exchanges.size(), std::size_t(2));
        const auto &[batch, exchange] = observer.exchanges[0];
        QCOMPARE(batch, 7);
        QCOMPARE(exchange.method, std::string("POST"));
        QCOMPARE(exchange.url, server.url("/hook"));
        QCOMPARE(exchange.status, 200);
        QVERIFY(exchange.latencyMs > 0);
        QVERIFY2(exchange.requestHeaders.find("Authorization: Bearer [redacted]") != std::string::npos,
                 exchange.requestHeaders.c_str());
        QVERIFY(exchange.requestHeaders.find("t0p-s3cret") == std::string::npos);
        QVERIFY(exchange.requestHeaders.find("Content-Type: application/json") != std::string::npos);
        QCOMPARE(exchange.requestBody, server.requests()[0].body);
        QVERIFY(exchange.responseHeaders.find("Content-Type: application/json") != std::string::npos);
        QCOMPARE(exchange.responseBody, std::string(R"({"received":2})"));

        const HttpExchange &cut = observer.exchanges[1].second;
        QCOMPARE(observer.exchanges[1].first, 8);
        QVERIFY(cut.requestBody.size() < 66 * 1024);
        QVERIFY(cut.requestBody.ends_with("bytes in all]"));
        QVERIFY(server.requests()[1].body.size() > 100 * 1024);
    }

    void concurrentWritesDeliverEveryRecordOnce()
    {
        FakeWebhookServer server;
        WebhookSettings s = settingsFor(server.url("/hook"));
        s.concurrency = 4;
        WebhookDestination hook(s);
        QVERIFY(hook.begin(usersRun()));
        constexpr int kThreads = 4;
        constexpr int kBatches = 25;
        constexpr int kPerBatch = 10;
        std::atomic<int> failures = 0;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                for (int b = 0; b < kBatches; ++b) {
                    const int number = t * kBatches + b;
                    const auto result = hook.write(number, validUsers(std::int64_t(number) * kPerBatch, kPerBatch));
                    if (!result || result->size() != kPerBatch)
                        ++failures;
                }
            });
        }
        for (auto &thread : threads)
            thread.join();
        QVERIFY(hook.commit());
        QCOMPARE(failures.load(), 0);
        QCOMPARE(server.recordCount(), std::size_t(kThreads * kBatches * kPerBatch));
        QCOMPARE(server.totalDeliveries(), std::size_t(kThreads * kBatches * kPerBatch));
        QCOMPARE(server.maxDeliveriesPerKey(), 1);
        QCOMPARE(server.largestRequestRecords(), kPerBatch);
        // One kept-alive connection per writing thread.
        QVERIFY(server.remotePorts().size() <= std::size_t(kThreads));
    }

    void testConnectionSendsNothingDestructive()
    {
        FakeWebhookBehaviour b;
        b.path = "/hook";
        FakeWebhookServer server(b);
        WebhookDestination hook(settingsFor(server.url("/hook?token=abc123")));
        const auto ok = hook.testConnection();
        QVERIFY2(ok, ok ? "" : ok.error().describe().c_str());
        QCOMPARE(*ok, "reached " + server.url("/hook") + " (HTTP 204)");
        const auto requests = server.requests();
        QCOMPARE(requests.size(), std::size_t(1));
        QCOMPARE(requests[0].method, std::string("OPTIONS"));
        QCOMPARE(server.recordCount(), std::size_t(0));

        // Any HTTP answer proves the receiver is reachable.
        WebhookDestination wrongPath(settingsFor(server.url("/nope")));
        const auto reached = wrongPath.testConnection();
        QVERIFY(reached);
        QCOMPARE(*reached, "reached " + server.url("/nope") + " (HTTP 404)");
    }

    void testConnectionReportsTransportErrors()
    {
        test::RefusingPort refusing;
        const std::string url = "http://127.0.0.1:" + std::to_string(refusing.port()) + "/hook";
        WebhookDestination hook(settingsFor(url));
        const auto result = hook.testConnection();
        QVERIFY(!result);
        QCOMPARE(result.error().kind, ErrorKind::Failed);
        QCOMPARE(result.error().message, "connection refused to 127.0.0.1:" + std::to_string(refusing.port()));

        WebhookDestination empty(settingsFor(""));
        const auto none = empty.testConnection();
        QVERIFY(!none);
        QCOMPARE(none.error().kind, ErrorKind::InvalidInput);
    }
};

QTEST_GUILESS_MAIN(TstWebhookDestination)
#include "tst_webhookdestination.moc"

// The shared HTTP client against a loopback cpp-httplib server: what goes out
// and comes back, connection reuse, readable transport errors, Retry-After
// parsing and the redaction the API inspector relies on.

#include "http/httpclient.h"

#include "fakehttpserver.h"

#include "refusingport.h"

#include <QTest>

#include <atomic>
#include <chrono>
#include <ctime>
#include <mutex>
#include <set>

using namespace sluice;
using sluice::fakes::FakeHttpServer;
using namespace std::chrono_literals;

namespace {

std::string httpDate(std::chrono::system_clock::time_point when)
{
    const std::time_t t = std::chrono::system_clock::to_time_t(when);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[64];
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return text;
}

} // namespace

class TstHttpClient : public QObject {
    Q_OBJECT
private slots:
    void roundTrip()
    {
        FakeHttpServer server;
        std::mutex mutex;
        httplib::Request seen;
        auto echo = [&](const httplib::Request &request, httplib::Response &response) {
            {
                std::lock_guard lock(mutex);
                seen = request;
            }
            response.status = 201;
            response.set_header("X-Echo-Method", request.method);
            response.set_header("Retry-After", "7");
            response.set_content("got " + std::to_string(request.body.size()) + " bytes", "text/plain");
        };
        server.http().Post("/echo", echo).Patch("/echo", echo).Put("/echo", echo).Get("/echo", echo);
        server.start();

        HttpRequest request;
        request.url = server.url("/echo");
        request.headers = {{"Content-Type", "application/json"}, {"X-Custom", "yes"}};
        // Above libcurl's threshold for sending Expect: 100-continue.
        request.body = std::string(100 * 1024, 'x');
        HttpClient client;
        const HttpResponse response = client.send(request);
        QCOMPARE(response.transportError, std::string());
        QCOMPARE(response.status, 201);
        QCOMPARE(response.body, std::string("got 102400 bytes"));
        QVERIFY(response.latencyMs > 0);
        // Names keep their case; lookup ignores it.
        bool exactName = false;
        for (const auto &[name, value] : response.headers)
            exactName = exactName || (name == "X-Echo-Method" && value == "POST");
        QVERIFY(exactName);
        QCOMPARE(response.header("x-echo-method").value_or(""), std::string("POST"));
        QCOMPARE(response.header("X-ECHO-METHOD").value_or(""), std::string("POST"));
        QVERIFY(!response.header("X-Missing"));
        QCOMPARE(response.retryAfter(), std::optional<std::chrono::milliseconds>(7000ms));
        {
            std::lock_guard lock(mutex);
            QCOMPARE(seen.body.size(), std::size_t(100 * 1024));
            QCOMPARE(seen.get_header_value("Content-Type"), std::string("application/json"));
            QCOMPARE(seen.get_header_value("X-Custom"), std::string("yes"));
            QVERIFY(!seen.has_header("Expect"));
        }

        for (const std::string method : {"PATCH", "PUT", "GET"}) {
            HttpRequest other;
            other.method = method;
            other.url = server.url("/echo");
            other.body = method == "GET" ? "" : "{}";
            const HttpResponse answer = client.send(other);
            QCOMPARE(answer.status, 201);
            QCOMPARE(answer.header("X-Echo-Method").value_or(""), method);
            std::lock_guard lock(mutex);
            QCOMPARE(seen.body, other.body);
            // No body type invented when the caller gave none.
            QVERIFY(!seen.has_header("Content-Type"));
        }
    }

    void redirectsAreNotFollowed()
    {
        FakeHttpServer server;
        std::atomic<int> targetHits = 0;
        server.http().Post(
            "/old", [&](const httplib::Request &, httplib::Response &response) { response.set_redirect("/new", 308); });
        server.http().Post("/new", [&](const httplib::Request &, httplib::Response &response) {
            ++targetHits;
            response.status = 200;
        });
        server.start();
        HttpRequest request;
        request.url = server.url("/old");
        request.body = "{}";
        const HttpResponse response = HttpClient::forThisThread().send(request);
        QCOMPARE(response.status, 308);
        QCOMPARE(response.header("Location").value_or(""), std::string("/new"));
        QCOMPARE(targetHits.load(), 0);
    }

    void keepsTheConnectionAlive()
    {
        FakeHttpServer server;
        std::mutex mutex;
        std::set<int> ports;
        int count = 0;
        server.http().Post("/hook", [&](const httplib::Request &request, httplib::Response &response) {
            std::lock_guard lock(mutex);
            ports.insert(request.remote_port);
            ++count;
            response.set_content("{}", "application/json");
        });
        server.start();
        HttpClient client;
        HttpRequest request;
        request.url = server.url("/hook");
        request.headers = {{"Content-Type", "application/json"}};
        request.body = R"({"records":[]})";
        const auto started = std::chrono::steady_clock::now();
        for (int i = 0; i < 20; ++i)
            QCOMPARE(client.send(request).status, 200);
        const auto elapsed = std::chrono::steady_clock::now() - started;
        std::lock_guard lock(mutex);
        QCOMPARE(count, 20);
        QCOMPARE(ports.size(), std::size_t(1));
        // With Nagle on either side each answer would take about 40 ms.
        QVERIFY2(elapsed < 600ms, "20 kept-alive requests over loopback took over 600 ms");
    }

    void timeoutIsReadable()
    {
        FakeHttpServer server;
        server.http().Post("/slow", [&](const httplib::Request &, httplib::Response &response) {
            server.pause(5000ms);
            response.status = 200;
        });
        server.start();
        HttpRequest request;
        request.url = server.url("/slow");
        request.body = "{}";
        request.timeoutMs = 300;
        const auto started = std::chrono::steady_clock::now();
        const HttpResponse response = HttpClient::forThisThread().send(request);
        QVERIFY(std::chrono::steady_clock::now() - started < 3s);
        QCOMPARE(response.status, 0);
        QCOMPARE(response.transportError, std::string("timed out after 300 ms"));
    }

    void connectionRefusedIsReadable()
    {
        test::RefusingPort refusing;
        HttpRequest request;
        request.url = "http://127.0.0.1:" + std::to_string(refusing.port()) + "/hook";
        request.body = "{}";
        request.timeoutMs = 2000;
        const HttpResponse response = HttpClient::forThisThread().send(request);
        QCOMPARE(response.status, 0);
        QCOMPARE(response.transportError, "connection refused to 127.0.0.1:" + std::to_string(refusing.port()));
    }

    void onlyHttpSchemes()
    {
        HttpRequest request;
        request.method = "GET";
        request.url = "file:///etc/hostname";
        const HttpResponse response = HttpClient::forThisThread().send(request);
        QCOMPARE(response.status, 0);
        QVERIFY2(response.transportError.find("unsupported URL scheme") != std::string::npos,
                 response.transportError.c_str());
        QVERIFY(response.body.empty());
    }

    void retryAfterSeconds()
    {
        QCOMPARE(parseRetryAfter("3"), std::optional<std::chrono::milliseconds>(3000ms));
        QCOMPARE(parseRetryAfter("0"), std::optional<std::chrono::milliseconds>(0ms));
        QCOMPARE(parseRetryAfter(" 12 "), std::optional<std::chrono::milliseconds>(12000ms));
        QCOMPARE(parseRetryAfter(""), std::optional<std::chrono::milliseconds>());
        QCOMPARE(parseRetryAfter("-1"), std::optional<std::chrono::milliseconds>());
        QCOMPARE(parseRetryAfter("1.5"), std::optional<std::chrono::milliseconds>());
        QCOMPARE(parseRetryAfter("soon"), std::optional<std::chrono::milliseconds>());
        // Absurd values are clamped instead of overflowing.
        const auto huge = parseRetryAfter("99999999999999999999999");
        QVERIFY(huge && *huge > 0ms);
    }

    void retryAfterDate()
    {
        const auto now = std::chrono::system_clock::now();
        const auto inTen = parseRetryAfter(httpDate(now + 10s));
        QVERIFY(inTen);
        // The date has whole seconds: between 9 and 10 s from now, less test latency.
        QVERIFY2(*inTen > 8000ms && *inTen <= 10000ms, std::to_string(inTen->count()).c_str());
        QCOMPARE(parseRetryAfter(httpDate(now - 60s)), std::optional<std::chrono::milliseconds>(0ms));
        QCOMPARE(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"), std::optional<std::chrono::milliseconds>(0ms));
        // A date the clock cannot hold (found by fuzzing): a week, the longest wait there is.
        QCOMPARE(parseRetryAfter("Wed, 21 Oct 7015 07:28:00 GMT"),
                 std::optional<std::chrono::milliseconds>(std::chrono::milliseconds(7LL * 24 * 3600 * 1000)));
        QCOMPARE(parseRetryAfter("99999999999999999999999"),
                 std::optional<std::chrono::milliseconds>(std::chrono::milliseconds(7LL * 24 * 3600 * 1000)));

        HttpResponse response;
        response.headers = {{"retry-after", httpDate(now + 5s)}};
        const auto fromHeader = response.retryAfter();
        QVERIFY(fromHeader && *fromHeader > 3000ms && *fromHeader <= 5000ms);
    }

    void redaction()
    {
        const HttpHeaders headers = {
            {"Content-Type", "application/json"},
            {"Authorization", "Bearer s3cr3t-token"},
            {"proxy-authorization", "Basic dXNlcjpwYXNz"},
            {"Authorization", "rawkey123"},
            {"Cookie", "session=abc"},
            {"Set-Cookie", "id=1; HttpOnly"},
            {"X-Api-Key", "k1"},
            {"X-Auth-Token", "t1"},
            {"X-Client-Secret", "c1"},
            {"X-Db-Password", "p1"},
            {"X-HubSpot-ApiKey", "h1"},
            {"Api-Key", "a1"},
            {"User-Agent", "sluice/1"},
        };
        const std::string text = formatHeadersRedacted(headers);
        QCOMPARE(text, std::string("Content-Type: application/json\n"
                                   "Authorization: Bearer [redacted]\n"
                                   "proxy-authorization: Basic [redacted]\n"
                                   "Authorization: [redacted]\n"
                                   "Cookie: [redacted]\n"
                                   "Set-Cookie: [redacted]\n"
                                   "X-Api-Key: [redacted]\n"
                                   "X-Auth-Token: [redacted]\n"
                                   "X-Client-Secret: [redacted]\n"
                                   "X-Db-Password: [redacted]\n"
                                   "X-HubSpot-ApiKey: [redacted]\n"
                                   "Api-Key: [redacted]\n"
                                   "User-Agent: sluice/1"));
        for (const char *secret : {"s3cr3t", "dXNlcjpwYXNz", "rawkey", "abc", "k1", "t1", "c1", "p1", "h1", "a1"})
            QVERIFY2(text.find(secret) == std::string::npos, secret);
        QCOMPARE(formatHeadersRedacted({}), std::string());
    }
};

QTEST_GUILESS_MAIN(TstHttpClient)
#include "tst_httpclient.moc"

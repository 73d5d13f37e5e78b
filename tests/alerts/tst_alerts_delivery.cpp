// Alerts: delivery to a fake Slack webhook (200 ok, 429 + Retry-After, 410
// channel_is_archived, 404 no_service, 5xx) and to a fake SMTP server, all on
// 127.0.0.1, and the format of the mail message.

#include "alertstesting.h"

#include "fakesmtpserver.h"

#include <QElapsedTimer>

class TstAlertsDelivery : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        qputenv("SLUICE_TEST_HOOK", "T000/B000/XXXXsecret");
        qputenv("SLUICE_TEST_SMTP_PASSWORD", "s3cret");
    }

    // Contract case 36: 429 with Retry-After: 1 -> wait >= 1 s, deliver once.
    void rateLimitedAlertDeliveredOnceAfterRetryAfter()
    {
        FakeHook hook;
        hook.script(429, "rate_limited", "1");
        QElapsedTimer t;
        t.start();
        DeliveryResult d = postWebhookAlert(hook.url("/services/T/B/x"), "hello", quickOptions().webhook);
        QVERIFY(t.elapsed() >= 1000);
        QCOMPARE(d.status, DeliveryResult::Status::Delivered);
        QCOMPARE(d.attempts, 2);
        QCOMPARE(hook.count(), std::size_t(2));
        QCOMPARE(hook.answered(200), 1);
        QCOMPARE(hook.text(1), std::string("hello"));

        // A Retry-After longer than an alert may wait: given up, not waited for.
        hook.script(429, "rate_limited", "3600");
        t.restart();
        d = postWebhookAlert(hook.url("/services/T/B/x"), "hello", quickOptions().webhook);
        QCOMPARE(d.status, DeliveryResult::Status::Failed);
        QVERIFY(t.elapsed() < 5000);
        QCOMPARE(d.detail,
                 std::string("HTTP 429: the hook asked to wait 3600 s, longer than an alert may wait (60 s)"));
        hook.stop();
    }

    // Contract case 35: 410 channel_is_archived -> undeliverable, not
    // retried, visible in the job log.
    void archivedChannelIsUndeliverableAndLogged()
    {
        FakeHook hook;
        hook.script(410, "channel_is_archived");
        SyncFixture f(5);
        f.addSync("s", jsonl(), "mirror",
                  json{{"alerts", {failingRule({{{"webhook", hook.url("/services/T/B/x")}}})}}});
        f.run("s");
        breakModel(f);
        RunSummary r = f.run("s");
        auto notices = evaluate(f, r);
        QCOMPARE(notices.size(), std::size_t(1));
        QCOMPARE(notices[0].deliveries.size(), std::size_t(1));
        DeliveryResult d = notices[0].deliveries[0];
        QCOMPARE(d.status, DeliveryResult::Status::Undeliverable);
        QCOMPARE(d.attempts, 1);
        QCOMPARE(hook.count(), std::size_t(1));
        auto logged = findEvent(jobLog(f, r.runId), "alert 'sync failing' undeliverable (not retried) to webhook");
        QVERIFY(logged);
        QCOMPARE(logged->level, LogLevel::Error);
        QVERIFY2(logged->message.ends_with(": HTTP 410 channel_is_archived: the channel is archived, so the hook is "
                                           "dead: point the rule at a live hook"),
                 logged->message.c_str());
        // The incident is still one incident: the next failure sends nothing.
        QVERIFY(evaluate(f, f.run("s")).empty());
        QCOMPARE(hook.count(), std::size_t(1));

        // 404 no_service: the hook was revoked; also not retried.
        hook.script(404, "no_service");
        d = postWebhookAlert(hook.url("/services/T/B/x"), "hello", quickOptions().webhook);
        QCOMPARE(d.status, DeliveryResult::Status::Undeliverable);
        QCOMPARE(d.attempts, 1);
        QCOMPARE(d.detail, std::string("HTTP 404 no_service: the hook was disabled or revoked: create a new one and "
                                       "update the reference"));
        QCOMPARE(hook.count(), std::size_t(2));
        hook.stop();
    }

    void serverErrorsRetriedWithinBounds()
    {
        FakeHook hook;
        hook.script(500, "rollup_error");
        hook.script(503, "");
        DeliveryResult d = postWebhookAlert(hook.url("/services/T/B/x"), "hello", quickOptions().webhook);
        QCOMPARE(d.status, DeliveryResult::Status::Delivered);
        QCOMPARE(d.attempts, 3);
        QCOMPARE(hook.count(), std::size_t(3));

        for (int i = 0; i < 5; ++i)
            hook.script(500, "rollup_error");
        WebhookDeliveryOptions three = quickOptions().webhook;
        three.maxAttempts = 3;
        d = postWebhookAlert(hook.url("/services/T/B/x"), "hello", three);
        QCOMPARE(d.status, DeliveryResult::Status::Failed);
        QCOMPARE(d.attempts, 3);
        QCOMPARE(d.detail, std::string("gave up after 3 attempts; last: HTTP 500 rollup_error"));
        QCOMPARE(hook.count(), std::size_t(6));
        const int port = hook.port();
        hook.stop();

        // Nobody listening: retried, then reported with the transport error.
        three.maxAttempts = 2;
        d = postWebhookAlert("http://127.0.0.1:" + std::to_string(port) + "/services/T/B/x", "hello", three);
        QCOMPARE(d.status, DeliveryResult::Status::Failed);
        QCOMPARE(d.attempts, 2);
        QVERIFY2(d.detail.find("connection refused") != std::string::npos, d.detail.c_str());
        QCOMPARE(d.channel, "webhook http://127.0.0.1:" + std::to_string(port) + "/…");
    }

    // Two failing runs send exactly one e-mail, with the right envelope and headers.
    void emailAlertSentOnce()
    {
        FakeSmtpServer smtp;
        smtp.start();
        SyncFixture f(5);
        f.addSync("s", jsonl(), "mirror",
                  json{{"alerts", {failingRule({"log", {{"email", "ops@example.com"}}})}},
                       {"smtp",
                        {{"url", smtp.url()},
                         {"from", "Sluice Alerts <sluice@example.com>"},
                         {"user", "sluice"},
                         {"password", "${env:SLUICE_TEST_SMTP_PASSWORD}"},
                         {"timeoutSeconds", 10}}}});
        f.run("s");
        breakModel(f);
        RunSummary r = f.run("s");
        auto notices = evaluate(f, r);
        QCOMPARE(notices.size(), std::size_t(1));
        QCOMPARE(notices[0].deliveries.size(), std::size_t(1));
        QVERIFY2(notices[0].deliveries[0].status == DeliveryResult::Status::Delivered,
                 notices[0].deliveries[0].detail.c_str());
        QVERIFY(evaluate(f, f.run("s")).empty());

        const auto mails = smtp.mails();
        QCOMPARE(mails.size(), std::size_t(1));
        const ReceivedMail &m = mails[0];
        QCOMPARE(m.from, std::string("<sluice@example.com>"));
        QCOMPARE(m.to, (std::vector<std::string>{"<ops@example.com>"}));
        QCOMPARE(m.authPlain, std::string("\0sluice\0s3cret", 14));
        QCOMPARE(m.header("Subject"), std::string("[Sluice FATAL] sync 's': sync failing"));
        QCOMPARE(m.header("To"), std::string("ops@example.com"));
        QCOMPARE(m.header("From"), std::string("Sluice Alerts <sluice@example.com>"));
        QCOMPARE(m.header("Content-Type"), std::string("text/plain; charset=utf-8"));
        QCOMPARE(m.header("MIME-Version"), std::string("1.0"));
        QVERIFY(m.header("Date").ends_with(" +0000"));
        QVERIFY(m.header("Message-ID").starts_with("<") && m.header("Message-ID").ends_with("@example.com>"));
        QVERIFY(m.data.find("\r\n\r\n[FATAL] Sluice sync 's' (sync tests): sync failing: run ") != std::string::npos);
        QVERIFY(m.data.find("mirror guard") != std::string::npos);
        QVERIFY(m.data.find("The run's job log: sluicectl log ") != std::string::npos);
        auto logged = findEvent(jobLog(f, r.runId), "alert 'sync failing' delivered to e-mail to ops@example.com");
        QVERIFY(logged);
        smtp.stop();
    }

    void emailProblemsAreReported()
    {
        // Nobody listens on the port of a stopped server: a connection
        // problem is retried, then reported; a missing secret is reported
        // without trying.
        FakeSmtpServer smtp;
        smtp.start();
        const std::string url = smtp.url();
        smtp.stop();
        SmtpSettings s;
        s.url = url;
        s.from = "sluice@example.com";
        s.timeoutSeconds = 5;
        MailMessage m{"sluice@example.com", {"ops@example.com"}, "subject", "body", system_clock::now(), {}};
        DeliveryResult d = sendAlertMail(s, m, quickOptions().smtp);
        QCOMPARE(d.status, DeliveryResult::Status::Failed);
        QCOMPARE(d.attempts, 3);

        SyncFixture f(3);
        qunsetenv("SLUICE_TEST_MISSING");
        f.addSync("s", jsonl(), "mirror",
                  json{{"alerts", {failingRule({{{"email", "ops@example.com"}}})}},
                       {"smtp",
                        {{"url", url},
                         {"from", "sluice@example.com"},
                         {"user", "u"},
                         {"password", "${env:SLUICE_TEST_MISSING}"}}}});
        f.run("s");
        breakModel(f);
        RunSummary r = f.run("s");
        auto notices = evaluate(f, r);
        QCOMPARE(notices.size(), std::size_t(1));
        QCOMPARE(notices[0].deliveries[0].status, DeliveryResult::Status::Undeliverable);
        QVERIFY(findEvent(jobLog(f, r.runId), "environment variable SLUICE_TEST_MISSING is not set"));
    }

    void mailMessageFormat()
    {
        MailMessage m;
        m.from = "Sluice <sluice@example.com>";
        m.to = {"a@example.com", "b@example.com"};
        m.subject = "同步失败: sync 'x'\r\nBcc: evil@example.com";
        m.body = "line one\n.line starting with a dot\n";
        m.date = *parseIsoUtc("2026-11-22T10:00:00Z");
        m.messageId = "123@example.com";
        const std::string text = formatMailMessage(m);
        QVERIFY(text.starts_with("Date: Sun, 22 Nov 2026 10:00:00 +0000\r\nFrom: Sluice <sluice@example.com>\r\n"
                                 "To: a@example.com, b@example.com\r\nSubject: =?UTF-8?B?"));
        QVERIFY(text.find("\r\nBcc:") == std::string::npos); // no header injection
        QVERIFY(text.find("Message-ID: <123@example.com>\r\n") != std::string::npos);
        QVERIFY(text.find("Content-Transfer-Encoding: 7bit\r\n") != std::string::npos);
        QVERIFY(text.ends_with("\r\n\r\nline one\r\n.line starting with a dot\r\n"));
        // The encoded subject decodes back to the text, CR/LF made spaces.
        const auto start = text.find("Subject: ") + 9;
        const std::string subject = text.substr(start, text.find("\r\nMessage-ID") - start);
        QByteArray decoded;
        for (const QByteArray &word : QByteArray::fromStdString(subject).split(' ')) {
            const QByteArray w = word.trimmed();
            if (w.startsWith("=?UTF-8?B?"))
                decoded += QByteArray::fromBase64(w.mid(10, w.size() - 12));
        }
        QCOMPARE(decoded.toStdString(), std::string("同步失败: sync 'x'  Bcc: evil@example.com"));

        m.body = "Synchronisation fehlgeschlagen: Größe\n";
        const std::string encoded = formatMailMessage(m);
        QVERIFY(encoded.find("Content-Transfer-Encoding: base64\r\n") != std::string::npos);
        const std::string b64 = encoded.substr(encoded.find("\r\n\r\n") + 4);
        QCOMPARE(QByteArray::fromBase64(QByteArray::fromStdString(b64)).toStdString(), m.body);
    }
};

QTEST_GUILESS_MAIN(TstAlertsDelivery)
#include "tst_alerts_delivery.moc"

// Alerts: rules and their errors, verdicts, one alert per incident and one
// recovery notice (state in the project file), the rejected share of a run,
// no success for a while, and rules that are invalid or removed.

#include "alertstesting.h"

#include "fakewebhookserver.h"

namespace {

std::string alertState(const SyncFixture &f, const std::string &rule)
{
    auto rows
        = f.query(f.path("p.sluice"), "SELECT active, incident_runs FROM alert_state WHERE rule = '" + rule + "'");
    return rows.empty() ? std::string("none") : rows[0][0] + "/" + rows[0][1];
}

RunSummary summary(const std::string &status, std::int64_t delivered, std::int64_t rejected,
                   std::int64_t durationMs = 0)
{
    RunSummary s;
    s.runId = 1;
    s.sync = "s";
    s.kind = "run";
    s.status = status;
    s.added.delivered = delivered;
    s.added.rejected = rejected;
    s.durationMs = durationMs;
    return s;
}

} // namespace

class TstAlertsRules : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        qputenv("SLUICE_TEST_HOOK", "T000/B000/XXXXsecret");
        qputenv("SLUICE_TEST_SMTP_PASSWORD", "s3cret");
    }

    void rulesParsing()
    {
        SyncDef sync;
        sync.name = "s";
        sync.settings
            = json{{"alerts",
                    {failingRule({"log", {{"webhook", "https://hooks.slack.com/services/${env:SLACK_HOOK}"}}}),
                     {{"name", "bad rows"}, {"when", "rejected_share_over"}, {"percent", 5}},
                     {{"name", "stale"},
                      {"level", "notice"},
                      {"when", "no_success_for"},
                      {"minutes", 180},
                      {"notify", {{{"email", {"a@example.com", "b@example.com"}}}}}},
                     {{"name", "slow"}, {"level", "warning"}, {"when", "duration_over"}, {"seconds", 900}}}},
                   {"notify", {"log", {{"webhook", "http://127.0.0.1:9/services/x"}}}},
                   {"smtp",
                    {{"url", "smtp://127.0.0.1:2525"},
                     {"from", "Sluice <sluice@example.com>"},
                     {"password", "${env:SMTP_PASSWORD}"}}}};
        auto config = parseAlertConfig(sync);
        QVERIFY2(config, config ? "" : config.error().describe().c_str());
        QCOMPARE(config->rules.size(), std::size_t(4));
        QCOMPARE(config->rules[0].level, AlertLevel::Fatal);
        QCOMPARE(config->rules[0].notify.size(), std::size_t(2));
        QCOMPARE(config->rules[0].notify[1].url, std::string("https://hooks.slack.com/services/${env:SLACK_HOOK}"));
        QCOMPARE(config->rules[1].level, AlertLevel::Warning); // the default
        QCOMPARE(config->rules[1].threshold, 5.0);
        QCOMPARE(config->rules[1].notify.size(), std::size_t(2)); // the sync's "notify"
        QCOMPARE(config->rules[2].notify[0].recipients, (std::vector<std::string>{"a@example.com", "b@example.com"}));
        QCOMPARE(config->rules[3].when, AlertCondition::DurationOver);
        QVERIFY(config->smtp);
        QCOMPARE(config->smtp->tls, std::string("auto"));

        auto error = [](json settings) {
            SyncDef s;
            s.name = "s";
            s.settings = std::move(settings);
            auto c = parseAlertConfig(s);
            return c ? std::string("parsed") : c.error().code + " @ " + c.error().where + ": " + c.error().message;
        };
        QCOMPARE(error(json{{"alerts", {{{"name", "x"}, {"level", "critical"}, {"when", "run_failed"}}}}}),
                 std::string("alerts.invalid @ sync 's': settings.alerts[0].level: must be fatal, warning or notice"));
        QCOMPARE(error(json{{"alerts", {{{"name", "x"}, {"when", "rejected_share_over"}}}}}),
                 std::string("alerts.invalid @ sync 's': settings.alerts[0].percent: is missing: rejected_share_over "
                             "needs a number"));
        QCOMPARE(error(json{{"alerts", {{{"name", "x"}, {"when", "run_failed"}, {"minutes", 5}}}}}),
                 std::string("alerts.invalid @ sync 's': settings.alerts[0].minutes: is not used by run_failed"));
        QCOMPARE(error(json{{"alerts", {{{"name", "x"}, {"when", "rejected_share_over"}, {"percent", 100}}}}}),
                 std::string("alerts.invalid @ sync 's': settings.alerts[0].percent: must be from 0 to under 100 "
                             "(alert when MORE than this share of the records sent is rejected)"));
        QCOMPARE(error(json{{"alerts", {{{"name", "x"}, {"when", "sometimes"}}}}}),
                 std::string("alerts.invalid @ sync 's': settings.alerts[0].when: 'sometimes' is not a condition; use "
                             "run_failed, rejected_share_over, no_success_for or duration_over"));
        QCOMPARE(error(json{{"alerts", {{{"when", "run_failed"}}}}}),
                 std::string("alerts.invalid @ sync 's': settings.alerts[0].name: is missing: every rule needs a name "
                             "(its alerts are tracked by it)"));
        QCOMPARE(error(json{{"alerts", {failingRule({"log"}), failingRule({"log"})}}}),
                 std::string("alerts.invalid @ sync 's': settings.alerts[1].name: another rule of this sync is already "
                             "named 'sync failing'"));
        QCOMPARE(error(json{{"alerts", {failingRule({"pager"})}}}),
                 std::string("alerts.invalid @ sync 's': settings.alerts[0].notify[0]: \"pager\" is not a channel; use "
                             "\"log\", {\"webhook\": URL} or {\"email\": ADDRESS}"));
        QCOMPARE(
            error(json{{"alerts", {failingRule({{{"webhook", "https://hooks.slack.com/services/T0/B0/abc"}}})}}}),
            std::string("alerts.plain_secret @ sync 's': settings.alerts[0].notify[0].webhook: a Slack webhook URL "
                        "is a secret: write its secret part as a reference, e.g. "
                        "https://hooks.slack.com/services/${env:SLACK_HOOK}"));
        QCOMPARE(
            error(json{{"alerts", {failingRule({{{"email", "ops@example.com"}}})}}}),
            std::string(
                "alerts.email_without_smtp @ sync 's': settings.alerts[0].notify[0]: e-mail needs settings.smtp (at "
                "least url and from)"));
        QCOMPARE(
            error(json{{"alerts", {failingRule({{{"email", "not an address"}}})}}}),
            std::string("alerts.invalid @ sync 's': settings.alerts[0].notify[0].email: 'not an address' is not an "
                        "e-mail address (name@domain)"));
        QCOMPARE(
            error(json{{"smtp", {{"url", "smtp://x"}, {"from", "a@b.c"}, {"password", "hunter2"}}}}),
            std::string("alerts.plain_secret @ sync 's': settings.smtp.password: is a secret: give a reference such "
                        "as ${env:SMTP_PASSWORD}, never the password itself"));
        QCOMPARE(error(json{{"smtp", {{"url", "http://x"}, {"from", "a@b.c"}}}}),
                 std::string("alerts.invalid @ sync 's': settings.smtp.url: must be an smtp:// or smtps:// URL such as "
                             "smtp://mail.example.com:587"));
        QCOMPARE(error(json{{"alerts", "run_failed"}}),
                 std::string("alerts.invalid @ sync 's': settings.alerts: must be a list of rules"));
        QCOMPARE(error(json::object()), std::string("parsed"));
    }

    void ruleVerdicts()
    {
        const SysTime now = system_clock::now();
        AlertRule share{"r", AlertLevel::Warning, AlertCondition::RejectedShareOver, 10, {}};
        QCOMPARE(ruleVerdict(share, summary("partial", 90, 10), {}, now),
                 std::optional<bool>(false)); // 10% is not over 10%
        QCOMPARE(ruleVerdict(share, summary("partial", 89, 11), {}, now), std::optional<bool>(true));
        QCOMPARE(ruleVerdict(share, summary("succeeded", 0, 0), {}, now), std::optional<bool>()); // nothing sent
        QCOMPARE(ruleVerdict(share, summary("succeeded", 5, 0), {}, now), std::optional<bool>(false));

        AlertRule failed{"r", AlertLevel::Fatal, AlertCondition::RunFailed, 0, {}};
        QCOMPARE(ruleVerdict(failed, summary("failed", 0, 0), {}, now), std::optional<bool>(true));
        QCOMPARE(ruleVerdict(failed, summary("partial", 1, 1), {}, now), std::optional<bool>(false));
        QCOMPARE(ruleVerdict(failed, summary("cancelled", 0, 0), {}, now), std::optional<bool>());

        AlertRule slow{"r", AlertLevel::Notice, AlertCondition::DurationOver, 60, {}};
        QCOMPARE(ruleVerdict(slow, summary("succeeded", 1, 0, 61000), {}, now), std::optional<bool>(true));
        QCOMPARE(ruleVerdict(slow, summary("succeeded", 1, 0, 60000), {}, now), std::optional<bool>(false));
        QCOMPARE(ruleVerdict(slow, summary("failed", 0, 0, 2000), {}, now), std::optional<bool>());
        QCOMPARE(ruleVerdict(slow, summary("cancelled", 0, 0, 90000), {}, now), std::optional<bool>());

        AlertRule stale{"r", AlertLevel::Fatal, AlertCondition::NoSuccessFor, 60, {}};
        RunHistoryFacts facts;
        QCOMPARE(ruleVerdict(stale, summary("failed", 0, 0), facts, now), std::optional<bool>()); // no history at all
        facts.firstRunStart = now - minutes(61);
        QCOMPARE(ruleVerdict(stale, summary("failed", 0, 0), facts, now), std::optional<bool>(true));
        facts.lastSuccessEnd = now - minutes(59);
        QCOMPARE(ruleVerdict(stale, summary("failed", 0, 0), facts, now), std::optional<bool>(false));
        facts.lastSuccessEnd = now - minutes(61);
        QCOMPARE(ruleVerdict(stale, summary("cancelled", 0, 0), facts, now), std::optional<bool>(true));
        QCOMPARE(ruleVerdict(stale, summary("partial", 1, 1), facts, now), std::optional<bool>(false));
    }

    // Three failing runs raise one alert; a successful run sends one recovery notice.
    void failingSyncAlertsOnceThenRecovers()
    {
        FakeHook hook;
        SyncFixture f(10);
        f.addSync(
            "s", jsonl(), "mirror",
            json{{"alerts", {failingRule({"log", {{"webhook", hook.url("/services/${env:SLUICE_TEST_HOOK}")}}})}}});
        RunSummary first = f.run("s");
        QCOMPARE(first.status, std::string("succeeded"));
        QVERIFY(evaluate(f, first).empty());
        QCOMPARE(alertState(f, "sync failing"), std::string("none"));

        breakModel(f);
        std::int64_t raisingRun = 0;
        for (int i = 0; i < 3; ++i) {
            RunSummary r = f.run("s");
            QCOMPARE(r.status, std::string("failed"));
            auto notices = evaluate(f, r);
            if (i == 0) {
                raisingRun = r.runId;
                QCOMPARE(notices.size(), std::size_t(1));
                QCOMPARE(notices[0].recovery, false);
                QCOMPARE(notices[0].level, AlertLevel::Fatal);
                QCOMPARE(notices[0].deliveries.size(), std::size_t(1));
                QCOMPARE(notices[0].deliveries[0].status, DeliveryResult::Status::Delivered);
            } else {
                QVERIFY(notices.empty());
            }
            QCOMPARE(hook.count(), std::size_t(1));
        }
        QCOMPARE(alertState(f, "sync failing"), std::string("1/3"));
        const std::string text = hook.text(0);
        QVERIFY2(text.starts_with("[FATAL] Sluice sync 's' (sync tests): sync failing: run "), text.c_str());
        QVERIFY(text.find("failed: mirror guard") != std::string::npos);
        QCOMPARE(hook.path(0), std::string("/services/T000/B000/XXXXsecret"));
        QCOMPARE(hook.contentType(0), std::string("application/json"));

        // The job log of the run that raised it: the alert at the rule's
        // level, and where it went; the hook's secret path never appears.
        auto events = jobLog(f, raisingRun);
        auto raised = findEvent(events, "alert 'sync failing' raised: [FATAL]");
        QVERIFY(raised);
        QCOMPARE(raised->level, LogLevel::Error);
        auto delivered = findEvent(
            events, "alert 'sync failing' delivered to webhook http://127.0.0.1:" + std::to_string(hook.port()) + "/…");
        QVERIFY(delivered);
        QCOMPARE(delivered->level, LogLevel::Info);
        for (const auto &e : events)
            QVERIFY(e.message.find("XXXXsecret") == std::string::npos);

        // A fourth failure is part of the incident; evaluating a run again
        // (the app and the CLI both asked) changes nothing.
        RunSummary fourth = f.run("s");
        QVERIFY(evaluate(f, fourth).empty());
        QVERIFY(evaluate(f, fourth).empty());
        QCOMPARE(alertState(f, "sync failing"), std::string("1/4"));
        QCOMPARE(hook.count(), std::size_t(1));

        repairModel(f, 10);
        RunSummary ok = f.run("s");
        QCOMPARE(ok.status, std::string("succeeded"));
        auto notices = evaluate(f, ok);
        QCOMPARE(notices.size(), std::size_t(1));
        QVERIFY(notices[0].recovery);
        QCOMPARE(hook.count(), std::size_t(2));
        const std::string resolved = hook.text(1);
        QVERIFY2(resolved.starts_with("[RESOLVED] Sluice sync 's' (sync tests): sync failing cleared by run "),
                 resolved.c_str());
        QVERIFY2(resolved.find("(succeeded); active since ") != std::string::npos, resolved.c_str());
        QVERIFY2(resolved.ends_with(", 4 runs"), resolved.c_str());
        auto recoveryLog = findEvent(jobLog(f, ok.runId), "alert 'sync failing' resolved: [RESOLVED]");
        QVERIFY(recoveryLog);
        QCOMPARE(recoveryLog->level, LogLevel::Info);
        QCOMPARE(alertState(f, "sync failing"), std::string("0/4"));

        // Healthy runs stay quiet; dry runs are not evaluated at all.
        QVERIFY(evaluate(f, f.run("s")).empty());
        QVERIFY(evaluate(f, f.run("s", RunKind::DryRun)).empty());
        QCOMPARE(hook.count(), std::size_t(2));
        hook.stop();
    }

    // rejected_share_over 10%: 20 of 100 rejected raises it; a run with no
    // rejections clears it.
    void rejectedShareOverThreshold()
    {
        fakes::FakeWebhookBehaviour b;
        b.rejectRecord = fakes::FakeWebhookServer::rejectWhenFieldLacks("email", "@");
        fakes::FakeWebhookServer server(b);
        FakeHook hook;
        SyncFixture f(100);
        f.warehouse("UPDATE people SET email = 'broken-' || id WHERE id % 5 = 0"); // 20 rows
        f.addSync("s",
                  DestinationDef{"hook", "webhook", {{"url", server.url()}, {"batchSize", 10}, {"timeoutSeconds", 5}}},
                  "upsert",
                  json{{"retryBaseMs", 20},
                       {"alerts",
                        {{{"name", "bad rows"},
                          {"level", "warning"},
                          {"when", "rejected_share_over"},
                          {"percent", 10},
                          {"notify", {"log", {{"webhook", hook.url("/services/T/B/x")}}}}}}}});
        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("partial"));
        QCOMPARE(r.rejected(), 20);
        QCOMPARE(r.delivered(), 80);
        auto notices = evaluate(f, r);
        QCOMPARE(notices.size(), std::size_t(1));
        QCOMPARE(notices[0].level, AlertLevel::Warning);
        auto raised = findEvent(jobLog(f, r.runId), "alert 'bad rows' raised: [WARNING] Sluice sync 's' (sync tests): "
                                                    "bad rows: run "
                                                        + std::to_string(r.runId)
                                                        + ": 20 of 100 records sent were rejected (20.0%, over 10%)");
        QVERIFY(raised);
        QCOMPARE(raised->level, LogLevel::Warning);
        QCOMPARE(hook.count(), std::size_t(1));

        f.warehouse("UPDATE people SET email = 'p' || id || '@example.com' WHERE id % 5 = 0");
        RunSummary fixed = f.run("s");
        QCOMPARE(fixed.status, std::string("succeeded"));
        QCOMPARE(fixed.rejected(), 0);
        QVERIFY(fixed.delivered() > 0);
        notices = evaluate(f, fixed);
        QCOMPARE(notices.size(), std::size_t(1));
        QVERIFY(notices[0].recovery);
        QCOMPARE(hook.count(), std::size_t(2));
        QVERIFY(hook.text(1).starts_with("[RESOLVED] Sluice sync 's' (sync tests): bad rows cleared by run"));
        hook.stop();
        server.stop();
    }

    void noSuccessForUsesHistory()
    {
        FakeHook hook;
        SyncFixture f(3);
        f.addSync("s", jsonl(), "mirror",
                  json{{"alerts",
                        {{{"name", "stale"},
                          {"level", "fatal"},
                          {"when", "no_success_for"},
                          {"minutes", 60},
                          {"notify", {{{"webhook", hook.url("/services/T/B/x")}}}}}}}});
        QVERIFY(evaluate(f, f.run("s")).empty());
        breakModel(f);
        QVERIFY(evaluate(f, f.run("s")).empty()); // the last success was just now
        AlertOptions later = quickOptions();
        later.now = system_clock::now() + hours(2) + seconds(30);
        auto notices = evaluate(f, f.run("s"), later);
        QCOMPARE(notices.size(), std::size_t(1));
        QVERIFY2(notices[0].message.find(": stale: no successful run for 2 h (limit 60 min); the last one ended ")
                     != std::string::npos,
                 notices[0].message.c_str());
        QCOMPARE(hook.count(), std::size_t(1));
        repairModel(f, 3);
        notices = evaluate(f, f.run("s"), later);
        QCOMPARE(notices.size(), std::size_t(1));
        QVERIFY(notices[0].recovery);
        hook.stop();
    }

    void invalidRulesAreReportedInTheJobLog()
    {
        SyncFixture f(2);
        f.addSync("s", jsonl(), "mirror",
                  json{{"alerts", {{{"name", "x"}, {"when", "run_failed"}, {"level", "loud"}}}}});
        RunSummary r = f.run("s");
        auto notices = evaluateAlerts(f.projectPath(), "s", r, quickOptions());
        QVERIFY(!notices);
        QCOMPARE(notices.error().where, std::string("sync 's': settings.alerts[0].level"));
        auto logged = findEvent(jobLog(f, r.runId), "alert rules not evaluated: sync 's': settings.alerts[0].level");
        QVERIFY(logged);
        QCOMPARE(logged->level, LogLevel::Warning);
    }

    void removedRulesLeaveNoState()
    {
        SyncFixture f(2);
        f.addSync("s", jsonl(), "mirror", json{{"alerts", {failingRule({"log"})}}});
        f.run("s");
        breakModel(f);
        QCOMPARE(evaluate(f, f.run("s")).size(), std::size_t(1));
        QCOMPARE(alertState(f, "sync failing"), std::string("1/1"));
        f.addSync("s", jsonl(), "mirror", json{{"alerts", json::array()}});
        QVERIFY(evaluate(f, f.run("s")).empty());
        f.addSync("s", jsonl(), "mirror", json{{"alerts", {failingRule({"log"})}}, {"batchSize", 50}});
        // Re-added: a new incident, alerted again.
        QCOMPARE(evaluate(f, f.run("s")).size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TstAlertsRules)
#include "tst_alerts_rules.moc"

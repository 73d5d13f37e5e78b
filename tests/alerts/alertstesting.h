#pragma once
// Alerts: rules and their errors, verdicts, one alert per incident and one
// recovery notice (state in the project file), and delivery to a fake Slack
// webhook (200 ok, 429 + Retry-After, 410 channel_is_archived, 404
// no_service, 5xx) and to a fake SMTP server, all on 127.0.0.1.
//
// Shared by the parts of the alert tests (tst_alerts_rules,
// tst_alerts_delivery): a fake Slack-style webhook, rules, fast back-off
// options, evaluating a run and reading its job log.

#include "fakehttpserver.h"
#include "syncfixture.h"

#include "alerts/alertdelivery.h"
#include "alerts/alertrules.h"
#include "alerts/alerts.h"
#include "project/runrecorder.h"
#include "project/statestore.h"

#include <QTest>

#include <deque>
#include <mutex>
#include <tuple>

using namespace sluice;
using namespace sluice::test;
using namespace std::chrono;
using nlohmann::json;

// A Slack-style incoming webhook: answers from a script (status, body,
// Retry-After), then 200 "ok"; records what it received and answered.
class FakeHook {
public:
    FakeHook()
    {
        m_server.http().Post(R"(/services/.*)", [this](const httplib::Request &request, httplib::Response &response) {
            std::lock_guard lock(m_mutex);
            int status = 200;
            std::string body = "ok";
            std::string retryAfter;
            if (!m_script.empty()) {
                std::tie(status, body, retryAfter) = m_script.front();
                m_script.pop_front();
            }
            m_paths.push_back(request.path);
            m_bodies.push_back(request.body);
            m_statuses.push_back(status);
            m_contentTypes.push_back(request.get_header_value("Content-Type"));
            response.status = status;
            if (!retryAfter.empty())
                response.set_header("Retry-After", retryAfter);
            response.set_content(body, "text/plain");
        });
        m_server.start();
    }

    void script(int status, std::string body, std::string retryAfter = {})
    {
        std::lock_guard lock(m_mutex);
        m_script.emplace_back(status, std::move(body), std::move(retryAfter));
    }
    std::string url(const std::string &path) const { return m_server.url(path); }
    int port() const { return m_server.port(); }
    void stop() { m_server.stop(); }

    std::size_t count() const
    {
        std::lock_guard lock(m_mutex);
        return m_bodies.size();
    }
    std::string text(std::size_t i) const
    {
        std::lock_guard lock(m_mutex);
        return json::parse(m_bodies.at(i)).at("text").get<std::string>();
    }
    std::string path(std::size_t i) const
    {
        std::lock_guard lock(m_mutex);
        return m_paths.at(i);
    }
    std::string contentType(std::size_t i) const
    {
        std::lock_guard lock(m_mutex);
        return m_contentTypes.at(i);
    }
    int answered(int status) const
    {
        std::lock_guard lock(m_mutex);
        return int(std::count(m_statuses.begin(), m_statuses.end(), status));
    }

private:
    mutable std::mutex m_mutex;
    std::deque<std::tuple<int, std::string, std::string>> m_script;
    std::vector<std::string> m_paths, m_bodies, m_contentTypes;
    std::vector<int> m_statuses;
    fakes::FakeHttpServer m_server; // last: stopped first
};

inline DestinationDef jsonl()
{
    return DestinationDef{"file", "jsonl", {{"path", "out.jsonl"}}};
}

inline json failingRule(const json &notify)
{
    return json{{"name", "sync failing"}, {"level", "fatal"}, {"when", "run_failed"}, {"notify", notify}};
}

// A fast back-off so retry tests stay short.
inline AlertOptions quickOptions()
{
    AlertOptions o;
    o.webhook.backoff.base = milliseconds(10);
    o.webhook.backoff.cap = milliseconds(50);
    o.webhook.timeoutMs = 5000;
    o.smtp.backoff.base = milliseconds(10);
    o.smtp.backoff.cap = milliseconds(50);
    return o;
}

inline std::vector<AlertNotice> evaluate(const SyncFixture &f, const RunSummary &run,
                                         const AlertOptions &options = quickOptions())
{
    auto notices = evaluateAlerts(f.projectPath(), run.sync, run, options);
    if (!notices)
        qFatal("evaluateAlerts failed: %s", notices.error().describe().c_str());
    return *notices;
}

inline std::vector<LogEvent> jobLog(const SyncFixture &f, std::int64_t runId)
{
    auto state = StateStore::open(f.projectPath());
    if (!state)
        qFatal("cannot open state");
    auto events = RunRecorder::events((*state)->handle(), runId, LogLevel::Debug);
    return events ? *events : std::vector<LogEvent>{};
}

// The job-log event whose message contains `needle`, or nullopt.
inline std::optional<LogEvent> findEvent(const std::vector<LogEvent> &events, const std::string &needle)
{
    for (const auto &e : events)
        if (e.message.find(needle) != std::string::npos)
            return e;
    return std::nullopt;
}

// Makes the mirror guard stop every run (the model returns no rows) and undoes it.
inline void breakModel(SyncFixture &f)
{
    f.warehouse("DELETE FROM people");
}
inline void repairModel(SyncFixture &f, int people)
{
    f.warehouse("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(people)
                + ") INSERT INTO people SELECT i, 'p' || i || '@example.com', 'Person ' || i, i * 10, i FROM n");
}

#include "alerts.h"

#include "core/envref.h"
#include "project/alertstate.h"
#include "project/projectstore.h"
#include "project/runhistory.h"
#include "project/runrecorder.h"
#include "project/statestore.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

namespace sluice {

using namespace std::chrono;

namespace {

// "2 h 5 min", "45 min", "30 s".
std::string humanDuration(SysTime::duration d)
{
    const auto total = duration_cast<seconds>(d).count();
    if (total < 60)
        return fmt::format("{} s", std::max<std::int64_t>(total, 0));
    const auto mins = total / 60;
    if (mins < 60)
        return fmt::format("{} min", mins);
    if (mins % 60 == 0)
        return fmt::format("{} h", mins / 60);
    return fmt::format("{} h {} min", mins / 60, mins % 60);
}

std::string number(double v)
{
    return v == std::floor(v) ? fmt::format("{}", std::int64_t(v)) : fmt::format("{}", v);
}

bool isSuccess(const std::string &status)
{
    return status == "succeeded" || status == "partial";
}

LogLevel logLevelFor(AlertLevel level)
{
    switch (level) {
    case AlertLevel::Fatal: return LogLevel::Error;
    case AlertLevel::Warning: return LogLevel::Warning;
    case AlertLevel::Notice: return LogLevel::Info;
    }
    return LogLevel::Warning;
}

std::string upper(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = char(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// What the condition found, in words, for the alert text.
std::string conditionDetail(const AlertRule &rule, const RunSummary &run, const RunHistoryFacts &history, SysTime now)
{
    switch (rule.when) {
    case AlertCondition::RunFailed:
        return fmt::format("run {} failed: {}", run.runId, run.error.empty() ? std::string("(no message)") : run.error);
    case AlertCondition::RejectedShareOver: {
        const auto sent = run.delivered() + run.rejected();
        return fmt::format("run {}: {} of {} records sent were rejected ({:.1f}%, over {}%)", run.runId, run.rejected(),
                           sent, sent ? 100.0 * double(run.rejected()) / double(sent) : 0.0, number(rule.threshold));
    }
    case AlertCondition::NoSuccessFor:
        if (history.lastSuccessEnd)
            return fmt::format("no successful run for {} (limit {} min); the last one ended {}",
                               humanDuration(now - *history.lastSuccessEnd), number(rule.threshold),
                               formatIsoUtc(*history.lastSuccessEnd));
        return fmt::format("no successful run since the first one at {}, {} ago (limit {} min)",
                           history.firstRunStart ? formatIsoUtc(*history.firstRunStart) : std::string("?"),
                           history.firstRunStart ? humanDuration(now - *history.firstRunStart) : std::string("?"),
                           number(rule.threshold));
    case AlertCondition::DurationOver:
        return fmt::format("run {} took {:.0f} s (limit {} s)", run.runId, double(run.durationMs) / 1000.0,
                           number(rule.threshold));
    }
    return {};
}

struct Transition {
    const AlertRule *rule = nullptr;
    bool recovery = false;
    std::string detail; // raise: what the condition found
    std::string since;  // recovery: when the incident began
    std::int64_t incidentRuns = 0;
};

Result<RunHistoryFacts> historyFacts(sqlite3 *db, const std::string &syncName)
{
    RunHistoryFacts facts;
    auto success = lastSuccessEnd(db, syncName);
    if (!success)
        return std::unexpected(success.error());
    facts.lastSuccessEnd = *success;
    auto first = firstRunStart(db, syncName);
    if (!first)
        return std::unexpected(first.error());
    facts.firstRunStart = *first;
    return facts;
}

// Reads the stored states, decides every rule's transition and saves the new
// states, all in one write transaction: two processes evaluating the same
// sync at once cannot both raise one incident.
Result<std::vector<Transition>> decide(sqlite3 *db, std::int64_t syncId, const AlertConfig &config,
                                       const RunSummary &run, const RunHistoryFacts &history, SysTime now)
{
    auto read = readAlertStates(db, syncId);
    if (!read)
        return std::unexpected(read.error());
    std::map<std::string, AlertRuleState> &stored = *read;
    const std::string nowText = formatIsoUtc(now);
    std::vector<Transition> transitions;
    for (const AlertRule &rule : config.rules) {
        const AlertRuleState prior = stored.count(rule.name) ? stored[rule.name] : AlertRuleState{};
        // Evaluating one run twice (the CLI and the app both asked) changes nothing.
        if (prior.lastRunId >= run.runId)
            continue;
        const std::optional<bool> verdict = ruleVerdict(rule, run, history, now);
        if (!verdict)
            continue;
        AlertRuleState next = prior;
        next.lastRunId = run.runId;
        std::string detail;
        if (*verdict && !prior.active) {
            detail = conditionDetail(rule, run, history, now);
            next = AlertRuleState{true, nowText, run.runId, 1};
            transitions.push_back(Transition{&rule, false, detail, {}, 0});
        } else if (*verdict) {
            ++next.incidentRuns;
            detail = conditionDetail(rule, run, history, now);
        } else if (prior.active) {
            next.active = false;
            transitions.push_back(Transition{&rule, true, {}, prior.since, prior.incidentRuns});
        } else if (!stored.count(rule.name)) {
            continue; // nothing to remember about a rule that never fired
        }
        if (auto r = saveAlertState(db, syncId, rule.name, next, detail); !r)
            return std::unexpected(r.error());
    }
    // Rules removed from the settings leave no state behind: re-adding one
    // later starts from "inactive" instead of a forgotten incident.
    std::set<std::string> configured;
    for (const auto &rule : config.rules)
        configured.insert(rule.name);
    for (const auto &[name, ignored] : stored) {
        if (configured.count(name))
            continue;
        if (auto r = forgetAlertState(db, syncId, name); !r)
            return std::unexpected(r.error());
    }
    return transitions;
}

std::string alertText(const Transition &t, const std::string &project, const RunSummary &run)
{
    if (t.recovery)
        return fmt::format("[RESOLVED] Sluice sync '{}' ({}): {} cleared by run {} ({}); active since {}, {} "
                           "run{}",
                           run.sync, project, t.rule->name, run.runId, run.status,
                           t.since.empty() ? std::string("?") : t.since, t.incidentRuns,
                           t.incidentRuns == 1 ? "" : "s");
    return fmt::format("[{}] Sluice sync '{}' ({}): {}: {}", upper(alertLevelName(t.rule->level)), run.sync, project,
                       t.rule->name, t.detail);
}

std::string mailSubject(const Transition &t, const RunSummary &run)
{
    const std::string tag = t.recovery ? std::string("RESOLVED") : upper(alertLevelName(t.rule->level));
    return fmt::format("[Sluice {}] sync '{}': {}", tag, run.sync, t.rule->name);
}

std::string mailBody(const Transition &t, const std::string &text, const std::string &projectPath,
                     const RunSummary &run, SysTime now)
{
    std::string condition(alertConditionName(t.rule->when));
    if (t.rule->when != AlertCondition::RunFailed)
        condition += " " + number(t.rule->threshold);
    return fmt::format("{}\n\nProject: {}\nSync:    {}\nRun:     {} ({})\nRule:    {} ({}, {})\nTime:    {}\n\n"
                       "The run's job log: sluicectl log {} --run {}\n",
                       text, projectPath, run.sync, run.runId, run.status, t.rule->name, alertLevelName(t.rule->level),
                       condition, formatIsoUtc(now), projectPath, run.runId);
}

DeliveryResult deliver(const AlertChannel &channel, const std::optional<SmtpSettings> &smtp, const Transition &t,
                       const std::string &text, const std::string &projectPath, const RunSummary &run, SysTime now,
                       const AlertOptions &options)
{
    if (channel.kind == AlertChannel::Kind::Webhook) {
        // A Slack hook URL is a credential. Alerts follow runs, which only a
        // trusted project has.
        auto url = resolveSecretReferences(channel.url, "webhook", SecretAccess::Allowed);
        if (!url)
            return DeliveryResult{DeliveryResult::Status::Undeliverable, "webhook", url.error().describe(), 0};
        return postWebhookAlert(*url, text, options.webhook, options.cancel);
    }
    SmtpSettings resolved = *smtp;
    auto password = resolveSecretReferences(resolved.password, "settings.smtp.password", SecretAccess::Allowed);
    if (!password) {
        std::string to;
        for (const auto &r : channel.recipients)
            to += (to.empty() ? "" : ", ") + r;
        return DeliveryResult{DeliveryResult::Status::Undeliverable, "e-mail to " + to, password.error().describe(), 0};
    }
    resolved.password = *password;
    MailMessage mail;
    mail.from = resolved.from;
    mail.to = channel.recipients;
    mail.subject = mailSubject(t, run);
    mail.body = mailBody(t, text, projectPath, run, now);
    mail.date = now;
    return sendAlertMail(resolved, mail, options.smtp, options.cancel);
}

} // namespace

std::optional<bool> ruleVerdict(const AlertRule &rule, const RunSummary &run, const RunHistoryFacts &history,
                                SysTime now)
{
    const bool cancelledRun = run.status == "cancelled";
    switch (rule.when) {
    case AlertCondition::RunFailed:
        if (cancelledRun)
            return std::nullopt;
        return run.status == "failed";
    case AlertCondition::RejectedShareOver: {
        const auto sent = run.delivered() + run.rejected();
        if (sent <= 0)
            return std::nullopt;
        return 100.0 * double(run.rejected()) / double(sent) > rule.threshold;
    }
    case AlertCondition::NoSuccessFor: {
        if (isSuccess(run.status))
            return false;
        const std::optional<SysTime> since = history.lastSuccessEnd ? history.lastSuccessEnd : history.firstRunStart;
        if (!since)
            return std::nullopt;
        return now - *since > duration<double, std::ratio<60>>(rule.threshold);
    }
    case AlertCondition::DurationOver: {
        if (cancelledRun)
            return std::nullopt;
        const bool over = double(run.durationMs) > rule.threshold * 1000.0;
        if (!over && run.status == "failed")
            return std::nullopt;
        return over;
    }
    }
    return std::nullopt;
}

Result<std::vector<AlertNotice>> evaluateAlerts(const std::string &projectPath, const std::string &syncName,
                                                const RunSummary &run, const AlertOptions &options)
{
    std::vector<AlertNotice> notices;
    if (run.runId <= 0 || run.dryRun || run.kind == "dry-run" || run.kind == "reset-baseline")
        return notices;
    auto loaded = ProjectStore::openLoaded(projectPath);
    if (!loaded)
        return std::unexpected(loaded.error());
    ProjectStore *store = loaded->store.get();
    const ProjectConfig &config = loaded->config;
    auto sync
        = std::find_if(config.syncs.begin(), config.syncs.end(), [&](const SyncDef &s) { return s.name == syncName; });
    if (sync == config.syncs.end())
        return notices; // deleted while it ran: nothing left to alert about
    sqlite3 *db = store->handle();

    auto alertConfig = parseAlertConfig(*sync);
    if (!alertConfig) {
        // Best effort: the caller gets the error either way; the job log is
        // where someone reading the run's history will look for it.
        (void)appendRunLog(db, run.runId,
                           {{LogLevel::Warning, "alert rules not evaluated: " + alertConfig.error().describe()}});
        return std::unexpected(alertConfig.error());
    }

    auto foundId = findSyncId(db, syncName);
    if (!foundId)
        return std::unexpected(foundId.error());
    if (!*foundId)
        return notices;
    const std::int64_t syncId = **foundId;

    const SysTime now = options.now.value_or(system_clock::now());
    auto history = historyFacts(db, syncName);
    if (!history)
        return std::unexpected(history.error());

    if (auto r = sqlite::exec(db, "BEGIN IMMEDIATE"); !r)
        return std::unexpected(r.error());
    auto transitions = decide(db, syncId, *alertConfig, run, *history, now);
    if (transitions) {
        if (auto r = sqlite::exec(db, "COMMIT"); !r)
            transitions = std::unexpected(r.error());
    }
    if (!transitions) {
        sqlite::exec(db, "ROLLBACK");
        return std::unexpected(transitions.error());
    }

    const std::string project = config.name.empty() ? projectPath : config.name;
    std::vector<std::pair<LogLevel, std::string>> log;
    for (const Transition &t : *transitions) {
        AlertNotice notice;
        notice.rule = t.rule->name;
        notice.level = t.rule->level;
        notice.recovery = t.recovery;
        notice.message = alertText(t, project, run);
        log.emplace_back(
            t.recovery ? LogLevel::Info : logLevelFor(t.rule->level),
            fmt::format("alert '{}' {}: {}", t.rule->name, t.recovery ? "resolved" : "raised", notice.message));
        for (const AlertChannel &channel : t.rule->notify) {
            if (channel.kind == AlertChannel::Kind::Log)
                continue; // the job log line above
            DeliveryResult d = deliver(channel, alertConfig->smtp, t, notice.message, projectPath, run, now, options);
            if (d.status == DeliveryResult::Status::Delivered)
                log.emplace_back(LogLevel::Info, fmt::format("alert '{}' delivered to {}{}", t.rule->name, d.channel,
                                                             d.attempts > 1 ? fmt::format(" (attempt {})", d.attempts)
                                                                            : std::string()));
            else
                log.emplace_back(LogLevel::Error, fmt::format("alert '{}' {} to {}: {}", t.rule->name,
                                                              d.status == DeliveryResult::Status::Undeliverable
                                                                  ? "undeliverable (not retried)"
                                                                  : "not delivered",
                                                              d.channel, d.detail));
            notice.deliveries.push_back(std::move(d));
        }
        notices.push_back(std::move(notice));
    }
    if (auto r = appendRunLog(db, run.runId, log); !r)
        return std::unexpected(r.error());
    for (const auto &n : notices)
        if (auto r = markAlertNotified(db, syncId, n.rule, formatIsoUtc(now)); !r)
            return std::unexpected(r.error());
    return notices;
}

} // namespace sluice

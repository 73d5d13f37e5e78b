#include "alertrules.h"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <set>

namespace sluice {

using nlohmann::json;

std::string_view alertLevelName(AlertLevel level)
{
    switch (level) {
    case AlertLevel::Fatal: return "fatal";
    case AlertLevel::Warning: return "warning";
    case AlertLevel::Notice: return "notice";
    }
    return "warning";
}

std::string_view alertConditionName(AlertCondition condition)
{
    switch (condition) {
    case AlertCondition::RunFailed: return "run_failed";
    case AlertCondition::RejectedShareOver: return "rejected_share_over";
    case AlertCondition::NoSuccessFor: return "no_success_for";
    case AlertCondition::DurationOver: return "duration_over";
    }
    return "run_failed";
}

bool isMailAddress(const std::string &address)
{
    const auto at = address.find('@');
    if (at == std::string::npos || at == 0 || at + 1 >= address.size()
        || address.find('@', at + 1) != std::string::npos)
        return false;
    return std::none_of(address.begin(), address.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '<' || c == '>' || c == ',' || c == ';'
            || c == '"';
    });
}

std::string envelopeAddress(const std::string &address)
{
    const auto open = address.rfind('<');
    const auto close = address.rfind('>');
    if (open != std::string::npos && close != std::string::npos && close > open)
        return address.substr(open + 1, close - open - 1);
    return address;
}

namespace {

class Reader {
public:
    explicit Reader(const SyncDef &sync) : m_prefix("sync '" + sync.name + "': settings.") { }

    std::unexpected<Error> error(const std::string &at, const std::string &message,
                                 const char *code = "alerts.invalid") const
    {
        return invalidInput(code, message, m_prefix + at);
    }

    Result<> onlyKeys(const json &object, const std::string &at, std::initializer_list<const char *> allowed) const
    {
        for (const auto &[key, ignored] : object.items()) {
            if (std::find_if(allowed.begin(), allowed.end(), [&](const char *k) { return key == k; }) != allowed.end())
                continue;
            std::string list;
            for (const char *k : allowed)
                list += (list.empty() ? "" : ", ") + std::string(k);
            return error(at + "." + key, "is not a setting here (known: " + list + ")");
        }
        return {};
    }

    Result<std::vector<AlertChannel>> channels(const json &value, const std::string &at) const
    {
        if (!value.is_array())
            return error(at, "must be a list of channels: \"log\", {\"webhook\": URL}, {\"email\": ADDRESS}");
        std::vector<AlertChannel> out;
        for (std::size_t i = 0; i < value.size(); ++i) {
            const std::string here = fmt::format("{}[{}]", at, i);
            const json &c = value[i];
            if (c.is_string()) {
                if (c.get<std::string>() != "log")
                    return error(here, fmt::format("{} is not a channel; use \"log\", {{\"webhook\": URL}} or "
                                                   "{{\"email\": ADDRESS}}",
                                                   c.dump()));
                out.push_back(AlertChannel{});
                continue;
            }
            if (!c.is_object() || c.size() != 1)
                return error(here, "must be \"log\", {\"webhook\": URL} or {\"email\": ADDRESS}");
            if (c.contains("webhook")) {
                auto url = webhookUrl(c["webhook"], here + ".webhook");
                if (!url)
                    return std::unexpected(url.error());
                AlertChannel channel;
                channel.kind = AlertChannel::Kind::Webhook;
                channel.url = *url;
                out.push_back(std::move(channel));
            } else if (c.contains("email")) {
                AlertChannel channel;
                channel.kind = AlertChannel::Kind::Email;
                const json &to = c["email"];
                if (to.is_string()) {
                    channel.recipients.push_back(to.get<std::string>());
                } else if (to.is_array() && !to.empty()) {
                    for (const auto &a : to) {
                        if (!a.is_string())
                            return error(here + ".email", "must be an address or a list of addresses");
                        channel.recipients.push_back(a.get<std::string>());
                    }
                } else {
                    return error(here + ".email", "must be an address or a list of addresses");
                }
                for (const auto &address : channel.recipients)
                    if (!isMailAddress(address))
                        return error(here + ".email",
                                     fmt::format("'{}' is not an e-mail address (name@domain)", address));
                out.push_back(std::move(channel));
            } else {
                return error(here, fmt::format("'{}' is not a channel; use \"log\", {{\"webhook\": URL}} or "
                                               "{{\"email\": ADDRESS}}",
                                               c.begin().key()));
            }
        }
        return out;
    }

    Result<SmtpSettings> smtp(const json &value) const
    {
        if (!value.is_object())
            return error("smtp", "must be an object with at least \"url\" and \"from\"");
        if (auto r = onlyKeys(value, "smtp", {"url", "from", "user", "password", "tls", "timeoutSeconds"}); !r)
            return std::unexpected(r.error());
        SmtpSettings s;
        for (const char *key : {"url", "from", "user", "password", "tls"})
            if (value.contains(key) && !value[key].is_string())
                return error(std::string("smtp.") + key, "must be a string");
        s.url = value.value("url", "");
        s.from = value.value("from", "");
        s.user = value.value("user", "");
        s.password = value.value("password", "");
        s.tls = value.value("tls", "auto");
        if (!s.url.starts_with("smtp://") && !s.url.starts_with("smtps://"))
            return error("smtp.url", "must be an smtp:// or smtps:// URL such as smtp://mail.example.com:587");
        if (!isMailAddress(envelopeAddress(s.from)))
            return error("smtp.from", "must be an address such as \"Sluice <alerts@example.com>\"");
        if (!s.password.empty() && !onlyReference(s.password))
            return error("smtp.password",
                         "is a secret: give a reference such as ${env:SMTP_PASSWORD}, never the password itself",
                         "alerts.plain_secret");
        if (s.tls != "auto" && s.tls != "required" && s.tls != "none")
            return error("smtp.tls", "must be auto, required or none");
        if (value.contains("timeoutSeconds")) {
            const json &t = value["timeoutSeconds"];
            if (!t.is_number_integer() || t.get<int>() < 1 || t.get<int>() > 300)
                return error("smtp.timeoutSeconds", "must be a whole number of seconds from 1 to 300");
            s.timeoutSeconds = t.get<int>();
        }
        return s;
    }

private:
    static bool hasReference(const std::string &v)
    {
        return v.find("${env:") != std::string::npos || v.find("${keychain:") != std::string::npos;
    }

    static bool onlyReference(const std::string &v)
    {
        return v.starts_with("${") && v.ends_with("}") && hasReference(v) && v.find("${", 2) == std::string::npos;
    }

    Result<std::string> webhookUrl(const json &value, const std::string &at) const
    {
        if (!value.is_string() || value.get<std::string>().empty())
            return error(at, "must be the hook's URL");
        const std::string url = value.get<std::string>();
        const bool whollyReference = onlyReference(url);
        if (!whollyReference && !url.starts_with("https://") && !url.starts_with("http://"))
            return error(at, "must be an http:// or https:// URL (or a reference such as ${env:SLACK_WEBHOOK_URL})");
        // A Slack incoming-webhook URL is itself the credential: anyone
        // holding it can post to the channel.
        if (url.find("hooks.slack.com") != std::string::npos && !hasReference(url))
            return error(at,
                         "a Slack webhook URL is a secret: write its secret part as a reference, e.g. "
                         "https://hooks.slack.com/services/${env:SLACK_HOOK}",
                         "alerts.plain_secret");
        return url;
    }

    std::string m_prefix;
};

} // namespace

Result<AlertConfig> parseAlertConfig(const SyncDef &sync)
{
    Reader r(sync);
    AlertConfig config;
    if (!sync.settings.is_object())
        return config;
    const json &settings = sync.settings;

    if (settings.contains("smtp") && !settings["smtp"].is_null()) {
        auto smtp = r.smtp(settings["smtp"]);
        if (!smtp)
            return std::unexpected(smtp.error());
        config.smtp = std::move(*smtp);
    }
    std::vector<AlertChannel> defaults{AlertChannel{}};
    if (settings.contains("notify") && !settings["notify"].is_null()) {
        auto channels = r.channels(settings["notify"], "notify");
        if (!channels)
            return std::unexpected(channels.error());
        defaults = std::move(*channels);
    }
    if (!settings.contains("alerts") || settings["alerts"].is_null())
        return config;
    const json &alerts = settings["alerts"];
    if (!alerts.is_array())
        return r.error("alerts", "must be a list of rules");

    std::set<std::string> names;
    for (std::size_t i = 0; i < alerts.size(); ++i) {
        const std::string at = fmt::format("alerts[{}]", i);
        const json &rule = alerts[i];
        if (!rule.is_object())
            return r.error(at, "must be an object with name, level, when and notify");
        if (auto ok = r.onlyKeys(rule, at, {"name", "level", "when", "percent", "minutes", "seconds", "notify"}); !ok)
            return std::unexpected(ok.error());
        AlertRule a;
        if (!rule.contains("name") || !rule["name"].is_string() || rule["name"].get<std::string>().empty())
            return r.error(at + ".name", "is missing: every rule needs a name (its alerts are tracked by it)");
        a.name = rule["name"].get<std::string>();
        if (!names.insert(a.name).second)
            return r.error(at + ".name", fmt::format("another rule of this sync is already named '{}'", a.name));

        std::string level = "warning";
        if (rule.contains("level")) {
            if (!rule["level"].is_string())
                return r.error(at + ".level", "must be fatal, warning or notice");
            level = rule["level"].get<std::string>();
        }
        if (level == "fatal")
            a.level = AlertLevel::Fatal;
        else if (level == "warning")
            a.level = AlertLevel::Warning;
        else if (level == "notice")
            a.level = AlertLevel::Notice;
        else
            return r.error(at + ".level", "must be fatal, warning or notice");

        if (!rule.contains("when") || !rule["when"].is_string())
            return r.error(at + ".when",
                           "is missing: run_failed, rejected_share_over, no_success_for or duration_over");
        const std::string when = rule["when"].get<std::string>();
        // The threshold each condition takes; any other is a mistake worth naming.
        const char *thresholdKey = nullptr;
        if (when == "run_failed") {
            a.when = AlertCondition::RunFailed;
        } else if (when == "rejected_share_over") {
            a.when = AlertCondition::RejectedShareOver;
            thresholdKey = "percent";
        } else if (when == "no_success_for") {
            a.when = AlertCondition::NoSuccessFor;
            thresholdKey = "minutes";
        } else if (when == "duration_over") {
            a.when = AlertCondition::DurationOver;
            thresholdKey = "seconds";
        } else {
            return r.error(at + ".when", fmt::format("'{}' is not a condition; use run_failed, rejected_share_over, "
                                                     "no_success_for or duration_over",
                                                     when));
        }
        for (const char *key : {"percent", "minutes", "seconds"}) {
            if (!rule.contains(key))
                continue;
            if (!thresholdKey || std::string_view(key) != thresholdKey)
                return r.error(at + "." + key, fmt::format("is not used by {}", when));
        }
        if (thresholdKey) {
            if (!rule.contains(thresholdKey) || !rule[thresholdKey].is_number())
                return r.error(at + "." + thresholdKey, fmt::format("is missing: {} needs a number", when));
            a.threshold = rule[thresholdKey].get<double>();
            if (a.when == AlertCondition::RejectedShareOver && (a.threshold < 0 || a.threshold >= 100))
                return r.error(at + ".percent", "must be from 0 to under 100 (alert when MORE than this share "
                                                "of the records sent is rejected)");
            if (a.when == AlertCondition::NoSuccessFor && (!rule["minutes"].is_number_integer() || a.threshold < 1))
                return r.error(at + ".minutes", "must be a whole number of minutes, at least 1");
            if (a.when == AlertCondition::DurationOver && a.threshold <= 0)
                return r.error(at + ".seconds", "must be more than 0");
        }

        if (rule.contains("notify")) {
            auto channels = r.channels(rule["notify"], at + ".notify");
            if (!channels)
                return std::unexpected(channels.error());
            a.notify = std::move(*channels);
        } else {
            a.notify = defaults;
        }
        for (std::size_t c = 0; c < a.notify.size(); ++c)
            if (a.notify[c].kind == AlertChannel::Kind::Email && !config.smtp)
                return r.error(rule.contains("notify") ? fmt::format("{}.notify[{}]", at, c) : std::string("notify"),
                               "e-mail needs settings.smtp (at least url and from)", "alerts.email_without_smtp");
        config.rules.push_back(std::move(a));
    }
    return config;
}

} // namespace sluice

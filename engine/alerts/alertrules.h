#pragma once
// Alert rules of a sync, read from SyncDef::settings:
//
//   "alerts": [
//     {"name": "sync failing", "level": "fatal", "when": "run_failed",
//      "notify": ["log", {"webhook": "https://hooks.slack.com/services/${env:SLACK_HOOK}"},
//                 {"email": "ops@example.com"}]},
//     {"name": "bad rows", "level": "warning", "when": "rejected_share_over", "percent": 5},
//     {"name": "stale", "level": "fatal", "when": "no_success_for", "minutes": 180},
//     {"name": "slow", "level": "notice", "when": "duration_over", "seconds": 900}
//   ],
//   "notify": [...],   // channels of the rules that have no "notify" of their own
//   "smtp": {"url": "smtp://mail.example.com:587", "from": "Sluice <sluice@example.com>",
//            "user": "sluice", "password": "${env:SMTP_PASSWORD}", "tls": "auto"}
//
// Secrets stay references: an SMTP password and a Slack hook URL (the URL is
// the credential) must use ${env:NAME} or ${keychain:KEY}; they are resolved
// only when an alert is sent.

#include "core/entities.h"
#include "core/error.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

enum class AlertLevel { Fatal, Warning, Notice };
std::string_view alertLevelName(AlertLevel level); // fatal | warning | notice

enum class AlertCondition { RunFailed, RejectedShareOver, NoSuccessFor, DurationOver };
std::string_view alertConditionName(AlertCondition condition); // run_failed | ...

struct AlertChannel {
    enum class Kind { Log, Webhook, Email } kind = Kind::Log;
    std::string url;                     // Webhook, unresolved (may hold ${env:...})
    std::vector<std::string> recipients; // Email
};

struct AlertRule {
    std::string name;
    AlertLevel level = AlertLevel::Warning;
    AlertCondition when = AlertCondition::RunFailed;
    double threshold = 0; // percent, minutes or seconds, by `when`
    std::vector<AlertChannel> notify;
};

struct SmtpSettings {
    std::string url;  // smtp://host:port or smtps://host:port
    std::string from; // "alerts@example.com" or "Sluice <alerts@example.com>"
    std::string user;
    std::string password; // a reference, resolved when sending
    // auto: STARTTLS when the server offers it, and required when a password
    // would travel to a host other than this machine; required; none.
    std::string tls = "auto";
    int timeoutSeconds = 30;
};

struct AlertConfig {
    std::vector<AlertRule> rules;
    std::optional<SmtpSettings> smtp;
};

// name@domain, without display name, spaces or brackets.
bool isMailAddress(const std::string &address);
// "Sluice <alerts@example.com>" -> "alerts@example.com"; a bare address as is.
std::string envelopeAddress(const std::string &address);

// Reads and checks the alert settings of a sync. Errors name the setting:
// where "sync 'orders': settings.alerts[1].percent".
Result<AlertConfig> parseAlertConfig(const SyncDef &sync);

} // namespace sluice

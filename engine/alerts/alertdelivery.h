#pragma once
// Sending one alert: to a Slack-compatible incoming webhook (POST
// {"text": ...}) or as e-mail over SMTP (libcurl). Both are bounded in time
// and never throw; what happened comes back as a DeliveryResult that the
// caller writes to the run's job log.
//
// Webhook answers (docs: Slack incoming webhooks):
//   2xx ("ok")                  delivered
//   429 + Retry-After           wait as asked, then again (bounded)
//   5xx, no answer              back off, then again (bounded)
//   410 channel_is_archived,
//   404 no_service, other 4xx   undeliverable: the hook is dead or the
//                               request is wrong; retrying cannot help
// SMTP: 4xx replies and connection problems are retried (bounded); 5xx
// replies ("550 mailbox unavailable") are undeliverable.

#include "alerts/alertrules.h"
#include "core/cancel.h"
#include "http/retrypolicy.h"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

struct DeliveryResult {
    enum class Status { Delivered, Undeliverable, Failed } status = Status::Failed;
    std::string channel; // "webhook https://hooks.slack.com/…", "e-mail to ops@example.com"
    std::string detail;  // why it was not delivered ("HTTP 410 channel_is_archived: ...")
    int attempts = 0;
};
std::string_view deliveryStatusName(DeliveryResult::Status status); // delivered | undeliverable | failed

struct WebhookDeliveryOptions {
    int maxAttempts = 5;
    // A Retry-After longer than this is not waited for: the alert would be
    // stale by then, and the run that raised it would be held up.
    std::chrono::milliseconds maxRetryAfter{60000};
    RetryPolicy backoff{5, std::chrono::milliseconds(500), std::chrono::milliseconds(8000)};
    int timeoutMs = 10000;
};

// `url` is resolved (references replaced). Only its scheme, host and port
// appear in the result: the rest of a hook URL is its secret.
DeliveryResult postWebhookAlert(const std::string &url, const std::string &text,
                                const WebhookDeliveryOptions &options = {}, CancelToken *cancel = nullptr);

struct MailMessage {
    std::string from; // "Sluice <alerts@example.com>" or an address
    std::vector<std::string> to;
    std::string subject;
    std::string body; // UTF-8 text, '\n' line ends
    std::chrono::system_clock::time_point date;
    std::string messageId; // without angle brackets; empty: one is made up
};

// RFC 5322 text with CRLF line ends: Date, From, To, Subject (RFC 2047
// encoded when not ASCII), Message-ID, MIME-Version, Content-Type
// text/plain; charset=utf-8 (base64 body when not ASCII).
std::string formatMailMessage(const MailMessage &message);

struct SmtpDeliveryOptions {
    int maxAttempts = 3;
    RetryPolicy backoff{3, std::chrono::milliseconds(1000), std::chrono::milliseconds(5000)};
};

// `smtp` has its password resolved.
DeliveryResult sendAlertMail(const SmtpSettings &smtp, const MailMessage &message,
                             const SmtpDeliveryOptions &options = {}, CancelToken *cancel = nullptr);

// "https://hooks.slack.com/…": scheme, host and port only.
std::string redactedUrl(const std::string &url);

} // namespace sluice

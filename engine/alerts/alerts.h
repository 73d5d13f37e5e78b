#pragma once
// Alerts after a run. Each rule of a sync (alertrules.h) is an incident
// tracker, not a per-run notifier, so that people keep reading alerts:
//
//   condition holds, rule inactive  -> the rule becomes active: ONE alert
//   condition holds, rule active    -> nothing sent (the incident goes on)
//   condition clears, rule active   -> ONE recovery notice; inactive again
//
// The state lives in the project file (table alert_state), so the daemon,
// `sluicectl run` and the desktop app share it and a restart does not
// re-alert. Every alert and recovery, and how each channel took it, is
// written to the job log of the run that caused it (fatal -> error,
// warning -> warning, notice -> info); the webhook and e-mail channels are
// tried after the state is saved, so a slow or dead hook never blocks others.

#include "alerts/alertdelivery.h"
#include "alerts/alertrules.h"
#include "core/cancel.h"
#include "core/error.h"
#include "schedule/schedule.h"
#include "sync/syncrunner.h"

#include <optional>
#include <string>
#include <vector>

namespace sluice {

struct AlertOptions {
    std::optional<SysTime> now; // when the evaluation happens; default: the system clock
    WebhookDeliveryOptions webhook;
    SmtpDeliveryOptions smtp;
    CancelToken *cancel = nullptr; // cuts retry waits short (daemon shutdown)
};

struct AlertNotice {
    std::string rule;
    AlertLevel level = AlertLevel::Warning;
    bool recovery = false;                  // false: an incident began
    std::string message;                    // the text sent to the hooks and the job log
    std::vector<DeliveryResult> deliveries; // webhook and e-mail channels
};

// What a rule may need from the run history besides the run itself.
struct RunHistoryFacts {
    std::optional<SysTime> lastSuccessEnd; // latest succeeded or partial run's end
    std::optional<SysTime> firstRunStart;  // the sync's first run
};

// The verdict of one rule on one run: true (the condition holds), false (it
// does not, so an active alert clears), nullopt (the run tells nothing about
// it: a cancelled run; a run that sent no record, for rejected_share_over).
//   run_failed           status "failed"
//   rejected_share_over  rejected / (delivered + rejected) of this run > percent
//   no_success_for       no succeeded or partial run ended in the last N minutes
//                        (since the first run, when none ever did)
//   duration_over        the run took longer than N seconds (a failed run
//                        that ended sooner says nothing)
std::optional<bool> ruleVerdict(const AlertRule &rule, const RunSummary &run, const RunHistoryFacts &history,
                                SysTime now);

// Evaluates the sync's rules against a finished run (dry runs and baseline
// resets are ignored) and sends what became due. Fails on a project that
// cannot be read or on invalid alert settings (also noted in the run's job
// log); delivery problems are not errors but results in the notices.
// Blocks while it delivers (bounded by the retry options: about a minute at
// worst when a hook keeps answering 429), so call it off any UI thread.
Result<std::vector<AlertNotice>> evaluateAlerts(const std::string &projectPath, const std::string &syncName,
                                                const RunSummary &run, const AlertOptions &options = {});

} // namespace sluice

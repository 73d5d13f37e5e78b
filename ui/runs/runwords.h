#pragma once
// The words a run record stores (its kind and status, stable English in the
// project file and the CLI) as the app shows them, in the user's language.

#include "project/runrecorder.h"

#include <QString>

#include <string>

namespace sluice::ui {

// "run", "dry-run", "full-resync", "retry-rejected", "reset-baseline".
QString runKindText(const std::string &kind);
// "running", "succeeded", "partial", "failed", "cancelled".
QString runStatusText(const std::string &status);
// "upsert", "insert", "update", "mirror" (a sync's mode).
QString syncModeText(const std::string &mode);
// debug, info, warning, error (a job log entry's level).
QString logLevelText(LogLevel level);
// A job log entry's message in the user's language: its code's template
// translated, with its arguments (a run's status, kind and mode in words too);
// the stored English text when it has no code.
QString logMessageText(const LogEvent &event);

} // namespace sluice::ui

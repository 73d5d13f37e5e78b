#pragma once
// A sync's settings (SyncDef::settings) as typed values, checked once: every
// key known, every value of its type and range. Saving or importing a
// project refuses what does not parse, naming the key; the runner reads the
// typed values, so a wrong type can never abort a run half-way.
//
// schedule, alerts, notify and smtp are checked for their shape here and in
// full by their own modules (sync/schedule.h, alerts/alertrules.h).

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace sluice {

struct SyncSettings {
    // Delivery (docs/sync.md#delivery). nullopt: the destination's default.
    std::optional<int> batchSize;
    std::optional<int> concurrency;
    std::optional<double> requestsPerSecond; // 0: no limit
    int maxAttempts = 8;
    std::optional<int> retryBaseMs;
    double maxRetryWaitSeconds = 60; // a longer Retry-After defers the run
    double mirrorGuardPercent = 20;
    // Change detection.
    bool timestampCursor = false; // changeDetection: "timestamp" (default "snapshot")
    std::string timestampColumn;
    bool backfill = true;
    nlohmann::json initialTimestamp; // null, a number or a text
    // Rows (validated in full by the mapper).
    std::optional<std::string> filter;
    std::optional<double> samplePercent;
    // Retention.
    int logRetentionRuns = 100;
    int httpRetentionRuns = 10;
    bool protectedSync = false;
};

// Parses `settings` (an object, or null for all defaults). Errors are
// InvalidInput with `where` + ".key", e.g. "$.syncs[1].settings.batchSize".
Result<SyncSettings> parseSyncSettings(const nlohmann::json &settings, const std::string &where);

} // namespace sluice

#pragma once
// The audience benchmark's data (docs/performance.md, "Audiences"): the
// demo's shape grown large. A SQLite warehouse with N customers (Chinese
// cities, tiers), about 10 orders and 20 events per customer spread over the
// last year and quarter before `now`, indexed as an analyst would index them
// (orders and events by customer and time); a project whose customer schema
// relates them; and one three-condition audience with the best SQL an analyst
// would write by hand for the same question, the baseline.

#include "core/error.h"

#include <chrono>
#include <cstdint>
#include <string>

namespace sluice::bench {

struct AudienceWarehouseCounts {
    std::int64_t customers = 0;
    std::int64_t orders = 0;
    std::int64_t events = 0;
};

// Creates (replacing) `path`; times are ISO 8601 UTC text ("…Z") before `now`.
Result<AudienceWarehouseCounts> generateAudienceWarehouse(const std::string &path, std::int64_t customers,
                                                          std::chrono::sys_seconds now);

// Creates (replacing) the project: source `warehouse`, models customers,
// orders and events, the customer schema (UTC) and the audience
// kBenchAudience: in Shanghai, an order over 100 in the last 30 days, no
// app_open in the last 7 days.
Result<> createAudienceBenchProject(const std::string &project, const std::string &warehouse);

inline constexpr const char *kBenchAudience = "shanghai_buyers_away";

// The same question as kBenchAudience in hand-written SQL counting its
// members, with the same day bounds (UTC days from `now`).
std::string handWrittenAudienceCount(std::chrono::sys_seconds now);

} // namespace sluice::bench

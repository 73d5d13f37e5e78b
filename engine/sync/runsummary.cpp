#include "syncrunner.h"

namespace sluice {

using nlohmann::json;

std::int64_t RunSummary::delivered() const
{
    return added.delivered + changed.delivered + unchanged.delivered + removed.delivered;
}
std::int64_t RunSummary::rejected() const
{
    return added.rejected + changed.rejected + unchanged.rejected + removed.rejected;
}
std::int64_t RunSummary::pending() const
{
    return added.pending + changed.pending + unchanged.pending + removed.pending;
}
double RunSummary::rowsPerSecond() const
{
    return durationMs > 0 ? double(queried) * 1000.0 / double(durationMs) : 0.0;
}

json RunSummary::toJson() const
{
    auto classJson = [this](const ClassCounts &c) {
        json j{{"planned", c.planned}};
        j["delivered"] = dryRun ? json(nullptr) : json(c.delivered);
        j["rejected"] = dryRun ? json(nullptr) : json(c.rejected);
        j["pending"] = dryRun ? json(nullptr) : json(c.pending);
        return j;
    };
    json samplesJson = json::array();
    for (const auto &s : samples) {
        json payload = s.payload.empty() ? json(nullptr) : json::parse(s.payload, nullptr, false);
        samplesJson.push_back(
            json{{"class", s.rowClass}, {"key", s.key}, {"payload", payload}, {"problems", s.problems}});
    }
    json j{{"run_id", runId},
           {"sync", sync},
           {"kind", kind},
           {"mode", mode},
           {"status", status},
           {"planned",
            {{"added", added.planned},
             {"changed", changed.planned},
             {"removed", removed.planned},
             {"unchanged", unchanged.planned},
             {"invalid", invalid}}},
           {"queried", queried},
           {"filtered", filtered},
           {"classes",
            {{"added", classJson(added)},
             {"changed", classJson(changed)},
             {"unchanged", classJson(unchanged)},
             {"removed", classJson(removed)}}},
           {"delivered", dryRun ? json(nullptr) : json(delivered())},
           {"rejected", dryRun ? json(nullptr) : json(rejected())},
           {"pending", dryRun ? json(nullptr) : json(pending())},
           {"retries", dryRun ? json(nullptr) : json(retries)},
           {"requests", dryRun ? json(nullptr) : json(requests)},
           {"duration_ms", durationMs},
           {"rows_per_second", std::round(rowsPerSecond())},
           {"destination_records_before", snapshotBefore},
           {"destination_untouched", destinationUntouched},
           {"stages",
            {{"query_seconds", stages.query},
             {"plan_seconds", stages.plan},
             {"map_seconds", stages.map},
             {"deliver_seconds", stages.deliver},
             {"acknowledge_seconds", stages.acknowledge},
             {"wait_rows_seconds", stages.waitRows},
             {"wait_seconds", stages.waitDelivery},
             {"mapped", stages.mapped}}},
           {"samples", samplesJson}};
    j["error"] = error.empty() ? json(nullptr) : json(error);
    if (!error.empty())
        j["error_kind"] = invalidInput ? "invalid_input" : "failed";
    if (!deferredUntil.empty()) {
        j["deferred_until"] = deferredUntil;
        j["deferred_because"] = deferredBecause;
    }
    return j;
}

} // namespace sluice

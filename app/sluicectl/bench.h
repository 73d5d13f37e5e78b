#pragma once
// `sluicectl bench`: the end-to-end benchmark (docs/performance.md).

#include <string>
#include <vector>

namespace sluice::cli {

extern const char *const kBenchUsage;
extern const char *const kBenchSummary;
int cmdBench(const std::vector<std::string> &argv);

// `sluicectl bench-audience`: an audience's size against hand-written SQL.
extern const char *const kBenchAudienceUsage;
extern const char *const kBenchAudienceSummary;
int cmdBenchAudience(const std::vector<std::string> &argv);

} // namespace sluice::cli

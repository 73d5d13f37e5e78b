#pragma once
// `sluicectl bench`: the end-to-end benchmark (docs/performance.md).

#include <string>
#include <vector>

namespace sluice::cli {

extern const char *const kBenchUsage;
extern const char *const kBenchSummary;
int cmdBench(const std::vector<std::string> &argv);

} // namespace sluice::cli

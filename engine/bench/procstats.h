#pragma once
// Process figures for benchmarks: this process's peak resident set, and
// running another program (a sync in a fresh `sluicectl run`, sqldiff) with
// its wall time and its own peak resident set (wait4), so each figure belongs
// to one run and not to whatever ran before it in the same process.

#include "core/error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sluice::bench {

// VmHWM of this process, in KiB (0 where /proc is unavailable).
std::int64_t peakRssKb();

struct ChildRun {
    int exitCode = -1;  // 128 + signal when killed
    std::string output; // standard output, when captured
    std::int64_t outputLines = 0;
    double seconds = 0;         // wall time from fork to exit
    double cpuSeconds = 0;      // the child's user + system time
    std::int64_t peakRssKb = 0; // the child's own maximum resident set
};

// Runs argv[0] (a path, or a name looked up in PATH) with argv. Standard
// output is kept when `capture` is set, else only its lines are counted.
// Standard error passes through.
Result<ChildRun> runChild(const std::vector<std::string> &argv, bool capture);

// User + system time of the calling thread so far (seconds).
double threadCpuSeconds();

// The running executable (/proc/self/exe).
std::string selfExecutable();

} // namespace sluice::bench

#pragma once
// Back-off between attempts: exponential with full jitter, never shorter than
// a server's own hint (Retry-After and similar), capped.

#include <chrono>
#include <optional>
#include <random>

namespace sluice {

struct RetryPolicy {
    int maxAttempts = 8; // including the first
    std::chrono::milliseconds base{200};
    std::chrono::milliseconds cap{30000};

    // Delay before attempt `attempt` (2 = first retry).
    std::chrono::milliseconds delayBefore(int attempt, std::optional<std::chrono::milliseconds> hint,
                                          std::mt19937_64 &rng) const;
};

} // namespace sluice

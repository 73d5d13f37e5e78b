#include "retrypolicy.h"

#include <algorithm>

namespace sluice {

std::chrono::milliseconds RetryPolicy::delayBefore(int attempt, std::optional<std::chrono::milliseconds> hint,
                                                   std::mt19937_64 &rng) const
{
    const int exponent = std::clamp(attempt - 2, 0, 20);
    const auto ceiling = std::min<std::int64_t>(cap.count(), base.count() << exponent);
    // Full jitter spreads retries of concurrent batches apart.
    std::uniform_int_distribution<std::int64_t> dist(ceiling / 2, std::max<std::int64_t>(ceiling, 1));
    std::chrono::milliseconds delay(dist(rng));
    if (hint)
        delay = std::max(delay, *hint); // a server's hint is a floor, and is not capped
    return delay;
}

} // namespace sluice

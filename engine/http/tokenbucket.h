#pragma once
// A token-bucket rate limiter shared by the threads sending to one
// destination: acquire() waits for a token, so a throttled request is
// delayed, never dropped.

#include "core/cancel.h"

#include <chrono>
#include <mutex>

namespace sluice {

class TokenBucket {
public:
    // rate: tokens per second (0 = unlimited); burst: bucket size.
    TokenBucket(double rate, double burst);

    // Blocks until a token is available; false if cancelled while waiting.
    bool acquire(const CancelToken *cancel = nullptr);
    // Makes every caller wait at least `delay` from now (a server said "slow down").
    void pause(std::chrono::milliseconds delay);

private:
    using Clock = std::chrono::steady_clock;
    std::mutex m_mutex;
    double m_rate;
    double m_burst;
    double m_tokens;
    Clock::time_point m_last;
    Clock::time_point m_pausedUntil;
};

} // namespace sluice

#include "tokenbucket.h"

#include <algorithm>
#include <thread>

namespace sluice {

TokenBucket::TokenBucket(double rate, double burst)
    : m_rate(rate), m_burst(std::max(1.0, burst)), m_tokens(std::max(1.0, burst)), m_last(Clock::now()),
      m_pausedUntil(Clock::now())
{ }

void TokenBucket::pause(std::chrono::milliseconds delay)
{
    std::lock_guard lock(m_mutex);
    m_pausedUntil = std::max(m_pausedUntil, Clock::now() + delay);
}

bool TokenBucket::acquire(const CancelToken *cancel)
{
    for (;;) {
        Clock::duration wait{};
        {
            std::lock_guard lock(m_mutex);
            const auto now = Clock::now();
            if (now < m_pausedUntil) {
                wait = m_pausedUntil - now;
            } else if (m_rate <= 0) {
                return true;
            } else {
                const double elapsed = std::chrono::duration<double>(now - m_last).count();
                m_tokens = std::min(m_burst, m_tokens + elapsed * m_rate);
                m_last = now;
                if (m_tokens >= 1.0) {
                    m_tokens -= 1.0;
                    return true;
                }
                wait = std::chrono::duration_cast<Clock::duration>(
                    std::chrono::duration<double>((1.0 - m_tokens) / m_rate));
            }
        }
        // Sleep in short slices so a cancel is noticed quickly.
        const auto slice = std::min<Clock::duration>(wait, std::chrono::milliseconds(50));
        std::this_thread::sleep_for(slice);
        if (cancel && cancel->isCancelled())
            return false;
    }
}

} // namespace sluice

#pragma once
// Cooperative cancellation shared between the thread doing the work and
// the thread (UI, signal handler) asking it to stop.

#include <atomic>
#include <memory>

namespace sluice {

class CancelToken {
public:
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> m_cancelled{false};
};

using CancelTokenPtr = std::shared_ptr<CancelToken>;

} // namespace sluice

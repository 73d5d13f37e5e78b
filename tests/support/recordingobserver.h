#pragma once
// A destination observer for tests: keeps every HTTP exchange with its batch
// number, as the API inspector would receive them.

#include "destinations/contract/destination.h"

#include <mutex>
#include <utility>
#include <vector>

namespace sluice::test {

class RecordingObserver final : public DestinationObserver {
public:
    void onHttpExchange(int batch, const HttpExchange &exchange) override
    {
        std::lock_guard lock(mutex);
        exchanges.emplace_back(batch, exchange);
    }
    std::mutex mutex;
    std::vector<std::pair<int, HttpExchange>> exchanges;
};

} // namespace sluice::test

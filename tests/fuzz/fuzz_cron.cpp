// libFuzzer target: a cron expression, parsed, then its next times computed.
#include "schedule/cronexpr.h"

#include <chrono>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    auto cron = sluice::CronExpr::parse(text);
    if (!cron)
        return 0;
    std::chrono::sys_seconds t{std::chrono::seconds(1764979200)};
    for (int i = 0; i < 5; ++i) {
        auto next = cron->nextAfter(t);
        if (!next)
            break;
        (void)cron->matches(*next);
        t = *next;
    }
    return 0;
}

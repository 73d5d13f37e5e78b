// libFuzzer target: the small parsers of values that come from outside, fed
// the same bytes: a Retry-After header (seconds or an HTTP date), an ISO UTC
// time (cursors, schedules), a decimal number (mapping rules), a stored row key
// (a shared project's sync state) and JSON text at the depth limit.
#include "core/jsonparse.h"
#include "core/keycodec.h"
#include "formats/numbers.h"
#include "http/httpclient.h"
#include "schedule/schedule.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    if (auto wait = sluice::parseRetryAfter(text); wait && wait->count() < 0)
        std::abort(); // a wait is never negative
    (void)sluice::parseIsoUtc(text);
    (void)sluice::mapping::parseDecimal(text);
    const auto key = sluice::decodeKey(text);
    (void)sluice::displayKey(text);
    if (!key.empty()) {
        // What decodes must encode back to something that decodes the same.
        bool hasNull = false;
        for (const auto &v : key)
            hasNull = hasNull || v.isNull();
        if (!hasNull && sluice::decodeKey(sluice::encodeKeyValues(key)).size() != key.size())
            std::abort();
    }
    auto parsed = sluice::parseJsonText(text, "fuzz.json", "input");
    if (!parsed && parsed.error().message.empty())
        std::abort();
    return 0;
}

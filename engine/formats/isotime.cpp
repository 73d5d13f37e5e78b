#include "isotime.h"

#include <fmt/chrono.h>

#include <cctype>
#include <cstdint>

namespace sluice {

using namespace std::chrono;

std::string formatIsoUtc(SysTime t)
{
    return fmt::format("{:%FT%T}Z", floor<seconds>(t));
}

std::optional<SysTime> parseIsoUtc(std::string_view text)
{
    // YYYY-MM-DDTHH:MM:SS[.fff...][Z]
    auto digits = [&](std::size_t at, std::size_t count) -> std::optional<int> {
        if (at + count > text.size())
            return std::nullopt;
        int v = 0;
        for (std::size_t i = at; i < at + count; ++i) {
            if (!std::isdigit(static_cast<unsigned char>(text[i])))
                return std::nullopt;
            v = v * 10 + (text[i] - '0');
        }
        return v;
    };
    if (text.size() < 19 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') || text[13] != ':'
        || text[16] != ':')
        return std::nullopt;
    const auto y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2), h = digits(11, 2), mi = digits(14, 2),
               s = digits(17, 2);
    if (!y || !mo || !d || !h || !mi || !s || *h > 23 || *mi > 59 || *s > 60)
        return std::nullopt;
    // SysTime counts nanoseconds in 64 bits: 1677-09-21 to 2262-04-11. A
    // time outside (a stored run time edited to 2276) is not a time here,
    // rather than an overflow (found by fuzz_wirevalues).
    if (*y < 1678 || *y > 2261)
        return std::nullopt;
    const year_month_day ymd{year{*y}, month{unsigned(*mo)}, day{unsigned(*d)}};
    if (!ymd.ok())
        return std::nullopt;
    SysTime t = sys_days{ymd} + hours{*h} + minutes{*mi} + seconds{*s};
    std::size_t at = 19;
    if (at < text.size() && text[at] == '.') {
        ++at;
        std::int64_t fraction = 0;
        int places = 0;
        while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) {
            if (places < 6) {
                fraction = fraction * 10 + (text[at] - '0');
                ++places;
            }
            ++at;
        }
        if (places == 0)
            return std::nullopt;
        for (int p = places; p < 6; ++p)
            fraction *= 10;
        t += duration_cast<SysTime::duration>(microseconds{fraction});
    }
    if (at < text.size() && text[at] == 'Z')
        ++at;
    if (at != text.size())
        return std::nullopt;
    return t;
}

} // namespace sluice

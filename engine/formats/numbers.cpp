#include "numbers.h"

#include "textutil.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace sluice::mapping {

std::optional<std::int64_t> parseInteger(std::string_view text)
{
    text = trimmed(text);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    if (text.empty())
        return std::nullopt;
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return v;
}

std::optional<double> parseDecimal(std::string_view text)
{
    text = trimmed(text);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    if (text.empty())
        return std::nullopt;
    // from_chars accepts "inf" and "nan"; a data cell saying "nan" is text.
    for (char c : text)
        if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == 'e' || c == 'E' || c == '+'))
            return std::nullopt;
    double v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::optional<double> numericValue(const Value &value)
{
    switch (value.type()) {
    case ValueType::Integer: return static_cast<double>(value.asInteger());
    case ValueType::Real: return value.asReal();
    case ValueType::Text: return parseDecimal(value.asText());
    case ValueType::Null:
    case ValueType::Boolean: return std::nullopt;
    }
    return std::nullopt;
}

std::string formatDouble(double value)
{
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    return ec == std::errc() ? std::string(buf, end) : std::string();
}

double roundDecimal(double value, int decimals)
{
    if (!std::isfinite(value))
        return value;
    // Shortest fixed notation is the number as people read it: round that
    // text, in place (this runs per row, so no heap allocation).
    char buf[400];
    auto [end, ec] = std::to_chars(buf + 1, buf + sizeof buf, value, std::chars_format::fixed);
    if (ec != std::errc())
        return value;
    char *digits = buf + 1;
    const bool negative = *digits == '-';
    if (negative)
        ++digits;
    char *dot = std::find(digits, end, '.');
    if (dot == end || end - dot - 1 <= decimals)
        return value;
    const bool roundUp = dot[1 + decimals] >= '5';
    end = decimals == 0 ? dot : dot + 1 + decimals;
    if (roundUp) {
        char *p = end - 1;
        for (; p >= digits; --p) {
            if (*p == '.')
                continue;
            if (*p == '9') {
                *p = '0';
                continue;
            }
            ++*p;
            break;
        }
        if (p < digits) // 9.99 -> 10.00: one more leading digit, in the spare byte before
            *--digits = '1';
    }
    double out = 0;
    std::from_chars(digits, end, out);
    return negative && out != 0 ? -out : out; // no "-0" in payloads
}

} // namespace sluice::mapping

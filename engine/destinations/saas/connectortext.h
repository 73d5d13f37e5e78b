#pragma once
// Small text helpers the CRM connectors share: ASCII lower-casing (for
// case-insensitive identifiers such as e-mails and API names), trimming of
// header values, and numbers in fixed notation (HubSpot and Salesforce
// refuse exponents).

#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

namespace sluice::saas {

inline std::string lower(std::string text)
{
    for (char &c : text)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return text;
}

inline std::string trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return std::string(text);
}

// Shortest fixed notation (never an exponent): 1520, 0.1, 100000000000000000000.
inline std::optional<std::string> fixedNumber(double value)
{
    if (!std::isfinite(value))
        return std::nullopt;
    char buf[400];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
    if (ec != std::errc())
        return std::nullopt;
    return std::string(buf, end);
}

} // namespace sluice::saas

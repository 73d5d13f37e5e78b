#include "typeinference.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>

namespace sluice {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Length of the run of digits starting at `i`.
std::size_t digitRun(std::string_view s, std::size_t i)
{
    std::size_t n = 0;
    while (i + n < s.size() && isDigit(s[i + n]))
        ++n;
    return n;
}

std::optional<std::int64_t> parseInteger(std::string_view s)
{
    std::size_t i = (!s.empty() && s[0] == '-') ? 1 : 0;
    const std::size_t digits = digitRun(s, i);
    if (digits == 0 || i + digits != s.size())
        return std::nullopt;
    if (digits > 1 && s[i] == '0')
        return std::nullopt;
    std::int64_t v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size())
        return std::nullopt; // out of int64 range
    return v;
}

// Only plain decimal notation: from_chars alone would also take "inf", "nan"
// and hex floats, which in a CSV are words, not numbers.
std::optional<double> parseReal(std::string_view s)
{
    std::size_t i = (!s.empty() && s[0] == '-') ? 1 : 0;
    const std::size_t intDigits = digitRun(s, i);
    if (intDigits > 1 && s[i] == '0')
        return std::nullopt;
    i += intDigits;
    std::size_t fracDigits = 0;
    bool decimalSyntax = false;
    if (i < s.size() && s[i] == '.') {
        decimalSyntax = true;
        fracDigits = digitRun(s, i + 1);
        i += 1 + fracDigits;
    }
    if (intDigits + fracDigits == 0)
        return std::nullopt;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        decimalSyntax = true;
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-'))
            ++i;
        const std::size_t expDigits = digitRun(s, i);
        if (expDigits == 0)
            return std::nullopt;
        i += expDigits;
    }
    if (i != s.size())
        return std::nullopt;
    // Plain digits are an integer: one too large for int64 is an ID or an
    // account number whose digits a double would silently round away.
    if (!decimalSyntax && !parseInteger(s))
        return std::nullopt;
    double v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v))
        return std::nullopt; // e.g. 1e999
    return v;
}

bool equalsIgnoringCase(std::string_view s, std::string_view lowerWord)
{
    if (s.size() != lowerWord.size())
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        if (c != lowerWord[i])
            return false;
    }
    return true;
}

std::optional<bool> parseBoolean(std::string_view s)
{
    if (equalsIgnoringCase(s, "true"))
        return true;
    if (equalsIgnoringCase(s, "false"))
        return false;
    return std::nullopt;
}

} // namespace

ValueType classifyCell(std::string_view cell)
{
    if (cell.empty())
        return ValueType::Null;
    const char c = cell[0];
    if (isDigit(c) || c == '-' || c == '.') {
        if (parseInteger(cell))
            return ValueType::Integer;
        if (parseReal(cell))
            return ValueType::Real;
        return ValueType::Text;
    }
    if (parseBoolean(cell))
        return ValueType::Boolean;
    return ValueType::Text;
}

void ColumnTypeInference::addSample(std::string_view cell)
{
    if (m_sawText)
        return; // nothing can narrow it again
    switch (classifyCell(cell)) {
    case ValueType::Null: break;
    case ValueType::Integer: m_sawInteger = true; break;
    case ValueType::Real: m_sawReal = true; break;
    case ValueType::Boolean: m_sawBoolean = true; break;
    case ValueType::Text: m_sawText = true; break;
    }
}

ValueType ColumnTypeInference::type() const
{
    if (m_sawText)
        return ValueType::Text;
    if (m_sawBoolean)
        return (m_sawInteger || m_sawReal) ? ValueType::Text : ValueType::Boolean;
    if (m_sawReal)
        return ValueType::Real;
    if (m_sawInteger)
        return ValueType::Integer;
    return ValueType::Text;
}

ValueType inferColumnType(const std::vector<std::string> &samples)
{
    ColumnTypeInference inference;
    for (const std::string &s : samples)
        inference.addSample(s);
    return inference.type();
}

Value convertCell(const std::string &cell, ValueType type)
{
    if (cell.empty())
        return Value();
    switch (type) {
    case ValueType::Null:
    case ValueType::Text: break;
    case ValueType::Integer:
        if (const auto v = parseInteger(cell))
            return Value(*v);
        break;
    case ValueType::Real:
        // A Real column holds the integers it was mixed with as well.
        if (const auto v = parseReal(cell))
            return Value(*v);
        break;
    case ValueType::Boolean:
        if (const auto v = parseBoolean(cell))
            return Value(*v);
        break;
    }
    return Value(cell);
}

} // namespace sluice

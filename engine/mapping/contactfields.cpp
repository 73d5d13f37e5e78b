#include "contactfields.h"

#include "formats/textutil.h"

namespace sluice::mapping {

namespace {

bool isAsciiAlnum(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool isValidLocalPart(std::string_view local)
{
    constexpr std::string_view specials = "!#$%&'*+/=?^_`{|}~-.";
    if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.'
        || local.find("..") != std::string_view::npos)
        return false;
    for (char c : local)
        if (!isAsciiAlnum(c) && specials.find(c) == std::string_view::npos && static_cast<unsigned char>(c) < 0x80)
            return false;
    return true;
}

bool isValidDomain(std::string_view domain)
{
    if (domain.empty() || domain.size() > 253)
        return false;
    int labels = 0;
    std::size_t start = 0;
    std::string_view last;
    for (;;) {
        const std::size_t dot = domain.find('.', start);
        const std::string_view label = domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
            return false;
        for (char c : label)
            if (!isAsciiAlnum(c) && c != '-' && static_cast<unsigned char>(c) < 0x80)
                return false;
        ++labels;
        last = label;
        if (dot == std::string_view::npos)
            break;
        start = dot + 1;
    }
    bool allDigits = true;
    for (char c : last)
        allDigits = allDigits && c >= '0' && c <= '9';
    return labels >= 2 && last.size() >= 2 && !allDigits;
}

} // namespace

bool isValidEmail(std::string_view text)
{
    const std::size_t at = text.find('@');
    if (at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos || text.size() > 254)
        return false;
    return isValidLocalPart(text.substr(0, at)) && isValidDomain(text.substr(at + 1));
}

std::string normalizedEmail(std::string_view text)
{
    std::string out(trimmed(text));
    toLowerAscii(out);
    return out;
}

std::string countryCallingCode(std::string_view code)
{
    if (!code.empty() && code.front() == '+')
        code.remove_prefix(1);
    if (code.empty() || code.size() > 3 || code.front() == '0')
        return {};
    for (char c : code)
        if (c < '0' || c > '9')
            return {};
    return std::string(code);
}

bool normalizePhone(std::string_view text, std::string_view defaultCountryCode, std::string &e164, std::string &error)
{
    const std::string_view t = trimmed(text);
    std::string digits;
    bool international = !t.empty() && t.front() == '+';
    for (std::size_t i = international ? 1 : 0; i < t.size(); ++i) {
        const char c = t[i];
        if (c >= '0' && c <= '9')
            digits += c;
        else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '/') {
            error = quoteText(text) + " is not a phone number";
            return false;
        }
    }
    if (!international && digits.starts_with("00")) {
        international = true;
        digits.erase(0, 2);
    }
    if (!international) {
        if (defaultCountryCode.empty()) {
            error = quoteText(text) + " has no country calling code (write it with + or set defaultCountryCode)";
            return false;
        }
        if (defaultCountryCode == "1" && digits.size() == 11 && digits.front() == '1')
            digits.erase(0, 1); // North American numbers are often written with their 1
        else if (digits.starts_with('0'))
            digits.erase(0, 1); // trunk prefix
        digits.insert(0, defaultCountryCode);
    }
    if (digits.size() < 7 || digits.size() > 15 || digits.front() == '0') {
        error = quoteText(text) + " is not a valid phone number (E.164 numbers have 7 to 15 digits)";
        return false;
    }
    e164 = "+" + digits;
    return true;
}

} // namespace sluice::mapping

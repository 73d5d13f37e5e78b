#include "textutil.h"

namespace sluice::mapping {

namespace {

bool isContinuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

} // namespace

std::size_t codePointCount(std::string_view text)
{
    std::size_t n = 0;
    for (char c : text)
        n += !isContinuation(static_cast<unsigned char>(c));
    return n;
}

std::size_t charPosition(std::string_view text, std::size_t offset)
{
    return codePointCount(text.substr(0, offset)) + 1;
}

std::string_view firstCodePoints(std::string_view text, std::size_t count)
{
    std::size_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!isContinuation(static_cast<unsigned char>(text[i]))) {
            if (seen == count)
                return text.substr(0, i);
            ++seen;
        }
    }
    return text;
}

std::string_view lastCodePoints(std::string_view text, std::size_t count)
{
    const std::size_t total = codePointCount(text);
    if (count >= total)
        return text;
    return text.substr(firstCodePoints(text, total - count).size());
}

std::string_view trimmed(std::string_view text)
{
    constexpr std::string_view nbsp = "\xC2\xA0";
    constexpr std::string_view ideographic = "\xE3\x80\x80";
    for (;;) {
        if (!text.empty() && (text.front() == ' ' || (text.front() >= '\t' && text.front() <= '\r')))
            text.remove_prefix(1);
        else if (text.starts_with(nbsp))
            text.remove_prefix(nbsp.size());
        else if (text.starts_with(ideographic))
            text.remove_prefix(ideographic.size());
        else
            break;
    }
    for (;;) {
        if (!text.empty() && (text.back() == ' ' || (text.back() >= '\t' && text.back() <= '\r')))
            text.remove_suffix(1);
        else if (text.ends_with(nbsp))
            text.remove_suffix(nbsp.size());
        else if (text.ends_with(ideographic))
            text.remove_suffix(ideographic.size());
        else
            break;
    }
    return text;
}

void toLowerAscii(std::string &text)
{
    for (char &c : text)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
}

void toUpperAscii(std::string &text)
{
    for (char &c : text)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
}

bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = static_cast<char>(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

std::string quoteText(std::string_view text, std::size_t maxChars)
{
    const std::string_view head = firstCodePoints(text, maxChars);
    std::string out = "'";
    out += head;
    if (head.size() < text.size())
        out += "\xE2\x80\xA6"; // …
    out += '\'';
    return out;
}

} // namespace sluice::mapping

#include "answers.h"

#include "version.h"

#include <algorithm>

namespace sluice {

namespace {

bool continuationByte(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

} // namespace

std::string cutForInspector(const std::string &body)
{
    if (body.size() <= kInspectorBodyLimit)
        return body;
    std::size_t end = kInspectorBodyLimit;
    while (end > 0 && continuationByte(body[end]))
        --end;
    return body.substr(0, end) + "\n[cut: " + std::to_string(body.size()) + " bytes in all]";
}

std::string excerpt(const std::string &body, std::size_t maxBytes)
{
    std::string text = body.substr(0, maxBytes);
    std::replace_if(
        text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    if (body.size() > maxBytes) {
        // Drop the start of a character the cut split.
        std::size_t end = maxBytes;
        while (end > 0 && continuationByte(body[end]))
            --end;
        text.resize(end);
        text += "...";
    }
    return text;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return a.size() == b.size()
        && std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

nlohmann::json parseAnswer(const std::string &body)
{
    return nlohmann::json::parse(body, nullptr, false);
}

std::string userAgent()
{
    return std::string("sluice/") + kVersion;
}

} // namespace sluice

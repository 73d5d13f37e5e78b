#include "jsonwriter.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace sluice {

namespace {

// true for bytes the fast loop must stop at: controls, '"', '\' and non-ASCII.
constexpr std::array<bool, 256> specialBytes = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c)
        t[c] = c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
    return t;
}();

constexpr std::string_view replacementCharacter = "\xEF\xBF\xBD";

// Whether any of the eight bytes of `w` is special (as specialBytes): the
// fast loop steps over plain text a word at a time.
inline bool anySpecial(std::uint64_t w)
{
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    const std::uint64_t quote = w ^ (ones * '"');
    const std::uint64_t backslash = w ^ (ones * '\\');
    const std::uint64_t control = (w - ones * 0x20) & ~w;  // some byte < 0x20
    const std::uint64_t isQuote = (quote - ones) & ~quote; // some byte == '"'
    const std::uint64_t isBackslash = (backslash - ones) & ~backslash;
    return ((control | isQuote | isBackslash) & highs) != 0 || (w & highs) != 0;
}

// Length of the well-formed UTF-8 sequence at `p` (Unicode table 3-7), or,
// when it is ill-formed, minus the length of its maximal invalid subpart.
int utf8Sequence(const unsigned char *p, const unsigned char *end)
{
    const unsigned char c = *p;
    int need = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0)
            low = 0xA0;
        else if (c == 0xED)
            high = 0x9F; // no UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0)
            low = 0x90;
        else if (c == 0xF4)
            high = 0x8F; // nothing above U+10FFFF
    } else
        return -1; // stray continuation byte, C0, C1 or F5..FF
    int length = 1;
    for (int i = 0; i < need; ++i) {
        if (p + length >= end || p[length] < low || p[length] > high)
            return -length;
        low = 0x80;
        high = 0xBF;
        ++length;
    }
    return length;
}

} // namespace

void appendJsonString(std::string &out, std::string_view text)
{
    static constexpr char hex[] = "0123456789abcdef";
    // No reserve() here: reserving the exact size on every call defeats the
    // string's geometric growth and makes building an object quadratic.
    out += '"';
    const auto *p = reinterpret_cast<const unsigned char *>(text.data());
    const auto *end = p + text.size();
    while (p < end) {
        const unsigned char *run = p;
        for (std::uint64_t word; end - p >= 8; p += 8) {
            std::memcpy(&word, p, 8);
            if (anySpecial(word))
                break;
        }
        while (p < end && !specialBytes[*p])
            ++p;
        out.append(reinterpret_cast<const char *>(run), p - run);
        if (p == end)
            break;
        const unsigned char c = *p;
        if (c >= 0x80) {
            const int n = utf8Sequence(p, end);
            if (n > 0)
                out.append(reinterpret_cast<const char *>(p), n);
            else
                out += replacementCharacter;
            p += n > 0 ? n : -n;
            continue;
        }
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
        ++p;
    }
    out += '"';
}

void appendJsonValue(std::string &out, const Value &value)
{
    char buf[32];
    switch (value.type()) {
    case ValueType::Null: out += "null"; return;
    case ValueType::Boolean: out += value.asBoolean() ? "true" : "false"; return;
    case ValueType::Text: appendJsonString(out, value.asText()); return;
    case ValueType::Integer: {
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value.asInteger());
        out.append(buf, end);
        return;
    }
    case ValueType::Real: {
        const double d = value.asReal();
        if (!std::isfinite(d)) {
            out += "null";
            return;
        }
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
        out.append(buf, end);
        return;
    }
    }
}

} // namespace sluice

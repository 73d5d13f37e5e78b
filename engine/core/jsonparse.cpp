#include "jsonparse.h"

namespace sluice {

namespace {

// "line L, column C" of byte `offset` (1-based, columns in bytes).
std::string position(std::string_view text, std::size_t offset)
{
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// The offset of the first bracket that goes deeper than `maxDepth`, or npos.
// Strings are skipped (with their escapes); the text need not be valid JSON.
std::size_t tooDeepAt(std::string_view text, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == '[' || c == '{') {
            if (++depth > maxDepth)
                return i;
        } else if (c == ']' || c == '}')
            --depth;
    }
    return std::string_view::npos;
}

// nlohmann's "[json.exception.parse_error.101] parse error at line 3, ..." without the prefix.
std::string withoutPrefix(const std::string &what)
{
    const auto close = what.find("] ");
    return what.starts_with("[json.exception.") && close != std::string::npos ? what.substr(close + 2) : what;
}

} // namespace

Result<nlohmann::json> parseJsonText(std::string_view text, const std::string &code, const std::string &where,
                                     int maxDepth)
{
    if (const std::size_t at = tooDeepAt(text, maxDepth); at != std::string_view::npos)
        return invalidInput(code,
                            "malformed JSON: nested more than " + std::to_string(maxDepth) + " levels deep at "
                                + position(text, at),
                            where);
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception &e) {
        // parse_error, and out_of_range for numbers such as 1e400.
        return invalidInput(code, "malformed JSON: " + withoutPrefix(e.what()), where);
    }
}

} // namespace sluice

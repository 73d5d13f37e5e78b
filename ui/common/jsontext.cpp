#include "jsontext.h"

#include <algorithm>
#include <string>

namespace sluice::ui {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

QString layout(std::string_view json, bool pretty)
{
    std::string out;
    out.reserve(json.size() + json.size() / 4);
    int depth = 0;
    auto newline = [&] {
        if (!pretty)
            return;
        out += '\n';
        out.append(std::size_t(std::max(depth, 0)) * 2, ' ');
    };
    bool inString = false;
    bool escaped = false;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[': {
            std::size_t j = i + 1;
            while (j < json.size() && isSpace(json[j]))
                ++j;
            if (j < json.size() && (json[j] == '}' || json[j] == ']')) { // empty: keep "{}" together
                out += c;
                out += json[j];
                i = j;
                break;
            }
            out += c;
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']':
            --depth;
            newline();
            out += c;
            break;
        case ',':
            out += c;
            if (pretty)
                newline();
            else
                out += ' ';
            break;
        case ':': out += ": "; break;
        default:
            if (!isSpace(c))
                out += c;
        }
    }
    return QString::fromStdString(out);
}

} // namespace

QString prettyJson(std::string_view json)
{
    return layout(json, true);
}

QString oneLineJson(std::string_view json)
{
    return layout(json, false);
}

} // namespace sluice::ui

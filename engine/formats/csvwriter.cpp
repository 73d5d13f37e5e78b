#include "csvwriter.h"

namespace sluice {

void appendCsvField(std::string &out, std::string_view text, char delimiter)
{
    bool quote = !text.empty() && (text.front() == ' ' || text.back() == ' ');
    for (char c : text)
        quote = quote || c == '"' || c == '\r' || c == '\n' || c == delimiter;
    if (!quote) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

} // namespace sluice

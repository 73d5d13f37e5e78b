#include "textoutput.h"

#include <algorithm>

namespace sluice::cli {

namespace {

// Decodes one UTF-8 sequence at s[i]; returns the code point and advances i.
char32_t decode(const std::string &s, std::size_t &i)
{
    const unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 1;
    if (i + std::size_t(len) > s.size())
        len = 1;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
    for (int k = 1; k < len; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + std::size_t(k)]) & 0x3f);
    i += std::size_t(len);
    return cp;
}

bool isWide(char32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3)
        || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60)
        || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd);
}

// Cuts to at most `width` columns, ending in "…" when cut; newlines shown as ⏎.
std::string fit(const std::string &s, std::size_t width)
{
    const bool cut = displayWidth(s) > width;
    const std::size_t budget = cut ? width - 1 : width;
    std::string out;
    std::size_t w = 0, i = 0;
    while (i < s.size()) {
        const std::size_t start = i;
        const char32_t cp = decode(s, i);
        const std::size_t cw = isWide(cp) ? 2 : 1;
        if (w + cw > budget)
            break;
        if (cp == '\n' || cp == '\r')
            out += "⏎";
        else if (cp == '\t')
            out += ' ';
        else
            out.append(s, start, i - start);
        w += cw;
    }
    return cut ? out + "…" : out;
}

} // namespace

std::size_t displayWidth(const std::string &utf8)
{
    std::size_t w = 0, i = 0;
    while (i < utf8.size())
        w += isWide(decode(utf8, i)) ? 2 : 1;
    return w;
}

std::string renderTable(const std::vector<std::string> &header, const std::vector<std::vector<std::string>> &rows,
                        std::size_t maxWidth)
{
    std::vector<std::vector<std::string>> cells;
    cells.reserve(rows.size() + 1);
    cells.push_back({});
    for (const auto &h : header)
        cells.back().push_back(fit(h, maxWidth));
    for (const auto &r : rows) {
        cells.push_back({});
        for (const auto &c : r)
            cells.back().push_back(fit(c, maxWidth));
    }
    std::vector<std::size_t> widths(header.size(), 0);
    for (const auto &r : cells)
        for (std::size_t i = 0; i < r.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], displayWidth(r[i]));
    std::string out;
    auto line = [&](const std::vector<std::string> &r) {
        std::string l;
        for (std::size_t i = 0; i < r.size() && i < widths.size(); ++i) {
            if (i)
                l += "  ";
            l += r[i];
            if (i + 1 < r.size())
                l.append(widths[i] - displayWidth(r[i]), ' ');
        }
        out += l + "\n";
    };
    line(cells[0]);
    std::vector<std::string> rule;
    for (auto w : widths)
        rule.push_back(std::string(w, '-'));
    line(rule);
    for (std::size_t i = 1; i < cells.size(); ++i)
        line(cells[i]);
    return out;
}

nlohmann::json toJson(const Value &v)
{
    switch (v.type()) {
    case ValueType::Null: return nullptr;
    case ValueType::Integer: return v.asInteger();
    case ValueType::Real: return v.asReal();
    case ValueType::Text: return v.asText();
    case ValueType::Boolean: return v.asBoolean();
    }
    return nullptr;
}

std::string displayValue(const Value &v)
{
    return v.isNull() ? "NULL" : v.toString();
}

std::string renderRows(const std::vector<Column> &columns, const std::vector<Row> &rows)
{
    std::vector<std::string> header;
    for (const Column &c : columns)
        header.push_back(c.name);
    std::vector<std::vector<std::string>> cells;
    for (const Row &r : rows) {
        cells.push_back({});
        for (const Value &v : r)
            cells.back().push_back(displayValue(v));
    }
    return renderTable(header, cells);
}

nlohmann::json rowsJson(const std::vector<Row> &rows)
{
    nlohmann::json out = nlohmann::json::array();
    for (const Row &r : rows) {
        nlohmann::json row = nlohmann::json::array();
        for (const Value &v : r)
            row.push_back(toJson(v));
        out.push_back(row);
    }
    return out;
}

} // namespace sluice::cli

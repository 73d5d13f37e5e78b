#include "source.h"

namespace sluice {

std::string quoteIdentifier(std::string_view name, char quote)
{
    std::string out(1, quote);
    for (char c : name) {
        out += c;
        if (c == quote)
            out += quote;
    }
    out += quote;
    return out;
}

std::string wrapModelSql(const std::string &sql, const QuerySpec &spec, char identifierQuote,
                         const std::function<std::string(const std::string &)> &collate)
{
    std::string body = sql;
    // Trailing semicolons would end the statement inside our parentheses.
    while (!body.empty()) {
        const char c = body.back();
        if (c == ';' || c == ' ' || c == '\n' || c == '\r' || c == '\t')
            body.pop_back();
        else
            break;
    }
    if (!spec.limit && spec.orderBy.empty() && spec.where.empty())
        return body;
    // Newlines around the body keep a trailing "-- comment" from swallowing the rest.
    std::string out = "SELECT * FROM (\n" + body + "\n) AS sluice_model";
    if (!spec.where.empty())
        out += " WHERE " + spec.where;
    if (!spec.orderBy.empty()) {
        out += " ORDER BY ";
        for (std::size_t i = 0; i < spec.orderBy.size(); ++i) {
            if (i)
                out += ", ";
            out += quoteIdentifier(spec.orderBy[i], identifierQuote);
            if (spec.bytewiseOrder && collate)
                out += collate(spec.orderBy[i]);
        }
    }
    if (spec.limit)
        out += " LIMIT " + std::to_string(*spec.limit);
    return out;
}

} // namespace sluice

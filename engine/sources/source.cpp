#include "source.h"

namespace sluice {

std::string Source::collationFor(const Column &column) const
{
    return column.type == ValueType::Text ? bytewiseTextCollation() : std::string();
}

std::string Source::comparison(const Column &column, std::string_view op, const Value &value) const
{
    return quoteIdentifier(column.name) + collationFor(column) + " " + std::string(op) + " " + sqlLiteral(value);
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

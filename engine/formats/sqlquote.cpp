#include "sqlquote.h"

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

std::string sqlLiteral(const Value &v)
{
    switch (v.type()) {
    case ValueType::Null: return "NULL";
    case ValueType::Integer:
    case ValueType::Real: return v.toString();
    case ValueType::Boolean: return v.asBoolean() ? "TRUE" : "FALSE";
    default: {
        std::string out = "'";
        for (char c : v.toString()) {
            out += c;
            if (c == '\'')
                out += '\'';
        }
        return out + "'";
    }
    }
}

} // namespace sluice

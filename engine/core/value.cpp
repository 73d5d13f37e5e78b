#include "value.h"

#include <charconv>
#include <cmath>

namespace sluice {

std::string_view valueTypeName(ValueType t)
{
    switch (t) {
    case ValueType::Null: return "null";
    case ValueType::Integer: return "integer";
    case ValueType::Real: return "real";
    case ValueType::Text: return "text";
    case ValueType::Boolean: return "boolean";
    }
    return "text";
}

std::string Value::toString() const
{
    switch (type()) {
    case ValueType::Null: return {};
    case ValueType::Integer: return std::to_string(asInteger());
    case ValueType::Real: {
        // Shortest representation that round-trips, like JSON writers use.
        char buf[32];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, asReal());
        return ec == std::errc() ? std::string(buf, end) : std::string("NaN");
    }
    case ValueType::Text: return asText();
    case ValueType::Boolean: return asBoolean() ? "true" : "false";
    }
    return {};
}

} // namespace sluice

#include "fieldtype.h"

#include "formats/textutil.h"

#include <string>

namespace sluice {

std::string_view fieldTypeName(FieldType type)
{
    switch (type) {
    case FieldType::Unknown: return "unknown";
    case FieldType::Text: return "string";
    case FieldType::Integer: return "integer";
    case FieldType::Decimal: return "decimal";
    case FieldType::Boolean: return "boolean";
    case FieldType::Date: return "date";
    case FieldType::DateTime: return "datetime";
    }
    return "unknown";
}

std::optional<FieldType> fieldTypeFromName(std::string_view name)
{
    using mapping::equalsIgnoringAsciiCase;
    static constexpr std::pair<std::string_view, FieldType> names[] = {
        {"string", FieldType::Text},        {"text", FieldType::Text},       {"integer", FieldType::Integer},
        {"decimal", FieldType::Decimal},    {"number", FieldType::Decimal},  {"boolean", FieldType::Boolean},
        {"bool", FieldType::Boolean},       {"date", FieldType::Date},       {"datetime", FieldType::DateTime},
        {"timestamp", FieldType::DateTime}, {"unknown", FieldType::Unknown},
    };
    for (const auto &[n, t] : names)
        if (equalsIgnoringAsciiCase(n, name))
            return t;
    return std::nullopt;
}

FieldType fieldTypeOf(ValueType type)
{
    switch (type) {
    case ValueType::Integer: return FieldType::Integer;
    case ValueType::Real: return FieldType::Decimal;
    case ValueType::Text: return FieldType::Text;
    case ValueType::Boolean: return FieldType::Boolean;
    case ValueType::Null: return FieldType::Unknown;
    }
    return FieldType::Unknown;
}

FieldType fieldTypeOf(const Column &column)
{
    std::string declared = column.declaredType;
    mapping::toLowerAscii(declared);
    if (declared.find("timestamp") != std::string::npos || declared.find("datetime") != std::string::npos)
        return FieldType::DateTime;
    if (declared == "date")
        return FieldType::Date;
    return fieldTypeOf(column.type);
}

FieldType fieldTypeOf(const Value &value)
{
    return fieldTypeOf(value.type());
}

} // namespace sluice

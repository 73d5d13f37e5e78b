#pragma once
// The types a destination field can expect, and what a mapping is known to
// produce for it, so checkMapping can point at a mismatch before any run.
// Dates and date-times travel as text or epoch numbers; they are types of
// their own here because destinations (HubSpot date properties, Salesforce
// Date fields) tell them apart.

#include "core/value.h"

#include <optional>
#include <string_view>

namespace sluice {

enum class FieldType { Unknown, Text, Integer, Decimal, Boolean, Date, DateTime };

// "unknown", "string", "integer", "decimal", "boolean", "date", "datetime"
std::string_view fieldTypeName(FieldType type);

// The names above; also "text", "number", "bool", "timestamp".
std::optional<FieldType> fieldTypeFromName(std::string_view name);

// From the column's declared type when it names a date or timestamp, else its value type.
FieldType fieldTypeOf(const Column &column);
FieldType fieldTypeOf(const Value &value);
FieldType fieldTypeOf(ValueType type);

} // namespace sluice

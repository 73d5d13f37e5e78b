#include "typewords.h"

#include <QCoreApplication>

namespace sluice::ui {

QString typeWord(FieldType type)
{
    switch (type) {
    case FieldType::Text: return QCoreApplication::translate("TypeWords", "text");
    case FieldType::Integer: return QCoreApplication::translate("TypeWords", "integer");
    case FieldType::Decimal: return QCoreApplication::translate("TypeWords", "decimal");
    case FieldType::Boolean: return QCoreApplication::translate("TypeWords", "boolean");
    case FieldType::Date: return QCoreApplication::translate("TypeWords", "date");
    case FieldType::DateTime: return QCoreApplication::translate("TypeWords", "date-time");
    case FieldType::Unknown: break;
    }
    // Unknown: a field that takes any value, or a column only NULLs so far.
    return QCoreApplication::translate("TypeWords", "any");
}

QString typeWord(const Column &column)
{
    return typeWord(fieldTypeOf(column));
}

QString typeWord(ValueType type)
{
    return typeWord(fieldTypeOf(type));
}

} // namespace sluice::ui

#pragma once
// One vocabulary of types wherever the app shows one (the canvas, the table
// mapper, the field editor, row previews, the key picker, the source row):
// text, integer, decimal, boolean, date, date-time, any. The engine's names
// differ by layer (a column's declared TEXT, a value's "real", a field's
// "string"); people read one word per kind, in their language. What the
// database declared stays visible in tooltips and in the schema browser.

#include "core/value.h"
#include "destinations/contract/fieldtype.h"

#include <QString>

namespace sluice::ui {

QString typeWord(FieldType type);
// A column as the mapping sees it: a declared DATE or TIMESTAMP counts.
QString typeWord(const Column &column);
QString typeWord(ValueType type);

} // namespace sluice::ui

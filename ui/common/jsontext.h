#pragma once
// Layouts of JSON text that keep every token exactly as written: payloads are
// shown as the destination receives them (a reparse would reorder keys and
// reformat numbers), only whitespace changes.

#include <QString>

#include <string_view>

namespace sluice::ui {

// Two-space indented, one member per line.
QString prettyJson(std::string_view json);
// One line with a space after each ':' and ',' ({"a": 1, "b": [1, 2]}).
QString oneLineJson(std::string_view json);

} // namespace sluice::ui

#pragma once
// Internal to the inline editors' sources (stepeditor.cpp, fieldeditor.cpp),
// not for other code: the parts both editors build.

class QLabel;

namespace sluice::ui::InlineEditorParts {

// A hidden, word-wrapped label in the problem colour, for the editor's problems.
QLabel *problemLabel();

} // namespace sluice::ui::InlineEditorParts

#pragma once
// The palette the app runs with: the system's, with the colours that some
// dark palettes leave unreadable made readable (placeholder text drawn in a
// grey close to the field's background, check box outlines that vanish).

#include <QPalette>

namespace sluice::ui {

// A dark `palette` with every role that must stand out from its background
// (PlaceholderText against Base; Mid and Dark, which styles draw outlines
// with, against Window) moved halfway towards the text colour when it does
// not. Light palettes, and dark ones that read well, come back unchanged.
QPalette readablePalette(QPalette palette);

} // namespace sluice::ui

#pragma once
// Shift+F10 opens the context menu of the focused widget, as the Menu key
// does (Qt handles that one itself): the keyboard way to every right-click
// menu (explorer, canvas, tables) on keyboards without a Menu key. Lists and
// trees open it at their current item, the canvas at its focused item.

class QWidget;

namespace sluice::ui {

// Installs the handler once for the whole application.
void installKeyboardContextMenu();

// Sends `widget` a keyboard context-menu event at its current item, as
// Shift+F10 does. True when a widget took it.
bool openKeyboardContextMenu(QWidget *widget);

} // namespace sluice::ui

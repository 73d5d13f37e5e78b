#pragma once
namespace sluice::ui {
// Registers the icons compiled into sluice_ui; safe to call more than once.
void initResources();
} // namespace sluice::ui

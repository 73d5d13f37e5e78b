#include "readablepalette.h"

#include <cstdlib>

namespace sluice::ui {

namespace {

// Lightness apart below which text is lost on its background, and an
// outline (0-255).
constexpr int kTextContrast = 80;
constexpr int kOutlineContrast = 40;

QColor between(const QColor &from, const QColor &to, double share)
{
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * share),
                            float(from.greenF() + (to.greenF() - from.greenF()) * share),
                            float(from.blueF() + (to.blueF() - from.blueF()) * share));
}

void ensureContrast(QPalette &palette, QPalette::ColorGroup group, QPalette::ColorRole role,
                    QPalette::ColorRole background, QPalette::ColorRole text, int minimum)
{
    const QColor colour = palette.color(group, role);
    const QColor behind = palette.color(group, background);
    if (std::abs(colour.lightness() - behind.lightness()) >= minimum)
        return;
    palette.setColor(group, role, between(behind, palette.color(group, text), 0.55));
}

} // namespace

QPalette readablePalette(QPalette palette)
{
    // Light palettes draw outlines darker than the window by design; only
    // dark ones are known to lose them.
    if (palette.color(QPalette::Window).lightness() >= 128)
        return palette;
    for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
        ensureContrast(palette, group, QPalette::PlaceholderText, QPalette::Base, QPalette::Text, kTextContrast);
        ensureContrast(palette, group, QPalette::Mid, QPalette::Window, QPalette::WindowText, kOutlineContrast);
        ensureContrast(palette, group, QPalette::Dark, QPalette::Window, QPalette::WindowText, kOutlineContrast);
    }
    return palette;
}

} // namespace sluice::ui

// The shared look of the canvas items (CanvasStyle), their base (CanvasItem),
// and the drawing helpers of mappingitempaint.h. Each item class has its own
// file: columnitem.cpp, fielditem.cpp, nodeitem.cpp, edgeitem.cpp.

#include "mappingitems.h"

#include "mappingitempaint.h"
#include "mappingscene.h"

#include <QApplication>
#include <QPainter>

namespace sluice::ui {

using namespace CanvasMetrics;

// ---------------------------------------------------------------- painting helpers

namespace ItemPaint {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QFont smallFont(const QFont &font)
{
    QFont f = font;
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * 0.85);
    else
        f.setPixelSize(std::max(8, f.pixelSize() * 85 / 100));
    return f;
}

void drawPort(QPainter *painter, const QPointF &center, const QPalette &palette, bool filled)
{
    painter->setPen(QPen(CanvasStyle::edgeColor(palette), 1.5));
    painter->setBrush(filled ? CanvasStyle::edgeColor(palette) : palette.color(QPalette::Base));
    painter->drawEllipse(center, PortRadius, PortRadius);
}

} // namespace ItemPaint

using namespace ItemPaint;

// ---------------------------------------------------------------- style

QColor CanvasStyle::problemColor(const QPalette &palette, bool error)
{
    if (isDark(palette))
        return error ? QColor(0xef, 0x53, 0x50) : QColor(0xff, 0xb3, 0x00);
    return error ? QColor(0xc6, 0x28, 0x28) : QColor(0xb2, 0x6a, 0x00);
}

QColor CanvasStyle::muted(const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    return QColor((text.red() * 3 + base.red() * 2) / 5, (text.green() * 3 + base.green() * 2) / 5,
                  (text.blue() * 3 + base.blue() * 2) / 5);
}

QColor CanvasStyle::edgeColor(const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor window = palette.color(QPalette::Window);
    return QColor((text.red() * 2 + window.red()) / 3, (text.green() * 2 + window.green()) / 3,
                  (text.blue() * 2 + window.blue()) / 3);
}

QColor CanvasStyle::tint(const QPalette &palette, QPalette::ColorRole role, int alpha)
{
    QColor c = palette.color(role);
    c.setAlpha(alpha);
    return c;
}

// ---------------------------------------------------------------- CanvasItem

CanvasItem::CanvasItem(QGraphicsItem *parent) : QGraphicsItem(parent)
{
    setFlag(ItemIsFocusable);
    setFlag(ItemIsSelectable);
}

MappingScene *CanvasItem::mappingScene() const
{
    return static_cast<MappingScene *>(scene());
}

QPalette CanvasItem::palette() const
{
    return scene() ? scene()->palette() : QApplication::palette();
}

void CanvasItem::focusInEvent(QFocusEvent *event)
{
    QGraphicsItem::focusInEvent(event);
    if (MappingScene *s = mappingScene())
        s->itemFocused(this);
    update();
}

void CanvasItem::focusOutEvent(QFocusEvent *event)
{
    QGraphicsItem::focusOutEvent(event);
    update();
}

void CanvasItem::paintFocus(QPainter *painter, const QRectF &rect, qreal radius) const
{
    if (!hasFocus())
        return;
    painter->setPen(QPen(palette().color(QPalette::Highlight), 2, Qt::SolidLine));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(rect.adjusted(-2, -2, 2, 2), radius + 2, radius + 2);
}

} // namespace sluice::ui

#pragma once
// Internal to the sources of the canvas items (mappingitems.cpp, columnitem.cpp,
// fielditem.cpp, nodeitem.cpp, edgeitem.cpp), not for other code: the drawing
// helpers they share.

#include "mappingitems.h"

#include <QFont>
#include <QPalette>
#include <QPointF>

class QPainter;

namespace sluice::ui::ItemPaint {

constexpr qreal Radius = 5;

bool isDark(const QPalette &palette);
QFont smallFont(const QFont &font);
void drawPort(QPainter *painter, const QPointF &center, const QPalette &palette, bool filled);

} // namespace sluice::ui::ItemPaint

// ColumnItem: a column of the model on the canvas's left, dragged onto a
// field to connect them.

#include "mappingitems.h"

#include "canvastr.h"
#include "common/typewords.h"
#include "mappingitempaint.h"
#include "mappingmime.h"
#include "mappingscene.h"

#include "destinations/contract/fieldtype.h"

#include <QApplication>
#include <QGraphicsSceneMouseEvent>
#include <QMimeData>
#include <QPainter>

namespace sluice::ui {

using namespace CanvasMetrics;
using namespace ItemPaint;

// ---------------------------------------------------------------- ColumnItem

ColumnItem::ColumnItem(const Column &column) : m_name(QString::fromStdString(column.name)), m_typeName(typeWord(column))
{
    setZValue(ZValue::Item);
    setCursor(Qt::OpenHandCursor);
    setToolTip(CanvasTr::tr("Column %1 (%2). Drag it onto a field to connect them, or focus it and a field "
                            "and press Ctrl+L.")
                   .arg(m_name, m_typeName));
    setAcceptedMouseButtons(Qt::LeftButton);
}

void ColumnItem::setWidth(qreal width)
{
    prepareGeometryChange();
    m_width = width;
}

QPointF ColumnItem::portScenePos() const
{
    return mapToScene(QPointF(m_width, ItemHeight / 2));
}

void ColumnItem::setConnected(bool connected)
{
    if (m_connected != connected) {
        m_connected = connected;
        update();
    }
}

void ColumnItem::setArmed(bool armed)
{
    if (m_armed != armed) {
        m_armed = armed;
        update();
    }
}

QRectF ColumnItem::boundingRect() const
{
    return QRectF(-4, -4, m_width + PortRadius + 8, ItemHeight + 8);
}

void ColumnItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QPalette pal = palette();
    const QRectF r(0, 0, m_width, ItemHeight);
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = isSelected();
    painter->setPen(QPen(m_armed ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid), m_armed ? 1.5 : 1));
    painter->setBrush(selected  ? pal.color(QPalette::Highlight)
                      : m_armed ? CanvasStyle::tint(pal, QPalette::Highlight, 50)
                                : pal.color(QPalette::Base));
    painter->drawRoundedRect(r, Radius, Radius);
    const QColor text = selected ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text);

    const QFont small = smallFont(scene() ? scene()->font() : QFont());
    const QFontMetricsF smallMetrics(small);
    const qreal typeWidth = smallMetrics.horizontalAdvance(m_typeName);
    const QRectF typeRect(r.right() - typeWidth - 10, 0, typeWidth, ItemHeight);
    painter->setFont(scene() ? scene()->font() : QFont());
    painter->setPen(text);
    const QRectF nameRect(10, 0, typeRect.left() - 16, ItemHeight);
    painter->drawText(nameRect, Qt::AlignVCenter | Qt::AlignLeft,
                      painter->fontMetrics().elidedText(m_name, Qt::ElideRight, int(nameRect.width())));
    painter->setFont(small);
    painter->setPen(selected ? text : CanvasStyle::muted(pal));
    painter->drawText(typeRect, Qt::AlignVCenter | Qt::AlignRight, m_typeName);
    drawPort(painter, QPointF(m_width, ItemHeight / 2), pal, m_connected);
    paintFocus(painter, r, Radius);
}

void ColumnItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    m_pressed = true;
    m_pressPos = event->scenePos();
    setFocus(Qt::MouseFocusReason);
    QGraphicsItem::mousePressEvent(event);
}

void ColumnItem::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    const QPoint moved = event->screenPos() - event->buttonDownScreenPos(Qt::LeftButton);
    const bool far = moved.manhattanLength() >= QApplication::startDragDistance()
                  || (event->scenePos() - m_pressPos).manhattanLength() >= QApplication::startDragDistance();
    if (!m_pressed || !far || !mappingScene())
        return;
    m_pressed = false;
    auto *data = new QMimeData;
    data->setData(mime::column(), m_name.toUtf8());
    data->setText(m_name);
    mappingScene()->startDrag(data, event->widget());
}

void ColumnItem::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    m_pressed = false;
    QGraphicsItem::mouseReleaseEvent(event);
}

} // namespace sluice::ui

// NodeItem: a step node on an edge (a transform, or the edge's source pill);
// a drop target for transforms.

#include "mappingitems.h"

#include "mappingitempaint.h"
#include "mappingmime.h"
#include "mappingscene.h"

#include <QGraphicsSceneDragDropEvent>
#include <QMimeData>
#include <QPainter>

namespace sluice::ui {

using namespace CanvasMetrics;
using namespace ItemPaint;

// ---------------------------------------------------------------- NodeItem

NodeItem::NodeItem(EdgeItem *edge, Kind kind, int index, const QString &label, const QString &toolTip)
    : CanvasItem(edge), m_kind(kind), m_index(index), m_label(label), m_toolTip(toolTip)
{
    setZValue(ZValue::Node);
    setAcceptDrops(true);
    setToolTip(toolTip);
}

EdgeItem *NodeItem::edge() const
{
    return static_cast<EdgeItem *>(parentItem());
}

void NodeItem::setProblem(const QString &text, bool error)
{
    if (m_problem == text && m_problemIsError == error)
        return;
    m_problem = text;
    m_problemIsError = error;
    QStringList tip{m_toolTip};
    for (const QString &p : {m_fixedProblem, m_problem})
        if (!p.isEmpty())
            tip << p;
    setToolTip(tip.join(QLatin1Char('\n')));
    update();
}

void NodeItem::setFixedProblem(const QString &text)
{
    m_fixedProblem = text;
    const QString checked = m_problem;
    m_problem = QStringLiteral("\x01"); // force the tool tip to be rebuilt
    setProblem(checked, m_problemIsError);
}

void NodeItem::setWidth(qreal width)
{
    prepareGeometryChange();
    m_width = width;
}

QRectF NodeItem::boundingRect() const
{
    return QRectF(-4, -4, m_width + 8, ItemHeight + 8);
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QPalette pal = palette();
    const QRectF r(0, 0, m_width, ItemHeight);
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = isSelected();
    QPen pen(pal.color(QPalette::Mid), 1);
    if (hasProblem())
        pen = QPen(CanvasStyle::problemColor(pal, !m_fixedProblem.isEmpty() || m_problemIsError), 2);
    if (m_dropTarget)
        pen = QPen(pal.color(QPalette::Highlight), 2.5);
    if (m_kind == Kind::Source)
        pen.setStyle(Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(selected                 ? pal.color(QPalette::Highlight)
                      : m_kind == Kind::Source ? pal.color(QPalette::AlternateBase)
                                               : pal.color(QPalette::Button));
    const qreal radius = m_kind == Kind::Source ? ItemHeight / 2 : Radius;
    painter->drawRoundedRect(r, radius, radius);
    QFont font = scene() ? scene()->font() : QFont();
    font.setItalic(m_kind == Kind::Source);
    painter->setFont(font);
    painter->setPen(selected                 ? pal.color(QPalette::HighlightedText)
                    : m_kind == Kind::Source ? pal.color(QPalette::Text)
                                             : pal.color(QPalette::ButtonText));
    const QRectF textRect = r.adjusted(8, 0, -8, 0);
    painter->drawText(textRect, Qt::AlignCenter,
                      QFontMetricsF(font).elidedText(m_label, Qt::ElideRight, textRect.width()));
    paintFocus(painter, r, radius);
}

void NodeItem::dragEnterEvent(QGraphicsSceneDragDropEvent *event)
{
    const bool ok = event->mimeData()->hasFormat(mime::transform()) && edge() && edge()->isValidEntry();
    event->setAccepted(ok);
    m_dropTarget = ok;
    update();
}

void NodeItem::dragLeaveEvent(QGraphicsSceneDragDropEvent *)
{
    m_dropTarget = false;
    update();
}

void NodeItem::dropEvent(QGraphicsSceneDragDropEvent *event)
{
    m_dropTarget = false;
    update();
    // A drop on a transform inserts after it; on the source pill, first.
    const int position = m_kind == Kind::Source ? 0 : m_index + 1;
    if (mappingScene() && edge() && mappingScene()->dropOnEdge(edge()->field(), position, event->mimeData()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void NodeItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *)
{
    if (mappingScene())
        mappingScene()->requestEdit(this);
}

// ---------------------------------------------------------------- EdgeItem
} // namespace sluice::ui

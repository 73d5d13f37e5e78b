// EdgeItem: one mapping entry drawn from its source column to its field, with
// its step nodes as children; a drop target for transforms, and its field end
// dragged to rewire it.

#include "mappingitems.h"

#include "canvastr.h"
#include "mappingitempaint.h"
#include "mappingmime.h"
#include "mappingscene.h"
#include "stepcatalog.h"

#include <QApplication>
#include <QGraphicsSceneDragDropEvent>
#include <QGraphicsSceneMouseEvent>
#include <QMimeData>
#include <QPainter>
#include <QPainterPathStroker>

#include <algorithm>

namespace sluice::ui {

using namespace CanvasMetrics;

EdgeItem::EdgeItem(EntryId id, const QString &field) : m_id(id), m_field(field)
{
    setZValue(ZValue::Edge);
    setAcceptDrops(true);
    setAcceptHoverEvents(false);
}

void EdgeItem::setEntry(const MappingEntry &e, bool columnExists)
{
    qDeleteAll(m_nodes);
    m_nodes.clear();
    m_field = e.field;
    m_valid = e.valid;
    m_column = e.valid && e.source == SourceKind::Column && columnExists ? e.column : QString();

    if (!e.valid) {
        auto *pill = new NodeItem(this, NodeItem::Kind::Source, -1, CanvasTr::tr("invalid entry"), jsonToText(e.raw));
        pill->setFixedProblem(e.invalidReason);
        m_nodes.push_back(pill);
        update();
        return;
    }
    switch (e.source) {
    case SourceKind::Column:
        if (!columnExists) {
            auto *pill
                = new NodeItem(this, NodeItem::Kind::Source, -1, e.column, CanvasTr::tr("Column %1").arg(e.column));
            pill->setFixedProblem(CanvasTr::tr("The model has no column %1").arg(e.column));
            m_nodes.push_back(pill);
        }
        break;
    case SourceKind::Value:
        m_nodes.push_back(new NodeItem(this, NodeItem::Kind::Source, -1, jsonToText(e.value),
                                       CanvasTr::tr("Static value: %1").arg(scalarToText(e.value))));
        break;
    case SourceKind::Template:
        m_nodes.push_back(new NodeItem(this, NodeItem::Kind::Source, -1, CanvasTr::tr("template"),
                                       CanvasTr::tr("Template: %1").arg(e.templateText)));
        break;
    case SourceKind::None:
        m_nodes.push_back(new NodeItem(this, NodeItem::Kind::Source, -1, CanvasTr::tr("(no source)"),
                                       CanvasTr::tr("No source: the transforms start from NULL")));
        break;
    }
    for (std::size_t i = 0; i < e.transforms.size(); ++i)
        m_nodes.push_back(new NodeItem(this, NodeItem::Kind::Transform, int(i),
                                       stepSummary(StepList::Transforms, e.transforms[i]),
                                       jsonToText(e.transforms[i], 1)));
    update();
}

NodeItem *EdgeItem::sourceNode() const
{
    return !m_nodes.empty() && m_nodes.front()->kind() == NodeItem::Kind::Source ? m_nodes.front() : nullptr;
}

NodeItem *EdgeItem::transformNode(int index) const
{
    for (NodeItem *n : m_nodes)
        if (n->kind() == NodeItem::Kind::Transform && n->index() == index)
            return n;
    return nullptr;
}

void EdgeItem::setGeometry(const std::optional<QPointF> &start, const QPointF &end, qreal chainRight)
{
    prepareGeometryChange();
    m_end = end - QPointF(PortRadius + 1, 0); // the arrow stops at the port's rim
    const int n = int(m_nodes.size());
    const qreal y = m_end.y() - ItemHeight / 2;
    for (int i = 0; i < n; ++i)
        m_nodes[std::size_t(i)]->setPos(chainRight - (n - i) * NodeWidth - (n - i - 1) * NodeGap, y);

    QPainterPath path;
    auto curveTo = [&path](const QPointF &from, const QPointF &to) {
        const qreal dx = std::max(40.0, (to.x() - from.x()) * 0.5);
        path.cubicTo(from + QPointF(dx, 0), to - QPointF(dx, 0), to);
    };
    if (start) {
        path.moveTo(*start);
        const QPointF first = n > 0 ? m_nodes.front()->pos() + QPointF(0, ItemHeight / 2) : m_end;
        curveTo(*start, first);
    } else if (n > 0) {
        path.moveTo(m_nodes.front()->pos() + QPointF(0, ItemHeight / 2));
    } else {
        path.moveTo(m_end - QPointF(40, 0));
    }
    for (int i = 0; i < n; ++i) {
        const QPointF left = m_nodes[std::size_t(i)]->pos() + QPointF(0, ItemHeight / 2);
        const QPointF right = left + QPointF(NodeWidth, 0);
        if (i > 0 || start)
            path.lineTo(left);
        path.moveTo(right);
    }
    path.lineTo(m_end);
    m_path = path;
    update();
}

int EdgeItem::insertPositionAt(const QPointF &scenePos) const
{
    int position = 0;
    for (NodeItem *n : m_nodes)
        if (n->kind() == NodeItem::Kind::Transform && n->sceneBoundingRect().center().x() < scenePos.x())
            position = n->index() + 1;
    return position;
}

QRectF EdgeItem::boundingRect() const
{
    return m_path.boundingRect().adjusted(-8, -8, 8, 8);
}

QPainterPath EdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(12);
    return stroker.createStroke(m_path);
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QPalette pal = palette();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor color = CanvasStyle::edgeColor(pal);
    qreal width = 1.6;
    if (!m_valid)
        color = CanvasStyle::problemColor(pal, true);
    if (isSelected() || hasFocus() || m_dropTarget) {
        color = pal.color(QPalette::Highlight);
        width = 3;
    }
    QPen pen(color, width);
    if (m_column.isEmpty())
        pen.setStyle(Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    // Arrow head at the field.
    QPolygonF arrow;
    arrow << m_end << m_end + QPointF(-9, -4.5) << m_end + QPointF(-9, 4.5);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(arrow);
}

void EdgeItem::dragEnterEvent(QGraphicsSceneDragDropEvent *event)
{
    const bool ok = event->mimeData()->hasFormat(mime::transform()) && m_valid;
    event->setAccepted(ok);
    m_dropTarget = ok;
    update();
}

void EdgeItem::dragLeaveEvent(QGraphicsSceneDragDropEvent *)
{
    m_dropTarget = false;
    update();
}

void EdgeItem::dropEvent(QGraphicsSceneDragDropEvent *event)
{
    m_dropTarget = false;
    update();
    if (mappingScene() && mappingScene()->dropOnEdge(m_field, insertPositionAt(event->scenePos()), event->mimeData()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void EdgeItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    // Grabbing the edge near its field end starts a rewire.
    m_draggingEnd = QLineF(event->scenePos(), m_end).length() <= 24;
    m_pressPos = event->scenePos();
    setFocus(Qt::MouseFocusReason);
    QGraphicsItem::mousePressEvent(event);
}

void EdgeItem::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (!m_draggingEnd || !mappingScene()
        || (event->scenePos() - m_pressPos).manhattanLength() < QApplication::startDragDistance())
        return;
    m_draggingEnd = false;
    auto *data = new QMimeData;
    data->setData(mime::edgeEnd(), m_field.toUtf8());
    mappingScene()->startDrag(data, event->widget());
}

void EdgeItem::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    m_draggingEnd = false;
    QGraphicsItem::mouseReleaseEvent(event);
}

void EdgeItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *)
{
    if (mappingScene())
        mappingScene()->requestEdit(this);
}

} // namespace sluice::ui

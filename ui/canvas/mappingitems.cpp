#include "mappingitems.h"

#include "canvastr.h"
#include "mappingmime.h"
#include "mappingscene.h"
#include "stepcatalog.h"

#include "destinations/contract/fieldtype.h"

#include <QApplication>
#include <QGraphicsSceneDragDropEvent>
#include <QGraphicsSceneMouseEvent>
#include <QMimeData>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <QSvgRenderer>

namespace sluice::ui {

using namespace CanvasMetrics;

namespace {

constexpr qreal Radius = 5;

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

QSvgRenderer &keyIcon()
{
    static QSvgRenderer renderer(QStringLiteral(":/icons/key.svg"));
    return renderer;
}

} // namespace

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

// ---------------------------------------------------------------- ColumnItem

ColumnItem::ColumnItem(const Column &column)
    : m_name(QString::fromStdString(column.name)),
      m_typeName(column.declaredType.empty() ? QString::fromStdString(std::string(fieldTypeName(fieldTypeOf(column))))
                                             : QString::fromStdString(column.declaredType).toLower())
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
    painter->setBrush(selected ? pal.color(QPalette::Highlight)
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

// ---------------------------------------------------------------- FieldItem

FieldItem::FieldItem(const QString &name, const DestinationField *field)
    : m_name(name),
      m_typeName(field ? QString::fromStdString(std::string(fieldTypeName(field->type)))
                       : CanvasTr::tr("custom")),
      m_required(field && field->required), m_identifier(field && field->identifier), m_extra(!field)
{
    if (m_typeName == QLatin1String("unknown"))
        m_typeName.clear();
    setZValue(ZValue::Item);
    setAcceptDrops(true);
    updateToolTip();
}

void FieldItem::setWidth(qreal width)
{
    prepareGeometryChange();
    m_width = width;
}

QPointF FieldItem::portScenePos() const
{
    return mapToScene(QPointF(0, ItemHeight / 2));
}

void FieldItem::setConnected(bool connected)
{
    if (m_connected != connected) {
        m_connected = connected;
        update();
    }
}

void FieldItem::setArmed(bool armed)
{
    if (m_armed != armed) {
        m_armed = armed;
        update();
    }
}

void FieldItem::setProblems(const std::vector<MappingProblem> &problems)
{
    const bool geometry = problems.empty() != m_problems.empty();
    if (geometry)
        prepareGeometryChange();
    m_problems = problems;
    updateToolTip();
    update();
}

bool FieldItem::hasErrors() const
{
    return std::any_of(m_problems.begin(), m_problems.end(), [](const MappingProblem &p) { return p.error; });
}

QString FieldItem::problemToolTip() const
{
    QStringList lines;
    for (const MappingProblem &p : m_problems)
        lines << QStringLiteral("%1: %2").arg(p.error ? CanvasTr::tr("Error") : CanvasTr::tr("Warning"), p.text());
    return lines.join(QLatin1Char('\n'));
}

void FieldItem::updateToolTip()
{
    QStringList parts;
    parts << CanvasTr::tr("Field %1").arg(m_name) + (m_typeName.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m_typeName));
    if (m_identifier)
        parts << CanvasTr::tr("Identifier: matches existing records.");
    if (m_required)
        parts << CanvasTr::tr("Required: the destination refuses records without it.");
    if (m_extra)
        parts << CanvasTr::tr("Not listed by the destination.");
    if (!m_problems.empty())
        parts << problemToolTip();
    setToolTip(parts.join(QLatin1Char('\n')));
}

QRectF FieldItem::badgeRect() const
{
    if (m_problems.empty())
        return {};
    const qreal d = ItemHeight - 8;
    return QRectF(m_width + 6, 4, d + (m_problems.size() > 9 ? 6 : 0), d);
}

QRectF FieldItem::boundingRect() const
{
    const QRectF badge = badgeRect();
    return QRectF(-PortRadius - 4, -4, (badge.isNull() ? m_width : badge.right()) + PortRadius + 10, ItemHeight + 8);
}

void FieldItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QPalette pal = palette();
    const QRectF r(0, 0, m_width, ItemHeight);
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = isSelected();
    QColor border = pal.color(QPalette::Mid);
    if (m_armed || m_dropTarget)
        border = pal.color(QPalette::Highlight);
    painter->setPen(QPen(border, m_dropTarget ? 2.5 : m_armed ? 1.5 : 1, m_extra ? Qt::DashLine : Qt::SolidLine));
    painter->setBrush(selected ? pal.color(QPalette::Highlight)
                      : (m_armed || m_dropTarget) ? CanvasStyle::tint(pal, QPalette::Highlight, 50)
                                                  : pal.color(QPalette::Base));
    painter->drawRoundedRect(r, Radius, Radius);
    const QColor text = selected ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text);

    qreal x = 12;
    if (m_identifier) {
        keyIcon().render(painter, QRectF(x, (ItemHeight - 16) / 2, 16, 16));
        x += 20;
    }
    const QFont font = scene() ? scene()->font() : QFont();
    QFont nameFont = font;
    nameFont.setBold(m_required || m_identifier);
    const QFont small = smallFont(font);
    const qreal typeWidth = QFontMetricsF(small).horizontalAdvance(m_typeName);
    const qreal markWidth = m_required ? QFontMetricsF(nameFont).horizontalAdvance(QStringLiteral(" *")) : 0;
    const qreal nameSpace = r.right() - typeWidth - 12 - x - markWidth - 4;
    const QFontMetricsF nameMetrics(nameFont);
    const QString name = nameMetrics.elidedText(m_name, Qt::ElideRight, nameSpace);
    painter->setFont(nameFont);
    painter->setPen(text);
    painter->drawText(QRectF(x, 0, nameSpace, ItemHeight), Qt::AlignVCenter | Qt::AlignLeft, name);
    if (m_required) {
        painter->setPen(selected ? text : CanvasStyle::problemColor(pal, true));
        painter->drawText(QRectF(x + nameMetrics.horizontalAdvance(name), 0, markWidth, ItemHeight),
                          Qt::AlignVCenter | Qt::AlignLeft, QStringLiteral(" *"));
    }
    painter->setFont(small);
    painter->setPen(selected ? text : CanvasStyle::muted(pal));
    painter->drawText(QRectF(r.right() - typeWidth - 10, 0, typeWidth, ItemHeight), Qt::AlignVCenter | Qt::AlignRight,
                      m_typeName);
    drawPort(painter, QPointF(0, ItemHeight / 2), pal, m_connected);
    paintFocus(painter, r, Radius);

    const QRectF badge = badgeRect();
    if (!badge.isNull()) {
        const bool error = hasErrors();
        painter->setPen(Qt::NoPen);
        painter->setBrush(CanvasStyle::problemColor(pal, error));
        painter->drawRoundedRect(badge, badge.height() / 2, badge.height() / 2);
        QFont badgeFont = small;
        badgeFont.setBold(true);
        painter->setFont(badgeFont);
        painter->setPen(isDark(pal) ? QColor(Qt::black) : QColor(Qt::white));
        painter->drawText(badge, Qt::AlignCenter, error ? QString::number(m_problems.size()) : QStringLiteral("!"));
    }
}

void FieldItem::dragEnterEvent(QGraphicsSceneDragDropEvent *event)
{
    const QMimeData *data = event->mimeData();
    const bool ok = data->hasFormat(mime::column())
                    || (data->hasFormat(mime::edgeEnd()) && QString::fromUtf8(data->data(mime::edgeEnd())) != m_name);
    event->setAccepted(ok);
    if (ok) {
        event->setDropAction(Qt::LinkAction);
        m_dropTarget = true;
        update();
    }
}

void FieldItem::dragLeaveEvent(QGraphicsSceneDragDropEvent *)
{
    m_dropTarget = false;
    update();
}

void FieldItem::dropEvent(QGraphicsSceneDragDropEvent *event)
{
    m_dropTarget = false;
    update();
    if (mappingScene() && mappingScene()->dropOnField(m_name, event->mimeData())) {
        event->setDropAction(Qt::LinkAction);
        event->accept();
    } else {
        event->ignore();
    }
}

void FieldItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *)
{
    if (mappingScene())
        mappingScene()->requestEdit(this);
}

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
    painter->setBrush(selected ? pal.color(QPalette::Highlight)
                      : m_kind == Kind::Source ? pal.color(QPalette::AlternateBase)
                                               : pal.color(QPalette::Button));
    const qreal radius = m_kind == Kind::Source ? ItemHeight / 2 : Radius;
    painter->drawRoundedRect(r, radius, radius);
    QFont font = scene() ? scene()->font() : QFont();
    font.setItalic(m_kind == Kind::Source);
    painter->setFont(font);
    painter->setPen(selected ? pal.color(QPalette::HighlightedText)
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
        auto *pill = new NodeItem(this, NodeItem::Kind::Source, -1, CanvasTr::tr("invalid entry"),
                                  jsonToText(e.raw));
        pill->setFixedProblem(e.invalidReason);
        m_nodes.push_back(pill);
        update();
        return;
    }
    switch (e.source) {
    case SourceKind::Column:
        if (!columnExists) {
            auto *pill = new NodeItem(this, NodeItem::Kind::Source, -1, e.column,
                                      CanvasTr::tr("Column %1").arg(e.column));
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

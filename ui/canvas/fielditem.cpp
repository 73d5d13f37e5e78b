// FieldItem: a destination field on the canvas's right, with its required
// and identifier marks and a badge of its problems; a drop target for columns
// and rewired edges.

#include "mappingitems.h"

#include "canvastr.h"
#include "common/typewords.h"
#include "mappingitempaint.h"
#include "mappingmime.h"
#include "mappingscene.h"

#include "destinations/contract/fieldtype.h"

#include <QGraphicsSceneDragDropEvent>
#include <QMimeData>
#include <QPainter>
#include <QSvgRenderer>

#include <algorithm>

namespace sluice::ui {

using namespace CanvasMetrics;
using namespace ItemPaint;

namespace {

QSvgRenderer &keyIcon()
{
    static QSvgRenderer renderer(QStringLiteral(":/icons/key.svg"));
    return renderer;
}

} // namespace

// ---------------------------------------------------------------- FieldItem

FieldItem::FieldItem(const QString &name, const DestinationField *field)
    : m_name(name), m_typeName(field ? typeWord(field->type) : CanvasTr::tr("custom")),
      m_required(field && field->required), m_identifier(field && field->identifier), m_extra(!field)
{
    // A field that takes any value (a file's, a webhook's) shows no type.
    if (field && field->type == FieldType::Unknown)
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
    parts << CanvasTr::tr("Field %1").arg(m_name)
                 + (m_typeName.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m_typeName));
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
    painter->setBrush(selected                    ? pal.color(QPalette::Highlight)
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

} // namespace sluice::ui

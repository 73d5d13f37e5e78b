// MappingScene: the layout: columns and fields in two lists, each edge's
// chain of steps in between, the filter, and the headers; laid out again
// when the font or palette changes.

#include "mappingscene.h"

#include "canvastr.h"
#include "mappingitems.h"

#include <QFontMetricsF>
#include <QGraphicsSimpleTextItem>
#include <QSet>

#include <algorithm>

namespace sluice::ui {

using namespace CanvasMetrics;
using nlohmann::json;

namespace {

QFont smallFontOf(const QFont &font)
{
    QFont f = font;
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * 0.85);
    return f;
}

} // namespace

void MappingScene::setFilterText(const QString &text)
{
    if (m_filter == text)
        return;
    m_filter = text;
    applyFilter();
    layoutItems();
}

void MappingScene::setHideUnmappedColumns(bool hide)
{
    if (m_hideUnmapped == hide)
        return;
    m_hideUnmapped = hide;
    applyFilter();
    layoutItems();
}

void MappingScene::applyFilter()
{
    const QString needle = m_filter.trimmed();
    QSet<QString> columns;
    QSet<QString> fields;
    for (ColumnItem *c : std::as_const(m_columnOrder))
        if (needle.isEmpty() || c->name().contains(needle, Qt::CaseInsensitive))
            columns.insert(c->name());
    for (FieldItem *f : std::as_const(m_fieldOrder))
        if (needle.isEmpty() || f->name().contains(needle, Qt::CaseInsensitive))
            fields.insert(f->name());
    if (!needle.isEmpty()) { // show what the matches are connected to
        const QSet<QString> matchedColumns = columns;
        const QSet<QString> matchedFields = fields;
        for (EdgeItem *e : std::as_const(m_edges)) {
            if (e->column().isEmpty())
                continue;
            if (matchedColumns.contains(e->column()))
                fields.insert(e->field());
            if (matchedFields.contains(e->field()))
                columns.insert(e->column());
        }
    }
    if (m_hideUnmapped) {
        QSet<QString> used;
        for (EdgeItem *e : std::as_const(m_edges))
            if (!e->column().isEmpty())
                used.insert(e->column());
        columns.intersect(used);
    }
    for (ColumnItem *c : std::as_const(m_columnOrder))
        c->setVisible(columns.contains(c->name()));
    for (FieldItem *f : std::as_const(m_fieldOrder))
        f->setVisible(fields.contains(f->name()));
    for (EdgeItem *e : std::as_const(m_edges))
        e->setVisible(fields.contains(e->field()) && (e->column().isEmpty() || columns.contains(e->column())));
    if (QGraphicsItem *f = focusItem(); f && !f->isVisible())
        clearFocus();
}

void MappingScene::layoutItems()
{
    const QFont base = font();
    QFont bold = base;
    bold.setBold(true);
    const QFontMetricsF metrics(base);
    const QFontMetricsF boldMetrics(bold);
    const QFontMetricsF smallMetrics(smallFontOf(base));

    // Measuring text is the slow part of a layout: remember widths per name.
    if (m_widthFont != base) {
        m_widthFont = base;
        m_columnWidths.clear();
        m_fieldWidths.clear();
    }
    qreal columnWidth = 150;
    for (ColumnItem *c : std::as_const(m_columnOrder)) {
        auto it = m_columnWidths.find(c->name());
        if (it == m_columnWidths.end())
            it = m_columnWidths.insert(c->name(), metrics.horizontalAdvance(c->name())
                                                      + smallMetrics.horizontalAdvance(c->typeName()) + 40);
        columnWidth = std::max(columnWidth, it.value());
    }
    columnWidth = std::min(columnWidth, 320.0);
    qreal fieldWidth = 170;
    const qreal typeWidth = smallMetrics.horizontalAdvance(QStringLiteral("datetime"));
    for (FieldItem *f : std::as_const(m_fieldOrder)) {
        auto it = m_fieldWidths.find(f->name());
        if (it == m_fieldWidths.end())
            it = m_fieldWidths.insert(f->name(),
                                      boldMetrics.horizontalAdvance(f->name() + QStringLiteral(" *")) + typeWidth + 44);
        fieldWidth = std::max(fieldWidth, it.value() + (f->isIdentifier() ? 20 : 0));
    }
    fieldWidth = std::min(fieldWidth, 340.0);

    const QList<EdgeItem *> edges = visibleEdges();
    int chain = 0;
    for (EdgeItem *e : edges)
        chain = std::max(chain, e->chainLength());
    const qreal middle = std::max(300.0, chain * (NodeWidth + NodeGap) + 150);
    const qreal fieldX = columnWidth + middle;

    int row = 0;
    for (ColumnItem *c : std::as_const(m_columnOrder)) {
        c->setWidth(columnWidth);
        if (c->isVisible())
            c->setPos(0, HeaderHeight + row++ * RowHeight);
    }
    const int columnRows = row;
    row = 0;
    for (FieldItem *f : std::as_const(m_fieldOrder)) {
        f->setWidth(fieldWidth);
        if (f->isVisible())
            f->setPos(fieldX, HeaderHeight + row++ * RowHeight);
    }
    const int fieldRows = row;
    for (EdgeItem *e : std::as_const(m_edges)) {
        FieldItem *f = m_fields.value(e->field());
        if (!f || !e->isVisible())
            continue;
        ColumnItem *c = e->column().isEmpty() ? nullptr : m_columns.value(e->column());
        std::optional<QPointF> start;
        if (c && c->isVisible())
            start = c->portScenePos();
        e->setGeometry(start, f->portScenePos(), fieldX - 44);
    }

    const bool filtered = !m_filter.trimmed().isEmpty();
    m_columnHeader->setText(m_columnOrder.isEmpty() ? CanvasTr::tr("No model columns")
                            : filtered
                                ? CanvasTr::tr("Model columns (%1 of %2)").arg(columnRows).arg(m_columnOrder.size())
                                : CanvasTr::tr("Model columns (%1)").arg(m_columnOrder.size()));
    m_fieldHeader->setText(m_fieldOrder.isEmpty() ? CanvasTr::tr("No destination fields")
                           : filtered
                               ? CanvasTr::tr("Destination fields (%1 of %2)").arg(fieldRows).arg(m_fieldOrder.size())
                               : CanvasTr::tr("Destination fields (%1)").arg(m_fieldOrder.size()));
    const QPalette pal = palette();
    for (QGraphicsSimpleTextItem *t : {m_columnHeader, m_fieldHeader, m_hint})
        t->setBrush(pal.color(QPalette::WindowText));
    m_hint->setBrush(CanvasStyle::muted(pal));
    m_columnHeader->setPos(2, (HeaderHeight - m_columnHeader->boundingRect().height()) / 2 - 4);
    m_fieldHeader->setPos(fieldX + 2, (HeaderHeight - m_fieldHeader->boundingRect().height()) / 2 - 4);
    m_hint->setVisible(m_edges.isEmpty() && !m_columnOrder.isEmpty() && !m_fieldOrder.isEmpty());
    m_hint->setPos(columnWidth + (middle - m_hint->boundingRect().width()) / 2, HeaderHeight + RowHeight);

    const qreal height = HeaderHeight + std::max({columnRows, fieldRows, 3}) * RowHeight;
    setSceneRect(QRectF(-24, -16, fieldX + fieldWidth + 60 + 24, height + 16 + 24));
    emit layoutChanged();
}

QRectF MappingScene::itemsRect() const
{
    return sceneRect();
}

QList<EdgeItem *> MappingScene::visibleEdges() const
{
    QList<EdgeItem *> out;
    for (FieldItem *f : std::as_const(m_fieldOrder))
        if (f->isVisible())
            if (EdgeItem *e = edgeForField(f->name()); e && e->isVisible())
                out << e;
    return out;
}

bool MappingScene::event(QEvent *event)
{
    const bool result = QGraphicsScene::event(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        if (m_columnHeader) {
            QFont headerFont = font();
            headerFont.setBold(true);
            m_columnHeader->setFont(headerFont);
            m_fieldHeader->setFont(headerFont);
            m_hint->setFont(font());
            layoutItems();
        }
        update();
    }
    return result;
}

} // namespace sluice::ui

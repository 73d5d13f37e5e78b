#include "mappingscene.h"

#include "canvastr.h"
#include "mappingitems.h"
#include "mappingmime.h"

#include <QDrag>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsView>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QSet>

#include <algorithm>
#include <map>

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

MappingScene::MappingScene(MappingDocument *document, QObject *parent)
    : QGraphicsScene(parent), m_document(document)
{
    m_problemTimer.setSingleShot(true);
    m_problemTimer.setInterval(0);
    connect(&m_problemTimer, &QTimer::timeout, this, &MappingScene::updateProblems);

    connect(document, &MappingDocument::resetDone, this, &MappingScene::rebuild);
    // Within a batch (auto-map, bulk edits) catch up once at the end.
    auto onEntry = [this](EntryId id) {
        if (!m_document->inBatch())
            sync(id);
    };
    connect(document, &MappingDocument::entryAdded, this, [onEntry](int, EntryId id) { onEntry(id); });
    connect(document, &MappingDocument::entryRemoved, this, [onEntry](int, EntryId, const QString &) { onEntry(0); });
    connect(document, &MappingDocument::entryChanged, this, [onEntry](EntryId id, const QString &) { onEntry(id); });
    connect(document, &MappingDocument::batchFinished, this, [this] { sync(); });
    connect(document, &MappingDocument::problemsChanged, this, [this] { m_problemTimer.start(); });
    rebuild();
}

MappingScene::~MappingScene() = default;

EdgeItem *MappingScene::edgeForField(const QString &field) const
{
    return m_edgeByField.value(field);
}

// ---------------------------------------------------------------- building

void MappingScene::rebuild()
{
    clearFocus();
    clear();
    m_columns.clear();
    m_fields.clear();
    m_edges.clear();
    m_edgeByField.clear();
    m_columnOrder.clear();
    m_fieldOrder.clear();

    QFont headerFont = font();
    headerFont.setBold(true);
    m_columnHeader = addSimpleText(QString(), headerFont);
    m_fieldHeader = addSimpleText(QString(), headerFont);
    m_hint = addSimpleText(CanvasTr::tr("Drag a column onto a field to connect them,\nor press Auto-map."));
    for (QGraphicsSimpleTextItem *t : {m_columnHeader, m_fieldHeader, m_hint})
        t->setZValue(ZValue::Header);

    for (const Column &c : m_document->columns()) {
        const QString name = QString::fromStdString(c.name);
        if (m_columns.contains(name))
            continue;
        auto *item = new ColumnItem(c);
        addItem(item);
        m_columns.insert(name, item);
        m_columnOrder << item;
    }
    sync();
    if (m_armedColumn.size() && !m_columns.contains(m_armedColumn))
        m_armedColumn.clear();
    if (m_armedField.size() && !m_fields.contains(m_armedField))
        m_armedField.clear();
    setArmed(m_armedColumn, m_armedField);
    updateProblems();
}

void MappingScene::sync(EntryId changed)
{
    // Keep keyboard focus on the same place of a rebuilt chain.
    std::optional<std::pair<EntryId, int>> focusedNode;
    if (auto *node = dynamic_cast<NodeItem *>(focusItem()))
        focusedNode = {node->edge()->entryId(), node->kind() == NodeItem::Kind::Source ? -1 : node->index()};
    syncFields();
    syncEdges(changed);
    if (focusedNode) {
        if (EdgeItem *edge = m_edges.value(focusedNode->first)) {
            NodeItem *again = focusedNode->second < 0 ? edge->sourceNode() : edge->transformNode(focusedNode->second);
            focusAndSelect(again ? static_cast<QGraphicsItem *>(again) : edge);
        }
    }
    updateConnectedMarks();
    applyFilter();
    layoutItems();
}

void MappingScene::syncFields()
{
    const QStringList names = m_document->fieldNames();
    QList<FieldItem *> order;
    for (const QString &name : names) {
        FieldItem *item = m_fields.value(name);
        const DestinationField *field = m_document->destinationField(name);
        if (item && item->isExtra() != !field) { // became or stopped being a destination field
            m_fields.remove(name);
            delete item;
            item = nullptr;
        }
        if (!item) {
            item = new FieldItem(name, field);
            addItem(item);
            m_fields.insert(name, item);
        }
        order << item;
    }
    for (FieldItem *item : std::as_const(m_fieldOrder))
        if (!order.contains(item)) {
            m_fields.remove(item->name());
            delete item;
        }
    m_fieldOrder = order;
    if (!m_armedField.isEmpty() && !m_fields.contains(m_armedField))
        setArmed(m_armedColumn, QString());
}

void MappingScene::syncEdges(EntryId changed)
{
    // One edge per field: the field's first entry (a later duplicate only shows as a problem).
    QHash<EntryId, const MappingEntry *> wanted;
    QSet<QString> seen;
    for (const MappingEntry &e : m_document->entries())
        if (!e.field.isEmpty() && !seen.contains(e.field) && m_fields.contains(e.field)) {
            seen.insert(e.field);
            wanted.insert(e.id, &e);
        }
    for (auto it = m_edges.begin(); it != m_edges.end();) {
        if (!wanted.contains(it.key())) {
            delete it.value();
            it = m_edges.erase(it);
        } else {
            ++it;
        }
    }
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
        EdgeItem *edge = m_edges.value(it.key());
        const MappingEntry &e = *it.value();
        const bool fresh = !edge;
        if (fresh) {
            edge = new EdgeItem(e.id, e.field);
            addItem(edge);
            m_edges.insert(e.id, edge);
        }
        if (fresh || it.key() == changed || changed == 0
            || edge->field() != e.field || edge->column() != e.column)
            edge->setEntry(e, e.source == SourceKind::Column && m_document->column(e.column));
    }
    m_edgeByField.clear();
    for (EdgeItem *edge : std::as_const(m_edges))
        m_edgeByField.insert(edge->field(), edge);
}

void MappingScene::updateConnectedMarks()
{
    QSet<QString> usedColumns;
    for (const MappingEntry &e : m_document->entries())
        if (e.valid && e.source == SourceKind::Column)
            usedColumns.insert(e.column);
    for (ColumnItem *c : std::as_const(m_columnOrder))
        c->setConnected(usedColumns.contains(c->name()));
    for (FieldItem *f : std::as_const(m_fieldOrder))
        f->setConnected(edgeForField(f->name()) != nullptr);
}

void MappingScene::setFilterText(const QString &text)
{
    if (m_filter == text)
        return;
    m_filter = text;
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
            it = m_fieldWidths.insert(f->name(), boldMetrics.horizontalAdvance(f->name() + QStringLiteral(" *"))
                                                     + typeWidth + 44);
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
                            : filtered ? CanvasTr::tr("Model columns (%1 of %2)").arg(columnRows).arg(m_columnOrder.size())
                                       : CanvasTr::tr("Model columns (%1)").arg(m_columnOrder.size()));
    m_fieldHeader->setText(m_fieldOrder.isEmpty() ? CanvasTr::tr("No destination fields")
                           : filtered ? CanvasTr::tr("Destination fields (%1 of %2)").arg(fieldRows).arg(m_fieldOrder.size())
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

// ---------------------------------------------------------------- problems

void MappingScene::flushPendingUpdates()
{
    if (m_problemTimer.isActive()) {
        m_problemTimer.stop();
        updateProblems();
    }
}

void MappingScene::updateProblems()
{
    for (FieldItem *f : std::as_const(m_fieldOrder))
        f->setProblems(m_document->problemsForField(f->name()));
    std::map<EntryId, std::vector<const MappingProblem *>> byEntry;
    const auto &entries = m_document->entries();
    for (const MappingProblem &p : m_document->problems())
        if (p.entryIndex >= 0 && p.entryIndex < int(entries.size()))
            byEntry[entries[std::size_t(p.entryIndex)].id].push_back(&p);
    for (EdgeItem *edge : std::as_const(m_edges)) {
        for (NodeItem *node : edge->nodes()) {
            QString text;
            bool error = false;
            for (const MappingProblem *p : byEntry[edge->entryId()]) {
                const bool onThis = node->kind() == NodeItem::Kind::Transform
                                        ? p->list == StepList::Transforms && p->stepIndex == node->index()
                                        : p->stepIndex < 0 && p->code != QLatin1String("mapping.type_mismatch")
                                              && p->code != QLatin1String("mapping.unknown_field")
                                              && p->code != QLatin1String("mapping.invalid_entry");
                if (onThis) {
                    text += (text.isEmpty() ? QString() : QStringLiteral("\n")) + p->text();
                    error = error || p->error;
                }
            }
            node->setProblem(text, error);
        }
    }
}

// ---------------------------------------------------------------- intents

void MappingScene::startDrag(QMimeData *data, QWidget *source)
{
    if (m_dragStarter) {
        m_dragStarter(data);
        return;
    }
    if (!source && !views().isEmpty())
        source = views().first()->viewport();
    if (!source) {
        delete data;
        return;
    }
    auto *drag = new QDrag(source);
    const QString label = data->text().isEmpty() ? QString::fromUtf8(data->data(mime::edgeEnd())) : data->text();
    const QFontMetrics fm(font());
    QPixmap pixmap(fm.horizontalAdvance(label) + 20, fm.height() + 10);
    pixmap.fill(Qt::transparent);
    {
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setBrush(palette().color(QPalette::Highlight));
        p.setPen(Qt::NoPen);
        p.drawRoundedRect(pixmap.rect(), 5, 5);
        p.setPen(palette().color(QPalette::HighlightedText));
        p.setFont(font());
        p.drawText(pixmap.rect(), Qt::AlignCenter, label);
    }
    drag->setPixmap(pixmap);
    drag->setHotSpot(QPoint(10, pixmap.height() / 2));
    drag->setMimeData(data);
    drag->exec(Qt::LinkAction | Qt::CopyAction, Qt::LinkAction);
}

bool MappingScene::dropOnField(const QString &field, const QMimeData *data)
{
    if (data->hasFormat(mime::column()))
        return m_document->connectColumn(field, QString::fromUtf8(data->data(mime::column())));
    if (data->hasFormat(mime::edgeEnd())) {
        const QString from = QString::fromUtf8(data->data(mime::edgeEnd()));
        const bool done = m_document->rewire(from, field);
        if (done)
            if (EdgeItem *e = edgeForField(field))
                focusAndSelect(e);
        return done;
    }
    return false;
}

bool MappingScene::dropOnEdge(const QString &field, int position, const QMimeData *data)
{
    if (!data->hasFormat(mime::transform()))
        return false;
    const json step = json::parse(data->data(mime::transform()).toStdString(), nullptr, false);
    if (!m_document->insertStep(field, StepList::Transforms, position, step))
        return false;
    if (EdgeItem *e = edgeForField(field))
        if (NodeItem *node = e->transformNode(position))
            focusAndSelect(node);
    emit editStepRequested(field, StepList::Transforms, position);
    return true;
}

bool MappingScene::insertStepAtFocus(const json &step)
{
    QString field;
    int position = -1;
    QGraphicsItem *item = focusItem();
    if (auto *node = dynamic_cast<NodeItem *>(item)) {
        field = node->edge()->field();
        position = node->kind() == NodeItem::Kind::Source ? 0 : node->index() + 1;
    } else if (auto *edge = dynamic_cast<EdgeItem *>(item)) {
        field = edge->field();
    } else if (auto *f = dynamic_cast<FieldItem *>(item)) {
        field = f->name();
    }
    if (field.isEmpty())
        return false;
    const MappingEntry *e = m_document->entryForField(field);
    if (position < 0)
        position = e ? int(e->transforms.size()) : 0;
    QMimeData data;
    data.setData(mime::transform(), QByteArray::fromStdString(step.dump(-1, ' ', false, json::error_handler_t::replace)));
    return dropOnEdge(field, position, &data);
}

void MappingScene::requestEdit(QGraphicsItem *item)
{
    if (auto *node = dynamic_cast<NodeItem *>(item)) {
        if (node->kind() == NodeItem::Kind::Transform)
            emit editStepRequested(node->edge()->field(), StepList::Transforms, node->index());
        else
            emit editFieldRequested(node->edge()->field());
    } else if (auto *edge = dynamic_cast<EdgeItem *>(item)) {
        emit editFieldRequested(edge->field());
    } else if (auto *field = dynamic_cast<FieldItem *>(item)) {
        emit editFieldRequested(field->name());
    } else if (auto *column = dynamic_cast<ColumnItem *>(item)) {
        setArmed(column->name(), m_armedField);
    }
}

bool MappingScene::deleteSelection()
{
    QList<QGraphicsItem *> items = selectedItems();
    if (items.isEmpty() && focusItem())
        items << focusItem();
    QStringList disconnect;
    std::map<QString, std::vector<int>> steps;
    QStringList clearSource;
    QGraphicsItem *focusAfter = nullptr;
    for (QGraphicsItem *item : items) {
        if (auto *edge = dynamic_cast<EdgeItem *>(item)) {
            disconnect << edge->field();
            if (!focusAfter)
                focusAfter = m_fields.value(edge->field());
        } else if (auto *node = dynamic_cast<NodeItem *>(item)) {
            if (!node->edge()->isValidEntry())
                disconnect << node->edge()->field();
            else if (node->kind() == NodeItem::Kind::Transform)
                steps[node->edge()->field()].push_back(node->index());
            else
                clearSource << node->edge()->field();
            if (!focusAfter)
                focusAfter = node->edge();
        }
    }
    for (const QString &f : disconnect) {
        steps.erase(f);
        clearSource.removeAll(f);
    }
    const int edits = (disconnect.isEmpty() ? 0 : 1) + int(steps.size()) + int(clearSource.size());
    if (edits == 0)
        return false;
    if (edits > 1)
        m_document->beginMacro(CanvasTr::tr("Delete"));
    if (!disconnect.isEmpty())
        m_document->disconnectFields(disconnect);
    for (auto &[field, indexes] : steps) {
        std::sort(indexes.rbegin(), indexes.rend());
        for (int index : indexes)
            m_document->removeStep(field, StepList::Transforms, index);
    }
    for (const QString &f : clearSource)
        m_document->setSourceKind(f, SourceKind::None);
    if (edits > 1)
        m_document->endMacro();
    // The edge may be gone (its last transform of a sourceless entry): fall back to its field.
    if (auto *edge = dynamic_cast<EdgeItem *>(focusAfter); edge && !m_edges.values().contains(edge))
        focusAfter = nullptr;
    if (!focusAfter && !items.isEmpty())
        for (const QString &f : disconnect + clearSource)
            if ((focusAfter = m_fields.value(f)))
                break;
    if (focusAfter)
        focusAndSelect(focusAfter);
    return true;
}

bool MappingScene::connectArmed()
{
    if (m_armedColumn.isEmpty() || m_armedField.isEmpty())
        return false;
    return m_document->connectColumn(m_armedField, m_armedColumn);
}

void MappingScene::setArmed(const QString &column, const QString &field)
{
    m_armedColumn = column;
    m_armedField = field;
    for (ColumnItem *c : std::as_const(m_columnOrder))
        c->setArmed(c->name() == column);
    for (FieldItem *f : std::as_const(m_fieldOrder))
        f->setArmed(f->name() == field);
}

void MappingScene::itemFocused(QGraphicsItem *item)
{
    if (auto *c = dynamic_cast<ColumnItem *>(item))
        setArmed(c->name(), m_armedField);
    else if (auto *f = dynamic_cast<FieldItem *>(item))
        setArmed(m_armedColumn, f->name());
    for (QGraphicsView *view : views())
        view->ensureVisible(item->sceneBoundingRect(), 24, 24);
}

bool MappingScene::focusField(const QString &field)
{
    FieldItem *f = m_fields.value(field);
    if (!f || !f->isVisible())
        return false;
    focusAndSelect(f);
    return true;
}

bool MappingScene::focusColumn(const QString &column)
{
    ColumnItem *c = m_columns.value(column);
    if (!c || !c->isVisible())
        return false;
    focusAndSelect(c);
    return true;
}

bool MappingScene::focusChainEnd(bool first)
{
    const QList<QGraphicsItem *> chain = focusChain();
    if (chain.isEmpty())
        return false;
    focusAndSelect(first ? chain.front() : chain.back(), first ? Qt::TabFocusReason : Qt::BacktabFocusReason);
    return true;
}

void MappingScene::focusAndSelect(QGraphicsItem *item, Qt::FocusReason reason)
{
    if (!item)
        return;
    clearSelection();
    item->setSelected(true);
    item->setFocus(reason);
}

// ---------------------------------------------------------------- keyboard

QList<QGraphicsItem *> MappingScene::focusChain() const
{
    QList<QGraphicsItem *> chain;
    for (ColumnItem *c : m_columnOrder)
        if (c->isVisible())
            chain << c;
    for (FieldItem *f : m_fieldOrder) {
        if (!f->isVisible())
            continue;
        if (EdgeItem *e = edgeForField(f->name()); e && e->isVisible()) {
            chain << e;
            for (NodeItem *n : e->nodes())
                chain << n;
        }
        chain << f;
    }
    return chain;
}

bool MappingScene::focusNextPrevChild(bool next)
{
    const QList<QGraphicsItem *> chain = focusChain();
    if (chain.isEmpty())
        return false;
    const int at = chain.indexOf(focusItem());
    const int to = at < 0 ? (next ? 0 : int(chain.size()) - 1) : at + (next ? 1 : -1);
    if (to < 0 || to >= chain.size())
        return false; // let focus leave the canvas
    focusAndSelect(chain[to], next ? Qt::TabFocusReason : Qt::BacktabFocusReason);
    return true;
}

bool MappingScene::navigate(QGraphicsItem *from, int key)
{
    const bool vertical = key == Qt::Key_Up || key == Qt::Key_Down;
    const int step = (key == Qt::Key_Up || key == Qt::Key_Left) ? -1 : 1;
    auto pick = [&](QGraphicsItem *target) {
        if (target && target->isVisible())
            focusAndSelect(target, Qt::OtherFocusReason);
        return target != nullptr;
    };
    auto neighbour = [&](const auto &list, auto *item) -> QGraphicsItem * {
        int i = list.indexOf(item);
        for (i += step; i >= 0 && i < list.size(); i += step)
            if (list[i]->isVisible())
                return list[i];
        return nullptr;
    };
    auto firstVisible = [](const auto &list) -> QGraphicsItem * {
        for (auto *item : list)
            if (item->isVisible())
                return item;
        return nullptr;
    };
    const QList<EdgeItem *> edges = visibleEdges();

    if (auto *c = dynamic_cast<ColumnItem *>(from)) {
        if (vertical)
            return pick(neighbour(m_columnOrder, c));
        if (step < 0)
            return false;
        for (EdgeItem *e : edges)
            if (e->column() == c->name())
                return pick(e);
        FieldItem *armed = m_fields.value(m_armedField);
        return pick(armed && armed->isVisible() ? armed : firstVisible(m_fieldOrder));
    }
    if (auto *f = dynamic_cast<FieldItem *>(from)) {
        if (vertical)
            return pick(neighbour(m_fieldOrder, f));
        if (step > 0)
            return false;
        if (EdgeItem *e = edgeForField(f->name()); e && e->isVisible())
            return pick(e->nodes().empty() ? static_cast<QGraphicsItem *>(e) : e->nodes().back());
        ColumnItem *armed = m_columns.value(m_armedColumn);
        return pick(armed && armed->isVisible() ? armed : firstVisible(m_columnOrder));
    }
    EdgeItem *edge = dynamic_cast<EdgeItem *>(from);
    auto *node = dynamic_cast<NodeItem *>(from);
    if (node)
        edge = node->edge();
    if (!edge)
        return false;
    if (vertical)
        return pick(neighbour(edges, edge));
    if (node) {
        const auto &nodes = edge->nodes();
        const int i = int(std::find(nodes.begin(), nodes.end(), node) - nodes.begin()) + step;
        if (i < 0)
            return pick(edge);
        if (i >= int(nodes.size()))
            return pick(m_fields.value(edge->field()));
        return pick(nodes[std::size_t(i)]);
    }
    if (step < 0)
        return pick(edge->column().isEmpty() ? nullptr : m_columns.value(edge->column()));
    return pick(edge->nodes().empty() ? static_cast<QGraphicsItem *>(m_fields.value(edge->field()))
                                      : edge->nodes().front());
}

void MappingScene::keyPressEvent(QKeyEvent *event)
{
    QGraphicsItem *focused = focusItem();
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    if (event->key() == Qt::Key_L && mods == Qt::ControlModifier) {
        connectArmed();
        event->accept();
        return;
    }
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && mods == Qt::NoModifier) {
        deleteSelection();
        event->accept();
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_F2)
        && mods == Qt::NoModifier && focused) {
        requestEdit(focused);
        event->accept();
        return;
    }
    if (mods == Qt::NoModifier
        && (event->key() == Qt::Key_Up || event->key() == Qt::Key_Down || event->key() == Qt::Key_Left
            || event->key() == Qt::Key_Right)) {
        if (!focused) {
            const QList<QGraphicsItem *> chain = focusChain();
            if (!chain.isEmpty())
                focusAndSelect(chain.front());
        } else {
            navigate(focused, event->key());
        }
        event->accept();
        return;
    }
    QGraphicsScene::keyPressEvent(event);
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

// MappingScene: building the items from the document and keeping them in
// step with its signals; the problem badges.

#include "mappingscene.h"

#include "canvastr.h"
#include "mappingitems.h"

#include <QGraphicsSimpleTextItem>
#include <QSet>

#include <algorithm>

namespace sluice::ui {

using namespace CanvasMetrics;
using nlohmann::json;

MappingScene::MappingScene(MappingDocument *document, QObject *parent) : QGraphicsScene(parent), m_document(document)
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
        if (fresh || it.key() == changed || changed == 0 || edge->field() != e.field || edge->column() != e.column)
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

} // namespace sluice::ui

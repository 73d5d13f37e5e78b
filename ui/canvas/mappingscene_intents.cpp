// MappingScene: drag and drop and the other intents from items and keys
// (connect, rewire, insert a step, edit, delete), each at most one undo step
// of the MappingDocument.

#include "mappingscene.h"

#include "canvastr.h"
#include "mappingitems.h"
#include "mappingmime.h"

#include <QDrag>
#include <QGraphicsView>
#include <QMimeData>
#include <QPainter>

#include <algorithm>
#include <map>

namespace sluice::ui {

using namespace CanvasMetrics;
using nlohmann::json;

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
    data.setData(mime::transform(),
                 QByteArray::fromStdString(step.dump(-1, ' ', false, json::error_handler_t::replace)));
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

} // namespace sluice::ui

// MappingScene: keyboard focus and navigation: where Tab lands on entering the
// canvas, arrow keys between columns, edges, nodes and fields, and the
// canvas's shortcuts.

#include "mappingscene.h"

#include "mappingitems.h"

#include <QGraphicsView>
#include <QKeyEvent>

#include <algorithm>

namespace sluice::ui {

using namespace CanvasMetrics;
using nlohmann::json;

// ---------------------------------------------------------------- keyboard

void MappingScene::itemFocused(QGraphicsItem *item)
{
    m_lastFocused = item; // checked against items() before use: it may be gone by then
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

bool MappingScene::focusNextPrevChild(bool)
{
    // The canvas is one Tab stop, like a table: Tab and Shift+Tab leave it
    // (a 150-column mapping would otherwise take 300 presses to get past),
    // and the arrow keys move between its items (navigate()). Entering it by
    // Tab (no item has the focus yet) goes back to where the user was.
    if (!focusItem() && hasFocus())
        return restoreFocus();
    return false;
}

bool MappingScene::restoreFocus()
{
    if (m_lastFocused && m_lastFocused->isVisible() && items().contains(m_lastFocused)) {
        focusAndSelect(m_lastFocused, Qt::TabFocusReason);
        return true;
    }
    return focusChainEnd(true);
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

} // namespace sluice::ui

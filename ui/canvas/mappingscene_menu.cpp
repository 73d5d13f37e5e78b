// MappingScene: the context menu of a canvas item (right click, the Menu key
// or Shift+F10). It offers the same intents as the keys, by name and with
// their keys, so a user who does not know the keys finds them here.

#include "mappingscene.h"

#include "canvastr.h"
#include "mappingitems.h"

#include <QKeySequence>
#include <QMenu>

namespace sluice::ui {

namespace {

// "Text<Tab>Key": QMenu shows what follows the tab as the item's key, without
// the menu registering a second shortcut for it.
QString withKey(const QString &text, const QKeySequence &key)
{
    return text + QLatin1Char('\t') + key.toString(QKeySequence::NativeText);
}

} // namespace

CanvasItem *MappingScene::canvasItemOf(QGraphicsItem *item) const
{
    // Labels and badges are children of the item they belong to.
    for (; item; item = item->parentItem())
        if (auto *canvasItem = dynamic_cast<CanvasItem *>(item))
            return canvasItem;
    return nullptr;
}

bool MappingScene::fillContextMenu(QMenu &menu, QGraphicsItem *at)
{
    CanvasItem *item = canvasItemOf(at);
    if (!item)
        return false;
    // The menu acts on what it was opened on, as the keys act on the focused item.
    focusAndSelect(item);
    const QKeySequence enter(Qt::Key_Return), del(QKeySequence::Delete), link(Qt::CTRL | Qt::Key_L);
    if (dynamic_cast<ColumnItem *>(item)) {
        QAction *a
            = menu.addAction(m_armedField.isEmpty() ? withKey(CanvasTr::tr("Connect to the Selected Field"), link)
                                                    : withKey(CanvasTr::tr("Connect to %1").arg(m_armedField), link),
                             this, [this] { connectArmed(); });
        a->setEnabled(!m_armedField.isEmpty());
    } else if (auto *field = dynamic_cast<FieldItem *>(item)) {
        // Entries look their item up again by name when chosen: the scene may
        // have been rebuilt (a reload) while the menu was open.
        const QString name = field->name();
        menu.addAction(withKey(CanvasTr::tr("Edit Field…"), enter), this, [this, name] {
            if (FieldItem *f = m_fields.value(name))
                requestEdit(f);
        });
        QAction *a = menu.addAction(m_armedColumn.isEmpty()
                                        ? withKey(CanvasTr::tr("Connect the Selected Column"), link)
                                        : withKey(CanvasTr::tr("Connect %1 Here").arg(m_armedColumn), link),
                                    this, [this] { connectArmed(); });
        a->setEnabled(!m_armedColumn.isEmpty());
        if (edgeForField(name)) {
            menu.addAction(CanvasTr::tr("Disconnect"), this, [this, name] {
                if (EdgeItem *e = edgeForField(name)) {
                    focusAndSelect(e);
                    deleteSelection();
                }
            });
        }
    } else if (auto *edge = dynamic_cast<EdgeItem *>(item)) {
        const QString name = edge->field();
        menu.addAction(withKey(CanvasTr::tr("Edit Field…"), enter), this, [this, name] {
            if (EdgeItem *e = edgeForField(name))
                requestEdit(e);
        });
        menu.addAction(withKey(CanvasTr::tr("Delete Connection"), del), this, [this, name] {
            if (EdgeItem *e = edgeForField(name)) {
                focusAndSelect(e);
                deleteSelection();
            }
        });
    } else if (auto *node = dynamic_cast<NodeItem *>(item)) {
        const QString name = node->edge()->field();
        const bool transform = node->kind() == NodeItem::Kind::Transform;
        const int index = node->index();
        auto again = [this, name, transform, index]() -> NodeItem * {
            EdgeItem *e = edgeForField(name);
            return !e ? nullptr : transform ? e->transformNode(index) : e->sourceNode();
        };
        auto edit = [this, again] {
            if (NodeItem *n = again())
                requestEdit(n);
        };
        auto remove = [this, again] {
            if (NodeItem *n = again()) {
                focusAndSelect(n);
                deleteSelection();
            }
        };
        menu.addAction(withKey(transform ? CanvasTr::tr("Edit Transform…") : CanvasTr::tr("Edit Source…"), enter), this,
                       edit);
        menu.addAction(withKey(transform ? CanvasTr::tr("Remove Transform") : CanvasTr::tr("Clear Source"), del), this,
                       remove);
    }
    return !menu.isEmpty();
}

QGraphicsItem *MappingScene::menuAnchor() const
{
    return canvasItemOf(focusItem());
}

} // namespace sluice::ui

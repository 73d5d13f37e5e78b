#include "keyboardcontextmenu.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QContextMenuEvent>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QKeyEvent>
#include <QMenu>

#include <algorithm>

namespace sluice::ui {

namespace {

class ShiftF10Filter : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::KeyPress)
            return false;
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() != Qt::Key_F10 || key->modifiers() != Qt::ShiftModifier || key->isAutoRepeat())
            return false;
        // Key events reach the focus widget and then its parents: act once, on the first.
        QWidget *focus = QApplication::focusWidget();
        if (!focus || watched != focus || qobject_cast<QMenu *>(focus))
            return false;
        return openKeyboardContextMenu(focus);
    }
};

} // namespace

void installKeyboardContextMenu()
{
    static bool installed = false;
    if (installed || !qApp)
        return;
    installed = true;
    qApp->installEventFilter(new ShiftF10Filter(qApp));
}

bool openKeyboardContextMenu(QWidget *widget)
{
    if (!widget)
        return false;
    // Scroll areas take context menus on their viewport, in its coordinates
    // (what their right-click handlers expect); the menu opens at the current item.
    QWidget *target = widget;
    QPoint pos = widget->rect().center();
    if (auto *view = qobject_cast<QAbstractItemView *>(widget)) {
        target = view->viewport();
        const QRect current = view->visualRect(view->currentIndex());
        pos = current.isValid() ? QPoint(current.left() + std::min(current.width() / 2, 40), current.center().y())
                                : QPoint(4, 4);
    } else if (auto *graphics = qobject_cast<QGraphicsView *>(widget)) {
        target = graphics->viewport();
        QGraphicsItem *focus = graphics->scene() ? graphics->scene()->focusItem() : nullptr;
        pos = focus ? graphics->mapFromScene(focus->sceneBoundingRect().center()) : QPoint(4, 4);
    } else {
        const QRect cursor = widget->inputMethodQuery(Qt::ImCursorRectangle).toRect();
        if (cursor.isValid())
            pos = cursor.center();
    }
    QContextMenuEvent menuEvent(QContextMenuEvent::Keyboard, pos, target->mapToGlobal(pos), Qt::NoModifier);
    QApplication::sendEvent(target, &menuEvent);
    return true;
}

} // namespace sluice::ui

#pragma once
// Helpers for the GUI tests: context menus (a menu runs its own event loop,
// QMenu::exec, so what it shows is read, and an entry chosen, from inside that
// loop) and drops onto a graphics view.

#include <QAction>
#include <QApplication>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QGraphicsView>
#include <QMenu>
#include <QMimeData>
#include <QTest>
#include <QTimer>

#include <functional>

namespace sluice::test {

// Sends what a drag of `data` does when it enters the view, moves and drops at
// `scenePos`: true when the drop was accepted.
inline bool sendDrop(QGraphicsView *view, const QMimeData *data, const QPointF &scenePos)
{
    QWidget *viewport = view->viewport();
    const QPoint pos = view->mapFromScene(scenePos);
    const Qt::DropActions actions = Qt::CopyAction | Qt::LinkAction;
    QDragEnterEvent enter(pos, actions, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &enter);
    QDragMoveEvent move(pos, actions, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    if (!move.isAccepted())
        return false;
    QDropEvent drop(QPointF(pos), actions, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &drop);
    return drop.isAccepted();
}

struct OpenedMenu {
    bool opened = false;
    QStringList entries;  // texts without their keys and mnemonics, separators left out
    QStringList disabled; // the entries shown but not enabled
};

// Runs `open` (a key press or click that should open a context menu), records
// the menu, then triggers the first enabled entry whose text starts with
// `choose`, or just closes the menu when `choose` is empty or not found.
inline OpenedMenu captureMenu(const std::function<void()> &open, const QString &choose = {})
{
    OpenedMenu seen;
    QTimer poll;
    poll.setInterval(10);
    QElapsedTimer clock;
    clock.start();
    QObject::connect(&poll, &QTimer::timeout, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu) {
            if (clock.elapsed() > 5000)
                poll.stop();
            return;
        }
        poll.stop();
        seen.opened = true;
        QAction *chosen = nullptr;
        for (QAction *a : menu->actions()) {
            if (a->isSeparator())
                continue;
            const QString text = a->text().section(QLatin1Char('\t'), 0, 0).remove(QLatin1Char('&'));
            seen.entries << text;
            if (!a->isEnabled())
                seen.disabled << text;
            else if (!chosen && !choose.isEmpty() && text.startsWith(choose))
                chosen = a;
        }
        menu->close();
        if (chosen)
            chosen->trigger();
    });
    poll.start();
    open();
    // A menu opened later than `open` returned (queued) is still caught.
    for (int i = 0; i < 500 && poll.isActive(); ++i)
        QTest::qWait(10);
    return seen;
}

} // namespace sluice::test

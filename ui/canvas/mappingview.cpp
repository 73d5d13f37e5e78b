#include "mappingview.h"

#include "canvastr.h"
#include "mappingscene.h"
#include "mappingtools.h"

#include <QContextMenuEvent>
#include <QDragMoveEvent>
#include <QFocusEvent>
#include <QGraphicsItem>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace sluice::ui {

MappingView::MappingView(MappingScene *scene, QWidget *parent) : QGraphicsView(scene, parent), m_scene(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::NoDrag);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    setTransformationAnchor(QGraphicsView::NoAnchor);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setViewportUpdateMode(QGraphicsView::BoundingRectViewportUpdate);
    setAccessibleName(CanvasTr::tr("Mapping canvas"));
    setAccessibleDescription(CanvasTr::tr("Model columns on the left, destination fields on the right. Arrow keys "
                                          "move between items, Tab leaves the canvas, Ctrl+L connects the focused "
                                          "column to the focused field, Enter edits, Delete removes, Shift+F10 opens "
                                          "the item's menu."));
    m_autoScroll = new QTimer(this);
    m_autoScroll->setInterval(30);
    connect(m_autoScroll, &QTimer::timeout, this, &MappingView::autoScroll);
    m_tools.push_back(std::make_unique<PanTool>(this));
    m_tools.push_back(std::make_unique<ZoomTool>(this));
    syncLook();
}

MappingView::~MappingView() = default;

qreal MappingView::zoom() const
{
    return transform().m11();
}

void MappingView::setZoom(qreal factor, std::optional<QPoint> anchor)
{
    factor = std::clamp(factor, MinZoom, MaxZoom);
    const QPoint a = anchor.value_or(viewport()->rect().center());
    const QPointF sceneAnchor = mapToScene(a);
    setTransform(QTransform::fromScale(factor, factor));
    // Keep the anchor point under the same pixel.
    const QPointF moved = mapFromScene(sceneAnchor) - QPointF(a);
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + int(std::lround(moved.x())));
    verticalScrollBar()->setValue(verticalScrollBar()->value() + int(std::lround(moved.y())));
    emit zoomChanged(factor);
}

void MappingView::zoomIn()
{
    setZoom(zoom() * 1.25);
}

void MappingView::zoomOut()
{
    setZoom(zoom() / 1.25);
}

void MappingView::resetZoom()
{
    setZoom(1.0);
}

void MappingView::fitToView()
{
    const QRectF rect = m_scene->itemsRect();
    if (rect.isEmpty())
        return;
    const QRectF target = viewport()->rect().adjusted(4, 4, -4, -4);
    const qreal factor
        = std::clamp(std::min(target.width() / rect.width(), target.height() / rect.height()), MinZoom, 1.5);
    setTransform(QTransform::fromScale(factor, factor));
    centerOn(rect.center());
    emit zoomChanged(factor);
}

void MappingView::fitWidth()
{
    const QRectF rect = m_scene->itemsRect();
    if (rect.isEmpty())
        return;
    const qreal factor = std::clamp((viewport()->width() - 8) / rect.width(), 0.7, 1.0);
    setTransform(QTransform::fromScale(factor, factor));
    horizontalScrollBar()->setValue(horizontalScrollBar()->minimum());
    verticalScrollBar()->setValue(verticalScrollBar()->minimum());
    emit zoomChanged(factor);
}

void MappingView::mousePressEvent(QMouseEvent *event)
{
    for (auto &tool : m_tools)
        if (tool->mousePress(event))
            return;
    QGraphicsView::mousePressEvent(event);
}

void MappingView::mouseMoveEvent(QMouseEvent *event)
{
    for (auto &tool : m_tools)
        if (tool->mouseMove(event))
            return;
    QGraphicsView::mouseMoveEvent(event);
}

void MappingView::mouseReleaseEvent(QMouseEvent *event)
{
    for (auto &tool : m_tools)
        if (tool->mouseRelease(event))
            return;
    QGraphicsView::mouseReleaseEvent(event);
}

void MappingView::wheelEvent(QWheelEvent *event)
{
    for (auto &tool : m_tools)
        if (tool->wheel(event)) {
            event->accept();
            return;
        }
    QGraphicsView::wheelEvent(event);
}

void MappingView::keyPressEvent(QKeyEvent *event)
{
    for (auto &tool : m_tools)
        if (tool->keyPress(event)) {
            event->accept();
            return;
        }
    QGraphicsView::keyPressEvent(event);
}

void MappingView::keyReleaseEvent(QKeyEvent *event)
{
    for (auto &tool : m_tools)
        if (tool->keyRelease(event)) {
            event->accept();
            return;
        }
    QGraphicsView::keyReleaseEvent(event);
}

void MappingView::focusInEvent(QFocusEvent *event)
{
    QGraphicsView::focusInEvent(event);
    // Tabbing in lands where the user was, else on the first column, from either direction.
    if (!m_scene->focusItem() && (event->reason() == Qt::TabFocusReason || event->reason() == Qt::BacktabFocusReason))
        m_scene->restoreFocus();
}

void MappingView::contextMenuEvent(QContextMenuEvent *event)
{
    // By mouse: the item under it; by keyboard (Menu key, Shift+F10): the focused item.
    const bool byMouse = event->reason() == QContextMenuEvent::Mouse;
    QGraphicsItem *at = byMouse ? itemAt(event->pos()) : m_scene->menuAnchor();
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("canvasMenu"));
    if (m_scene->fillContextMenu(menu, at))
        menu.addSeparator();
    menu.addActions(m_menuActions);
    auto withKey = [](const QString &text, QKeyCombination key) {
        return text + QLatin1Char('\t') + QKeySequence(key).toString(QKeySequence::NativeText);
    };
    menu.addAction(withKey(CanvasTr::tr("Zoom In"), Qt::CTRL | Qt::Key_Equal), this, &MappingView::zoomIn);
    menu.addAction(withKey(CanvasTr::tr("Zoom Out"), Qt::CTRL | Qt::Key_Minus), this, &MappingView::zoomOut);
    menu.addAction(withKey(CanvasTr::tr("Actual Size"), Qt::CTRL | Qt::Key_1), this, &MappingView::resetZoom);
    menu.addAction(withKey(CanvasTr::tr("Fit to View"), Qt::CTRL | Qt::Key_9), this, &MappingView::fitToView);
    QPoint pos = event->globalPos();
    if (!byMouse && (at = m_scene->menuAnchor()))
        pos = viewport()->mapToGlobal(mapFromScene(at->sceneBoundingRect().center()));
    event->accept();
    menu.exec(pos);
}

QPoint MappingView::autoScrollStep() const
{
    // Within `margin` of an edge, faster the nearer (up to 44 px a step of 30 ms:
    // a 150-field list passes in a few seconds).
    constexpr int margin = 40;
    const QRect r = viewport()->rect();
    auto speed = [](int distance) { return distance < margin ? margin - std::max(distance, 0) + 4 : 0; };
    const int x = m_dragPos.x(), y = m_dragPos.y();
    const int dx = x < margin ? -speed(x) : x > r.width() - margin ? speed(r.width() - x) : 0;
    const int dy = y < margin ? -speed(y) : y > r.height() - margin ? speed(r.height() - y) : 0;
    return {dx, dy};
}

void MappingView::autoScroll()
{
    const QPoint step = autoScrollStep();
    const int h = horizontalScrollBar()->value(), v = verticalScrollBar()->value();
    horizontalScrollBar()->setValue(h + step.x());
    verticalScrollBar()->setValue(v + step.y());
    // Stop at the end of the scroll range or once the drag left the edge.
    if (step.isNull() || (horizontalScrollBar()->value() == h && verticalScrollBar()->value() == v))
        m_autoScroll->stop();
}

void MappingView::dragMoveEvent(QDragMoveEvent *event)
{
    QGraphicsView::dragMoveEvent(event);
    m_dragPos = event->position().toPoint();
    if (!autoScrollStep().isNull() && !m_autoScroll->isActive())
        m_autoScroll->start();
}

void MappingView::dragLeaveEvent(QDragLeaveEvent *event)
{
    m_autoScroll->stop();
    QGraphicsView::dragLeaveEvent(event);
}

void MappingView::dropEvent(QDropEvent *event)
{
    m_autoScroll->stop();
    QGraphicsView::dropEvent(event);
}

void MappingView::changeEvent(QEvent *event)
{
    QGraphicsView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        syncLook();
}

void MappingView::syncLook()
{
    // The items paint with the scene's palette and font: keep them the view's.
    // Mark every role as set: an inherited palette resolves to nothing, and the
    // scene would fall back to the application's (a dark parent would not show).
    QPalette pal = palette();
    pal.setResolveMask(~QPalette::ResolveMask(0));
    m_scene->setPalette(pal);
    QFont f = font();
    f.setResolveMask(~0u);
    m_scene->setFont(f);
    setBackgroundBrush(palette().color(QPalette::Window));
}

} // namespace sluice::ui

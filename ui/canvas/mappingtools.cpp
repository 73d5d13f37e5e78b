#include "mappingtools.h"

#include "mappingview.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace sluice::ui {

bool PanTool::mousePress(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        m_panning = true;
        m_last = event->position().toPoint();
        m_view->viewport()->setCursor(Qt::ClosedHandCursor);
        return true;
    }
    return false;
}

bool PanTool::mouseMove(QMouseEvent *event)
{
    if (!m_panning)
        return false;
    const QPoint pos = event->position().toPoint();
    const QPoint delta = pos - m_last;
    m_last = pos;
    m_view->horizontalScrollBar()->setValue(m_view->horizontalScrollBar()->value() - delta.x());
    m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->value() - delta.y());
    return true;
}

bool PanTool::mouseRelease(QMouseEvent *event)
{
    if (!m_panning || (event->button() != Qt::MiddleButton && event->button() != Qt::LeftButton))
        return false;
    m_panning = false;
    m_view->viewport()->setCursor(m_spaceHeld ? Qt::OpenHandCursor : Qt::ArrowCursor);
    return true;
}

bool PanTool::keyPress(QKeyEvent *event)
{
    if (event->key() != Qt::Key_Space || event->modifiers() != Qt::NoModifier)
        return false;
    if (!event->isAutoRepeat()) {
        m_spaceHeld = true;
        m_view->viewport()->setCursor(Qt::OpenHandCursor);
    }
    return true;
}

bool PanTool::keyRelease(QKeyEvent *event)
{
    if (event->key() != Qt::Key_Space)
        return false;
    if (!event->isAutoRepeat()) {
        m_spaceHeld = false;
        m_panning = false;
        m_view->viewport()->setCursor(Qt::ArrowCursor);
    }
    return true;
}

bool ZoomTool::wheel(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier))
        return false;
    const int steps = event->angleDelta().y();
    if (steps == 0)
        return true;
    const qreal factor = std::pow(1.0015, steps); // 120 (one notch) is about 20%
    m_view->setZoom(m_view->zoom() * factor, event->position().toPoint());
    return true;
}

bool ZoomTool::keyPress(QKeyEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier))
        return false;
    switch (event->key()) {
    case Qt::Key_Equal:
    case Qt::Key_Plus: m_view->zoomIn(); return true;
    case Qt::Key_Minus: m_view->zoomOut(); return true;
    case Qt::Key_9: m_view->fitToView(); return true;
    default: return false;
    }
}

} // namespace sluice::ui

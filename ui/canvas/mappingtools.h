#pragma once
// Interaction modes of the mapping view as small tool classes (QGIS
// QgsModelViewTool): the view offers each event to its tools in turn and
// falls back to the scene's own handling (select, drag, drop) when none
// takes it.

#include <QPoint>

class QKeyEvent;
class QMouseEvent;
class QWheelEvent;

namespace sluice::ui {

class MappingView;

class CanvasTool {
public:
    explicit CanvasTool(MappingView *view) : m_view(view) { }
    virtual ~CanvasTool() = default;
    // Each returns true when the tool took the event.
    virtual bool mousePress(QMouseEvent *) { return false; }
    virtual bool mouseMove(QMouseEvent *) { return false; }
    virtual bool mouseRelease(QMouseEvent *) { return false; }
    virtual bool wheel(QWheelEvent *) { return false; }
    virtual bool keyPress(QKeyEvent *) { return false; }
    virtual bool keyRelease(QKeyEvent *) { return false; }

protected:
    MappingView *m_view;
};

// Pans with the middle button, or the left button while Space is held
// (a temporary mode: releasing Space ends it).
class PanTool : public CanvasTool {
public:
    using CanvasTool::CanvasTool;
    bool mousePress(QMouseEvent *event) override;
    bool mouseMove(QMouseEvent *event) override;
    bool mouseRelease(QMouseEvent *event) override;
    bool keyPress(QKeyEvent *event) override;
    bool keyRelease(QKeyEvent *event) override;
    bool isPanning() const { return m_panning; }

private:
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_last;
};

// Ctrl+wheel zooms at the pointer; Ctrl+= / Ctrl++ / Ctrl+- zoom; Ctrl+0 fits.
class ZoomTool : public CanvasTool {
public:
    using CanvasTool::CanvasTool;
    bool wheel(QWheelEvent *event) override;
    bool keyPress(QKeyEvent *event) override;
};

} // namespace sluice::ui

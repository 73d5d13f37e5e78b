#pragma once
// The view of a MappingScene: zoom, pan, fit to view, and keyboard entry
// into the canvas. Interaction modes live in tool classes (mappingtools.h).

#include <QGraphicsView>
#include <QList>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace sluice::ui {

class CanvasTool;
class MappingScene;

class MappingView : public QGraphicsView {
    Q_OBJECT
public:
    explicit MappingView(MappingScene *scene, QWidget *parent = nullptr);
    ~MappingView() override;

    MappingScene *mappingScene() const { return m_scene; }
    qreal zoom() const;
    // Scales to `factor` (clamped to 0.2 .. 3), keeping `anchor` (view
    // coordinates) still; the view's centre when none.
    void setZoom(qreal factor, std::optional<QPoint> anchor = std::nullopt);

    // Actions the context menu offers besides the item's own and the zoom (e.g. Auto-map).
    void setMenuActions(QList<QAction *> actions) { m_menuActions = std::move(actions); }

    static constexpr qreal MinZoom = 0.2;
    static constexpr qreal MaxZoom = 3.0;

public slots:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void fitToView();
    // Scales down (not below 70%) so the columns, the edges and the fields fit
    // side by side, and shows the top: a first look that needs no sideways scrolling.
    void fitWidth();

signals:
    void zoomChanged(qreal factor);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    // Dragging near an edge scrolls the view that way, as item views do.
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void syncLook();
    QPoint autoScrollStep() const; // how far to scroll for the drag at m_dragPos; 0,0 away from the edges
    void autoScroll();

    MappingScene *m_scene;
    std::vector<std::unique_ptr<CanvasTool>> m_tools;
    QList<QAction *> m_menuActions;
    QTimer *m_autoScroll = nullptr;
    QPoint m_dragPos;
};

} // namespace sluice::ui

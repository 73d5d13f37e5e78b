#pragma once
// The graphics items of the mapping canvas. They hold display state only
// (names, labels, problems); what they show comes from the MappingScene,
// which builds them from the MappingDocument. User gestures on them become
// intents on the scene (connect, insert, edit), never direct edits.

#include "mappingdocument.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QPalette>

#include <vector>

namespace sluice::ui {

class MappingScene;
class EdgeItem;

// Stacking order of the canvas (QGIS QgsModelGraphicsScene::ZValues).
namespace ZValue {
constexpr qreal Header = 0;
constexpr qreal Edge = 10;
constexpr qreal Node = 20;
constexpr qreal Item = 30;
} // namespace ZValue

namespace CanvasMetrics {
constexpr qreal RowHeight = 34;
constexpr qreal ItemHeight = 26;
constexpr qreal PortRadius = 4;
constexpr qreal NodeWidth = 128;
constexpr qreal NodeGap = 26;
constexpr qreal HeaderHeight = 34;
} // namespace CanvasMetrics

// Shared look: colours from the scene's palette, so light and dark themes work.
struct CanvasStyle {
    static QColor problemColor(const QPalette &palette, bool error);
    static QColor muted(const QPalette &palette);
    static QColor edgeColor(const QPalette &palette);
    static QColor tint(const QPalette &palette, QPalette::ColorRole role, int alpha);
};

class CanvasItem : public QGraphicsItem {
public:
    MappingScene *mappingScene() const;
    QPalette palette() const;

protected:
    explicit CanvasItem(QGraphicsItem *parent = nullptr);
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void paintFocus(QPainter *painter, const QRectF &rect, qreal radius) const;
};

class ColumnItem : public CanvasItem {
public:
    enum { Type = UserType + 101 };
    explicit ColumnItem(const Column &column);

    int type() const override { return Type; }
    QString name() const { return m_name; }
    QString typeName() const { return m_typeName; }
    void setWidth(qreal width);
    QPointF portScenePos() const;
    void setConnected(bool connected);
    void setArmed(bool armed); // the column Ctrl+L would connect

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;

private:
    QString m_name;
    QString m_typeName;
    qreal m_width = 160;
    bool m_connected = false;
    bool m_armed = false;
    QPointF m_pressPos;
    bool m_pressed = false;
};

class FieldItem : public CanvasItem {
public:
    enum { Type = UserType + 102 };
    FieldItem(const QString &name, const DestinationField *field);

    int type() const override { return Type; }
    QString name() const { return m_name; }
    bool isRequired() const { return m_required; }
    bool isIdentifier() const { return m_identifier; }
    bool isExtra() const { return m_extra; }
    void setWidth(qreal width);
    QPointF portScenePos() const;
    void setConnected(bool connected);
    void setArmed(bool armed);
    void setProblems(const std::vector<MappingProblem> &problems);
    int problemCount() const { return int(m_problems.size()); }
    bool hasErrors() const;
    QString problemToolTip() const;
    QRectF badgeRect() const; // empty when there is no problem

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    void dragEnterEvent(QGraphicsSceneDragDropEvent *event) override;
    void dragLeaveEvent(QGraphicsSceneDragDropEvent *event) override;
    void dropEvent(QGraphicsSceneDragDropEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;

private:
    void updateToolTip();

    QString m_name;
    QString m_typeName;
    bool m_required = false;
    bool m_identifier = false;
    bool m_extra = false;
    qreal m_width = 180;
    bool m_connected = false;
    bool m_armed = false;
    bool m_dropTarget = false;
    std::vector<MappingProblem> m_problems;
};

// A step node on an edge: a transform (index >= 0) or the edge's source
// pill (index -1) for a static value, a template, no source, a column the
// model does not have, or an unreadable entry.
class NodeItem : public CanvasItem {
public:
    enum { Type = UserType + 103 };
    enum class Kind { Source, Transform };
    NodeItem(EdgeItem *edge, Kind kind, int index, const QString &label, const QString &toolTip);

    int type() const override { return Type; }
    EdgeItem *edge() const;
    Kind kind() const { return m_kind; }
    int index() const { return m_index; }
    QString label() const { return m_label; }
    // A problem found by checking (empty text: none), and one the node has by
    // construction (an unreadable entry, a missing column), which checks do not clear.
    void setProblem(const QString &text, bool error);
    void setFixedProblem(const QString &text);
    bool hasProblem() const { return !m_problem.isEmpty() || !m_fixedProblem.isEmpty(); }
    void setWidth(qreal width);
    qreal width() const { return m_width; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    void dragEnterEvent(QGraphicsSceneDragDropEvent *event) override;
    void dragLeaveEvent(QGraphicsSceneDragDropEvent *event) override;
    void dropEvent(QGraphicsSceneDragDropEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;

private:
    Kind m_kind;
    int m_index;
    QString m_label;
    QString m_toolTip;
    QString m_problem;
    QString m_fixedProblem;
    bool m_problemIsError = true;
    qreal m_width = CanvasMetrics::NodeWidth;
    bool m_dropTarget = false;
};

// One mapping entry drawn from its source to its field, with its nodes as children.
class EdgeItem : public CanvasItem {
public:
    enum { Type = UserType + 104 };
    EdgeItem(EntryId id, const QString &field);

    int type() const override { return Type; }
    EntryId entryId() const { return m_id; }
    QString field() const { return m_field; }
    QString column() const { return m_column; } // the source column, "" when none
    bool isValidEntry() const { return m_valid; }

    // Rebuilds the nodes from the entry.
    void setEntry(const MappingEntry &entry, bool columnExists);
    const std::vector<NodeItem *> &nodes() const { return m_nodes; }
    NodeItem *sourceNode() const; // the pill, or nullptr
    NodeItem *transformNode(int index) const;
    int chainLength() const { return int(m_nodes.size()); }

    // start: the column's port (or null to start at the first node); end: the field's port.
    void setGeometry(const std::optional<QPointF> &start, const QPointF &end, qreal chainRight);
    QPointF endPoint() const { return m_end; }
    const QPainterPath &path() const { return m_path; }
    // The transform position a drop at `scenePos` inserts at.
    int insertPositionAt(const QPointF &scenePos) const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    void dragEnterEvent(QGraphicsSceneDragDropEvent *event) override;
    void dragLeaveEvent(QGraphicsSceneDragDropEvent *event) override;
    void dropEvent(QGraphicsSceneDragDropEvent *event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;

private:
    EntryId m_id;
    QString m_field;
    QString m_column;
    bool m_valid = true;
    std::vector<NodeItem *> m_nodes;
    QPainterPath m_path;
    QPointF m_end;
    bool m_dropTarget = false;
    bool m_draggingEnd = false;
    QPointF m_pressPos;
};

} // namespace sluice::ui

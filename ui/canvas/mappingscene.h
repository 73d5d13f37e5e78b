#pragma once
// The mapping canvas: model columns on the left, destination fields on the
// right, one edge per mapping entry with its transforms as nodes in between.
// Built from a MappingDocument and updated from its signals; it keeps only
// name/id -> item maps. Gestures (drops, keys) become document edits, which
// come back as signals: the scene never changes what it shows by itself.

#include "mappingdocument.h"

#include <QGraphicsScene>
#include <QHash>
#include <QPointer>
#include <QTimer>

#include <functional>

class QGraphicsSimpleTextItem;
class QMenu;
class QMimeData;

namespace sluice::ui {

class CanvasItem;
class ColumnItem;
class EdgeItem;
class FieldItem;
class NodeItem;

class MappingScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit MappingScene(MappingDocument *document, QObject *parent = nullptr);
    ~MappingScene() override;

    MappingDocument *document() const { return m_document; }

    ColumnItem *columnItem(const QString &name) const { return m_columns.value(name); }
    FieldItem *fieldItem(const QString &name) const { return m_fields.value(name); }
    EdgeItem *edgeItem(EntryId id) const { return m_edges.value(id); }
    EdgeItem *edgeForField(const QString &field) const;
    const QList<ColumnItem *> &columnItems() const { return m_columnOrder; }
    const QList<FieldItem *> &fieldItems() const { return m_fieldOrder; }

    // Shows only columns and fields whose name contains `text` (any case),
    // plus what they are connected to.
    void setFilterText(const QString &text);
    QString filterText() const { return m_filter; }
    // Hides the model columns no edge uses: a 150-column model reads like its mapping.
    void setHideUnmappedColumns(bool hide);
    bool hidesUnmappedColumns() const { return m_hideUnmapped; }
    QRectF itemsRect() const;

    // Drags start here. Tests (and offscreen runs, where QDrag::exec cannot
    // be driven) may take the mime data instead of running a QDrag.
    using DragStarter = std::function<void(QMimeData *)>;
    void setDragStarter(DragStarter starter) { m_dragStarter = std::move(starter); }
    void startDrag(QMimeData *data, QWidget *source);

    // Intents from items and keys; each becomes at most one undo step.
    bool dropOnField(const QString &field, const QMimeData *data);
    bool dropOnEdge(const QString &field, int position, const QMimeData *data);
    void requestEdit(QGraphicsItem *item);
    bool deleteSelection();
    bool connectArmed();                                // Ctrl+L: the armed column to the armed field
    bool insertStepAtFocus(const nlohmann::json &step); // at the end of the focused edge's chain
    QString armedColumn() const { return m_armedColumn; }
    QString armedField() const { return m_armedField; }
    void itemFocused(QGraphicsItem *item);
    bool focusField(const QString &field);
    bool focusColumn(const QString &column);
    bool focusChainEnd(bool first); // the first or last item of the canvas
    bool restoreFocus();            // the item focused last, else the first

    void flushPendingUpdates(); // apply coalesced problem badges now

    // The context menu of the item at (or under) `at`: its intents, named with
    // their keys. Focuses and selects that item; false when `at` is no item.
    bool fillContextMenu(QMenu &menu, QGraphicsItem *at);
    QGraphicsItem *menuAnchor() const; // what Shift+F10 opens the menu of: the focused item

signals:
    void editStepRequested(const QString &field, sluice::ui::StepList list, int index);
    void editFieldRequested(const QString &field);
    void layoutChanged();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool focusNextPrevChild(bool next) override;
    bool event(QEvent *event) override;

private:
    void rebuild();
    void sync(EntryId changed = 0);
    void syncFields();
    void syncEdges(EntryId changed);
    void applyFilter();
    void layoutItems();
    void updateProblems();
    void updateConnectedMarks();
    void setArmed(const QString &column, const QString &field);
    void focusAndSelect(QGraphicsItem *item, Qt::FocusReason reason = Qt::OtherFocusReason);
    QList<QGraphicsItem *> focusChain() const;
    CanvasItem *canvasItemOf(QGraphicsItem *item) const;
    QList<EdgeItem *> visibleEdges() const;
    bool navigate(QGraphicsItem *from, int key);

    MappingDocument *m_document;
    QHash<QString, ColumnItem *> m_columns;
    QHash<QString, FieldItem *> m_fields;
    QHash<EntryId, EdgeItem *> m_edges;
    QHash<QString, EdgeItem *> m_edgeByField;
    QList<ColumnItem *> m_columnOrder;
    QList<FieldItem *> m_fieldOrder;
    QGraphicsSimpleTextItem *m_columnHeader = nullptr;
    QGraphicsSimpleTextItem *m_fieldHeader = nullptr;
    QGraphicsSimpleTextItem *m_hint = nullptr;
    QString m_filter;
    bool m_hideUnmapped = false;
    QGraphicsItem *m_lastFocused = nullptr; // never dereferenced unless still in items()
    QFont m_widthFont;
    QHash<QString, qreal> m_columnWidths;
    QHash<QString, qreal> m_fieldWidths;
    QString m_armedColumn;
    QString m_armedField;
    DragStarter m_dragStarter;
    QTimer m_problemTimer;
    bool m_inLayout = false;
};

} // namespace sluice::ui

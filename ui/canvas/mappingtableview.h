#pragma once
// The mapping editor's Table tab: one row per destination field with its
// source, a sample value and auto-map's suggestion, for wide mappings. Rows
// are selected in bulk (Shift/Ctrl+click, Ctrl+A, or all matches of the
// filter box) and acted on together: Connect Suggested Columns (Ctrl+L),
// Disconnect (Delete), Auto-map; each is one undo step.

#include <QTableView>

namespace sluice::ui {

class MappingDocument;

class MappingTableView : public QTableView {
    Q_OBJECT
public:
    // `model` shows a MappingTableModel (directly or through a proxy).
    MappingTableView(MappingDocument *document, QAbstractItemModel *model, QWidget *parent = nullptr);

    // The fields of the selected rows; the current row's when none is selected.
    QStringList selectedFields() const;
    // Connects each selected unmapped field to its suggested column; returns how many.
    int connectSuggested();
    QAction *connectSuggestedAction() const { return m_connectSuggested; }
    QAction *disconnectAction() const { return m_disconnect; }

    // Added to the context menu after the table's own actions (Auto-map).
    void addMenuAction(QAction *action);

private:
    MappingDocument *m_document;
    QAction *m_connectSuggested = nullptr;
    QAction *m_disconnect = nullptr;
};

} // namespace sluice::ui

#pragma once
// The mapping designer as one reusable widget: a transform palette, a search
// box, the canvas and a table of the same mapping, auto-map, zoom and fit.
// Hand it the model's columns, the destination's fields and a mapping; read
// the mapping back with mapping() when mappingChanged() says it changed.
// It does no engine work beyond checking the mapping (a compile, microseconds);
// previews are the main window's business.

#include "mappingdocument.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QScrollArea;
class QTabWidget;
class QTableView;
class QTimer;
class QUndoStack;

namespace sluice::ui {

class InlineEditor;
class MappingScene;
class MappingTableModel;
class MappingTableView;
class MappingView;
class TransformPaletteModel;

class MappingEditor : public QWidget {
    Q_OBJECT
public:
    // Uses `stack` when given (one per open project), else owns one.
    explicit MappingEditor(QWidget *parent = nullptr, QUndoStack *stack = nullptr);
    ~MappingEditor() override;

    void setColumns(std::vector<Column> columns);
    void setDestinationFields(std::vector<DestinationField> fields);
    // Loads a mapping (not an undo step; an owned undo stack is cleared).
    void setMapping(const nlohmann::json &mapping);
    nlohmann::json mapping() const;
    QUndoStack *undoStack() const;
    // For an owner with its own undo stack (the sync editor's project-wide
    // one): it mirrors every MappingDocument::edited() there and loads undo
    // and redo back with setMapping(). The editor's Undo and Redo actions go
    // away, so Ctrl+Z has one meaning in the window, and its own stack keeps
    // only the last command (typing still merges into it). Text fields inside
    // (inline editors, the table's cell editors) leave Undo and Redo to the
    // window too, instead of undoing their own text. One way; call it before
    // any edit.
    void useExternalUndo();
    bool hasExternalUndo() const { return m_externalUndo; }

    // Rows of the payload preview the destination would refuse (values not
    // among a field's options, text in a number field): the summary counts
    // them, so it never says "No problems" while the preview shows some.
    // `failed`: the preview itself fails (the mapping does not compile, the
    // model's rows cannot be read): said too, never "No problems".
    void setPreviewRejections(int rows, bool failed = false);
    QString problemSummary() const;

    MappingDocument *document() const { return m_document; }
    MappingScene *scene() const { return m_scene; }
    MappingView *view() const { return m_view; }
    MappingTableModel *tableModel() const { return m_table; }
    QSortFilterProxyModel *tableProxy() const { return m_tableProxy; }
    MappingTableView *tableView() const { return m_tableView; }
    // Column name -> its value in the model's first row (the table's Sample column).
    void setSampleValues(QHash<QString, QString> values);
    QListView *paletteView() const { return m_paletteView; }
    TransformPaletteModel *paletteModel() const { return m_palette; }
    QLineEdit *searchBox() const { return m_search; }
    QTabWidget *tabs() const { return m_tabs; }
    InlineEditor *inlineEditor() const { return m_editor; }
    QAction *autoMapAction() const { return m_autoMap; }
    QAction *zoomAction() const { return m_zoom; }             // reads the zoom level ("100%"); resets it
    QAction *mappedOnlyAction() const { return m_mappedOnly; } // hides the columns no field uses

public slots:
    int autoMap();
    void openStepEditor(const QString &field, sluice::ui::StepList list, int index);
    void openFieldEditor(const QString &field);
    void closeInlineEditor();
    void showCanvas();
    void showTable();

signals:
    void mappingChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildLayout();
    QAction *m_zoom = nullptr;
    QAction *m_mappedOnly = nullptr;
    void showEditor(InlineEditor *editor, const QRectF &anchorSceneRect);
    void fitEditor(); // keeps it sized to its contents and inside the view
    void onDocumentChanged();
    void updateProblemSummary();
    void insertFromPalette(const QModelIndex &index);

    MappingDocument *m_document;
    MappingScene *m_scene;
    MappingView *m_view = nullptr;
    MappingTableModel *m_table;
    QSortFilterProxyModel *m_tableProxy;
    TransformPaletteModel *m_palette;
    MappingTableView *m_tableView = nullptr;
    QListView *m_paletteView = nullptr;
    QLineEdit *m_search = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_summary = nullptr;
    QScrollArea *m_side = nullptr; // the open InlineEditor's panel
    int m_previewRejections = 0;
    bool m_previewFailed = false;
    QLabel *m_general = nullptr;
    QAction *m_autoMap = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QAction *m_undoSeparator = nullptr;
    QPointer<InlineEditor> m_editor;
    QTimer *m_summaryTimer = nullptr;
    bool m_ownsStack;
    bool m_loading = false;
    bool m_externalUndo = false;
};

} // namespace sluice::ui

#include "mappingeditor.h"

#include "canvastr.h"
#include "mappingitems.h"
#include "mappingscene.h"
#include "mappingtablemodel.h"
#include "mappingtableview.h"
#include "mappingview.h"
#include "stepeditor.h"
#include "transformpalettemodel.h"

#include "common/resources.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QScrollArea>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

namespace sluice::ui {

using nlohmann::json;

MappingEditor::MappingEditor(QWidget *parent, QUndoStack *stack)
    : QWidget(parent), m_document(new MappingDocument(stack, this)), m_scene(new MappingScene(m_document, this)),
      m_table(new MappingTableModel(m_document, this)), m_tableProxy(new QSortFilterProxyModel(this)),
      m_palette(new TransformPaletteModel(this)), m_ownsStack(stack == nullptr)
{
    initResources();
    m_tableProxy->setSourceModel(m_table);
    m_tableProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_tableProxy->setFilterKeyColumn(-1);
    buildLayout();
    connect(m_document, &MappingDocument::changed, this, &MappingEditor::onDocumentChanged);
    // Problems are recomputed on demand; ask once per burst of edits (an auto-map is many).
    m_summaryTimer = new QTimer(this);
    m_summaryTimer->setSingleShot(true);
    m_summaryTimer->setInterval(0);
    connect(m_summaryTimer, &QTimer::timeout, this, &MappingEditor::updateProblemSummary);
    connect(m_document, &MappingDocument::problemsChanged, m_summaryTimer, qOverload<>(&QTimer::start));
    connect(m_document, &MappingDocument::resetDone, this, [this] {
        closeInlineEditor();
        updateProblemSummary();
    });
    connect(m_scene, &MappingScene::editStepRequested, this, &MappingEditor::openStepEditor);
    connect(m_scene, &MappingScene::editFieldRequested, this, &MappingEditor::openFieldEditor);
    updateProblemSummary();
}

MappingEditor::~MappingEditor()
{
    closeInlineEditor();
}

void MappingEditor::buildLayout()
{
    auto *toolbar = new QToolBar;
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_search = new QLineEdit;
    m_search->setPlaceholderText(CanvasTr::tr("Filter columns and fields"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(CanvasTr::tr("Filter columns and fields"));
    m_search->setMaximumWidth(260);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_scene->setFilterText(text);
        m_tableProxy->setFilterFixedString(text.trimmed());
    });
    toolbar->addWidget(m_search);
    auto *find = new QAction(CanvasTr::tr("Find"), this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    addAction(find);

    m_autoMap = toolbar->addAction(CanvasTr::tr("Auto-map"), this, &MappingEditor::autoMap);
    m_autoMap->setToolTip(CanvasTr::tr("Connect unmapped fields to columns with the same or a similar name"));
    m_mappedOnly = toolbar->addAction(CanvasTr::tr("Mapped Columns Only"));
    m_mappedOnly->setCheckable(true);
    m_mappedOnly->setToolTip(CanvasTr::tr("Hide the model columns no field uses"));
    connect(m_mappedOnly, &QAction::toggled, this, [this](bool on) { m_scene->setHideUnmappedColumns(on); });
    toolbar->addSeparator();
    m_undo = undoStack()->createUndoAction(this, CanvasTr::tr("Undo"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_redo = undoStack()->createRedoAction(this, CanvasTr::tr("Redo"));
    m_redo->setShortcut(QKeySequence::Redo);
    m_redo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    toolbar->addAction(m_undo);
    toolbar->addAction(m_redo);
    addAction(m_undo);
    addAction(m_redo);
    m_undoSeparator = toolbar->addSeparator();

    m_view = new MappingView(m_scene);
    auto addViewAction = [&](const QString &text, const QString &tip, const QKeySequence &key, auto slot) {
        QAction *a = toolbar->addAction(text, m_view, slot);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        return a;
    };
    addViewAction(QStringLiteral("−"), CanvasTr::tr("Zoom out"), QKeySequence(Qt::CTRL | Qt::Key_Minus),
                  &MappingView::zoomOut);
    addViewAction(QStringLiteral("+"), CanvasTr::tr("Zoom in"), QKeySequence(Qt::CTRL | Qt::Key_Equal),
                  &MappingView::zoomIn);
    m_zoom = addViewAction(CanvasTr::tr("100%"), CanvasTr::tr("Actual size"), QKeySequence(Qt::CTRL | Qt::Key_1),
                           &MappingView::resetZoom);
    // The level as it is, after Fit, the wheel or the keys; pressing it goes back to 100%.
    connect(m_view, &MappingView::zoomChanged, m_zoom,
            [this](qreal factor) { m_zoom->setText(QLocale().toString(qRound(factor * 100)) + QLatin1Char('%')); });
    // Ctrl+9, not Ctrl+0: Ctrl+0 is the window's "Project Explorer" everywhere.
    addViewAction(CanvasTr::tr("Fit"), CanvasTr::tr("Fit to view"), QKeySequence(Qt::CTRL | Qt::Key_9),
                  &MappingView::fitToView);
    m_view->setMenuActions({m_autoMap, m_mappedOnly});
    auto *spacer = new QWidget;
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    m_summary = new QLabel;
    m_summary->setTextFormat(Qt::PlainText);
    toolbar->addWidget(m_summary);

    // Palette
    auto *paletteBox = new QWidget;
    auto *paletteLayout = new QVBoxLayout(paletteBox);
    paletteLayout->setContentsMargins(6, 4, 0, 0);
    auto *paletteTitle = new QLabel(CanvasTr::tr("Transforms"));
    QFont bold = paletteTitle->font();
    bold.setBold(true);
    paletteTitle->setFont(bold);
    m_paletteView = new QListView;
    m_paletteView->setModel(m_palette);
    m_paletteView->setDragEnabled(true);
    m_paletteView->setDragDropMode(QAbstractItemView::DragOnly);
    m_paletteView->setDefaultDropAction(Qt::CopyAction);
    m_paletteView->setAccessibleName(CanvasTr::tr("Transform palette"));
    m_paletteView->setToolTip(CanvasTr::tr("Drag a transform onto an edge, or select an edge and press Enter here"));
    m_paletteView->setMinimumWidth(110);
    connect(m_paletteView, &QListView::activated, this, &MappingEditor::insertFromPalette);
    paletteTitle->setBuddy(m_paletteView);
    paletteLayout->addWidget(paletteTitle);
    paletteLayout->addWidget(m_paletteView, 1);

    // Table
    m_tableView = new MappingTableView(m_document, m_tableProxy);
    auto *autoMapRows = new QAction(CanvasTr::tr("Auto-map"), m_tableView);
    connect(autoMapRows, &QAction::triggered, this, &MappingEditor::autoMap);
    m_tableView->addMenuAction(autoMapRows);

    m_tabs = new QTabWidget;
    m_tabs->setDocumentMode(true);
    // Small screens: the page's splitter, not a minimum, decides its height.
    m_tabs->setMinimumHeight(120);
    m_tabs->addTab(m_view, CanvasTr::tr("Canvas"));
    m_tabs->addTab(m_tableView, CanvasTr::tr("Table"));

    // Transform and field settings open in a side panel of their own, the
    // canvas's full height, scrolling when taller: inside the canvas they were
    // squeezed to its height (a value map showed no row at all).
    m_side = new QScrollArea;
    m_side->setObjectName(QStringLiteral("settingsPanel"));
    m_side->setWidgetResizable(true);
    m_side->setFrameShape(QFrame::NoFrame);
    m_side->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_side->hide();

    auto *split = new QSplitter;
    split->addWidget(paletteBox);
    split->addWidget(m_tabs);
    split->addWidget(m_side);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 0);
    split->setSizes({130, 900, 0});
    split->setChildrenCollapsible(false);

    m_general = new QLabel;
    m_general->setWordWrap(true);
    m_general->setTextFormat(Qt::PlainText);
    m_general->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_general->setContentsMargins(6, 2, 6, 4);
    m_general->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(toolbar);
    layout->addWidget(split, 1);
    layout->addWidget(m_general);
}

void MappingEditor::setColumns(std::vector<Column> columns)
{
    closeInlineEditor();
    m_document->setColumns(std::move(columns));
}

void MappingEditor::setDestinationFields(std::vector<DestinationField> fields)
{
    closeInlineEditor();
    m_document->setDestinationFields(std::move(fields));
}

void MappingEditor::setMapping(const json &mapping)
{
    closeInlineEditor();
    m_loading = true;
    m_document->load(mapping);
    m_loading = false;
    if (m_ownsStack)
        undoStack()->clear();
}

json MappingEditor::mapping() const
{
    return m_document->toJson();
}

QUndoStack *MappingEditor::undoStack() const
{
    return m_document->undoStack();
}

void MappingEditor::useExternalUndo()
{
    if (m_externalUndo)
        return;
    m_externalUndo = true;
    // Deleting an action takes it out of the toolbar and the shortcut map.
    delete m_undo;
    delete m_redo;
    delete m_undoSeparator;
    m_undo = m_redo = m_undoSeparator = nullptr;
    if (m_ownsStack) {
        undoStack()->clear();
        undoStack()->setUndoLimit(1);
    }
    // Inline editors come and go: watch the shortcut overrides of every widget
    // and keep those inside this editor.
    qApp->installEventFilter(this);
}

bool MappingEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride && watched->isWidgetType()
        && isAncestorOf(static_cast<QWidget *>(watched))) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)) {
            // Not the field's own text undo: the window's Undo/Redo (the caller's stack).
            event->ignore();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

int MappingEditor::autoMap()
{
    return m_document->autoMap();
}

void MappingEditor::showCanvas()
{
    m_tabs->setCurrentWidget(m_view);
}

void MappingEditor::setSampleValues(QHash<QString, QString> values)
{
    m_table->setSampleValues(std::move(values));
}

void MappingEditor::showTable()
{
    m_tabs->setCurrentWidget(m_tableView);
}

void MappingEditor::insertFromPalette(const QModelIndex &index)
{
    const json step
        = json::parse(index.data(TransformPaletteModel::StepJsonRole).toString().toStdString(), nullptr, false);
    if (step.is_discarded())
        return;
    showCanvas();
    if (!m_scene->insertStepAtFocus(step))
        m_summary->setText(CanvasTr::tr("Select an edge or a field first, then pick a transform"));
}

void MappingEditor::openStepEditor(const QString &field, StepList list, int index)
{
    closeInlineEditor();
    QRectF anchor;
    if (EdgeItem *edge = m_scene->edgeForField(field)) {
        NodeItem *node = list == StepList::Transforms ? edge->transformNode(index) : nullptr;
        anchor = node ? node->sceneBoundingRect() : edge->sceneBoundingRect();
    } else if (FieldItem *f = m_scene->fieldItem(field)) {
        anchor = f->sceneBoundingRect();
    }
    auto *editor = new StepEditor(m_document, field, list, index, m_view);
    if (!editor->refresh()) {
        delete editor;
        return;
    }
    showEditor(editor, anchor);
}

void MappingEditor::openFieldEditor(const QString &field)
{
    closeInlineEditor();
    FieldItem *f = m_scene->fieldItem(field);
    auto *editor = new FieldEditor(m_document, field, m_view);
    connect(editor, &FieldEditor::editRuleRequested, this,
            [this](const QString &field, int index) { openStepEditor(field, StepList::Rules, index); });
    showEditor(editor, f ? f->sceneBoundingRect() : QRectF());
}

void MappingEditor::showEditor(InlineEditor *editor, const QRectF &anchorSceneRect)
{
    m_editor = editor;
    connect(editor, &InlineEditor::closeRequested, this, &MappingEditor::closeInlineEditor, Qt::QueuedConnection);
    (void)anchorSceneRect; // the node stays selected on the canvas; the panel is beside it
    showCanvas();
    m_side->setWidget(editor); // takes it; the panel deletes it when replaced
    editor->show();
    fitEditor();
    m_side->show();
    // Focus the first input, so typing goes straight in.
    QWidget *first = editor->nextInFocusChain();
    while (first && first != editor
           && (first->focusPolicy() == Qt::NoFocus || !editor->isAncestorOf(first)
               || qobject_cast<QAbstractButton *>(first)))
        first = first->nextInFocusChain();
    (first && first != editor ? first : static_cast<QWidget *>(editor))->setFocus(Qt::OtherFocusReason);
}

void MappingEditor::fitEditor()
{
    // As wide as the settings want (a scroll bar's room more); the height
    // is the panel's, and taller settings scroll.
    const int width = m_editor->sizeHint().expandedTo(m_editor->minimumSizeHint()).width()
                    + m_side->verticalScrollBar()->sizeHint().width() + 4;
    m_side->setMinimumWidth(std::min(width, std::max(200, this->width() / 2)));
}

void MappingEditor::closeInlineEditor()
{
    if (!m_editor)
        return;
    InlineEditor *editor = m_editor;
    m_editor = nullptr;
    const bool hadFocus = editor->isAncestorOf(QApplication::focusWidget());
    editor->hide();
    if (m_side->widget() == editor)
        m_side->takeWidget();
    m_side->hide();
    editor->deleteLater();
    if (hadFocus && m_view)
        m_view->setFocus(Qt::OtherFocusReason);
}

void MappingEditor::onDocumentChanged()
{
    if (m_editor && !m_editor->refresh())
        closeInlineEditor();
    else if (m_editor)
        fitEditor();
    if (!m_loading)
        emit mappingChanged();
}

void MappingEditor::setPreviewRejections(int rows, bool failed)
{
    if (rows == m_previewRejections && failed == m_previewFailed)
        return;
    m_previewRejections = rows;
    m_previewFailed = failed;
    updateProblemSummary();
}

QString MappingEditor::problemSummary() const
{
    return m_summary->text();
}

void MappingEditor::updateProblemSummary()
{
    int errors = 0;
    int warnings = 0;
    for (const MappingProblem &p : m_document->problems())
        (p.error ? errors : warnings)++;
    QStringList parts;
    if (errors)
        parts << (errors == 1 ? CanvasTr::tr("1 error") : CanvasTr::tr("%n errors", nullptr, errors));
    if (warnings)
        parts << (warnings == 1 ? CanvasTr::tr("1 warning") : CanvasTr::tr("%n warnings", nullptr, warnings));
    if (m_previewFailed)
        parts << CanvasTr::tr("the preview fails");
    if (m_previewRejections)
        parts << CanvasTr::tr("%n preview rows refused", nullptr, m_previewRejections);
    m_summary->setText(parts.isEmpty() ? CanvasTr::tr("No problems") : parts.join(QStringLiteral(", ")));
    QPalette pal = m_summary->palette();
    const bool previewProblem = m_previewRejections > 0 || m_previewFailed;
    pal.setColor(QPalette::WindowText, errors || warnings || previewProblem
                                           ? CanvasStyle::problemColor(palette(), errors > 0 || previewProblem)
                                           : palette().color(QPalette::WindowText));
    m_summary->setPalette(pal);

    QStringList general;
    for (const MappingProblem &p : m_document->generalProblems())
        general << p.text();
    for (const MappingEntry &e : m_document->entries())
        if (!e.valid && e.field.isEmpty())
            general
                << CanvasTr::tr("Entry %1 cannot be read: %2").arg(m_document->indexOf(e.id) + 1).arg(e.invalidReason);
    general.removeDuplicates();
    m_general->setText(general.join(QLatin1Char('\n')));
    pal = m_general->palette();
    pal.setColor(QPalette::WindowText, CanvasStyle::problemColor(palette(), true));
    m_general->setPalette(pal);
    m_general->setVisible(!general.isEmpty());
}

} // namespace sluice::ui

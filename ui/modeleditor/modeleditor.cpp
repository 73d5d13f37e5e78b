#include "modeleditor.h"

#include "common/textviews.h"
#include "common/typewords.h"
#include "document/projectdocument.h"
#include "jobs/connectioncheck.h"
#include "jobs/enginebridge.h"
#include "jobs/keycheckjob.h"
#include "keycolumnsmodel.h"
#include "modeleditorparts.h"
#include "previewsortproxy.h"
#include "previewtablemodel.h"
#include "schematreemodel.h"
#include "sqleditor.h"

#include "project/projectjson.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace sluice::ui {

using namespace modeleditor;

ModelEditor::ModelEditor(ProjectDocument *document, const QString &modelName, QWidget *parent)
    : QWidget(parent), m_document(document), m_name(modelName), m_engine(new EngineBridge(this)),
      m_previewModel(new PreviewTableModel(this)), m_sortProxy(new PreviewSortProxy(this)),
      m_keyModel(new KeyColumnsModel(this)), m_keyJob(new KeyCheckJob(this)), m_schema(new SchemaTreeModel(this))
{
    m_sortProxy->setSourceModel(m_previewModel);
    m_schemaTask.onFinished(this, [this] { showSchema(m_schemaTask.result()); });
    connect(m_engine, &EngineBridge::previewFinished, this, &ModelEditor::onPreviewFinished);
    connect(m_keyJob, &KeyCheckJob::finished, this, &ModelEditor::onKeyCheckFinished);
    connect(m_keyModel, &KeyColumnsModel::keyChangeRequested, this, &ModelEditor::proposeKey);

    auto *layout = new QVBoxLayout(this);
    m_title = new QLabel;
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_info = new QLabel;
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title);
    titleRow->addWidget(m_info, 1);
    layout->addLayout(titleRow);

    m_previewAction = new QAction(QIcon(QStringLiteral(":/icons/play.svg")), tr("&Preview Rows"), this);
    m_previewAction->setShortcuts(
        {QKeySequence(tr("Ctrl+Return")), QKeySequence(Qt::CTRL | Qt::Key_Enter), QKeySequence::Refresh});
    m_previewAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_previewAction->setToolTip(tr("Save the SQL and preview its rows (Ctrl+Enter)"));
    connect(m_previewAction, &QAction::triggered, this, &ModelEditor::refreshPreview);
    addAction(m_previewAction);
    m_cancelAction = new QAction(QIcon(QStringLiteral(":/icons/stop.svg")), tr("&Cancel Preview"), this);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_cancelAction->setEnabled(false);
    connect(m_cancelAction, &QAction::triggered, this, &ModelEditor::cancelPreview);
    addAction(m_cancelAction);

    auto *toolbar = new QToolBar;
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_previewAction);
    toolbar->addAction(m_cancelAction);
    toolbar->addSeparator();
    toolbar->addWidget(new QLabel(tr("Rows:")));
    m_limit = new QSpinBox;
    m_limit->setRange(1, 100000);
    m_limit->setValue(100);
    m_limit->setAccessibleName(tr("Preview row limit"));
    toolbar->addWidget(m_limit);
    layout->addWidget(toolbar);

    // Left: the SQL over the rows; right: schema browser and key picker.
    m_sql = new SqlEditor;
    m_sql->setAccessibleName(tr("Model SQL"));
    m_sql->setPlaceholderText(tr("SELECT … FROM …   (drag a table here from the schema on the right)"));
    connect(m_sql, &QPlainTextEdit::textChanged, this, &ModelEditor::onSqlTextChanged);
    connect(m_sql, &QPlainTextEdit::textChanged, this, &ModelEditor::noteDraftChange);
    connect(m_sql, &SqlEditor::flushRequested, this, &ModelEditor::commitSql);
    connect(m_sql, &SqlEditor::focusLost, this, &ModelEditor::commitSql);
    connect(m_sql, &SqlEditor::tableDropped, this, &ModelEditor::onTableDropped);
    m_sqlTimer.setSingleShot(true);
    m_sqlTimer.setInterval(kSqlSaveDelayMs);
    connect(&m_sqlTimer, &QTimer::timeout, this, &ModelEditor::commitSql);
    m_sqlNote = new QLabel;
    m_sqlNote->setWordWrap(true);
    m_sqlNote->setStyleSheet(QString::fromLatin1(kErrorStyle));
    m_sqlNote->hide();
    auto *sqlBox = new QWidget;
    auto *sqlLayout = new QVBoxLayout(sqlBox);
    sqlLayout->setContentsMargins(0, 0, 0, 0);
    sqlLayout->addWidget(m_sql, 1);
    sqlLayout->addWidget(m_sqlNote);

    m_previewInfo = new QLabel;
    m_previewInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_previewInfo->setAccessibleName(tr("Preview summary"));
    m_table = new QTableView;
    m_table->setModel(m_sortProxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setAlternatingRowColors(true);
    m_table->setAccessibleName(tr("Preview rows"));
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    auto *copy = new QAction(tr("Copy"), m_table);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &ModelEditor::copySelection);
    m_table->addAction(copy);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QString::fromLatin1(kErrorStyle));
    m_error->hide();
    auto *rowsBox = new QWidget;
    auto *rowsLayout = new QVBoxLayout(rowsBox);
    rowsLayout->setContentsMargins(0, 0, 0, 0);
    rowsLayout->addWidget(m_previewInfo);
    rowsLayout->addWidget(m_table, 1);
    rowsLayout->addWidget(m_error);

    auto *left = new QSplitter(Qt::Vertical);
    left->addWidget(sqlBox);
    left->addWidget(rowsBox);
    left->setStretchFactor(0, 2);
    left->setStretchFactor(1, 3);
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(buildSidePanel());
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    split->setSizes({900, 340}); // room for column names and types beside the SQL
    layout->addWidget(split, 1);

    m_sql->setUndoInterceptor([this] { return discardDraft(); });
    connect(m_document, &ProjectDocument::configChanged, this, &ModelEditor::reload);
    reload();
    restoreDraft();
}

QWidget *ModelEditor::buildSidePanel()
{
    auto *panel = new QSplitter(Qt::Vertical);

    auto *schemaBox = new QWidget;
    auto *schemaLayout = new QVBoxLayout(schemaBox);
    schemaLayout->setContentsMargins(0, 0, 0, 0);
    auto *schemaHead = new QHBoxLayout;
    schemaHead->addWidget(boldTitle(tr("Schema")), 1);
    auto *refresh = new QToolButton;
    refresh->setIcon(QIcon(QStringLiteral(":/icons/refresh.svg")));
    refresh->setToolTip(tr("Read the source's tables again"));
    refresh->setAutoRaise(true);
    connect(refresh, &QToolButton::clicked, this, &ModelEditor::loadSchema);
    schemaHead->addWidget(refresh);
    schemaLayout->addLayout(schemaHead);
    m_schemaTree = new QTreeView;
    m_schemaTree->setModel(m_schema);
    m_schemaTree->setDragEnabled(true);
    m_schemaTree->setDragDropMode(QAbstractItemView::DragOnly);
    m_schemaTree->setAlternatingRowColors(true);
    m_schemaTree->setAccessibleName(tr("Source schema"));
    m_schemaTree->setToolTip(tr("Drag a table into the SQL editor to start a query from it"));
    m_schemaTree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_schemaTree->setColumnHidden(2, true);
    schemaLayout->addWidget(m_schemaTree, 1);
    m_schemaStatus = new QLabel;
    m_schemaStatus->setWordWrap(true);
    m_schemaStatus->hide();
    schemaLayout->addWidget(m_schemaStatus);
    panel->addWidget(schemaBox);

    auto *keyBox = new QWidget;
    auto *keyLayout = new QVBoxLayout(keyBox);
    keyLayout->setContentsMargins(0, 0, 0, 0);
    keyLayout->addWidget(boldTitle(tr("Primary key")));
    m_keyList = new QListView;
    m_keyList->setModel(m_keyModel);
    m_keyList->setAccessibleName(tr("Primary key columns"));
    m_keyList->setToolTip(tr("Check the columns that identify a row; preview to list every column"));
    keyLayout->addWidget(m_keyList, 1);

    m_checkKeyAction = new QAction(QIcon(QStringLiteral(":/icons/key.svg")), tr("Check &Key"), this);
    m_checkKeyAction->setToolTip(tr("Scan the whole model: is the key present and unique in every row?"));
    connect(m_checkKeyAction, &QAction::triggered, this, &ModelEditor::checkKey);
    m_cancelKeyCheckAction = new QAction(QIcon(QStringLiteral(":/icons/stop.svg")), tr("Cancel"), this);
    m_cancelKeyCheckAction->setEnabled(false);
    connect(m_cancelKeyCheckAction, &QAction::triggered, this, &ModelEditor::cancelKeyCheck);
    auto *keyButtons = new QHBoxLayout;
    for (QAction *a : {m_checkKeyAction, m_cancelKeyCheckAction}) {
        auto *b = new QToolButton;
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        keyButtons->addWidget(b);
    }
    m_keyProgress = new QProgressBar;
    m_keyProgress->setRange(0, 0); // the scan's length is unknown until it ends
    m_keyProgress->setTextVisible(true);
    m_keyProgress->hide();
    keyButtons->addWidget(m_keyProgress, 1);
    keyLayout->addLayout(keyButtons);
    // Scrolls when long (NULL and duplicate examples, why a draft waits)
    // rather than being cut off by a short panel.
    m_keyResult = problemsView(tr("Key check result"));
    m_keyResult->setMinimumHeight(m_keyResult->fontMetrics().height() * 3 + 6);
    keyLayout->addWidget(m_keyResult, 1);
    keyLayout->addWidget(buildKeyDraftBar());
    panel->addWidget(keyBox);
    // Half each: the key's panel holds the column list, the check's result
    // with its examples and the Use Anyway / Keep choice.
    panel->setStretchFactor(0, 1);
    panel->setStretchFactor(1, 1);

    m_keyClock.setInterval(250);
    connect(&m_keyClock, &QTimer::timeout, this, [this] {
        m_keyProgress->setFormat(tr("Scanning… %1 s").arg(QLocale().toString(m_keyJob->elapsedMs() / 1000.0, 'f', 1)));
    });
    return panel;
}

ModelEditor::~ModelEditor()
{
    // The SQL editor outlives this body (QWidget deletes children later) and
    // loses focus as it goes: its focusLost must not reach a ModelEditor that
    // is no longer one (UBSan: a downcast of a half-destroyed object).
    m_sql->disconnect(this);
    // Typing not saved yet is kept as the model's draft (closing the tab is
    // not "discard"); the document may already be gone when the whole
    // window closes.
    if (m_document)
        keepDraft();
}

QString ModelEditor::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString ModelEditor::previewInfo() const
{
    return m_previewInfo->text();
}

bool ModelEditor::isBusy() const
{
    return m_engine->isBusy();
}

bool ModelEditor::isCheckingKey() const
{
    return m_keyJob->isRunning();
}

QString ModelEditor::keyCheckText() const
{
    return m_keyResult->toPlainText();
}

QString ModelEditor::sqlMergeKey() const
{
    return QStringLiteral("model:%1:sql#%2").arg(m_name).arg(m_sqlBurst);
}

void ModelEditor::reload()
{
    const ModelDef *m = m_document->model(m_name);
    if (!m)
        return;
    m_title->setText(m_name);
    QString info = tr("Source: %1").arg(QString::fromStdString(m->source));
    if (!m->description.empty())
        info += QStringLiteral(" · ") + QString::fromStdString(m->description);
    m_info->setText(info);

    if (!m_committing && m->sql != m_savedSql) {
        // Not our own save: an undo, a redo or another editor changed the
        // SQL. The configuration wins over typing not saved yet (a draft),
        // and the next keystroke starts a new undo step. Edits elsewhere in
        // the project leave a draft alone.
        m_sqlTimer.stop();
        m_sqlDirty = false;
        m_draft.reset();
        if (m_sqlLoaded) // the first load leaves a kept draft for restoreDraft
            m_document->setSqlDraft(m_name, {});
        ++m_sqlBurst;
        setSqlNote({});
        m_loading = true;
        m_sql->replaceText(QString::fromStdString(m->sql));
        m_loading = false;
    }
    m_savedSql = m->sql;
    m_sqlLoaded = true;

    QStringList key;
    for (const auto &k : m->primaryKey)
        key << QString::fromStdString(k);
    // A draft key waits for its check, unless the saved key changed under it
    // (an undo, another editor): then the saved one wins.
    const bool keyChangedUnderDraft = m_keyDraft && key != m_savedKey;
    m_savedKey = key;
    if (keyChangedUnderDraft)
        dropKeyDraft();
    m_keyModel->setKey(m_keyDraft ? *m_keyDraft : key);
    if (m_checked && (m_checked->sql != m->sql || m_checked->primaryKey != m->primaryKey)) {
        m_checked.reset();
        setKeyResult(tr("The SQL or the key changed since the last check."));
    }
    if (m->source != m_schemaSource)
        loadSchema();
    noteDraftChange();
}

void ModelEditor::cancelPreview()
{
    m_engine->cancelPreview();
}

void ModelEditor::onPreviewFinished(const PreviewOutcome &outcome)
{
    finishDraftCheck(outcome);
    m_cancelAction->setEnabled(false);
    emit busyChanged(false);
    if (outcome.cancelled) {
        m_previewInfo->setText(tr("Preview cancelled"));
        emit statusMessage(tr("Preview cancelled"));
        return;
    }
    if (!outcome.error.isEmpty()) {
        m_previewModel->clear();
        m_previewInfo->clear();
        m_error->setText(outcome.error);
        m_error->show();
        emit statusMessage(tr("Preview failed"));
        return;
    }
    const ModelDef *model = m_document->model(m_name);
    const std::vector<std::string> key = model ? model->primaryKey : std::vector<std::string>{};
    const ModelPreview &p = *outcome.preview;
    auto keyCheck = keyColumnIndexes(p.columns, key);
    const int rows = int(p.rows.size());
    const QString ms = QLocale().toString(p.elapsedMs, 'f', 1);
    m_previewModel->setPreview(p, key);
    m_table->resizeColumnsToContents();
    QStringList names, types;
    for (const auto &c : p.columns) {
        names << QString::fromStdString(c.name);
        types << typeWord(c);
    }
    m_keyModel->setColumns(names, types);
    if (!keyCheck) {
        m_error->setText(QString::fromStdString(keyCheck.error().message));
        m_error->show();
    }
    const QString rowText = p.more ? tr("%Ln rows (more available)", nullptr, rows) : tr("%Ln rows", nullptr, rows);
    m_previewInfo->setText(tr("%1 · %Ln columns · %2 ms", nullptr, int(p.columns.size())).arg(rowText, ms));
    emit statusMessage(p.more ? tr("%n rows (more available) in %1 ms", nullptr, rows).arg(ms)
                              : tr("%n rows in %1 ms", nullptr, rows).arg(ms));
}

void ModelEditor::loadSchema()
{
    const ModelDef *model = m_document->model(m_name);
    const SourceDef *source = model ? m_document->source(QString::fromStdString(model->source)) : nullptr;
    if (!source || m_schemaLoading)
        return;
    m_schemaSource = source->name;
    m_schemaLoading = true;
    m_schemaStatus->setStyleSheet({});
    m_schemaStatus->setText(tr("Reading tables…"));
    m_schemaStatus->show();
    // The task holds copies only, so the editor may close while it runs
    // (BackgroundTask::OnDestroy::Abandon); its result is then dropped.
    m_schemaTask.start([s = *source, dir = m_document->directory().toStdString(),
                        access = ProjectDocument::secretAccess()] { return checkSource(s, dir, access); });
}

void ModelEditor::showSchema(const ConnectionCheck &c)
{
    m_schemaLoading = false;
    m_schema->setNodes(c.nodes);
    const QString problem = !c.ok ? c.result : c.schemaError;
    m_schemaStatus->setStyleSheet(problem.isEmpty() ? QString() : QString::fromLatin1(kErrorStyle));
    m_schemaStatus->setText(problem);
    m_schemaStatus->setVisible(!problem.isEmpty());
    emit schemaLoaded();
}

void ModelEditor::copySelection()
{
    const QModelIndexList sel = m_table->selectionModel()->selectedIndexes();
    if (sel.isEmpty())
        return;
    int top = INT_MAX, bottom = 0, left = INT_MAX, right = 0;
    for (const auto &i : sel) {
        top = std::min(top, i.row());
        bottom = std::max(bottom, i.row());
        left = std::min(left, i.column());
        right = std::max(right, i.column());
    }
    QString text;
    for (int r = top; r <= bottom; ++r) {
        QStringList cells;
        for (int c = left; c <= right; ++c)
            cells << m_sortProxy->index(r, c).data().toString();
        text += cells.join('\t') + '\n';
    }
    QApplication::clipboard()->setText(text);
}

} // namespace sluice::ui

#include "modeleditor.h"

#include "enginebridge.h"
#include "previewtablemodel.h"
#include "projectdocument.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace sluice::ui {

ModelEditor::ModelEditor(ProjectDocument *document, const QString &modelName, QWidget *parent)
    : QWidget(parent), m_document(document), m_name(modelName), m_engine(new EngineBridge(this)),
      m_previewModel(new PreviewTableModel(this)), m_sortProxy(new QSortFilterProxyModel(this))
{
    m_sortProxy->setSourceModel(m_previewModel);
    m_sortProxy->setSortRole(PreviewTableModel::SortRole);
    connect(m_engine, &EngineBridge::previewFinished, this, &ModelEditor::onPreviewFinished);

    auto *layout = new QVBoxLayout(this);
    m_title = new QLabel;
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_info = new QLabel;
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);
    layout->addWidget(m_info);

    m_previewAction = new QAction(QIcon(QStringLiteral(":/icons/play.svg")), tr("&Preview Rows"), this);
    m_previewAction->setShortcuts({QKeySequence(tr("Ctrl+Return")), QKeySequence::Refresh});
    m_previewAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_previewAction->setToolTip(tr("Preview rows (Ctrl+Enter)"));
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

    m_sql = new QPlainTextEdit;
    m_sql->setReadOnly(true);
    m_sql->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_sql->setAccessibleName(tr("Model SQL"));
    m_table = new QTableView;
    m_table->setModel(m_sortProxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setAlternatingRowColors(true);
    m_table->setAccessibleName(tr("Preview rows"));
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    auto *copy = new QAction(tr("Copy"), m_table);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &ModelEditor::copySelection);
    m_table->addAction(copy);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_sql);
    split->addWidget(m_table);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 4);
    layout->addWidget(split, 1);
    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_error->hide();
    layout->addWidget(m_error);

    connect(m_document, &ProjectDocument::configChanged, this, &ModelEditor::reload);
    reload();
}

ModelEditor::~ModelEditor() = default;

QString ModelEditor::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool ModelEditor::isBusy() const
{
    return m_engine->isBusy();
}

void ModelEditor::reload()
{
    const ModelDef *m = m_document->model(m_name);
    if (!m)
        return;
    QStringList key;
    for (const auto &k : m->primaryKey)
        key << QString::fromStdString(k);
    m_title->setText(m_name);
    m_info->setText(tr("Source: %1 · Primary key: %2 · %3")
                        .arg(QString::fromStdString(m->source), key.join(QStringLiteral(", ")),
                             QString::fromStdString(m->description)));
    const QString sql = QString::fromStdString(m->sql);
    if (m_sql->toPlainText() != sql)
        m_sql->setPlainText(sql);
}

void ModelEditor::refreshPreview()
{
    const ModelDef *model = m_document->model(m_name);
    const SourceDef *source = model ? m_document->source(QString::fromStdString(model->source)) : nullptr;
    if (!model || !source)
        return;
    m_error->hide();
    m_engine->startPreview(*source, *model, m_document->directory(), m_limit->value());
    m_cancelAction->setEnabled(true);
    emit busyChanged(true);
    emit statusMessage(tr("Previewing %1…").arg(m_name));
}

void ModelEditor::cancelPreview()
{
    m_engine->cancelPreview();
}

void ModelEditor::onPreviewFinished(const PreviewOutcome &outcome)
{
    m_cancelAction->setEnabled(false);
    emit busyChanged(false);
    if (outcome.cancelled) {
        emit statusMessage(tr("Preview cancelled"));
        return;
    }
    if (!outcome.error.isEmpty()) {
        m_previewModel->clear();
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
    const QString ms = QString::number(p.elapsedMs, 'f', 1);
    m_previewModel->setPreview(p, key);
    m_table->resizeColumnsToContents();
    if (!keyCheck) {
        m_error->setText(QString::fromStdString(keyCheck.error().message));
        m_error->show();
    }
    emit statusMessage(p.more ? tr("%n rows (more available) in %1 ms", nullptr, rows).arg(ms)
                              : tr("%n rows in %1 ms", nullptr, rows).arg(ms));
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

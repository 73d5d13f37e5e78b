#include "confighistorypage.h"

#include "document/confighistorymodel.h"
#include "document/projectdocument.h"
#include "document/protectedsync.h"

#include "common/textviews.h"
#include "project/projectjson.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTextBlock>
#include <QTextCursor>
#include <QTimer>
#include <QVBoxLayout>

namespace sluice::ui {

using nlohmann::json;

namespace {

// The canonical JSON as an export indents it.
QString pretty(const json &doc)
{
    return doc.is_null() ? QString() : QString::fromStdString(doc.dump(2, ' ', false, json::error_handler_t::replace));
}

void highlight(QPlainTextEdit *view, const std::vector<bool> &changed, const QColor &color)
{
    QList<QTextEdit::ExtraSelection> selections;
    QTextBlock block = view->document()->firstBlock();
    for (std::size_t i = 0; block.isValid(); ++i, block = block.next()) {
        if (i >= changed.size() || !changed[i])
            continue;
        QTextEdit::ExtraSelection s;
        s.cursor = QTextCursor(block);
        s.format.setBackground(color);
        s.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections << s;
    }
    view->setExtraSelections(selections);
}

} // namespace

ConfigHistoryPage::ConfigHistoryPage(ProjectDocument *document, const QString &syncName, QWidget *parent)
    : QWidget(parent), m_document(document), m_name(syncName)
{
    m_model = new ConfigHistoryModel(this);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("historySummary"));
    m_summary->setWordWrap(true);
    m_restore = new QPushButton(QIcon(QStringLiteral(":/icons/undo.svg")), tr("Restore This Version"));
    m_restore->setObjectName(QStringLiteral("restoreVersion"));
    m_restore->setToolTip(tr("Put the selected version back as the sync's configuration (Edit > Undo takes it back)"));
    m_restore->setEnabled(false);
    connect(m_restore, &QPushButton::clicked, this, &ConfigHistoryPage::restoreSelected);
    auto *refresh = new QPushButton(QIcon(QStringLiteral(":/icons/refresh.svg")), tr("Refresh"));
    connect(refresh, &QPushButton::clicked, this, &ConfigHistoryPage::reload);
    m_compare = new QComboBox;
    m_compare->setObjectName(QStringLiteral("compareWith"));
    m_compare->addItem(tr("Compare with the current version"));
    m_compare->addItem(tr("Compare with the version before it"));
    m_compare->setToolTip(tr("Show how the selected version differs from the current one, or what it changed"));
    connect(m_compare, &QComboBox::currentIndexChanged, this, &ConfigHistoryPage::showSelected);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_compare);
    bar->addWidget(refresh);
    bar->addWidget(m_restore);

    m_table = new QTableView;
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Saved versions"));
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ConfigHistoryPage::showSelected);

    m_leftTitle = new QLabel;
    m_rightTitle = new QLabel(tr("<b>Current</b>"));
    m_left = monospaceView(tr("Selected version"));
    m_left->setObjectName(QStringLiteral("revisionText"));
    m_right = monospaceView(tr("Current version"));
    m_right->setObjectName(QStringLiteral("currentText"));
    // Scroll the two versions together: they mostly line up.
    connect(m_left->verticalScrollBar(), &QScrollBar::valueChanged, m_right->verticalScrollBar(),
            &QScrollBar::setValue);
    connect(m_right->verticalScrollBar(), &QScrollBar::valueChanged, m_left->verticalScrollBar(),
            &QScrollBar::setValue);
    auto *texts = new QSplitter(Qt::Horizontal);
    texts->addWidget(titledPane(m_leftTitle, m_left));
    texts->addWidget(titledPane(m_rightTitle, m_right));

    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_table);
    split->addWidget(texts);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    m_task.onFinished(this, [this] {
        auto revisions = m_task.result();
        const qint64 selected = m_table->currentIndex().data(ConfigHistoryModel::RevisionIdRole).toLongLong();
        const SyncDef *sync = m_document->sync(m_name);
        const json current = sync ? toJson(*sync) : json();
        m_error.clear();
        if (revisions) {
            m_model->setRevisions(std::move(*revisions), current);
        } else {
            m_error = QString::fromStdString(revisions.error().describe());
            m_model->setRevisions({}, current);
        }
        m_table->resizeColumnToContents(ConfigHistoryModel::SavedAt);
        // Keep the version the user was looking at; else the one before the
        // current, the likeliest to restore.
        int row = -1;
        for (int r = 0; r < m_model->rowCount(); ++r)
            if (m_model->revision(r).id == selected)
                row = r;
        if (row < 0)
            row = m_model->rowCount() > 1 ? 1 : 0;
        if (m_model->rowCount() > 0)
            m_table->selectRow(row);
        showSelected();
        if (!m_error.isEmpty())
            m_summary->setText(tr("Cannot read the history: %1").arg(m_error));
        else
            m_summary->setText(tr("Saved versions of %1: %L2. Every saved change is kept; restoring one is itself "
                                  "a change you can undo.")
                                   .arg(m_name)
                                   .arg(m_model->rowCount()));
        emit loaded();
    });
    connect(m_document, &ProjectDocument::configChanged, this, &ConfigHistoryPage::onConfigChanged);
}

ConfigHistoryPage::~ConfigHistoryPage()
{
    m_task.waitForFinished();
}

void ConfigHistoryPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        reload();
}

void ConfigHistoryPage::onConfigChanged()
{
    // Every saved change adds a revision.
    m_stale = true;
    if (isVisible())
        reload();
}

void ConfigHistoryPage::reload()
{
    if (!m_document->isOpen())
        return;
    m_stale = false;
    const std::string path = m_document->path().toStdString(), name = m_name.toStdString();
    m_task.start([path, name] { return readRevisions(path, "sync", name); });
}

void ConfigHistoryPage::setComparison(Comparison comparison)
{
    m_compare->setCurrentIndex(comparison == Comparison::WithPrevious ? 1 : 0);
}

void ConfigHistoryPage::showSelected()
{
    const int row = m_table->currentIndex().row();
    const SyncDef *sync = m_document->sync(m_name);
    const QString current = sync ? pretty(toJson(*sync)) : QString();
    m_currentText = current;
    if (row < 0 || row >= m_model->rowCount()) {
        m_leftTitle->setText(tr("<b>Selected version</b>"));
        m_rightTitle->setText(tr("<b>Current</b>"));
        m_left->clear();
        m_right->setPlainText(current);
        m_selectedText.clear();
        m_diff = {};
        m_restore->setEnabled(false);
        return;
    }
    auto textOf = [](const Revision &r) {
        const json doc = json::parse(r.document, nullptr, false);
        return doc.is_discarded() ? QString::fromStdString(r.document) : pretty(doc);
    };
    auto titleOf = [](const Revision &r) {
        return r.deleted ? tr("<b>Deleted</b> %1").arg(ConfigHistoryModel::localTime(r.savedAt))
                         : tr("<b>Version of %1</b>").arg(ConfigHistoryModel::localTime(r.savedAt));
    };
    const Revision &r = m_model->revision(row);
    m_selectedText = textOf(r);
    QString leftTitle, rightTitle;
    if (m_compare->currentIndex() == 1) {
        // What this version changed: the one saved before it on the left (rows are newest first).
        const bool first = row + 1 >= m_model->rowCount();
        const QString before = first ? QString() : textOf(m_model->revision(row + 1));
        m_left->setPlainText(before);
        m_right->setPlainText(m_selectedText);
        m_diff = diffLines(before.isEmpty() ? QStringList() : before.split('\n'), m_selectedText.split('\n'));
        leftTitle = first ? tr("<b>Before it</b> (none: the first saved version)")
                          : tr("<b>Before it</b>: %1 (red: lines it removed: %2)")
                                .arg(ConfigHistoryModel::localTime(m_model->revision(row + 1).savedAt))
                                .arg(m_diff.changedLeft());
        rightTitle = titleOf(r) + QStringLiteral(" ") + tr("(green: lines it added: %1)").arg(m_diff.changedRight());
    } else {
        m_left->setPlainText(m_selectedText);
        m_right->setPlainText(current);
        m_diff = diffLines(m_selectedText.split('\n'), current.split('\n'));
        const bool same = m_diff.changedLeft() + m_diff.changedRight() == 0;
        leftTitle = titleOf(r);
        if (!same && !r.deleted)
            leftTitle
                += QStringLiteral(" ") + tr("(red: lines not in the current version: %1)").arg(m_diff.changedLeft());
        rightTitle = same
                       ? tr("<b>Current</b> (the same)")
                       : tr("<b>Current</b> (green: lines not in the selected version: %1)").arg(m_diff.changedRight());
    }
    m_leftTitle->setText(leftTitle);
    m_rightTitle->setText(rightTitle);
    highlight(m_left, m_diff.leftChanged, QColor(220, 40, 40, 60));
    highlight(m_right, m_diff.rightChanged, QColor(40, 160, 60, 60));
    // Bring the first difference into view (the two views scroll together).
    auto firstChanged = [](const std::vector<bool> &changed) {
        const auto it = std::find(changed.begin(), changed.end(), true);
        return it == changed.end() ? -1 : int(it - changed.begin());
    };
    const int leftLine = firstChanged(m_diff.leftChanged), rightLine = firstChanged(m_diff.rightChanged);
    QPlainTextEdit *view = leftLine >= 0 && (rightLine < 0 || leftLine <= rightLine) ? m_left : m_right;
    const int line = view == m_left ? leftLine : rightLine;
    if (line >= 0) {
        QTextCursor cursor(view->document()->findBlockByNumber(line));
        view->setTextCursor(cursor);
        view->centerCursor();
        // The other view follows once both have laid out their text.
        QTimer::singleShot(0, this, [this, view] {
            QPlainTextEdit *other = view == m_left ? m_right : m_left;
            other->verticalScrollBar()->setValue(view->verticalScrollBar()->value());
        });
    }
    m_restore->setEnabled(!r.deleted && !m_model->isCurrent(row) && sync);
}

QString ConfigHistoryPage::leftText() const
{
    return m_left->toPlainText();
}

QString ConfigHistoryPage::rightText() const
{
    return m_right->toPlainText();
}

QString ConfigHistoryPage::selectedText() const
{
    return m_selectedText;
}

QString ConfigHistoryPage::currentText() const
{
    return m_currentText;
}

void ConfigHistoryPage::restoreSelected()
{
    restore(m_table->currentIndex().row());
}

bool ConfigHistoryPage::restore(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return false;
    const SyncDef *sync = m_document->sync(m_name);
    if (!sync)
        return false;
    const Revision revision = m_model->revision(row);
    auto parsed = syncFromRevision(revision.document);
    if (!parsed) {
        QMessageBox::warning(this, tr("Cannot restore"), QString::fromStdString(parsed.error().describe()));
        return false;
    }
    SyncDef restored = std::move(*parsed);
    // The version comes back under the sync's name now (it may have been renamed since).
    restored.name = sync->name;
    const ProtectedChange change
        = restored.mode == "mirror" && sync->mode != "mirror" ? ProtectedChange::SwitchToMirror : ProtectedChange::Edit;
    if (!confirmProtectedEdit(this, m_document->path(), *sync, change))
        return false;
    const std::string name = sync->name;
    return m_document->edit(
        tr("Restore %1 to its version of %2").arg(m_name, ConfigHistoryModel::localTime(revision.savedAt)),
        [&](ProjectConfig &c) {
            for (SyncDef &s : c.syncs)
                if (s.name == name)
                    s = restored;
        });
}

} // namespace sluice::ui

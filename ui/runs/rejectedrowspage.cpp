#include "rejectedrowspage.h"

#include "rejectedrowsmodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {
constexpr int kMaxRows = 10000;
}

RejectedRowsPage::RejectedRowsPage(QWidget *parent) : SyncStatePage(parent)
{
    m_model = new RejectedRowsModel(this);
    m_filter = new RejectedRowsFilter(this);
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(Qt::DisplayRole);

    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("rejectedSummary"));
    m_summary->setWordWrap(true);
    m_search = new QLineEdit;
    m_search->setPlaceholderText(tr("Filter by key, reason or payload"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Filter rejected rows"));
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setSearchText(text);
        updateButtons();
    });
    m_copy = new QPushButton(tr("Copy"));
    m_copy->setToolTip(tr("Copy the selected rows as CSV (Ctrl+C)"));
    connect(m_copy, &QPushButton::clicked, this, &RejectedRowsPage::copySelection);
    m_export = new QPushButton(tr("Export CSV…"));
    connect(m_export, &QPushButton::clicked, this, &RejectedRowsPage::exportCsv);
    auto *refresh = new QPushButton(QIcon(QStringLiteral(":/icons/refresh.svg")), tr("Refresh"));
    connect(refresh, &QPushButton::clicked, this, &RejectedRowsPage::reload);
    m_retry = new QPushButton(QIcon(QStringLiteral(":/icons/play.svg")), tr("Retry Now"));
    m_retry->setObjectName(QStringLiteral("retryNow"));
    m_retry->setToolTip(tr("Send the rejected rows again now (a retry-rejected run)"));
    connect(m_retry, &QPushButton::clicked, this, [this] {
        m_summary->setText(tr("Retrying the rejected rows… (progress on the Runs tab)"));
        emit retryRequested();
    });
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(m_copy);
    bar->addWidget(m_export);
    bar->addWidget(refresh);
    bar->addWidget(m_retry);

    m_table = new QTableView;
    m_table->setModel(m_filter);
    // Unsorted at first: the rows come in key order, as the sync sends them.
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);
    m_table->setAccessibleName(tr("Rejected rows"));
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    auto *copyAction = new QAction(tr("Copy"), m_table);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetShortcut);
    connect(copyAction, &QAction::triggered, this, &RejectedRowsPage::copySelection);
    m_table->addAction(copyAction);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RejectedRowsPage::showDetail);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RejectedRowsPage::updateButtons);

    m_detailTitle = new QLabel;
    m_detailTitle->setWordWrap(true);
    m_detailTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail = new QPlainTextEdit;
    m_detail->setObjectName(QStringLiteral("payloadDetail"));
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setAccessibleName(tr("Payload of the selected row"));
    m_detail->setPlaceholderText(tr("Select a row to see the payload that was sent"));
    auto *detailPane = new QWidget;
    auto *detailLayout = new QVBoxLayout(detailPane);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_detailTitle);
    detailLayout->addWidget(m_detail, 1);

    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_table);
    split->addWidget(detailPane);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    m_task.onFinished(this, [this] {
        auto result = m_task.result();
        m_error.clear();
        m_more = false;
        if (result) {
            m_more = result->more;
            m_model->setRows(std::move(result->rows));
        } else {
            m_error = QString::fromStdString(result.error().describe());
            m_model->setRows({});
        }
        m_table->resizeColumnsToContents();
        m_table->setColumnWidth(RejectedRowsModel::Reason,
                                std::min(m_table->columnWidth(RejectedRowsModel::Reason), 420));
        if (m_filter->rowCount() > 0)
            m_table->selectRow(0);
        else
            showDetail();
        updateButtons();
        emit loaded();
    });
    updateButtons();
}

RejectedRowsPage::~RejectedRowsPage()
{
    m_task.waitForFinished();
}

void RejectedRowsPage::load()
{
    const std::string path = projectPath().toStdString(), sync = syncName().toStdString();
    m_summary->setText(tr("Reading the rejected rows…"));
    // A reload while one is under way: the later result wins, the earlier one is dropped.
    m_task.start([path, sync] { return readRejections(path, sync, kMaxRows); });
}

void RejectedRowsPage::setRunActive(bool active)
{
    m_runActive = active;
    updateButtons();
    if (!active)
        reload();
}

void RejectedRowsPage::updateButtons()
{
    const int total = int(m_model->rows().size());
    const int shown = m_filter->rowCount();
    m_retry->setEnabled(total > 0 && !m_runActive);
    m_export->setEnabled(shown > 0);
    m_copy->setEnabled(m_table->selectionModel()->hasSelection());
    if (m_task.isRunning())
        return;
    QString text;
    if (!m_error.isEmpty())
        text = tr("Cannot read the rejected rows: %1").arg(m_error);
    else if (total == 0)
        text = tr("No rows of %1 are rejected.").arg(syncName());
    else {
        text = m_more     ? tr("The first %L1 rejected rows of %2 (there are more).").arg(total).arg(syncName())
             : total == 1 ? tr("1 row of %1 rejected.").arg(syncName())
                          : tr("%L1 rows of %2 rejected.").arg(total).arg(syncName());
        if (shown != total)
            text += ' ' + tr("Shown by the filter: %L1.").arg(shown);
        text += ' ' + tr("They are sent again on every run until they succeed, change or leave the model.");
    }
    if (m_runActive)
        text += ' ' + tr("A run is in progress.");
    m_summary->setText(text);
}

QString RejectedRowsPage::summaryText() const
{
    return m_summary->text();
}

QString RejectedRowsPage::detailText() const
{
    return m_detail->toPlainText();
}

void RejectedRowsPage::showDetail()
{
    const QModelIndex current = m_filter->mapToSource(m_table->currentIndex());
    if (!current.isValid()) {
        m_detailTitle->clear();
        m_detail->clear();
        return;
    }
    const RejectedRow &r = m_model->rows()[std::size_t(current.row())];
    m_detailTitle->setText(
        tr("<b>%1</b>: %2<br>Attempts: %3 · last run %4 · first seen %5")
            .arg(QString::fromStdString(r.displayKey).toHtmlEscaped(), QString::fromStdString(r.reason).toHtmlEscaped())
            .arg(r.attempts)
            .arg(r.runId)
            .arg(QString::fromStdString(r.firstSeen)));
    m_detail->setPlainText(RejectedRowsModel::prettyPayload(r.payload));
}

QList<int> RejectedRowsPage::selectedSourceRows() const
{
    QList<int> rows;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        rows << m_filter->mapToSource(i).row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void RejectedRowsPage::copySelection() const
{
    const QList<int> rows = selectedSourceRows();
    if (!rows.isEmpty())
        QApplication::clipboard()->setText(m_model->toCsv(rows));
}

bool RejectedRowsPage::writeCsv(const QString &path, QString *error) const
{
    // What the filter shows, in the order shown.
    QList<int> rows;
    for (int i = 0; i < m_filter->rowCount(); ++i)
        rows << m_filter->mapToSource(m_filter->index(i, 0)).row();
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(m_model->toCsv(rows).toUtf8()) < 0) {
        if (error)
            *error = f.errorString();
        return false;
    }
    return true;
}

void RejectedRowsPage::exportCsv()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Rejected Rows"), QStringLiteral("%1-rejected.csv").arg(syncName()), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!writeCsv(path, &error))
        QMessageBox::critical(this, tr("Export failed"), tr("Cannot write %1: %2").arg(path, error));
}

} // namespace sluice::ui

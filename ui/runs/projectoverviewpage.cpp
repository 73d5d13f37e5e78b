#include "projectoverviewpage.h"

#include "document/projectdocument.h"
#include "runcharts.h"
#include "runhistorymodel.h"
#include "runwords.h"

#include <QDateTime>
#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {
constexpr int kRunsRead = 500;
constexpr int kChartRuns = 30;
} // namespace

ProjectOverviewPage::ProjectOverviewPage(ProjectDocument *document, QWidget *parent)
    : QWidget(parent), m_document(document)
{
    m_title = new QLabel;
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("overviewSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *refresh = new QPushButton(QIcon(QStringLiteral(":/icons/refresh.svg")), tr("Refresh"));
    connect(refresh, &QPushButton::clicked, this, &ProjectOverviewPage::reload);
    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->addWidget(m_title);
    titles->addWidget(m_summary);
    header->addLayout(titles, 1);
    header->addWidget(refresh, 0, Qt::AlignTop);

    m_history = new RunHistoryModel(this);
    m_table = new QTableView;
    m_table->setModel(m_history);
    m_table->setAccessibleName(tr("Run history of the project"));
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    emit runSelected(current.siblingAtColumn(0).data(RunHistoryModel::RunIdRole).toLongLong());
            });
    m_charts = new RunCharts;

    m_split = new QSplitter(Qt::Vertical);
    m_split->addWidget(m_table);
    m_split->addWidget(m_charts);
    m_split->setStretchFactor(0, 2);
    m_split->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_split, 1);

    m_task.onFinished(this, [this] {
        auto runs = m_task.result();
        m_error.clear();
        if (runs) {
            m_history->setRuns(std::move(*runs));
        } else {
            m_error = QString::fromStdString(runs.error().describe());
            m_history->setRuns({});
        }
        m_table->resizeColumnsToContents();
        m_charts->setRuns(m_history->runs(), true, kChartRuns);
        updateSummary();
        emit loaded();
    });
    connect(m_document, &ProjectDocument::configChanged, this, &ProjectOverviewPage::updateSummary);
    updateSummary();
}

ProjectOverviewPage::~ProjectOverviewPage()
{
    m_task.waitForFinished();
}

void ProjectOverviewPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_sized) {
        // About ten rows of history above the charts.
        m_sized = true;
        // After the layout has given the splitter its height.
        QTimer::singleShot(0, this, [this] {
            const int rows = m_table->horizontalHeader()->sizeHint().height()
                           + 8 * m_table->verticalHeader()->defaultSectionSize() + 4;
            m_split->setSizes({rows, std::max(260, m_split->height() - rows)});
        });
    }
    if (m_stale)
        reload();
}

void ProjectOverviewPage::reload()
{
    if (!m_document->isOpen())
        return;
    m_stale = false;
    const std::string path = m_document->path().toStdString();
    m_task.start([path] { return readRuns(path, "", kRunsRead); });
}

void ProjectOverviewPage::updateSummary()
{
    const ProjectConfig &c = m_document->config();
    m_title->setText(tr("Project %1").arg(QString::fromStdString(c.name)));
    if (!m_error.isEmpty()) {
        m_summary->setText(tr("Cannot read the run history: %1").arg(m_error));
        return;
    }
    const auto &runs = m_history->runs();
    QString text = tr("Syncs: %1 · models: %2 · destinations: %3")
                       .arg(c.syncs.size())
                       .arg(c.models.size())
                       .arg(c.destinations.size())
                 + QStringLiteral(" · ");
    if (runs.empty()) {
        text += tr("no runs yet: open a sync and press Run.");
        m_summary->setText(text);
        return;
    }
    int failed = 0;
    qint64 delivered = 0, rejected = 0;
    for (const RunRecord &r : runs) {
        failed += r.status == "failed";
        delivered += std::max<qint64>(0, RunHistoryModel::count(r, "delivered"));
        rejected += std::max<qint64>(0, RunHistoryModel::count(r, "rejected"));
    }
    const RunRecord &last = runs.front();
    text += tr("runs recorded: %L1").arg(runs.size());
    if (int(runs.size()) >= kRunsRead)
        text += ' ' + tr("(the latest %1 shown)").arg(kRunsRead);
    text += QStringLiteral(" · ")
          + tr("rows delivered: %L1, rejected: %L2 · failed runs: %L3").arg(delivered).arg(rejected).arg(failed);
    text += QStringLiteral(" · ")
          + tr("last: run %1 of %2, %3, started %4")
                .arg(last.id)
                .arg(QString::fromStdString(last.syncName), runStatusText(last.status),
                     QString::fromStdString(last.startedAt));
    m_summary->setText(text);
}

QString ProjectOverviewPage::summaryText() const
{
    return m_summary->text();
}

} // namespace sluice::ui

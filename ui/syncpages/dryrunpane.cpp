#include "dryrunpane.h"

#include "canvas/mappingitems.h"
#include "common/textviews.h"
#include "dryrunsamplemodel.h"
#include "runs/runwords.h"

#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {

// A big number over its caption, in a light frame.
QLabel *addCount(QGridLayout *grid, int row, int column, const QString &caption, const QString &tip)
{
    auto *frame = new QFrame;
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setToolTip(tip);
    auto *layout = new QVBoxLayout(frame);
    layout->setContentsMargins(12, 2, 12, 2);
    layout->setSpacing(0);
    auto *number = new QLabel(QStringLiteral("–"));
    QFont big = number->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    number->setFont(big);
    number->setAlignment(Qt::AlignCenter);
    number->setAccessibleName(caption);
    auto *label = new QLabel(caption);
    label->setAlignment(Qt::AlignCenter);
    layout->addWidget(number);
    layout->addWidget(label);
    grid->addWidget(frame, row, column);
    return number;
}

} // namespace

DryRunPane::DryRunPane(QWidget *parent) : QWidget(parent), m_samples(new DryRunSampleModel(this))
{
    m_runButton = new QPushButton(QIcon(QStringLiteral(":/icons/dryrun.svg")), tr("Dry Run"));
    m_runButton->setToolTip(tr("Plan a run and show sample payloads; send nothing"));
    m_cancelButton = new QPushButton(QIcon(QStringLiteral(":/icons/stop.svg")), tr("Cancel"));
    m_cancelButton->setEnabled(false);
    connect(m_runButton, &QPushButton::clicked, this, &DryRunPane::run);
    connect(m_cancelButton, &QPushButton::clicked, this, &DryRunPane::cancel);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(160);
    m_progress->hide();
    m_status = new QLabel(tr("A dry run plans a run with the saved mapping: it reads the whole model, compares it "
                             "with what was sent before and builds every payload, but sends nothing."));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_runButton);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_progress);
    buttons->addWidget(m_status, 1);

    auto *countsBox = new QWidget;
    auto *counts = new QGridLayout(countsBox);
    counts->setContentsMargins(0, 0, 0, 0);
    counts->setSpacing(6);
    m_added = addCount(counts, 0, 0, tr("added"), tr("Rows new since the last run: they would be created"));
    m_changed
        = addCount(counts, 0, 1, tr("changed"), tr("Rows whose values or mapping changed: they would be updated"));
    m_removed = addCount(counts, 1, 0, tr("removed"),
                         tr("Rows gone from the model: deleted at the destination in mirror mode"));
    m_unchanged = addCount(counts, 1, 1, tr("unchanged"), tr("Rows sent before and still the same: skipped"));
    m_other = new QLabel;
    m_other->setWordWrap(true);
    counts->addWidget(m_other, 2, 0, 1, 2);
    counts->setRowStretch(3, 1);

    m_samplesView = new QTableView;
    m_samplesView->setModel(m_samples);
    m_samplesView->setAccessibleName(tr("Sample payloads"));
    m_samplesView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_samplesView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_samplesView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_samplesView->setWordWrap(false);
    m_samplesView->verticalHeader()->hide();
    m_samplesView->verticalHeader()->setDefaultSectionSize(m_samplesView->fontMetrics().height() + 6);
    m_samplesView->horizontalHeader()->setStretchLastSection(true);
    m_samplesView->setColumnWidth(DryRunSampleModel::KindColumn, 90);
    m_samplesView->setColumnWidth(DryRunSampleModel::KeyColumn, 160);
    connect(m_samplesView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DryRunPane::showSelected);

    m_payload = monospaceView(tr("Sample payload"));
    m_problems = problemsView(tr("Problems"));
    setProblemsColor(m_problems, CanvasStyle::problemColor(palette(), true));

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(boldTitle(tr("Samples recorded while planning (up to 5 of each kind)")));
    leftLayout->addWidget(m_samplesView, 1);
    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_sampleTitle = boldTitle(tr("Payload"));
    rightLayout->addWidget(m_sampleTitle);
    rightLayout->addWidget(m_payload, 2);
    rightLayout->addWidget(m_problems, 1);
    auto *split = new QSplitter;
    // The counts scroll rather than being cut when the pane is short.
    auto *countsScroll = new QScrollArea;
    countsScroll->setWidget(countsBox);
    countsScroll->setWidgetResizable(true);
    countsScroll->setFrameShape(QFrame::NoFrame);
    countsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    countsScroll->setMinimumWidth(countsBox->sizeHint().width()
                                  + countsScroll->verticalScrollBar()->sizeHint().width());
    split->addWidget(countsScroll);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 1);
    split->setChildrenCollapsible(false);

    m_results = split;
    m_results->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(buttons);
    layout->addWidget(m_results, 1);
}

DryRunPane::~DryRunPane() = default;

void DryRunPane::setSync(const QString &projectPath, const QString &syncName)
{
    if (projectPath == m_projectPath && syncName == m_syncName)
        return;
    m_projectPath = projectPath;
    m_syncName = syncName;
}

bool DryRunPane::isRunning() const
{
    return m_job && m_job->isRunning();
}

QString DryRunPane::countsText() const
{
    if (!m_summary)
        return {};
    return tr("%1 added, %2 changed, %3 removed, %4 unchanged")
        .arg(m_summary->added.planned)
        .arg(m_summary->changed.planned)
        .arg(m_summary->removed.planned)
        .arg(m_summary->unchanged.planned);
}

QString DryRunPane::statusText() const
{
    return m_status->text();
}

QString DryRunPane::payloadText() const
{
    return m_payload->toPlainText();
}

void DryRunPane::run()
{
    if (isRunning() || m_projectPath.isEmpty() || m_syncName.isEmpty())
        return;
    RunOptions options;
    options.kind = RunKind::DryRun;
    delete m_job;
    m_job = new RunJob(m_projectPath, m_syncName, options, this);
    connect(m_job, &RunJob::progress, this, &DryRunPane::onProgress);
    connect(m_job, &RunJob::finished, this, &DryRunPane::onFinished);
    setRunning(true);
    m_status->setText(tr("Planning…"));
    m_job->start();
}

void DryRunPane::cancel()
{
    if (!isRunning())
        return;
    m_job->cancel();
    m_status->setText(tr("Cancelling…"));
}

void DryRunPane::setRunning(bool running)
{
    m_runButton->setEnabled(!running);
    m_cancelButton->setEnabled(running);
    m_progress->setVisible(running);
}

void DryRunPane::onProgress(const RunSummary &s)
{
    m_status->setText(
        tr("Planning: %1 rows read, %2 to send so far").arg(s.queried).arg(s.added.planned + s.changed.planned));
}

void DryRunPane::onFinished(const RunOutcome &outcome)
{
    setRunning(false);
    if (!outcome.summary) {
        m_status->setText(tr("The dry run could not start: %1").arg(outcome.error));
        emit finished(outcome);
        return;
    }
    m_summary = outcome.summary;
    const RunSummary &s = *m_summary;
    showCounts(s);
    const QString took = s.durationMs < 1000 ? tr("%1 ms").arg(s.durationMs)
                                             : tr("%1 s").arg(double(s.durationMs) / 1000.0, 0, 'f', 1);
    QString status = s.status == "succeeded"
                       ? tr("Planned in %1: %2 rows read; nothing was sent.").arg(took).arg(s.queried)
                       : tr("Dry run %1.").arg(runStatusText(s.status));
    if (!s.error.empty())
        status += ' ' + QString::fromStdString(s.error);
    m_status->setText(status);
    m_samples->setSamples(s.samples);
    m_results->setEnabled(true);
    if (m_samples->rowCount() > 0)
        m_samplesView->selectRow(0);
    else
        showSelected();
    emit finished(outcome);
}

void DryRunPane::showCounts(const RunSummary &s)
{
    m_added->setText(QString::number(s.added.planned));
    m_changed->setText(QString::number(s.changed.planned));
    m_removed->setText(QString::number(s.removed.planned));
    m_unchanged->setText(QString::number(s.unchanged.planned));
    QStringList other;
    if (s.invalid > 0)
        other << (s.invalid == 1
                      ? tr("1 invalid row (NULL or duplicate key) would be skipped")
                      : tr("%n invalid rows (NULL or duplicate key) would be skipped", nullptr, int(s.invalid)));
    if (s.filtered > 0)
        other << (s.filtered == 1 ? tr("1 row left out by the filter")
                                  : tr("%n rows left out by the filter", nullptr, int(s.filtered)));
    if (s.snapshotBefore > 0)
        other << (s.snapshotBefore == 1 ? tr("1 record sent before")
                                        : tr("%n records sent before", nullptr, int(s.snapshotBefore)));
    else
        other << tr("Nothing sent before: every row is new");
    m_other->setText(other.join('\n'));
}

void DryRunPane::showSelected()
{
    const QModelIndex current = m_samplesView->currentIndex();
    if (!current.isValid()) {
        m_sampleTitle->setText(tr("Payload"));
        m_payload->clear();
        m_problems->hide();
        return;
    }
    const QModelIndex index = current.siblingAtColumn(0);
    const QString kind = index.data(DryRunSampleModel::KindRole).toString();
    const QString pretty = index.data(DryRunSampleModel::PrettyPayloadRole).toString();
    m_sampleTitle->setText(
        tr("Payload of %1 row %2")
            .arg(index.data().toString(), current.siblingAtColumn(DryRunSampleModel::KeyColumn).data().toString()));
    m_payload->setPlainText(!pretty.isEmpty()                  ? pretty
                            : kind == QLatin1String("removed") ? tr("No payload: the record would be deleted.")
                                                               : tr("No payload."));
    const QString problems = index.data(DryRunSampleModel::ProblemsRole).toString();
    m_problems->setPlainText(problems);
    m_problems->setVisible(!problems.isEmpty());
}

} // namespace sluice::ui

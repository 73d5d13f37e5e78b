#include "syncpage.h"

#include "jobs/runjob.h"
#include "runs/runcharts.h"
#include "runs/runhistorymodel.h"
#include "runs/runwords.h"

#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {

// A status line takes room only while it says something.
void showLine(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

} // namespace

SyncPage::SyncPage(QWidget *parent) : QWidget(parent)
{
    m_title = new QLabel;
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_details = new QLabel;
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_runButton = new QPushButton(tr("Run"));
    m_runButton->setToolTip(tr("Send what changed since the last run (Ctrl+R)"));
    m_dryRunButton = new QPushButton(tr("Dry Run"));
    m_dryRunButton->setToolTip(tr("Plan and show sample payloads; send nothing (Ctrl+Shift+R)"));
    m_resyncButton = new QPushButton(tr("Full Resync"));
    m_resyncButton->setToolTip(tr("Send every current row again, whatever was sent before"));
    m_retryButton = new QPushButton(tr("Retry Rejected"));
    m_retryButton->setToolTip(tr("Send the rows the destination rejected, now"));
    m_cancelButton = new QPushButton(tr("Cancel"));
    m_cancelButton->setToolTip(tr("Stop after the batch in flight; what was delivered is kept"));
    m_cancelButton->setEnabled(false);
    connect(m_runButton, &QPushButton::clicked, this, [this] { run(RunKind::Normal); });
    connect(m_dryRunButton, &QPushButton::clicked, this, [this] { run(RunKind::DryRun); });
    connect(m_resyncButton, &QPushButton::clicked, this, [this] { run(RunKind::FullResync); });
    connect(m_retryButton, &QPushButton::clicked, this, [this] { run(RunKind::RetryRejected); });
    connect(m_cancelButton, &QPushButton::clicked, this, &SyncPage::cancel);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_runButton, m_dryRunButton, m_resyncButton, m_retryButton, m_cancelButton})
        buttons->addWidget(b);
    buttons->addStretch(1);

    m_progress = new QProgressBar;
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_progressText = new QLabel;
    m_progressText->hide();
    m_resultText = new QLabel;
    m_resultText->hide();
    m_resultText->setWordWrap(true);
    m_resultText->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_history = new RunHistoryModel(this);
    m_historyTable = new QTableView;
    m_historyTable->setModel(m_history);
    m_historyTable->setColumnHidden(RunHistoryModel::Sync, true);
    m_historyTable->verticalHeader()->hide();
    m_historyTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_historyTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_historyTable->setAlternatingRowColors(true);
    m_historyTable->setAccessibleName(tr("Run history"));
    connect(m_historyTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    emit runSelected(current.siblingAtColumn(0).data(RunHistoryModel::RunIdRole).toLongLong());
            });

    m_historyTable->verticalHeader()->setDefaultSectionSize(m_historyTable->fontMetrics().height() + 6);
    m_historyTable->setMinimumHeight(m_historyTable->fontMetrics().height() * 4);
    m_charts = new RunCharts;

    m_split = new QSplitter(Qt::Vertical);
    m_split->addWidget(m_historyTable);
    m_split->addWidget(m_charts);
    m_split->setStretchFactor(0, 2);
    m_split->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_details);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_progressText);
    layout->addWidget(m_resultText);
    layout->addWidget(m_split, 1);
}

SyncPage::~SyncPage() = default;

void SyncPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_sized)
        return;
    // Once, at the real size: about six runs of history above the charts
    // (stretch factors alone left the table two rows high).
    m_sized = true;
    // After the layout has given the splitter its height.
    QTimer::singleShot(0, this, [this] {
        const int table = m_historyTable->horizontalHeader()->sizeHint().height()
                        + 6 * m_historyTable->verticalHeader()->defaultSectionSize() + 2 * m_historyTable->frameWidth()
                        + m_historyTable->horizontalScrollBar()->sizeHint().height();
        m_split->setSizes({table, std::max(m_charts->minimumSizeHint().height(), m_split->height() - table)});
    });
}

QString SyncPage::syncName() const
{
    return QString::fromStdString(m_sync.name);
}

bool SyncPage::isRunning() const
{
    return m_job && m_job->isRunning();
}

QString SyncPage::progressText() const
{
    return m_progressText->text();
}

void SyncPage::setSync(const QString &projectPath, const SyncDef &sync)
{
    m_projectPath = projectPath;
    m_sync = sync;
    m_title->setText(QString::fromStdString(sync.name));
    m_details->setText(tr("Model %1 → destination %2 · %3 mode")
                           .arg(QString::fromStdString(sync.model), QString::fromStdString(sync.destination),
                                syncModeText(sync.mode)));
    if (!isRunning()) {
        showLine(m_progressText, QString());
        showLine(m_resultText, QString());
    }
    reloadHistory();
    // Show the latest run's job log straight away.
    if (!isRunning() && m_history->rowCount() > 0)
        m_historyTable->selectRow(0);
}

void SyncPage::run(RunKind kind)
{
    if (isRunning() || m_projectPath.isEmpty())
        return;
    if (m_sync.mode == "mirror" && m_sync.settings.value("protected", false) && kind != RunKind::DryRun) {
        const auto answer = QMessageBox::question(
            this, tr("Run a protected sync?"),
            tr("'%1' is protected and runs in mirror mode: records removed from the model are deleted at "
               "the destination. Run it now?")
                .arg(syncName()));
        if (answer != QMessageBox::Yes)
            return;
    }
    RunOptions options;
    options.kind = kind;
    delete m_job;
    m_job = new RunJob(m_projectPath, syncName(), options, this);
    connect(m_job, &RunJob::progress, this, &SyncPage::onProgress);
    connect(m_job, &RunJob::finished, this, [this](const RunOutcome &outcome) {
        setRunning(false);
        if (!outcome.summary) {
            showLine(m_resultText, outcome.error);
            showLine(m_progressText, QString());
            emit runEnded();
            return;
        }
        const RunSummary &s = *outcome.summary;
        onProgress(s);
        QString text = tr("Run %1 %2: %3 added, %4 changed, %5 removed, %6 unchanged, %7 invalid.")
                           .arg(s.runId)
                           .arg(runStatusText(s.status))
                           .arg(s.added.planned)
                           .arg(s.changed.planned)
                           .arg(s.removed.planned)
                           .arg(s.unchanged.planned)
                           .arg(s.invalid);
        if (!s.dryRun)
            text += ' '
                  + tr("%1 delivered, %2 rejected, %3 pending.").arg(s.delivered()).arg(s.rejected()).arg(s.pending());
        if (!s.error.empty())
            text += ' ' + QString::fromStdString(s.error);
        showLine(m_resultText, text);
        reloadHistory();
        emit runFinished(syncName(), s.runId, QString::fromStdString(s.status));
        emit runEnded();
    });
    m_liveRunId = 0;
    setRunning(true);
    showLine(m_resultText, QString());
    showLine(m_progressText, tr("Starting…"));
    m_job->start();
}

void SyncPage::cancel()
{
    if (m_job)
        m_job->cancel();
    showLine(m_progressText, tr("Cancelling after the batch in flight…"));
}

void SyncPage::setRunning(bool running)
{
    for (QPushButton *b : {m_runButton, m_dryRunButton, m_resyncButton, m_retryButton})
        b->setEnabled(!running);
    m_cancelButton->setEnabled(running);
    m_progress->setRange(0, 0); // busy: the total is not known until the scan ends
    m_progress->setVisible(running);
}

void SyncPage::onProgress(const RunSummary &s)
{
    if (s.runId && s.runId != m_liveRunId) {
        m_liveRunId = s.runId;
        emit runStarted(syncName(), s.runId);
    }
    const double seconds = double(s.durationMs) / 1000.0;
    const double rate = seconds > 0 ? double(s.queried) / seconds : 0;
    QString text = tr("%1 rows read · %2 planned to send · %3 delivered · %4 rejected · %5 rows/s")
                       .arg(s.queried)
                       .arg(s.added.planned + s.changed.planned)
                       .arg(s.delivered())
                       .arg(s.rejected())
                       .arg(qRound64(rate));
    if (s.destinationUntouched)
        text += ' ' + tr("· nothing changed, nothing written");
    // The last snapshot's size is the best guess of the model's size.
    if (s.snapshotBefore > s.queried && rate > 0 && isRunning())
        text += ' ' + tr("· about %1 s left").arg(qRound64(double(s.snapshotBefore - s.queried) / rate));
    showLine(m_progressText, text);
}

void SyncPage::reloadHistory()
{
    m_history->load(m_projectPath, syncName());
    m_historyTable->resizeColumnsToContents();
    m_charts->setRuns(m_history->runs(), false);
}

} // namespace sluice::ui

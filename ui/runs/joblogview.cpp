#include "joblogview.h"

#include "joblogmodel.h"
#include "runwords.h"

#include "project/runrecorder.h"
#include "project/statestore.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <set>

namespace sluice::ui {

namespace {
constexpr int kRunsListed = 100;
constexpr int kRunsScannedForSyncs = 500;
} // namespace

JobLogView::JobLogView(QWidget *parent) : QWidget(parent)
{
    m_model = new JobLogModel(this);
    m_filter = new JobLogFilter(this);
    m_filter->setSourceModel(m_model);

    m_title = new QLabel(tr("No run selected"));
    m_sync = new QComboBox;
    m_sync->setObjectName(QStringLiteral("jobLogSync"));
    m_sync->setAccessibleName(tr("Sync"));
    // Long run descriptions belong in the list, not in the bar.
    m_sync->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_sync->setMinimumContentsLength(18);
    m_sync->addItem(tr("All syncs"), QString());
    connect(m_sync, &QComboBox::activated, this, [this] {
        // A new scope: its latest run, followed.
        fillRuns();
        m_run->setCurrentIndex(0);
        followLatest();
    });
    m_run = new QComboBox;
    m_run->setObjectName(QStringLiteral("jobLogRun"));
    m_run->setAccessibleName(tr("Run"));
    // Long run descriptions belong in the list, not in the bar.
    m_run->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_run->setMinimumContentsLength(30);
    m_run->addItem(tr("Latest run"), qint64(0));
    connect(m_run, &QComboBox::activated, this, [this] {
        const qint64 id = m_run->currentData().toLongLong();
        if (id == 0) {
            followLatest();
            return;
        }
        auto run = state() ? RunRecorder::run(state()->handle(), id) : Result<std::optional<RunRecord>>();
        displayRun(id, run && *run && (*run)->status == "running");
    });
    m_level = new QComboBox;
    m_level->addItem(tr("All levels"), int(LogLevel::Debug));
    m_level->addItem(tr("Info and above"), int(LogLevel::Info));
    m_level->addItem(tr("Warnings and errors"), int(LogLevel::Warning));
    m_level->addItem(tr("Errors only"), int(LogLevel::Error));
    m_level->setAccessibleName(tr("Minimum level"));
    connect(m_level, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setMinimumLevel(LogLevel(m_level->currentData().toInt())); });
    m_search = new QLineEdit;
    m_search->setPlaceholderText(tr("Search row keys and messages"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_filter, &JobLogFilter::setSearchText);
    auto *exportButton = new QPushButton(tr("Export CSV…"));
    connect(exportButton, &QPushButton::clicked, this, &JobLogView::exportCsv);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_sync);
    bar->addWidget(m_run);
    bar->addWidget(m_level);
    bar->addWidget(m_search, 1);
    bar->addWidget(exportButton);

    m_table = new QTableView;
    m_table->setModel(m_filter);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAccessibleName(tr("Job log"));
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_title);
    layout->addWidget(m_table);

    // Polls the project file: new events of a live run (the engine flushes
    // them at least twice a second), and, when following the latest run, a
    // run started elsewhere (the daemon, sluicectl).
    m_poll = new QTimer(this);
    m_poll->setInterval(500);
    connect(m_poll, &QTimer::timeout, this, &JobLogView::poll);
}

JobLogView::~JobLogView() = default;

StateStore *JobLogView::state()
{
    if (!m_state && !m_projectPath.isEmpty()) {
        if (auto s = StateStore::open(m_projectPath.toStdString()))
            m_state = std::move(*s);
    }
    return m_state.get();
}

void JobLogView::fillSyncs()
{
    const QString chosen = m_sync->currentData().toString();
    std::set<std::string> names;
    if (StateStore *s = state())
        if (auto runs = RunRecorder::runs(s->handle(), "", kRunsScannedForSyncs))
            for (const RunRecord &r : *runs)
                names.insert(r.syncName);
    if (!chosen.isEmpty())
        names.insert(chosen.toStdString());
    const QSignalBlocker block(m_sync);
    while (m_sync->count() > 1)
        m_sync->removeItem(1);
    for (const std::string &n : names)
        m_sync->addItem(QString::fromStdString(n), QString::fromStdString(n));
    m_sync->setCurrentIndex(std::max(0, m_sync->findData(chosen)));
}

void JobLogView::fillRuns()
{
    const qint64 chosen = m_run->currentData().toLongLong();
    const bool allSyncs = m_sync->currentIndex() <= 0;
    const QSignalBlocker block(m_run);
    while (m_run->count() > 1)
        m_run->removeItem(1);
    if (StateStore *s = state()) {
        if (auto runs = RunRecorder::runs(s->handle(), m_sync->currentData().toString().toStdString(), kRunsListed)) {
            for (const RunRecord &r : *runs) {
                QString text = tr("Run %1").arg(r.id);
                if (allSyncs)
                    text += QStringLiteral(" · ") + QString::fromStdString(r.syncName);
                text += QStringLiteral(" · ") + runKindText(r.kind) + QStringLiteral(" · ")
                      + QString::fromStdString(r.startedAt) + QStringLiteral(" · ") + runStatusText(r.status);
                m_run->addItem(text, qint64(r.id));
            }
        }
    }
    m_run->setCurrentIndex(std::max(0, m_run->findData(chosen)));
}

void JobLogView::followLatest()
{
    StateStore *s = state();
    if (!s)
        return;
    auto runs = RunRecorder::runs(s->handle(), m_sync->currentData().toString().toStdString(), 1);
    if (!runs || runs->empty()) {
        m_model->setRun(m_projectPath, 0);
        m_live = false;
        m_title->setText(m_sync->currentIndex() > 0 ? tr("%1 has not run yet").arg(m_sync->currentText())
                                                    : tr("No run yet"));
        return;
    }
    const RunRecord &latest = runs->front();
    if (latest.id != m_model->runId())
        displayRun(latest.id, latest.status == "running");
}

void JobLogView::displayRun(qint64 runId, bool live)
{
    m_model->setRun(m_projectPath, runId);
    m_live = live;
    updateTitle();
    m_table->resizeColumnsToContents();
    if (live)
        m_table->scrollToBottom();
}

void JobLogView::updateTitle()
{
    const qint64 runId = m_model->runId();
    QString title = tr("Run %1").arg(runId);
    if (StateStore *s = state())
        if (auto run = RunRecorder::run(s->handle(), runId); run && *run)
            title = tr("Run %1 of %2 · %3 · %4 · events: %L5")
                        .arg(runId)
                        .arg(QString::fromStdString((*run)->syncName), runKindText((*run)->kind),
                             runStatusText((*run)->status))
                        .arg(m_model->rowCount());
    m_title->setText(title);
}

void JobLogView::showRun(const QString &projectPath, qint64 runId, bool live)
{
    if (projectPath != m_projectPath) {
        m_projectPath = projectPath;
        m_state.reset();
        const QSignalBlocker block(m_sync);
        m_sync->setCurrentIndex(0);
    }
    QString runSync;
    if (StateStore *s = state())
        if (auto run = RunRecorder::run(s->handle(), runId); run && *run)
            runSync = QString::fromStdString((*run)->syncName);
    const QString filtered = m_sync->currentData().toString();
    if (live && !filtered.isEmpty() && filtered != runSync)
        return; // the user is watching another sync
    fillSyncs();
    if (!live && !filtered.isEmpty() && filtered != runSync) {
        const QSignalBlocker block(m_sync);
        m_sync->setCurrentIndex(std::max(0, m_sync->findData(runSync)));
    }
    fillRuns();
    {
        // A live run is the latest one: follow it. A picked run stays.
        const QSignalBlocker block(m_run);
        m_run->setCurrentIndex(live ? 0 : std::max(0, m_run->findData(runId)));
    }
    displayRun(runId, live);
    m_poll->start();
}

void JobLogView::setProject(const QString &projectPath)
{
    m_projectPath = projectPath;
    m_state.reset();
    m_live = false;
    {
        const QSignalBlocker block(m_sync);
        m_sync->setCurrentIndex(0);
    }
    fillSyncs();
    fillRuns();
    m_run->setCurrentIndex(0);
    m_model->setRun(projectPath, 0);
    followLatest();
    m_poll->start();
}

void JobLogView::stopLive()
{
    m_live = false;
    m_model->refresh();
    m_table->resizeColumnsToContents();
    updateTitle();
    fillRuns();
}

void JobLogView::setSyncFilter(const QString &syncName)
{
    fillSyncs();
    const int index = m_sync->findData(syncName);
    if (index < 0 && !syncName.isEmpty()) {
        const QSignalBlocker block(m_sync);
        m_sync->addItem(syncName, syncName);
    }
    {
        const QSignalBlocker block(m_sync);
        m_sync->setCurrentIndex(std::max(0, m_sync->findData(syncName)));
    }
    fillRuns();
    m_run->setCurrentIndex(0);
    followLatest();
    m_poll->start();
}

void JobLogView::setRunFilter(qint64 runId)
{
    fillRuns();
    const int index = m_run->findData(runId);
    if (index < 0)
        return;
    m_run->setCurrentIndex(index);
    emit m_run->activated(index);
}

QString JobLogView::titleText() const
{
    return m_title->text();
}

void JobLogView::poll()
{
    if (m_projectPath.isEmpty())
        return;
    if (m_live) {
        m_model->refresh();
        m_table->scrollToBottom();
        StateStore *s = state();
        auto run = s ? RunRecorder::run(s->handle(), m_model->runId()) : Result<std::optional<RunRecord>>();
        if (run && *run && (*run)->status != "running")
            stopLive();
        else
            updateTitle();
        return;
    }
    // Following the latest run: one started elsewhere takes over.
    if (isVisible() && m_run->currentIndex() == 0) {
        StateStore *s = state();
        auto runs = s ? RunRecorder::runs(s->handle(), m_sync->currentData().toString().toStdString(), 1)
                      : Result<std::vector<RunRecord>>();
        if (runs && !runs->empty() && runs->front().id != m_model->runId()) {
            fillSyncs();
            fillRuns();
            displayRun(runs->front().id, runs->front().status == "running");
        }
    }
}

void JobLogView::exportCsv()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Job Log"), QStringLiteral("run-%1.csv").arg(m_model->runId()), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(m_model->toCsv().toUtf8()) < 0)
        QMessageBox::critical(this, tr("Export failed"), tr("Cannot write %1: %2").arg(path, f.errorString()));
}

} // namespace sluice::ui

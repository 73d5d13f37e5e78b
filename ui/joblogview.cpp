#include "joblogview.h"

#include "joblogmodel.h"

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

namespace sluice::ui {

JobLogView::JobLogView(QWidget *parent) : QWidget(parent)
{
    m_model = new JobLogModel(this);
    m_filter = new JobLogFilter(this);
    m_filter->setSourceModel(m_model);

    m_title = new QLabel(tr("No run selected"));
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
    bar->addWidget(m_title, 1);
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
    layout->addWidget(m_table);

    // Live runs: poll the project file for new events (the engine flushes
    // them at least twice a second); updates are merged into one per tick.
    m_poll = new QTimer(this);
    m_poll->setInterval(500);
    connect(m_poll, &QTimer::timeout, this, [this] {
        m_model->refresh();
        m_table->scrollToBottom();
    });
}

void JobLogView::showRun(const QString &projectPath, qint64 runId, bool live)
{
    m_title->setText(tr("Run %1").arg(runId));
    m_model->setRun(projectPath, runId);
    m_table->resizeColumnsToContents();
    if (live)
        m_poll->start();
    else
        m_poll->stop();
}

void JobLogView::stopLive()
{
    m_poll->stop();
    m_model->refresh();
    m_table->resizeColumnsToContents();
}

void JobLogView::exportCsv()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Job Log"),
                                                      QStringLiteral("run-%1.csv").arg(m_model->runId()),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(m_model->toCsv().toUtf8()) < 0)
        QMessageBox::critical(this, tr("Export failed"), tr("Cannot write %1: %2").arg(path, f.errorString()));
}

} // namespace sluice::ui

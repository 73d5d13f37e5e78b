#include "apiinspectorpage.h"

#include "common/textviews.h"
#include "httpexchangemodel.h"
#include "runwords.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {
constexpr int kRunsListed = 50;
using StatusClass = HttpExchangeFilter::StatusClass;

} // namespace

ApiInspectorPage::ApiInspectorPage(QWidget *parent) : SyncStatePage(parent)
{
    m_model = new HttpExchangeModel(this);
    m_filter = new HttpExchangeFilter(this);
    m_filter->setSourceModel(m_model);

    m_runs = new QComboBox;
    m_runs->setObjectName(QStringLiteral("inspectorRun"));
    m_runs->setAccessibleName(tr("Run"));
    m_runs->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_runs->setMinimumContentsLength(26); // a run's label elides: the window must fit 1024 px
    connect(m_runs, &QComboBox::activated, this, [this] {
        m_wantedRun = runId();
        loadExchanges();
    });
    m_status = new QComboBox;
    m_status->setObjectName(QStringLiteral("inspectorStatus"));
    m_status->setAccessibleName(tr("Status"));
    m_status->addItem(tr("All statuses"), int(StatusClass::All));
    m_status->addItem(tr("Successful (2xx)"), int(StatusClass::Success));
    m_status->addItem(tr("Client errors (4xx)"), int(StatusClass::ClientError));
    m_status->addItem(tr("Rate limited (429)"), int(StatusClass::RateLimited));
    m_status->addItem(tr("Server errors (5xx)"), int(StatusClass::ServerError));
    m_status->addItem(tr("No response"), int(StatusClass::NoResponse));
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setStatusClass(StatusClass(m_status->currentData().toInt()));
        if (m_filter->rowCount() > 0 && !m_table->currentIndex().isValid())
            m_table->selectRow(0);
        showDetail();
        updateSummary();
    });
    auto *refresh = new QPushButton(QIcon(QStringLiteral(":/icons/refresh.svg")), tr("Refresh"));
    connect(refresh, &QPushButton::clicked, this, &ApiInspectorPage::reload);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("inspectorSummary"));
    m_summary->setWordWrap(true);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Run:")));
    bar->addWidget(m_runs);
    bar->addWidget(new QLabel(tr("Status:")));
    bar->addWidget(m_status);
    bar->addStretch(1);
    bar->addWidget(refresh);

    m_table = new QTableView;
    m_table->setModel(m_filter);
    m_table->setAccessibleName(tr("HTTP exchanges"));
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(HttpExchangeModel::Url, QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ApiInspectorPage::showDetail);

    m_requestTitle = new QLabel(tr("<b>Request</b>"));
    m_responseTitle = new QLabel(tr("<b>Response</b>"));
    m_request = monospaceView(tr("Request headers and body"));
    m_request->setObjectName(QStringLiteral("inspectorRequest"));
    m_response = monospaceView(tr("Response headers and body"));
    m_response->setObjectName(QStringLiteral("inspectorResponse"));
    auto *messages = new QSplitter(Qt::Horizontal);
    messages->addWidget(titledPane(m_requestTitle, m_request));
    messages->addWidget(titledPane(m_responseTitle, m_response));

    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_table);
    split->addWidget(messages);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    m_runsTask.onFinished(this, [this] {
        auto runs = m_runsTask.result();
        const QSignalBlocker block(m_runs);
        m_runs->clear();
        m_error.clear();
        if (!runs) {
            m_error = QString::fromStdString(runs.error().describe());
            m_model->setExchanges({});
            updateSummary();
            emit loaded();
            return;
        }
        for (const RunRecord &r : *runs)
            m_runs->addItem(tr("Run %1 · %2 · %3 · %4")
                                .arg(r.id)
                                .arg(runKindText(r.kind), QString::fromStdString(r.startedAt), runStatusText(r.status)),
                            qint64(r.id));
        const int wanted = m_runs->findData(m_wantedRun);
        m_runs->setCurrentIndex(wanted >= 0 ? wanted : 0);
        loadExchanges();
    });
    m_exchangeTask.onFinished(this, [this] {
        auto exchanges = m_exchangeTask.result();
        m_error.clear();
        if (exchanges) {
            m_model->setExchanges(std::move(*exchanges));
        } else {
            m_error = QString::fromStdString(exchanges.error().describe());
            m_model->setExchanges({});
        }
        m_table->resizeColumnsToContents();
        m_table->horizontalHeader()->setSectionResizeMode(HttpExchangeModel::Url, QHeaderView::Stretch);
        if (m_filter->rowCount() > 0)
            m_table->selectRow(0);
        showDetail();
        updateSummary();
        emit loaded();
    });
    updateSummary();
}

ApiInspectorPage::~ApiInspectorPage()
{
    m_runsTask.waitForFinished();
    m_exchangeTask.waitForFinished();
}

void ApiInspectorPage::showRun(qint64 runId)
{
    m_wantedRun = runId;
    const int index = m_runs->findData(runId);
    if (index >= 0 && index != m_runs->currentIndex()) {
        m_runs->setCurrentIndex(index);
        if (isVisible())
            loadExchanges();
        else
            markStale();
    } else if (index < 0) {
        reloadWhenShown();
    }
}

qint64 ApiInspectorPage::runId() const
{
    return m_runs->currentData().toLongLong();
}

void ApiInspectorPage::load()
{
    const std::string path = projectPath().toStdString(), sync = syncName().toStdString();
    m_summary->setText(tr("Reading…"));
    m_runsTask.start([path, sync] { return readRuns(path, sync, kRunsListed); });
}

void ApiInspectorPage::loadExchanges()
{
    const qint64 run = runId();
    if (run <= 0) {
        m_model->setExchanges({});
        showDetail();
        updateSummary();
        emit loaded();
        return;
    }
    const std::string path = projectPath().toStdString();
    m_summary->setText(tr("Reading the exchanges of run %1…").arg(run));
    m_exchangeTask.start([path, run] { return readExchanges(path, run); });
}

void ApiInspectorPage::updateSummary()
{
    if (!m_error.isEmpty()) {
        m_summary->setText(tr("Cannot read the API inspector: %1").arg(m_error));
        return;
    }
    if (m_runs->count() == 0) {
        m_summary->setText(tr("%1 has not run yet.").arg(syncName()));
        return;
    }
    const int total = m_model->rowCount();
    if (total == 0) {
        m_summary->setText(tr("No HTTP exchanges recorded for run %1. File and table destinations make none; "
                              "exchanges are kept for the last runs only (History kept, on the Settings tab).")
                               .arg(runId()));
        return;
    }
    int failed = 0;
    double latency = 0;
    for (const auto &e : m_model->exchanges()) {
        failed += e.exchange.status < 200 || e.exchange.status >= 300;
        latency += e.exchange.latencyMs;
    }
    QString text
        = total == 1 ? tr("1 exchange in run %1").arg(runId()) : tr("%L1 exchanges in run %2").arg(total).arg(runId());
    text += QStringLiteral(" · ") + tr("not successful: %L1").arg(failed);
    text += QStringLiteral(" · ") + tr("%1 ms on average").arg(latency / total, 0, 'f', 1);
    if (m_filter->rowCount() != total)
        text += QStringLiteral(" · ") + tr("shown: %L1").arg(m_filter->rowCount());
    text += QStringLiteral(" · ") + tr("credentials redacted as recorded");
    m_summary->setText(text);
}

void ApiInspectorPage::showDetail()
{
    const QModelIndex current = m_filter->mapToSource(m_table->currentIndex());
    if (!current.isValid() || !m_filter->mapFromSource(current).isValid()) {
        m_request->clear();
        m_response->clear();
        m_requestTitle->setText(tr("<b>Request</b>"));
        m_responseTitle->setText(tr("<b>Response</b>"));
        return;
    }
    const StoredExchange &s = m_model->exchanges()[std::size_t(current.row())];
    const HttpExchange &e = s.exchange;
    m_requestTitle->setText(tr("<b>Request</b> %1 %2")
                                .arg(QString::fromStdString(e.method), QString::fromStdString(e.url).toHtmlEscaped()));
    m_responseTitle->setText(e.status == 0
                                 ? tr("<b>Response</b> none (%1 ms)").arg(e.latencyMs, 0, 'f', 1)
                                 : tr("<b>Response</b> %1 in %2 ms").arg(e.status).arg(e.latencyMs, 0, 'f', 1));
    m_request->setPlainText(HttpExchangeModel::messageText(e.requestHeaders, e.requestBody));
    m_response->setPlainText(e.status == 0 ? QString::fromStdString(e.responseBody)
                                           : HttpExchangeModel::messageText(e.responseHeaders, e.responseBody));
}

QString ApiInspectorPage::requestText() const
{
    return m_request->toPlainText();
}

QString ApiInspectorPage::responseText() const
{
    return m_response->toPlainText();
}

QString ApiInspectorPage::summaryText() const
{
    return m_summary->text();
}

} // namespace sluice::ui

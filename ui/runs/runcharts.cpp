#include "runcharts.h"

#include "runhistorymodel.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPalette>
#include <QStackedBarSeries>
#include <QValueAxis>

#include <algorithm>

namespace sluice::ui {

namespace {

const QColor kDelivered(0x2e, 0x7d, 0x32);
const QColor kRejected(0xc6, 0x28, 0x28);
// Sync colours: distinct from each other and from the rejected red.
const QColor kSyncColours[]
    = {QColor(0x15, 0x65, 0xc0), QColor(0x2e, 0x7d, 0x32), QColor(0x6a, 0x1b, 0x9a), QColor(0xef, 0x6c, 0x00),
       QColor(0x00, 0x83, 0x8f), QColor(0x8d, 0x6e, 0x63), QColor(0x55, 0x8b, 0x2f), QColor(0x3f, 0x51, 0xb5)};

QColor syncColour(int i)
{
    return kSyncColours[std::size_t(i) % std::size(kSyncColours)];
}

QChartView *chartView()
{
    auto *view = new QChartView;
    view->setRenderHint(QPainter::Antialiasing);
    // Room for the axis labels in any language (CJK lines are taller), yet
    // small enough for a 1366x768 laptop; the splitter above gives it more.
    view->setMinimumHeight(130);
    return view;
}

// The chart follows the application's light or dark palette.
void applyTheme(QChart *chart, const QWidget *widget)
{
    const bool dark = widget->palette().color(QPalette::Window).lightness() < 128;
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundRoundness(0);
    // Beside the plot, not under it, and with thin margins: on a laptop screen
    // the chart is a few lines tall and the plot needs that height.
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->setMargins(QMargins(4, 2, 4, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
}

void replaceChart(QChartView *view, QChart *chart)
{
    QChart *old = view->chart();
    view->setChart(chart);
    delete old;
}

QDateTime startedAt(const RunRecord &r)
{
    QDateTime t = QDateTime::fromString(QString::fromStdString(r.startedAt), Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(QString::fromStdString(r.startedAt), Qt::ISODate);
    return t;
}

} // namespace

RunCharts::RunCharts(QWidget *parent) : QTabWidget(parent)
{
    m_counts = chartView();
    m_timing = chartView();
    addTab(m_counts, tr("Delivered and rejected"));
    addTab(m_timing, tr("Duration and throughput"));
    setRuns({}, false);
}

QChart *RunCharts::countsChart() const
{
    return m_counts->chart();
}

QChart *RunCharts::timingChart() const
{
    return m_timing->chart();
}

void RunCharts::setRuns(const std::vector<RunRecord> &all, bool bySync, int maxRuns)
{
    // Oldest first, the newest maxRuns runs that sent something.
    std::vector<const RunRecord *> runs;
    for (const auto &r : all)
        if (r.kind != "dry-run" && r.kind != "reset-baseline" && r.status != "running" && int(runs.size()) < maxRuns)
            runs.insert(runs.begin(), &r);
    m_syncs.clear();
    if (bySync)
        for (const RunRecord *r : runs)
            if (!m_syncs.contains(QString::fromStdString(r->syncName)))
                m_syncs << QString::fromStdString(r->syncName);

    auto *counts = new QChart;
    applyTheme(counts, this);
    counts->setTitle(bySync ? tr("Rows per run, by sync") : tr("Rows per run"));
    auto *bars = new QStackedBarSeries;
    // One set per sync (its delivered rows) or one for all, then rejected on top.
    std::vector<QBarSet *> delivered;
    if (bySync) {
        for (int i = 0; i < m_syncs.size(); ++i) {
            auto *set = new QBarSet(tr("%1 delivered").arg(m_syncs[i]));
            set->setColor(syncColour(i));
            delivered.push_back(set);
        }
    } else {
        auto *set = new QBarSet(tr("Delivered"));
        set->setColor(kDelivered);
        delivered.push_back(set);
    }
    auto *rejected = new QBarSet(tr("Rejected"));
    rejected->setColor(kRejected);
    QStringList categories;
    double highest = 0;
    for (const RunRecord *r : runs) {
        highest = std::max(highest, double(std::max<qint64>(0, RunHistoryModel::count(*r, "delivered"))
                                           + std::max<qint64>(0, RunHistoryModel::count(*r, "rejected"))));
        const int owner = bySync ? int(m_syncs.indexOf(QString::fromStdString(r->syncName))) : 0;
        for (int i = 0; i < int(delivered.size()); ++i)
            *delivered[std::size_t(i)] << (i == owner
                                               ? double(std::max<qint64>(0, RunHistoryModel::count(*r, "delivered")))
                                               : 0.0);
        *rejected << double(std::max<qint64>(0, RunHistoryModel::count(*r, "rejected")));
        categories << QString::number(r->id);
    }
    for (QBarSet *set : delivered)
        bars->append(set);
    bars->append(rejected);
    counts->addSeries(bars);
    auto *runAxis = new QBarCategoryAxis;
    runAxis->append(categories);
    runAxis->setTitleText(tr("Run"));
    // Short labels (run numbers) in a short chart: shown whole, never as "...";
    // the chart's title already says "per run", so the axis title gives its
    // height to the bars.
    runAxis->setTruncateLabels(false);
    runAxis->setTitleVisible(false);
    counts->addAxis(runAxis, Qt::AlignBottom);
    bars->attachAxis(runAxis);
    auto *rowsAxis = new QValueAxis;
    rowsAxis->setLabelFormat(QStringLiteral("%d"));
    rowsAxis->setTitleText(tr("Rows"));
    rowsAxis->setTruncateLabels(false);
    counts->addAxis(rowsAxis, Qt::AlignLeft);
    bars->attachAxis(rowsAxis);
    // An explicit range: without runs (or rows) the axis would be NaN to NaN.
    // At least 0-4, so that whole-number labels never repeat ("1,0,0,0,0").
    rowsAxis->setRange(0, std::max(4.0, highest * 1.1));
    rowsAxis->applyNiceNumbers();
    replaceChart(m_counts, counts);

    auto *timing = new QChart;
    applyTheme(timing, this);
    timing->setTitle(bySync ? tr("Duration (solid, left) and rows per second (dashed, right) over time")
                            : tr("Duration and throughput over time"));
    auto *x = new QDateTimeAxis;
    x->setTitleText(tr("Started"));
    auto *left = new QValueAxis;
    left->setTitleText(tr("Seconds"));
    auto *right = new QValueAxis;
    right->setTitleText(tr("Rows/s"));
    right->setLabelFormat(QStringLiteral("%.0f"));
    timing->addAxis(x, Qt::AlignBottom);
    timing->addAxis(left, Qt::AlignLeft);
    timing->addAxis(right, Qt::AlignRight);
    const int lines = bySync ? int(m_syncs.size()) : 1;
    double maxDuration = 0.1, maxRate = 1;
    QDateTime first, last;
    for (int i = 0; i < lines; ++i) {
        auto *duration = new QLineSeries;
        auto *throughput = new QLineSeries;
        // By sync, one legend entry per sync (the title says which line is which).
        duration->setName(bySync ? m_syncs[i] : tr("Duration"));
        throughput->setName(bySync ? m_syncs[i] : tr("Rows per second"));
        QPen solid(bySync ? syncColour(i) : QColor(0x15, 0x65, 0xc0), 2);
        QPen dashed(bySync ? syncColour(i) : QColor(0xef, 0x6c, 0x00), 2, Qt::DashLine);
        duration->setPen(solid);
        throughput->setPen(dashed);
        duration->setPointsVisible(true);
        throughput->setPointsVisible(true);
        for (const RunRecord *r : runs) {
            if (bySync && QString::fromStdString(r->syncName) != m_syncs[i])
                continue;
            const QDateTime at = startedAt(*r);
            if (!at.isValid())
                continue;
            const double d = double(r->durationMs) / 1000.0;
            duration->append(double(at.toMSecsSinceEpoch()), d);
            maxDuration = std::max(maxDuration, d);
            // A run that sent nothing only read the model: its rows per second
            // is no throughput and would flatten the line of the runs that sent.
            const qint64 sent = std::max<qint64>(0, RunHistoryModel::count(*r, "delivered"))
                              + std::max<qint64>(0, RunHistoryModel::count(*r, "rejected"));
            if (sent > 0) {
                const double rate = double(std::max<qint64>(0, RunHistoryModel::count(*r, "rows_per_second")));
                throughput->append(double(at.toMSecsSinceEpoch()), rate);
                maxRate = std::max(maxRate, rate);
            }
            if (!first.isValid() || at < first)
                first = at;
            if (!last.isValid() || at > last)
                last = at;
        }
        timing->addSeries(duration);
        timing->addSeries(throughput);
        duration->attachAxis(x);
        duration->attachAxis(left);
        throughput->attachAxis(x);
        throughput->attachAxis(right);
        if (bySync)
            for (QLegendMarker *marker : timing->legend()->markers(throughput))
                marker->setVisible(false);
    }
    if (!first.isValid()) {
        last = QDateTime::currentDateTimeUtc();
        first = last.addSecs(-3600);
    }
    // Runs seconds apart still get an axis a person can read.
    const qint64 span = std::max<qint64>(first.secsTo(last), 10);
    const qint64 pad = std::max<qint64>(span / 20, 1);
    x->setRange(first.addSecs(-pad).toLocalTime(), first.addSecs(span + pad).toLocalTime());
    x->setFormat(span < 3600            ? QStringLiteral("HH:mm:ss")
                 : span < 2 * 24 * 3600 ? QStringLiteral("HH:mm")
                                        : QStringLiteral("d MMM"));
    x->setTickCount(6);
    left->setRange(0, maxDuration * 1.15);
    left->applyNiceNumbers();
    right->setRange(0, maxRate * 1.15);
    right->applyNiceNumbers();
    replaceChart(m_timing, timing);
}

} // namespace sluice::ui

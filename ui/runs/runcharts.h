#pragma once
// Run history as charts (QtCharts): delivered and rejected rows per run as
// stacked bars, and duration and throughput over time. For one sync, or for
// a whole project with each sync in a colour of its own. Dry runs and
// baseline resets send nothing and are left out.

#include "project/runrecorder.h"

#include <QTabWidget>

#include <vector>

class QChart;
class QChartView;

namespace sluice::ui {

class RunCharts : public QTabWidget {
    Q_OBJECT
public:
    explicit RunCharts(QWidget *parent = nullptr);

    // `runs` newest first, as RunHistoryModel holds them; the newest
    // `maxRuns` are drawn. `bySync`: one colour (and line) per sync.
    void setRuns(const std::vector<RunRecord> &runs, bool bySync, int maxRuns = 20);

    QChart *countsChart() const;
    QChart *timingChart() const;
    // The syncs drawn, in legend order (bySync), for tests.
    const QStringList &syncs() const { return m_syncs; }

private:
    QChartView *m_counts = nullptr;
    QChartView *m_timing = nullptr;
    QStringList m_syncs;
};

} // namespace sluice::ui

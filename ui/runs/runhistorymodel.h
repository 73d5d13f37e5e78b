#pragma once
// Run history of one sync (or the whole project) as a table, newest first:
// run, kind, status, started, planned added/changed/removed, delivered,
// rejected, duration, rows per second. Also feeds the history charts.

#include "project/runrecorder.h"

#include <QAbstractTableModel>

namespace sluice::ui {

class RunHistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns {
        Run,
        Sync,
        Kind,
        Status,
        Started,
        Added,
        Changed,
        Removed,
        Delivered,
        Rejected,
        Duration,
        RowsPerSecond,
        ColumnCount
    };
    enum Roles { RunIdRole = Qt::UserRole + 1 };

    explicit RunHistoryModel(QObject *parent = nullptr);

    // syncName empty: every sync of the project.
    void load(const QString &projectPath, const QString &syncName, int limit = 200);
    // Runs read elsewhere (off the GUI thread), newest first.
    void setRuns(std::vector<RunRecord> runs);
    const std::vector<RunRecord> &runs() const { return m_runs; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static qint64 count(const RunRecord &run, const char *name);       // delivered, rejected, ...
    static qint64 planned(const RunRecord &run, const char *rowClass); // added, changed, ...

private:
    std::vector<RunRecord> m_runs;
};

} // namespace sluice::ui

#include "runhistorymodel.h"

#include "runwords.h"

#include "project/statestore.h"

#include <QBrush>
#include <QColor>

namespace sluice::ui {

RunHistoryModel::RunHistoryModel(QObject *parent) : QAbstractTableModel(parent)
{ }

void RunHistoryModel::load(const QString &projectPath, const QString &syncName, int limit)
{
    std::vector<RunRecord> runs;
    if (auto state = StateStore::open(projectPath.toStdString())) {
        if (auto r = RunRecorder::runs((*state)->handle(), syncName.toStdString(), limit))
            runs = std::move(*r);
    }
    beginResetModel();
    m_runs = std::move(runs);
    endResetModel();
}

void RunHistoryModel::setRuns(std::vector<RunRecord> runs)
{
    beginResetModel();
    m_runs = std::move(runs);
    endResetModel();
}

qint64 RunHistoryModel::count(const RunRecord &run, const char *name)
{
    const auto &c = run.counts;
    return c.contains(name) && c[name].is_number() ? c[name].get<qint64>() : -1;
}

qint64 RunHistoryModel::planned(const RunRecord &run, const char *rowClass)
{
    const auto &c = run.counts;
    return c.contains("planned") && c["planned"].contains(rowClass) ? c["planned"][rowClass].get<qint64>() : 0;
}

int RunHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const RunRecord &r = m_runs[std::size_t(index.row())];
    if (role == RunIdRole)
        return qint64(r.id);
    auto orDash = [](qint64 v) { return v < 0 ? QVariant(QStringLiteral("–")) : QVariant(v); };
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Run: return qint64(r.id);
        case Sync: return QString::fromStdString(r.syncName);
        case Kind: return runKindText(r.kind);
        case Status: return runStatusText(r.status);
        case Started: return QString::fromStdString(r.startedAt);
        case Added: return planned(r, "added");
        case Changed: return planned(r, "changed");
        case Removed: return planned(r, "removed");
        case Delivered: return orDash(count(r, "delivered"));
        case Rejected: return orDash(count(r, "rejected"));
        case Duration: return QString::number(double(r.durationMs) / 1000.0, 'f', 2) + QStringLiteral(" s");
        case RowsPerSecond: return orDash(count(r, "rows_per_second"));
        }
    }
    if (role == Qt::ToolTipRole && !r.error.empty())
        return QString::fromStdString(r.error);
    if (role == Qt::ForegroundRole && index.column() == Status) {
        if (r.status == "failed")
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (r.status == "partial")
            return QBrush(QColor(0xb2, 0x6a, 0x00));
        if (r.status == "succeeded")
            return QBrush(QColor(0x2e, 0x7d, 0x32));
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Added)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Run: return tr("Run");
    case Sync: return tr("Sync");
    case Kind: return tr("Kind");
    case Status: return tr("Status");
    case Started: return tr("Started");
    case Added: return tr("Added");
    case Changed: return tr("Changed");
    case Removed: return tr("Removed");
    case Delivered: return tr("Delivered");
    case Rejected: return tr("Rejected");
    case Duration: return tr("Duration");
    case RowsPerSecond: return tr("Rows/s");
    }
    return {};
}

} // namespace sluice::ui

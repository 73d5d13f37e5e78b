#include "joblogmodel.h"

#include "common/csvtext.h"
#include "runwords.h"

#include "project/statestore.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

namespace sluice::ui {

JobLogModel::JobLogModel(QObject *parent) : QAbstractTableModel(parent)
{ }

JobLogModel::~JobLogModel() = default;

void JobLogModel::setRun(const QString &projectPath, qint64 runId)
{
    beginResetModel();
    m_projectPath = projectPath;
    m_runId = runId;
    m_events.clear();
    endResetModel();
    refresh();
}

void JobLogModel::refresh()
{
    if (m_projectPath.isEmpty() || m_runId <= 0)
        return;
    if (!m_state || m_statePath != m_projectPath) {
        auto state = StateStore::open(m_projectPath.toStdString());
        if (!state)
            return;
        m_state = std::move(*state);
        m_statePath = m_projectPath;
    }
    auto events = RunRecorder::events(m_state->handle(), m_runId, LogLevel::Debug);
    if (!events || events->size() <= m_events.size())
        return;
    // Events only ever get appended: add the new tail.
    beginInsertRows({}, int(m_events.size()), int(events->size()) - 1);
    m_events.insert(m_events.end(), events->begin() + std::ptrdiff_t(m_events.size()), events->end());
    endInsertRows();
}

int JobLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int JobLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const LogEvent &e = m_events[std::size_t(index.row())];
    if (role == LevelRole)
        return int(e.level);
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Time: return QString::fromStdString(e.at);
        case Level: return logLevelText(e.level); // the CSV export keeps the stored English word
        case Batch: return e.batch ? QVariant(*e.batch) : QVariant();
        case RowKey: return QString::fromStdString(e.rowKey);
        case Message: return logMessageText(e); // the CSV export keeps the stored English text
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Level) {
        if (e.level == LogLevel::Error)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (e.level == LogLevel::Warning)
            return QBrush(QColor(0xb2, 0x6a, 0x00));
    }
    return {};
}

QVariant JobLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Level: return tr("Level");
    case Batch: return tr("Batch");
    case RowKey: return tr("Row key");
    case Message: return tr("Message");
    }
    return {};
}

QString JobLogModel::toCsv() const
{
    QString out = QStringLiteral("time,level,batch,row_key,message\n");
    for (const auto &e : m_events)
        out += csvLine({QString::fromStdString(e.at), QString::fromUtf8(logLevelName(e.level).data()),
                        e.batch ? QString::number(*e.batch) : QString(), QString::fromStdString(e.rowKey),
                        QString::fromStdString(e.message)});
    return out;
}

void JobLogFilter::setMinimumLevel(LogLevel level)
{
    m_minimum = level;
    invalidateFilter();
}

void JobLogFilter::setSearchText(const QString &text)
{
    m_search = text;
    invalidateFilter();
}

bool JobLogFilter::filterAcceptsRow(int row, const QModelIndex &parent) const
{
    const QModelIndex idx = sourceModel()->index(row, 0, parent);
    if (idx.data(JobLogModel::LevelRole).toInt() < int(m_minimum))
        return false;
    if (m_search.isEmpty())
        return true;
    for (int c : {int(JobLogModel::RowKey), int(JobLogModel::Message)})
        if (sourceModel()->index(row, c, parent).data().toString().contains(m_search, Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace sluice::ui

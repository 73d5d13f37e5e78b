#pragma once
// The job log of one run as a table: time, level, batch, row key, message.
// Refreshed from the project file (incrementally while the run is live);
// filtering by level and text is done by JobLogFilter on top.

#include "project/runrecorder.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <memory>

namespace sluice::ui {

class JobLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns { Time, Level, Batch, RowKey, Message, ColumnCount };
    enum Roles { LevelRole = Qt::UserRole + 1 };

    explicit JobLogModel(QObject *parent = nullptr);
    ~JobLogModel() override;

    // Shows `runId` of the project at `projectPath`; reloads from scratch.
    void setRun(const QString &projectPath, qint64 runId);
    // Appends events written since the last load (live runs).
    void refresh();
    qint64 runId() const { return m_runId; }
    const std::vector<LogEvent> &events() const { return m_events; }
    QString toCsv() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString m_projectPath;
    qint64 m_runId = 0;
    std::vector<LogEvent> m_events;
    // Kept open while the same project is shown: a live run is polled twice a second.
    std::unique_ptr<StateStore> m_state;
    QString m_statePath;
};

// Level at or above a minimum, and a case-insensitive text search over key and message.
class JobLogFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setMinimumLevel(LogLevel level);
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override;

private:
    LogLevel m_minimum = LogLevel::Debug;
    QString m_search;
};

} // namespace sluice::ui

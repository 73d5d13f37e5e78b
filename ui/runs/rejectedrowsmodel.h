#pragma once
// The rows a sync's destination (or a mapping rule) currently rejects, as
// `sluicectl rejected` lists them: row key, reason, attempts, the run that
// last tried, when first seen, and the payload that was sent. Filtering is
// done by RejectedRowsFilter on top.

#include "project/statestore.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <vector>

namespace sluice::ui {

class RejectedRowsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns { RowKey, Reason, Attempts, Run, FirstSeen, Payload, ColumnCount };
    enum Roles { PayloadRole = Qt::UserRole + 1 };

    explicit RejectedRowsModel(QObject *parent = nullptr);

    void setRows(std::vector<RejectedRow> rows);
    const std::vector<RejectedRow> &rows() const { return m_rows; }

    // The payload as the destination received it, indented when it is JSON.
    static QString prettyPayload(const std::string &payload);
    // key,reason,attempts,run_id,first_seen,payload: every row, or the given ones.
    QString toCsv() const;
    QString toCsv(const QList<int> &rows) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<RejectedRow> m_rows;
};

// A case-insensitive text search over key, reason and payload.
class RejectedRowsFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override;
    // Keys in natural order: "9" before "10".
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_search;
};

} // namespace sluice::ui

#include "rejectedrowsmodel.h"

#include "common/csvtext.h"

#include <nlohmann/json.hpp>

#include <QCollator>

namespace sluice::ui {

RejectedRowsModel::RejectedRowsModel(QObject *parent) : QAbstractTableModel(parent)
{ }

void RejectedRowsModel::setRows(std::vector<RejectedRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

QString RejectedRowsModel::prettyPayload(const std::string &payload)
{
    const auto doc = nlohmann::json::parse(payload, nullptr, false);
    if (doc.is_discarded())
        return QString::fromStdString(payload);
    return QString::fromStdString(doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

QString RejectedRowsModel::toCsv() const
{
    QList<int> all;
    for (int i = 0; i < int(m_rows.size()); ++i)
        all << i;
    return toCsv(all);
}

QString RejectedRowsModel::toCsv(const QList<int> &rows) const
{
    QString out = QStringLiteral("key,reason,attempts,run_id,first_seen,payload\n");
    auto add = [&](const RejectedRow &r) {
        out += csvLine({QString::fromStdString(r.displayKey), QString::fromStdString(r.reason),
                        QString::number(r.attempts), QString::number(r.runId), QString::fromStdString(r.firstSeen),
                        QString::fromStdString(r.payload)});
    };
    for (int i : rows)
        if (i >= 0 && i < int(m_rows.size()))
            add(m_rows[std::size_t(i)]);
    return out;
}

int RejectedRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RejectedRowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RejectedRowsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const RejectedRow &r = m_rows[std::size_t(index.row())];
    if (role == PayloadRole)
        return QString::fromStdString(r.payload);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case RowKey: return QString::fromStdString(r.displayKey);
        case Reason: return QString::fromStdString(r.reason);
        case Attempts: return qint64(r.attempts);
        case Run: return qint64(r.runId);
        case FirstSeen: return QString::fromStdString(r.firstSeen);
        case Payload: {
            // One line in the table; the detail view shows it whole.
            QString p = QString::fromStdString(r.payload);
            if (p.size() > 200)
                p = p.left(200) + QChar(0x2026);
            return p;
        }
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Reason)
        return QString::fromStdString(r.reason);
    if (role == Qt::TextAlignmentRole && (index.column() == Attempts || index.column() == Run))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RejectedRowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RowKey: return tr("Row key");
    case Reason: return tr("Reason");
    case Attempts: return tr("Attempts");
    case Run: return tr("Last run");
    case FirstSeen: return tr("First seen");
    case Payload: return tr("Payload");
    }
    return {};
}

void RejectedRowsFilter::setSearchText(const QString &text)
{
    m_search = text;
    invalidateFilter();
}

bool RejectedRowsFilter::filterAcceptsRow(int row, const QModelIndex &parent) const
{
    if (m_search.isEmpty())
        return true;
    const QAbstractItemModel *m = sourceModel();
    for (int c : {int(RejectedRowsModel::RowKey), int(RejectedRowsModel::Reason)})
        if (m->index(row, c, parent).data().toString().contains(m_search, Qt::CaseInsensitive))
            return true;
    return m->index(row, 0, parent)
        .data(RejectedRowsModel::PayloadRole)
        .toString()
        .contains(m_search, Qt::CaseInsensitive);
}

bool RejectedRowsFilter::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(), b = right.data();
    if (a.typeId() == QMetaType::LongLong && b.typeId() == QMetaType::LongLong)
        return a.toLongLong() < b.toLongLong();
    static const QCollator collator = [] {
        QCollator c;
        c.setNumericMode(true);
        c.setCaseSensitivity(Qt::CaseInsensitive);
        return c;
    }();
    return collator.compare(a.toString(), b.toString()) < 0;
}

} // namespace sluice::ui

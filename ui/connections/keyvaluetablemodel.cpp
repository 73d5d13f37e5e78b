#include "keyvaluetablemodel.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

namespace sluice::ui {

KeyValueTableModel::KeyValueTableModel(QObject *parent) : QAbstractTableModel(parent)
{ }

void KeyValueTableModel::setMap(const nlohmann::json &object)
{
    beginResetModel();
    m_entries.clear();
    if (object.is_object())
        for (const auto &[k, v] : object.items())
            m_entries.emplace_back(QString::fromStdString(k),
                                   QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump()));
    endResetModel();
}

nlohmann::json KeyValueTableModel::map() const
{
    nlohmann::json out = nlohmann::json::object();
    for (const auto &[k, v] : m_entries)
        if (!k.isEmpty())
            out[k.toStdString()] = v.toStdString();
    return out;
}

int KeyValueTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size()) + 1; // + the row that adds
}

int KeyValueTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 2;
}

QVariant KeyValueTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const bool adder = index.row() == int(m_entries.size());
    if (adder) {
        if (role == Qt::DisplayRole && index.column() == 0)
            return tr("(add…)");
        if (role == Qt::ForegroundRole)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    }
    const auto &[k, v] = m_entries[std::size_t(index.row())];
    if (role == Qt::DisplayRole || role == Qt::EditRole)
        return index.column() == 0 ? k : v;
    return {};
}

bool KeyValueTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::EditRole)
        return false;
    const QString text = value.toString().trimmed();
    const int row = index.row();
    if (row == int(m_entries.size())) {
        if (index.column() != 0 || text.isEmpty())
            return false;
        beginInsertRows({}, row, row);
        m_entries.emplace_back(text, QString());
        endInsertRows();
    } else if (index.column() == 0 && text.isEmpty()) {
        beginRemoveRows({}, row, row);
        m_entries.erase(m_entries.begin() + row);
        endRemoveRows();
    } else {
        auto &entry = m_entries[std::size_t(row)];
        QString &cell = index.column() == 0 ? entry.first : entry.second;
        const QString next = index.column() == 0 ? text : value.toString();
        if (cell == next)
            return true;
        cell = next;
        emit dataChanged(index, index);
    }
    emit edited(map());
    return true;
}

Qt::ItemFlags KeyValueTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (!index.isValid())
        return f;
    if (index.row() == int(m_entries.size()) && index.column() == 1)
        return f; // a value needs its name first
    return f | Qt::ItemIsEditable;
}

QVariant KeyValueTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("Name") : tr("Value");
}

} // namespace sluice::ui

#include "keycolumnsmodel.h"

#include <QBrush>
#include <QFont>
#include <QGuiApplication>
#include <QIcon>
#include <QPalette>

namespace sluice::ui {

KeyColumnsModel::KeyColumnsModel(QObject *parent) : QAbstractListModel(parent)
{ }

void KeyColumnsModel::setColumns(const QStringList &columns, const QStringList &types)
{
    m_columns = columns;
    m_types = types;
    rebuild();
}

void KeyColumnsModel::setKey(const QStringList &key)
{
    if (key == m_key)
        return;
    m_key = key;
    rebuild();
}

QStringList KeyColumnsModel::columns() const
{
    QStringList out;
    for (const auto &i : m_items)
        out << i.name;
    return out;
}

int KeyColumnsModel::rowOf(const QString &column) const
{
    for (std::size_t i = 0; i < m_items.size(); ++i)
        if (m_items[i].name == column)
            return int(i);
    return -1;
}

void KeyColumnsModel::rebuild()
{
    beginResetModel();
    m_items.clear();
    for (int i = 0; i < m_columns.size(); ++i)
        m_items.push_back({m_columns[i], m_types.value(i), false});
    for (const QString &k : m_key)
        if (!m_columns.contains(k))
            m_items.push_back({k, {}, !m_columns.isEmpty()});
    endResetModel();
}

int KeyColumnsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant KeyColumnsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_items.size()))
        return {};
    const Item &item = m_items[std::size_t(index.row())];
    const bool inKey = m_key.contains(item.name);
    switch (role) {
    case Qt::DisplayRole:
        if (item.missing)
            return tr("%1 (not in the result)").arg(item.name);
        return item.type.isEmpty() ? item.name : QStringLiteral("%1  ·  %2").arg(item.name, item.type);
    case Qt::CheckStateRole: return inKey ? Qt::Checked : Qt::Unchecked;
    case Qt::DecorationRole: return inKey ? QIcon(QStringLiteral(":/icons/key.svg")) : QVariant();
    case Qt::ForegroundRole:
        if (item.missing)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        return {};
    case Qt::FontRole:
        if (inKey) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ToolTipRole:
        if (inKey && m_key.size() > 1)
            return tr("Part %1 of %2 of the primary key").arg(m_key.indexOf(item.name) + 1).arg(m_key.size());
        return inKey ? tr("The primary key") : tr("Check to make it (part of) the primary key");
    case Qt::AccessibleTextRole: return item.name;
    }
    return {};
}

bool KeyColumnsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || !index.isValid())
        return false;
    const QString name = m_items[std::size_t(index.row())].name;
    QStringList key = m_key;
    // Composite keys keep the order they were picked in: it is the sort
    // order of every run.
    if (Qt::CheckState(value.toInt()) == Qt::Checked) {
        if (!key.contains(name))
            key << name;
    } else {
        key.removeAll(name);
    }
    if (key != m_key)
        emit keyChangeRequested(key);
    return true;
}

Qt::ItemFlags KeyColumnsModel::flags(const QModelIndex &index) const
{
    return QAbstractListModel::flags(index) | Qt::ItemIsUserCheckable;
}

} // namespace sluice::ui

#include "sourcerowmodel.h"

#include "common/typewords.h"

#include <QFont>
#include <QGuiApplication>
#include <QIcon>
#include <QPalette>

namespace sluice::ui {

SourceRowModel::SourceRowModel(QObject *parent) : QAbstractTableModel(parent)
{ }

void SourceRowModel::setRow(std::shared_ptr<const ModelPreview> sample, int row,
                            const std::vector<std::string> &primaryKey)
{
    beginResetModel();
    m_sample = std::move(sample);
    m_row = m_sample && row >= 0 && row < int(m_sample->rows.size()) ? row : -1;
    m_isKey.assign(m_sample ? m_sample->columns.size() : 0, false);
    for (std::size_t i = 0; i < m_isKey.size(); ++i)
        for (const auto &k : primaryKey)
            m_isKey[i] = m_isKey[i] || m_sample->columns[i].name == k;
    endResetModel();
}

void SourceRowModel::clear()
{
    setRow(nullptr, -1, {});
}

int SourceRowModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || m_row < 0 ? 0 : int(m_sample->columns.size());
}

int SourceRowModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SourceRowModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || m_row < 0)
        return {};
    const std::size_t i = std::size_t(index.row());
    const Column &column = m_sample->columns[i];
    const Row &row = m_sample->rows[std::size_t(m_row)];
    const Value &v = i < row.size() ? row[i] : Value();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return QString::fromStdString(column.name);
        case ValueColumn: return v.isNull() ? QStringLiteral("NULL") : QString::fromStdString(v.toString());
        case TypeColumn: return typeWord(column);
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == NameColumn && m_isKey[i])
            return QIcon(QStringLiteral(":/icons/key.svg"));
        return {};
    case Qt::ToolTipRole:
        if (index.column() == NameColumn && m_isKey[i])
            return tr("Primary key");
        if (index.column() == ValueColumn)
            return v.isNull() ? QStringLiteral("NULL") : QString::fromStdString(v.toString());
        return {};
    case Qt::ForegroundRole:
        if ((index.column() == ValueColumn && v.isNull()) || index.column() == TypeColumn)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        if (index.column() == ValueColumn && v.isNull()) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        if (index.column() == NameColumn && m_isKey[i]) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ValueColumn && (v.type() == ValueType::Integer || v.type() == ValueType::Real))
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    }
    return {};
}

QVariant SourceRowModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Column");
    case ValueColumn: return tr("Value");
    case TypeColumn: return tr("Type");
    }
    return {};
}

} // namespace sluice::ui

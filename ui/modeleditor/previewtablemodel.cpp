#include "previewtablemodel.h"

#include "common/typewords.h"

#include <QBrush>
#include <QFont>
#include <QGuiApplication>
#include <QIcon>
#include <QPalette>

namespace sluice::ui {

PreviewTableModel::PreviewTableModel(QObject *parent) : QAbstractTableModel(parent)
{ }

void PreviewTableModel::setPreview(ModelPreview preview, const std::vector<std::string> &primaryKey)
{
    beginResetModel();
    m_preview = std::move(preview);
    m_isKey.assign(m_preview.columns.size(), false);
    for (std::size_t i = 0; i < m_preview.columns.size(); ++i)
        for (const auto &k : primaryKey)
            if (m_preview.columns[i].name == k)
                m_isKey[i] = true;
    endResetModel();
}

void PreviewTableModel::clear()
{
    setPreview({}, {});
}

int PreviewTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_preview.rows.size());
}

int PreviewTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_preview.columns.size());
}

QVariant PreviewTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Value &v = m_preview.rows[std::size_t(index.row())][std::size_t(index.column())];
    switch (role) {
    case Qt::DisplayRole: return v.isNull() ? QStringLiteral("NULL") : QString::fromStdString(v.toString());
    case Qt::EditRole:
    case SortRole:
        switch (v.type()) {
        case ValueType::Null: return QVariant();
        case ValueType::Integer: return QVariant::fromValue<qlonglong>(v.asInteger());
        case ValueType::Real: return v.asReal();
        case ValueType::Boolean: return v.asBoolean();
        case ValueType::Text: return QString::fromStdString(v.asText());
        }
        return {};
    case Qt::TextAlignmentRole:
        if (v.type() == ValueType::Integer || v.type() == ValueType::Real)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (v.isNull())
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        if (v.isNull()) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    }
    return {};
}

QVariant PreviewTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole)
            return section + 1;
        return {};
    }
    if (section < 0 || section >= int(m_preview.columns.size()))
        return {};
    const Column &c = m_preview.columns[std::size_t(section)];
    switch (role) {
    case Qt::DisplayRole: return QString::fromStdString(c.name);
    case Qt::DecorationRole:
        return m_isKey[std::size_t(section)] ? QIcon(QStringLiteral(":/icons/key.svg")) : QVariant();
    case Qt::FontRole:
        if (m_isKey[std::size_t(section)]) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ToolTipRole: {
        QString type = typeWord(c);
        if (!c.declaredType.empty())
            type += QStringLiteral(" (%1)").arg(QString::fromStdString(c.declaredType));
        return m_isKey[std::size_t(section)] ? tr("%1 — primary key").arg(type) : type;
    }
    }
    return {};
}

} // namespace sluice::ui

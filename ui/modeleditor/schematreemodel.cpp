#include "schematreemodel.h"

#include "jobs/startingquery.h"

#include <QFont>
#include <QMimeData>

namespace sluice::ui {

SchemaTreeModel::SchemaTreeModel(QObject *parent) : QAbstractItemModel(parent)
{ }

void SchemaTreeModel::setNodes(std::vector<SchemaNode> nodes)
{
    beginResetModel();
    m_nodes = std::move(nodes);
    endResetModel();
}

// internalId 0: an object; n + 1: a field of object n.
QModelIndex SchemaTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= 3)
        return {};
    if (!parent.isValid())
        return row < int(m_nodes.size()) ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0)
        return {};
    const auto &node = m_nodes[std::size_t(parent.row())];
    return row < int(node.fields.size()) ? createIndex(row, column, quintptr(parent.row() + 1)) : QModelIndex();
}

QModelIndex SchemaTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int SchemaTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_nodes.size());
    if (parent.internalId() == 0 && parent.column() == 0)
        return int(m_nodes[std::size_t(parent.row())].fields.size());
    return 0;
}

int SchemaTreeModel::columnCount(const QModelIndex &) const
{
    return 3;
}

QVariant SchemaTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == 0) {
        const auto &node = m_nodes[std::size_t(index.row())];
        if (role == Qt::DisplayRole)
            return index.column() == 0 ? node.name : index.column() == 1 ? node.detail : QVariant();
        if (role == Qt::FontRole) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    }
    const auto &field = m_nodes[std::size_t(index.internalId() - 1)].fields[std::size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case 0: return field.name;
        case 1: return field.type;
        case 2: return field.flags.join(QStringLiteral(", "));
        }
    }
    if (role == Qt::FontRole && field.flags.contains(QStringLiteral("identifier"))) {
        QFont f;
        f.setBold(true);
        return f;
    }
    return {};
}

QVariant SchemaTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case 0: return tr("Name");
    case 1: return tr("Type");
    case 2: return tr("Notes");
    }
    return {};
}

Qt::ItemFlags SchemaTreeModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractItemModel::flags(index);
    if (index.isValid() && index.internalId() == 0)
        f |= Qt::ItemIsDragEnabled; // a table dragged into a model editor writes a starting query
    return f;
}

QStringList SchemaTreeModel::mimeTypes() const
{
    return {QStringLiteral("application/x-sluice-table"), QStringLiteral("text/plain")};
}

QMimeData *SchemaTreeModel::mimeData(const QModelIndexList &indexes) const
{
    for (const QModelIndex &i : indexes) {
        if (!i.isValid() || i.internalId() != 0)
            continue;
        const auto &node = m_nodes[std::size_t(i.row())];
        QStringList columns;
        for (const auto &f : node.fields)
            columns << f.name;
        auto *mime = new QMimeData;
        mime->setData(QStringLiteral("application/x-sluice-table"), node.name.toUtf8());
        mime->setText(startingQuery(node.name, columns));
        return mime;
    }
    return nullptr;
}

} // namespace sluice::ui

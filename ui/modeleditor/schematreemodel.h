#pragma once
// A tree of objects and their fields: a source's tables and columns, or a
// destination's objects and fields (identifier and required ones marked).

#include "common/schemanode.h"

#include <QAbstractItemModel>
#include <QString>
#include <QStringList>

#include <vector>

namespace sluice::ui {

class SchemaTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    explicit SchemaTreeModel(QObject *parent = nullptr);
    void setNodes(std::vector<SchemaNode> nodes);
    const std::vector<SchemaNode> &nodes() const { return m_nodes; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;

private:
    std::vector<SchemaNode> m_nodes;
};

} // namespace sluice::ui

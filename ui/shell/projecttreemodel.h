#pragma once
// The project explorer's tree: Sources, Models, Destinations, Syncs and their
// items, built from a ProjectConfig. Views ask for ItemKindRole/NameRole to
// know what a row is.

#include "core/entities.h"

#include <QAbstractItemModel>
#include <QIcon>

namespace sluice::ui {

class ProjectTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum class ItemKind { Group, Source, Model, Destination, Sync };
    enum Roles { ItemKindRole = Qt::UserRole + 1, NameRole };

    explicit ProjectTreeModel(QObject *parent = nullptr);

    void setConfig(const ProjectConfig &config);
    const ProjectConfig &config() const { return m_config; }
    QModelIndex indexOf(ItemKind kind, const QString &name) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    // internalId: 0 for groups; group number + 1 in the high bits, row in the low bits.
    static quintptr idFor(int group, int row) { return (quintptr(group + 1) << 32) | quintptr(row); }
    int childCount(int group) const;
    QString childName(int group, int row) const;
    QString childDetail(int group, int row) const;

    ProjectConfig m_config;
    QIcon m_icons[4];
};

} // namespace sluice::ui

#include "projecttreemodel.h"

#include <QFont>

namespace sluice::ui {

namespace {
constexpr int kGroups = 4;
} // namespace

ProjectTreeModel::ProjectTreeModel(QObject *parent) : QAbstractItemModel(parent)
{
    m_icons[0] = QIcon(":/icons/source.svg");
    m_icons[1] = QIcon(":/icons/model.svg");
    m_icons[2] = QIcon(":/icons/destination.svg");
    m_icons[3] = QIcon(":/icons/sync.svg");
}

namespace {
template <typename T> std::vector<std::string> namesOf(const std::vector<T> &items)
{
    std::vector<std::string> names;
    for (const auto &item : items)
        names.push_back(item.name);
    return names;
}
bool sameItems(const ProjectConfig &a, const ProjectConfig &b)
{
    return namesOf(a.sources) == namesOf(b.sources) && namesOf(a.models) == namesOf(b.models)
        && namesOf(a.destinations) == namesOf(b.destinations) && namesOf(a.syncs) == namesOf(b.syncs);
}
} // namespace

void ProjectTreeModel::setConfig(const ProjectConfig &config)
{
    // An edit inside an item (SQL, mapping, settings) keeps the rows, so the
    // selection and expansion survive it; only added, removed or renamed
    // items reset the tree.
    if (sameItems(m_config, config) && !m_config.name.empty()) {
        m_config = config;
        for (int group = 0; group < kGroups; ++group) {
            const int n = childCount(group);
            if (n > 0)
                emit dataChanged(index(0, 0, index(group, 0)), index(n - 1, 1, index(group, 0)));
        }
        return;
    }
    beginResetModel();
    m_config = config;
    endResetModel();
}

int ProjectTreeModel::childCount(int group) const
{
    switch (group) {
    case 0: return int(m_config.sources.size());
    case 1: return int(m_config.models.size());
    case 2: return int(m_config.destinations.size());
    case 3: return int(m_config.syncs.size());
    }
    return 0;
}

QString ProjectTreeModel::childName(int group, int row) const
{
    switch (group) {
    case 0: return QString::fromStdString(m_config.sources[std::size_t(row)].name);
    case 1: return QString::fromStdString(m_config.models[std::size_t(row)].name);
    case 2: return QString::fromStdString(m_config.destinations[std::size_t(row)].name);
    case 3: return QString::fromStdString(m_config.syncs[std::size_t(row)].name);
    }
    return {};
}

QString ProjectTreeModel::childDetail(int group, int row) const
{
    switch (group) {
    case 0: return QString::fromStdString(m_config.sources[std::size_t(row)].kind);
    case 1: {
        const auto &m = m_config.models[std::size_t(row)];
        QStringList key;
        for (const auto &k : m.primaryKey)
            key << QString::fromStdString(k);
        return tr("key: %1").arg(key.join(", "));
    }
    case 2: return QString::fromStdString(m_config.destinations[std::size_t(row)].kind);
    case 3: {
        const auto &s = m_config.syncs[std::size_t(row)];
        return QString::fromStdString(s.model + " → " + s.destination);
    }
    }
    return {};
}

QModelIndex ProjectTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= 2 || row < 0)
        return {};
    if (!parent.isValid())
        return row < kGroups ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0)
        return {};
    return row < childCount(parent.row()) ? createIndex(row, column, idFor(parent.row(), row)) : QModelIndex();
}

QModelIndex ProjectTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const int group = int(child.internalId() >> 32) - 1;
    return createIndex(group, 0, quintptr(0));
}

int ProjectTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return kGroups;
    if (parent.internalId() == 0 && parent.column() == 0)
        return childCount(parent.row());
    return 0;
}

int ProjectTreeModel::columnCount(const QModelIndex &) const
{
    return 2;
}

QVariant ProjectTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const bool isGroup = index.internalId() == 0;
    const int group = isGroup ? index.row() : int(index.internalId() >> 32) - 1;
    if (role == ItemKindRole)
        return isGroup ? int(ItemKind::Group) : group + 1;
    if (isGroup) {
        static const char *titles[kGroups]
            = {QT_TR_NOOP("Sources"), QT_TR_NOOP("Models"), QT_TR_NOOP("Destinations"), QT_TR_NOOP("Syncs")};
        if (role == Qt::DisplayRole)
            return index.column() == 0 ? tr(titles[group]) : QString::number(childCount(group));
        if (role == Qt::DecorationRole && index.column() == 0)
            return m_icons[group];
        if (role == Qt::FontRole) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    }
    switch (role) {
    case Qt::DisplayRole: return index.column() == 0 ? childName(group, index.row()) : childDetail(group, index.row());
    case NameRole: return childName(group, index.row());
    case Qt::DecorationRole: return index.column() == 0 ? QVariant(m_icons[group]) : QVariant();
    case Qt::ToolTipRole:
        if (group == 1)
            return QString::fromStdString(m_config.models[std::size_t(index.row())].description);
        return childDetail(group, index.row());
    }
    return {};
}

QVariant ProjectTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return section == 0 ? tr("Name") : tr("Details");
    return {};
}

QModelIndex ProjectTreeModel::indexOf(ItemKind kind, const QString &name) const
{
    const int group = int(kind) - 1;
    if (group < 0 || group >= kGroups)
        return {};
    for (int row = 0; row < childCount(group); ++row)
        if (childName(group, row) == name)
            return createIndex(row, 0, idFor(group, row));
    return {};
}

} // namespace sluice::ui

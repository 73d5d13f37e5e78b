#include "previewsortproxy.h"

#include "common/typewords.h"
#include "previewtablemodel.h"

namespace sluice::ui {

PreviewSortProxy::PreviewSortProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(PreviewTableModel::SortRole);
}

QVariant PreviewSortProxy::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole) {
        auto *preview = qobject_cast<PreviewTableModel *>(sourceModel());
        if (preview && section >= 0 && section < int(preview->preview().columns.size())) {
            const Column &c = preview->preview().columns[std::size_t(section)];
            return QStringLiteral("%1\n%2").arg(QString::fromStdString(c.name), typeWord(c));
        }
    }
    return QSortFilterProxyModel::headerData(section, orientation, role);
}

} // namespace sluice::ui

#pragma once
// Sorts a preview by the raw values (PreviewTableModel::SortRole) and puts
// each column's type on a second header line, so types are visible without
// hovering (the tooltip still says more: declared type, primary key).

#include <QSortFilterProxyModel>

namespace sluice::ui {

class PreviewSortProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit PreviewSortProxy(QObject *parent = nullptr);
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
};

} // namespace sluice::ui

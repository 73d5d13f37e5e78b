#pragma once
// One model row shown vertically: each column's name, value and type, the
// primary key columns marked. The payload preview shows it beside the payload
// the row becomes.

#include "models/modelrunner.h"

#include <QAbstractTableModel>

#include <memory>

namespace sluice::ui {

class SourceRowModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum ColumnId { NameColumn, ValueColumn, TypeColumn, ColumnCount };

    explicit SourceRowModel(QObject *parent = nullptr);

    // Shows row `row` of `sample` (none when out of range).
    void setRow(std::shared_ptr<const ModelPreview> sample, int row, const std::vector<std::string> &primaryKey);
    void clear();
    int shownRow() const { return m_row; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const ModelPreview> m_sample;
    int m_row = -1;
    std::vector<bool> m_isKey;
};

} // namespace sluice::ui

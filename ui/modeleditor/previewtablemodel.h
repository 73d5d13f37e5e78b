#pragma once
// Rows of a model preview for a QTableView: typed cells, NULL shown dimmed,
// numbers right-aligned, column type in the header tooltip, key columns marked.

#include "models/modelrunner.h"

#include <QAbstractTableModel>

namespace sluice::ui {

class PreviewTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // The raw engine value behind a cell, for sorting and copying.
    enum Roles { SortRole = Qt::UserRole + 1 };

    explicit PreviewTableModel(QObject *parent = nullptr);

    void setPreview(ModelPreview preview, const std::vector<std::string> &primaryKey);
    void clear();
    const ModelPreview &preview() const { return m_preview; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    ModelPreview m_preview;
    std::vector<bool> m_isKey;
};

} // namespace sluice::ui

#pragma once
// A string map setting (HTTP headers, say) as a two-column table: name and
// value, with an empty last row to add an entry; clearing a name removes
// its entry. Each change is reported whole through edited(), and the
// owner saves it as one undoable edit.

#include <QAbstractTableModel>

#include <nlohmann/json.hpp>

#include <utility>
#include <vector>

namespace sluice::ui {

class KeyValueTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit KeyValueTableModel(QObject *parent = nullptr);

    void setMap(const nlohmann::json &object);
    nlohmann::json map() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void edited(const nlohmann::json &object);

private:
    std::vector<std::pair<QString, QString>> m_entries;
};

} // namespace sluice::ui

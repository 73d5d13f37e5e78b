#pragma once
// The primary-key picker's list: the model's columns (from the last preview,
// or just the key when nothing was previewed yet), each checkable. Checking
// does not change anything itself: it asks for the new key through
// keyChangeRequested(), the editor saves it as an undoable edit, and the
// list is refilled from the saved configuration.

#include <QAbstractListModel>
#include <QStringList>

#include <vector>

namespace sluice::ui {

class KeyColumnsModel : public QAbstractListModel {
    Q_OBJECT
public:
    explicit KeyColumnsModel(QObject *parent = nullptr);

    // `columns` with their types as the preview found them; key columns
    // missing from them are listed too, marked as missing.
    void setColumns(const QStringList &columns, const QStringList &types);
    void setKey(const QStringList &key);
    QStringList key() const { return m_key; }
    QStringList columns() const;
    int rowOf(const QString &column) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

signals:
    void keyChangeRequested(const QStringList &key);

private:
    struct Item {
        QString name;
        QString type;
        bool missing = false; // in the key, not in the previewed columns
    };
    void rebuild();

    QStringList m_columns, m_types, m_key;
    std::vector<Item> m_items;
};

} // namespace sluice::ui

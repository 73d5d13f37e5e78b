#pragma once
// The saved revisions of one sync, newest first: when each was saved and a
// one-line summary of what changed since the revision before it ("batch size
// 500 → 200; schedule changed"). The revision equal to the current
// configuration is marked.

#include "project/projectstore.h"

#include <nlohmann/json.hpp>

#include <QAbstractTableModel>

#include <vector>

namespace sluice::ui {

class ConfigHistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns { SavedAt, Change, ColumnCount };
    enum Roles { RevisionIdRole = Qt::UserRole + 1 };

    explicit ConfigHistoryModel(QObject *parent = nullptr);

    // `revisions` oldest first (as the store gives them); `current` is the
    // sync's canonical JSON now (null when it no longer exists).
    void setRevisions(std::vector<Revision> revisions, const nlohmann::json &current);
    void setCurrent(const nlohmann::json &current);
    const Revision &revision(int row) const { return m_rows[std::size_t(row)].revision; }
    bool isCurrent(int row) const { return m_rows[std::size_t(row)].document == m_current; }
    int currentRow() const; // the newest version equal to the configuration, or -1
    QString summary(int row) const { return m_rows[std::size_t(row)].summary; }

    // What changed from `older` (null: nothing before) to `newer`.
    static QString summarize(const nlohmann::json &older, const nlohmann::json &newer);
    // "2026-11-22 10:00:03" in local time, from the store's UTC text.
    static QString localTime(const std::string &savedAt);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row {
        Revision revision;
        nlohmann::json document;
        QString summary;
    };
    std::vector<Row> m_rows; // newest first
    nlohmann::json m_current;
};

} // namespace sluice::ui

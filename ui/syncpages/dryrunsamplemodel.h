#pragma once
// The sample rows a dry run recorded (RunSummary::samples, a few per kind):
// kind, row key, the exact payload it would send, and its problems.

#include "sync/syncrunner.h"

#include <QAbstractTableModel>

namespace sluice::ui {

class DryRunSampleModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum ColumnId { KindColumn, KeyColumn, PayloadColumn, ColumnCount };
    enum Role { PrettyPayloadRole = Qt::UserRole + 1, ProblemsRole, KindRole };

    explicit DryRunSampleModel(QObject *parent = nullptr);

    void setSamples(std::vector<RowSample> samples);
    const std::vector<RowSample> &samples() const { return m_samples; }
    int count(const QString &kind) const;
    static QString kindName(const std::string &kind); // translated "added", "changed", ...

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<RowSample> m_samples;
};

} // namespace sluice::ui

#pragma once
// The rows of a payload preview: each sample row's key, what happens to it
// (sent, sent with warnings, rejected, filtered out) and the exact payload,
// with the problems as tooltips and colours. One row per sample row.

#include "jobs/payloadpreviewjob.h"

#include <QAbstractTableModel>

namespace sluice::ui {

class PayloadPreviewModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum ColumnId { KeyColumn, ResultColumn, PayloadColumn, ColumnCount };
    enum State { Sent, Warned, Rejected, Filtered };
    enum Role {
        StateRole = Qt::UserRole + 1,
        PrettyPayloadRole, // the payload, indented ("" when nothing is sent)
        ProblemsRole,      // one line per problem, with what it does to the row
        SourceIndexRole,   // the row's index in sample()->rows
    };

    explicit PayloadPreviewModel(QObject *parent = nullptr);

    void setResult(PayloadPreviewResult result);
    void clear();
    const PayloadPreviewResult &result() const { return m_result; }
    const ModelPreview *sample() const { return m_result.sample.get(); }

    int count(State state) const;
    // "20 rows: 17 sent (2 with warnings), 1 rejected, 2 filtered out"
    QString countsText() const;
    static State stateOf(const PreviewedRow &row);
    static QString problemText(const FieldProblem &problem);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    PayloadPreviewResult m_result;
};

} // namespace sluice::ui

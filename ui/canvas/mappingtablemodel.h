#pragma once
// The mapping as a table, one row per destination field (then fields the
// mapping names that the destination does not list): for bulk edits, wide
// (150-field) mappings and people who do not use the canvas. Beside each
// field: a sample value from the model's first row and, for an unmapped
// field, the column auto-map suggests. Edits go through the same undo
// commands as the canvas; both follow the document's signals, so they stay
// in sync.

#include "mappingdocument.h"

#include <QAbstractTableModel>
#include <QStyledItemDelegate>

namespace sluice::ui {

class MappingTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        FieldColumn,
        FlagsColumn,
        SourceKindColumn,
        SourceColumn,
        SampleColumn,     // the first model row's value of the mapped column
        SuggestionColumn, // unmapped: the column whose name matches
        TransformsColumn,
        RulesColumn,
        ProblemsColumn,
        ColumnCount
    };
    enum Role { FieldNameRole = Qt::UserRole + 1, SourceKindRole, ProblemCountRole, SuggestedColumnRole };

    explicit MappingTableModel(MappingDocument *document, QObject *parent = nullptr);

    MappingDocument *document() const { return m_document; }
    int rowOf(const QString &field) const { return int(m_rows.indexOf(field)); }
    QString fieldAt(int row) const { return m_rows.value(row); }
    static QString sourceKindName(SourceKind kind);
    // Column name -> its value in the model's first row, as text.
    void setSampleValues(QHash<QString, QString> values);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

private:
    void syncRows();
    QString suggestionFor(const QString &field) const;

    MappingDocument *m_document;
    QStringList m_rows;
    QHash<QString, QString> m_samples;
    // field -> the column auto-map would connect; recomputed after edits.
    mutable QHash<QString, AutoMapping> m_suggestions;
    mutable bool m_suggestionsStale = true;
};

// Edits the source cells: a combo box of source kinds, a combo box of the
// model's columns, or a line edit for a static value or a template.
class SourceDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit SourceDelegate(MappingDocument *document, QObject *parent = nullptr);
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

private:
    MappingDocument *m_document;
};

} // namespace sluice::ui

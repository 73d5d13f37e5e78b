#pragma once
// The inline editors of the canvas: a small form for one transform or rule
// built from its options (stepcatalog.h), and one for a field's source and
// rules. They edit through the document's undo commands only, and follow
// the document (undo included) while open.

#include "mappingdocument.h"
#include "stepcatalog.h"

#include <QAbstractTableModel>
#include <QFrame>
#include <QHash>

class QComboBox;
class QFormLayout;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableView;
class QVBoxLayout;

namespace sluice::ui {

// The rows of a valueMap step's "map", plus an empty last row to add one.
class ValueMapModel : public QAbstractTableModel {
    Q_OBJECT
public:
    ValueMapModel(MappingDocument *document, const QString &field, int index, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

    void reload(); // from the document
    bool setMap(const nlohmann::json &map);

private:
    MappingDocument *m_document;
    QString m_field;
    int m_index;
    // In the order shown, not the map's key order: a value typed into the
    // empty row stays where it was typed, so Tab goes on to its own "To" cell
    // (a re-sorted table sent the next keystrokes to another row).
    std::vector<std::pair<QString, nlohmann::json>> m_rows;
    std::pair<QString, QString> m_renaming; // a From being retyped keeps its row
};

class InlineEditor : public QFrame {
    Q_OBJECT
public:
    // False when what it edits is gone (then it should close).
    virtual bool refresh() = 0;
    QString field() const { return m_field; }

signals:
    void closeRequested();

protected:
    InlineEditor(MappingDocument *document, const QString &field, QWidget *parent);
    void keyPressEvent(QKeyEvent *event) override;
    // The title row; returns its layout so an editor can add buttons before calling addCloseButton.
    QHBoxLayout *buildHeader(const QString &title, const QString &subtitle, QVBoxLayout *layout);
    void addCloseButton(QHBoxLayout *header);
    int session() const { return m_session; }
    void newSession();

    MappingDocument *m_document;
    QString m_field;

private:
    int m_session;
};

class StepEditor : public InlineEditor {
    Q_OBJECT
public:
    StepEditor(MappingDocument *document, const QString &field, StepList list, int index, QWidget *parent = nullptr);

    StepList list() const { return m_list; }
    int index() const { return m_index; }
    bool refresh() override;
    QWidget *optionWidget(const QString &key) const { return m_widgets.value(key); }
    ValueMapModel *valueMapModel() const { return m_valueMap; }
    QTableView *valueMapView() const { return m_valueMapView; }

private:
    const nlohmann::json *step() const;
    void setOption(const QString &key, const nlohmann::json &value, bool remove, bool typing);
    QWidget *buildOption(const OptionSpec &option);
    void importCsv();

    StepList m_list;
    int m_index;
    QString m_type;
    QHash<QString, QWidget *> m_widgets;
    ValueMapModel *m_valueMap = nullptr;
    QTableView *m_valueMapView = nullptr;
    QLabel *m_problem = nullptr;
};

class FieldEditor : public InlineEditor {
    Q_OBJECT
public:
    FieldEditor(MappingDocument *document, const QString &field, QWidget *parent = nullptr);
    bool refresh() override;

    QComboBox *sourceKindBox() const { return m_kind; }
    QComboBox *columnBox() const { return m_column; }
    QLineEdit *valueEdit() const { return m_value; }
    QPlainTextEdit *templateEdit() const { return m_template; }

signals:
    void editRuleRequested(const QString &field, int index);

private:
    void rebuildRules();

    QComboBox *m_kind = nullptr;
    QLabel *m_noSource = nullptr;
    QComboBox *m_column = nullptr;
    bool m_pickingColumn = false; // "Column" chosen, no column of the field's name: the user picks one
    QLineEdit *m_value = nullptr;
    QPlainTextEdit *m_template = nullptr;
    QWidget *m_rules = nullptr;
    QVBoxLayout *m_rulesLayout = nullptr;
    QComboBox *m_addRule = nullptr;
    QLabel *m_problems = nullptr;
    nlohmann::json m_shownRules;
};

} // namespace sluice::ui

#pragma once
// The mapping designer's document: the source of truth the canvas and the
// table are views of. It holds a sync's mapping (the JSON array described in
// docs/transforms.md) as structured entries, plus the model columns and
// destination fields it is edited against, and the problems checkMapping
// finds. No widgets here.
//
// Every edit goes through a QUndoCommand on undoStack() (mappingcommands.h);
// the edit functions below build and push them. Views listen to the paired
// signals and never change the entries themselves.

#include "core/value.h"
#include "destinations/contract/destination.h"
#include "destinations/contract/destinationfield.h"
#include "mapping/automap.h"
#include "mapping/checkmapping.h"

#include <nlohmann/json.hpp>

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QUndoCommand;
class QUndoStack;

namespace sluice::ui {

using EntryId = int;

enum class SourceKind { None, Column, Value, Template };
enum class StepList { Transforms, Rules };

// One mapping entry, i.e. one destination field's recipe.
struct MappingEntry {
    EntryId id = 0;
    QString field;
    SourceKind source = SourceKind::None;
    QString column;                                  // SourceKind::Column
    nlohmann::json value;                            // SourceKind::Value: a JSON scalar
    QString templateText;                            // SourceKind::Template
    std::vector<nlohmann::json> transforms;          // objects with a "type"
    std::vector<nlohmann::json> rules;               // objects with a "type"
    nlohmann::json extra = nlohmann::json::object(); // every other key ("comment", typos), kept
    bool keepEmptyTransforms = false;                // "transforms": [] was written; keep it
    bool keepEmptyRules = false;
    // An entry that cannot be read structurally (not an object, no field, two
    // sources, ...) is kept as it was loaded and written back unchanged.
    bool valid = true;
    QString invalidReason;
    nlohmann::json raw;

    const std::vector<nlohmann::json> &steps(StepList list) const
    {
        return list == StepList::Transforms ? transforms : rules;
    }
    std::vector<nlohmann::json> &steps(StepList list) { return list == StepList::Transforms ? transforms : rules; }

    nlohmann::json toJson() const;
    // Never fails: an entry that cannot be read comes back with valid = false.
    static MappingEntry fromJson(const nlohmann::json &json);
    bool operator==(const MappingEntry &) const = default;
};

// One problem found by checkMapping (or by loading), placed on what it concerns.
struct MappingProblem {
    bool error = true;   // else a warning
    QString code;        // "mapping.required_unmapped", "mapping.invalid_entry", ...
    QString field;       // destination field, "" for the mapping as a whole
    QString title;       // short, translated ("Required field is not mapped")
    QString message;     // the detail (the engine's one-line message)
    int entryIndex = -1; // which entry, when known
    StepList list = StepList::Transforms;
    int stepIndex = -1; // which transform/rule of that entry, when known

    // One line for people: the detail, led by the title unless it already
    // says the same ("Required field 'email' is not mapped").
    QString text() const;
};

// The fields a destination object lists, as the mapping checker sees them.
std::vector<DestinationField> destinationFieldsOf(const DestinationObject &object);

class MappingDocument : public QObject {
    Q_OBJECT
public:
    // Uses `stack` when given (one stack per open project), else owns one.
    explicit MappingDocument(QUndoStack *stack = nullptr, QObject *parent = nullptr);
    ~MappingDocument() override;

    QUndoStack *undoStack() const { return m_stack; }

    // Context. Each of these resets the views (not undoable).
    void setColumns(std::vector<Column> columns);
    void setDestinationFields(std::vector<DestinationField> fields);
    const std::vector<Column> &columns() const { return m_columns; }
    const std::vector<DestinationField> &destinationFields() const { return m_fields; }
    const Column *column(const QString &name) const;
    const DestinationField *destinationField(const QString &name) const;
    // A destination that takes any field (a file, a webhook) lists none; the
    // caller may offer names (the model's columns) as suggestions instead.
    // Then a mapped field they do not list is no problem.
    void setFieldsAreSuggestions(bool suggestions);
    bool fieldsAreSuggestions() const { return m_fieldsAreSuggestions; }

    // Replaces the mapping (not undoable; see replaceMapping). A value that is
    // not an array loads as no entries plus a general problem.
    void load(const nlohmann::json &mapping);
    // The entries of a mapping (ids not yet given); a second entry for the
    // same field is invalid. `problem` says why a non-array gave none.
    static std::vector<MappingEntry> entriesFromJson(const nlohmann::json &mapping, QString *problem = nullptr);
    void fromJson(const nlohmann::json &mapping) { load(mapping); }
    nlohmann::json toJson() const;

    const std::vector<MappingEntry> &entries() const { return m_entries; }
    const MappingEntry *entry(EntryId id) const;
    const MappingEntry *entryForField(const QString &field) const; // the first one
    int indexOf(EntryId id) const;
    // What the canvas and the table show, in order: the destination fields,
    // then fields the mapping names that the destination does not list.
    QStringList fieldNames() const;
    bool isExtraField(const QString &field) const { return !destinationField(field); }
    QStringList columnNames() const;

    // Problems, recomputed after each change.
    const std::vector<MappingProblem> &problems() const;
    std::vector<MappingProblem> problemsForField(const QString &field) const;
    std::vector<MappingProblem> generalProblems() const;

    // Edits. Each pushes one undo command and returns false (pushing nothing)
    // when there is nothing to do.
    bool connectColumn(const QString &field, const QString &column);
    bool disconnect(const QString &field);
    bool disconnectFields(const QStringList &fields); // one command
    // Consecutive calls with the same non-negative `mergeSession` merge (typing).
    bool setStaticValue(const QString &field, const nlohmann::json &value, int mergeSession = -1);
    bool setTemplate(const QString &field, const QString &text, int mergeSession = -1);
    bool setSourceKind(const QString &field, SourceKind kind); // keeps what it can
    bool insertStep(const QString &field, StepList list, int position, const nlohmann::json &step);
    bool removeStep(const QString &field, StepList list, int index);
    // Sets one option of a transform or rule; a null `value` with remove=true drops the key.
    // Consecutive edits of the same option with the same non-negative
    // `mergeSession` merge into one undo step (typing).
    bool setStepOption(const QString &field, StepList list, int index, const QString &key, const nlohmann::json &value,
                       bool remove = false, int mergeSession = -1);
    bool moveStep(const QString &field, StepList list, int from, int to);
    bool rewire(const QString &fromField, const QString &toField);
    int autoMap();                                // maps unmapped fields by name; returns how many (one command)
    int autoMapFields(const QStringList &fields); // the same for these fields only (a table selection)
    // What autoMap() would connect: for each unmapped field (of `onlyFields`
    // when given) the free column its name matches; a column at most once.
    std::vector<AutoMapping> autoMapProposal(const QStringList &onlyFields = {}) const;
    bool replaceMapping(const nlohmann::json &mapping); // undoable load
    // The edits between these are one undo step (and one edited()). Nestable.
    void beginMacro(const QString &text);
    void endMacro();

    // For commands (mappingcommands.cpp) only.
    void applyInsert(int index, const MappingEntry &entry);
    void applyRemove(EntryId id);
    void applyReplace(EntryId id, const MappingEntry &entry);
    EntryId allocateId() { return m_nextId++; }
    void beginBatch();
    void endBatch();
    bool inBatch() const { return m_batchDepth > 0; }
    // Where a new entry for `field` goes: in destination field order.
    int insertionIndex(const QString &field, const std::vector<MappingEntry> &entries) const;

signals:
    void aboutToReset();
    void resetDone();
    void entryAboutToBeAdded(int index, const QString &field);
    void entryAdded(int index, sluice::ui::EntryId id);
    void entryAboutToBeRemoved(int index, sluice::ui::EntryId id);
    void entryRemoved(int index, sluice::ui::EntryId id, const QString &field);
    void entryAboutToChange(sluice::ui::EntryId id);
    void entryChanged(sluice::ui::EntryId id, const QString &oldField);
    // Around a command that changes several entries (auto-map, bulk edits):
    // views may skip per-entry work in between and catch up once.
    void batchStarted();
    void batchFinished();
    void problemsChanged();
    void changed(); // after every change of the mapping, edits and loads alike
    // After a user edit reached the undo stack (a macro counts once; loads,
    // undo and redo are not edits). `mergeKey` is non-empty for typing: an
    // owner that mirrors the edits onto its own undo stack merges the edits
    // that share it, as this document's stack does.
    void edited(const QString &text, const QString &mergeKey);

private:
    bool push(std::unique_ptr<QUndoCommand> command);
    void afterChange();
    void computeProblems() const;

    QUndoStack *m_stack = nullptr;
    std::vector<Column> m_columns;
    std::vector<DestinationField> m_fields;
    QHash<QString, int> m_fieldIndex;  // name -> index in m_fields
    QHash<QString, int> m_columnIndex; // name -> index in m_columns
    int m_batchDepth = 0;
    int m_macroDepth = 0;
    QString m_macroText;
    bool m_macroEdited = false;
    bool m_fieldsAreSuggestions = false;
    std::vector<MappingEntry> m_entries;
    QString m_loadProblem;
    EntryId m_nextId = 1;
    mutable bool m_problemsDirty = true;
    mutable std::vector<MappingProblem> m_problems;
};

} // namespace sluice::ui

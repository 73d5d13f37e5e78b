#pragma once
// The undo commands of the mapping designer. Each one records, when it is
// created, the entries it changes as before/after snapshots (per entry, not
// the whole mapping), so redo and undo only swap whole entries and can never
// drift. Typing in one option merges into one step (mergeWith).

#include "mappingdocument.h"

#include <QUndoCommand>

#include <optional>
#include <vector>

namespace sluice::ui {

// One entry added (before empty), removed (after empty) or replaced (both).
struct EntryEdit {
    std::optional<MappingEntry> before;
    std::optional<MappingEntry> after;
    int index = -1; // where the entry is inserted (add) or was (remove)
};

class MappingEditCommand : public QUndoCommand {
public:
    enum Id { NoMerge = -1, StepOptionId = 0x5100, SourceValueId, SourceTemplateId };

    bool isEmpty() const { return m_edits.empty(); }
    // Non-empty for typing: consecutive commands with the same key merge.
    const QString &mergeKey() const { return m_mergeKey; }
    const std::vector<EntryEdit> &edits() const { return m_edits; }
    void redo() override;
    void undo() override;
    int id() const override { return m_id; }
    bool mergeWith(const QUndoCommand *other) override;

protected:
    explicit MappingEditCommand(MappingDocument *document);

    // Records edits on a working copy of the entries, so several edits made
    // by one command see each other.
    class Builder {
    public:
        explicit Builder(MappingDocument *document);
        MappingEntry *find(const QString &field);
        void add(MappingEntry entry);            // at the document's insertion index for its field
        void remove(const QString &field);       // every entry of the field
        void replace(const MappingEntry &after); // the entry with after.id
        std::vector<EntryEdit> take() { return std::move(m_edits); }
        const std::vector<MappingEntry> &entries() const { return m_entries; }

    private:
        MappingDocument *m_document;
        std::vector<MappingEntry> m_entries;
        std::vector<EntryEdit> m_edits;
    };

    MappingEntry newEntry(const QString &field) const;

    MappingDocument *m_document;
    std::vector<EntryEdit> m_edits;
    int m_id = NoMerge;
    QString m_mergeKey; // merge only with the same non-empty key
};

class ConnectColumnCommand : public MappingEditCommand {
public:
    ConnectColumnCommand(MappingDocument *document, const QString &field, const QString &column);
};

class DisconnectCommand : public MappingEditCommand {
public:
    DisconnectCommand(MappingDocument *document, const QStringList &fields);
};

// Static value, template, or no source (kind None keeps the transforms).
class SetSourceCommand : public MappingEditCommand {
public:
    SetSourceCommand(MappingDocument *document, const QString &field, SourceKind kind, const nlohmann::json &value,
                     const QString &templateText, int mergeSession = -1);
};

class InsertStepCommand : public MappingEditCommand {
public:
    InsertStepCommand(MappingDocument *document, const QString &field, StepList list, int position,
                      const nlohmann::json &step);
};

class RemoveStepCommand : public MappingEditCommand {
public:
    RemoveStepCommand(MappingDocument *document, const QString &field, StepList list, int index);
};

class SetStepOptionCommand : public MappingEditCommand {
public:
    SetStepOptionCommand(MappingDocument *document, const QString &field, StepList list, int index, const QString &key,
                         const nlohmann::json &value, bool remove, int mergeSession = -1);
};

class MoveStepCommand : public MappingEditCommand {
public:
    MoveStepCommand(MappingDocument *document, const QString &field, StepList list, int from, int to);
};

// Moves a field's recipe to another field, replacing what that field had.
class RewireCommand : public MappingEditCommand {
public:
    RewireCommand(MappingDocument *document, const QString &fromField, const QString &toField);
};

// Connects every unmapped destination field that autoMap() finds a free column for.
class AutoMapCommand : public MappingEditCommand {
public:
    // Only `onlyFields` when given (a table selection), else every unmapped field.
    AutoMapCommand(MappingDocument *document, const QStringList &onlyFields);
    int count() const { return m_count; }

private:
    int m_count = 0;
};

class ReplaceMappingCommand : public MappingEditCommand {
public:
    ReplaceMappingCommand(MappingDocument *document, const nlohmann::json &mapping);
};

} // namespace sluice::ui

// MappingDocument: its context (model columns, destination fields), loading
// and reading the entries, and applying what the undo commands do.

#include "mappingdocument.h"

#include "canvastr.h"
#include "mappingdocumentinternal.h"

#include <QSet>
#include <QUndoStack>

#include <algorithm>

namespace sluice::ui {

using nlohmann::json;
using namespace MappingDocumentInternal;

// ---------------------------------------------------------------- MappingDocument

MappingDocument::MappingDocument(QUndoStack *stack, QObject *parent)
    : QObject(parent), m_stack(stack ? stack : new QUndoStack(this))
{ }

MappingDocument::~MappingDocument() = default;

void MappingDocument::setColumns(std::vector<Column> columns)
{
    emit aboutToReset();
    m_columns = std::move(columns);
    m_columnIndex.clear();
    for (int i = int(m_columns.size()) - 1; i >= 0; --i) // the first of equal names wins
        m_columnIndex.insert(qs(m_columns[std::size_t(i)].name), i);
    m_problemsDirty = true;
    emit resetDone();
    emit problemsChanged();
}

void MappingDocument::setDestinationFields(std::vector<DestinationField> fields)
{
    emit aboutToReset();
    m_fields = std::move(fields);
    m_fieldIndex.clear();
    for (int i = int(m_fields.size()) - 1; i >= 0; --i)
        m_fieldIndex.insert(qs(m_fields[std::size_t(i)].name), i);
    m_problemsDirty = true;
    emit resetDone();
    emit problemsChanged();
}

void MappingDocument::setFieldsAreSuggestions(bool suggestions)
{
    if (suggestions == m_fieldsAreSuggestions)
        return;
    m_fieldsAreSuggestions = suggestions;
    m_problemsDirty = true;
    emit problemsChanged();
}

const Column *MappingDocument::column(const QString &name) const
{
    const auto it = m_columnIndex.constFind(name);
    return it == m_columnIndex.constEnd() ? nullptr : &m_columns[std::size_t(it.value())];
}

const DestinationField *MappingDocument::destinationField(const QString &name) const
{
    const auto it = m_fieldIndex.constFind(name);
    return it == m_fieldIndex.constEnd() ? nullptr : &m_fields[std::size_t(it.value())];
}

void MappingDocument::beginBatch()
{
    if (m_batchDepth++ == 0)
        emit batchStarted();
}

void MappingDocument::endBatch()
{
    if (m_batchDepth > 0 && --m_batchDepth == 0)
        emit batchFinished();
}

void MappingDocument::load(const json &mapping)
{
    emit aboutToReset();
    m_loadProblem.clear();
    m_entries = entriesFromJson(mapping, &m_loadProblem);
    for (MappingEntry &e : m_entries)
        e.id = allocateId();
    m_problemsDirty = true;
    emit resetDone();
    emit problemsChanged();
    emit changed();
}

std::vector<MappingEntry> MappingDocument::entriesFromJson(const json &mapping, QString *problem)
{
    std::vector<MappingEntry> entries;
    if (!mapping.is_array()) {
        if (!mapping.is_null() && problem)
            *problem = CanvasTr::tr("the mapping is not a list of entries; it was not loaded");
        return entries;
    }
    QSet<QString> seen;
    for (const json &item : mapping) {
        MappingEntry e = MappingEntry::fromJson(item);
        if (e.valid && seen.contains(e.field)) {
            MappingEntry duplicate;
            duplicate.field = e.field;
            duplicate.valid = false;
            duplicate.invalidReason = CanvasTr::tr("the field is mapped more than once");
            duplicate.raw = item;
            e = std::move(duplicate);
        }
        if (e.valid)
            seen.insert(e.field);
        entries.push_back(std::move(e));
    }
    return entries;
}

json MappingDocument::toJson() const
{
    json out = json::array();
    for (const MappingEntry &e : m_entries)
        out.push_back(e.toJson());
    return out;
}

const MappingEntry *MappingDocument::entry(EntryId id) const
{
    const int i = indexOf(id);
    return i < 0 ? nullptr : &m_entries[std::size_t(i)];
}

const MappingEntry *MappingDocument::entryForField(const QString &field) const
{
    for (const MappingEntry &e : m_entries)
        if (e.field == field)
            return &e;
    return nullptr;
}

int MappingDocument::indexOf(EntryId id) const
{
    for (std::size_t i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].id == id)
            return int(i);
    return -1;
}

QStringList MappingDocument::fieldNames() const
{
    QStringList out;
    out.reserve(qsizetype(m_fields.size()));
    for (const DestinationField &f : m_fields)
        out << qs(f.name);
    QSet<QString> extra;
    for (const MappingEntry &e : m_entries)
        if (!e.field.isEmpty() && !destinationField(e.field) && !extra.contains(e.field)) {
            extra.insert(e.field);
            out << e.field;
        }
    return out;
}

QStringList MappingDocument::columnNames() const
{
    QStringList out;
    for (const Column &c : m_columns)
        out << qs(c.name);
    return out;
}

int MappingDocument::insertionIndex(const QString &field, const std::vector<MappingEntry> &entries) const
{
    auto position = [this](const QString &name) { return m_fieldIndex.value(name, -1); };
    // Fields the destination does not list sort after all that it does.
    const int p = position(field);
    if (p < 0)
        return int(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const int q = position(entries[i].field);
        if (q > p || q < 0)
            return int(i);
    }
    return int(entries.size());
}

// ---------------------------------------------------------------- applying commands

void MappingDocument::applyInsert(int index, const MappingEntry &e)
{
    index = std::clamp(index, 0, int(m_entries.size()));
    emit entryAboutToBeAdded(index, e.field);
    m_entries.insert(m_entries.begin() + index, e);
    m_nextId = std::max(m_nextId, e.id + 1);
    emit entryAdded(index, e.id);
    afterChange();
}

void MappingDocument::applyRemove(EntryId id)
{
    const int index = indexOf(id);
    if (index < 0) {
        qWarning("MappingDocument: no entry %d to remove (stale undo command?)", id);
        return;
    }
    emit entryAboutToBeRemoved(index, id);
    const QString field = m_entries[std::size_t(index)].field;
    m_entries.erase(m_entries.begin() + index);
    emit entryRemoved(index, id, field);
    afterChange();
}

void MappingDocument::applyReplace(EntryId id, const MappingEntry &e)
{
    const int index = indexOf(id);
    if (index < 0) {
        qWarning("MappingDocument: no entry %d to change (stale undo command?)", id);
        return;
    }
    emit entryAboutToChange(id);
    MappingEntry &target = m_entries[std::size_t(index)];
    const QString oldField = target.field;
    target = e;
    target.id = id;
    emit entryChanged(id, oldField);
    afterChange();
}

void MappingDocument::afterChange()
{
    m_problemsDirty = true;
    emit problemsChanged();
    emit changed();
}

} // namespace sluice::ui

#include "mappingcommands.h"

#include "canvastr.h"

#include "mapping/automap.h"

#include <QSet>

#include <algorithm>

namespace sluice::ui {

using nlohmann::json;

namespace {

QString stepName(const json &step)
{
    return step.is_object() && step.contains("type") && step["type"].is_string()
             ? QString::fromStdString(step["type"].get<std::string>())
             : CanvasTr::tr("step");
}

QString listNoun(StepList list)
{
    return list == StepList::Transforms ? CanvasTr::tr("transform") : CanvasTr::tr("rule");
}

} // namespace

// ---------------------------------------------------------------- base

MappingEditCommand::MappingEditCommand(MappingDocument *document) : m_document(document)
{ }

void MappingEditCommand::redo()
{
    const bool batch = m_edits.size() > 1;
    if (batch)
        m_document->beginBatch();
    for (const EntryEdit &e : m_edits) {
        if (e.before && e.after)
            m_document->applyReplace(e.before->id, *e.after);
        else if (e.after)
            m_document->applyInsert(e.index, *e.after);
        else if (e.before)
            m_document->applyRemove(e.before->id);
    }
    if (batch)
        m_document->endBatch();
}

void MappingEditCommand::undo()
{
    const bool batch = m_edits.size() > 1;
    if (batch)
        m_document->beginBatch();
    for (auto it = m_edits.rbegin(); it != m_edits.rend(); ++it) {
        if (it->before && it->after)
            m_document->applyReplace(it->after->id, *it->before);
        else if (it->after)
            m_document->applyRemove(it->after->id);
        else if (it->before)
            m_document->applyInsert(it->index, *it->before);
    }
    if (batch)
        m_document->endBatch();
}

bool MappingEditCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = dynamic_cast<const MappingEditCommand *>(other);
    if (!o || o->m_id != m_id || m_mergeKey.isEmpty() || o->m_mergeKey != m_mergeKey)
        return false;
    if (m_edits.size() != 1 || o->m_edits.size() != 1)
        return false;
    EntryEdit &mine = m_edits.front();
    const EntryEdit &theirs = o->m_edits.front();
    if (!mine.after || !theirs.before || !theirs.after || mine.after->id != theirs.before->id)
        return false;
    mine.after = theirs.after;
    if (mine.before == mine.after)
        setObsolete(true); // typed back to where it started
    return true;
}

MappingEntry MappingEditCommand::newEntry(const QString &field) const
{
    MappingEntry e;
    e.id = m_document->allocateId();
    e.field = field;
    return e;
}

MappingEditCommand::Builder::Builder(MappingDocument *document) : m_document(document), m_entries(document->entries())
{ }

MappingEntry *MappingEditCommand::Builder::find(const QString &field)
{
    for (MappingEntry &e : m_entries)
        if (e.field == field)
            return &e;
    return nullptr;
}

void MappingEditCommand::Builder::add(MappingEntry entry)
{
    const int index = m_document->insertionIndex(entry.field, m_entries);
    m_entries.insert(m_entries.begin() + index, entry);
    m_edits.push_back({std::nullopt, std::move(entry), index});
}

void MappingEditCommand::Builder::remove(const QString &field)
{
    for (std::size_t i = 0; i < m_entries.size();) {
        if (m_entries[i].field == field) {
            m_edits.push_back({m_entries[i], std::nullopt, int(i)});
            m_entries.erase(m_entries.begin() + std::ptrdiff_t(i));
        } else {
            ++i;
        }
    }
}

void MappingEditCommand::Builder::replace(const MappingEntry &after)
{
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].id != after.id)
            continue;
        if (m_entries[i] == after)
            return;
        m_edits.push_back({m_entries[i], after, int(i)});
        m_entries[i] = after;
        return;
    }
}

// ---------------------------------------------------------------- commands

ConnectColumnCommand::ConnectColumnCommand(MappingDocument *document, const QString &field, const QString &column)
    : MappingEditCommand(document)
{
    setText(CanvasTr::tr("Connect %1 to %2").arg(column, field));
    if (field.isEmpty() || column.isEmpty())
        return;
    Builder b(document);
    if (MappingEntry *e = b.find(field); e && e->valid) {
        MappingEntry after = *e;
        after.source = SourceKind::Column;
        after.column = column;
        after.value = json();
        after.templateText.clear();
        b.replace(after);
    } else if (e) { // an unreadable entry: start afresh (undo brings it back)
        MappingEntry after = newEntry(field);
        after.id = e->id;
        after.source = SourceKind::Column;
        after.column = column;
        b.replace(after);
    } else {
        MappingEntry after = newEntry(field);
        after.source = SourceKind::Column;
        after.column = column;
        b.add(after);
    }
    m_edits = b.take();
}

DisconnectCommand::DisconnectCommand(MappingDocument *document, const QStringList &fields)
    : MappingEditCommand(document)
{
    setText(fields.size() == 1 ? CanvasTr::tr("Disconnect %1").arg(fields.front())
                               : CanvasTr::tr("Disconnect %n fields", nullptr, int(fields.size())));
    Builder b(document);
    for (const QString &f : fields)
        b.remove(f);
    m_edits = b.take();
}

SetSourceCommand::SetSourceCommand(MappingDocument *document, const QString &field, SourceKind kind, const json &value,
                                   const QString &templateText, int mergeSession)
    : MappingEditCommand(document)
{
    switch (kind) {
    case SourceKind::Value: setText(CanvasTr::tr("Set static value of %1").arg(field)); break;
    case SourceKind::Template: setText(CanvasTr::tr("Set template of %1").arg(field)); break;
    default: setText(CanvasTr::tr("Clear source of %1").arg(field)); break;
    }
    if (field.isEmpty() || kind == SourceKind::Column || (kind == SourceKind::Value && value.is_structured()))
        return;
    Builder b(document);
    MappingEntry *e = b.find(field);
    MappingEntry after = e && e->valid ? *e : newEntry(field);
    if (e)
        after.id = e->id;
    after.source = kind;
    after.column.clear();
    after.value = kind == SourceKind::Value ? value : json();
    after.templateText = kind == SourceKind::Template ? templateText : QString();
    if (kind == SourceKind::None && after.transforms.empty()) {
        if (e)
            b.remove(field); // nothing would be left to give the field a value
    } else if (e) {
        b.replace(after);
    } else {
        b.add(after);
    }
    m_edits = b.take();
    if (mergeSession >= 0 && kind != SourceKind::None) {
        m_id = kind == SourceKind::Value ? SourceValueId : SourceTemplateId;
        m_mergeKey = field + QLatin1Char('|') + QString::number(mergeSession);
    }
}

InsertStepCommand::InsertStepCommand(MappingDocument *document, const QString &field, StepList list, int position,
                                     const json &step)
    : MappingEditCommand(document)
{
    setText(list == StepList::Transforms ? CanvasTr::tr("Insert %1 transform").arg(stepName(step))
                                         : CanvasTr::tr("Add %1 rule").arg(stepName(step)));
    if (field.isEmpty() || !step.is_object() || !step.contains("type") || !step["type"].is_string())
        return;
    Builder b(document);
    MappingEntry *e = b.find(field);
    if (e && !e->valid)
        return; // fix or replace the unreadable entry first
    MappingEntry after = e ? *e : newEntry(field);
    auto &steps = after.steps(list);
    position = std::clamp(position < 0 ? int(steps.size()) : position, 0, int(steps.size()));
    steps.insert(steps.begin() + position, step);
    if (e)
        b.replace(after);
    else
        b.add(after);
    m_edits = b.take();
}

RemoveStepCommand::RemoveStepCommand(MappingDocument *document, const QString &field, StepList list, int index)
    : MappingEditCommand(document)
{
    Builder b(document);
    MappingEntry *e = b.find(field);
    if (!e || !e->valid || index < 0 || index >= int(e->steps(list).size()))
        return;
    MappingEntry after = *e;
    auto &steps = after.steps(list);
    setText(CanvasTr::tr("Remove %1 %2").arg(stepName(steps[std::size_t(index)]), listNoun(list)));
    steps.erase(steps.begin() + index);
    if (after.source == SourceKind::None && after.transforms.empty())
        b.remove(field); // an entry with no source needs its transforms
    else
        b.replace(after);
    m_edits = b.take();
}

SetStepOptionCommand::SetStepOptionCommand(MappingDocument *document, const QString &field, StepList list, int index,
                                           const QString &key, const json &value, bool remove, int mergeSession)
    : MappingEditCommand(document)
{
    Builder b(document);
    MappingEntry *e = b.find(field);
    if (!e || !e->valid || index < 0 || index >= int(e->steps(list).size()) || key.isEmpty())
        return;
    MappingEntry after = *e;
    json &step = after.steps(list)[std::size_t(index)];
    setText(CanvasTr::tr("Set %1 of %2").arg(key, stepName(step)));
    const std::string k = key.toStdString();
    if (remove)
        step.erase(k);
    else
        step[k] = value;
    b.replace(after);
    m_edits = b.take();
    if (mergeSession >= 0) {
        m_id = StepOptionId;
        m_mergeKey = QStringLiteral("%1|%2|%3|%4|%5").arg(field).arg(int(list)).arg(index).arg(key).arg(mergeSession);
    }
}

MoveStepCommand::MoveStepCommand(MappingDocument *document, const QString &field, StepList list, int from, int to)
    : MappingEditCommand(document)
{
    Builder b(document);
    MappingEntry *e = b.find(field);
    if (!e || !e->valid)
        return;
    MappingEntry after = *e;
    auto &steps = after.steps(list);
    const int n = int(steps.size());
    if (from < 0 || from >= n || to < 0 || to >= n || from == to)
        return;
    setText(CanvasTr::tr("Move %1 %2").arg(stepName(steps[std::size_t(from)]), listNoun(list)));
    json step = steps[std::size_t(from)];
    steps.erase(steps.begin() + from);
    steps.insert(steps.begin() + to, std::move(step));
    b.replace(after);
    m_edits = b.take();
}

RewireCommand::RewireCommand(MappingDocument *document, const QString &fromField, const QString &toField)
    : MappingEditCommand(document)
{
    setText(CanvasTr::tr("Rewire %1 to %2").arg(fromField, toField));
    if (fromField == toField || toField.isEmpty())
        return;
    Builder b(document);
    const MappingEntry *e = b.find(fromField);
    if (!e)
        return;
    MappingEntry after = *e;
    b.remove(toField); // the dropped edge replaces what the field had
    if (after.valid) {
        after.field = toField;
    } else if (after.raw.is_object()) {
        after.raw["field"] = toField.toStdString();
        after.field = toField;
    } else {
        return;
    }
    b.replace(after);
    m_edits = b.take();
}

AutoMapCommand::AutoMapCommand(MappingDocument *document, const QStringList &onlyFields) : MappingEditCommand(document)
{
    Builder b(document);
    for (const AutoMapping &m : document->autoMapProposal(onlyFields)) {
        MappingEntry e = newEntry(QString::fromStdString(m.field));
        e.source = SourceKind::Column;
        e.column = QString::fromStdString(m.column);
        b.add(e);
        ++m_count;
    }
    m_edits = b.take();
    setText(m_count == 1 ? CanvasTr::tr("Auto-map 1 field") : CanvasTr::tr("Auto-map %n fields", nullptr, m_count));
}

ReplaceMappingCommand::ReplaceMappingCommand(MappingDocument *document, const json &mapping)
    : MappingEditCommand(document)
{
    setText(CanvasTr::tr("Replace mapping"));
    std::vector<EntryEdit> edits;
    const auto &old = document->entries();
    for (int i = int(old.size()) - 1; i >= 0; --i)
        edits.push_back({old[std::size_t(i)], std::nullopt, i});
    int index = 0;
    for (MappingEntry &e : MappingDocument::entriesFromJson(mapping)) {
        e.id = document->allocateId();
        edits.push_back({std::nullopt, std::move(e), index++});
    }
    m_edits = std::move(edits);
}

} // namespace sluice::ui

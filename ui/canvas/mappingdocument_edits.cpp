// MappingDocument: the edits, each one undo command (mappingcommands.h)
// pushed on the stack, and macros that make several edits one undo step.

#include "mappingdocument.h"

#include "mappingcommands.h"
#include "mappingdocumentinternal.h"

#include "mapping/automap.h"

#include <QSet>
#include <QUndoStack>

namespace sluice::ui {

using nlohmann::json;
using namespace MappingDocumentInternal;

// ---------------------------------------------------------------- edits

bool MappingDocument::push(std::unique_ptr<QUndoCommand> command)
{
    auto *edit = static_cast<MappingEditCommand *>(command.get());
    if (edit->isEmpty())
        return false;
    // Read before pushing: a command that merges is deleted by the stack.
    const QString text = edit->text();
    const QString mergeKey
        = edit->mergeKey().isEmpty() ? QString() : QStringLiteral("%1|%2").arg(edit->id()).arg(edit->mergeKey());
    m_stack->push(command.release());
    if (m_macroDepth > 0)
        m_macroEdited = true;
    else
        emit edited(text, mergeKey);
    return true;
}

void MappingDocument::beginMacro(const QString &text)
{
    if (m_macroDepth++ == 0) {
        m_macroText = text;
        m_macroEdited = false;
    }
    m_stack->beginMacro(text);
}

void MappingDocument::endMacro()
{
    if (m_macroDepth == 0)
        return;
    m_stack->endMacro();
    if (--m_macroDepth == 0 && m_macroEdited) {
        m_macroEdited = false;
        emit edited(m_macroText, QString());
    }
}

bool MappingDocument::connectColumn(const QString &field, const QString &column)
{
    return push(std::make_unique<ConnectColumnCommand>(this, field, column));
}

bool MappingDocument::disconnect(const QString &field)
{
    return push(std::make_unique<DisconnectCommand>(this, QStringList{field}));
}

bool MappingDocument::disconnectFields(const QStringList &fields)
{
    return push(std::make_unique<DisconnectCommand>(this, fields));
}

bool MappingDocument::setStaticValue(const QString &field, const json &value, int mergeSession)
{
    return push(std::make_unique<SetSourceCommand>(this, field, SourceKind::Value, value, QString(), mergeSession));
}

bool MappingDocument::setTemplate(const QString &field, const QString &text, int mergeSession)
{
    return push(std::make_unique<SetSourceCommand>(this, field, SourceKind::Template, json(), text, mergeSession));
}

bool MappingDocument::setSourceKind(const QString &field, SourceKind kind)
{
    const MappingEntry *e = entryForField(field);
    if (kind == SourceKind::None)
        return push(std::make_unique<SetSourceCommand>(this, field, SourceKind::None, json(), QString()));
    if (kind == SourceKind::Column) {
        QString column = e && e->valid && e->source == SourceKind::Column ? e->column : QString();
        if (column.isEmpty()) {
            const DestinationField *f = destinationField(field);
            // The column whose name matches, never an arbitrary first one
            // (its data would go out under this field): without a match the
            // caller lets the user pick (false: nothing connected).
            const auto proposal = sluice::autoMap(m_columns, {f ? *f : DestinationField{field.toStdString()}});
            column = !proposal.empty() ? qs(proposal.front().column) : QString();
        }
        return !column.isEmpty() && connectColumn(field, column);
    }
    if (kind == SourceKind::Value)
        return setStaticValue(field, e && e->valid && e->source == SourceKind::Value ? e->value : json(""));
    return setTemplate(field, e && e->valid && e->source == SourceKind::Template ? e->templateText
                              : e && e->valid && e->source == SourceKind::Column
                                  ? QStringLiteral("{{ %1 }}").arg(e->column)
                                  : QString());
}

bool MappingDocument::insertStep(const QString &field, StepList list, int position, const json &step)
{
    return push(std::make_unique<InsertStepCommand>(this, field, list, position, step));
}

bool MappingDocument::removeStep(const QString &field, StepList list, int index)
{
    return push(std::make_unique<RemoveStepCommand>(this, field, list, index));
}

bool MappingDocument::setStepOption(const QString &field, StepList list, int index, const QString &key,
                                    const json &value, bool remove, int mergeSession)
{
    return push(std::make_unique<SetStepOptionCommand>(this, field, list, index, key, value, remove, mergeSession));
}

bool MappingDocument::moveStep(const QString &field, StepList list, int from, int to)
{
    return push(std::make_unique<MoveStepCommand>(this, field, list, from, to));
}

bool MappingDocument::rewire(const QString &fromField, const QString &toField)
{
    return push(std::make_unique<RewireCommand>(this, fromField, toField));
}

int MappingDocument::autoMap()
{
    return autoMapFields({});
}

int MappingDocument::autoMapFields(const QStringList &fields)
{
    auto command = std::make_unique<AutoMapCommand>(this, fields);
    const int count = command->count();
    return push(std::move(command)) ? count : 0;
}

std::vector<AutoMapping> MappingDocument::autoMapProposal(const QStringList &onlyFields) const
{
    QSet<QString> used;
    for (const MappingEntry &e : entries())
        if (e.valid && e.source == SourceKind::Column)
            used.insert(e.column);
    std::vector<Column> freeColumns;
    for (const Column &c : columns())
        if (!used.contains(QString::fromStdString(c.name)))
            freeColumns.push_back(c);
    std::vector<DestinationField> unmapped;
    for (const DestinationField &f : destinationFields()) {
        const QString name = QString::fromStdString(f.name);
        if (!entryForField(name) && (onlyFields.isEmpty() || onlyFields.contains(name)))
            unmapped.push_back(f);
    }
    return sluice::autoMap(freeColumns, unmapped);
}

bool MappingDocument::replaceMapping(const json &mapping)
{
    return push(std::make_unique<ReplaceMappingCommand>(this, mapping));
}

} // namespace sluice::ui

#include "mappingdocument.h"

#include "canvastr.h"
#include "mappingcommands.h"

#include "mapping/automap.h"
#include "mapping/mapper.h"

#include <QRegularExpression>
#include <QSet>
#include <QUndoStack>

#include <algorithm>

namespace sluice::ui {

using nlohmann::json;

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

bool isStepList(const json &list)
{
    return list.is_array() && std::all_of(list.begin(), list.end(), [](const json &step) {
               return step.is_object() && step.contains("type") && step["type"].is_string();
           });
}

QString problemTitle(const QString &code)
{
    static const QHash<QString, const char *> titles = {
        {QStringLiteral("mapping.required_unmapped"), QT_TRANSLATE_NOOP("MappingCanvas", "Required field is not mapped")},
        {QStringLiteral("mapping.no_identifier"), QT_TRANSLATE_NOOP("MappingCanvas", "No identifier field is mapped")},
        {QStringLiteral("mapping.type_mismatch"), QT_TRANSLATE_NOOP("MappingCanvas", "Type does not fit")},
        {QStringLiteral("mapping.unknown_field"), QT_TRANSLATE_NOOP("MappingCanvas", "Not a field of the destination")},
        {QStringLiteral("mapping.unknown_column"), QT_TRANSLATE_NOOP("MappingCanvas", "Unknown column")},
        {QStringLiteral("mapping.syntax"), QT_TRANSLATE_NOOP("MappingCanvas", "Syntax error")},
        {QStringLiteral("mapping.invalid"), QT_TRANSLATE_NOOP("MappingCanvas", "Invalid setting")},
        {QStringLiteral("mapping.duplicate_field"), QT_TRANSLATE_NOOP("MappingCanvas", "Field mapped twice")},
        {QStringLiteral("mapping.regex"), QT_TRANSLATE_NOOP("MappingCanvas", "Invalid regular expression")},
        {QStringLiteral("mapping.time_zone"), QT_TRANSLATE_NOOP("MappingCanvas", "Invalid time zone")},
        {QStringLiteral("mapping.format_syntax"), QT_TRANSLATE_NOOP("MappingCanvas", "Invalid date format")},
        {QStringLiteral("mapping.lookup_unavailable"), QT_TRANSLATE_NOOP("MappingCanvas", "Lookup not available")},
        {QStringLiteral("mapping.invalid_entry"), QT_TRANSLATE_NOOP("MappingCanvas", "Entry cannot be read")},
        {QStringLiteral("mapping.not_array"), QT_TRANSLATE_NOOP("MappingCanvas", "Mapping cannot be read")},
    };
    const auto it = titles.constFind(code);
    return it == titles.constEnd() ? CanvasTr::tr("Problem") : CanvasTr::tr(it.value());
}

FieldType fieldTypeFromObjectField(const ObjectField &field)
{
    if (field.format == "date")
        return FieldType::Date;
    if (field.format == "datetime")
        return FieldType::DateTime;
    switch (field.type) {
    case ValueType::Integer: return FieldType::Integer;
    case ValueType::Real: return FieldType::Decimal;
    case ValueType::Boolean: return FieldType::Boolean;
    case ValueType::Text: return FieldType::Text;
    case ValueType::Null: break;
    }
    return FieldType::Unknown;
}

} // namespace

std::vector<DestinationField> destinationFieldsOf(const DestinationObject &object)
{
    std::vector<DestinationField> out;
    for (const ObjectField &f : object.fields)
        out.push_back({f.name, fieldTypeFromObjectField(f), f.required, f.identifier});
    return out;
}

QString MappingProblem::text() const
{
    if (message.isEmpty())
        return title;
    static const QRegularExpression quoted(QStringLiteral("'[^']*'\\s*"));
    auto plain = [](QString s) { return s.remove(quoted).simplified().toLower(); };
    if (!title.isEmpty() && !plain(message).startsWith(plain(title)))
        return title + QStringLiteral(": ") + message;
    QString out = message;
    out[0] = out[0].toUpper();
    return out;
}

// ---------------------------------------------------------------- MappingEntry

json MappingEntry::toJson() const
{
    if (!valid)
        return raw;
    json out = extra.is_object() ? extra : json::object();
    out["field"] = field.toStdString();
    switch (source) {
    case SourceKind::Column: out["column"] = column.toStdString(); break;
    case SourceKind::Value: out["value"] = value; break;
    case SourceKind::Template: out["template"] = templateText.toStdString(); break;
    case SourceKind::None: break;
    }
    if (!transforms.empty() || keepEmptyTransforms)
        out["transforms"] = json(transforms);
    if (!rules.empty() || keepEmptyRules)
        out["rules"] = json(rules);
    return out;
}

MappingEntry MappingEntry::fromJson(const json &in)
{
    MappingEntry e;
    auto invalid = [&](const QString &reason) {
        e.valid = false;
        e.invalidReason = reason;
        e.raw = in;
        e.source = SourceKind::None;
        e.transforms.clear();
        e.rules.clear();
        e.extra = json::object();
        return e;
    };
    if (!in.is_object())
        return invalid(CanvasTr::tr("the entry is not an object"));
    const auto field = in.find("field");
    if (field != in.end() && field->is_string())
        e.field = qs(field->get<std::string>());
    if (e.field.isEmpty())
        return invalid(CanvasTr::tr("the entry has no destination field (\"field\")"));
    int sources = 0;
    for (const char *key : {"column", "value", "template"})
        sources += in.contains(key) ? 1 : 0;
    if (sources > 1)
        return invalid(CanvasTr::tr("the entry has more than one of \"column\", \"value\" and \"template\""));
    for (const auto &[key, value] : in.items()) {
        if (key == "field")
            continue;
        if (key == "column") {
            if (!value.is_string() || value.get<std::string>().empty())
                return invalid(CanvasTr::tr("\"column\" must be a column name"));
            e.source = SourceKind::Column;
            e.column = qs(value.get<std::string>());
        } else if (key == "value") {
            if (value.is_object() || value.is_array())
                return invalid(CanvasTr::tr("\"value\" must be a text, a number, true, false or null"));
            e.source = SourceKind::Value;
            e.value = value;
        } else if (key == "template") {
            if (!value.is_string())
                return invalid(CanvasTr::tr("\"template\" must be a text"));
            e.source = SourceKind::Template;
            e.templateText = qs(value.get<std::string>());
        } else if (key == "transforms" || key == "rules") {
            if (!isStepList(value))
                return invalid(key == "transforms"
                                   ? CanvasTr::tr("\"transforms\" must be a list of objects with a \"type\"")
                                   : CanvasTr::tr("\"rules\" must be a list of objects with a \"type\""));
            auto &steps = key == "transforms" ? e.transforms : e.rules;
            steps.assign(value.begin(), value.end());
            (key == "transforms" ? e.keepEmptyTransforms : e.keepEmptyRules) = value.empty();
        } else {
            e.extra[key] = value;
        }
    }
    return e;
}

// ---------------------------------------------------------------- MappingDocument

MappingDocument::MappingDocument(QUndoStack *stack, QObject *parent)
    : QObject(parent), m_stack(stack ? stack : new QUndoStack(this))
{
}

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

// ---------------------------------------------------------------- problems

const std::vector<MappingProblem> &MappingDocument::problems() const
{
    if (m_problemsDirty)
        computeProblems();
    return m_problems;
}

std::vector<MappingProblem> MappingDocument::problemsForField(const QString &field) const
{
    std::vector<MappingProblem> out;
    const DestinationField *f = destinationField(field);
    for (const MappingProblem &p : problems())
        if (p.field == field || (p.field.isEmpty() && p.code == QLatin1String("mapping.no_identifier") && f
                                 && f->identifier))
            out.push_back(p);
    return out;
}

std::vector<MappingProblem> MappingDocument::generalProblems() const
{
    std::vector<MappingProblem> out;
    for (const MappingProblem &p : problems())
        if (p.field.isEmpty())
            out.push_back(p);
    return out;
}

void MappingDocument::computeProblems() const
{
    m_problemsDirty = false;
    m_problems.clear();
    if (!m_loadProblem.isEmpty())
        m_problems.push_back({true, QStringLiteral("mapping.not_array"), {}, problemTitle("mapping.not_array"),
                              m_loadProblem});

    MappingContext context;
    context.columns = m_columns;
    context.lookup = [](const std::string &, const std::string &, const std::string &)
        -> Result<std::shared_ptr<const std::unordered_map<std::string, Value>>> {
        return std::make_shared<const std::unordered_map<std::string, Value>>();
    };
    static const QRegularExpression wherePattern(
        QStringLiteral("^\\$\\.mapping\\[(\\d+)\\](?:\\.(transforms|rules)\\[(\\d+)\\])?"));

    // Each entry compiles alone, so every broken entry is named (a whole
    // mapping stops at its first error); the ones that compile are then
    // checked together against the destination.
    json good = json::array();
    std::vector<int> goodIndex;
    QSet<QString> brokenFields;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        const MappingEntry &e = m_entries[i];
        if (!e.valid) {
            brokenFields.insert(e.field);
            m_problems.push_back({true, QStringLiteral("mapping.invalid_entry"), e.field,
                                  problemTitle("mapping.invalid_entry"), e.invalidReason, int(i)});
            continue;
        }
        const json one = json::array({e.toJson()});
        auto compiled = Mapper::compile(one, json::object(), context);
        if (!compiled) {
            brokenFields.insert(e.field);
            MappingProblem p{true, qs(compiled.error().code), e.field, problemTitle(qs(compiled.error().code)),
                             qs(compiled.error().message), int(i)};
            const auto m = wherePattern.match(qs(compiled.error().where));
            if (m.hasMatch() && m.capturedLength(2) > 0) {
                p.list = m.captured(2) == QLatin1String("rules") ? StepList::Rules : StepList::Transforms;
                p.stepIndex = m.captured(3).toInt();
            }
            const QString where = qs(compiled.error().where);
            const int dot = where.indexOf(QLatin1Char(']'));
            if (dot >= 0 && dot + 1 < where.size())
                p.message = where.mid(dot + 2) + QStringLiteral(": ") + p.message;
            m_problems.push_back(std::move(p));
            continue;
        }
        good.push_back(one[0]);
        goodIndex.push_back(int(i));
    }
    static const std::vector<DestinationField> anyField;
    for (const MappingIssue &issue : checkMapping(good, context, m_fieldsAreSuggestions ? anyField : m_fields)) {
        const QString code = qs(issue.code);
        MappingProblem p{issue.severity == IssueSeverity::Error, code, qs(issue.field), problemTitle(code),
                         qs(issue.message)};
        const auto m = wherePattern.match(qs(issue.where));
        if (m.hasMatch()) {
            const int n = m.captured(1).toInt();
            if (n >= 0 && n < int(goodIndex.size())) {
                p.entryIndex = goodIndex[std::size_t(n)];
                if (p.field.isEmpty())
                    p.field = m_entries[std::size_t(p.entryIndex)].field;
            }
        }
        // A broken entry already says what is wrong with its field.
        if (code == QLatin1String("mapping.required_unmapped") && brokenFields.contains(p.field))
            continue;
        if (code == QLatin1String("mapping.no_identifier")
            && std::any_of(m_fields.begin(), m_fields.end(), [&](const DestinationField &f) {
                   return f.identifier && brokenFields.contains(qs(f.name));
               }))
            continue;
        m_problems.push_back(std::move(p));
    }
}

// ---------------------------------------------------------------- edits

bool MappingDocument::push(std::unique_ptr<QUndoCommand> command)
{
    auto *edit = static_cast<MappingEditCommand *>(command.get());
    if (edit->isEmpty())
        return false;
    // Read before pushing: a command that merges is deleted by the stack.
    const QString text = edit->text();
    const QString mergeKey =
        edit->mergeKey().isEmpty() ? QString() : QStringLiteral("%1|%2").arg(edit->id()).arg(edit->mergeKey());
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
            const auto proposal = sluice::autoMap(m_columns, {f ? *f : DestinationField{field.toStdString()}});
            column = !proposal.empty() ? qs(proposal.front().column)
                     : m_columns.empty() ? QString()
                                         : qs(m_columns.front().name);
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
    auto command = std::make_unique<AutoMapCommand>(this);
    const int count = command->count();
    return push(std::move(command)) ? count : 0;
}

bool MappingDocument::replaceMapping(const json &mapping)
{
    return push(std::make_unique<ReplaceMappingCommand>(this, mapping));
}

} // namespace sluice::ui

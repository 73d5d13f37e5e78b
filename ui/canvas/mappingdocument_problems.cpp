// MappingDocument: checking the mapping: each entry compiled alone, then the
// ones that compile checked together against the destination's fields, the
// problems placed on the field, entry and step they concern.

#include "mappingdocument.h"

#include "canvastr.h"
#include "mappingdocumentinternal.h"

#include "mapping/mapper.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace sluice::ui {

using nlohmann::json;
using namespace MappingDocumentInternal;

namespace {

QString problemTitle(const QString &code)
{
    static const QHash<QString, const char *> titles = {
        {QStringLiteral("mapping.required_unmapped"),
         QT_TRANSLATE_NOOP("MappingCanvas", "Required field is not mapped")},
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
        if (p.field == field
            || (p.field.isEmpty() && p.code == QLatin1String("mapping.no_identifier") && f && f->identifier))
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
        m_problems.push_back(
            {true, QStringLiteral("mapping.not_array"), {}, problemTitle("mapping.not_array"), m_loadProblem});

    MappingContext context;
    context.columns = m_columns;
    context.lookup = [](const std::string &, const std::string &,
                        const std::string &) -> Result<std::shared_ptr<const std::unordered_map<std::string, Value>>> {
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
            MappingProblem p{true,
                             qs(compiled.error().code),
                             e.field,
                             problemTitle(qs(compiled.error().code)),
                             qs(compiled.error().message),
                             int(i)};
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

} // namespace sluice::ui

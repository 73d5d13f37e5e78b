// MappingEntry: one mapping entry to and from its JSON; an entry that cannot
// be read comes back invalid, kept as it was loaded.

#include "mappingdocument.h"

#include "canvastr.h"
#include "mappingdocumentinternal.h"

#include <algorithm>

namespace sluice::ui {

using nlohmann::json;
using namespace MappingDocumentInternal;

namespace {

bool isStepList(const json &list)
{
    return list.is_array() && std::all_of(list.begin(), list.end(), [](const json &step) {
               return step.is_object() && step.contains("type") && step["type"].is_string();
           });
}

} // namespace

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

} // namespace sluice::ui

#include "stepcatalog.h"

#include "canvastr.h"

#include <QHash>

namespace sluice::ui {

using nlohmann::json;

namespace {

OptionSpec text(const char *key, const QString &label, const QString &def = {}, const QString &help = {})
{
    return {QString::fromLatin1(key), OptionKind::Text, label, {}, def, help};
}

OptionSpec integer(const char *key, const QString &label, const QString &def = {})
{
    return {QString::fromLatin1(key), OptionKind::Integer, label, {}, def, {}};
}

OptionSpec choice(const char *key, const QString &label, QStringList choices, const QString &def)
{
    return {QString::fromLatin1(key), OptionKind::Choice, label, std::move(choices), def, {}};
}

OptionSpec boolean(const char *key, const QString &label, bool def)
{
    return {QString::fromLatin1(key),
            OptionKind::Boolean,
            label,
            {},
            def ? QStringLiteral("true") : QStringLiteral("false"),
            {}};
}

OptionSpec scalar(const char *key, const QString &label)
{
    return {QString::fromLatin1(key),
            OptionKind::Scalar,
            label,
            {},
            {},
            CanvasTr::tr("Text as typed; 42, true, false and null are read as JSON (write \"42\" for the text)")};
}

std::vector<StepSpec> buildTransforms()
{
    const OptionSpec when{QStringLiteral("when"),
                          OptionKind::Expression,
                          CanvasTr::tr("Only when"),
                          {},
                          {},
                          CanvasTr::tr("An expression; the step runs only for rows where it is true")};
    const OptionSpec onError = choice("onError", CanvasTr::tr("On error"),
                                      {QStringLiteral("reject"), QStringLiteral("dropField"), QStringLiteral("warn")},
                                      QStringLiteral("reject"));
    std::vector<StepSpec> specs = {
        {QStringLiteral("cast"),
         CanvasTr::tr("Convert to another type (text, number, boolean, date)"),
         {choice("to", CanvasTr::tr("To"),
                 {QStringLiteral("string"), QStringLiteral("integer"), QStringLiteral("decimal"),
                  QStringLiteral("boolean"), QStringLiteral("date"), QStringLiteral("datetime")},
                 QString()),
          text("inputFormat", CanvasTr::tr("Input format"), QStringLiteral("iso")),
          text("inputTimeZone", CanvasTr::tr("Input time zone"), QStringLiteral("UTC")),
          text("format", CanvasTr::tr("Format"), QStringLiteral("iso")),
          text("timeZone", CanvasTr::tr("Time zone"), QStringLiteral("UTC"))},
         {{"type", "cast"}, {"to", "string"}}},
        {QStringLiteral("valueMap"),
         CanvasTr::tr("Map one vocabulary to another (active → Customer)"),
         {{QStringLiteral("map"), OptionKind::ValueMap, CanvasTr::tr("Values"), {}, {}, {}},
          choice("unmapped", CanvasTr::tr("Unmapped values"),
                 {QStringLiteral("passThrough"), QStringLiteral("null"), QStringLiteral("default"),
                  QStringLiteral("reject")},
                 QStringLiteral("passThrough")),
          scalar("default", CanvasTr::tr("Default")),
          boolean("ignoreCase", CanvasTr::tr("Ignore case"), false)},
         {{"type", "valueMap"}, {"map", json::object()}}},
        {QStringLiteral("concatenate"),
         CanvasTr::tr("Join the value and other columns"),
         {{QStringLiteral("columns"),
           OptionKind::ColumnList,
           CanvasTr::tr("Columns"),
           {},
           {},
           CanvasTr::tr("Column names separated by commas")},
          text("separator", CanvasTr::tr("Separator"))},
         {{"type", "concatenate"}, {"columns", json::array()}, {"separator", " "}}},
        {QStringLiteral("split"),
         CanvasTr::tr("Take one part of the text"),
         {text("separator", CanvasTr::tr("Separator")), integer("index", CanvasTr::tr("Part"), QStringLiteral("0")),
          boolean("trim", CanvasTr::tr("Trim the part"), true)},
         {{"type", "split"}, {"separator", ","}}},
        {QStringLiteral("round"),
         CanvasTr::tr("Round a number"),
         {integer("decimals", CanvasTr::tr("Decimals"), QStringLiteral("0"))},
         {{"type", "round"}}},
        {QStringLiteral("lookup"),
         CanvasTr::tr("Replace the value by a column of another model"),
         {text("model", CanvasTr::tr("Model")), text("key", CanvasTr::tr("Key column")),
          text("column", CanvasTr::tr("Column")),
          choice("missing", CanvasTr::tr("Missing keys"),
                 {QStringLiteral("null"), QStringLiteral("passThrough"), QStringLiteral("default"),
                  QStringLiteral("reject")},
                 QStringLiteral("null")),
          scalar("default", CanvasTr::tr("Default"))},
         {{"type", "lookup"}, {"model", ""}, {"key", ""}, {"column", ""}}},
        {QStringLiteral("hash"),
         CanvasTr::tr("SHA-256 for audience matching"),
         {choice(
              "normalize", CanvasTr::tr("Normalize"),
              {QStringLiteral("none"), QStringLiteral("email"), QStringLiteral("phone"), QStringLiteral("phoneDigits")},
              QStringLiteral("none")),
          text("defaultCountryCode", CanvasTr::tr("Country code"))},
         {{"type", "hash"}}},
        {QStringLiteral("redact"),
         CanvasTr::tr("Mask personal data"),
         {integer("keepFirst", CanvasTr::tr("Keep first"), QStringLiteral("0")),
          integer("keepLast", CanvasTr::tr("Keep last"), QStringLiteral("0")),
          text("mask", CanvasTr::tr("Mask"), QStringLiteral("*"))},
         {{"type", "redact"}}},
        {QStringLiteral("drop"), CanvasTr::tr("Leave the field out (use with Only when)"), {}, {{"type", "drop"}}},
        {QStringLiteral("default"),
         CanvasTr::tr("A value for NULL or empty text"),
         {scalar("value", CanvasTr::tr("Value"))},
         {{"type", "default"}, {"value", ""}}},
        {QStringLiteral("lower"), CanvasTr::tr("Lower-case"), {}, {{"type", "lower"}}},
        {QStringLiteral("upper"), CanvasTr::tr("Upper-case"), {}, {{"type", "upper"}}},
        {QStringLiteral("trim"), CanvasTr::tr("Strip white space"), {}, {{"type", "trim"}}},
        {QStringLiteral("truncate"),
         CanvasTr::tr("Cut to a length"),
         {integer("length", CanvasTr::tr("Length")), text("suffix", CanvasTr::tr("Suffix"))},
         {{"type", "truncate"}, {"length", 100}}},
    };
    for (StepSpec &s : specs) {
        s.options.push_back(when);
        s.options.push_back(onError);
    }
    return specs;
}

std::vector<StepSpec> buildRules()
{
    const OptionSpec action = choice("action", CanvasTr::tr("When it fails"),
                                     {QStringLiteral("reject"), QStringLiteral("dropField"), QStringLiteral("warn")},
                                     QStringLiteral("reject"));
    std::vector<StepSpec> specs = {
        {QStringLiteral("required"), CanvasTr::tr("A value is required"), {}, {{"type", "required"}}},
        {QStringLiteral("email"), CanvasTr::tr("A valid e-mail address"), {}, {{"type", "email"}}},
        {QStringLiteral("phone"),
         CanvasTr::tr("A phone number (normalised to E.164)"),
         {text("defaultCountryCode", CanvasTr::tr("Country code"))},
         {{"type", "phone"}}},
        {QStringLiteral("regex"),
         CanvasTr::tr("Matches a regular expression"),
         {text("pattern", CanvasTr::tr("Pattern")), boolean("ignoreCase", CanvasTr::tr("Ignore case"), false)},
         {{"type", "regex"}, {"pattern", ".*"}}},
        {QStringLiteral("range"),
         CanvasTr::tr("A number within limits"),
         {{QStringLiteral("min"), OptionKind::Number, CanvasTr::tr("Minimum"), {}, {}, {}},
          {QStringLiteral("max"), OptionKind::Number, CanvasTr::tr("Maximum"), {}, {}, {}}},
         {{"type", "range"}, {"min", 0}}},
        {QStringLiteral("maxLength"),
         CanvasTr::tr("At most so many characters"),
         {integer("max", CanvasTr::tr("Maximum"))},
         {{"type", "maxLength"}, {"max", 255}}},
        {QStringLiteral("allowedValues"),
         CanvasTr::tr("One of a list of values"),
         {{QStringLiteral("values"),
           OptionKind::TextList,
           CanvasTr::tr("Values"),
           {},
           {},
           CanvasTr::tr("Values separated by commas")},
          boolean("ignoreCase", CanvasTr::tr("Ignore case"), false)},
         {{"type", "allowedValues"}, {"values", json::array()}}},
    };
    for (StepSpec &s : specs)
        s.options.push_back(action);
    return specs;
}

QString jsonText(const json &j, const char *key)
{
    if (!j.contains(key))
        return {};
    const json &v = j[key];
    return v.is_string() ? QString::fromStdString(v.get<std::string>()) : jsonToText(v);
}

std::size_t sizeOf(const json &j, const char *key)
{
    return j.contains(key) && j[key].is_structured() ? j[key].size() : 0;
}

} // namespace

const std::vector<StepSpec> &stepSpecs(StepList list)
{
    static const std::vector<StepSpec> transforms = buildTransforms();
    static const std::vector<StepSpec> rules = buildRules();
    return list == StepList::Transforms ? transforms : rules;
}

const StepSpec *stepSpec(StepList list, const QString &type)
{
    for (const StepSpec &s : stepSpecs(list))
        if (s.type == type)
            return &s;
    return nullptr;
}

QString stepLabel(const QString &type)
{
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("cast"), QT_TRANSLATE_NOOP("MappingCanvas", "Change type")},
        {QStringLiteral("valueMap"), QT_TRANSLATE_NOOP("MappingCanvas", "Map values")},
        {QStringLiteral("concatenate"), QT_TRANSLATE_NOOP("MappingCanvas", "Join columns")},
        {QStringLiteral("split"), QT_TRANSLATE_NOOP("MappingCanvas", "Split text")},
        {QStringLiteral("round"), QT_TRANSLATE_NOOP("MappingCanvas", "Round")},
        {QStringLiteral("lookup"), QT_TRANSLATE_NOOP("MappingCanvas", "Look up")},
        {QStringLiteral("hash"), QT_TRANSLATE_NOOP("MappingCanvas", "Hash")},
        {QStringLiteral("redact"), QT_TRANSLATE_NOOP("MappingCanvas", "Redact")},
        {QStringLiteral("drop"), QT_TRANSLATE_NOOP("MappingCanvas", "Leave out")},
        {QStringLiteral("default"), QT_TRANSLATE_NOOP("MappingCanvas", "Default value")},
        {QStringLiteral("lower"), QT_TRANSLATE_NOOP("MappingCanvas", "Lower-case")},
        {QStringLiteral("upper"), QT_TRANSLATE_NOOP("MappingCanvas", "Upper-case")},
        {QStringLiteral("trim"), QT_TRANSLATE_NOOP("MappingCanvas", "Trim spaces")},
        {QStringLiteral("truncate"), QT_TRANSLATE_NOOP("MappingCanvas", "Truncate")},
    };
    const char *label = labels.value(type);
    return label ? CanvasTr::tr(label) : type;
}

QString stepType(const json &step)
{
    return step.is_object() && step.contains("type") && step["type"].is_string()
             ? QString::fromStdString(step["type"].get<std::string>())
             : QString();
}

QString stepSummary(StepList list, const json &step)
{
    const QString type = stepType(step);
    if (type.isEmpty())
        return CanvasTr::tr("(invalid)");
    const auto n = [&](const char *key) { return QString::number(sizeOf(step, key)); };
    const auto t = [&](const char *key) { return jsonText(step, key); };
    if (list == StepList::Rules) {
        if (type == QLatin1String("maxLength") && step.contains("max"))
            return QStringLiteral("maxLength (%1)").arg(t("max"));
        if (type == QLatin1String("allowedValues"))
            return QStringLiteral("allowedValues (%1)").arg(n("values"));
        if (type == QLatin1String("range"))
            return QStringLiteral("range %1…%2").arg(t("min"), t("max"));
        return type;
    }
    // Transforms by the names people read ("Map values (3)"), as in the palette.
    const QString label = stepLabel(type);
    if (type == QLatin1String("valueMap") || type == QLatin1String("concatenate"))
        return QStringLiteral("%1 (%2)").arg(label, n(type == QLatin1String("valueMap") ? "map" : "columns"));
    if (type == QLatin1String("cast") && step.contains("to"))
        return QStringLiteral("%1 → %2").arg(label, t("to"));
    if ((type == QLatin1String("round") && step.contains("decimals"))
        || (type == QLatin1String("truncate") && step.contains("length")))
        return QStringLiteral("%1 (%2)").arg(label, t(type == QLatin1String("round") ? "decimals" : "length"));
    if (type == QLatin1String("hash") && step.contains("normalize") && t("normalize") != QLatin1String("none"))
        return QStringLiteral("%1 (%2)").arg(label, t("normalize"));
    if (type == QLatin1String("default") && step.contains("value"))
        return QStringLiteral("%1 %2").arg(
            label, step["value"].is_string() ? QLatin1Char('\'') + t("value") + QLatin1Char('\'') : t("value"));
    if (type == QLatin1String("split") && step.contains("separator"))
        return QStringLiteral("%1 '%2' [%3]")
            .arg(label, t("separator"), step.contains("index") ? t("index") : QStringLiteral("0"));
    if (type == QLatin1String("lookup") && !t("model").isEmpty())
        return QStringLiteral("%1 %2.%3").arg(label, t("model"), t("column"));
    return label;
}

QString stepsSummary(StepList list, const std::vector<json> &steps)
{
    QStringList parts;
    for (const json &s : steps)
        parts << stepSummary(list, s);
    return parts.join(list == StepList::Transforms ? QStringLiteral(" → ") : QStringLiteral(", "));
}

QString jsonToText(const json &value, int indent)
{
    return QString::fromStdString(value.dump(indent, ' ', false, json::error_handler_t::replace));
}

QString scalarToText(const json &value)
{
    if (!value.is_string())
        return jsonToText(value);
    const QString text = QString::fromStdString(value.get<std::string>());
    return scalarFromText(text) == value ? text : jsonToText(value);
}

json scalarFromText(const QString &text)
{
    const std::string s = text.trimmed().toStdString();
    if (!s.empty()) {
        const json parsed = json::parse(s, nullptr, false);
        if (!parsed.is_discarded() && !parsed.is_structured())
            return parsed;
    }
    return text.toStdString();
}

} // namespace sluice::ui

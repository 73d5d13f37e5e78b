#pragma once
// What the designer knows about each transform and rule type of
// docs/transforms.md: its options (to build an editor form), a new step's
// starting JSON, and the one-line summary a canvas node shows
// ("Map values (3)", "Change type → integer").

#include "mappingdocument.h"

#include <nlohmann/json.hpp>

#include <QString>
#include <QStringList>

#include <vector>

namespace sluice::ui {

enum class OptionKind {
    Text,       // a string; empty removes the key
    Integer,    // a whole number; empty removes the key
    Number,     // any number; empty removes the key
    Boolean,    // true/false; the default removes the key
    Choice,     // one of `choices`; the default removes the key
    Scalar,     // text, number, true, false or null (see scalarFromText)
    ColumnList, // a list of model column names, edited as "a, b, c"
    TextList,   // a list of texts, edited as "a, b, c"
    ValueMap,   // the {"from": "to"} object of valueMap
    Expression, // an expression text ("when")
};

struct OptionSpec {
    QString key;
    OptionKind kind = OptionKind::Text;
    QString label;        // translated
    QStringList choices;  // OptionKind::Choice
    QString defaultValue; // what an absent key means, shown as the placeholder
    QString help;         // translated tooltip
};

struct StepSpec {
    QString type;
    QString description;             // translated, one line
    std::vector<OptionSpec> options; // the type's own, then the common ones
    nlohmann::json initial;          // a new step
};

const std::vector<StepSpec> &stepSpecs(StepList list);
const StepSpec *stepSpec(StepList list, const QString &type);

QString stepType(const nlohmann::json &step);
// A transform's name for people ("Map values" for valueMap), translated; the
// stored type name where there is none.
QString stepLabel(const QString &type);
// The node label: type and main option.
QString stepSummary(StepList list, const nlohmann::json &step);
// Chains for the table: "Trim spaces → Lower-case → Map values (3)", "email, required".
QString stepsSummary(StepList list, const std::vector<nlohmann::json> &steps);

// A JSON scalar as the user reads and types it: strings as they are,
// numbers, true, false and null in JSON form. A string that would read back
// as something else is shown quoted ("42").
QString scalarToText(const nlohmann::json &value);
// JSON text for display; never throws (invalid UTF-8 is replaced).
QString jsonToText(const nlohmann::json &value, int indent = -1);
nlohmann::json scalarFromText(const QString &text);

} // namespace sluice::ui

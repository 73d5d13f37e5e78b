#pragma once
// The SQL keywords the model editor colours, and that a generated query
// quotes when a column is named like one.

#include <QString>

namespace sluice::ui {

bool isSqlKeyword(const QString &word);

} // namespace sluice::ui

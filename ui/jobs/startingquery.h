#pragma once
// The query a table dropped into a model editor starts from:
// "SELECT col1, col2, ... FROM table", identifiers quoted only where SQL
// needs it (spaces, capitals kept as typed, keywords), long column lists
// wrapped so the editor needs no horizontal scrolling.

#include <QString>
#include <QStringList>

namespace sluice::ui {

// `name` as an SQL identifier: as is when it is a plain lower-case word,
// otherwise in double quotes (inner quotes doubled).
QString quoteIdentifier(const QString &name);

// `table` may be schema-qualified ("public.users"); each part is quoted on its own.
QString startingQuery(const QString &table, const QStringList &columns);

} // namespace sluice::ui

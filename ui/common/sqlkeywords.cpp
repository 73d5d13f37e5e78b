#include "sqlkeywords.h"

#include <QSet>

namespace sluice::ui {

namespace {

// The words of SQLite and PostgreSQL queries a model is written in; DDL and
// rarely used words are left plain so the colour stays meaningful.
const QSet<QString> &keywords()
{
    static const QSet<QString> words = [] {
        QSet<QString> s;
        for (const char *w : {"all",      "and",       "any",      "array",        "as",
                              "asc",      "between",   "by",       "case",         "cast",
                              "coalesce", "collate",   "cross",    "current_date", "current_timestamp",
                              "date",     "desc",      "distinct", "else",         "end",
                              "except",   "exists",    "extract",  "false",        "filter",
                              "first",    "following", "from",     "full",         "glob",
                              "group",    "having",    "if",       "ilike",        "in",
                              "inner",    "intersect", "interval", "is",           "isnull",
                              "join",     "last",      "lateral",  "left",         "like",
                              "limit",    "natural",   "not",      "notnull",      "null",
                              "nullif",   "nulls",     "offset",   "on",           "or",
                              "order",    "outer",     "over",     "partition",    "preceding",
                              "range",    "recursive", "regexp",   "right",        "row",
                              "rows",     "select",    "similar",  "then",         "timestamp",
                              "true",     "unbounded", "union",    "using",        "values",
                              "when",     "where",     "window",   "with",         "within"})
            s.insert(QString::fromLatin1(w));
        return s;
    }();
    return words;
}

} // namespace

bool isSqlKeyword(const QString &word)
{
    return keywords().contains(word.toLower());
}

} // namespace sluice::ui

#pragma once
// CsvSource, CsvReader and the CSV type inference: parsing, typing, the
// errors a user sees for a broken file (with the line to look at),
// streaming of large files and cancellation.
//
// Shared by the parts of the CSV source tests (tst_csvsource_parse,
// tst_csvsource_errors, tst_csvsource_streaming): cells, rows and columns
// shown as text, draining a source, and failure texts.

#include "formats/csvparser.h"
#include "sources/csvsource.h"
#include "sources/externalsort.h"
#include "sources/typeinference.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace sluice;

inline QString str(const std::string &s)
{
    return QString::fromStdString(s);
}

inline QString typeName(ValueType t)
{
    return str(std::string(valueTypeName(t)));
}

// One cell as "type:value" ("i:1", "t:Alice", "n" for NULL) so a single
// comparison checks both the type and the value.
inline QString show(const Value &v)
{
    switch (v.type()) {
    case ValueType::Null: return QStringLiteral("n");
    case ValueType::Integer: return "i:" + str(v.toString());
    case ValueType::Real: return "r:" + str(v.toString());
    case ValueType::Text: return "t:" + str(v.asText());
    case ValueType::Boolean: return "b:" + str(v.toString());
    }
    return {};
}

inline QString show(const Row &row)
{
    QStringList cells;
    for (const Value &v : row)
        cells << show(v);
    return cells.join('|');
}

inline QStringList show(const std::vector<Row> &rows)
{
    QStringList out;
    for (const Row &r : rows)
        out << show(r);
    return out;
}

// "id:integer|name:text"
inline QString show(const std::vector<Column> &columns)
{
    QStringList out;
    for (const Column &c : columns)
        out << str(c.name) + ':' + typeName(c.type);
    return out.join('|');
}

struct Drained {
    std::vector<Column> columns;
    std::vector<Row> rows;
    std::optional<Error> error; // from query() or from the cursor
};

inline Drained drain(CsvSource &source, const QuerySpec &spec = {})
{
    Drained d;
    auto cursor = source.query(spec);
    if (!cursor) {
        d.error = cursor.error();
        return d;
    }
    d.columns = (*cursor)->columns();
    Row row;
    for (;;) {
        const Result<bool> more = (*cursor)->next(row);
        if (!more) {
            d.error = more.error();
            break;
        }
        if (!*more)
            break;
        d.rows.push_back(row);
    }
    return d;
}

// The failure text for QVERIFY2, which evaluates it even when the check passes.
template <typename T> inline QByteArray why(const Result<T> &r)
{
    if (r)
        return {};
    return QByteArray::fromStdString(r.error().code + " @ " + r.error().describe());
}

inline QString describe(const std::optional<Error> &e)
{
    return e ? str(e->code + " @ " + e->describe()) : QStringLiteral("no error");
}

// The mapping cases: every tests/mapping/cases/<topic>/<name>.json is one
// case (columns, a row, a mapping, and the payload, problems or compile error
// it must give), run here through Mapper::compile and Mapper::apply. A new
// transform case is a new file; the format is documented in cases/README.md.
//
// A failure names the case file and the JSON path of the expectation that
// was not met ("$.expect.payload.out"), or of the part of the file that is
// malformed ("$.row.raw").

#include "mapping/mapper.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#ifndef SLUICE_MAPPING_CASES
#error "SLUICE_MAPPING_CASES must name the cases folder (see tests/mapping/CMakeLists.txt)"
#endif

using namespace sluice;
using nlohmann::json;
using ojson = nlohmann::ordered_json; // keeps the file's order of columns and payload fields

namespace {

// The file itself is wrong (not the engine): where in the file, and what.
struct MalformedCase {
    std::string where;
    std::string message;
};

[[noreturn]] void malformed(const std::string &where, const std::string &message)
{
    throw MalformedCase{where, message};
}

// The sample model of the transform cases, used when a case gives no "columns".
const std::vector<Column> &sampleColumns()
{
    static const std::vector<Column> columns = {
        {"email", ValueType::Text, "TEXT"},
        {"first_name", ValueType::Text, "TEXT"},
        {"last_name", ValueType::Text, "TEXT"},
        {"phone", ValueType::Text, "TEXT"},
        {"status", ValueType::Text, "TEXT"},
        {"total_spend", ValueType::Real, "REAL"},
        {"company_id", ValueType::Integer, "INTEGER"},
        {"signup", ValueType::Text, "TEXT"},
        {"raw", ValueType::Text, "TEXT"},
        {"address", ValueType::Text, "TEXT"},
    };
    return columns;
}

Row sampleRow()
{
    return {"  Ana@Example.COM ",
            "张",
            "伟",
            "138 1234 5678",
            "suspended",
            1520.555,
            std::int64_t(7),
            "2026-03-29T01:30:00Z",
            Value(),
            "北京市朝阳区建国路88号"};
}

constexpr std::int64_t defaultNow = 1774778400; // 2026-03-29T10:00:00Z

std::string member(const std::string &where, const std::string &key)
{
    return where + "." + key;
}

std::string element(const std::string &where, std::size_t index)
{
    return where + "[" + std::to_string(index) + "]";
}

void allowOnly(const ojson &object, const std::string &where, std::initializer_list<std::string_view> keys)
{
    if (!object.is_object())
        malformed(where, "must be an object");
    for (const auto &[key, value] : object.items())
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
            std::string allowed;
            for (std::string_view k : keys)
                allowed += (allowed.empty() ? "" : ", ") + std::string(k);
            malformed(member(where, key), "unknown key '" + key + "' (allowed here: " + allowed + ")");
        }
}

const std::string &text(const ojson &value, const std::string &where)
{
    if (!value.is_string())
        malformed(where, "must be a text");
    return value.get_ref<const std::string &>();
}

// A JSON value as a cell value, keeping its type: 7 is an integer, 7.0 a
// real, "7" a text, true a boolean, null NULL. {"repeat": "a", "times": 3}
// is the text "aaa" (for values too long to write out).
Value valueOf(const ojson &j, const std::string &where)
{
    switch (j.type()) {
    case ojson::value_t::null: return Value();
    case ojson::value_t::boolean: return Value(j.get<bool>());
    case ojson::value_t::number_integer: return Value(j.get<std::int64_t>());
    case ojson::value_t::number_unsigned:
        if (j.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
            malformed(where, "an integer beyond 64 bits; write a real (with a decimal point) instead");
        return Value(j.get<std::int64_t>());
    case ojson::value_t::number_float: return Value(j.get<double>());
    case ojson::value_t::string: return Value(j.get<std::string>());
    case ojson::value_t::object: {
        allowOnly(j, where, {"repeat", "times"});
        if (!j.contains("repeat") || !j.contains("times") || !j["times"].is_number_unsigned())
            malformed(where, "a repeated text needs \"repeat\" (a text) and \"times\" (a count)");
        const std::string &unit = text(j["repeat"], member(where, "repeat"));
        std::string out;
        for (std::uint64_t i = 0, n = j["times"].get<std::uint64_t>(); i < n; ++i)
            out += unit;
        return Value(std::move(out));
    }
    default: malformed(where, "must be a text, number, true, false, null or {\"repeat\": ..., \"times\": ...}");
    }
}

// How a value reads in a failure message: its type, then its text, shortened when long.
std::string describe(const Value &v)
{
    if (v.isNull())
        return "null";
    std::string shown = v.toString();
    if (v.type() == ValueType::Text) {
        const std::size_t bytes = shown.size();
        if (bytes > 200)
            shown = shown.substr(0, 200) + "... (" + std::to_string(bytes) + " bytes)";
        shown = json(shown).dump(-1, ' ', false, json::error_handler_t::replace);
    }
    return std::string(valueTypeName(v.type())) + " " + shown;
}

// Same type and same text (for reals: the same shortest round-trip digits, so
// 0 and -0 differ as they do in a payload).
bool sameValue(const Value &a, const Value &b)
{
    return a.type() == b.type() && a.toString() == b.toString();
}

std::string problemText(const FieldProblem &p)
{
    return p.field + "." + p.rule + "/" + std::string(problemActionName(p.action)) + ": " + p.message;
}

// The whole result on one line, appended to every mismatch so the fix is in view.
std::string describe(const MappedRow &r)
{
    std::string out = "got {";
    for (std::size_t i = 0; i < r.fields.size(); ++i)
        out += (i ? ", " : "") + r.fields[i].name + ": " + describe(r.fields[i].value);
    out += "}";
    for (const FieldProblem &p : r.problems)
        out += " | " + problemText(p);
    if (r.rejected)
        out += " | rejected";
    if (r.skipped)
        out += " | skipped";
    return out;
}

ValueType valueTypeOf(const std::string &name, const std::string &where)
{
    for (ValueType t : {ValueType::Integer, ValueType::Real, ValueType::Text, ValueType::Boolean})
        if (valueTypeName(t) == name)
            return t;
    malformed(where, "unknown column type '" + name + "' (integer, real, text, boolean)");
}

std::string upper(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        if (c >= 'a' && c <= 'z')
            c = char(c - 'a' + 'A');
    return out;
}

std::vector<Column> readColumns(const ojson &spec, const std::string &where)
{
    if (!spec.is_object() || spec.empty())
        malformed(where, "must be an object of column name to type, e.g. {\"email\": \"text\"}");
    std::vector<Column> columns;
    for (const auto &[name, type] : spec.items()) {
        const std::string at = member(where, name);
        Column c{name, ValueType::Text, {}};
        if (type.is_string()) {
            c.type = valueTypeOf(type.get<std::string>(), at);
            c.declaredType = upper(valueTypeName(c.type));
        } else {
            allowOnly(type, at, {"type", "declared"});
            if (!type.contains("type"))
                malformed(at, "missing 'type'");
            c.type = valueTypeOf(text(type["type"], member(at, "type")), member(at, "type"));
            c.declaredType = type.contains("declared") ? text(type["declared"], member(at, "declared"))
                                                       : upper(valueTypeName(c.type));
        }
        columns.push_back(std::move(c));
    }
    return columns;
}

int columnOf(const std::vector<Column> &columns, const std::string &name)
{
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].name == name)
            return int(i);
    return -1;
}

using Table = std::unordered_map<std::string, Value>;
using Tables = std::map<std::string, std::shared_ptr<const Table>, std::less<>>;

Tables readLookups(const ojson &spec, const std::string &where)
{
    if (!spec.is_object())
        malformed(where, "must be an object of \"model.key.column\" to {key text: value}");
    Tables tables;
    for (const auto &[name, rows] : spec.items()) {
        const std::string at = member(where, name);
        if (std::count(name.begin(), name.end(), '.') != 2)
            malformed(at, "the name must be \"model.keyColumn.valueColumn\"");
        if (!rows.is_object())
            malformed(at, "must be an object of key text to value");
        Table table;
        for (const auto &[key, value] : rows.items())
            table.emplace(key, valueOf(value, member(at, key)));
        tables.emplace(name, std::make_shared<const Table>(std::move(table)));
    }
    return tables;
}

// Fails the running test with the case file, the JSON path and what differs.
struct Checker {
    std::string file;
    std::string actual; // describe(MappedRow), empty before apply()
    bool ok = true;

    void fail(const std::string &where, const std::string &message)
    {
        if (!ok)
            return; // the first mismatch is the one to fix
        ok = false;
        std::string text = file + ": " + where + ": " + message;
        if (!actual.empty())
            text += "\n   " + actual;
        QTest::qFail(text.c_str(), __FILE__, __LINE__);
    }
};

void checkPayload(const ojson &expected, const MappedRow &r, Checker &check)
{
    const std::string where = "$.expect.payload";
    if (!expected.is_object())
        malformed(where, "must be an object of field name to value ({} when no field is sent)");
    std::vector<std::string> wanted;
    for (const auto &[name, value] : expected.items())
        wanted.push_back(name);
    std::vector<std::string> got;
    for (const MappedField &f : r.fields)
        got.push_back(f.name);
    if (wanted != got) {
        auto list = [](const std::vector<std::string> &names) {
            std::string out;
            for (const std::string &n : names)
                out += (out.empty() ? "" : ", ") + n;
            return "[" + out + "]";
        };
        return check.fail(where, "expected the fields " + list(wanted) + " in this order, got " + list(got));
    }
    std::size_t i = 0;
    for (const auto &[name, value] : expected.items()) {
        const Value want = valueOf(value, member(where, name));
        if (!sameValue(want, r.fields[i].value))
            return check.fail(member(where, name),
                              "expected " + describe(want) + ", got " + describe(r.fields[i].value));
        ++i;
    }
}

void checkTypes(const ojson &expected, const MappedRow &r, Checker &check)
{
    const std::string where = "$.expect.types";
    if (!expected.is_object())
        malformed(where, "must be an object of field name to value type (null, integer, real, text, boolean)");
    for (const auto &[name, type] : expected.items()) {
        const std::string &want = text(type, member(where, name));
        const auto field
            = std::find_if(r.fields.begin(), r.fields.end(), [&](const MappedField &f) { return f.name == name; });
        if (field == r.fields.end())
            return check.fail(member(where, name), "the field is not in the payload");
        if (valueTypeName(field->value.type()) != want)
            return check.fail(member(where, name),
                              "expected type " + want + ", got " + std::string(valueTypeName(field->value.type())));
    }
}

void checkProblems(const ojson &expected, const MappedRow &r, Checker &check)
{
    const std::string where = "$.expect.problems";
    if (!expected.is_array())
        malformed(where, "must be a list of \"field.rule/action: message\" texts");
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const std::string &want = text(expected[i], element(where, i));
        if (i >= r.problems.size())
            return check.fail(element(where, i), "expected the problem \"" + want + "\", got no more problems");
        if (problemText(r.problems[i]) != want)
            return check.fail(element(where, i),
                              "expected \"" + want + "\", got \"" + problemText(r.problems[i]) + "\"");
    }
    if (r.problems.size() > expected.size())
        check.fail(where, "unexpected problem \"" + problemText(r.problems[expected.size()]) + "\"");
}

void checkFlag(const ojson &expect, const char *key, bool actual, Checker &check)
{
    const std::string where = member("$.expect", key);
    bool want = false;
    if (expect.contains(key)) {
        if (!expect[key].is_boolean())
            malformed(where, "must be true or false");
        want = expect[key].get<bool>();
    }
    if (want != actual)
        check.fail(where, std::string("expected the row ") + (want ? "" : "not ") + "to be " + key);
}

void runCase(const std::string &file, const std::string &path)
{
    QFile in(QString::fromStdString(path));
    if (!in.open(QIODevice::ReadOnly))
        malformed("$", "cannot read the file: " + in.errorString().toStdString());
    const QByteArray bytes = in.readAll();
    ojson c;
    try {
        c = ojson::parse(bytes.begin(), bytes.end());
    } catch (const ojson::exception &e) {
        malformed("$", std::string("not valid JSON: ") + e.what());
    }
    allowOnly(c, "$", {"about", "columns", "primaryKey", "row", "lookups", "now", "mapping", "settings", "expect"});
    if (!c.contains("about") || text(c["about"], "$.about").empty())
        malformed("$.about", "say in a sentence what the case shows");
    if (!c.contains("mapping"))
        malformed("$", "missing 'mapping'");
    if (!c.contains("expect"))
        malformed("$", "missing 'expect'");

    MappingContext context;
    const bool sample = !c.contains("columns");
    context.columns = sample ? sampleColumns() : readColumns(c["columns"], "$.columns");
    if (c.contains("primaryKey")) {
        if (!c["primaryKey"].is_array())
            malformed("$.primaryKey", "must be a list of column names");
        for (std::size_t i = 0; i < c["primaryKey"].size(); ++i)
            context.primaryKey.push_back(text(c["primaryKey"][i], element("$.primaryKey", i)));
    } else if (sample) {
        context.primaryKey = {"email"};
    }
    std::int64_t now = defaultNow;
    if (c.contains("now")) {
        if (!c["now"].is_number_integer())
            malformed("$.now", "must be whole seconds since 1970 (UTC)");
        now = c["now"].get<std::int64_t>();
    }
    context.now = std::chrono::sys_seconds(std::chrono::seconds(now));
    if (c.contains("lookups")) {
        Tables tables = readLookups(c["lookups"], "$.lookups");
        // Like a sync's own lookup: an unknown model is an error the mapping reports.
        context.lookup
            = [tables = std::move(tables)](const std::string &model, const std::string &key,
                                           const std::string &column) -> Result<std::shared_ptr<const Table>> {
            const auto it = tables.find(model + "." + key + "." + column);
            if (it == tables.end())
                return invalidInput("model.unknown", "no model '" + model + "' with columns " + key + ", " + column);
            return it->second;
        };
    }

    Row row = sample ? sampleRow() : Row(context.columns.size());
    if (c.contains("row")) {
        if (!c["row"].is_object())
            malformed("$.row", "must be an object of column name to value");
        for (const auto &[name, value] : c["row"].items()) {
            const int index = columnOf(context.columns, name);
            if (index < 0)
                malformed(member("$.row", name), "not a column of the case");
            row[std::size_t(index)] = valueOf(value, member("$.row", name));
        }
    }

    const json mapping = json::parse(c["mapping"].dump());
    const json settings = c.contains("settings") ? json::parse(c["settings"].dump()) : json::object();
    const ojson &expect = c["expect"];
    allowOnly(expect, "$.expect", {"payload", "types", "problems", "rejected", "skipped", "compileError"});

    Checker check{file, {}};
    auto mapper = Mapper::compile(mapping, settings, context);
    if (expect.contains("compileError")) {
        if (expect.size() != 1)
            malformed("$.expect", "'compileError' stands alone (a mapping that does not compile maps no row)");
        const std::string &want = text(expect["compileError"], "$.expect.compileError");
        if (mapper)
            return check.fail("$.expect.compileError", "expected \"" + want + "\", but the mapping compiles");
        const std::string got = mapper.error().code + " " + mapper.error().describe();
        if (got != want)
            check.fail("$.expect.compileError", "expected \"" + want + "\", got \"" + got + "\"");
        return;
    }
    if (!mapper)
        return check.fail("$.mapping", "does not compile: " + mapper.error().code + " " + mapper.error().describe());
    if (!expect.contains("payload"))
        malformed("$.expect", "missing 'payload' ({} when no field is sent) or 'compileError'");

    const MappedRow r = mapper->apply(row);
    check.actual = describe(r);
    checkPayload(expect["payload"], r, check);
    if (check.ok && expect.contains("types"))
        checkTypes(expect["types"], r, check);
    if (check.ok)
        checkProblems(expect.contains("problems") ? expect["problems"] : ojson::array(), r, check);
    if (check.ok)
        checkFlag(expect, "rejected", r.rejected, check);
    if (check.ok)
        checkFlag(expect, "skipped", r.skipped, check);
}

} // namespace

class TstMappingCases : public QObject {
    Q_OBJECT
private slots:
    void cases_data()
    {
        QTest::addColumn<QString>("file");
        const QDir root(QStringLiteral(SLUICE_MAPPING_CASES));
        QStringList files;
        QDirIterator it(root.path(), {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << root.relativeFilePath(it.next());
        files.sort();
        if (files.isEmpty())
            QFAIL(qPrintable("no case files under " + root.path()));
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << f;
    }

    void cases()
    {
        QFETCH(QString, file);
        const QString path = QDir(QStringLiteral(SLUICE_MAPPING_CASES)).filePath(file);
        const std::string name = "cases/" + file.toStdString();
        try {
            runCase(name, path.toStdString());
        } catch (const MalformedCase &e) {
            QFAIL(("malformed case file " + name + ": " + e.where + ": " + e.message).c_str());
        } catch (const std::exception &e) {
            QFAIL(("case file " + name + ": " + e.what()).c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TstMappingCases)
#include "tst_mapping_cases.moc"

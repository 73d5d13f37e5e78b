// Every transform through a one-field mapping: exact outputs, NULL handling,
// Unicode, what a failure does under each onError action, value-map CSV
// import/export, and compile errors with their JSON paths.

#include "mapping/mapper.h"
#include "mapping/valuemap.h"

#include <QTemporaryDir>
#include "mappingtest.h"

#include <QTest>

#include <fstream>

using namespace sluice;
using nlohmann::json;

namespace {

const std::vector<Column> columns = {
    {"email", ValueType::Text, "TEXT"},      {"first_name", ValueType::Text, "TEXT"},
    {"last_name", ValueType::Text, "TEXT"},  {"phone", ValueType::Text, "TEXT"},
    {"status", ValueType::Text, "TEXT"},     {"total_spend", ValueType::Real, "REAL"},
    {"company_id", ValueType::Integer, "INTEGER"}, {"signup", ValueType::Text, "TEXT"},
    {"raw", ValueType::Text, "TEXT"},        {"address", ValueType::Text, "TEXT"},
};

Row sampleRow()
{
    return {"  Ana@Example.COM ", "张", "伟", "138 1234 5678", "suspended", 1520.555, std::int64_t(7),
            "2026-03-29T01:30:00Z", Value(), "北京市朝阳区建国路88号"};
}

MappingContext context()
{
    MappingContext c;
    c.columns = columns;
    c.primaryKey = {"email"};
    c.lookup = [](const std::string &model, const std::string &key, const std::string &column)
        -> Result<std::shared_ptr<const std::unordered_map<std::string, Value>>> {
        if (model != "companies" || key != "id" || column != "name")
            return invalidInput("model.unknown", "no model '" + model + "' with columns " + key + ", " + column);
        return std::make_shared<const std::unordered_map<std::string, Value>>(
            std::unordered_map<std::string, Value>{{"7", Value("北京科技有限公司")}, {"8", Value("Acme")}});
    };
    return c;
}

// Maps one field "out" starting from `source` (a column name, or "" for none).
MappedRow mapOne(const std::string &source, json transforms, const Row &row = sampleRow())
{
    json entry = {{"field", "out"}, {"transforms", std::move(transforms)}};
    if (!source.empty())
        entry["column"] = source;
    auto mapper = Mapper::compile(json::array({entry}), json::object(), context());
    if (!mapper)
        qFatal("compile: %s", mapper.error().describe().c_str());
    return mapper->apply(row);
}

// The field's value as text ("<dropped>" when absent, "null" for NULL), then any problems.
std::string result(const MappedRow &r)
{
    std::string out = r.fields.empty() ? "<dropped>" : r.fields[0].value.isNull() ? "null" : r.fields[0].value.toString();
    for (const FieldProblem &p : r.problems)
        out += " | " + p.rule + "/" + std::string(problemActionName(p.action)) + ": " + p.message;
    if (r.rejected)
        out += " | rejected";
    return out;
}

std::string one(const std::string &source, json step, const Row &row = sampleRow())
{
    return result(mapOne(source, json::array({std::move(step)}), row));
}

ValueType typeOf(const std::string &source, json step)
{
    const MappedRow r = mapOne(source, json::array({std::move(step)}));
    return r.fields.empty() ? ValueType::Null : r.fields[0].value.type();
}

std::string compileError(json transforms, const std::string &source = "email")
{
    json entry = {{"field", "out"}, {"column", source}, {"transforms", std::move(transforms)}};
    auto mapper = Mapper::compile(json::array({entry}), json::object(), context());
    return mapper ? "ok" : mapper.error().code + " " + mapper.error().describe();
}

Row withRaw(Value raw)
{
    Row r = sampleRow();
    r[8] = std::move(raw);
    return r;
}

} // namespace

class TstMappingTransforms : public QObject {
    Q_OBJECT
private slots:
    void castToScalars()
    {
        QCOMPARE(one("company_id", {{"type", "cast"}, {"to", "string"}}), std::string("7"));
        QCOMPARE(typeOf("company_id", {{"type", "cast"}, {"to", "string"}}), ValueType::Text);
        QCOMPARE(one("raw", {{"type", "cast"}, {"to", "integer"}}, withRaw(" 42 ")), std::string("42"));
        QCOMPARE(typeOf("total_spend", {{"type", "cast"}, {"to", "decimal"}}), ValueType::Real);
        QCOMPARE(one("raw", {{"type", "cast"}, {"to", "integer"}}, withRaw("1e3")), std::string("1000"));
        QCOMPARE(one("raw", {{"type", "cast"}, {"to", "integer"}}, withRaw(true)), std::string("1"));
        QCOMPARE(one("raw", {{"type", "cast"}, {"to", "decimal"}}, withRaw("19.90")), std::string("19.9"));
        QCOMPARE(one("raw", {{"type", "cast"}, {"to", "boolean"}}, withRaw("Yes")), std::string("true"));
        QCOMPARE(one("raw", {{"type", "cast"}, {"to", "boolean"}}, withRaw("off")), std::string("false"));
        QCOMPARE(one("raw", {{"type", "cast"}, {"to", "boolean"}}, withRaw(std::int64_t(0))), std::string("false"));
        QCOMPARE(one("raw", {{"type", "cast"}, {"to", "integer"}}), std::string("null")); // NULL stays NULL
        QCOMPARE(one("raw", {{"type", "cast"}, {"to", "date"}}), std::string("null"));
    }

    void castFailures()
    {
        QCOMPARE(one("raw", {{"type", "cast"}, {"to", "integer"}}, withRaw("12abc")),
                 std::string("<dropped> | cast/reject: '12abc' is not a whole number | rejected"));
        QCOMPARE(one("total_spend", {{"type", "cast"}, {"to", "integer"}}),
                 std::string("<dropped> | cast/reject: '1520.555' is not a whole number | rejected"));
        QCOMPARE(one("raw", {{"type", "cast"}, {"to", "decimal"}, {"onError", "warn"}}, withRaw("1,5")),
                 std::string("null | cast/warn: '1,5' is not a number"));
        QCOMPARE(one("raw", {{"type", "cast"}, {"to", "boolean"}, {"onError", "dropField"}}, withRaw("maybe")),
                 std::string("<dropped> | cast/dropField: 'maybe' is not a boolean (true/false, yes/no, 1/0, on/off)"));
        QCOMPARE(one("raw", {{"type", "cast"}, {"to", "date"}}, withRaw("2026-02-30")),
                 std::string("<dropped> | cast/reject: '2026-02-30' is not a valid date | rejected"));
    }

    void castDates()
    {
        QCOMPARE(one("signup", {{"type", "cast"}, {"to", "datetime"}, {"timeZone", "+08:00"}}),
                 std::string("2026-03-29T09:30:00+08:00"));
        QCOMPARE(one("signup", {{"type", "cast"}, {"to", "date"}, {"timeZone", "America/New_York"}}),
                 std::string("2026-03-28"));
        QCOMPARE(one("signup", {{"type", "cast"}, {"to", "datetime"}, {"format", "epochMillis"}}),
                 std::string("1774747800000"));
        QCOMPARE(typeOf("signup", {{"type", "cast"}, {"to", "datetime"}, {"format", "epoch"}}), ValueType::Integer);
        QCOMPARE(one("raw",
                     {{"type", "cast"}, {"to", "datetime"}, {"inputFormat", "%d/%m/%Y %H:%M"},
                      {"inputTimeZone", "Asia/Shanghai"}},
                     withRaw("29/03/2026 09:30")),
                 std::string("2026-03-29T01:30:00Z"));
        QCOMPARE(one("raw", {{"type", "cast"}, {"to", "date"}, {"format", "%Y年%m月%d日"}}, withRaw("2026-03-29")),
                 std::string("2026年03月29日"));
    }

    void castCompileErrors()
    {
        QCOMPARE(compileError({{{"type", "cast"}, {"to", "date"}, {"inputFormat", "%d/%m/%"}}}),
                 std::string("mapping.format_syntax $.mapping[0].transforms[0].inputFormat: incomplete directive "
                             "'%' at position 7"));
        QCOMPARE(compileError({{{"type", "cast"}, {"to", "datetime"}, {"timeZone", "+25:00"}}}),
                 std::string("mapping.time_zone $.mapping[0].transforms[0].timeZone: '+25:00' is not a valid UTC "
                             "offset (use +08:00, -05:30, ... from -14:00 to +14:00)"));
        QCOMPARE(compileError({{{"type", "cast"}, {"to", "money"}}}),
                 std::string("mapping.invalid $.mapping[0].transforms[0].to: must be one of: string, integer, decimal, "
                             "boolean, date, datetime"));
        QCOMPARE(compileError({{{"type", "cast"}}}),
                 std::string("mapping.invalid $.mapping[0].transforms[0]: missing 'to' (string, integer, decimal, "
                             "boolean, date or datetime)"));
        QCOMPARE(compileError({{{"type", "cast"}, {"to", "integer"}, {"format", "%Y"}}}),
                 std::string("mapping.invalid $.mapping[0].transforms[0].format: 'format' applies only to casts to "
                             "date or datetime"));
    }

    void valueMaps()
    {
        const json map = {{"active", "Customer"}, {"inactive", "Lead"}, {"trial", "MQL"}};
        QCOMPARE(one("status", {{"type", "valueMap"}, {"map", map}}, [] { Row r = sampleRow(); r[4] = "trial"; return r; }()),
                 std::string("MQL"));
        QCOMPARE(one("status", {{"type", "valueMap"}, {"map", map}}),
                 std::string("suspended | valueMap/warn: 'suspended' is not in the value map; passed through"));
        QCOMPARE(one("status", {{"type", "valueMap"}, {"map", map}, {"unmapped", "null"}}),
                 std::string("null | valueMap/warn: 'suspended' is not in the value map; sent as null"));
        QCOMPARE(one("status", {{"type", "valueMap"}, {"map", map}, {"unmapped", "default"}, {"default", "Other"}}),
                 std::string("Other | valueMap/warn: 'suspended' is not in the value map; sent as the default 'Other'"));
        QCOMPARE(one("status", {{"type", "valueMap"}, {"map", map}, {"unmapped", "reject"}}),
                 std::string("<dropped> | valueMap/reject: 'suspended' is not in the value map | rejected"));
        QCOMPARE(one("status", {{"type", "valueMap"}, {"map", {{"SUSPENDED", 3}}}, {"ignoreCase", true}}), std::string("3"));
        QCOMPARE(one("raw", {{"type", "valueMap"}, {"map", map}, {"unmapped", "reject"}}), std::string("null"));
        QCOMPARE(one("company_id", {{"type", "valueMap"}, {"map", {{"7", true}}}}), std::string("true"));
        QCOMPARE(compileError({{{"type", "valueMap"}, {"map", {{"a", {1, 2}}}}}}),
                 std::string("mapping.invalid $.mapping[0].transforms[0].map.a: must be a text, number, true, false or null"));
        QCOMPARE(compileError({{{"type", "valueMap"}, {"map", map}, {"default", "x"}}}),
                 std::string("mapping.invalid $.mapping[0].transforms[0].default: 'default' is used only with "
                             "\"unmapped\": \"default\""));
        QCOMPARE(compileError({{{"type", "valueMap"}, {"map", {{"A", 1}, {"a", 2}}}, {"ignoreCase", true}}}),
                 std::string("mapping.invalid $.mapping[0].transforms[0].map.a: 'a' appears twice when case is ignored"));
        QCOMPARE(compileError({{{"type", "valueMap"}}}),
                 std::string("mapping.invalid $.mapping[0].transforms[0]: needs 'map', an object of {\"from\": \"to\"} values"));
    }

    void valueMapCsv()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("status.csv").toStdString();
        auto write = [&](const std::string &text) { std::ofstream(path, std::ios::binary) << text; };

        write("in_house,salesforce\nactive,Customer\n\"suspended, for now\",\"Say \"\"hi\"\"\"\r\n"
              "inactive,\n张伟,客户\n");
        auto map = valueMapFromCsv(path);
        QVERIFY2(map, map ? "" : map.error().describe().c_str());
        QCOMPARE(map->dump(), json({{"active", "Customer"}, {"suspended, for now", "Say \"hi\""},
                                    {"inactive", nullptr}, {"张伟", "客户"}})
                                  .dump());
        auto csv = valueMapToCsv(*map);
        QVERIFY(csv);
        QCOMPARE(*csv, std::string("from,to\nactive,Customer\ninactive,\n\"suspended, for now\",\"Say \"\"hi\"\"\"\n"
                                   "张伟,客户\n"));
        // Export then import gives the same map back.
        write(*csv);
        QCOMPARE(valueMapFromCsv(path)->dump(), map->dump());
        QCOMPARE(*valueMapToCsv(json{{"vip", 1}, {" pad", true}}, "tier", "score"),
                 std::string("tier,score\n\" pad\",true\nvip,1\n"));
        QVERIFY(!valueMapToCsv(json::array()));

        write("from,to\nactive,Customer\ninactive,Lead\nsuspended,Lead,extra\n");
        auto ragged = valueMapFromCsv(path);
        QVERIFY(!ragged);
        QCOMPARE(ragged.error().code, std::string("mapping.value_map_csv"));
        QCOMPARE(ragged.error().where, path + ":4");
        QCOMPARE(ragged.error().message, std::string("line 4 has 3 fields; a value map has 2 (from, to)"));

        write("from,to\nactive\n");
        QCOMPARE(valueMapFromCsv(path).error().message, std::string("line 2 has 1 field; a value map has 2 (from, to)"));
        write("from,to\nactive,Customer\n\"multi\nline\",x\nactive,Lead\n");
        auto duplicate = valueMapFromCsv(path);
        QCOMPARE(duplicate.error().where, path + ":5");
        QCOMPARE(duplicate.error().message, std::string("line 5 maps 'active' again (first on line 2)"));
        write("just one column\n");
        QCOMPARE(valueMapFromCsv(path).error().describe(),
                 path + ":1: the header has 1 field; a value map has 2 (from, to)");
        write("");
        QCOMPARE(valueMapFromCsv(path).error().describe(),
                 path + ": the file is empty; a value map needs a header line (from,to) and one line per value");
        write("from,to\n\"open,x\n");
        QCOMPARE(valueMapFromCsv(path).error().code, std::string("csv.unterminated_quote"));
        write("from,to\nbad\xff,x\n");
        QCOMPARE(valueMapFromCsv(path).error().code, std::string("csv.invalid_utf8"));
        QCOMPARE(valueMapFromCsv(dir.filePath("missing.csv").toStdString()).error().code, std::string("csv.missing"));
    }

    void textSteps()
    {
        QCOMPARE(one("email", {{"type", "trim"}}), std::string("Ana@Example.COM"));
        QCOMPARE(result(mapOne("email", json::array({{{"type", "trim"}}, {{"type", "lower"}}}))),
                 std::string("ana@example.com"));
        QCOMPARE(one("email", {{"type", "upper"}}), std::string("  ANA@EXAMPLE.COM "));
        QCOMPARE(one("address", {{"type", "truncate"}, {"length", 3}}), std::string("北京市"));
        QCOMPARE(one("address", {{"type", "truncate"}, {"length", 5}, {"suffix", "…"}}), std::string("北京市朝…"));
        QCOMPARE(one("raw", {{"type", "default"}, {"value", "unknown"}}), std::string("unknown"));
        QCOMPARE(one("raw", {{"type", "default"}, {"value", "unknown"}}, withRaw("")), std::string("unknown"));
        QCOMPARE(one("raw", {{"type", "default"}, {"value", 0}}, withRaw("x")), std::string("x"));
        QCOMPARE(one("raw", {{"type", "lower"}}), std::string("null"));
        QCOMPARE(compileError({{{"type", "truncate"}}}),
                 std::string("mapping.invalid $.mapping[0].transforms[0]: missing 'length'"));
    }

    void concatenateAndSplit()
    {
        QCOMPARE(one("", {{"type", "concatenate"}, {"columns", {"first_name", "last_name"}}}), std::string("张伟"));
        QCOMPARE(one("first_name", {{"type", "concatenate"}, {"columns", {"raw", "last_name"}}, {"separator", " "}}),
                 std::string("张 伟")); // NULL parts are skipped, no double separator
        QCOMPARE(one("", {{"type", "concatenate"}, {"columns", {"raw"}}}), std::string("null"));
        QCOMPARE(one("", {{"type", "concatenate"}, {"columns", {"company_id", "total_spend"}}, {"separator", "/"}}),
                 std::string("7/1520.555"));
        QCOMPARE(compileError({{{"type", "concatenate"}, {"columns", {"first_name", "surname"}}}}),
                 std::string("mapping.unknown_column $.mapping[0].transforms[0].columns[1]: unknown column 'surname'"));

        QCOMPARE(one("address", {{"type", "split"}, {"separator", "市"}, {"index", 0}}), std::string("北京"));
        QCOMPARE(one("address", {{"type", "split"}, {"separator", "市"}, {"index", -1}}), std::string("朝阳区建国路88号"));
        QCOMPARE(one("address", {{"type", "split"}, {"separator", "市"}, {"index", 5}}), std::string("null"));
        QCOMPARE(one("raw", {{"type", "split"}, {"separator", ","}, {"index", 1}}, withRaw("a, b ,c")), std::string("b"));
        QCOMPARE(one("raw", {{"type", "split"}, {"separator", ","}, {"index", 1}, {"trim", false}}, withRaw("a, b ,c")),
                 std::string(" b "));
        QCOMPARE(compileError({{{"type", "split"}, {"separator", ""}}}),
                 std::string("mapping.invalid $.mapping[0].transforms[0].separator: must be a non-empty text"));
    }

    void rounding()
    {
        QCOMPARE(one("total_spend", {{"type", "round"}, {"decimals", 2}}), std::string("1520.56"));
        QCOMPARE(one("total_spend", {{"type", "round"}}), std::string("1521"));
        QCOMPARE(one("company_id", {{"type", "round"}, {"decimals", 2}}), std::string("7"));
        QCOMPARE(typeOf("company_id", {{"type", "round"}, {"decimals", 2}}), ValueType::Integer);
        QCOMPARE(one("raw", {{"type", "round"}, {"decimals", 1}}, withRaw("2.25")), std::string("2.3"));
        QCOMPARE(one("raw", {{"type", "round"}, {"decimals", 1}}, withRaw("n/a")),
                 std::string("<dropped> | round/reject: 'n/a' is not a number | rejected"));
        QCOMPARE(compileError({{{"type", "round"}, {"decimals", 2.5}}}),
                 std::string("mapping.invalid $.mapping[0].transforms[0].decimals: must be a whole number from 0 to 15"));
    }

    void lookups()
    {
        const json step = {{"type", "lookup"}, {"model", "companies"}, {"key", "id"}, {"column", "name"}};
        QCOMPARE(one("company_id", step), std::string("北京科技有限公司"));
        Row other = sampleRow();
        other[6] = std::int64_t(99);
        QCOMPARE(one("company_id", step, other),
                 std::string("null | lookup/warn: '99' is not a key of model 'companies'; sent as null"));
        json reject = step;
        reject["missing"] = "reject";
        QCOMPARE(one("company_id", reject, other),
                 std::string("<dropped> | lookup/reject: '99' is not a key of model 'companies' | rejected"));
        json fallback = step;
        fallback["missing"] = "default";
        fallback["default"] = "Independent";
        QCOMPARE(one("company_id", fallback, other),
                 std::string("Independent | lookup/warn: '99' is not a key of model 'companies'; sent as the default "
                             "'Independent'"));
        json bad = step;
        bad["model"] = "nope";
        QCOMPARE(compileError({bad}, "company_id"),
                 std::string("model.unknown $.mapping[0].transforms[0]: no model 'nope' with columns id, name"));
        MappingContext noLookups = context();
        noLookups.lookup = nullptr;
        auto mapper = Mapper::compile(json::array({{{"field", "c"}, {"column", "company_id"}, {"transforms", {step}}}}),
                                      json::object(), noLookups);
        QCOMPARE(mapper.error().describe(),
                 std::string("$.mapping[0].transforms[0]: lookups in other models are not available here"));
    }

    void hashing()
    {
        // SHA-256 of "ana@example.com", of "+8613812345678" and of "8613812345678".
        QCOMPARE(one("email", {{"type", "hash"}, {"normalize", "email"}}),
                 std::string("8e43ca37701228e74983efdbd0cff5c16b3b1e5d4e29a7c05626d4d25a018e11"));
        QCOMPARE(one("phone", {{"type", "hash"}, {"normalize", "phone"}, {"defaultCountryCode", "+86"}}),
                 std::string("2ebdcb1bacf1ff0801da3dac97a864a1d35d3b3b7aa75c47bd4b220f9f04c4e2"));
        QCOMPARE(one("phone", {{"type", "hash"}, {"normalize", "phoneDigits"}, {"defaultCountryCode", "86"}}),
                 std::string("f32dd5bb1e1e0ce7de6509513f1147fe420b2e69122319cea71268990236ed95"));
        QCOMPARE(one("first_name", {{"type", "hash"}, {"normalize", "none"}}, [] {
                     Row r = sampleRow();
                     r[1] = "张伟";
                     return r;
                 }()),
                 std::string("a3a0bafd0beed44d93517e3bc1458f5645571c3295fb8a9050e2ec7cb73e2819"));
        QCOMPARE(one("raw", {{"type", "hash"}, {"normalize", "email"}}), std::string("null"));
        QCOMPARE(one("raw", {{"type", "hash"}, {"normalize", "email"}}, withRaw("   ")), std::string("null"));
        QCOMPARE(one("raw", {{"type", "hash"}, {"normalize", "email"}, {"onError", "warn"}}, withRaw("ana@")),
                 std::string("null | hash/warn: 'ana@' is not a valid e-mail address"));
        QCOMPARE(one("phone", {{"type", "hash"}, {"normalize", "phone"}}),
                 std::string("<dropped> | hash/reject: '138 1234 5678' has no country calling code (write it with + "
                             "or set defaultCountryCode) | rejected"));
        QCOMPARE(compileError({{{"type", "hash"}, {"normalize", "phone"}, {"defaultCountryCode", "china"}}}),
                 std::string("mapping.invalid $.mapping[0].transforms[0].defaultCountryCode: must be a country calling "
                             "code such as \"86\" or \"+1\""));
    }

    void redactAndDrop()
    {
        QCOMPARE(one("phone", {{"type", "redact"}, {"keepLast", 4}}), std::string(9, '*') + "5678");
        std::string bullets = "  A";
        for (int i = 0; i < 15; ++i)
            bullets += "•";
        QCOMPARE(one("email", {{"type", "redact"}, {"keepFirst", 3}, {"mask", "•"}}), bullets);
        QCOMPARE(one("address", {{"type", "redact"}, {"keepFirst", 3}, {"mask", "＊"}}),
                 std::string("北京市＊＊＊＊＊＊＊＊＊"));
        QCOMPARE(one("first_name", {{"type", "redact"}, {"keepLast", 4}}), std::string("*")); // never shown whole
        QCOMPARE(one("raw", {{"type", "redact"}}), std::string("null"));
        QCOMPARE(compileError({{{"type", "redact"}, {"mask", "**"}}}),
                 std::string("mapping.invalid $.mapping[0].transforms[0].mask: must be exactly one character"));

        QCOMPARE(one("phone", {{"type", "drop"}}), std::string("<dropped>"));
        QCOMPARE(one("phone", {{"type", "drop"}, {"when", "status == 'suspended'"}}), std::string("<dropped>"));
        QCOMPARE(one("phone", {{"type", "drop"}, {"when", "status == 'active'"}}), std::string("138 1234 5678"));
        QCOMPARE(one("phone", {{"type", "redact"}, {"when", "raw is null"}}), std::string(13, '*'));
        QCOMPARE(compileError({{{"type", "drop"}, {"when", "status = "}}}),
                 std::string("mapping.syntax $.mapping[0].transforms[0].when: unexpected end of expression at position 10"));
    }

    void chainsRunInOrder()
    {
        const json chain = json::array({{{"type", "trim"}},
                                        {{"type", "lower"}},
                                        {{"type", "split"}, {"separator", "@"}, {"index", 1}},
                                        {{"type", "valueMap"}, {"map", {{"example.com", "Example Inc."}}}},
                                        {{"type", "upper"}}});
        QCOMPARE(result(mapOne("email", chain)), std::string("EXAMPLE INC."));
        // A warned failure goes on as NULL; later steps see NULL.
        const json warned = json::array({{{"type", "cast"}, {"to", "integer"}, {"onError", "warn"}},
                                         {{"type", "default"}, {"value", -1}}});
        QCOMPARE(result(mapOne("status", warned)), std::string("-1 | cast/warn: 'suspended' is not a whole number"));
    }

    void stepCompileErrors()
    {
        QCOMPARE(compileError({{{"type", "uppercase"}}}),
                 std::string("mapping.invalid $.mapping[0].transforms[0].type: unknown transform 'uppercase' (cast, "
                             "valueMap, concatenate, split, round, lookup, hash, redact, drop, default, lower, upper, "
                             "trim, truncate)"));
        QCOMPARE(compileError({{{"type", "round"}, {"decimal", 2}}}),
                 std::string("mapping.invalid $.mapping[0].transforms[0].decimal: unknown key 'decimal' (allowed here: "
                             "type, when, onError, comment, decimals)"));
        QCOMPARE(compileError({"trim"}),
                 std::string("mapping.invalid $.mapping[0].transforms[0]: a transform must be an object with a \"type\""));
        QCOMPARE(compileError({{{"type", "trim"}, {"onError", "ignore"}}}),
                 std::string("mapping.invalid $.mapping[0].transforms[0].onError: must be one of: reject, dropField, warn"));
        QCOMPARE(compileError({{{"type", "trim"}, {"comment", "normalise before matching"}}}), std::string("ok"));
    }
};

QTEST_GUILESS_MAIN(TstMappingTransforms)
#include "tst_mapping_transforms.moc"

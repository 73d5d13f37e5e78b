// Validation rules: each rule with each action (reject the row, drop the
// field, warn), exact messages, NULL handling, Unicode lengths, and the
// compile errors of malformed rules and regular expressions.

#include "mapping/mapper.h"

#include "mappingtest.h"

#include <QTest>

using namespace sluice;
using nlohmann::json;

namespace {

const std::vector<Column> columns = {{"v", ValueType::Text, "TEXT"}};

std::string check(const Value &v, json rule)
{
    auto mapper = Mapper::compile(json::array({{{"field", "f"}, {"column", "v"}, {"rules", json::array({rule})}}}),
                                  json::object(), MappingContext{columns, {}, {}});
    if (!mapper)
        return "compile error: " + mapper.error().code + " " + mapper.error().describe();
    const MappedRow r = mapper->apply(Row{v});
    std::string out = r.fields.empty() ? "<dropped>" : r.fields[0].value.isNull() ? "null" : r.fields[0].value.toString();
    for (const FieldProblem &p : r.problems)
        out += " | " + p.field + "." + p.rule + "/" + std::string(problemActionName(p.action)) + ": " + p.message;
    if (r.rejected)
        out += " | rejected";
    return out;
}

json rule(std::string type, std::string action = "reject")
{
    return {{"type", std::move(type)}, {"action", std::move(action)}};
}

} // namespace

class TstMappingRules : public QObject {
    Q_OBJECT
private slots:
    void required()
    {
        QCOMPARE(check("x", rule("required")), std::string("x"));
        QCOMPARE(check(Value(), rule("required")), std::string("null | f.required/reject: a value is required | rejected"));
        QCOMPARE(check("  ", rule("required", "warn")), std::string("   | f.required/warn: a value is required"));
        QCOMPARE(check("", rule("required", "dropField")), std::string("<dropped> | f.required/dropField: a value is required"));
        QCOMPARE(check(Value(), json{{"type", "required"}}),
                 std::string("null | f.required/reject: a value is required | rejected")); // reject by default
    }

    void email()
    {
        QCOMPARE(check("ana@example.com", rule("email")), std::string("ana@example.com"));
        QCOMPARE(check("张伟@例子.中国", rule("email")), std::string("张伟@例子.中国"));
        QCOMPARE(check("ana@", rule("email")),
                 std::string("ana@ | f.email/reject: 'ana@' is not a valid e-mail address | rejected"));
        QCOMPARE(check("ana@example", rule("email", "dropField")),
                 std::string("<dropped> | f.email/dropField: 'ana@example' is not a valid e-mail address"));
        QCOMPARE(check(Value(), rule("email")), std::string("null")); // NULL is for "required" to judge
    }

    void phone()
    {
        QCOMPARE(check("138 1234 5678", json{{"type", "phone"}, {"defaultCountryCode", "86"}}),
                 std::string("+8613812345678")); // normalised to E.164
        QCOMPARE(check("+1 (415) 555-2671", json{{"type", "phone"}}), std::string("+14155552671"));
        QCOMPARE(check("138 1234 5678", json{{"type", "phone"}, {"action", "warn"}}),
                 std::string("138 1234 5678 | f.phone/warn: '138 1234 5678' has no country calling code (write it "
                             "with + or set defaultCountryCode)"));
        QCOMPARE(check("call me", json{{"type", "phone"}, {"defaultCountryCode", "86"}, {"action", "dropField"}}),
                 std::string("<dropped> | f.phone/dropField: 'call me' is not a phone number"));
    }

    void regex()
    {
        const json cn = {{"type", "regex"}, {"pattern", "^[A-Z]{2}$"}};
        QCOMPARE(check("CN", cn), std::string("CN"));
        QCOMPARE(check("China", cn),
                 std::string("China | f.regex/reject: 'China' does not match the pattern '^[A-Z]{2}$' | rejected"));
        QCOMPARE(check("cn", json{{"type", "regex"}, {"pattern", "^[A-Z]{2}$"}, {"ignoreCase", true}}), std::string("cn"));
        QCOMPARE(check("order 42", json{{"type", "regex"}, {"pattern", "\\d+"}}), std::string("order 42")); // search
        QCOMPARE(check("北京市", json{{"type", "regex"}, {"pattern", "市$"}}), std::string("北京市"));
        // Values longer than the matcher can safely recurse over fail instead of crashing.
        const std::string huge(100000, 'a');
        QCOMPARE(check(huge, json{{"type", "regex"}, {"pattern", "^(a|b)*$"}, {"action", "warn"}}),
                 huge + " | f.regex/warn: the value is too long to check against the pattern (more than 2000 bytes)");
        const std::string large(2000, 'a');
        QCOMPARE(check(large, json{{"type", "regex"}, {"pattern", "^(a|b)*$"}}), large);
    }

    void malformedRegexes()
    {
        QCOMPARE(check("x", json{{"type", "regex"}, {"pattern", "([a-z]"}}),
                 std::string("compile error: mapping.regex $.mapping[0].rules[0].pattern: invalid regular expression "
                             "'([a-z]': unbalanced ( )"));
        QCOMPARE(check("x", json{{"type", "regex"}, {"pattern", "[abc"}}),
                 std::string("compile error: mapping.regex $.mapping[0].rules[0].pattern: invalid regular expression "
                             "'[abc': unbalanced [ ]"));
        QCOMPARE(check("x", json{{"type", "regex"}, {"pattern", "[z-a]"}}),
                 std::string("compile error: mapping.regex $.mapping[0].rules[0].pattern: invalid regular expression "
                             "'[z-a]': invalid character range"));
        QCOMPARE(check("x", json{{"type", "regex"}, {"pattern", "a\\"}}),
                 std::string("compile error: mapping.regex $.mapping[0].rules[0].pattern: invalid regular expression "
                             "'a\\': invalid escape or a trailing backslash"));
        QCOMPARE(check("x", json{{"type", "regex"}, {"pattern", "*abc"}}),
                 std::string("compile error: mapping.regex $.mapping[0].rules[0].pattern: invalid regular expression "
                             "'*abc': '*' at position 1 has nothing to repeat"));
        QCOMPARE(check("x", json{{"type", "regex"}, {"pattern", "^(a|+b)"}}),
                 std::string("compile error: mapping.regex $.mapping[0].rules[0].pattern: invalid regular expression "
                             "'^(a|+b)': '+' at position 5 has nothing to repeat"));
        QCOMPARE(check("x", json{{"type", "regex"}, {"pattern", "a**"}}),
                 std::string("compile error: mapping.regex $.mapping[0].rules[0].pattern: invalid regular expression "
                             "'a**': '*' at position 3 has nothing to repeat"));
        // Valid patterns with quantifiers in unusual places still compile.
        for (const char *ok : {"a*?b", "(?:ab)+", "[*+?]", "\\*x", "^\\d{3}-\\d+$", "(a)?", "x(?!y)z*"}) {
            const std::string r = check("x", json{{"type", "regex"}, {"pattern", ok}, {"action", "warn"}});
            QVERIFY2(r.starts_with("x"), r.c_str());
        }
        QCOMPARE(check("x", json{{"type", "regex"}, {"pattern", "a{2,1}"}}),
                 std::string("compile error: mapping.regex $.mapping[0].rules[0].pattern: invalid regular expression "
                             "'a{2,1}': invalid repetition count in { }"));
        QCOMPARE(check("x", json{{"type", "regex"}}),
                 std::string("compile error: mapping.invalid $.mapping[0].rules[0]: missing 'pattern'"));
    }

    void range()
    {
        const json percent = {{"type", "range"}, {"min", 0}, {"max", 100}};
        QCOMPARE(check("55.5", percent), std::string("55.5"));
        QCOMPARE(check("100", percent), std::string("100")); // inclusive
        QCOMPARE(check("150", percent), std::string("150 | f.range/reject: 150 is above the maximum 100 | rejected"));
        QCOMPARE(check("-0.5", percent), std::string("-0.5 | f.range/reject: -0.5 is below the minimum 0 | rejected"));
        QCOMPARE(check("lots", percent), std::string("lots | f.range/reject: 'lots' is not a number | rejected"));
        QCOMPARE(check("7", json{{"type", "range"}, {"min", 10}, {"action", "warn"}}),
                 std::string("7 | f.range/warn: 7 is below the minimum 10"));
        QCOMPARE(check("x", json{{"type", "range"}}),
                 std::string("compile error: mapping.invalid $.mapping[0].rules[0]: a range needs 'min', 'max' or both"));
        QCOMPARE(check("x", json{{"type", "range"}, {"min", 5}, {"max", 1}}),
                 std::string("compile error: mapping.invalid $.mapping[0].rules[0].min: is greater than 'max'"));
    }

    void maxLength()
    {
        const json five = {{"type", "maxLength"}, {"max", 5}};
        QCOMPARE(check("北京市朝阳区", json{{"type", "maxLength"}, {"max", 6}}), std::string("北京市朝阳区")); // characters, not bytes
        QCOMPARE(check("北京市朝阳区", five),
                 std::string("北京市朝阳区 | f.maxLength/reject: '北京市朝阳区' is 6 characters long; the maximum is 5 | rejected"));
        QCOMPARE(check("abcdef", json{{"type", "maxLength"}, {"max", 5}, {"action", "dropField"}}),
                 std::string("<dropped> | f.maxLength/dropField: 'abcdef' is 6 characters long; the maximum is 5"));
        QCOMPARE(check("x", json{{"type", "maxLength"}, {"max", 0}}),
                 std::string("compile error: mapping.invalid $.mapping[0].rules[0].max: must be a whole number from 1 "
                             "to 100000000"));
    }

    void allowedValues()
    {
        const json stages = {{"type", "allowedValues"}, {"values", {"Subscriber", "Lead", "MQL", "SQL", "Customer"}}};
        QCOMPARE(check("MQL", stages), std::string("MQL"));
        QCOMPARE(check("mql", stages),
                 std::string("mql | f.allowedValues/reject: 'mql' is not one of the allowed values: Subscriber, Lead, "
                             "MQL, SQL, Customer | rejected"));
        json relaxed = stages;
        relaxed["ignoreCase"] = true;
        QCOMPARE(check("mql", relaxed), std::string("mql"));
        QCOMPARE(check("3", json{{"type", "allowedValues"}, {"values", {1, 2, 3}}}), std::string("3"));
        QCOMPARE(check("x", json{{"type", "allowedValues"}, {"values", json::array()}}),
                 std::string("compile error: mapping.invalid $.mapping[0].rules[0].values: needs 'values', a non-empty list"));
        QCOMPARE(check("x", json{{"type", "allowedValues"}, {"values", {"a", nullptr}}}),
                 std::string("compile error: mapping.invalid $.mapping[0].rules[0].values[1]: must be a text, number or boolean"));
    }

    void ruleCompileErrors()
    {
        QCOMPARE(check("x", rule("mandatory")),
                 std::string("compile error: mapping.invalid $.mapping[0].rules[0].type: unknown rule 'mandatory' "
                             "(required, email, phone, regex, range, maxLength, allowedValues)"));
        QCOMPARE(check("x", rule("required", "block")),
                 std::string("compile error: mapping.invalid $.mapping[0].rules[0].action: must be one of: reject, "
                             "dropField, warn"));
        QCOMPARE(check("x", json{{"type", "email"}, {"strict", true}}),
                 std::string("compile error: mapping.invalid $.mapping[0].rules[0].strict: unknown key 'strict' "
                             "(allowed here: type, action, comment)"));
    }

    void rulesRunInOrderAndProblemsAccumulate()
    {
        auto mapper = Mapper::compile(
            json::array({{{"field", "email"}, {"column", "v"},
                          {"rules", {{{"type", "maxLength"}, {"max", 8}, {"action", "warn"}},
                                     {{"type", "email"}, {"action", "reject"}},
                                     {{"type", "required"}}}}},
                         {{"field", "copy"}, {"column", "v"}, {"rules", {{{"type", "email"}, {"action", "warn"}}}}}}),
            json::object(), MappingContext{columns, {}, {}});
        QVERIFY(mapper);
        const MappedRow r = mapper->apply(Row{"not-an-email"});
        QVERIFY(r.rejected);
        QCOMPARE(r.problems.size(), std::size_t(3));
        QCOMPARE(r.problems[0].rule, std::string("maxLength"));
        QCOMPARE(r.problems[1].rule, std::string("email"));
        QCOMPARE(r.problems[1].action, ProblemAction::Reject);
        QCOMPARE(r.problems[2].field, std::string("copy")); // the other field is still checked
        QCOMPARE(r.problems[2].action, ProblemAction::Warn);
        QCOMPARE(r.fields.size(), std::size_t(2));
    }
};

QTEST_GUILESS_MAIN(TstMappingRules)
#include "tst_mapping_rules.moc"

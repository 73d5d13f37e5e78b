// Row filter expressions: comparisons, and/or/not with SQL's three-valued
// logic, is null, in (...), functions, and exact syntax errors with positions.

#include "mapping/expression.h"

#include "mappingtest.h"

#include <QTest>

using namespace sluice;
using namespace sluice::mapping;

namespace {

const std::vector<Column> columns = {
    {"country", ValueType::Text, "TEXT"},       {"total_spend", ValueType::Real, "REAL"},
    {"status", ValueType::Text, "TEXT"},        {"age", ValueType::Integer, "INTEGER"},
    {"vip", ValueType::Boolean, "BOOLEAN"},     {"last_login", ValueType::Text, "TEXT"},
    {"城市", ValueType::Text, "TEXT"},           {"first name", ValueType::Text, "TEXT"},
};

// 2026-03-29T10:00:00Z
constexpr std::int64_t now = 1774778400;

Row row(Value country, Value spend, Value status = "active", Value age = 30, Value vip = false,
        Value lastLogin = "2026-03-25", Value city = "北京市", Value firstName = "伟")
{
    return {country, spend, status, age, vip, lastLogin, city, firstName};
}

// "true", "false" or "null" (unknown) for `text` on `r`.
std::string eval(std::string_view text, const Row &r)
{
    auto e = Expression::compile(text, columns, now);
    if (!e)
        return "error: " + e.error().message;
    const Value v = e->evaluate(r);
    return v.isNull() ? "null" : v.toString();
}

std::string error(std::string_view text)
{
    auto e = Expression::compile(text, columns, now);
    return e ? "ok" : e.error().code + ": " + e.error().message;
}

} // namespace

class TstMappingExpression : public QObject {
    Q_OBJECT
private slots:
    void comparisons()
    {
        const Row cn = row("CN", 150.0);
        QCOMPARE(eval("country == 'CN' and total_spend > 100", cn), std::string("true"));
        QCOMPARE(eval("country == 'CN' and total_spend > 200", cn), std::string("false"));
        QCOMPARE(eval("country = 'CN'", cn), std::string("true"));      // SQL spelling
        QCOMPARE(eval("country <> 'US'", cn), std::string("true"));
        QCOMPARE(eval("total_spend >= 150 and total_spend <= 150.0", cn), std::string("true"));
        QCOMPARE(eval("age < 30.5", cn), std::string("true"));
        QCOMPARE(eval("age != 30", cn), std::string("false"));
        QCOMPARE(eval("total_spend > -1e3", cn), std::string("true"));
        QCOMPARE(eval("status > 'actiu'", cn), std::string("true"));    // text compares by code point
        QCOMPARE(eval("status < 'Z'", cn), std::string("false"));       // 'a' sorts after 'Z'
        QCOMPARE(eval("城市 > '北京'", row("CN", 1.0)), std::string("true"));
        QCOMPARE(eval("vip == false", cn), std::string("true"));
        QCOMPARE(eval("country == 'CN' AND NOT vip", cn), std::string("true")); // keywords in any case
        // A number against numeric text compares as numbers.
        QCOMPARE(eval("total_spend > '99.5'", cn), std::string("true"));
        QCOMPARE(eval("country > 5", cn), std::string("true")); // 'CN' vs '5' as text
    }

    void threeValuedLogic()
    {
        const Row noCountry = row(Value(), 150.0);
        QCOMPARE(eval("country == 'CN'", noCountry), std::string("null"));
        QCOMPARE(eval("country != 'CN'", noCountry), std::string("null"));
        QCOMPARE(eval("not country == 'CN'", noCountry), std::string("null"));
        QCOMPARE(eval("country == 'CN' or total_spend > 100", noCountry), std::string("true"));
        QCOMPARE(eval("country == 'CN' and total_spend > 100", noCountry), std::string("null"));
        QCOMPARE(eval("country == 'CN' and total_spend > 1000", noCountry), std::string("false"));
        QCOMPARE(eval("country is null", noCountry), std::string("true"));
        QCOMPARE(eval("country is not null", noCountry), std::string("false"));
        QCOMPARE(eval("(country == 'CN' or country is null) and total_spend > 100", noCountry), std::string("true"));
        QCOMPARE(eval("country == null", noCountry), std::string("null")); // use "is null"
        auto filter = Expression::compile("country != 'CN'", columns, now);
        QVERIFY(filter);
        QVERIFY(!filter->isTrue(noCountry)); // a filter keeps only rows where it is true
        QVERIFY(filter->isTrue(row("US", 1.0)));
    }

    void inLists()
    {
        QCOMPARE(eval("status in ('active', 'trial')", row("CN", 1.0, "trial")), std::string("true"));
        QCOMPARE(eval("status in ('active', 'trial')", row("CN", 1.0, "suspended")), std::string("false"));
        QCOMPARE(eval("status not in ('active')", row("CN", 1.0, "suspended")), std::string("true"));
        QCOMPARE(eval("status in ('active')", row("CN", 1.0, Value())), std::string("null"));
        QCOMPARE(eval("status in ('active', null)", row("CN", 1.0, "x")), std::string("null"));
        QCOMPARE(eval("age in (18, 30, 65)", row("CN", 1.0)), std::string("true"));
        QCOMPARE(eval("country in ('CN', 'HK', 'TW') and not status in ('suspended')", row("HK", 1.0)),
                 std::string("true"));
    }

    void functionsAndUnicode()
    {
        const Row r = row("cn", 1.0, " Active ");
        QCOMPARE(eval("days_since(last_login) <= 7", r), std::string("true")); // 2026-03-25 is 4 days ago
        QCOMPARE(eval("days_since(last_login) <= 3", r), std::string("false"));
        QCOMPARE(eval("days_since(last_login) <= 7", row("cn", 1.0, "a", 1, false, Value())), std::string("null"));
        QCOMPARE(eval("lower(trim(status)) == 'active'", r), std::string("true"));
        QCOMPARE(eval("upper(country) == 'CN'", r), std::string("true"));
        QCOMPARE(eval("length(城市) == 3", r), std::string("true"));
        QCOMPARE(eval("城市 == '北京市'", r), std::string("true"));
        QCOMPARE(eval("`城市` == \"北京市\"", r), std::string("true"));
        QCOMPARE(eval("`first name` == '伟'", r), std::string("true"));
        QCOMPARE(eval("coalesce(status, 'none') == ' Active '", r), std::string("true"));
        QCOMPARE(eval("coalesce(country, 'none') == 'none'", row(Value(), 1.0)), std::string("true"));
        QCOMPARE(eval("status == 'it''s'", row("CN", 1.0, "it's")), std::string("true"));
        QCOMPARE(eval("status == 'it\\'s'", row("CN", 1.0, "it's")), std::string("true"));
    }

    void syntaxErrors()
    {
        QCOMPARE(error("country == 'CN' and"), std::string("mapping.syntax: unexpected end of expression at position 20"));
        QCOMPARE(error("country == 'CN' }"), std::string("mapping.syntax: unexpected '}' at position 17"));
        QCOMPARE(error("城市 == '北京' and }"), std::string("mapping.syntax: unexpected '}' at position 16"));
        QCOMPARE(error("country == 'CN"), std::string("mapping.syntax: unterminated text at position 12"));
        QCOMPARE(error("(country == 'CN'"),
                 std::string("mapping.syntax: expected ')' but found end of expression at position 17"));
        QCOMPARE(error("status in 'a'"), std::string("mapping.syntax: expected '(' after 'in' at position 11"));
        QCOMPARE(error("status in ('a' 'b')"),
                 std::string("mapping.syntax: expected ',' or ')' but found text 'b' at position 16"));
        QCOMPARE(error("country is 5"), std::string("mapping.syntax: expected 'null' after 'is' at position 12"));
        QCOMPARE(error("country == 'CN' country"), std::string("mapping.syntax: unexpected 'country' at position 17"));
        QCOMPARE(error("country == == 'CN'"), std::string("mapping.syntax: unexpected '==' at position 12"));
        QCOMPARE(error("and country"), std::string("mapping.syntax: unexpected 'and' at position 1"));
        QCOMPARE(error("12abc > 1"), std::string("mapping.syntax: unexpected 'a' after a number at position 3"));
        QCOMPARE(error("total_spend > 1 | 2"), std::string("mapping.syntax: unexpected '|' at position 17"));
        QCOMPARE(error("foo(country)"),
                 std::string("mapping.syntax: unknown function 'foo' (functions are days_since, lower, upper, trim, "
                             "length, coalesce) at position 1"));
        QCOMPARE(error("lower(country, status)"),
                 std::string("mapping.syntax: lower() takes 1 argument, not 2, at position 1"));
        QCOMPARE(error("coalesce()"), std::string("mapping.syntax: coalesce() takes at least 1 argument, not 0, at position 1"));
        QCOMPARE(error(""), std::string("mapping.syntax: the expression is empty"));
        QCOMPARE(error("   "), std::string("mapping.syntax: the expression is empty"));
    }

    void unknownColumns()
    {
        QCOMPARE(error("contry == 'CN'"), std::string("mapping.unknown_column: unknown column 'contry' at position 1"));
        QCOMPARE(error("age > 1 and Country == 'CN'"),
                 std::string("mapping.unknown_column: unknown column 'Country' (did you mean 'country'?) at position 13"));
        QCOMPARE(error("`in` == 1"), std::string("mapping.unknown_column: unknown column 'in' at position 1"));
    }

    void hostileNestingIsRefused()
    {
        const std::string deep = std::string(1000, '(') + "age" + std::string(1000, ')');
        QCOMPARE(error(deep), std::string("mapping.syntax: nesting deeper than 64 levels at position 65"));
        std::string nots;
        for (int i = 0; i < 1000; ++i)
            nots += "not ";
        QCOMPARE(error(nots + "vip"), std::string("mapping.syntax: nesting deeper than 64 levels at position 257"));
        const std::string ok = std::string(64, '(') + "age > 1" + std::string(64, ')');
        QCOMPARE(error(ok), std::string("ok"));
    }

    void deepNestingStaysLinear()
    {
        // A long chain compiles and evaluates (no exponential blow-up, no surprises).
        std::string text = "country == 'CN'";
        for (int i = 0; i < 200; ++i)
            text += " or age == " + std::to_string(i);
        QCOMPARE(eval(text, row("US", 1.0)), std::string("true")); // age 30 is in the chain
    }
};

QTEST_GUILESS_MAIN(TstMappingExpression)
#include "tst_mapping_expression.moc"

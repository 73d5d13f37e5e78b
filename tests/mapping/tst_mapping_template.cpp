// Templates: {{ value | filters }} and {% if %} blocks, rendering with NULLs
// and Chinese text, and exact syntax errors with character positions.

#include "mapping/template.h"

#include "mappingtest.h"

#include <QTest>

using namespace sluice;
using namespace sluice::mapping;

namespace {

const std::vector<Column> columns = {
    {"first_name", ValueType::Text, "TEXT"}, {"last_name", ValueType::Text, "TEXT"},
    {"nickname", ValueType::Text, "TEXT"},   {"address", ValueType::Text, "TEXT"},
    {"signup", ValueType::Text, "DATE"},     {"ts", ValueType::Text, "TEXT"},
    {"total_spend", ValueType::Real, "REAL"}, {"last_login", ValueType::Text, "TEXT"},
};

constexpr std::int64_t now = 1774778400; // 2026-03-29T10:00:00Z

struct Fixture {
    Value first = "张", last = "伟", nickname, address = "北京市朝阳区建国路88号";
    Value signup = "2026-03-29", ts = "2026-03-29T20:30:00Z", spend = 1520.55, lastLogin = "2026-03-25";
    Row row() const { return {first, last, nickname, address, signup, ts, spend, lastLogin}; }
};

std::string render(std::string_view text, const Row &row, std::string *warning = nullptr)
{
    auto t = Template::compile(text, columns, now);
    if (!t)
        return "error: " + t.error().message;
    std::string out, w;
    t->render(row, out, w);
    if (warning)
        *warning = w;
    return out;
}

std::string error(std::string_view text)
{
    auto t = Template::compile(text, columns, now);
    return t ? "ok" : t.error().code + ": " + t.error().message;
}

} // namespace

class TstMappingTemplate : public QObject {
    Q_OBJECT
private slots:
    void values()
    {
        Fixture f;
        QCOMPARE(render("{{first_name}} {{last_name}}", f.row()), std::string("张 伟"));
        QCOMPARE(render("{{ first_name }}{{ last_name }}", f.row()), std::string("张伟"));
        QCOMPARE(render("plain text, no tags", f.row()), std::string("plain text, no tags"));
        QCOMPARE(render("", f.row()), std::string());
        QCOMPARE(render("{{ total_spend }}", f.row()), std::string("1520.55"));
        QCOMPARE(render("{{ '{{' }} literal {{ \"}}\" }}", f.row()), std::string("{{ literal }}"));
        QCOMPARE(render("{{ 42 }} {{ true }} {{ null }}|", f.row()), std::string("42 true |"));
        QCOMPARE(render("{ single } braces %} stay", f.row()), std::string("{ single } braces %} stay"));
        f.last = Value();
        QCOMPARE(render("{{first_name}} {{last_name}}", f.row()), std::string("张 ")); // NULL renders empty
    }

    void filters()
    {
        Fixture f;
        f.first = "  ana ";
        QCOMPARE(render("{{ first_name | trim | upper }}", f.row()), std::string("ANA"));
        QCOMPARE(render("{{ first_name | trim | lower }}", f.row()), std::string("ana"));
        QCOMPARE(render("{{ nickname | default('n/a') }}", f.row()), std::string("n/a"));
        f.nickname = "";
        QCOMPARE(render("{{ nickname | default('n/a') }}", f.row()), std::string("n/a"));
        f.nickname = "Ana";
        QCOMPARE(render("{{ nickname | default('n/a') }}", f.row()), std::string("Ana"));
        QCOMPARE(render("{{ nickname | default(0) | upper }}", f.row()), std::string("ANA"));
        QCOMPARE(render("{{ address | truncate(3) }}", f.row()), std::string("北京市"));
        QCOMPARE(render("{{ address | truncate(6, '…') }}", f.row()), std::string("北京市朝阳…"));
        QCOMPARE(render("{{ address | truncate(100, '…') }}", f.row()), std::string("北京市朝阳区建国路88号"));
        QCOMPARE(render("{{ total_spend | round(1) }}", f.row()), std::string("1520.6"));
        QCOMPARE(render("{{ total_spend | round }}", f.row()), std::string("1521"));
        QCOMPARE(render("{{ signup | date('%d/%m/%Y') }}", f.row()), std::string("29/03/2026"));
        QCOMPARE(render("{{ ts | date('%Y-%m-%d %H:%M', '+08:00') }}", f.row()), std::string("2026-03-30 04:30"));
        QCOMPARE(render("{{ ts | date('%Y年%m月%d日', 'Asia/Shanghai') }}", f.row()), std::string("2026年03月30日"));
        QCOMPARE(render("{{ ts | date('epoch') }}", f.row()), std::string("1774816200"));
        f.signup = Value();
        QCOMPARE(render("[{{ signup | date('%d/%m/%Y') }}]", f.row()), std::string("[]"));
    }

    void filterProblemsBecomeWarnings()
    {
        Fixture f;
        f.signup = "garbage";
        std::string warning;
        QCOMPARE(render("<{{ signup | date('%d/%m/%Y') }}>", f.row(), &warning), std::string("<garbage>"));
        QCOMPARE(warning, std::string("date: 'garbage' is not an ISO 8601 date or date-time"));
        f.first = "abc";
        QCOMPARE(render("{{ first_name | round(2) }}", f.row(), &warning), std::string("abc"));
        QCOMPARE(warning, std::string("round: 'abc' is not a number"));
    }

    void conditionals()
    {
        const std::string tier = "{% if total_spend > 10000 %}VIP{% elif total_spend > 1000 %}Premium"
                                 "{% else %}Standard{% endif %}";
        Fixture f;
        f.spend = 20000;
        QCOMPARE(render(tier, f.row()), std::string("VIP"));
        f.spend = 1500.0;
        QCOMPARE(render(tier, f.row()), std::string("Premium"));
        f.spend = 10;
        QCOMPARE(render(tier, f.row()), std::string("Standard"));
        f.spend = Value(); // unknown is not true: the else branch
        QCOMPARE(render(tier, f.row()), std::string("Standard"));

        const std::string engagement = "{% if days_since(last_login) <= 7 %}Active{% else %}Inactive{% endif %}";
        QCOMPARE(render(engagement, f.row()), std::string("Active"));
        f.lastLogin = "2026-03-01";
        QCOMPARE(render(engagement, f.row()), std::string("Inactive"));
        f.lastLogin = Value();
        QCOMPARE(render(engagement, f.row()), std::string("Inactive"));

        const std::string nested = "{% IF nickname is null %}{% if first_name == '张' %}张先生{% endif %}"
                                   "{% else %}{{ nickname }}{% endif %}!";
        QCOMPARE(render(nested, Fixture().row()), std::string("张先生!"));
        f = Fixture();
        f.nickname = "小伟";
        QCOMPARE(render(nested, f.row()), std::string("小伟!"));
        QCOMPARE(render("{% if false %}x{% endif %}", f.row()), std::string());
        QCOMPARE(render("a{% if true %}b{% elif true %}c{% endif %}d", f.row()), std::string("abd"));
    }

    void syntaxErrors()
    {
        QCOMPARE(error("Hello {{ first_name"), std::string("mapping.syntax: unterminated '{{' at position 7"));
        QCOMPARE(error("{{ first_name } }}"), std::string("mapping.syntax: unexpected '}' at position 15"));
        QCOMPARE(error("{% if total_spend > }VIP{% endif %}"),
                 std::string("mapping.syntax: unexpected '}' at position 21"));
        QCOMPARE(error("{{ }}"), std::string("mapping.syntax: unexpected '}}' at position 4"));
        QCOMPARE(error("{{ first_name %}"), std::string("mapping.syntax: unexpected '%}' at position 15"));
        QCOMPARE(error("{{ first_name last_name }}"), std::string("mapping.syntax: unexpected 'last_name' at position 15"));
        QCOMPARE(error("{{ first_name | lowr }}"),
                 std::string("mapping.syntax: unknown filter 'lowr' (filters are lower, upper, trim, default, date, "
                             "truncate, round) at position 17"));
        QCOMPARE(error("{{ first_name | }}"), std::string("mapping.syntax: expected a filter name but found '}}' at position 17"));
        QCOMPARE(error("{{ first_name | truncate(0) }}"),
                 std::string("mapping.syntax: wrong arguments for filter 'truncate' at position 17: it takes a "
                             "length of at least 1 and an optional suffix, as in truncate(20, '...')"));
        QCOMPARE(error("{{ first_name | upper(1) }}"),
                 std::string("mapping.syntax: wrong arguments for filter 'upper' at position 17: it takes none"));
        QCOMPARE(error("{{ first_name | default(last_name) }}"),
                 std::string("mapping.syntax: filter arguments are text, numbers, true, false or null; unexpected "
                             "'last_name' at position 25"));
        QCOMPARE(error("{{ ts | date('%Y-%Q') }}"),
                 std::string("mapping.format_syntax: unknown directive '%Q' at position 18 (known: %Y %m %d %H %M %S "
                             "%f %z %y %I %p %b %B %a %A %F %T %%)"));
        QCOMPARE(error("{{ ts | date('%Y', 'Mars/Base') }}"),
                 std::string("mapping.syntax: unknown time zone 'Mars/Base' (not in the system time zone database) at "
                             "position 20"));
        QCOMPARE(error("{{ frist_name }}"), std::string("mapping.unknown_column: unknown column 'frist_name' at position 4"));
        QCOMPARE(error("Hi {{ 'oops }}"), std::string("mapping.syntax: unterminated text at position 7"));
    }

    void blockErrors()
    {
        QCOMPARE(error("{% if total_spend > 1 %}x"),
                 std::string("mapping.syntax: missing '{% endif %}' for the 'if' at position 1"));
        QCOMPARE(error("x{% endif %}"), std::string("mapping.syntax: unexpected 'endif' (no open 'if') at position 5"));
        QCOMPARE(error("{% else %}"), std::string("mapping.syntax: unexpected 'else' (no open 'if') at position 4"));
        QCOMPARE(error("{% for x in y %}"),
                 std::string("mapping.syntax: unknown tag 'for' (tags are if, elif, else and endif) at position 4"));
        QCOMPARE(error("{% %}"),
                 std::string("mapping.syntax: unexpected '%}' (tags are if, elif, else and endif) at position 4"));
        QCOMPARE(error("{% if true %}1{% else %}2{% else %}3{% endif %}"),
                 std::string("mapping.syntax: 'else' after 'else' at position 29"));
        QCOMPARE(error("{% if true %}1{% else %}2{% elif false %}3{% endif %}"),
                 std::string("mapping.syntax: 'elif' after 'else' at position 29"));
        QCOMPARE(error("{% if true %}1{% endif now %}"), std::string("mapping.syntax: unexpected 'now' at position 24"));
        QCOMPARE(error("{% if %}x{% endif %}"), std::string("mapping.syntax: unexpected '%}' at position 7"));
        QCOMPARE(error("{% if true }}x{% endif %}"), std::string("mapping.syntax: unexpected '}}' at position 12"));
        std::string deep;
        for (int i = 0; i < 40; ++i)
            deep += "{% if true %}";
        QCOMPARE(error(deep), std::string("mapping.syntax: 'if' blocks nested deeper than 32 levels at position 417"));
    }
};

QTEST_GUILESS_MAIN(TstMappingTemplate)
#include "tst_mapping_template.moc"

// The customer schema and audiences as JSON: canonical and byte-stable,
// strict (errors name the JSON path), and the SQL each dialect is given.

#include "audiences/audiencejson.h"
#include "audiences/audiencesql.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace sluice;
using namespace sluice::audiences;
using nlohmann::json;

namespace {

const char *const kSchema = R"({
  "parent": {"model": "user_360", "key": "user_id"},
  "relations": [
    {"name": "orders", "model": "orders", "fromColumn": "user_id", "column": "user_id", "cardinality": "oneToMany",
     "timeColumn": "ordered_at"},
    {"name": "stores", "model": "stores", "from": "orders", "fromColumn": "store_id", "column": "store_id",
     "cardinality": "manyToOne"}
  ],
  "events": [{"name": "app", "model": "events", "keyColumn": "user_id", "timeColumn": "at", "nameColumn": "event"}]
})";

const char *const kAudience = R"({
  "name": "vip_shanghai",
  "description": "VIP customers in Shanghai who bought in the last 30 days but did not open the app this week",
  "match": "all",
  "conditions": [
    {"property": "user_tier", "op": "equals", "value": "VIP"},
    {"property": "city", "op": "in", "values": ["Shanghai", "上海"]},
    {"relation": "orders", "quantifier": "any", "window": {"lastDays": 30}},
    {"event": "app", "name": "app_open", "test": "didNot", "window": {"lastDays": 7}},
    {"match": "any", "conditions": [{"audience": "churned", "include": false},
                                    {"relation": "orders", "aggregate": "sum", "column": "amount", "op": "greater", "value": 1000}]}
  ]
})";

std::map<std::string, ModelShape> shapes()
{
    auto col = [](const char *name, ValueType type, const char *declared) { return Column{name, type, declared}; };
    std::map<std::string, ModelShape> out;
    out["user_360"] = {"wh",
                       "SELECT * FROM users",
                       {col("user_id", ValueType::Integer, "NUMBER(38,0)"), col("user_tier", ValueType::Text, "TEXT"),
                        col("city", ValueType::Text, "TEXT")}};
    out["orders"]
        = {"wh",
           "SELECT * FROM orders;",
           {col("user_id", ValueType::Integer, "NUMBER(38,0)"), col("store_id", ValueType::Integer, "NUMBER(38,0)"),
            col("amount", ValueType::Real, "FLOAT"), col("ordered_at", ValueType::Text, "TIMESTAMP_TZ")}};
    out["stores"] = {"wh", "SELECT * FROM stores", {col("store_id", ValueType::Integer, "NUMBER(38,0)")}};
    out["events"] = {"wh",
                     "SELECT * FROM events",
                     {col("user_id", ValueType::Integer, "NUMBER(38,0)"), col("event", ValueType::Text, "TEXT"),
                      col("at", ValueType::Text, "TIMESTAMP_NTZ")}};
    return out;
}

} // namespace

class TstAudienceJson : public QObject {
    Q_OBJECT

private slots:
    void schemaAndAudienceRoundTripByteStable()
    {
        auto schema = customerSchemaFromJson(json::parse(kSchema));
        QVERIFY2(schema, schema ? "" : schema.error().describe().c_str());
        QCOMPARE(schema->relations.size(), std::size_t(2));
        QCOMPARE(schema->relations[1].cardinality, Cardinality::ManyToOne);
        const std::string once = customerSchemaToJson(*schema).dump(2);
        auto again = customerSchemaFromJson(json::parse(once));
        QVERIFY(again && *again == *schema);
        QCOMPARE(customerSchemaToJson(*again).dump(2), once);

        auto audience = audienceFromJson(json::parse(kAudience));
        QVERIFY2(audience, audience ? "" : audience.error().describe().c_str());
        QCOMPARE(audience->root.conditions.size(), std::size_t(5));
        const std::string text = audienceToJson(*audience).dump(2);
        auto back = audienceFromJson(json::parse(text));
        QVERIFY(back && *back == *audience);
        QCOMPARE(audienceToJson(*back).dump(2), text);
        QVERIFY(text.find("上海") != std::string::npos);
    }

    void schemaErrorsNameTheirPath_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("error");
        QTest::newRow("no parent") << R"({"relations": []})"
                                   << "$.parent: required: {\"model\": ..., \"key\": ...}";
        QTest::newRow("empty key") << R"({"parent": {"model": "m", "key": ""}})"
                                   << "$.parent.key: must not be empty";
        QTest::newRow("from a later relation")
            << R"({"parent": {"model": "m", "key": "k"}, "relations": [{"name": "a", "model": "x", "from": "b", "fromColumn": "c", "column": "c"}]})"
            << "$.relations[0].from: 'b' is not a relation listed before this one";
        QTest::newRow("a name twice")
            << R"({"parent": {"model": "m", "key": "k"}, "relations": [{"name": "a", "model": "x", "fromColumn": "c", "column": "c"}], "events": [{"name": "a", "model": "e", "keyColumn": "k", "timeColumn": "t"}]})"
            << "$.events[0].name: 'a' is already a relation or event";
        QTest::newRow("tags without a model") << R"({"parent": {"model": "m", "key": "k"}, "tags": {"columns": []}})"
                                              << "$.tags.model: required";
        QTest::newRow("the key listed as a tag column")
            << R"({"parent": {"model": "m", "key": "k"}, "tags": {"model": "t", "columns": ["email", "k"]}})"
            << "$.tags.columns[1]: 'k' is listed twice (the key is always in)";
        QTest::newRow("cardinality")
            << R"({"parent": {"model": "m", "key": "k"}, "relations": [{"name": "a", "model": "x", "fromColumn": "c", "column": "c", "cardinality": "many"}]})"
            << "$.relations[0].cardinality: unknown value 'many' (oneToMany, manyToOne)";
    }

    void schemaErrorsNameTheirPath()
    {
        QFETCH(QString, schema);
        QFETCH(QString, error);
        auto parsed = customerSchemaFromJson(json::parse(schema.toStdString()));
        QVERIFY(!parsed);
        QCOMPARE(QString::fromStdString(parsed.error().describe()), error);
    }

    void audienceErrorsNameTheirPath_data()
    {
        QTest::addColumn<QString>("audience");
        QTest::addColumn<QString>("error");
        QTest::newRow("two kinds") << R"({"name": "a", "conditions": [{"property": "x", "event": "e"}]})"
                                   << "$.conditions[0]: a condition has exactly one of property, relation, event, "
                                      "audience or conditions (a group)";
        QTest::newRow("in without a list")
            << R"({"name": "a", "conditions": [{"property": "x", "op": "in", "value": 1}]})"
            << "$.conditions[0].values: 'in' takes a list of values";
        QTest::newRow("between with one")
            << R"({"name": "a", "conditions": [{"property": "x", "op": "between", "values": [1]}]})"
            << "$.conditions[0].values: 'between' takes exactly 2 values";
        QTest::newRow("days missing") << R"({"name": "a", "conditions": [{"property": "x", "op": "inLastDays"}]})"
                                      << "$.conditions[0].days: required";
        QTest::newRow("a count in words")
            << R"({"name": "a", "conditions": [{"event": "e", "test": "count", "op": "atLeast", "value": "three"}]})"
            << "$.conditions[0].value: a count is a whole number";
        QTest::newRow("nested group typo") << R"({"name": "a", "conditions": [{"match": "every", "conditions": []}]})"
                                           << "$.conditions[0].match: unknown value 'every' (all, any)";
        QTest::newRow("window both")
            << R"({"name": "a", "conditions": [{"relation": "o", "window": {"lastDays": 3, "since": "2026-01-01"}}]})"
            << "$.conditions[0].window: give one of lastDays and since";
        QTest::newRow("a day the calendar lacks")
            << R"({"name": "a", "conditions": [{"relation": "o", "window": {"since": "2026-02-29"}}]})"
            << "$.conditions[0].window.since: must be a day written YYYY-MM-DD, from 1900 to 2199";
        QTest::newRow("a year no clock holds (found by fuzz_audience)")
            << R"({"name": "a", "conditions": [{"event": "e", "test": "didNot", "window": {"since": "1013-11-01"}}]})"
            << "$.conditions[0].window.since: must be a day written YYYY-MM-DD, from 1900 to 2199";
        QTest::newRow("a tag that is no field name")
            << R"({"name": "a", "tag": "vip tag", "conditions": []})"
            << "$.tag: 'vip tag' is not a field name (letters, digits and _, not starting with a digit, up to 63)";
        QTest::newRow("NUL in text") << QString::fromUtf8(
            "{\"name\": \"a\", \"conditions\": [{\"property\": \"x\", \"op\": \"equals\", \"value\": \"a\\u0000b\"}]}")
                                     << "$.conditions[0].value: text may not hold a NUL character";
    }

    void audienceErrorsNameTheirPath()
    {
        QFETCH(QString, audience);
        QFETCH(QString, error);
        auto parsed = audienceFromJson(json::parse(audience.toStdString()));
        QVERIFY(!parsed);
        QCOMPARE(QString::fromStdString(parsed.error().describe()), error);
    }

    // Tags: the schema's tags model and an audience's tag read and written
    // back the same; the tags SQL has the key, the listed columns and one
    // true/false column per tag, for every customer.
    void tagsRoundTripAndCompile()
    {
        json schemaDoc = json::parse(kSchema);
        schemaDoc["tags"] = {{"model", "customer_tags"}, {"columns", {"city"}}};
        auto schema = customerSchemaFromJson(schemaDoc);
        QVERIFY2(schema, schema ? "" : schema.error().describe().c_str());
        QVERIFY(schema->tags && schema->tags->model == "customer_tags");
        QCOMPARE(customerSchemaToJson(*schema).dump(), schemaDoc.dump());

        auto vip = audienceFromJson(json::parse(R"({"name": "vip", "tag": "tag_vip", "conditions": [
            {"property": "user_tier", "op": "equals", "value": "VIP"}]})"));
        QVERIFY(vip && vip->tag == "tag_vip");
        QCOMPARE(audienceToJson(*vip)["tag"].get<std::string>(), std::string("tag_vip"));
        std::map<std::string, AudienceDef> audiences{{"vip", *vip}};
        const auto models = shapes();
        CompileContext context{&*schema, &models, &audiences, Dialect::PostgreSQL, {}, nullptr};
        auto sql = compileTags({&*vip}, context);
        QVERIFY2(sql, sql ? "" : sql.error().describe().c_str());
        QCOMPARE(*sql, std::string("SELECT p.\"user_id\", p.\"city\",\n"
                                   "  CASE WHEN ((p.\"user_tier\" = 'VIP')) THEN TRUE ELSE FALSE END AS \"tag_vip\"\n"
                                   "FROM (\nSELECT * FROM users\n) AS p\nORDER BY p.\"user_id\""));

        // A tag may not take a column's name; a listed column must exist.
        AudienceDef clash = *vip;
        clash.tag = "city";
        auto refused = compileTags({&clash}, context);
        QVERIFY(!refused);
        QCOMPARE(QString::fromStdString(refused.error().describe()),
                 QString("audience 'vip': $.tag: the tag 'city' is already a column of the tags model customer_tags"));
        schema->tags->columns = {"email"};
        auto missing = compileTags({&*vip}, context);
        QVERIFY(!missing);
        QCOMPARE(QString::fromStdString(missing.error().describe()),
                 QString("$.customerSchema.tags.columns[0]: 'email' is not a column of user_360"));
    }

    // Snowflake is not run here (tst_audience_cases runs SQLite and
    // PostgreSQL); its SQL uses its own functions and typed time literals.
    void snowflakeSqlUsesItsOwnFunctions()
    {
        auto schema = customerSchemaFromJson(json::parse(kSchema));
        auto audience = audienceFromJson(json::parse(kAudience));
        QVERIFY(schema && audience);
        std::map<std::string, AudienceDef> audiences{
            {"churned", *audienceFromJson(
                            json{{"name", "churned"},
                                 {"conditions", {{{"property", "city"}, {"op", "startsWith"}, {"value", "It\'s"}}}}})}};
        const auto models = shapes();
        auto zone = mapping::TimeZone::find("Asia/Shanghai");
        QVERIFY(zone);
        CompileContext context{&*schema,
                               &models,
                               &audiences,
                               Dialect::Snowflake,
                               std::chrono::sys_seconds(std::chrono::seconds(1796637600)), // 2026-12-07T10:00:00Z
                               *zone};
        auto compiled = compileAudience(*audience, context);
        QVERIFY2(compiled, compiled ? "" : compiled.error().describe().c_str());
        const std::string &sql = compiled->membersSql;
        QVERIFY2(sql.find("\"user_tier\" = 'VIP'") != std::string::npos, sql.c_str());
        QVERIFY(sql.find("IN ('Shanghai', '上海')") != std::string::npos);
        // The last 30 local days start at 16:00 UTC on 2026-11-07, a TIMESTAMP_TZ.
        QVERIFY2(sql.find("\"ordered_at\" >= TO_TIMESTAMP_TZ('2026-11-07T16:00:00Z')") != std::string::npos,
                 sql.c_str());
        // TIMESTAMP_NTZ holds UTC wall-clock time.
        QVERIFY(sql.find("\"at\" >= TO_TIMESTAMP_NTZ('2026-11-30 16:00:00')") != std::string::npos);
        QVERIFY(sql.find("STARTSWITH(lower(") != std::string::npos);
        QVERIFY(sql.find("'It''s'") != std::string::npos);
        QVERIFY(sql.find("SELECT * FROM orders\n)") != std::string::npos); // the trailing ';' is gone
        QVERIFY(sql.find("COALESCE(SUM(") != std::string::npos);
        QCOMPARE(compiled->funnelSteps, std::size_t(5));
    }
};

QTEST_GUILESS_MAIN(TstAudienceJson)
#include "tst_audience_json.moc"

// A whole mapping: a HubSpot-style 10-field mapping over user_360-style rows,
// the exact payload JSON of the preview, row filter and sampling settings
// over many rows, reused output storage, and the speed of the payload path.
//
// The compile errors of mapping entries and sync settings, with their JSON
// paths, are case files under cases/entries and cases/settings run by
// tst_mapping_cases.

#include "mapping/mapper.h"
#include "mapping/preview.h"
#include "mapping/sampling.h"

#include "mappingtest.h"
#include <QElapsedTimer>

#include <QTest>

#include <algorithm>

using namespace sluice;
using nlohmann::json;

namespace {

const std::vector<Column> columns = {
    {"user_id", ValueType::Integer, "INTEGER"},  {"email", ValueType::Text, "TEXT"},
    {"first_name", ValueType::Text, "TEXT"},     {"last_name", ValueType::Text, "TEXT"},
    {"phone", ValueType::Text, "TEXT"},          {"country", ValueType::Text, "TEXT"},
    {"city", ValueType::Text, "TEXT"},           {"status", ValueType::Text, "TEXT"},
    {"total_spend", ValueType::Real, "REAL"},    {"last_login_date", ValueType::Text, "DATE"},
    {"signup_at", ValueType::Text, "TIMESTAMP"},
};

MappingContext context()
{
    MappingContext c;
    c.columns = columns;
    c.primaryKey = {"user_id"};
    c.now = std::chrono::sys_seconds(std::chrono::seconds(1774778400)); // 2026-03-29T10:00:00Z
    return c;
}

const json hubspotMapping = json::parse(R"([
  {"field": "email", "column": "email", "transforms": [{"type": "trim"}, {"type": "lower"}],
   "rules": [{"type": "email", "action": "reject"}]},
  {"field": "full_name", "template": "{{ first_name | trim }} {{ last_name }}"},
  {"field": "phone", "column": "phone", "rules": [{"type": "phone", "defaultCountryCode": "86", "action": "dropField"}]},
  {"field": "lifecyclestage", "column": "status",
   "transforms": [{"type": "valueMap", "map": {"active": "customer", "inactive": "lead"},
                   "unmapped": "default", "default": "other"}]},
  {"field": "lifetime_value", "column": "total_spend", "transforms": [{"type": "round", "decimals": 2}]},
  {"field": "engagement_level",
   "template": "{% if days_since(last_login_date) <= 7 %}Active{% else %}Inactive{% endif %}"},
  {"field": "user_tier",
   "template": "{% if total_spend > 10000 %}VIP{% elif total_spend > 1000 %}Premium{% else %}Standard{% endif %}"},
  {"field": "signup_at", "column": "signup_at", "transforms": [{"type": "cast", "to": "datetime", "timeZone": "+08:00"}]},
  {"field": "source", "value": "sluice", "comment": "lets HubSpot users see where a contact came from"},
  {"field": "hashed_email", "column": "email", "transforms": [{"type": "hash", "normalize": "email", "onError": "warn"}]}
])");

Row ana()
{
    return {std::int64_t(1), " Ana@Example.com", "Ana ",   "Lima",       "+55 11 91234-5678",   "BR",
            "São Paulo",     "active",           1520.555, "2026-03-25", "2026-03-01T02:00:00Z"};
}

Row zhang()
{
    return {std::int64_t(2), "zhang.wei@example.cn", "张",    "伟",   "138 1234 5678", "CN", "北京市",
            "suspended",     std::int64_t(20000),    Value(), Value()};
}

Row broken()
{
    return {std::int64_t(3), "not-an-email",        "Bo", Value(), "call me", Value(), Value(), Value(), Value(),
            "2020-01-01",    "2026-13-01T00:00:00Z"};
}

std::string problems(const std::vector<FieldProblem> &list)
{
    std::string out;
    for (const FieldProblem &p : list)
        out += p.field + "." + p.rule + "/" + std::string(problemActionName(p.action)) + ": " + p.message + "\n";
    return out;
}

std::string compileError(const json &mapping, const json &settings = json::object(),
                         const MappingContext &c = context())
{
    auto mapper = Mapper::compile(mapping, settings, c);
    return mapper ? "ok" : mapper.error().code + " " + mapper.error().describe();
}

} // namespace

class TstMappingMapper : public QObject {
    Q_OBJECT
private slots:
    void payloadPreview()
    {
        auto mapper = Mapper::compile(hubspotMapping, json::object(), context());
        QVERIFY2(mapper, mapper ? "" : mapper.error().describe().c_str());
        QCOMPARE(mapper->fieldNames(),
                 (std::vector<std::string>{"email", "full_name", "phone", "lifecyclestage", "lifetime_value",
                                           "engagement_level", "user_tier", "signup_at", "source", "hashed_email"}));
        QCOMPARE(mapper->fieldTypes(),
                 (std::vector<FieldType>{FieldType::Text, FieldType::Text, FieldType::Text, FieldType::Text,
                                         FieldType::Decimal, FieldType::Text, FieldType::Text, FieldType::DateTime,
                                         FieldType::Text, FieldType::Text}));

        auto preview = previewPayloads(*mapper, {ana(), zhang(), broken()});
        QVERIFY(preview);
        QCOMPARE(preview->size(), std::size_t(3));

        const PayloadPreview &a = (*preview)[0];
        QCOMPARE(a.json,
                 std::string(R"({"email":"ana@example.com","full_name":"Ana Lima","phone":"+5511912345678",)"
                             R"("lifecyclestage":"customer","lifetime_value":1520.56,"engagement_level":"Active",)"
                             R"("user_tier":"Premium","signup_at":"2026-03-01T10:00:00+08:00","source":"sluice",)"
                             R"("hashed_email":"8e43ca37701228e74983efdbd0cff5c16b3b1e5d4e29a7c05626d4d25a018e11"})"));
        QCOMPARE(problems(a.problems), std::string());
        QVERIFY(!a.rejected && !a.skipped);
        QVERIFY(json::accept(a.json));

        const PayloadPreview &z = (*preview)[1];
        QCOMPARE(z.json,
                 std::string(R"({"email":"zhang.wei@example.cn","full_name":"张 伟","phone":"+8613812345678",)"
                             R"("lifecyclestage":"other","lifetime_value":20000,"engagement_level":"Inactive",)"
                             R"("user_tier":"VIP","signup_at":null,"source":"sluice",)"
                             R"("hashed_email":"6556e597b93d3ab0a040555abc77ec91464828002e99ac3fc2a0863ada29fa07"})"));
        QCOMPARE(
            problems(z.problems),
            std::string(
                "lifecyclestage.valueMap/warn: 'suspended' is not in the value map; sent as the default 'other'\n"));
        QVERIFY(!z.rejected);

        const PayloadPreview &b = (*preview)[2];
        QCOMPARE(b.json,
                 std::string(R"({"email":"not-an-email","full_name":"Bo ","lifecyclestage":null,"lifetime_value":null,)"
                             R"("engagement_level":"Inactive","user_tier":"Standard","source":"sluice",)"
                             R"("hashed_email":null})"));
        QCOMPARE(problems(b.problems),
                 std::string("email.email/reject: 'not-an-email' is not a valid e-mail address\n"
                             "phone.phone/dropField: 'call me' is not a phone number\n"
                             "signup_at.cast/reject: '2026-13-01T00:00:00Z' is not a valid date-time\n"
                             "hashed_email.hash/warn: 'not-an-email' is not a valid e-mail address\n"));
        QVERIFY(b.rejected);
    }

    void applyReusesStorage()
    {
        auto mapper = Mapper::compile(hubspotMapping, json::object(), context());
        QVERIFY(mapper);
        MappedRow out;
        mapper->apply(broken(), out);
        QCOMPARE(out.fields.size(), std::size_t(8));
        mapper->apply(ana(), out);
        QCOMPARE(out.fields.size(), std::size_t(10));
        QCOMPARE(out.fields[2].name, std::string("phone"));
        QVERIFY(out.problems.empty());
        QVERIFY(!out.rejected);
        mapper->apply(broken(), out);
        QCOMPARE(out.fields[2].name, std::string("lifecyclestage"));
        QVERIFY(out.rejected);
    }

    void rowFilter()
    {
        auto mapper
            = Mapper::compile(hubspotMapping, json{{"filter", "country == 'CN' and total_spend > 100"}}, context());
        QVERIFY(mapper);
        auto preview = previewPayloads(*mapper, {ana(), zhang(), broken()});
        QVERIFY(preview);
        QVERIFY((*preview)[0].skipped);
        QCOMPARE((*preview)[0].json, std::string());
        QVERIFY(!(*preview)[1].skipped);
        QVERIFY((*preview)[2].skipped);          // NULL country: unknown, not true
        QVERIFY((*preview)[2].problems.empty()); // skipped rows are not validated

        auto cleared = Mapper::compile(hubspotMapping, json{{"filter", "  "}, {"batchSize", 500}}, context());
        QVERIFY(cleared); // an empty filter keeps every row; other settings belong to the sync engine
        QVERIFY(!cleared->apply(ana()).skipped);
    }

    void samplingByKey()
    {
        auto mapper = Mapper::compile(json::array({{{"field", "id"}, {"column", "user_id"}}}),
                                      json{{"samplePercent", 10}}, context());
        QVERIFY(mapper);
        auto run = [&] {
            std::vector<std::int64_t> kept;
            Row r = zhang();
            for (std::int64_t id = 1; id <= 10000; ++id) {
                r[0] = id;
                if (!mapper->apply(r).skipped)
                    kept.push_back(id);
            }
            return kept;
        };
        const auto first = run();
        QCOMPARE(run(), first); // the same rows every run
        QVERIFY2(first.size() >= 910 && first.size() <= 1090, std::to_string(first.size()).c_str());
        for (std::int64_t id : first)
            QVERIFY(mapping::inSample(std::to_string(id), 10)); // the documented hash of the key text

        auto all = Mapper::compile(hubspotMapping, json{{"samplePercent", 100}}, MappingContext{columns, {}, {}});
        QVERIFY(all); // 100% needs no key
    }

    void nullSettingsAreNoSettings() { QCOMPARE(compileError(hubspotMapping, json()), std::string("ok")); }

    void staticValues()
    {
        auto mapper = Mapper::compile(json::parse(R"([{"field":"n","value":1},{"field":"r","value":0.5},
            {"field":"b","value":false},{"field":"z","value":null},{"field":"t","value":"张伟"},
            {"field":"big","value":18446744073709551615}])"),
                                      json::object(), context());
        QVERIFY(mapper);
        auto preview = previewPayloads(*mapper, {ana()});
        QCOMPARE((*preview)[0].json,
                 std::string(R"({"n":1,"r":0.5,"b":false,"z":null,"t":"张伟","big":18446744073709551616})"));
    }

    void rowWidth()
    {
        auto mapper = Mapper::compile(hubspotMapping, json::object(), context());
        QVERIFY(mapper);
        auto preview = previewPayloads(*mapper, {ana(), Row{Value(1)}});
        QVERIFY(!preview);
        QCOMPARE(preview.error().code, std::string("mapping.row_width"));
        QCOMPARE(preview.error().describe(), std::string("row 2: the row has 1 values; the model has 11 columns"));
        const MappedRow short_ = mapper->apply(Row{Value(1)});
        QVERIFY(short_.rejected);
        QCOMPARE(problems(short_.problems),
                 std::string(".row/reject: the row has 1 values; the model has 11 columns\n"));
    }

    void speedOfThePayloadPath()
    {
        auto mapper = Mapper::compile(hubspotMapping, json::object(), context());
        QVERIFY(mapper);
        std::vector<Row> rows;
        for (int i = 0; i < 100; ++i) {
            Row r = i % 2 ? ana() : zhang();
            r[0] = std::int64_t(i);
            r[8] = 100.0 * i + 0.125;
            rows.push_back(std::move(r));
        }
        qint64 best = std::numeric_limits<qint64>::max();
        for (int round = 0; round < 20; ++round) {
            QElapsedTimer timer;
            timer.start();
            auto preview = previewPayloads(*mapper, rows);
            const qint64 ns = timer.nsecsElapsed();
            QVERIFY(preview);
            QCOMPARE(preview->size(), std::size_t(100));
            best = std::min(best, ns);
        }
        qInfo("100 rows x 10 fields (templates, value map, cast with zone, hash, rules) to JSON: best of 20 = %.3f ms",
              double(best) / 1e6);
        QVERIFY2(best < 20'000'000, std::to_string(best).c_str());
    }
};

QTEST_GUILESS_MAIN(TstMappingMapper)
#include "tst_mapping_mapper.moc"

// Mapping + validation and payload building: the cost of the live payload
// preview (100 rows through a 10-field mapping with transforms, which must
// follow typing in the designer: target well under 20 ms) and of the payload
// path of a sync, per row. Baseline in the same process: building the same
// payload as an nlohmann::json DOM and dump()ing it.

#include "formats/jsonwriter.h"
#include "mapping/mappedjson.h"
#include "mapping/mapper.h"
#include "mapping/preview.h"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

using namespace sluice;
using nlohmann::json;

namespace {

std::vector<Column> columns()
{
    return {{"user_id", ValueType::Integer, "INTEGER"},   {"email", ValueType::Text, "TEXT"},
            {"first_name", ValueType::Text, "TEXT"},      {"last_name", ValueType::Text, "TEXT"},
            {"phone", ValueType::Text, "TEXT"},           {"country", ValueType::Text, "TEXT"},
            {"status", ValueType::Text, "TEXT"},          {"total_spend", ValueType::Real, "REAL"},
            {"last_login_date", ValueType::Text, "TEXT"}, {"city", ValueType::Text, "TEXT"}};
}

std::vector<Row> rows(int n)
{
    std::vector<Row> out;
    for (int i = 0; i < n; ++i)
        out.push_back(Row{Value(std::int64_t(i + 1)), Value(" User" + std::to_string(i) + "@Example.com "),
                          Value(i % 3 ? "Ana" : "伟"), Value(i % 2 ? "Lima" : "张"),
                          i % 10 ? Value("+1 555 010 " + std::to_string(1000 + i)) : Value(),
                          Value(i % 4 ? "US" : "CN"), Value(i % 5 ? "active" : "suspended"), Value(double(i) * 13.37),
                          Value("2026-10-" + std::to_string(10 + i % 20)), Value(i % 2 ? "北京市朝阳区" : "Austin")});
    return out;
}

json tenFieldMapping()
{
    return json::parse(R"JSON([
      {"field": "id", "column": "user_id"},
      {"field": "email", "column": "email", "transforms": [{"type": "trim"}, {"type": "lower"}],
       "rules": [{"type": "email", "action": "reject"}]},
      {"field": "email_sha256", "column": "email", "transforms": [{"type": "hash"}]},
      {"field": "full_name", "template": "{{ first_name | trim }} {{ last_name | upper }}"},
      {"field": "phone", "column": "phone", "rules": [{"type": "phone", "action": "warn"}]},
      {"field": "country", "column": "country"},
      {"field": "lifecycle", "column": "status",
       "transforms": [{"type": "valueMap", "map": {"active": "customer", "suspended": "lead"}, "unmapped": "passThrough"}]},
      {"field": "tier", "template": "{% if total_spend > 10000 %}VIP{% elif total_spend > 1000 %}Premium{% else %}Standard{% endif %}"},
      {"field": "spend", "column": "total_spend", "transforms": [{"type": "round", "decimals": 2}]},
      {"field": "city", "column": "city", "rules": [{"type": "maxLength", "max": 40, "action": "warn"}]}
    ])JSON");
}

Mapper compiled()
{
    auto m = Mapper::compile(tenFieldMapping(), json::object(), MappingContext{columns(), {"user_id"}, {}});
    if (!m) {
        fprintf(stderr, "mapping does not compile: %s\n", m.error().describe().c_str());
        std::abort();
    }
    return std::move(*m);
}

// The designer's live preview: compile the mapping (it changes as the user
// types) and run 100 rows through it.
void BM_PayloadPreview100Rows(benchmark::State &state)
{
    const auto data = rows(100);
    for (auto _ : state) {
        Mapper mapper = compiled();
        auto previews = previewPayloads(mapper, data);
        benchmark::DoNotOptimize(previews);
    }
    state.SetItemsProcessed(state.iterations() * 100);
}
BENCHMARK(BM_PayloadPreview100Rows)->Unit(benchmark::kMillisecond);

// The sync's payload path, per row: map + validate + write JSON directly.
void BM_MapAndWriteJson(benchmark::State &state)
{
    const Mapper mapper = compiled();
    const auto data = rows(1000);
    MappedRow mapped;
    std::string out;
    std::size_t i = 0;
    for (auto _ : state) {
        mapper.apply(data[i++ % data.size()], mapped);
        out.clear();
        appendJsonObject(out, mapped);
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MapAndWriteJson);

// Baseline: the same ten fields as an nlohmann::json DOM, then dump().
void BM_NlohmannDomPayload(benchmark::State &state)
{
    const auto data = rows(1000);
    std::size_t i = 0;
    for (auto _ : state) {
        const Row &r = data[i++ % data.size()];
        json j;
        j["id"] = r[0].asInteger();
        j["email"] = r[1].asText();
        j["email_sha256"] = r[1].asText();
        j["full_name"] = r[2].asText() + " " + r[3].asText();
        j["phone"] = r[4].isNull() ? json(nullptr) : json(r[4].asText());
        j["country"] = r[5].asText();
        j["lifecycle"] = r[6].asText();
        j["tier"] = "Standard";
        j["spend"] = r[7].asReal();
        j["city"] = r[9].asText();
        std::string out = j.dump();
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NlohmannDomPayload);

// Only the JSON writing of an already mapped row, against nlohmann's dump.
void BM_JsonWriterOnly(benchmark::State &state)
{
    const Mapper mapper = compiled();
    MappedRow mapped;
    mapper.apply(rows(1)[0], mapped);
    std::string out;
    for (auto _ : state) {
        out.clear();
        appendJsonObject(out, mapped);
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_JsonWriterOnly);

} // namespace

BENCHMARK_MAIN();

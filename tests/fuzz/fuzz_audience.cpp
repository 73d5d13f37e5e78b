// libFuzzer target: an audience or a customer schema as a shared project
// holds it (audiences/audiencejson.h), and an audience that reads compiled
// to SQL for every dialect against a fixed schema: reading never crashes,
// compiling never crashes, and whatever compiles writes back to the same
// audience; a tagged audience compiles into the tags model too.
#include "audiences/audiencejson.h"
#include "audiences/audiencesql.h"
#include "core/jsonparse.h"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

using namespace sluice;
using namespace sluice::audiences;

const CustomerSchema &schema()
{
    static const CustomerSchema s = *customerSchemaFromJson(nlohmann::json::parse(R"({
      "parent": {"model": "c", "key": "id"}, "timeZone": "+08:00", "tags": {"model": "t", "columns": ["city"]},
      "relations": [{"name": "orders", "model": "o", "fromColumn": "id", "column": "cid", "timeColumn": "at"},
                    {"name": "store", "model": "s", "from": "orders", "fromColumn": "sid", "column": "sid",
                     "cardinality": "manyToOne"}],
      "events": [{"name": "app", "model": "e", "keyColumn": "cid", "timeColumn": "at", "nameColumn": "event"}]})"));
    return s;
}

const std::map<std::string, ModelShape> &shapes()
{
    static const std::map<std::string, ModelShape> m = [] {
        auto col = [](const char *n, ValueType t, const char *d) { return Column{n, t, d}; };
        std::map<std::string, ModelShape> out;
        out["c"] = {"w",
                    "SELECT * FROM c",
                    {col("id", ValueType::Integer, "bigint"), col("city", ValueType::Text, "text"),
                     col("spend", ValueType::Real, "numeric"), col("seen", ValueType::Text, "timestamp with time zone"),
                     col("born", ValueType::Text, "date"), col("vip", ValueType::Boolean, "boolean")}};
        out["o"] = {"w",
                    "SELECT * FROM o",
                    {col("cid", ValueType::Integer, ""), col("sid", ValueType::Integer, ""),
                     col("amount", ValueType::Real, ""), col("at", ValueType::Text, "")}};
        out["s"] = {"w",
                    "SELECT * FROM s",
                    {col("sid", ValueType::Integer, "NUMBER(38,0)"), col("city", ValueType::Text, "TEXT")}};
        out["e"] = {"w",
                    "SELECT * FROM e",
                    {col("cid", ValueType::Integer, ""), col("event", ValueType::Text, ""),
                     col("at", ValueType::Text, "TIMESTAMP_NTZ")}};
        return out;
    }();
    return m;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    auto doc = parseJsonText(text, "fuzz", "audience");
    if (!doc)
        return 0;
    if (auto s = customerSchemaFromJson(*doc); s) {
        auto again = customerSchemaFromJson(customerSchemaToJson(*s));
        if (!again || !(*again == *s))
            std::abort(); // the canonical form must read back the same
    }
    auto audience = audienceFromJson(*doc);
    if (!audience)
        return 0;
    auto again = audienceFromJson(audienceToJson(*audience));
    if (!again || !(*again == *audience))
        std::abort();
    std::map<std::string, AudienceDef> audiences{{audience->name, *audience}};
    auto zone = mapping::TimeZone::find("+08:00"); // no file: the fuzzer needs no tz database
    if (!zone)
        std::abort();
    for (Dialect d : {Dialect::SQLite, Dialect::PostgreSQL, Dialect::Snowflake}) {
        CompileContext context{
            &schema(), &shapes(), &audiences, d, std::chrono::sys_seconds(std::chrono::seconds(1796637600)), *zone};
        (void)compileAudience(*audience, context);
        if (!audience->tag.empty())
            (void)compileTags({&*audience}, context);
    }
    return 0;
}

#include "audiencerunner.h"

#include "formats/numbers.h"

#include <chrono>
#include <set>

namespace sluice::audiences {

namespace {

using mapping::numericValue;

constexpr std::int64_t kTypingRows = 100;

std::int64_t countAt(const Row &row, std::size_t i)
{
    if (i >= row.size())
        return 0;
    auto n = numericValue(row[i]);
    return n ? std::int64_t(*n) : 0;
}

} // namespace

Result<std::map<std::string, ModelShape>> readModelShapes(Source &source, const std::string &sourceName,
                                                          const std::vector<ModelDef> &models,
                                                          const CustomerSchema &schema)
{
    std::set<std::string> wanted{schema.parentModel};
    for (const RelationDef &r : schema.relations)
        wanted.insert(r.model);
    for (const EventDef &e : schema.events)
        wanted.insert(e.model);
    std::map<std::string, ModelShape> out;
    for (const ModelDef &m : models) {
        if (!wanted.count(m.name))
            continue;
        ModelShape shape{m.source, m.sql, {}};
        if (m.source == sourceName && !m.sql.empty()) {
            auto preview = previewModel(source, m, kTypingRows);
            if (!preview)
                return std::unexpected(preview.error().within("model '" + m.name + "'"));
            shape.columns = std::move(preview->columns);
        }
        out.emplace(m.name, std::move(shape));
    }
    return out;
}

Result<AudienceSize> measureAudience(Source &source, const CompiledAudience &compiled, Match rootMatch)
{
    const auto started = std::chrono::steady_clock::now();
    auto row = firstRow(source, compiled.funnelSql);
    if (!row)
        return std::unexpected(row.error());
    AudienceSize size;
    size.customers = countAt(*row, 0);
    for (std::size_t i = 0; i < compiled.funnelSteps; ++i)
        size.funnel.push_back(countAt(*row, i + 1));
    if (!size.funnel.empty())
        size.members = size.funnel.back();
    else
        size.members = rootMatch == Match::All ? size.customers : 0;
    size.elapsedMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return size;
}

Result<std::int64_t> countMembers(Source &source, const CompiledAudience &compiled)
{
    auto row = firstRow(source, compiled.countSql);
    if (!row)
        return std::unexpected(row.error());
    return countAt(*row, 0);
}

Result<Row> firstRow(Source &source, const std::string &sql)
{
    auto cursor = source.query(QuerySpec{sql, std::nullopt, {}, false, {}});
    if (!cursor)
        return std::unexpected(cursor.error());
    Row row;
    auto more = (*cursor)->next(row);
    if (!more)
        return std::unexpected(more.error());
    if (!*more)
        return failed("audience.no_row", "the query returned no row");
    return row;
}

Result<ModelPreview> previewMembers(Source &source, const CompiledAudience &compiled, std::int64_t limit)
{
    // The members query is previewed like a model: LIMIT pushed down, one
    // row more to tell whether there are more, expression columns typed.
    ModelDef members;
    members.name = "audience members";
    members.sql = compiled.membersSql;
    return previewModel(source, members, limit);
}

} // namespace sluice::audiences

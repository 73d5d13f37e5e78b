#include "modellookup.h"

#include "models/modelrunner.h"
#include "sources/sourcekinds.h"

#include <map>
#include <memory>
#include <tuple>

namespace sluice {

using nlohmann::json;

json effectiveMapping(const SyncDef &sync, const std::vector<Column> &columns)
{
    if (sync.mapping.is_array() && !sync.mapping.empty())
        return sync.mapping;
    json m = json::array();
    for (const auto &c : columns)
        m.push_back(json{{"field", c.name}, {"column", c.name}});
    return m;
}

LookupTable makeModelLookup(const ProjectConfig &config, const std::string &projectDir, SecretAccess secrets)
{
    using Table = std::unordered_map<std::string, Value>;
    auto cache
        = std::make_shared<std::map<std::tuple<std::string, std::string, std::string>, std::shared_ptr<const Table>>>();
    return
        [config, projectDir, cache, secrets](const std::string &modelName, const std::string &keyColumn,
                                             const std::string &valueColumn) -> Result<std::shared_ptr<const Table>> {
            const auto id = std::make_tuple(modelName, keyColumn, valueColumn);
            if (auto hit = cache->find(id); hit != cache->end())
                return hit->second;
            const ModelDef *model = nullptr;
            for (const auto &m : config.models)
                if (m.name == modelName)
                    model = &m;
            if (!model)
                return invalidInput("lookup.no_model", "no model named '" + modelName + "' to look up in");
            const SourceDef *sourceDef = nullptr;
            for (const auto &s : config.sources)
                if (s.name == model->source)
                    sourceDef = &s;
            if (!sourceDef)
                return invalidInput("lookup.no_source", "model '" + modelName + "' has no source");
            auto source = makeSource(*sourceDef, SourceContext{projectDir, secrets});
            if (!source)
                return std::unexpected(source.error());
            QuerySpec spec;
            spec.sql = model->sql;
            auto cursor = (*source)->query(spec);
            if (!cursor)
                return std::unexpected(cursor.error().within("lookup model '" + modelName + "'"));
            auto idx = keyColumnIndexes((*cursor)->columns(), {keyColumn, valueColumn});
            if (!idx)
                return std::unexpected(idx.error().within("lookup model '" + modelName + "'"));
            auto table = std::make_shared<Table>();
            Row row;
            for (;;) {
                auto more = (*cursor)->next(row);
                if (!more)
                    return std::unexpected(more.error());
                if (!*more)
                    break;
                if (!row[(*idx)[0]].isNull())
                    table->emplace(row[(*idx)[0]].toString(), row[(*idx)[1]]);
            }
            (*cache)[id] = table;
            return std::shared_ptr<const Table>(table);
        };
}

} // namespace sluice

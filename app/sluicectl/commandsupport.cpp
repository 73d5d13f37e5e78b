#include "commandsupport.h"

#include "audiences/projectaudience.h"
#include "core/envref.h"

#include <chrono>
#include <iostream>

namespace sluice::cli {

using nlohmann::json;

void printJson(const json &doc)
{
    std::cout << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

Result<std::unique_ptr<ProjectStore>> openProject(const std::string &path)
{
    return ProjectStore::open(path);
}

Result<LoadedProject> loadProject(const std::string &path)
{
    return ProjectStore::openLoaded(path);
}

Result<ModelAndSource> modelAndSource(const std::string &path, const std::string &modelName)
{
    auto store = openProject(path);
    if (!store)
        return std::unexpected(store.error());
    auto model = (*store)->model(modelName);
    if (!model) {
        // An audience is a model too (its members, keyed as the customers).
        auto config = (*store)->load();
        if (!config)
            return std::unexpected(config.error());
        if (!audiences::namesAudienceModel(*config, modelName))
            return std::unexpected(model.error());
        model = audiences::modelOrAudience(*config, modelName,
                                           SourceContext{(*store)->directory(), (*store)->secretAccess()},
                                           std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
        if (!model)
            return std::unexpected(model.error().within((*store)->path()));
    }
    auto sourceDef = (*store)->source(model->source);
    if (!sourceDef)
        return std::unexpected(sourceDef.error());
    auto source = makeSource(*sourceDef, SourceContext{(*store)->directory(), (*store)->secretAccess()});
    if (!source)
        return std::unexpected(source.error());
    return ModelAndSource{std::move(*store), std::move(*model), std::move(*source)};
}

Result<std::unique_ptr<Source>> namedSource(const std::string &path, const std::string &name)
{
    auto store = openProject(path);
    if (!store)
        return std::unexpected(store.error());
    auto def = (*store)->source(name);
    if (!def)
        return std::unexpected(def.error());
    return makeSource(*def, SourceContext{(*store)->directory(), (*store)->secretAccess()});
}

} // namespace sluice::cli

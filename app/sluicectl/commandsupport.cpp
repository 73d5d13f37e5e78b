#include "commandsupport.h"

#include "core/envref.h"

#include <iostream>

namespace sluice::cli {

using nlohmann::json;

int exitCodeFor(const Error &e)
{
    return e.kind == ErrorKind::InvalidInput ? 2 : 1;
}

// The single line a failing command prints.
int report(const Error &e)
{
    // One line, always: newlines from user input or server messages are shown escaped.
    std::string line = redactSecrets(e.describe()); // a server may echo a credential
    std::string out;
    for (char c : line) {
        if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else
            out += c;
    }
    std::cerr << "error: " << out << "\n";
    return exitCodeFor(e);
}

void printJson(const json &doc)
{
    std::cout << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

Result<std::unique_ptr<ProjectStore>> openProject(const std::string &path)
{
    return ProjectStore::open(path);
}

Result<ModelAndSource> modelAndSource(const std::string &path, const std::string &modelName)
{
    auto store = openProject(path);
    if (!store)
        return std::unexpected(store.error());
    auto model = (*store)->model(modelName);
    if (!model)
        return std::unexpected(model.error());
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

#pragma once
// Internal to sluicectl's command files (commands.cpp and the *commands.cpp
// groups): how a failing command reports its error, JSON output, and opening
// a project, a model with its live source, or a named source.

#include "clioutput.h"

#include "project/projectstore.h"
#include "sources/sourcekinds.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace sluice::cli {

void printJson(const nlohmann::json &doc);

Result<std::unique_ptr<ProjectStore>> openProject(const std::string &path);

// A project opened and its configuration read (ProjectStore::openLoaded).
Result<LoadedProject> loadProject(const std::string &path);

// Resolves a model and a live source for it.
struct ModelAndSource {
    std::unique_ptr<ProjectStore> store;
    ModelDef model;
    std::unique_ptr<Source> source;
};

Result<ModelAndSource> modelAndSource(const std::string &path, const std::string &modelName);

Result<std::unique_ptr<Source>> namedSource(const std::string &path, const std::string &name);

} // namespace sluice::cli

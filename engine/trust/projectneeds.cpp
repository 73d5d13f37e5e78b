#include "trust/projectneeds.h"

#include "core/fileutil.h"
#include "core/settingsspec.h"
#include "destinations/destinationkinds.h"
#include "sources/sourcekinds.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>

namespace sluice {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// Every string in `value` with its path below the settings ("headers.X-Token").
void strings(const json &value, const std::string &path, std::vector<std::pair<std::string, std::string>> &out)
{
    if (value.is_string())
        out.emplace_back(path, value.get<std::string>());
    else if (value.is_object())
        for (const auto &[key, item] : value.items())
            strings(item, path.empty() ? key : path + "." + key, out);
    else if (value.is_array())
        for (std::size_t i = 0; i < value.size(); ++i)
            strings(value[i], path + "[" + std::to_string(i) + "]", out);
}

struct Collector {
    const std::string &dir;
    const KeychainHas &keychainHas;
    std::vector<ProjectNeed> needs;
    std::set<std::string> secretsSeen; // one line per missing variable or entry

    void entity(const std::string &section, const std::string &name, const KindSpec *spec, const json &settings)
    {
        if (spec)
            for (const SettingSpec &s : spec->settings) {
                const auto it = settings.find(s.key);
                if (s.type != SettingType::Path || it == settings.end() || !it->is_string()
                    || it->get<std::string>().empty())
                    continue;
                const std::string path = absolutePath(it->get<std::string>(), dir);
                std::error_code ec;
                if (section == "source" && !fs::exists(path, ec))
                    needs.push_back({ProjectNeed::Kind::File, section, name, s.key, it->get<std::string>(), path});
                const fs::path folder = fs::path(path).parent_path();
                if (section == "destination" && !folder.empty() && !fs::is_directory(folder, ec))
                    needs.push_back(
                        {ProjectNeed::Kind::Folder, section, name, s.key, it->get<std::string>(), folder.string()});
            }
        std::vector<std::pair<std::string, std::string>> texts;
        strings(settings, "", texts);
        static const std::regex ref(R"(\$\{(env|keychain):([A-Za-z0-9_.\-/]+)\})");
        for (const auto &[setting, text] : texts)
            for (auto m = std::sregex_iterator(text.begin(), text.end(), ref); m != std::sregex_iterator(); ++m) {
                const bool env = (*m)[1] == "env";
                const std::string key = (*m)[2];
                const bool present = env ? std::getenv(key.c_str()) != nullptr : keychainHas && keychainHas(key);
                if (present || !secretsSeen.insert((env ? "env:" : "keychain:") + key).second)
                    continue;
                needs.push_back({env ? ProjectNeed::Kind::Environment : ProjectNeed::Kind::Keychain, section, name,
                                 setting, text, key});
            }
    }
};

} // namespace

std::string ProjectNeed::describe() const
{
    const std::string who = section + " '" + entity + "'";
    switch (kind) {
    case Kind::File: return fmt::format("{}: file {} does not exist ({})", who, name, setting);
    case Kind::Folder: return fmt::format("{}: folder {} does not exist ({})", who, name, setting);
    case Kind::Environment:
        return fmt::format("{}: environment variable {} is not set ({} uses ${{env:{}}})", who, name, setting, name);
    case Kind::Keychain:
        return fmt::format("{}: keychain entry {} is missing ({}); the desktop app keeps it", who, name, setting);
    }
    return who;
}

std::vector<ProjectNeed> projectNeeds(const ProjectConfig &config, const std::string &projectDir,
                                      const KeychainHas &keychainHas)
{
    Collector c{projectDir, keychainHas, {}, {}};
    for (const SourceDef &s : config.sources)
        c.entity("source", s.name, findKind(sourceKinds(), s.kind), s.settings);
    for (const DestinationDef &d : config.destinations)
        c.entity("destination", d.name, findDestinationKind(d.kind), d.settings);
    return c.needs;
}

} // namespace sluice

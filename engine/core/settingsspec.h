#pragma once
// Describes the settings of each kind of source (and later destination):
// their types, defaults, which are required and which are secrets. One table
// drives validation on save and import, the connection forms in the app, and
// docs/project-format.md.

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sluice {

enum class SettingType { String, Integer, Boolean, Path, Choice, Character, Number, StringMap };

struct SettingSpec {
    std::string key;
    SettingType type = SettingType::String;
    bool required = false;
    bool secret = false;            // must hold a ${env:...} / ${keychain:...} reference
                                    // (whole value, or inside it: "Bearer ${env:TOKEN}")
    nlohmann::json defaultValue;    // null: no default
    std::vector<std::string> choices; // for SettingType::Choice
    std::string label;              // English label, translated by the UI
    std::string help;
};

struct KindSpec {
    std::string kind;   // "sqlite", "postgres", "csv"
    std::string label;  // "SQLite file"
    std::vector<SettingSpec> settings;

    const SettingSpec *find(const std::string &key) const;
};

// Checks `settings` (a JSON object) against `spec`: unknown keys, missing
// required keys, wrong types, secrets given in plain text. `where` prefixes
// each error ("$.sources[0].settings").
Result<> validateSettings(const KindSpec &spec, const nlohmann::json &settings,
                          const std::string &where);

// True for setting or header names that carry credentials (Authorization, api_key, ...).
bool looksLikeCredential(const std::string &name);

// `settings` with every default filled in.
nlohmann::json withDefaults(const KindSpec &spec, const nlohmann::json &settings);

} // namespace sluice

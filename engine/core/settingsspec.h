#pragma once
// Describes the settings of each kind of source (and later destination):
// their types, defaults, which are required and which are secrets. One table
// drives validation on save and import, the connection forms in the app, and
// docs/project-format.md.

#include "core/envref.h"
#include "core/error.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace sluice {

enum class SettingType { String, Integer, Boolean, Path, Choice, Character, Number, StringMap };

struct SettingSpec {
    std::string key;
    SettingType type = SettingType::String;
    bool required = false;
    bool secret = false;              // must hold a ${env:...} / ${keychain:...} reference
                                      // (whole value, or inside it: "Bearer ${env:TOKEN}")
    nlohmann::json defaultValue;      // null: no default
    std::vector<std::string> choices; // for SettingType::Choice
    std::string label;                // English label, translated by the UI
    std::string help;
};

struct KindSpec {
    std::string kind;  // "sqlite", "postgres", "csv"
    std::string label; // "SQLite file"
    std::vector<SettingSpec> settings;

    const SettingSpec *find(const std::string &key) const;
};

// Checks `settings` (a JSON object) against `spec`: unknown keys, missing
// required keys, wrong types, secrets given in plain text. `where` prefixes
// each error ("$.sources[0].settings").
// The kind named `kind` among `kinds`, or nullptr.
const KindSpec *findKind(const std::vector<KindSpec> &kinds, const std::string &kind);

// A setting as text with its ${env:} / ${keychain:} references resolved
// ("" when absent; other JSON as its text). Credentials, and URLs (which may
// carry one), resolve as secrets: remembered for redaction.
Result<std::string> resolvedSetting(const nlohmann::json &settings, const std::string &key, const std::string &where,
                                    SecretAccess access);

Result<> validateSettings(const KindSpec &spec, const nlohmann::json &settings, const std::string &where);

// True for setting or header names that carry credentials (Authorization,
// X-Auth-Key, api_key, access_token, Cookie, ...).
bool looksLikeCredential(const std::string &name);
// True for values shaped like a credential whatever they are called: provider
// key prefixes (sk_live_, sk-..., xoxb-, ghp_, AKIA...), JSON Web Tokens, and
// "Bearer <literal>" / "Basic <literal>".
bool looksLikeSecretValue(const std::string &value);
// For an http(s) URL holding a secret in plain text (a credential-looking
// query parameter such as ?token=..., a password before the host), what
// carries it ("the URL's query parameter 'token'"); nullopt otherwise.
std::optional<std::string> plainSecretInUrl(const std::string &url);

// `settings` with every default filled in.
nlohmann::json withDefaults(const KindSpec &spec, const nlohmann::json &settings);

} // namespace sluice

#include "settingsspec.h"

#include "core/envref.h"

#include <algorithm>
#include <regex>

namespace sluice {

const SettingSpec *KindSpec::find(const std::string &key) const
{
    for (const auto &s : settings)
        if (s.key == key)
            return &s;
    return nullptr;
}

bool looksLikeCredential(const std::string &name)
{
    static const std::regex re("(authorization|password|passwd|token|secret|api[-_]?key|credentials?)",
                               std::regex::icase);
    return std::regex_search(name, re);
}

namespace {
bool typeMatches(const SettingSpec &spec, const nlohmann::json &v)
{
    switch (spec.type) {
    case SettingType::String:
    case SettingType::Path:
    case SettingType::Choice:
    case SettingType::Character:
        return v.is_string();
    case SettingType::Integer:
        return v.is_number_integer() || (v.is_string() && isSecretReference(v.get<std::string>()));
    case SettingType::Boolean:
        return v.is_boolean();
    case SettingType::Number:
        return v.is_number();
    case SettingType::StringMap:
        if (!v.is_object())
            return false;
        for (const auto &[k, item] : v.items())
            if (!item.is_string())
                return false;
        return true;
    }
    return false;
}

// A secret setting holds a reference and nothing else, except an optional
// auth scheme word in front ("Bearer ${env:TOKEN}"): any other text next to
// the reference would be a secret (or part of one) stored in plain text.
bool holdsOnlyReferencedSecret(const std::string &v)
{
    if (v.empty())
        return true;
    static const std::regex ref(R"(\$\{(env|keychain):[A-Za-z0-9_.\-/]+\})");
    static const std::regex scheme(R"(^([A-Za-z][A-Za-z0-9-]* )?$)");
    const std::string rest = std::regex_replace(v, ref, "");
    return rest.size() < v.size() && std::regex_match(rest, scheme);
}

std::string typeName(SettingType t)
{
    switch (t) {
    case SettingType::String: return "a string";
    case SettingType::Path: return "a file path";
    case SettingType::Choice: return "one of the listed choices";
    case SettingType::Character: return "a single character";
    case SettingType::Integer: return "an integer";
    case SettingType::Boolean: return "true or false";
    case SettingType::Number: return "a number";
    case SettingType::StringMap: return "an object of strings";
    }
    return "a value";
}
} // namespace

Result<> validateSettings(const KindSpec &spec, const nlohmann::json &settings,
                          const std::string &where)
{
    if (!settings.is_object())
        return invalidInput("settings.not_object", "settings must be a JSON object", where);
    for (const auto &[key, value] : settings.items()) {
        const SettingSpec *s = spec.find(key);
        const std::string at = where + "." + key;
        if (!s)
            return invalidInput("settings.unknown", "unknown setting '" + key + "' for a "
                                    + spec.kind + " connection", at);
        if (value.is_null())
            continue;
        if (!typeMatches(*s, value))
            return invalidInput("settings.type", "must be " + typeName(s->type), at);
        if (s->secret && value.is_string() && !holdsOnlyReferencedSecret(value.get<std::string>()))
            return invalidInput("settings.plain_secret",
                                "'" + key + "' is a secret: give a reference such as ${env:NAME}, "
                                "never the secret itself",
                                at);
        if (s->type == SettingType::StringMap) {
            // Header-like maps: credential-looking entries must be references too.
            for (const auto &[name, item] : value.items())
                if (looksLikeCredential(name) && !holdsOnlyReferencedSecret(item.get<std::string>()))
                    return invalidInput("settings.plain_secret",
                                        "'" + name + "' carries a secret: give a reference such as "
                                        "${env:NAME}, never the secret itself",
                                        at + "." + name);
        }
        if (s->type == SettingType::Choice) {
            const auto str = value.get<std::string>();
            if (std::find(s->choices.begin(), s->choices.end(), str) == s->choices.end()) {
                std::string list;
                for (const auto &c : s->choices)
                    list += (list.empty() ? "" : ", ") + c;
                return invalidInput("settings.choice", "'" + str + "' is not one of: " + list, at);
            }
        }
        if (s->type == SettingType::Character && value.get<std::string>().size() != 1
            && value.get<std::string>() != "\\t")
            return invalidInput("settings.character", "must be exactly one character", at);
    }
    for (const auto &s : spec.settings) {
        if (s.required && s.defaultValue.is_null()
            && (!settings.contains(s.key) || settings[s.key].is_null()
                || (settings[s.key].is_string() && settings[s.key].get<std::string>().empty())))
            return invalidInput("settings.required", "required setting '" + s.key + "' is missing",
                                where);
    }
    return {};
}

nlohmann::json withDefaults(const KindSpec &spec, const nlohmann::json &settings)
{
    nlohmann::json out = settings.is_object() ? settings : nlohmann::json::object();
    for (const auto &s : spec.settings)
        if (!s.defaultValue.is_null() && (!out.contains(s.key) || out[s.key].is_null()))
            out[s.key] = s.defaultValue;
    return out;
}

} // namespace sluice

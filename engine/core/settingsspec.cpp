#include "settingsspec.h"

#include "core/envref.h"

#include <algorithm>
#include <optional>
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
    // "Authorization", "X-Auth-Key", "x-api-key", "apikey", "access_token", "X-Signature", "Cookie", ...
    static const std::regex re("(auth|password|passwd|pwd|token|secret|key|credential|signature|cookie|session)",
                               std::regex::icase);
    return std::regex_search(name, re);
}

bool looksLikeSecretValue(const std::string &value)
{
    // Well-known credential shapes, whatever the header is called: provider
    // prefixes (Stripe, Slack, GitHub, AWS, OpenAI-style), JSON Web Tokens,
    // and an auth scheme followed by a literal.
    static const std::regex known(
        R"((^|[^A-Za-z0-9])((sk|pk|rk)[-_](live|test)[-_][A-Za-z0-9]{6,}|sk-[A-Za-z0-9_-]{16,}|xox[abposr]-[A-Za-z0-9-]{8,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|AKIA[0-9A-Z]{16}|eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}))");
    static const std::regex scheme(R"(^\s*(Bearer|Basic|Token|Digest)\s+[^$\s])", std::regex::icase);
    return std::regex_search(value, known) || std::regex_search(value, scheme);
}

std::optional<std::string> plainSecretInUrl(const std::string &url)
{
    if (!url.starts_with("http://") && !url.starts_with("https://"))
        return std::nullopt;
    const std::size_t hostStart = url.find("://") + 3;
    const std::size_t pathStart = url.find_first_of("/?#", hostStart);
    const std::string authority
        = url.substr(hostStart, pathStart == std::string::npos ? std::string::npos : pathStart - hostStart);
    if (const auto at = authority.find('@'); at != std::string::npos && authority.find(':') < at) {
        const std::string password = authority.substr(authority.find(':') + 1, at - authority.find(':') - 1);
        if (!password.empty() && !isSecretReference(password))
            return std::string("a password in the URL (user:password@host)");
    }
    const std::size_t query = url.find('?');
    if (query == std::string::npos)
        return std::nullopt;
    std::size_t at = query + 1;
    while (at < url.size() && url[at] != '#') {
        const std::size_t end = std::min(url.find_first_of("&#", at), url.size());
        const std::string pair = url.substr(at, end - at);
        const std::size_t eq = pair.find('=');
        const std::string name = pair.substr(0, eq);
        const std::string value = eq == std::string::npos ? std::string() : pair.substr(eq + 1);
        if (!value.empty() && !isSecretReference(value)
            && (looksLikeCredential(name) || name == "sig" || name == "code" || looksLikeSecretValue(value)))
            return "the URL's query parameter '" + name + "'";
        at = end + (end < url.size() && url[end] == '&' ? 1 : 0);
        if (end < url.size() && url[end] == '#')
            break;
    }
    return std::nullopt;
}

namespace {
bool typeMatches(const SettingSpec &spec, const nlohmann::json &v)
{
    switch (spec.type) {
    case SettingType::String:
    case SettingType::Path:
    case SettingType::Choice:
    case SettingType::Character: return v.is_string();
    case SettingType::Integer:
        return v.is_number_integer() || (v.is_string() && isSecretReference(v.get<std::string>()));
    case SettingType::Boolean: return v.is_boolean();
    case SettingType::Number: return v.is_number();
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

namespace {
std::unexpected<Error> withArgs(std::unexpected<Error> e, std::vector<std::string> args)
{
    e.error().args = std::move(args);
    return e;
}
} // namespace

Result<> validateSettings(const KindSpec &spec, const nlohmann::json &settings, const std::string &where)
{
    if (!settings.is_object())
        return invalidInput("settings.not_object", "settings must be a JSON object", where);
    for (const auto &[key, value] : settings.items()) {
        const SettingSpec *s = spec.find(key);
        const std::string at = where + "." + key;
        if (!s)
            return withArgs(invalidInput("settings.unknown",
                                         "unknown setting '" + key + "' for a " + spec.kind + " connection", at),
                            {key, spec.kind});
        if (value.is_null())
            continue;
        if (!typeMatches(*s, value))
            return withArgs(invalidInput("settings.type", "must be " + typeName(s->type), at),
                            {key, typeName(s->type)});
        if (s->secret && value.is_string() && !holdsOnlyReferencedSecret(value.get<std::string>()))
            return withArgs(invalidInput("settings.plain_secret",
                                         "'" + key
                                             + "' is a secret: give a reference such as ${env:NAME}, "
                                               "never the secret itself",
                                         at),
                            {key});
        if (s->type == SettingType::StringMap) {
            // Header-like maps: credential-looking entries, and values shaped
            // like a credential under any name, must be references too.
            for (const auto &[name, item] : value.items()) {
                const std::string &text = item.get<std::string>();
                if ((looksLikeCredential(name) || looksLikeSecretValue(text)) && !holdsOnlyReferencedSecret(text))
                    return invalidInput("settings.plain_secret",
                                        "'" + name
                                            + "' carries a secret: give a reference such as "
                                              "${env:NAME}, never the secret itself",
                                        at + "." + name);
            }
        }
        if (value.is_string() && !s->secret)
            if (auto where = plainSecretInUrl(value.get<std::string>()))
                return invalidInput("settings.plain_secret",
                                    *where
                                        + " carries a secret: give a reference such as ${env:NAME} in its place, "
                                          "never the secret itself",
                                    at);
        if (s->type == SettingType::Choice) {
            const auto str = value.get<std::string>();
            if (std::find(s->choices.begin(), s->choices.end(), str) == s->choices.end()) {
                std::string list;
                for (const auto &c : s->choices)
                    list += (list.empty() ? "" : ", ") + c;
                return withArgs(invalidInput("settings.choice", "'" + str + "' is not one of: " + list, at),
                                {key, str, list});
            }
        }
        if (s->type == SettingType::Character && value.get<std::string>().size() != 1
            && value.get<std::string>() != "\\t")
            return withArgs(invalidInput("settings.character", "must be exactly one character", at), {key});
    }
    for (const auto &s : spec.settings) {
        if (s.required && s.defaultValue.is_null()
            && (!settings.contains(s.key) || settings[s.key].is_null()
                || (settings[s.key].is_string() && settings[s.key].get<std::string>().empty())))
            return withArgs(invalidInput("settings.required", "required setting '" + s.key + "' is missing", where),
                            {s.key});
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

const KindSpec *findKind(const std::vector<KindSpec> &kinds, const std::string &kind)
{
    for (const auto &k : kinds)
        if (k.kind == kind)
            return &k;
    return nullptr;
}

Result<std::string> resolvedSetting(const nlohmann::json &settings, const std::string &key, const std::string &where,
                                    SecretAccess access)
{
    if (!settings.contains(key) || settings[key].is_null())
        return std::string();
    if (!settings[key].is_string())
        return settings[key].dump();
    const std::string &value = settings[key].get<std::string>();
    if (looksLikeCredential(key) || value.starts_with("http"))
        return resolveSecretReferences(value, where + "." + key, access);
    return resolveReferences(value, where + "." + key, access);
}

} // namespace sluice

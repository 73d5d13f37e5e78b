#include "envref.h"

#include "core/percentencoding.h"

#include <cctype>
#include <cstdlib>
#include <mutex>
#include <regex>
#include <set>

namespace sluice {
namespace {
std::mutex g_keychainMutex;
KeychainLookup g_keychain;

const std::regex &referencePattern()
{
    static const std::regex re(R"(\$\{(env|keychain):([A-Za-z0-9_.\-/]+)\})");
    return re;
}
} // namespace

bool isSecretReference(const std::string &value)
{
    return std::regex_match(value, referencePattern());
}

void setKeychainLookup(KeychainLookup lookup)
{
    std::lock_guard lock(g_keychainMutex);
    g_keychain = std::move(lookup);
}

namespace {

std::mutex g_secretsMutex;
std::set<std::string> g_secrets; // resolved secret values of this process

Result<std::string> resolve(const std::string &value, const std::string &field, bool secret, SecretAccess access);

} // namespace

void rememberSecret(const std::string &secret)
{
    if (secret.size() < 6)
        return;
    std::lock_guard lock(g_secretsMutex);
    g_secrets.insert(secret);
}

std::string redactSecrets(std::string text)
{
    std::lock_guard lock(g_secretsMutex);
    for (const std::string &secret : g_secrets) {
        for (const std::string &form : {secret, urlEncode(secret)}) {
            for (std::size_t at = text.find(form); at != std::string::npos; at = text.find(form, at + 10))
                text.replace(at, form.size(), "[redacted]");
        }
    }
    return text;
}

Result<std::string> resolveReferences(const std::string &value, const std::string &field, SecretAccess access)
{
    return resolve(value, field, false, access);
}

Result<std::string> resolveSecretReferences(const std::string &value, const std::string &field, SecretAccess access)
{
    return resolve(value, field, true, access);
}

namespace {

Result<std::string> resolve(const std::string &value, const std::string &field, bool secret, SecretAccess access)
{
    if (value.find("${") == std::string::npos)
        return value;
    if (access == SecretAccess::Denied && std::regex_search(value, referencePattern()))
        return invalidInput("secret.untrusted",
                            "the project is not trusted on this machine, so its references (" + value
                                + ") are not read: review and trust it first (sluicectl trust PROJECT, or in the "
                                  "app Project > Review and Trust)",
                            field);
    std::string out;
    auto begin = std::sregex_iterator(value.begin(), value.end(), referencePattern());
    std::size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        const auto &m = *it;
        out.append(value, last, std::size_t(m.position()) - last);
        const std::string scheme = m[1], name = m[2];
        if (scheme == "env") {
            const char *v = std::getenv(name.c_str());
            if (!v)
                return invalidInput("secret.env_missing", "environment variable " + name + " is not set", field);
            out += v;
            if (secret)
                rememberSecret(v);
        } else {
            KeychainLookup lookup;
            {
                std::lock_guard lock(g_keychainMutex);
                lookup = g_keychain;
            }
            if (!lookup)
                return invalidInput(
                    "secret.no_keychain",
                    "keychain entry " + name + " is not available here; use ${env:NAME} for headless runs", field);
            auto v = lookup(name);
            if (!v)
                return std::unexpected(v.error().within(field));
            out += *v;
            if (secret)
                rememberSecret(*v);
        }
        last = std::size_t(m.position() + m.length());
    }
    out.append(value, last);
    return out;
}

} // namespace

} // namespace sluice

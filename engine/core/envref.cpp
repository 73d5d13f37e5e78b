#include "envref.h"

#include <cstdlib>
#include <mutex>
#include <regex>

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

Result<std::string> resolveReferences(const std::string &value, const std::string &field)
{
    if (value.find("${") == std::string::npos)
        return value;
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
                return invalidInput("secret.env_missing",
                                    "environment variable " + name + " is not set", field);
            out += v;
        } else {
            KeychainLookup lookup;
            {
                std::lock_guard lock(g_keychainMutex);
                lookup = g_keychain;
            }
            if (!lookup)
                return invalidInput("secret.no_keychain",
                                    "keychain entry " + name
                                        + " is not available here; use ${env:NAME} for headless runs",
                                    field);
            auto v = lookup(name);
            if (!v)
                return std::unexpected(v.error().within(field));
            out += *v;
        }
        last = std::size_t(m.position() + m.length());
    }
    out.append(value, last);
    return out;
}

} // namespace sluice

#pragma once
// Settings may reference secrets instead of holding them:
//   ${env:NAME}       the value of environment variable NAME (headless runs)
//   ${keychain:KEY}   an entry in the desktop keychain (resolved by the app)
// The project file and exports only ever hold these references.

#include "error.h"

#include <functional>
#include <string>

namespace sluice {

// True when the whole value is one ${env:...} or ${keychain:...} reference.
bool isSecretReference(const std::string &value);

// Looks up a ${keychain:KEY}; the desktop app installs one, headless runs have none.
using KeychainLookup = std::function<Result<std::string>(const std::string &key)>;
void setKeychainLookup(KeychainLookup lookup);

// Whether a project's references may be resolved at all: only for a project
// trusted on this machine (project/truststore.h). Until then ${env:NAME} and
// ${keychain:KEY} resolve to nothing: a shared project must not be able to
// read an environment variable and send it to a host of its choosing.
enum class SecretAccess { Denied, Allowed };

// Replaces every ${env:NAME} / ${keychain:KEY} in `value`. `field` names the
// setting for the error message ("sources.warehouse.password").
Result<std::string> resolveReferences(const std::string &value, const std::string &field, SecretAccess access);

// The same for a value that carries a secret (a password or token setting,
// any HTTP header, a URL): each value put in place of a reference is also
// remembered by the process, so that redactSecrets() can scrub it from what
// is stored or printed later, wherever it shows up: a header of any name, a
// request or response body that echoes it, a URL, an error message.
Result<std::string> resolveSecretReferences(const std::string &value, const std::string &field, SecretAccess access);

// `text` with every remembered secret (as is, and percent-encoded) replaced
// by "[redacted]". Secrets shorter than 6 characters are not remembered:
// scrubbing them would mangle unrelated text and protect little.
std::string redactSecrets(std::string text);
void rememberSecret(const std::string &secret);

} // namespace sluice

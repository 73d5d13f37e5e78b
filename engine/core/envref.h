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

// Replaces every ${env:NAME} / ${keychain:KEY} in `value`. `field` names the
// setting for the error message ("sources.warehouse.password").
Result<std::string> resolveReferences(const std::string &value, const std::string &field);

} // namespace sluice

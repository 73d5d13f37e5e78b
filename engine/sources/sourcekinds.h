#pragma once
// The kinds of source Sluice can read, their settings, and the factory that
// turns a SourceDef from the project into a live Source.

#include "core/entities.h"
#include "core/settingsspec.h"
#include "sources/source.h"

#include "core/envref.h"
#include <memory>

#include <string>
#include <vector>

namespace sluice {

const std::vector<KindSpec> &sourceKinds();
const KindSpec *findSourceKind(const std::string &kind);

struct SourceContext {
    std::string projectDir; // relative file paths resolve against it
    // Allowed only for a project trusted on this machine (core/envref.h).
    SecretAccess secrets = SecretAccess::Denied;
};

// Validates the settings, resolves ${env:...} references and relative paths,
// and returns an unconnected Source. Errors name the source and setting.
Result<std::unique_ptr<Source>> makeSource(const SourceDef &def, const SourceContext &ctx);

} // namespace sluice

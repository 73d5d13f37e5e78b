#pragma once
// The kinds of destination, their settings, and the factory that turns a
// DestinationDef from the project into a live Destination.

#include "core/settingsspec.h"
#include "destinations/destination.h"
#include "project/entities.h"

#include <memory>
#include <string>
#include <vector>

namespace sluice {

const std::vector<KindSpec> &destinationKinds();
const KindSpec *findDestinationKind(const std::string &kind);

struct DestinationContext {
    std::string projectDir; // relative file paths resolve against it
};

// Validates settings, resolves ${env:...} references and relative paths.
Result<std::unique_ptr<Destination>> makeDestination(const DestinationDef &def,
                                                     const DestinationContext &ctx);

} // namespace sluice

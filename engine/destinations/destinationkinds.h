#pragma once
// The kinds of destination, their settings, and the factory that turns a
// DestinationDef from the project into a live Destination.

#include "core/entities.h"
#include "core/settingsspec.h"
#include "destinations/contract/destination.h"

#include "core/envref.h"
#include <functional>

#include <memory>
#include <string>
#include <vector>

namespace sluice {

struct DestinationContext {
    std::string projectDir; // relative file paths resolve against it
    // Allowed only for a project trusted on this machine (core/envref.h).
    SecretAccess secrets = SecretAccess::Denied;
};

// A connector module registers its kinds as entries: the settings it takes
// and a factory called with those settings validated, defaults filled in and
// every ${env:...} reference resolved.
using DestinationFactory = std::function<Result<std::unique_ptr<Destination>>(const nlohmann::json &resolvedSettings,
                                                                              const DestinationContext &ctx)>;

struct ConnectorEntry {
    KindSpec spec;
    DestinationFactory make;
};

// SaaS connector modules (engine/destinations/saas/).
const std::vector<ConnectorEntry> &crmConnectors();        // HubSpot, Salesforce
const std::vector<ConnectorEntry> &engagementConnectors(); // Braze, Mixpanel, Amplitude, Adobe AEP, Segment

const std::vector<KindSpec> &destinationKinds();
const KindSpec *findDestinationKind(const std::string &kind);

// Validates settings, resolves ${env:...} references and relative paths.
Result<std::unique_ptr<Destination>> makeDestination(const DestinationDef &def, const DestinationContext &ctx);

} // namespace sluice

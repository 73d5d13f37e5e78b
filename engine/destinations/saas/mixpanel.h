#pragma once
// Mixpanel: /import (events) and /engage (user profiles, $set).
// See docs/destinations.md and the contract in the destination API reference.

#include "destinations/destinationkinds.h"

namespace sluice::saas {

ConnectorEntry mixpanelConnector();

} // namespace sluice::saas

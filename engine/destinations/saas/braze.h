#pragma once
// Braze: POST /users/track (user attributes, custom events, purchases).
// See docs/destinations.md and the contract in the destination API reference.

#include "destinations/destinationkinds.h"

namespace sluice::saas {

ConnectorEntry brazeConnector();

} // namespace sluice::saas

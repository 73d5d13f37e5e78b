#pragma once
// Amplitude: HTTP V2 API (events) and Identify API (user properties).
// See docs/destinations.md and the contract in the destination API reference.

#include "destinations/destinationkinds.h"

namespace sluice::saas {

ConnectorEntry amplitudeConnector();

} // namespace sluice::saas

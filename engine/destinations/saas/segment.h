#pragma once
// Segment HTTP Tracking API: /v1/batch (identify and track).
// See docs/destinations.md and the contract in the destination API reference.

#include "destinations/destinationkinds.h"

namespace sluice::saas {

ConnectorEntry segmentConnector();

} // namespace sluice::saas

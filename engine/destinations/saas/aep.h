#pragma once
// Adobe Experience Platform: HTTP streaming ingestion, /collection/batch (XDM profile records or experience events).
// See docs/destinations.md and the contract in the destination API reference.

#include "destinations/destinationkinds.h"

namespace sluice::saas {

ConnectorEntry aepConnector();

} // namespace sluice::saas

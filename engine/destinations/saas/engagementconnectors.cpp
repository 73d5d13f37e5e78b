// The engagement connectors: Braze, Mixpanel, Amplitude, Adobe Experience
// Platform and Segment (engine/destinations/saas/).
#include "destinations/destinationkinds.h"

#include "destinations/saas/aep.h"
#include "destinations/saas/amplitude.h"
#include "destinations/saas/braze.h"
#include "destinations/saas/mixpanel.h"
#include "destinations/saas/segment.h"

namespace sluice {

const std::vector<ConnectorEntry> &engagementConnectors()
{
    static const std::vector<ConnectorEntry> entries = {
        saas::brazeConnector(), saas::mixpanelConnector(), saas::amplitudeConnector(),
        saas::aepConnector(),   saas::segmentConnector(),
    };
    return entries;
}

} // namespace sluice

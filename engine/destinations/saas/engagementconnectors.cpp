// Braze, Mixpanel, Amplitude, Adobe AEP and Segment connectors: being written (helper task).
#include "destinations/destinationkinds.h"
namespace sluice {
const std::vector<ConnectorEntry> &engagementConnectors()
{
    static const std::vector<ConnectorEntry> entries;
    return entries;
}
} // namespace sluice

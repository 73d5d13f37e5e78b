#pragma once
// What Sluice knows about one field of a destination object (a HubSpot
// contact property, a Salesforce Lead field), for auto-mapping and checks.

#include "fieldtype.h"

#include <string>
#include <vector>

namespace sluice {

struct DestinationField {
    std::string name;
    FieldType type = FieldType::Unknown;
    bool required = false;   // the destination refuses records without it
    bool identifier = false; // can match an existing record (email, external_id, ...)
    // The only values the destination takes (an enumeration's internal
    // values, such as HubSpot's lifecyclestage); empty: any value of the type.
    std::vector<std::string> options;
};

} // namespace sluice

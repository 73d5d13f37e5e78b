#pragma once
// The bridge between what a destination describes (ObjectField, from
// Destination::describe()) and what the mapping checker needs
// (mapping/DestinationField), for checking a mapping before any run.

#include "destinations/contract/destination.h"
#include "destinations/contract/destinationfield.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace sluice {

// The fields of the object a destination is set up to write
// (settings["object"], or its only object). Empty for generic destinations
// (files, webhooks), which take any field.
Result<std::vector<DestinationField>> mappingFieldsOf(Destination &destination, const nlohmann::json &settings);

} // namespace sluice

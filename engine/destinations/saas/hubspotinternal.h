#pragma once
// Internal to destinations/saas: helpers shared by the HubSpot destination's
// files (hubspot*.cpp); not part of the engine's interface.

#include "destinations/saas/hubspotdestination.h"

#include "http/answers.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sluice::hubspot {

std::string stringOf(const nlohmann::json &j, const char *key);
// "INVALID_OPTION: "Gold" is not a valid option for user_tier", in HubSpot's words.
std::string errorReason(const nlohmann::json &error);
// Strings listed under context.KEY of an error object.
std::vector<std::string> contextList(const nlohmann::json &error, const char *key);
// Scopes a 403 MISSING_SCOPES answer asks for.
std::vector<std::string> missingScopes(const nlohmann::json &body);
std::string joined(const std::vector<std::string> &items, const char *separator = ", ");
// The properties Sluice knows of contacts and companies without HubSpot's schema.
std::vector<HubspotProperty> builtInProperties(const std::string &object);

} // namespace sluice::hubspot

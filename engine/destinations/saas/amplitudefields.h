#pragma once
// Amplitude's field catalogue and single-value checks, used by amplitude.cpp.

#include "core/value.h"
#include "destinations/contract/destination.h"
#include "destinations/saas/engagementcommon.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::saas {

// Amplitude's own default of options.min_id_length.
constexpr int kAmplitudeDefaultMinIdLength = 5;

// The objects (events, identify) with their documented fields and the custom ones.
std::vector<DestinationObject> amplitudeObjects(const std::vector<CustomField> &custom);
// Whether a name is a documented top-level key of an event / an identification.
bool isEventKey(std::string_view name);
bool isIdentifyKey(std::string_view name);
// "time" in milliseconds: numbers (and digits) in seconds or milliseconds
// are converted; other text is left for Amplitude to refuse.
ojson eventTime(const Value &value);
// Why Amplitude would not take `id` as a user or device id, or nullopt. A
// listed placeholder fails the whole request (400); a short id is silently
// removed from the event. Either way the row must not count as delivered.
std::optional<std::string> idProblem(const char *field, const std::string &id, std::optional<int> minLength);

} // namespace sluice::saas

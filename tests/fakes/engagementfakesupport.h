#pragma once
// What the engagement fakes' sources (engagementfakes.h: one a service)
// share: times, JSON answers, HTTP Basic credentials, item checks. Internal
// to the fakes library.

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace sluice::fakes::engagement {

std::int64_t nowMillis();
void answer(httplib::Response &response, int status, const nlohmann::json &body);
std::string dumped(const nlohmann::json &value);
// "Basic base64(user:password)" -> {user, password}; nullopt when not Basic.
std::optional<std::pair<std::string, std::string>> basicCredentials(const httplib::Request &request);
bool nonEmptyString(const nlohmann::json &object, const char *key);
std::string lower(std::string text);

} // namespace sluice::fakes::engagement

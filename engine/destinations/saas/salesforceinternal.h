#pragma once
// Internal to destinations/saas: shared by the Salesforce destination's
// files (salesforce*.cpp); not part of the engine's interface.

#include "destinations/saas/salesforcedestination.h"
#include "http/httpclient.h"

#include "http/answers.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sluice {

// One answer from Salesforce, after renewing the token once if needed.
struct SalesforceDestination::Call {
    HttpResponse response;
    bool refreshed = false;   // the token was renewed and the request sent again
    std::string refreshError; // renewing the token failed: why
};

namespace salesforce {

std::string stringOf(const nlohmann::json &j, const char *key);
BatchFailure failure(BatchFailure::Kind kind, std::string message,
                     std::optional<std::chrono::milliseconds> retryAfter = std::nullopt);

// "REQUIRED_FIELD_MISSING: Required fields are missing: [LastName] (fields: LastName)"
std::string errorText(const std::string &code, const std::string &message, const std::vector<std::string> &fields);
// One SaveResult / UpsertResult / DeleteResult as an outcome.
RecordOutcome resultOutcome(const nlohmann::json &result, bool deleting);
// True for the record-level codes worth sending again.
bool retryableCode(const std::string &code);

std::vector<std::vector<std::string>> parseCsv(const std::string &text);

// True for Salesforce's number types (double, currency, percent, int, long).
bool isNumericType(const std::string &type);
// The fields Sluice knows of Lead, Contact and Account without a describe.
std::vector<SalesforceField> builtInFields(const std::string &object);
// The first {"errorCode","message"} of a whole-request error array (or object).
std::pair<std::string, std::string> firstError(const nlohmann::json &body);

} // namespace salesforce
} // namespace sluice

#pragma once
// Shared by salesforcedestination.cpp and salesforcebulk.cpp; not part of
// the engine's interface.

#include "destinations/saas/salesforcedestination.h"
#include "http/httpclient.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace sluice {

// One answer from Salesforce, after renewing the token once if needed.
struct SalesforceDestination::Call {
    HttpResponse response;
    bool refreshed = false;    // the token was renewed and the request sent again
    std::string refreshError;  // renewing the token failed: why
};

namespace salesforce {

std::string cutForInspector(const std::string &body);
std::string excerpt(const std::string &body);
nlohmann::json parseJson(const std::string &body);
std::string stringOf(const nlohmann::json &j, const char *key);
BatchFailure failure(BatchFailure::Kind kind, std::string message,
                     std::optional<std::chrono::milliseconds> retryAfter = std::nullopt);

// "REQUIRED_FIELD_MISSING: Required fields are missing: [LastName] (fields: LastName)"
std::string errorText(const std::string &code, const std::string &message, const std::vector<std::string> &fields);
// One SaveResult / UpsertResult / DeleteResult as an outcome.
RecordOutcome resultOutcome(const nlohmann::json &result, bool deleting);
// True for the record-level codes worth sending again.
bool retryableCode(const std::string &code);

// CSV as Bulk API 2.0 reads and writes it (comma, LF, RFC 4180 quoting).
void appendCsvCell(std::string &out, const std::string &cell);
std::vector<std::vector<std::string>> parseCsv(const std::string &text);

} // namespace salesforce
} // namespace sluice

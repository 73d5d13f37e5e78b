#pragma once
// What the HubSpot and Salesforce fakes (crmfakes.h) share across their
// sources: JSON answers, value checks, times, CSV, Salesforce error bodies and
// the sandbox accounts' default schemas. Internal to the fakes library.

#include "hubspotfake.h"
#include "salesforcefake.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace sluice::fakes::crm {

void answer(httplib::Response &response, int status, const nlohmann::json &body);
std::string lower(std::string text);
bool isDecimal(const std::string &text);
bool isInteger(const std::string &text);
bool isDate(const std::string &text);
bool isDateTime(const std::string &text);
std::string correlationId(int n);
// HubSpot's error body ({"status": "error", "message", "correlationId",
// "category"} and `extra`) answered with `status`; `index` numbers the request.
void answerHubspotError(httplib::Response &response, std::size_t index, int status, const std::string &category,
                        const std::string &message, const nlohmann::json &extra = nlohmann::json::object());
// 2024-05-01T09:00:00Z plus the seconds, as HubSpot (or Salesforce) writes times.
std::string isoAt(long long secondsAfterBase, bool salesforceStyle = false);
std::vector<std::vector<std::string>> parseCsv(const std::string &text);
std::string textOf(const nlohmann::json &value);

// The sandbox accounts' schemas (hubspotfake.cpp, salesforcefake.cpp).
std::vector<HubspotPropertyDef> defaultHubspotProperties(const std::string &object);
std::map<std::string, std::vector<SalesforceFieldDef>> defaultSalesforceSchema();

// Salesforce errors: of one record, and of a whole request.
nlohmann::json sfError(const std::string &code, const std::string &message,
                       const std::vector<std::string> &fields = {});
nlohmann::json sfRequestError(const std::string &code, const std::string &message);
bool sfSameText(const SalesforceFieldDef *field, const std::string &a, const std::string &b);

} // namespace sluice::fakes::crm

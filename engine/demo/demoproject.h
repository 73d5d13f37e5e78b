#pragma once
// `sluicectl init PROJECT --demo`: a project beside its generated demo
// warehouse (PROJECT's name with .warehouse.sqlite), with the models of
// scenarios.md #1: user_360, hubspot_contacts and salesforce_leads, and three
// syncs to local destinations: two pass-throughs (a JSON Lines file, a SQLite
// table) and contacts_to_file, mapped with transforms, that the app opens first.

#include "core/entities.h"
#include "core/error.h"

#include <cstdint>
#include <string>

namespace sluice {

std::string demoWarehousePath(const std::string &projectPath);
// `stem` names the demo's output files (STEM.user_360.jsonl, STEM.contacts.jsonl,
// STEM.crm.sqlite).
ProjectConfig demoProjectConfig(const std::string &warehouseFileName, const std::string &stem);
// The mapping of contacts_to_file (hubspot_contacts -> a JSON Lines file).
nlohmann::json demoContactsMapping();
Result<> createDemoProject(const std::string &projectPath, std::int64_t users);

} // namespace sluice

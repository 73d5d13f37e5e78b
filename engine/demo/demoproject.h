#pragma once
// `sluicectl init PROJECT --demo`: a project beside its generated demo
// warehouse (PROJECT's name with .warehouse.sqlite), with the models of
// scenarios.md #1: user_360, hubspot_contacts and salesforce_leads, and two
// syncs to local destinations (a JSON Lines file and a SQLite table).

#include "core/entities.h"
#include "core/error.h"

#include <cstdint>
#include <string>

namespace sluice {

std::string demoWarehousePath(const std::string &projectPath);
// `stem` names the demo's output files (STEM.user_360.jsonl, STEM.crm.sqlite).
ProjectConfig demoProjectConfig(const std::string &warehouseFileName, const std::string &stem);
Result<> createDemoProject(const std::string &projectPath, std::int64_t users);

} // namespace sluice

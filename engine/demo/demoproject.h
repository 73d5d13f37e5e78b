#pragma once
// `sluicectl init PROJECT --demo`: a project beside its generated demo
// warehouse (PROJECT's name with .warehouse.sqlite), with the models of
// scenarios.md #1: user_360, hubspot_contacts and salesforce_leads.

#include "core/error.h"
#include "project/entities.h"

#include <cstdint>
#include <string>

namespace sluice {

std::string demoWarehousePath(const std::string &projectPath);
ProjectConfig demoProjectConfig(const std::string &warehouseFileName);
Result<> createDemoProject(const std::string &projectPath, std::int64_t users);

} // namespace sluice

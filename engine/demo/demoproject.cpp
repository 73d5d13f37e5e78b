#include "demoproject.h"

#include "demo/demowarehouse.h"
#include "project/projectstore.h"

#include <filesystem>

namespace sluice {

namespace embedded {
extern const std::string_view demoUser360Sql;
extern const std::string_view demoHubspotContactsSql;
extern const std::string_view demoSalesforceLeadsSql;
} // namespace embedded

namespace fs = std::filesystem;

nlohmann::json demoContactsMapping()
{
    return nlohmann::json::parse(R"([
        {"field": "email", "column": "email",
         "transforms": [{"type": "trim"}, {"type": "lower"}],
         "rules": [{"type": "email", "action": "reject"}]},
        {"field": "user_tier", "column": "user_tier",
         "transforms": [{"type": "valueMap", "map": {"VIP": "vip", "Premium": "premium", "Standard": "standard"}}]},
        {"field": "lifetime_value", "column": "lifetime_value", "transforms": [{"type": "round"}]},
        {"field": "last_activity_date", "column": "last_activity_date"},
        {"field": "engagement_level", "column": "engagement_level"},
        {"field": "source", "value": "sluice"}
    ])");
}

std::string demoWarehousePath(const std::string &projectPath)
{
    fs::path p(projectPath);
    p.replace_extension(".warehouse.sqlite");
    return p.string();
}

ProjectConfig demoProjectConfig(const std::string &warehouseFileName, const std::string &stem)
{
    auto sql = [](std::string_view s) {
        std::string out(s);
        while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
            out.pop_back();
        return out;
    };
    ProjectConfig c;
    c.name = "Sluice demo";
    c.sources.push_back(SourceDef{"warehouse", "sqlite", {{"path", warehouseFileName}}});
    c.models.push_back(ModelDef{"user_360",
                                "warehouse",
                                sql(embedded::demoUser360Sql),
                                {"user_id"},
                                "Every user with profile, behaviour, spending and user_tier."});
    c.models.push_back(ModelDef{"hubspot_contacts",
                                "warehouse",
                                sql(embedded::demoHubspotContactsSql),
                                {"email"},
                                "Contacts for HubSpot with engagement_level."});
    c.models.push_back(ModelDef{"salesforce_leads",
                                "warehouse",
                                sql(embedded::demoSalesforceLeadsSql),
                                {"Sluice_Id__c"},
                                "Marketing-qualified leads created since yesterday."});
    // Local destinations so a sync runs right after `init --demo`.
    c.destinations.push_back(DestinationDef{"user_360_file", "jsonl", {{"path", stem + ".user_360.jsonl"}}});
    c.destinations.push_back(DestinationDef{"contacts_file", "jsonl", {{"path", stem + ".contacts.jsonl"}}});
    c.destinations.push_back(
        DestinationDef{"crm_table",
                       "sqlite_table",
                       {{"path", stem + ".crm.sqlite"}, {"table", "hubspot_contacts"}, {"createTable", true}}});
    c.syncs.push_back(SyncDef{"user_360_to_file", "user_360", "user_360_file", "mirror", nlohmann::json::array(),
                              nlohmann::json::object()});
    c.syncs.push_back(SyncDef{"contacts_to_crm_table", "hubspot_contacts", "crm_table", "upsert",
                              nlohmann::json::array(), nlohmann::json{{"batchSize", 500}}});
    // The sync the app opens first: a mapping a newcomer can read on the
    // canvas, with the everyday transforms (clean the e-mail, map the tier's
    // values, round money, a constant), ready to run.
    c.syncs.push_back(SyncDef{"contacts_to_file", "hubspot_contacts", "contacts_file", "upsert", demoContactsMapping(),
                              nlohmann::json::object()});
    // Audiences (docs/audiences.md): the customers are user_360's rows, and
    // two audiences a marketer would start from, sized by
    // `sluicectl audience size demo.sluice --audience vip_in_china`; the first
    // is published as a tag (customer_tags.tag_vip_in_china).
    c.customerSchema = nlohmann::json::parse(R"({
      "parent": {"model": "user_360", "key": "user_id"}, "relations": [], "events": [], "timeZone": "Asia/Shanghai",
      "tags": {"model": "customer_tags", "columns": ["email"]}})");
    c.audiences.push_back(nlohmann::json::parse(R"({
      "name": "vip_in_china", "description": "VIP customers in China", "tag": "tag_vip_in_china",
      "match": "all", "conditions": [
        {"property": "user_tier", "op": "equals", "value": "VIP"},
        {"property": "country", "op": "equals", "value": "CN"}]})"));
    c.audiences.push_back(nlohmann::json::parse(R"({
      "name": "paying_but_away", "description": "Paying plans, not seen for a month, not VIP in China",
      "match": "all", "conditions": [
        {"property": "subscription_plan", "op": "in", "values": ["pro", "enterprise"]},
        {"property": "last_login_date", "op": "moreThanDaysAgo", "days": 30},
        {"audience": "vip_in_china", "include": false}]})"));
    return c;
}

Result<> createDemoProject(const std::string &projectPath, std::int64_t users)
{
    const std::string warehouse = demoWarehousePath(projectPath);
    if (fs::exists(projectPath))
        return invalidInput("project.exists", "the file already exists", projectPath);
    if (fs::exists(warehouse))
        return invalidInput("demo.exists", "the demo warehouse file already exists", warehouse);
    DemoWarehouseOptions options;
    options.users = users;
    if (auto r = generateDemoWarehouse(warehouse, options); !r)
        return r;
    auto store = ProjectStore::create(projectPath, "Sluice demo");
    if (!store) {
        std::error_code ec;
        fs::remove(warehouse, ec);
        return std::unexpected(store.error());
    }
    const auto config
        = demoProjectConfig(fs::path(warehouse).filename().string(), fs::path(projectPath).stem().string());
    if (auto r = (*store)->save(config); !r) {
        store->reset();
        std::error_code ec;
        fs::remove(projectPath, ec);
        fs::remove(warehouse, ec);
        return r;
    }
    return {};
}

} // namespace sluice

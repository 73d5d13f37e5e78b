#pragma once
// The Salesforce connector against the loopback Salesforce fake: contract
// cases 9-14 of shared/reference/destination-apis.md driven directly (begin,
// write) and through sync runs, the other whole-request answers, update and
// mirror through external-id lookups, testConnection, describe, and the
// demo's salesforce_leads model synced to Lead over several runs.
//
// Shared by the parts of the Salesforce connector tests (tst_salesforce_writes,
// tst_salesforce_faults, tst_salesforce_mirror): the CRM fakes on a loopback
// server, an observer keeping the exchanges, settings, runs and records.

#include "crmtesting.h"

#include "destinations/saas/salesforcedestination.h"

using sluice::fakes::SalesforceBehaviour;

// The secrets the tests' Salesforce definitions refer to (${env:SLUICE_TST_SF_*}).
inline void setSalesforceTestSecrets()
{
    qputenv("SLUICE_TST_SF_TOKEN", "sandbox-token");
    qputenv("SLUICE_TST_SF_REFRESH", "sandbox-token");
    qputenv("SLUICE_TST_SF_SECRET", "app-secret");
}

inline SalesforceSettings settingsFor(const CrmServer &server, const std::string &object = "Contact")
{
    SalesforceSettings s;
    s.instanceUrl = server.salesforceUrl();
    s.accessToken = server.options.token;
    s.object = object;
    s.externalIdField = "Sluice_Id__c";
    s.timeoutSeconds = 10;
    s.bulkPollMs = 10;
    return s;
}

inline RunInfo contactRun(SyncMode mode, DestinationObserver *observer = nullptr)
{
    RunInfo run;
    run.syncName = "contacts";
    run.mode = mode;
    run.fields = {{"Sluice_Id__c", ValueType::Text},
                  {"LastName", ValueType::Text},
                  {"FirstName", ValueType::Text},
                  {"Email", ValueType::Text},
                  {"Tier__c", ValueType::Text}};
    run.keyFields = {"Sluice_Id__c"};
    run.observer = observer;
    return run;
}

inline Record sfContact(const std::string &id, Value lastName, const std::string &first = "Ana",
                        const std::string &tier = "VIP", RecordOp op = RecordOp::Upsert)
{
    Record r;
    r.op = op;
    r.keyValues = {Value(id)};
    r.key = encodeKeyValues(r.keyValues);
    r.displayKey = id;
    if (op != RecordOp::Delete)
        r.fields = {Value(id), std::move(lastName), Value(first), Value(id + "@example.com"), Value(tier)};
    return r;
}

inline std::string uid(int i)
{
    return "u-" + std::to_string(i);
}

inline const std::string kMissingLastName
    = "REQUIRED_FIELD_MISSING: Required fields are missing: [LastName] (fields: LastName)";

inline DestinationDef salesforceDef(const CrmServer &server, json extra = json::object())
{
    json settings = {{"instanceUrl", server.salesforceUrl()},
                     {"accessToken", "${env:SLUICE_TST_SF_TOKEN}"},
                     {"object", "Contact"},
                     {"externalIdField", "Sluice_Id__c"},
                     {"timeoutSeconds", 10},
                     {"concurrency", 1},
                     {"bulkPollMs", 10}};
    for (auto &[k, v] : extra.items())
        settings[k] = v;
    return DestinationDef{"salesforce", "salesforce", settings};
}

inline json peopleMapping()
{
    return json::array({json{{"field", "Sluice_Id__c"}, {"column", "id"}},
                        json{{"field", "LastName"}, {"column", "name"}},
                        json{{"field", "Email"}, {"column", "email"}}});
}

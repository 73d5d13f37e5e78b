#pragma once
// The HubSpot connector against the loopback HubSpot fake: contract cases
// 1-8 of shared/reference/destination-apis.md driven directly (begin, write)
// and through sync runs, the other whole-request answers, testConnection,
// describe, mirror deletes, and the demo's hubspot_contacts model synced over
// several runs.
//
// Shared by the parts of the HubSpot connector tests (tst_hubspot_writes,
// tst_hubspot_faults, tst_hubspot_mirror): the CRM fakes on a loopback
// server, an observer keeping the exchanges, settings, runs and records.

#include "crmtesting.h"

#include "destinations/saas/hubspotdestination.h"

using sluice::fakes::HubspotBehaviour;

inline HubspotSettings settingsFor(const CrmServer &server)
{
    HubspotSettings s;
    s.baseUrl = server.hubspotUrl();
    s.accessToken = server.options.token;
    s.timeoutSeconds = 10;
    return s;
}

inline RunInfo contactsRun(SyncMode mode, DestinationObserver *observer = nullptr)
{
    RunInfo run;
    run.syncName = "contacts";
    run.mode = mode;
    run.fields = {{"email", ValueType::Text},
                  {"firstname", ValueType::Text},
                  {"lifetime_value", ValueType::Real},
                  {"user_tier", ValueType::Text},
                  {"last_activity_date", ValueType::Text}};
    run.keyFields = {"email"};
    run.observer = observer;
    return run;
}

inline Record contact(const std::string &email, const std::string &firstname = "Ana", Value ltv = Value(1520.0),
                      const std::string &tier = "VIP", Value date = Value("2024-05-01 10:30:00"),
                      RecordOp op = RecordOp::Upsert)
{
    Record r;
    r.op = op;
    r.keyValues = {Value(email)};
    r.key = encodeKeyValues(r.keyValues);
    r.displayKey = email;
    if (op != RecordOp::Delete)
        r.fields = {Value(email), Value(firstname), ltv, Value(tier), date};
    return r;
}

inline std::string email(int i)
{
    return "c" + std::to_string(i) + "@example.com";
}

inline json props(const json &record)
{
    return record.at("properties");
}

inline DestinationDef hubspotDef(const CrmServer &server, json extra = json::object())
{
    json settings = {{"baseUrl", server.hubspotUrl()},
                     {"accessToken", "${env:SLUICE_TST_HUBSPOT_TOKEN}"},
                     {"timeoutSeconds", 10},
                     {"concurrency", 1}};
    for (auto &[k, v] : extra.items())
        settings[k] = v;
    return DestinationDef{"hubspot", "hubspot", settings};
}

inline json peopleMapping()
{
    return json::array({json{{"field", "email"}, {"column", "email"}}, json{{"field", "firstname"}, {"column", "name"}},
                        json{{"field", "lifetime_value"}, {"column", "score"}}});
}

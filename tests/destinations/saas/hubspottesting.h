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

#include "crmfakes.h"
#include "fakehttpserver.h"
#include "jsoncompare.h"
#include "syncfixture.h"
#include "testsupport.h"

#include "destinations/destinationkinds.h"
#include "destinations/saas/hubspotdestination.h"
#include "http/httpclient.h"
#include "core/keycodec.h"

#include <QTest>

#include <mutex>

using namespace sluice;
using namespace sluice::test;
using sluice::fakes::CrmFakes;
using sluice::fakes::FakeHttpServer;
using sluice::fakes::HubspotBehaviour;
using sluice::fakes::SandboxOptions;
using nlohmann::json;
using namespace std::chrono_literals;

// QCOMPARE cannot print nlohmann::json (it converts to anything): compare and show the dumps.
// The CRM fakes alone on a loopback server.
class CrmServer {
public:
    CrmServer()
        : crm(options)
    {
        crm.mount(http.http(), "/hubspot", "/salesforce");
        http.start();
    }
    ~CrmServer() { http.stop(); }
    std::string hubspotUrl() const { return http.url("/hubspot"); }

    SandboxOptions options;
    CrmFakes crm;
    FakeHttpServer http; // last: stopped first
};

class Recorder final : public DestinationObserver {
public:
    void onHttpExchange(int, const HttpExchange &exchange) override
    {
        std::lock_guard lock(mutex);
        exchanges.push_back(exchange);
    }
    std::mutex mutex;
    std::vector<HttpExchange> exchanges;
};

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

inline bool allDelivered(const std::vector<RecordOutcome> &outcomes)
{
    return std::all_of(outcomes.begin(), outcomes.end(),
                       [](const RecordOutcome &o) { return o.outcome == Outcome::Delivered; });
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
    return json::array({json{{"field", "email"}, {"column", "email"}},
                        json{{"field", "firstname"}, {"column", "name"}},
                        json{{"field", "lifetime_value"}, {"column", "score"}}});
}

inline json fastRetries()
{
    return json{{"retryBaseMs", 20}, {"maxAttempts", 6}};
}


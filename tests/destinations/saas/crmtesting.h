#pragma once
// What the HubSpot and Salesforce connector tests share: the CRM fakes alone
// on a loopback server, an observer keeping the HTTP exchanges, and small
// checks and settings.

#include "crmfakes.h"
#include "fakehttpserver.h"
#include "jsoncompare.h"
#include "syncfixture.h"
#include "testsupport.h"

#include "core/keycodec.h"
#include "destinations/destinationkinds.h"
#include "http/httpclient.h"
#include "project/runrecorder.h"
#include "project/statestore.h"

#include <QTest>

#include <algorithm>
#include <mutex>

using namespace sluice;
using namespace sluice::test;
using nlohmann::json;
using sluice::fakes::CrmFakes;
using sluice::fakes::FakeHttpServer;
using sluice::fakes::SandboxOptions;
using namespace std::chrono_literals;

// The CRM fakes (HubSpot under /hubspot, Salesforce under /salesforce) on a
// loopback server, stopped when the test's server goes out of scope.
class CrmServer {
public:
    CrmServer() : crm(options)
    {
        crm.mount(http.http(), "/hubspot", "/salesforce");
        http.start();
    }
    ~CrmServer() { http.stop(); }
    std::string hubspotUrl() const { return http.url("/hubspot"); }
    std::string salesforceUrl() const { return http.url("/salesforce"); }

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

// Whether run `runId` of the project logged the row `rowKey` as rejected
// with `reason` (what the job log and `sluicectl rejected` show).
inline bool rejectionLogged(const std::string &project, std::int64_t runId, const std::string &rowKey,
                            const std::string &reason)
{
    auto state = StateStore::open(project);
    if (!state)
        return false;
    auto events = RunRecorder::events((*state)->handle(), runId, LogLevel::Warning);
    if (!events)
        return false;
    return std::any_of(events->begin(), events->end(),
                       [&](const auto &e) { return e.rowKey == rowKey && e.message == "rejected: " + reason; });
}

inline bool allDelivered(const std::vector<RecordOutcome> &outcomes)
{
    return std::all_of(outcomes.begin(), outcomes.end(),
                       [](const RecordOutcome &o) { return o.outcome == Outcome::Delivered; });
}

// Retries quick enough for a test, enough of them to ride out the fakes' faults.
inline json fastRetries()
{
    return json{{"retryBaseMs", 20}, {"maxAttempts", 6}};
}

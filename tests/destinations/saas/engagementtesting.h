#pragma once
// Shared by the engagement connector tests (tst_braze, tst_mixpanel,
// tst_amplitude, tst_aep, tst_segment): the sandbox with every fake on one
// loopback server, connectors made from settings exactly as a project makes
// them (validated, defaults filled, ${env:...} resolved), records, and an
// observer keeping the API inspector's exchanges.

#include "core/keycodec.h"
#include "destinations/destinationkinds.h"
#include "http/httpclient.h"

#include "engagementfakes.h"
#include "recordingobserver.h"
#include "saassandbox.h"

#include <QTest>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

// QCOMPARE cannot take JSON values (its overload set trips over their
// conversions): this compares them and prints both when they differ.
#define JCOMPARE(actual, expected)                                                                                     \
    do {                                                                                                               \
        const nlohmann::json jcompareActual_ = (actual);                                                               \
        const nlohmann::json jcompareExpected_ = (expected);                                                           \
        QVERIFY2(jcompareActual_ == jcompareExpected_,                                                                 \
                 (jcompareActual_.dump() + "\n   expected: " + jcompareExpected_.dump()).c_str());                     \
    } while (false)

namespace sluice::test {

// The environment variable every connector's secret setting refers to.
inline const char *kTokenVariable = "SLUICE_TEST_SAAS_TOKEN";
inline std::string tokenRef()
{
    return std::string("${env:") + kTokenVariable + "}";
}
inline void exportToken(const std::string &value = "sandbox-token")
{
    setenv(kTokenVariable, value.c_str(), 1);
}

// The sandbox, started on a free port; stopped by its destructor.
class Sandbox {
public:
    Sandbox() { m_sandbox.start(); }
    ~Sandbox() { m_sandbox.stop(); }
    fakes::EngagementFakes &fakes() { return m_sandbox.engagement(); }
    std::string baseUrl(std::string_view service) const { return m_sandbox.baseUrl(service); }
    int port() const { return m_sandbox.port(); }

private:
    fakes::SaasSandbox m_sandbox;
};

inline std::unique_ptr<Destination> makeConnector(const std::string &kind, const nlohmann::json &settings)
{
    auto made
        = makeDestination(DestinationDef{"dest", kind, settings}, DestinationContext{"/tmp", SecretAccess::Allowed});
    if (!made)
        qFatal("cannot make %s: %s", kind.c_str(), made.error().describe().c_str());
    return std::move(*made);
}

inline RunInfo runInfo(std::vector<FieldSpec> fields, SyncMode mode = SyncMode::Upsert,
                       DestinationObserver *observer = nullptr, std::string syncName = "people_sync")
{
    RunInfo run;
    run.syncName = std::move(syncName);
    run.mode = mode;
    run.fields = std::move(fields);
    run.keyFields = {};
    run.observer = observer;
    return run;
}

// A record keyed by `id`, its fields in RunInfo order; the payload (what the
// executor's byte count sees) is a plain JSON text of the values.
inline Record record(std::int64_t id, std::vector<Value> fields, std::uint64_t hash = 0)
{
    Record r;
    r.op = RecordOp::Upsert;
    r.keyValues = {Value(id)};
    r.key = encodeKeyValues(r.keyValues);
    r.displayKey = std::to_string(id);
    r.hash = hash ? hash : 0x9e3779b97f4a7c15ULL * std::uint64_t(id + 1);
    r.fields = std::move(fields);
    r.payload = "{";
    for (const auto &v : r.fields)
        r.payload += "\"f\":\"" + v.toString() + "\",";
    r.payload += "}";
    return r;
}

inline int count(const std::vector<RecordOutcome> &outcomes, Outcome which)
{
    int n = 0;
    for (const auto &o : outcomes)
        n += o.outcome == which;
    return n;
}

// A server answering every POST with one fixed answer, for answers the
// sandbox never gives to a correct client (413 from a service, say).
class FixedAnswerServer {
public:
    FixedAnswerServer(int status, std::string body, HttpHeaders headers = {})
    {
        m_http.http().Post(".*", [=](const httplib::Request &, httplib::Response &response) {
            response.status = status;
            for (const auto &[name, value] : headers)
                response.set_header(name, value);
            response.set_content(body, "application/json");
        });
        m_http.start();
    }
    ~FixedAnswerServer() { m_http.stop(); }
    std::string url() const { return m_http.url(""); }

private:
    fakes::FakeHttpServer m_http;
};

// SQL text of `length` x characters, for rows that make large requests.
inline std::string sqlLongText(int length)
{
    return "replace(hex(zeroblob(" + std::to_string(length / 2) + ")), '0', 'x')";
}

// A raw request to the sandbox, for contract cases a correct client never causes.
inline HttpResponse post(const std::string &url, std::string body, HttpHeaders headers)
{
    HttpRequest request;
    request.url = url;
    request.body = std::move(body);
    request.headers = std::move(headers);
    request.timeoutMs = 10000;
    return HttpClient::forThisThread().send(request);
}

} // namespace sluice::test

#pragma once
// All SaaS fakes on one loopback HTTP server, each under its own path prefix:
//   /hubspot     HubSpot CRM v3 (contacts, companies)
//   /salesforce  Salesforce REST (sObject Collections, Bulk API 2.0)
//   /braze       Braze /users/track
//   /mixpanel    Mixpanel /import and /engage
//   /amplitude   Amplitude HTTP V2 API
//   /aep         Adobe Experience Platform streaming ingestion
//   /segment     Segment-style /v1/batch
//   /snowflake   Snowflake SQL API v2 (a source: a CUSTOMERS table to read)
// A connector points at one by its base URL, e.g. http://127.0.0.1:PORT/hubspot.
// Tests use it through SaasSandbox; users through the sluice-sandbox program.

#include "fakehttpserver.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace sluice::fakes {

class CrmFakes;        // crmfakes.h: HubSpot and Salesforce
class EngagementFakes; // engagementfakes.h: Braze, Mixpanel, Amplitude, AEP, Segment
class SnowflakeFake;   // snowflakefake.h: the Snowflake SQL API

struct SandboxOptions {
    // The credentials each fake accepts (anything else gets the service's own 401).
    std::string token = "sandbox-token";
};

class SaasSandbox {
public:
    explicit SaasSandbox(SandboxOptions options = {});
    ~SaasSandbox();
    SaasSandbox(const SaasSandbox &) = delete;
    SaasSandbox &operator=(const SaasSandbox &) = delete;

    void start(int port = 0) { m_http.start(port); }
    void stop() { m_http.stop(); }
    int port() const { return m_http.port(); }
    // "http://127.0.0.1:PORT/hubspot"
    std::string baseUrl(std::string_view service) const;

    CrmFakes &crm() { return *m_crm; }
    EngagementFakes &engagement() { return *m_engagement; }
    SnowflakeFake &snowflake() { return *m_snowflake; }
    const SandboxOptions &options() const { return m_options; }

    // Calls `log` after every answered request (the sandbox program prints them).
    void onRequest(std::function<void(const std::string &method, const std::string &path, int status)> log);

    // Everything the fakes hold, by service: what arrived.
    nlohmann::json contents() const;

private:
    SandboxOptions m_options;
    std::unique_ptr<CrmFakes> m_crm;
    std::unique_ptr<EngagementFakes> m_engagement;
    std::unique_ptr<SnowflakeFake> m_snowflake;
    FakeHttpServer m_http; // last: stopped first, while the fakes it calls exist
};

} // namespace sluice::fakes

#include "saassandbox.h"

#include "crmfakes.h"
#include "engagementfakes.h"
#include "snowflakefake.h"

namespace sluice::fakes {

SaasSandbox::SaasSandbox(SandboxOptions options)
    : m_options(std::move(options)), m_crm(std::make_unique<CrmFakes>(m_options)),
      m_engagement(std::make_unique<EngagementFakes>(m_options)),
      m_snowflake(std::make_unique<SnowflakeFake>(SnowflakeFakeOptions{.token = m_options.token}))
{
    m_crm->mount(m_http.http(), "/hubspot", "/salesforce");
    m_engagement->mount(m_http.http(), "/braze", "/mixpanel", "/amplitude", "/aep", "/segment");
    m_snowflake->mount(m_http.http(), "/snowflake");
    // Something to read: 50 customers in SLUICE_DB.PUBLIC.
    m_snowflake->exec("CREATE TABLE CUSTOMERS (ID NUMBER(38,0) NOT NULL, EMAIL VARCHAR, FIRST_NAME VARCHAR, "
                      "PLAN VARCHAR, LIFETIME_VALUE NUMBER(12,2), SIGNED_UP DATE, UPDATED_AT TIMESTAMP_NTZ(3))");
    m_snowflake->exec(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) "
        "INSERT INTO CUSTOMERS SELECT i, printf('customer%02d@example.com', i), "
        "printf('Customer %d', i), CASE i % 3 WHEN 0 THEN 'free' WHEN 1 THEN 'pro' ELSE 'team' END, "
        "i * 12.5, printf('2026-01-%02d', 1 + i % 28), printf('2026-03-01 %02d:00:00.000', i % 24) FROM n");
    // What arrived, for people trying connectors in the sandbox.
    m_http.http().Get("/sandbox/contents", [this](const httplib::Request &, httplib::Response &res) {
        res.set_content(contents().dump(2), "application/json");
    });
}

SaasSandbox::~SaasSandbox()
{
    m_http.stop();
}

std::string SaasSandbox::baseUrl(std::string_view service) const
{
    return m_http.url("/" + std::string(service));
}

void SaasSandbox::onRequest(std::function<void(const std::string &, const std::string &, int)> log)
{
    m_http.http().set_logger([log = std::move(log)](const httplib::Request &req, const httplib::Response &res) {
        log(req.method, req.path, res.status);
    });
}

nlohmann::json SaasSandbox::contents() const
{
    nlohmann::json all = m_crm->contents();
    // Keep the temporary alive: items() of a temporary dangles.
    const nlohmann::json engagement = m_engagement->contents();
    for (const auto &[service, data] : engagement.items())
        all[service] = data;
    all["snowflake"] = m_snowflake->contents();
    return all;
}

} // namespace sluice::fakes

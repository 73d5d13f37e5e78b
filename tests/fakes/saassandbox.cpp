#include "saassandbox.h"

#include "crmfakes.h"
#include "engagementfakes.h"

namespace sluice::fakes {

SaasSandbox::SaasSandbox(SandboxOptions options)
    : m_options(std::move(options)),
      m_crm(std::make_unique<CrmFakes>(m_options)),
      m_engagement(std::make_unique<EngagementFakes>(m_options))
{
    m_crm->mount(m_http.http(), "/hubspot", "/salesforce");
    m_engagement->mount(m_http.http(), "/braze", "/mixpanel", "/amplitude", "/aep", "/segment");
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
    return all;
}

} // namespace sluice::fakes

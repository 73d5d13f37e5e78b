#include "crmfakes.h"
#include "crmfakesupport.h"

#include <regex>

namespace sluice::fakes {

using nlohmann::json;
using namespace crm;

namespace {

std::string regexEscape(const std::string &text)
{
    static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
    return std::regex_replace(text, special, R"(\$&)");
}

} // namespace

CrmFakes::CrmFakes(const SandboxOptions &options) : m_options(options)
{
    m_hsProperties["contacts"] = defaultHubspotProperties("contacts");
    m_hsProperties["companies"] = defaultHubspotProperties("companies");
    m_sfSchema = defaultSalesforceSchema();
    m_sfTokens.insert(m_options.token);
    m_sfNewestToken = m_options.token;
}

CrmFakes::~CrmFakes() = default;

void CrmFakes::mount(httplib::Server &server, const std::string &hubspotPrefix, const std::string &salesforcePrefix)
{
    m_hubspotPrefix = hubspotPrefix;
    m_salesforcePrefix = salesforcePrefix;
    const std::string hs = regexEscape(hubspotPrefix) + "(/.*)";
    const std::string sf = regexEscape(salesforcePrefix) + "(/.*)";
    auto onHubspot = [this](const httplib::Request &req, httplib::Response &res) { hubspot(req, res, req.matches[1]); };
    auto onSalesforce
        = [this](const httplib::Request &req, httplib::Response &res) { salesforce(req, res, req.matches[1]); };
    server.Get(hs, onHubspot).Post(hs, onHubspot).Put(hs, onHubspot).Patch(hs, onHubspot).Delete(hs, onHubspot);
    server.Get(sf, onSalesforce)
        .Post(sf, onSalesforce)
        .Put(sf, onSalesforce)
        .Patch(sf, onSalesforce)
        .Delete(sf, onSalesforce);
}

std::size_t CrmFakes::logRequest(const std::string &service, const httplib::Request &request, const std::string &path)
{
    CrmRequest r;
    r.service = service;
    r.method = request.method;
    r.path = path;
    const auto q = request.target.find('?');
    r.query = q == std::string::npos ? std::string() : request.target.substr(q + 1);
    r.body = request.body;
    r.authorization = request.get_header_value("Authorization");
    r.contentType = request.get_header_value("Content-Type");
    m_requests.push_back(std::move(r));
    return m_requests.size() - 1;
}

std::vector<CrmRequest> CrmFakes::requests(const std::string &service) const
{
    std::lock_guard lock(m_mutex);
    std::vector<CrmRequest> out;
    for (const auto &r : m_requests)
        if (service.empty() || r.service == service)
            out.push_back(r);
    return out;
}

void CrmFakes::reset()
{
    std::lock_guard lock(m_mutex);
    m_requests.clear();
    m_hsRecords.clear();
    m_hsNextId = 1001;
    m_hsBatchCount = m_hsLargest = m_hsClock = 0;
    m_sfRecords.clear();
    m_sfUsage = m_sfWriteCount = m_sfWriteRequests = m_sfLargest = m_sfRefreshes = 0;
    m_sfLocksLeft = m_sfBehaviour.lockRowFirst;
    m_sfNextId = 1;
    m_sfJobs.clear();
    m_sfJobOrder.clear();
    m_sfTokens = {m_options.token};
    m_sfNewestToken = m_options.token;
}

json CrmFakes::contents() const
{
    std::lock_guard lock(m_mutex);
    json hubspot = json::object();
    for (const std::string object : {"contacts", "companies"}) {
        json list = json::array();
        if (const auto it = m_hsRecords.find(object); it != m_hsRecords.end())
            for (const auto &[id, record] : it->second)
                list.push_back(json{{"id", record.id}, {"properties", record.properties}});
        hubspot[object] = list;
    }
    hubspot["batchRequests"] = m_hsBatchCount;
    hubspot["largestBatch"] = m_hsLargest;
    json salesforce = json::object();
    json records = json::object();
    for (const auto &[object, list] : m_sfRecords) {
        json items = json::array();
        for (const auto &r : list) {
            json item = r.fields;
            item["Id"] = r.id;
            items.push_back(item);
        }
        records[object] = items;
    }
    salesforce["records"] = records;
    salesforce["apiUsage"] = std::to_string(m_sfUsage) + "/" + std::to_string(m_sfBehaviour.apiAllocation);
    salesforce["largestBatch"] = m_sfLargest;
    json jobs = json::array();
    for (const auto &id : m_sfJobOrder)
        jobs.push_back(sfJobInfo(m_sfJobs.at(id)));
    salesforce["jobs"] = jobs;
    return json{{"hubspot", hubspot}, {"salesforce", salesforce}};
}

} // namespace sluice::fakes

#pragma once
// Loopback fakes of HubSpot CRM v3 and Salesforce REST (sObject Collections,
// SOQL query, describe, Bulk API 2.0), faithful to the contract in
// shared/reference/destination-apis.md (sections 1 and 2 and contract cases
// 1-14). Mounted on a FakeHttpServer by SaasSandbox under two path prefixes
// (e.g. /hubspot and /salesforce), so a connector's base URL is
// http://127.0.0.1:PORT/hubspot or .../salesforce.
//
// What each service answers, and the types that shape it: hubspotfake.h and
// salesforcefake.h. The code: crmfakes.cpp (the requests log, mounting,
// contents), hubspotfake.cpp and hubspotbatch.cpp, salesforcefake.cpp (schema
// and records), salesforceapi.cpp (the routes, SOQL) and salesforcebulk.cpp
// (Bulk API 2.0 jobs); crmfakesupport.h: what they share.
//
// Every "sometimes" is deterministic (first N, every Nth).

#include "hubspotfake.h"
#include "saassandbox.h"
#include "salesforcefake.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sluice::fakes {

struct CrmRequest {
    std::string service; // "hubspot" | "salesforce"
    std::string method;
    std::string path;  // below the service's prefix, without the query
    std::string query; // as sent, undecoded
    std::string body;
    std::string authorization;
    std::string contentType;
    int status = 0;  // what the fake answered
    int records = 0; // inputs / records / ids in a batch write, else 0
};

class CrmFakes {
public:
    explicit CrmFakes(const SandboxOptions &options);
    ~CrmFakes();
    CrmFakes(const CrmFakes &) = delete;
    CrmFakes &operator=(const CrmFakes &) = delete;

    // Registers the handlers (before the server starts).
    void mount(httplib::Server &server, const std::string &hubspotPrefix, const std::string &salesforcePrefix);
    // {"hubspot": {"contacts": [...], "companies": [...], ...}, "salesforce": {"records": {"Lead": [...]}, ...}}
    nlohmann::json contents() const;
    // Forgets records, requests, jobs and counters; keeps behaviours and schemas.
    void reset();
    std::vector<CrmRequest> requests(const std::string &service = {}) const;

    // HubSpot.
    void setHubspotBehaviour(HubspotBehaviour behaviour);
    void defineHubspotProperty(const std::string &object, HubspotPropertyDef property);
    void removeHubspotProperty(const std::string &object, const std::string &name);
    // Adds a record as if created in HubSpot; returns its id.
    std::string seedHubspot(const std::string &object, const nlohmann::json &properties);
    // {"id", "properties": {...}, "createdAt", "updatedAt"} by id.
    std::vector<nlohmann::json> hubspotObjects(const std::string &object) const;
    std::vector<nlohmann::json> hubspotContacts() const { return hubspotObjects("contacts"); }
    std::optional<nlohmann::json> hubspotContact(const std::string &email) const;
    // Batch requests received ("upsert", "create", ...; empty: all), answered or not.
    int hubspotBatchRequests(const std::string &operation = {}) const;
    int hubspotLargestBatch() const;

    // Salesforce.
    void setSalesforceBehaviour(SalesforceBehaviour behaviour);
    void defineSalesforceField(const std::string &object, SalesforceFieldDef field);
    void expireSalesforceToken();
    std::string salesforceAccessToken() const; // the newest live token
    int salesforceTokenRefreshes() const;
    std::string seedSalesforce(const std::string &object, const nlohmann::json &fields);
    // Records with their "Id", in creation order.
    std::vector<nlohmann::json> salesforceRecords(const std::string &object) const;
    std::optional<nlohmann::json> salesforceRecord(const std::string &object, const std::string &field,
                                                   const nlohmann::json &value) const;
    int salesforceApiUsage() const;
    int salesforceLargestBatch() const;
    // Collection write requests (upsert, create, update, delete) received.
    int salesforceWriteRequests() const;
    std::vector<nlohmann::json> salesforceJobs() const;

    struct HsRecord {
        std::string id;
        nlohmann::json properties = nlohmann::json::object();
        std::string createdAt, updatedAt;
    };
    struct SfRecord {
        std::string id;
        nlohmann::json fields = nlohmann::json::object();
    };
    struct SfJob {
        std::string id, object, operation, externalIdField, state = "Open", errorMessage, createdDate;
        std::string csv;
        bool uploaded = false;
        int pollsLeft = 0;
        std::vector<std::string> columns;
        std::vector<std::vector<std::string>> succeeded, failed; // result rows (without header)
        int processed = 0;
    };

private:
    void hubspot(const httplib::Request &request, httplib::Response &response, const std::string &path);
    void salesforce(const httplib::Request &request, httplib::Response &response, const std::string &path);
    std::size_t logRequest(const std::string &service, const httplib::Request &request, const std::string &path);

    // HubSpot, with m_mutex held.
    void hsBatch(const httplib::Request &request, httplib::Response &response, const std::string &object,
                 const std::string &operation, std::size_t logIndex);
    nlohmann::json hsResult(const std::string &object, const HsRecord &record) const;
    std::optional<nlohmann::json> hsCheckValue(const std::string &object, const std::string &name,
                                               const nlohmann::json &value) const;
    std::optional<nlohmann::json> hsUnknownProperties(const std::string &object, const nlohmann::json &inputs) const;
    HsRecord *hsFind(const std::string &object, const std::string &property, const std::string &value);
    std::string hsNow();

    // Salesforce, with m_mutex held.
    struct SfResult {
        bool success = false;
        std::string id;
        bool created = false;
        nlohmann::json errors = nlohmann::json::array();
    };
    std::optional<std::pair<int, nlohmann::json>> sfCheckRecords(const std::string &object,
                                                                 const nlohmann::json &records, bool allowId) const;
    nlohmann::json sfCoerce(const SalesforceFieldDef &field, const nlohmann::json &value, bool &ok) const;
    SfResult sfSave(std::vector<SfRecord> &store, const std::string &object, nlohmann::json record,
                    const std::string &mode, const std::string &externalIdField);
    std::vector<SfRecord> &sfStore(const std::string &object) { return m_sfRecords[object]; }
    const SalesforceFieldDef *sfField(const std::string &object, const std::string &name) const;
    std::string sfNewId(const std::string &object);
    nlohmann::json sfDescribe(const std::string &object) const;
    nlohmann::json sfJobInfo(const SfJob &job) const;
    void sfProcessJob(SfJob &job);
    void sfQuery(const std::string &soql, httplib::Response &response, const std::string &apiRoot);

    SandboxOptions m_options;
    std::string m_hubspotPrefix, m_salesforcePrefix;
    mutable std::mutex m_mutex;
    std::vector<CrmRequest> m_requests;

    HubspotBehaviour m_hsBehaviour;
    std::map<std::string, std::vector<HubspotPropertyDef>> m_hsProperties; // by object
    std::map<std::string, std::map<long long, HsRecord>> m_hsRecords;      // by object, by id
    long long m_hsNextId = 1001;
    int m_hsBatchCount = 0;
    int m_hsLargest = 0;
    int m_hsClock = 0;

    SalesforceBehaviour m_sfBehaviour;
    std::map<std::string, std::vector<SalesforceFieldDef>> m_sfSchema; // by sObject
    std::map<std::string, std::vector<SfRecord>> m_sfRecords;
    std::set<std::string> m_sfTokens; // live access tokens
    std::string m_sfNewestToken;
    int m_sfRefreshes = 0;
    int m_sfUsage = 0;
    int m_sfWriteCount = 0;
    int m_sfWriteRequests = 0;
    int m_sfLargest = 0;
    int m_sfLocksLeft = 0;
    long long m_sfNextId = 1;
    std::map<std::string, SfJob> m_sfJobs;
    std::vector<std::string> m_sfJobOrder;
};

} // namespace sluice::fakes

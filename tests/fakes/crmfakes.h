#pragma once
// Loopback fakes of HubSpot CRM v3 and Salesforce REST (sObject Collections,
// SOQL query, describe, Bulk API 2.0), faithful to the contract in
// shared/reference/destination-apis.md (sections 1 and 2 and contract cases
// 1-14). Mounted on a FakeHttpServer by SaasSandbox under two path prefixes
// (e.g. /hubspot and /salesforce), so a connector's base URL is
// http://127.0.0.1:PORT/hubspot or .../salesforce.
//
// HubSpot (under its prefix):
//   POST /crm/v3/objects/{contacts|companies}/batch/{upsert|create|update|read|archive}
//   GET  /crm/v3/objects/{object}?limit=N, GET /crm/v3/properties/{object}
//   POST /oauth/v2/private-apps/get/access-token-info {"tokenKey"}
//   - Authorization: Bearer <SandboxOptions::token>, else 401; scopes per object
//     (crm.objects.X.read / .write) else 403 MISSING_SCOPES naming them;
//   - more than 100 inputs: 400 VALIDATION_ERROR, nothing written; property
//     values must be JSON strings; an unknown property is a whole-request 400
//     with nested code PROPERTY_DOESNT_EXIST, a read-only one READ_ONLY_VALUE;
//   - bad values (enumeration option: INVALID_OPTION; number, date, datetime,
//     bool, email: the fake's own INVALID_* codes) are per-input errors of a
//     207, mapped by context.ids (upsert/update) or context.objectWriteTraceId
//     (create with a unique trace id per input; without, a whole 400);
//   - create of an existing email: 409 CONFLICT "Contact already exists.
//     Existing ID: N", nothing written; update of unknown ids: one
//     OBJECT_NOT_FOUND error with context.ids;
//   - results come back in reverse input order (HubSpot promises no order);
//   - faults counted over batch requests: 429 TEN_SECONDLY_ROLLING with the
//     X-HubSpot-RateLimit-* headers (and Retry-After when set), 429 DAILY,
//     423, 5xx.
// Salesforce (under its prefix, API root /services/data/vNN.N):
//   PATCH composite/sobjects/{SObject}/{ExternalIdField}, POST / PATCH /
//   DELETE composite/sobjects, GET query?q=SELECT ... WHERE F IN (...),
//   GET sobjects/{SObject}/describe, GET limits, Bulk API 2.0 jobs/ingest,
//   POST /services/oauth2/token (grant_type=refresh_token; the refresh token
//   is SandboxOptions::token)
//   - Bearer token must be a live access token (initially SandboxOptions::token;
//     expireSalesforceToken() kills the live ones; the token endpoint issues new
//     ones), else 401 [{"errorCode":"INVALID_SESSION_ID"}];
//   - every data API answer carries Sforce-Limit-Info: api-usage=N/ALLOCATION,
//     N counting requests; past the allocation: 403 REQUEST_LIMIT_EXCEEDED
//     "TotalRequests Limit exceeded.";
//   - more than 200 records or ids: 400 EXCEEDED_ID_LIMIT, nothing written;
//     an unknown field 400 INVALID_FIELD "No such column ..."; a value of the
//     wrong JSON type 400 JSON_PARSER_ERROR;
//   - per record, in request order: REQUIRED_FIELD_MISSING (Lead: LastName,
//     Company; Contact: LastName; Account: Name), INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST,
//     DUPLICATE_VALUE, DUPLICATE_EXTERNAL_ID, UNABLE_TO_LOCK_ROW (fault);
//     allOrNone: nothing saved, other records ALL_OR_NONE_OPERATION_ROLLED_BACK;
//   - Bulk jobs: Open -> (PUT CSV) -> UploadComplete -> InProgress for
//     `bulkInProgressPolls` polls -> JobComplete; failedResults/ rows
//     "sf__Id","sf__Error",<columns>.
// Every "sometimes" is deterministic (first N, every Nth).

#include "saassandbox.h"

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
    std::string path;    // below the service's prefix, without the query
    std::string query;   // as sent, undecoded
    std::string body;
    std::string authorization;
    std::string contentType;
    int status = 0;      // what the fake answered
    int records = 0;     // inputs / records / ids in a batch write, else 0
};

struct HubspotPropertyDef {
    std::string name;
    std::string type = "string"; // string | number | date | datetime | bool | enumeration
    std::string fieldType = "text";
    std::vector<std::string> options; // enumeration values
    bool unique = false;              // hasUniqueValue: can be an upsert idProperty
    bool readOnly = false;
    bool custom = true;
    std::string label;
};

struct HubspotBehaviour {
    // Over batch requests (create, upsert, update, read, archive), counted from 1.
    int rateLimitFirst = 0;           // 429 TEN_SECONDLY_ROLLING
    int rateLimitEvery = 0;
    std::string retryAfter;           // Retry-After on those 429s; empty: none
    int rateLimitIntervalMs = 10000;  // X-HubSpot-RateLimit-Interval-Milliseconds
    bool dailyLimitReached = false;   // every batch request: 429 DAILY
    int lockedFirst = 0;              // 423 Locked
    int serverErrorFirst = 0;
    int serverErrorEvery = 0;
    int serverErrorStatus = 502;
    // Granted scopes; empty: crm.objects.{contacts,companies}.{read,write}.
    std::vector<std::string> scopes;
};

struct SalesforceFieldDef {
    std::string name;
    std::string type = "string"; // string, textarea, email, phone, url, picklist, double, currency,
                                 // percent, int, boolean, date, datetime, id, reference
    bool required = false;       // createable, not nillable, not defaulted: REQUIRED_FIELD_MISSING
    bool externalId = false;     // can key an upsert (and is unique)
    bool unique = false;
    // Unique and external-id fields compare text without regard to case
    // (SOQL, upsert matching, uniqueness) unless marked case-sensitive.
    bool caseSensitive = false;
    bool restricted = false;     // a restricted picklist: other values are refused
    bool readOnly = false;       // neither createable nor updateable
    bool custom = false;
    std::vector<std::string> options;
    std::string defaultValue;    // set on create when not given (defaultedOnCreate)
    std::string label;
};

struct SalesforceBehaviour {
    int apiAllocation = 15000;        // requests beyond it: 403 TotalRequests
    bool requestLimitExceeded = false; // every data API request: 403 TotalRequests
    int concurrentLimitFirst = 0;     // write requests answered 403 ConcurrentPerOrgLongTxn
    int serverErrorFirst = 0;         // write requests answered serverErrorStatus
    int serverErrorEvery = 0;
    int serverErrorStatus = 503;
    int lockRowFirst = 0;             // the first N records processed: UNABLE_TO_LOCK_ROW
    bool refreshedTokensExpire = false; // tokens from the token endpoint are refused as well
    int bulkInProgressPolls = 2;      // job polls answered InProgress before JobComplete
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
    std::map<std::string, std::map<long long, HsRecord>> m_hsRecords;       // by object, by id
    long long m_hsNextId = 1001;
    int m_hsBatchCount = 0;
    int m_hsLargest = 0;
    int m_hsClock = 0;

    SalesforceBehaviour m_sfBehaviour;
    std::map<std::string, std::vector<SalesforceFieldDef>> m_sfSchema; // by sObject
    std::map<std::string, std::vector<SfRecord>> m_sfRecords;
    std::set<std::string> m_sfTokens;   // live access tokens
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

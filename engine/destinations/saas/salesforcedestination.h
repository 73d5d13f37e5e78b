#pragma once
// Salesforce (REST sObject Collections, and Bulk API 2.0 for large runs) as a
// destination. One sObject per destination (Lead, Contact, Account, custom).
//
// Wire contract (shared/reference/destination-apis.md, section 2), under
// INSTANCE/services/data/vXX.X:
//   upsert  PATCH composite/sobjects/{SObject}/{ExternalIdField}
//           {"allOrNone":false,"records":[{"attributes":{"type":"Lead"},"Sluice_Id__c":"u-1",...}]}
//   insert  POST  composite/sobjects
//   update  SOQL query for the record ids by external id, then PATCH composite/sobjects with "id"
//   delete  (mirror) the same query, then DELETE composite/sobjects?ids=...
//   bulk    POST jobs/ingest, PUT jobs/ingest/{id}/batches (CSV), PATCH {"state":"UploadComplete"},
//           GET jobs/ingest/{id} until JobComplete, GET failedResults/ (and unprocessedrecords/)
// Values are typed JSON by the field's Salesforce type (numbers, booleans,
// "YYYY-MM-DD" dates, ISO 8601 date-times); at most 200 records per
// collection request.
//
// Answers: 200 with one result per record in request order: success, or
// errors whose ALL_OR_NONE_OPERATION_ROLLED_BACK and UNABLE_TO_LOCK_ROW
// make the record retryable and anything else rejects it as
// "STATUS_CODE: message (fields: X)". Whole-request errors are arrays
// [{"errorCode","message","fields"}]: 400 INVALID_FIELD (unknown field) fatal,
// other 400 refused as a whole (split); 401 INVALID_SESSION_ID renews the
// token once when refresh credentials are set and resends, a second 401
// ends the run; 403 REQUEST_LIMIT_EXCEEDED fatal for TotalRequests,
// retryable for ConcurrentPerOrgLongTxn; 404 NOT_FOUND fatal; 500, 502,
// 503, 504 and network errors retryable. Every answer's Sforce-Limit-Info
// header is kept in the API inspector and quoted when the limit is reached.

#include "destinations/contract/destination.h"

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace sluice {

struct HttpRequest;
struct HttpResponse;

struct SalesforceSettings {
    std::string instanceUrl; // https://MyDomain.my.salesforce.com
    std::string apiVersion = "v60.0";
    std::string accessToken; // resolved secrets
    std::string clientId;
    std::string clientSecret;
    std::string refreshToken;
    std::string tokenUrl; // empty: instanceUrl + /services/oauth2/token
    std::string object = "Lead";
    std::string externalIdField; // required for upsert, update and mirror
    int batchSize = 200;
    int concurrency = 2;
    double requestsPerSecond = 0;
    std::map<std::string, std::string> customFields; // name -> string|number|date|datetime|bool|enumeration
    bool allOrNone = false;
    bool bulk = false;
    int bulkBatchSize = 10000; // records per Bulk API job
    int bulkPollMs = 2000;
    int bulkTimeoutSeconds = 3600;
    bool clearOnNull = false;
    int timeoutSeconds = 60;
};

// What Sluice knows of one field of an sObject (from describe or built in).
struct SalesforceField {
    std::string name;
    std::string type = "string"; // Salesforce's: string, double, int, boolean, date, datetime, picklist, ...
    std::string label;
    bool nillable = true;
    bool createable = true;
    bool updateable = true;
    bool defaultedOnCreate = false;
    bool externalId = false;
    // Unique and external-id fields match text without regard to case
    // unless the describe marks them case-sensitive.
    bool caseSensitive = false;
    bool custom = false;
    std::vector<std::string> options;
};

class SalesforceDestination final : public Destination {
public:
    static constexpr int kMaxBatch = 200;

    explicit SalesforceDestination(SalesforceSettings settings);
    ~SalesforceDestination() override;

    std::string_view kind() const override { return "salesforce"; }
    std::vector<SyncMode> supportedModes() const override;
    DestinationLimits limits() const override;
    Result<std::string> testConnection() override;
    Result<std::vector<DestinationObject>> describe() override;
    Result<> begin(const RunInfo &run) override;
    BatchResult write(int batchNumber, std::span<const Record> batch) override;
    Result<> commit() override { return {}; }
    void abort() override { }

    // The last Sforce-Limit-Info seen ("api-usage=12/15000"), "" before any answer.
    std::string apiUsage() const;

    struct Call; // one answer, after renewing the token if needed (salesforceinternal.h)

    // A value as Salesforce reads it for a field of `type`, as JSON text;
    // nullopt leaves the field out. Public for tests.
    static std::optional<std::string> jsonValue(const Value &value, const std::string &type, bool clearOnNull);
    // The same as a Bulk API CSV cell (unquoted).
    static std::optional<std::string> csvValue(const Value &value, const std::string &type, bool clearOnNull);

private:
    using GroupResult = std::expected<std::vector<RecordOutcome>, BatchFailure>;

    std::string apiUrl(const std::string &path) const;
    HttpRequest request(const std::string &method, const std::string &url, std::string body = {},
                        const std::string &contentType = "application/json") const;
    HttpResponse send(int batchNumber, const HttpRequest &request, bool report) const;
    Call call(int batchNumber, HttpRequest request, bool report = true) const;
    bool canRefresh() const;
    std::string currentToken(int *generation) const;
    Result<> renewToken(int seenGeneration, int batchNumber, bool report) const;
    Result<std::vector<SalesforceField>> readDescribe(bool report) const;
    void learnFields(const std::vector<SalesforceField> &fields);
    std::string fieldType(const std::string &name) const;
    const Value *externalIdOf(const Record &record) const;
    std::optional<std::string> externalIdText(const Record &record) const;
    void appendRecord(std::string &body, const Record &record, const std::string *id, bool withExternalId) const;

    GroupResult upsert(int batchNumber, std::span<const Record> records) const;
    GroupResult insert(int batchNumber, std::span<const Record> records) const;
    GroupResult update(int batchNumber, std::span<const Record> records) const;
    GroupResult remove(int batchNumber, std::span<const Record> records) const;
    GroupResult bulkWrite(int batchNumber, std::span<const Record> records, bool upsert) const;
    // Record ids by external id, keyed by matchKey(): the org's own matching.
    std::expected<std::map<std::string, std::vector<std::string>>, BatchFailure> lookupIds(
        int batchNumber, const std::vector<std::string> &externalIds) const;
    // An external id as the org matches it: itself when the field is
    // case-sensitive, else without regard to case (SOQL's IN and upsert both
    // match 'u-3' to a stored 'U-3').
    std::string matchKey(const std::string &externalId) const;
    // The answers to the records at `sent` (in request order) placed among
    // `outcomes`, the batch's; the call's failure when it has no answers.
    GroupResult answeredInPlace(const Call &c, const std::vector<std::size_t> &sent,
                                std::vector<RecordOutcome> outcomes) const;
    BatchFailure classify(const Call &call, bool bulk = false) const;

    SalesforceSettings m_settings;
    std::string m_api; // INSTANCE/services/data/vXX.X
    std::string m_tokenUrl;
    RunInfo m_run;
    int m_extField = -1; // index of externalIdField in RunInfo::fields
    int m_extKey = -1;   // index of externalIdField in RunInfo::keyFields
    std::vector<std::string> m_fieldTypes;
    std::map<std::string, SalesforceField> m_known;
    bool m_describeRead = false;

    mutable std::mutex m_tokenMutex;
    mutable std::string m_token;
    mutable int m_tokenGeneration = 0;
    mutable std::mutex m_usageMutex;
    mutable std::string m_apiUsage;
};

} // namespace sluice

#pragma once
// HubSpot CRM v3 (contacts, companies) as a destination.
//
// Wire contract (shared/reference/destination-apis.md, section 1):
//   upsert  POST /crm/v3/objects/{object}/batch/upsert
//           {"inputs":[{"idProperty":"email","id":"ana@example.com","properties":{...}}]}
//   insert  POST /crm/v3/objects/{object}/batch/create, every input with a unique
//           objectWriteTraceId so a 207 names the failed input by it
//   update  POST /crm/v3/objects/{object}/batch/update, inputs addressed by idProperty
//   delete  (mirror) POST .../batch/read by idProperty to find the record ids, then
//           POST .../batch/archive {"inputs":[{"id":"5101"}]}
// Property values are all strings: numbers without exponent, booleans
// "true"/"false", date properties "YYYY-MM-DD", datetime properties epoch
// milliseconds; NULL is left out, or sent as "" (which clears the property)
// when clearOnNull is set. At most 100 inputs per request.
//
// Answers: 200/201 all written; 207 per-input errors mapped by context.ids
// (idProperty values) or context.objectWriteTraceId, never by position;
// 400 PROPERTY_DOESNT_EXIST / READ_ONLY_VALUE fatal naming the property;
// other 400, 409, 414 refused as a whole (the executor splits the batch);
// 401, 403, 404 fatal; 423, 477, 5xx, network errors retryable; 429
// TEN_SECONDLY_ROLLING retryable after Retry-After or the rate-limit window
// (X-HubSpot-RateLimit-Interval-Milliseconds); 429 DAILY fatal for the run.

#include "destinations/contract/destination.h"

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace sluice {

struct HttpRequest;
struct HttpResponse;

struct HubspotSettings {
    std::string baseUrl = "https://api.hubapi.com";
    std::string accessToken; // resolved
    std::string object = "contacts";
    std::string idProperty = "email";
    int batchSize = 100;
    int concurrency = 2;
    double requestsPerSecond = 10;                   // 100 requests per 10 s (Free and Starter)
    std::map<std::string, std::string> customFields; // name -> string|number|date|datetime|bool|enumeration
    bool clearOnNull = false;
    int timeoutSeconds = 30;
};

// What Sluice knows of one HubSpot property.
struct HubspotProperty {
    std::string name;
    std::string type = "string"; // string | number | date | datetime | bool | enumeration
    std::string fieldType;       // text, phonenumber, select, ...
    std::string label;
    std::vector<std::string> options;
    bool readOnly = false;
    bool unique = false;
    bool custom = false;
};

class HubspotDestination final : public Destination {
public:
    static constexpr int kMaxBatch = 100;

    explicit HubspotDestination(HubspotSettings settings);
    ~HubspotDestination() override;

    std::string_view kind() const override { return "hubspot"; }
    std::vector<SyncMode> supportedModes() const override;
    DestinationLimits limits() const override;
    Result<std::string> testConnection() override;
    Result<std::vector<DestinationObject>> describe() override;
    Result<> begin(const RunInfo &run) override;
    BatchResult write(int batchNumber, std::span<const Record> batch) override;
    Result<> commit() override { return {}; }
    void abort() override { }

    // The string HubSpot expects for `value` in a property of `type`; nullopt
    // leaves the property out. Public for tests.
    static std::optional<std::string> propertyText(const Value &value, const std::string &type, bool clearOnNull);

private:
    using GroupResult = std::expected<std::vector<RecordOutcome>, BatchFailure>;

    std::string url(const std::string &path) const;
    HttpRequest request(const std::string &method, const std::string &path, std::string body = {}) const;
    HttpResponse send(int batchNumber, const HttpRequest &request) const;
    Result<std::vector<HubspotProperty>> readSchema() const;
    void learnSchema(const std::vector<HubspotProperty> &properties);
    const HubspotProperty *property(const std::string &name) const;
    std::string propertyType(const std::string &name) const;
    std::optional<std::string> idOf(const Record &record) const;
    void appendProperties(std::string &body, const Record &record, bool skipId) const;

    GroupResult upsertOrUpdate(int batchNumber, std::span<const Record> records, bool update) const;
    GroupResult create(int batchNumber, std::span<const Record> records) const;
    GroupResult remove(int batchNumber, std::span<const Record> records) const;
    BatchFailure classify(const HttpResponse &response) const;

    HubspotSettings m_settings;
    RunInfo m_run;
    int m_idField = -1;                             // index of idProperty in RunInfo::fields
    int m_idKey = -1;                               // index of idProperty in RunInfo::keyFields
    std::vector<std::string> m_fieldTypes;          // HubSpot type of each mapped field
    std::map<std::string, HubspotProperty> m_known; // built-in, read from HubSpot, then customFields
    bool m_schemaRead = false;
};

} // namespace sluice

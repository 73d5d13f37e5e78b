#pragma once
// The Salesforce half of CrmFakes (crmfakes.h): what it answers, its field
// definitions and faults.
//
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

#include <string>
#include <vector>

namespace sluice::fakes {

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
    bool restricted = false; // a restricted picklist: other values are refused
    bool readOnly = false;   // neither createable nor updateable
    bool custom = false;
    std::vector<std::string> options;
    std::string defaultValue; // set on create when not given (defaultedOnCreate)
    std::string label;
};

struct SalesforceBehaviour {
    int apiAllocation = 15000;         // requests beyond it: 403 TotalRequests
    bool requestLimitExceeded = false; // every data API request: 403 TotalRequests
    int concurrentLimitFirst = 0;      // write requests answered 403 ConcurrentPerOrgLongTxn
    int serverErrorFirst = 0;          // write requests answered serverErrorStatus
    int serverErrorEvery = 0;
    int serverErrorStatus = 503;
    int lockRowFirst = 0;               // the first N records processed: UNABLE_TO_LOCK_ROW
    bool refreshedTokensExpire = false; // tokens from the token endpoint are refused as well
    int bulkInProgressPolls = 2;        // job polls answered InProgress before JobComplete
};

} // namespace sluice::fakes

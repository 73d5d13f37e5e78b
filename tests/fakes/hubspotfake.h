#pragma once
// The HubSpot half of CrmFakes (crmfakes.h): what it answers, its property
// definitions and faults.
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

#include <string>
#include <vector>

namespace sluice::fakes {

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
    int rateLimitFirst = 0; // 429 TEN_SECONDLY_ROLLING
    int rateLimitEvery = 0;
    std::string retryAfter;          // Retry-After on those 429s; empty: none
    int rateLimitIntervalMs = 10000; // X-HubSpot-RateLimit-Interval-Milliseconds
    bool dailyLimitReached = false;  // every batch request: 429 DAILY
    int lockedFirst = 0;             // 423 Locked
    int serverErrorFirst = 0;
    int serverErrorEvery = 0;
    int serverErrorStatus = 502;
    // Granted scopes; empty: crm.objects.{contacts,companies}.{read,write}.
    std::vector<std::string> scopes;
};

} // namespace sluice::fakes

#pragma once
// The Destination interface: where a sync delivers records. Implementations:
// CSV and JSON Lines files, a SQLite or PostgreSQL table, an HTTP webhook
// (SaaS connectors join them).
//
// The executor calls begin(), then write() for each batch (from several
// threads at once when maxConcurrency() > 1), then commit() or abort().
// write() returns one outcome per record; a failure of the whole request
// comes back as a BatchFailure so the executor can retry it, split it to
// isolate a bad record, or stop.

#include "core/error.h"
#include "core/value.h"
#include "syncmode.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sluice {

enum class RecordOp { Upsert, Insert, Update, Delete };

struct Record {
    RecordOp op = RecordOp::Upsert;
    std::string key;              // encoded primary key (keycodec)
    std::string displayKey;       // for logs and rejection lists
    std::vector<Value> keyValues; // decoded key components
    std::uint64_t hash = 0;       // payload hash to record once acknowledged
    std::vector<Value> fields;    // mapped values in RunInfo::fields order (empty for Delete)
    std::string payload;          // JSON object text of the fields (what the user sees)
    std::uint64_t ordinal = 0;    // submission order, for the timestamp cursor's bookkeeping
    // An Insert a killed run may have delivered already (its intent was
    // recorded, its acknowledgement never): finding the key there is then
    // not a conflict but that earlier delivery.
    bool maybeDelivered = false;
};

enum class Outcome { Delivered, Rejected, Retryable };

struct RecordOutcome {
    Outcome outcome = Outcome::Delivered;
    std::string reason; // the destination's own words when rejected
};

struct BatchFailure {
    enum class Kind {
        Retryable,     // 429, 5xx, timeouts: send the same batch again later
        RejectedWhole, // 4xx naming no record: split the batch to find the bad one
        Fatal,         // auth, missing scope, unknown object: stop the run
    } kind
        = Kind::Fatal;
    std::string message;
    std::optional<std::chrono::milliseconds> retryAfter; // from Retry-After and similar hints
    // No answer at all: the connection was refused, dropped or timed out. A
    // run of these in a row means the destination is unreachable (executor).
    bool noAnswer = false;
};

// A request that got no answer (HttpResponse::transportError): retryable.
inline BatchFailure noAnswer(std::string message)
{
    return BatchFailure{BatchFailure::Kind::Retryable, std::move(message), std::nullopt, true};
}

using BatchResult = std::expected<std::vector<RecordOutcome>, BatchFailure>;

// An HTTP request and its answer, for the API inspector (secrets redacted).
struct HttpExchange {
    std::string method, url;
    int status = 0;
    double latencyMs = 0;
    std::string requestHeaders, requestBody, responseHeaders, responseBody;
};

// Where a destination reports what it did, thread-safe.
class DestinationObserver {
public:
    virtual ~DestinationObserver() = default;
    virtual void onHttpExchange(int batch, const HttpExchange &exchange) = 0;
};

struct FieldSpec {
    std::string name;
    ValueType type = ValueType::Text;
};

struct RunInfo {
    std::string syncName;
    SyncMode mode = SyncMode::Upsert;
    std::vector<FieldSpec> fields;      // mapped fields, the order of Record::fields
    std::vector<std::string> keyFields; // which of them hold the primary key, in key order
    DestinationObserver *observer = nullptr;
};

// What a destination can receive: its object types and their fields (named
// ObjectField; mapping/destinationfield.h has the mapping checker's view), for
// the mapping designer and for checking a mapping before any run.
struct ObjectField {
    std::string name; // as the service names it: "email", "LastName", "Lead_Score__c"
    ValueType type = ValueType::Text;
    std::string format;               // "", "date", "datetime", "email", "phone", "enum"
    bool required = false;            // the service refuses a record without it
    bool identifier = false;          // identifies the record (upsert key / external id)
    bool custom = false;              // a custom field (typed by the user or read from the service)
    std::vector<std::string> options; // enumeration values, when known
    std::string label;
};

struct DestinationObject {
    std::string name; // "contacts", "Lead", "users/track attributes"
    std::string label;
    std::vector<ObjectField> fields;
};

struct DestinationLimits {
    int maxBatchRecords = 500;     // hard limit from the service
    std::size_t maxBatchBytes = 0; // 0: none
    int defaultBatchRecords = 500;
    int maxConcurrency = 1;       // batches in flight at once
    double requestsPerSecond = 0; // 0: unlimited
};

class Destination {
public:
    virtual ~Destination() = default;

    virtual std::string_view kind() const = 0;
    virtual std::vector<SyncMode> supportedModes() const = 0;
    virtual DestinationLimits limits() const = 0;
    // True when write() outcomes only become durable at commit() (files).
    virtual bool acknowledgesAtCommit() const { return false; }
    // True when, in mirror mode, the destination wants every current row
    // (unchanged ones too) in key order, because it rewrites itself (files).
    virtual bool mirrorRewritesAll() const { return false; }

    virtual Result<std::string> testConnection() = 0;
    // The objects and fields this destination offers. Generic destinations
    // (files, webhooks) have none: any field name goes. Connectors with a
    // schema endpoint read custom fields from the service.
    virtual Result<std::vector<DestinationObject>> describe() { return std::vector<DestinationObject>{}; }
    virtual Result<> begin(const RunInfo &run) = 0;
    virtual BatchResult write(int batchNumber, std::span<const Record> batch) = 0;
    virtual Result<> commit() = 0;
    virtual void abort() = 0;

    // Commit-at-end destinations (files) commit in two steps, so that a kill
    // between the destination's commit and the sync state's never makes the
    // next run send the whole run again, nor forget that it was sent:
    //   prepareCommit() makes the output durable but not yet visible and
    //     returns a token that names it; the runner records the token;
    //   commit() makes it visible; the runner then promotes the run's rows;
    //   recoverCommit(token), in a later run, says whether a killed run's
    //     prepared output became visible, and removes what it left behind.
    enum class CommitOutcome { Visible, NotVisible };
    virtual Result<nlohmann::json> prepareCommit() { return nlohmann::json::object(); }
    virtual Result<CommitOutcome> recoverCommit(const nlohmann::json &token)
    {
        (void)token;
        return CommitOutcome::NotVisible;
    }
    // Called instead of prepareCommit() when the run changes nothing at the
    // destination (no row added, changed or removed; a mirror rewrite would
    // hold only the rows already there). Drops what begin() prepared and
    // returns true when the output is already as it should be; false when it
    // must still be written (a first run, or a file someone removed).
    virtual bool keepOutputUnchanged() { return false; }
    // Removes what killed runs of this destination left behind (temporary
    // files of processes that no longer exist); a short note of what went, or "".
    virtual std::string removeLeftovers() { return {}; }
};

} // namespace sluice

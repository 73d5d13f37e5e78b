#pragma once
// What the engagement connectors (Braze, Mixpanel, Amplitude, Adobe
// Experience Platform, Segment) share: their common settings, typed custom
// fields, value and date conversions, deterministic dedupe ids, batch
// assembly under the service's record and byte limits, and HTTP exchanges
// reported to the API inspector with every credential redacted.
//
// Each connector turns one Record into one item of the service's request
// (an attributes object, an event, an XDM message, a batch item). Items a
// service would refuse for their size are rejected here, before sending, with
// a reason naming the limit; a batch whose body would still exceed the
// service's request limit is refused as a whole without being sent, so the
// executor halves it. The services never see an oversize request.

#include "core/settingsspec.h"
#include "destinations/contract/destination.h"
#include "http/answers.h"
#include "http/httpclient.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sluice::saas {

using ojson = nlohmann::ordered_json;

// The types a user can give a custom field ("customFields": {"ltv": "number"}).
enum class CustomType { Text, Integer, Number, Boolean, DateTime, Date };

struct CustomField {
    std::string name;
    CustomType type = CustomType::Text;
};

// Settings every engagement connector takes (each with its own defaults).
struct CommonSettings {
    std::string kind;    // "braze"
    std::string service; // "Braze", for messages
    std::string baseUrl; // without a trailing '/'
    int batchSize = 100;
    int concurrency = 1;
    double requestsPerSecond = 0;
    int timeoutSeconds = 30;
    std::vector<CustomField> customFields;
};

struct CommonDefaults {
    std::string baseUrl;
    std::string baseUrlHelp;
    int batchSize = 100;
    int maxBatchSize = 100; // the service's own limit, stated in the help text
    int concurrency = 2;
    double requestsPerSecond = 0;
    std::string rateHelp;
};

// baseUrl, batchSize, concurrency, requestsPerSecond, timeoutSeconds, customFields.
std::vector<SettingSpec> commonSettingSpecs(const CommonDefaults &defaults);
// An Integer setting (a number, or the text a resolved reference gave).
int integerSetting(const nlohmann::json &resolved, const std::string &key, int fallback);
// A text or boolean setting; `fallback` when absent or null.
std::string stringSetting(const nlohmann::json &resolved, const std::string &key, const std::string &fallback = {});
bool booleanSetting(const nlohmann::json &resolved, const std::string &key, bool fallback);
// Reads them from resolved settings; checks the URL and the custom field types.
Result<CommonSettings> readCommonSettings(std::string kind, std::string service, const nlohmann::json &resolved);

ValueType customValueType(CustomType type);
std::string customFormat(CustomType type); // "datetime", "date" or ""
std::string_view customTypeName(CustomType type);

// ---- values

// Null, numbers (NaN and infinities as null), text and booleans as JSON.
ojson jsonOf(const Value &value);
// A value converted to a custom field's declared type; nullopt and `out`
// set on success, otherwise why it cannot be converted.
std::optional<std::string> convertCustom(const Value &value, CustomType type, ojson &out);

// Epoch milliseconds from a number (seconds below 1e11, else milliseconds),
// a text of digits (the same rule) or an ISO 8601 text (no offset: UTC).
std::optional<std::int64_t> epochMillisOf(const Value &value);
// "2024-05-01T09:12:33Z", or "2024-05-01T09:12:33.250Z" with milliseconds.
std::string isoFromMillis(std::int64_t millis);
// For services wanting ISO 8601 text: numbers are read as epoch (seconds or
// milliseconds) and formatted; text passes unchanged; NULL stays null.
ojson isoDateTime(const Value &value);

// Sets a dotted path ("person.name.firstName") inside `object`, creating
// the objects on the way.
void setPath(ojson &object, std::string_view path, ojson value);

// A deterministic id for one version of one record of one sync: the same
// record with the same payload gives the same id on every resend (so a
// service deduplicating on it never counts it twice), a changed payload a
// new one. 36 characters, UUID-shaped: lower-case hex digits and '-'.
std::string dedupeId(std::string_view syncName, const Record &record);

std::string base64(std::string_view data);

// ---- answers

std::optional<std::chrono::milliseconds> laterOf(std::optional<std::chrono::milliseconds> a,
                                                 std::optional<std::chrono::milliseconds> b);
// The time left until an epoch in seconds (X-RateLimit-Reset), at least 0.
std::optional<std::chrono::milliseconds> untilEpochSeconds(const std::optional<std::string> &value);
// A compact JSON text of an answer body, parsed; discarded when not JSON.
nlohmann::json parseBody(const std::string &body);

BatchFailure batchFailure(BatchFailure::Kind kind, std::string message,
                          std::optional<std::chrono::milliseconds> retryAfter = std::nullopt);

// ---- the shared destination

// One batch turned into the service's items.
struct PreparedBatch {
    std::vector<RecordOutcome> outcomes; // one per record; local rejections already set
    std::vector<std::size_t> sent;       // record index of each item, in request order
    std::vector<std::string> items;      // the serialized items
    std::size_t itemBytes = 0;           // their total size

    // Items joined by ',' between `open` and `close`.
    std::string join(std::string_view open, std::string_view close) const;
    bool empty() const { return items.empty(); }
};

class EngagementDestination : public Destination {
public:
    explicit EngagementDestination(CommonSettings settings);

    std::string_view kind() const override { return m_settings.kind; }
    DestinationLimits limits() const override;
    Result<> begin(const RunInfo &run) override;
    Result<> commit() override { return {}; }
    void abort() override { }

protected:
    // What the service allows per request: records and body bytes (0: not
    // stated), and for one item.
    virtual int serviceMaxRecords() const = 0;
    virtual std::size_t serviceMaxBytes() const = 0;
    virtual std::size_t serviceMaxItemBytes() const { return serviceMaxBytes(); }
    // How much larger than Record::payload one item is on the wire (envelope,
    // ids, time stamps), and how many times the body's encoding inflates the
    // items (form encoding does); used to cut batches that fit.
    virtual std::size_t itemOverhead() const { return 160; }
    virtual double bodyInflation() const { return 1.0; }
    // Checks that the mapping gives the service what it requires.
    virtual Result<> checkMapping() { return {}; }
    // Builds one record's item; returns why the record cannot be sent.
    using ItemBuilder = std::function<std::optional<std::string>(const Record &record, ojson &item)>;
    PreparedBatch prepare(std::span<const Record> batch, const ItemBuilder &build) const;
    // A body over the service's limit: refused without sending (the executor halves the batch).
    std::optional<BatchFailure> oversize(std::size_t bodyBytes, std::size_t records) const;

    // Sends with the request timeout and User-Agent set, and reports the
    // exchange to the run's observer (credentials redacted).
    HttpResponse send(int batchNumber, HttpRequest request) const;
    std::string endpoint(std::string_view path) const; // baseUrl + path

    // Mapped fields, by the name the service knows them by.
    bool mapped(std::string_view name) const;
    const Value *valueOf(const Record &record, std::string_view name) const;
    const CustomField *customField(std::string_view name) const;
    // A user field for a property bag: its custom type applied when it has
    // one; otherwise passed as it is. Returns why it cannot be converted.
    std::optional<std::string> property(std::string_view name, const Value &value, ojson &out) const;
    // Text for identifiers: numbers as digits, NULL and "" as nullopt.
    static std::optional<std::string> idText(const Value *value);

    // Secrets to hide from the API inspector wherever they appear.
    void addSecret(std::string secret);
    std::string redacted(std::string text) const;
    // Sanity check of a mapped field and its type before a run.
    Result<> requireMapped(std::initializer_list<std::string_view> anyOf, std::string_view what) const;

    CommonSettings m_settings;
    RunInfo m_run;
    std::unordered_map<std::string, std::size_t> m_index; // field name -> position in Record::fields
    std::vector<std::string> m_secrets;
};

// The standard fields of an object, for describe(), with the user's custom fields added.
ObjectField standardField(std::string name, ValueType type, std::string label, std::string format = {},
                          bool required = false, bool identifier = false, std::vector<std::string> options = {});
void addCustomFields(DestinationObject &object, const std::vector<CustomField> &customFields);

} // namespace sluice::saas

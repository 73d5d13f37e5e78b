#include "destinations/saas/engagementcommon.h"

#include "formats/datetime.h"
#include "core/sha256.h"
#include "version.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace sluice::saas {

using nlohmann::json;

namespace {

// What the API inspector keeps of a body (as the webhook destination does).
constexpr std::size_t kInspectorBodyLimit = 64 * 1024;

std::string cutForInspector(const std::string &body)
{
    if (body.size() <= kInspectorBodyLimit)
        return body;
    std::size_t end = kInspectorBodyLimit;
    while (end > 0 && (static_cast<unsigned char>(body[end]) & 0xC0) == 0x80)
        --end;
    return body.substr(0, end) + "\n[cut: " + std::to_string(body.size()) + " bytes in all]";
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return a.size() == b.size()
           && std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

std::string trim(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return std::string(text);
}

std::optional<std::int64_t> parseInteger(std::string_view text)
{
    const std::string t = trim(text);
    std::int64_t v = 0;
    const char *first = t.data();
    const char *last = t.data() + t.size();
    if (!t.empty() && t.front() == '+')
        ++first;
    const auto [ptr, ec] = std::from_chars(first, last, v);
    if (t.empty() || ec != std::errc() || ptr != last)
        return std::nullopt;
    return v;
}

std::optional<double> parseNumber(std::string_view text)
{
    const std::string t = trim(text);
    if (t.empty())
        return std::nullopt;
    double v = 0;
    const char *first = t.data();
    if (t.front() == '+')
        ++first;
    const auto [ptr, ec] = std::from_chars(first, t.data() + t.size(), v);
    if (ec != std::errc() || ptr != t.data() + t.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

// Epoch seconds below 1e11 (the year 5138), milliseconds above.
std::int64_t millisFromEpochNumber(double number)
{
    return std::abs(number) < 1e11 ? static_cast<std::int64_t>(std::llround(number * 1000.0))
                                   : static_cast<std::int64_t>(std::llround(number));
}

// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
void civilFromDays(std::int64_t z, int &year, unsigned &month, unsigned &day)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = static_cast<int>(y + (month <= 2));
}

std::string typeList()
{
    return "text, integer, number, boolean, datetime, date";
}

std::optional<CustomType> customTypeFromName(std::string_view name)
{
    if (name == "text" || name == "string")
        return CustomType::Text;
    if (name == "integer")
        return CustomType::Integer;
    if (name == "number" || name == "decimal" || name == "real")
        return CustomType::Number;
    if (name == "boolean")
        return CustomType::Boolean;
    if (name == "datetime" || name == "time")
        return CustomType::DateTime;
    if (name == "date")
        return CustomType::Date;
    return std::nullopt;
}

std::string quoted(const Value &value)
{
    return "'" + value.toString() + "'";
}

} // namespace

// ---- settings

int integerSetting(const json &s, const std::string &key, int fallback)
{
    const auto it = s.find(key);
    if (it == s.end())
        return fallback;
    if (it->is_number())
        return it->get<int>();
    // Integer settings may hold a reference, resolved to text.
    if (it->is_string())
        if (const auto parsed = parseInteger(it->get<std::string>()))
            return int(std::clamp<std::int64_t>(*parsed, INT32_MIN, INT32_MAX));
    return fallback;
}

std::vector<SettingSpec> commonSettingSpecs(const CommonDefaults &d)
{
    using T = SettingType;
    return {
        {"baseUrl", T::String, false, false, d.baseUrl, {}, "Base URL", d.baseUrlHelp},
        {"batchSize", T::Integer, false, false, d.batchSize, {}, "Records per request",
         "At most " + std::to_string(d.maxBatchSize) + " (the service's limit)."},
        {"concurrency", T::Integer, false, false, d.concurrency, {}, "Requests in flight", ""},
        {"requestsPerSecond", T::Number, false, false, d.requestsPerSecond, {}, "Rate limit (0: none)", d.rateHelp},
        {"timeoutSeconds", T::Integer, false, false, 30, {}, "Request timeout (s)", ""},
        {"customFields", T::StringMap, false, false, json::object(), {}, "Custom fields",
         "Custom attributes or properties and their types: " + typeList()
             + ". Values are converted to the type before sending; a value that cannot be is rejected."},
    };
}

std::string stringSetting(const json &s, const std::string &key, const std::string &fallback)
{
    const auto it = s.find(key);
    return it != s.end() && it->is_string() ? it->get<std::string>() : fallback;
}

bool booleanSetting(const json &s, const std::string &key, bool fallback)
{
    const auto it = s.find(key);
    return it != s.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

Result<CommonSettings> readCommonSettings(std::string kind, std::string service, const json &s)
{
    CommonSettings c;
    c.kind = std::move(kind);
    c.service = std::move(service);
    c.baseUrl = stringSetting(s, "baseUrl");
    while (!c.baseUrl.empty() && c.baseUrl.back() == '/')
        c.baseUrl.pop_back();
    if (!c.baseUrl.starts_with("http://") && !c.baseUrl.starts_with("https://"))
        return invalidInput(c.kind + ".bad_url", "the base URL must start with http:// or https://",
                            "settings.baseUrl");
    c.batchSize = std::max(1, integerSetting(s, "batchSize", 100));
    c.concurrency = std::max(1, integerSetting(s, "concurrency", 1));
    c.requestsPerSecond = std::max(0.0, s.contains("requestsPerSecond") && s["requestsPerSecond"].is_number()
                                            ? s["requestsPerSecond"].get<double>()
                                            : 0.0);
    c.timeoutSeconds = std::max(1, integerSetting(s, "timeoutSeconds", 30));
    if (const auto it = s.find("customFields"); it != s.end() && it->is_object()) {
        for (const auto &[name, type] : it->items()) {
            const auto parsed = customTypeFromName(type.is_string() ? type.get<std::string>() : "");
            if (!parsed)
                return invalidInput(c.kind + ".custom_type",
                                    "unknown type '" + (type.is_string() ? type.get<std::string>() : type.dump())
                                        + "' for custom field '" + name + "'; use one of: " + typeList(),
                                    "settings.customFields." + name);
            c.customFields.push_back({name, *parsed});
        }
    }
    return c;
}

ValueType customValueType(CustomType type)
{
    switch (type) {
    case CustomType::Integer: return ValueType::Integer;
    case CustomType::Number: return ValueType::Real;
    case CustomType::Boolean: return ValueType::Boolean;
    default: return ValueType::Text;
    }
}

std::string customFormat(CustomType type)
{
    return type == CustomType::DateTime ? "datetime" : type == CustomType::Date ? "date" : "";
}

std::string_view customTypeName(CustomType type)
{
    switch (type) {
    case CustomType::Text: return "text";
    case CustomType::Integer: return "integer";
    case CustomType::Number: return "number";
    case CustomType::Boolean: return "boolean";
    case CustomType::DateTime: return "datetime";
    case CustomType::Date: return "date";
    }
    return "text";
}

// ---- values

ojson jsonOf(const Value &value)
{
    switch (value.type()) {
    case ValueType::Null: return nullptr;
    case ValueType::Integer: return value.asInteger();
    case ValueType::Real: return std::isfinite(value.asReal()) ? ojson(value.asReal()) : ojson(nullptr);
    case ValueType::Text: return value.asText();
    case ValueType::Boolean: return value.asBoolean();
    }
    return nullptr;
}

std::optional<std::string> convertCustom(const Value &value, CustomType type, ojson &out)
{
    if (value.isNull()) {
        out = nullptr;
        return std::nullopt;
    }
    switch (type) {
    case CustomType::Text:
        out = value.type() == ValueType::Text ? value.asText() : value.toString();
        return std::nullopt;
    case CustomType::Integer:
        if (value.type() == ValueType::Integer) {
            out = value.asInteger();
            return std::nullopt;
        }
        if (value.type() == ValueType::Real && std::isfinite(value.asReal())
            && value.asReal() == std::floor(value.asReal()) && std::abs(value.asReal()) < 9.0e15) {
            out = static_cast<std::int64_t>(value.asReal());
            return std::nullopt;
        }
        if (value.type() == ValueType::Text)
            if (const auto parsed = parseInteger(value.asText())) {
                out = *parsed;
                return std::nullopt;
            }
        return quoted(value) + " is not an integer";
    case CustomType::Number:
        if (value.type() == ValueType::Integer) {
            out = value.asInteger();
            return std::nullopt;
        }
        if (value.type() == ValueType::Real && std::isfinite(value.asReal())) {
            out = value.asReal();
            return std::nullopt;
        }
        if (value.type() == ValueType::Text)
            if (const auto parsed = parseNumber(value.asText())) {
                out = *parsed;
                return std::nullopt;
            }
        return quoted(value) + " is not a number";
    case CustomType::Boolean:
        if (value.type() == ValueType::Boolean) {
            out = value.asBoolean();
            return std::nullopt;
        }
        if (value.type() == ValueType::Integer && (value.asInteger() == 0 || value.asInteger() == 1)) {
            out = value.asInteger() == 1;
            return std::nullopt;
        }
        if (value.type() == ValueType::Text) {
            std::string t = trim(value.asText());
            std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return char(std::tolower(c)); });
            if (t == "true" || t == "1" || t == "yes" || t == "t" || t == "y") {
                out = true;
                return std::nullopt;
            }
            if (t == "false" || t == "0" || t == "no" || t == "f" || t == "n") {
                out = false;
                return std::nullopt;
            }
        }
        return quoted(value) + " is not true or false";
    case CustomType::DateTime: {
        const auto millis = epochMillisOf(value);
        if (!millis)
            return quoted(value) + " is not a date-time (ISO 8601 or epoch seconds/milliseconds)";
        out = isoFromMillis(*millis);
        return std::nullopt;
    }
    case CustomType::Date: {
        const auto millis = epochMillisOf(value);
        if (!millis)
            return quoted(value) + " is not a date (YYYY-MM-DD)";
        out = isoFromMillis(*millis).substr(0, 10);
        return std::nullopt;
    }
    }
    return "unknown type";
}

std::optional<std::int64_t> epochMillisOf(const Value &value)
{
    switch (value.type()) {
    case ValueType::Integer: return millisFromEpochNumber(double(value.asInteger()));
    case ValueType::Real:
        if (!std::isfinite(value.asReal()))
            return std::nullopt;
        return millisFromEpochNumber(value.asReal());
    case ValueType::Text: {
        if (const auto digits = parseInteger(value.asText()))
            return millisFromEpochNumber(double(*digits));
        mapping::DateTimeValue parsed;
        std::string error;
        static const mapping::DateFormat iso = mapping::DateFormat::iso();
        if (!iso.parse(Value(trim(value.asText())), *mapping::TimeZone::utc(), parsed, error))
            return std::nullopt;
        return parsed.micros / 1000;
    }
    default: return std::nullopt;
    }
}

std::string isoFromMillis(std::int64_t millis)
{
    std::int64_t days = millis / 86'400'000;
    std::int64_t rest = millis % 86'400'000;
    if (rest < 0) {
        rest += 86'400'000;
        --days;
    }
    int year = 1970;
    unsigned month = 1, day = 1;
    civilFromDays(days, year, month, day);
    const int hours = int(rest / 3'600'000);
    const int minutes = int(rest / 60'000 % 60);
    const int seconds = int(rest / 1000 % 60);
    const int ms = int(rest % 1000);
    char buffer[48];
    if (ms == 0)
        std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ", year, month, day, hours, minutes,
                      seconds);
    else
        std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", year, month, day, hours,
                      minutes, seconds, ms);
    return buffer;
}

ojson isoDateTime(const Value &value)
{
    if (value.type() == ValueType::Integer || value.type() == ValueType::Real) {
        if (const auto millis = epochMillisOf(value))
            return isoFromMillis(*millis);
    }
    return jsonOf(value);
}

void setPath(ojson &object, std::string_view path, ojson value)
{
    ojson *at = &object;
    while (true) {
        const auto dot = path.find('.');
        const std::string part(path.substr(0, dot));
        if (dot == std::string_view::npos || part.empty()) {
            (*at)[std::string(path)] = std::move(value);
            return;
        }
        ojson &next = (*at)[part];
        if (!next.is_object())
            next = ojson::object();
        at = &next;
        path.remove_prefix(dot + 1);
    }
}

std::string dedupeId(std::string_view syncName, const Record &record)
{
    std::string material;
    material.reserve(syncName.size() + record.key.size() + 24);
    material += syncName;
    material += '\x1f';
    material += record.key;
    material += '\x1f';
    material += std::to_string(record.hash);
    const std::string hex = sha256Hex(material);
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-"
           + hex.substr(20, 12);
}

std::string base64(std::string_view data)
{
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < data.size(); i += 3) {
        const unsigned v = (unsigned char)data[i] << 16 | (unsigned char)data[i + 1] << 8 | (unsigned char)data[i + 2];
        out += kAlphabet[v >> 18 & 63];
        out += kAlphabet[v >> 12 & 63];
        out += kAlphabet[v >> 6 & 63];
        out += kAlphabet[v & 63];
    }
    if (i + 1 == data.size()) {
        const unsigned v = (unsigned char)data[i] << 16;
        out += kAlphabet[v >> 18 & 63];
        out += kAlphabet[v >> 12 & 63];
        out += "==";
    } else if (i + 2 == data.size()) {
        const unsigned v = (unsigned char)data[i] << 16 | (unsigned char)data[i + 1] << 8;
        out += kAlphabet[v >> 18 & 63];
        out += kAlphabet[v >> 12 & 63];
        out += kAlphabet[v >> 6 & 63];
        out += '=';
    }
    return out;
}

std::string urlEncode(std::string_view text)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 2);
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += char(c);
        } else if (c == ' ') {
            out += '+';
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

// ---- answers

std::string excerpt(const std::string &body)
{
    constexpr std::size_t kMax = 300;
    std::string text = body.substr(0, kMax);
    std::replace_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80 && body.size() > kMax)
        text.pop_back();
    if (body.size() > kMax)
        text += "...";
    return text;
}

std::optional<std::chrono::milliseconds> laterOf(std::optional<std::chrono::milliseconds> a,
                                                 std::optional<std::chrono::milliseconds> b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    return std::max(*a, *b);
}

std::optional<std::chrono::milliseconds> untilEpochSeconds(const std::optional<std::string> &value)
{
    if (!value)
        return std::nullopt;
    const auto seconds = parseNumber(*value);
    if (!seconds || *seconds <= 0)
        return std::nullopt;
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    const auto wait = static_cast<std::int64_t>(*seconds * 1000.0) - now;
    // More than a day away is not an epoch this header would carry.
    return std::chrono::milliseconds(std::clamp<std::int64_t>(wait, 0, 86'400'000));
}

json parseBody(const std::string &body)
{
    return json::parse(body, nullptr, false);
}

BatchFailure batchFailure(BatchFailure::Kind kind, std::string message,
                          std::optional<std::chrono::milliseconds> retryAfter)
{
    return BatchFailure{kind, std::move(message), retryAfter};
}

// ---- the shared destination

std::string PreparedBatch::join(std::string_view open, std::string_view close) const
{
    std::string body;
    body.reserve(open.size() + close.size() + itemBytes + items.size());
    body += open;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            body += ',';
        body += items[i];
    }
    body += close;
    return body;
}

EngagementDestination::EngagementDestination(CommonSettings settings)
    : m_settings(std::move(settings))
{
}

DestinationLimits EngagementDestination::limits() const
{
    DestinationLimits limits;
    limits.maxBatchRecords = std::clamp(m_settings.batchSize, 1, std::max(1, serviceMaxRecords()));
    limits.defaultBatchRecords = limits.maxBatchRecords;
    limits.maxConcurrency = m_settings.concurrency;
    limits.requestsPerSecond = m_settings.requestsPerSecond;
    const std::size_t serviceBytes = serviceMaxBytes();
    if (serviceBytes > 0) {
        // The executor counts Record::payload + 16 bytes per record; the wire
        // adds each item's envelope and the body's encoding. Leave room for
        // them so that batches cut by the executor fit the service's limit.
        const double budget = double(serviceBytes) / bodyInflation();
        const double envelope = double(limits.maxBatchRecords) * double(std::max<std::size_t>(itemOverhead(), 16) - 16)
                                + 1024.0;
        const double floor = budget / 4.0;
        limits.maxBatchBytes = static_cast<std::size_t>(std::max(floor, budget - envelope));
    }
    return limits;
}

Result<> EngagementDestination::begin(const RunInfo &run)
{
    m_run = run;
    m_index.clear();
    for (std::size_t i = 0; i < run.fields.size(); ++i)
        m_index.emplace(run.fields[i].name, i);
    return checkMapping();
}

PreparedBatch EngagementDestination::prepare(std::span<const Record> batch, const ItemBuilder &build) const
{
    PreparedBatch prepared;
    prepared.outcomes.resize(batch.size());
    const std::size_t itemLimit = serviceMaxItemBytes();
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const Record &record = batch[i];
        RecordOutcome &outcome = prepared.outcomes[i];
        if (record.op == RecordOp::Delete) {
            outcome = {Outcome::Rejected, m_settings.service + " connector does not delete records"};
            continue;
        }
        ojson item = ojson::object();
        if (auto why = build(record, item)) {
            outcome = {Outcome::Rejected, std::move(*why)};
            continue;
        }
        std::string text = item.dump(-1, ' ', false, json::error_handler_t::replace);
        if (itemLimit > 0 && text.size() > itemLimit) {
            outcome = {Outcome::Rejected, "the record is " + std::to_string(text.size()) + " bytes as sent; "
                                              + m_settings.service + " accepts at most " + std::to_string(itemLimit)
                                              + " bytes per item"};
            continue;
        }
        prepared.itemBytes += text.size();
        prepared.items.push_back(std::move(text));
        prepared.sent.push_back(i);
    }
    return prepared;
}

std::optional<BatchFailure> EngagementDestination::oversize(std::size_t bodyBytes, std::size_t records) const
{
    const std::size_t limit = serviceMaxBytes();
    if (limit == 0 || bodyBytes <= limit)
        return std::nullopt;
    // Not sent: the service would refuse it (413 or 400). The executor splits
    // the batch; a single record this large is rejected.
    return batchFailure(BatchFailure::Kind::RejectedWhole,
                        (records == 1 ? "the record makes a request of " : "the batch makes a request of ")
                            + std::to_string(bodyBytes) + " bytes, over " + m_settings.service + "'s limit of "
                            + std::to_string(limit) + " bytes per request (not sent)");
}

HttpResponse EngagementDestination::send(int batchNumber, HttpRequest request) const
{
    request.timeoutMs = m_settings.timeoutSeconds * 1000;
    const bool hasAgent = std::any_of(request.headers.begin(), request.headers.end(),
                                      [](const auto &h) { return equalsIgnoringCase(h.first, "User-Agent"); });
    if (!hasAgent)
        request.headers.emplace_back("User-Agent", std::string("sluice/") + kVersion);
    HttpResponse response = HttpClient::forThisThread().send(request);
    if (m_run.observer) {
        HttpExchange exchange;
        exchange.method = request.method;
        exchange.url = redacted(request.url);
        exchange.status = response.status;
        exchange.latencyMs = response.latencyMs;
        exchange.requestHeaders = redacted(formatHeadersRedacted(request.headers));
        exchange.requestBody = redacted(cutForInspector(request.body));
        exchange.responseHeaders = redacted(formatHeadersRedacted(response.headers));
        exchange.responseBody = response.status == 0 ? response.transportError
                                                     : redacted(cutForInspector(response.body));
        m_run.observer->onHttpExchange(batchNumber, exchange);
    }
    return response;
}

std::string EngagementDestination::endpoint(std::string_view path) const
{
    return m_settings.baseUrl + std::string(path);
}

bool EngagementDestination::mapped(std::string_view name) const
{
    return m_index.contains(std::string(name));
}

const Value *EngagementDestination::valueOf(const Record &record, std::string_view name) const
{
    const auto it = m_index.find(std::string(name));
    if (it == m_index.end() || it->second >= record.fields.size())
        return nullptr;
    return &record.fields[it->second];
}

const CustomField *EngagementDestination::customField(std::string_view name) const
{
    for (const auto &field : m_settings.customFields)
        if (field.name == name)
            return &field;
    return nullptr;
}

std::optional<std::string> EngagementDestination::property(std::string_view name, const Value &value,
                                                           ojson &out) const
{
    if (const CustomField *custom = customField(name)) {
        if (auto why = convertCustom(value, custom->type, out))
            return "field '" + std::string(name) + "': " + *why + " (customFields declares it "
                   + std::string(customTypeName(custom->type)) + ")";
        return std::nullopt;
    }
    out = jsonOf(value);
    return std::nullopt;
}

std::optional<std::string> EngagementDestination::idText(const Value *value)
{
    if (!value || value->isNull())
        return std::nullopt;
    std::string text = value->type() == ValueType::Text ? value->asText() : value->toString();
    if (text.empty())
        return std::nullopt;
    return text;
}

void EngagementDestination::addSecret(std::string secret)
{
    // Very short values would redact unrelated text and protect nothing.
    if (secret.size() >= 4)
        m_secrets.push_back(std::move(secret));
}

std::string EngagementDestination::redacted(std::string text) const
{
    for (const auto &secret : m_secrets) {
        for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
            text.replace(at, secret.size(), "[redacted]");
            at += 10;
        }
        // Secrets travel URL-encoded in form bodies.
        const std::string encoded = urlEncode(secret);
        if (encoded != secret)
            for (std::size_t at = text.find(encoded); at != std::string::npos; at = text.find(encoded, at)) {
                text.replace(at, encoded.size(), "[redacted]");
                at += 10;
            }
    }
    return text;
}

Result<> EngagementDestination::requireMapped(std::initializer_list<std::string_view> anyOf,
                                              std::string_view what) const
{
    std::string names;
    for (const auto name : anyOf) {
        if (mapped(name))
            return {};
        names += (names.empty() ? "'" : " or '") + std::string(name) + "'";
    }
    return invalidInput(m_settings.kind + ".mapping",
                        m_settings.service + " needs " + std::string(what) + ": map a field named " + names,
                        "mapping");
}

ObjectField standardField(std::string name, ValueType type, std::string label, std::string format,
                               bool required, bool identifier, std::vector<std::string> options)
{
    ObjectField f;
    f.name = std::move(name);
    f.type = type;
    f.label = std::move(label);
    f.format = std::move(format);
    f.required = required;
    f.identifier = identifier;
    f.options = std::move(options);
    return f;
}

void addCustomFields(DestinationObject &object, const std::vector<CustomField> &customFields)
{
    for (const auto &custom : customFields) {
        // A custom field named like a standard one only changes its type.
        auto it = std::find_if(object.fields.begin(), object.fields.end(),
                               [&](const ObjectField &f) { return f.name == custom.name; });
        ObjectField f;
        f.name = custom.name;
        f.label = custom.name;
        if (it != object.fields.end())
            f = *it;
        f.type = customValueType(custom.type);
        f.format = customFormat(custom.type);
        f.custom = it == object.fields.end();
        if (it != object.fields.end())
            *it = f;
        else
            object.fields.push_back(f);
    }
}

} // namespace sluice::saas

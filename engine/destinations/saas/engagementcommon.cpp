#include "destinations/saas/engagementcommon.h"

#include "destinations/httpexchange.h"
#include "destinations/saas/engagementinternal.h"
#include "http/answers.h"

#include <algorithm>

namespace sluice::saas {

using nlohmann::json;

namespace { } // namespace

// ---- answers

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
    const auto now
        = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
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

EngagementDestination::EngagementDestination(CommonSettings settings) : m_settings(std::move(settings))
{ }

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
        const double envelope
            = double(limits.maxBatchRecords) * double(std::max<std::size_t>(itemOverhead(), 16) - 16) + 1024.0;
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
        request.headers.emplace_back("User-Agent", userAgent());
    HttpResponse response = HttpClient::forThisThread().send(request);
    if (m_run.observer) {
        m_run.observer->onHttpExchange(
            batchNumber, inspectorExchange(request, response, [this](std::string text) { return redacted(text); }));
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

std::optional<std::string> EngagementDestination::property(std::string_view name, const Value &value, ojson &out) const
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
                        m_settings.service + " needs " + std::string(what) + ": map a field named " + names, "mapping");
}

} // namespace sluice::saas

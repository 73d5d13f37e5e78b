#include "destinations/webhookdestination.h"

#include "destinations/httpexchange.h"
#include "formats/jsonwriter.h"
#include "http/answers.h"
#include "http/httpclient.h"

#include <algorithm>

namespace sluice {

namespace {

std::string_view opName(RecordOp op)
{
    switch (op) {
    case RecordOp::Upsert: return "upsert";
    case RecordOp::Insert: return "insert";
    case RecordOp::Update: return "update";
    case RecordOp::Delete: return "delete";
    }
    return "upsert";
}

// The URL as shown to the user: no credentials in user info, no query (where
// tokens often travel), no fragment.
std::string displayUrl(const std::string &url)
{
    std::string shown = url.substr(0, url.find_first_of("?#"));
    const auto schemeEnd = shown.find("://");
    if (schemeEnd != std::string::npos) {
        const auto authorityStart = schemeEnd + 3;
        const auto authorityEnd = shown.find('/', authorityStart);
        const auto at = shown.rfind('@', authorityEnd == std::string::npos ? shown.size() : authorityEnd);
        if (at != std::string::npos && at >= authorityStart)
            shown.erase(authorityStart, at + 1 - authorityStart);
    }
    return shown;
}

std::string withExcerpt(std::string message, const std::string &body)
{
    if (!body.empty())
        message += ": " + excerpt(body);
    return message;
}

struct RecordError {
    std::size_t index = 0;
    std::string message;
};

// {"errors": [{"index": N, "message": "..."}]}: the entries naming a record of
// this batch. nullopt when the body is not such an object at all.
std::optional<std::vector<RecordError>> recordErrors(const std::string &body, std::size_t batchSize)
{
    if (body.empty())
        return std::nullopt;
    const auto document = nlohmann::json::parse(body, nullptr, false);
    if (!document.is_object())
        return std::nullopt;
    const auto errors = document.find("errors");
    if (errors == document.end() || !errors->is_array())
        return std::nullopt;
    std::vector<RecordError> named;
    for (const auto &entry : *errors) {
        if (!entry.is_object())
            continue;
        const auto index = entry.find("index");
        if (index == entry.end() || !index->is_number_integer())
            continue;
        const auto position = index->get<std::int64_t>();
        if (position < 0 || static_cast<std::uint64_t>(position) >= batchSize)
            continue;
        std::string message = "rejected by the webhook";
        if (const auto text = entry.find("message"); text != entry.end() && text->is_string())
            message = text->get<std::string>();
        named.push_back({static_cast<std::size_t>(position), std::move(message)});
    }
    return named;
}

std::vector<RecordOutcome> withRejections(std::size_t batchSize, const std::vector<RecordError> &errors)
{
    std::vector<RecordOutcome> outcomes(batchSize);
    for (const auto &error : errors) {
        auto &outcome = outcomes[error.index];
        // Several messages for one record are all worth reading.
        if (outcome.outcome == Outcome::Rejected) {
            outcome.reason += "; " + error.message;
        } else {
            outcome.outcome = Outcome::Rejected;
            outcome.reason = error.message;
        }
    }
    return outcomes;
}

BatchFailure failure(BatchFailure::Kind kind, std::string message,
                     std::optional<std::chrono::milliseconds> retryAfter = std::nullopt)
{
    return BatchFailure{kind, std::move(message), retryAfter};
}

// The answer to one batch, as the contract in webhookdestination.h states it.
BatchResult classify(const HttpResponse &response, std::size_t batchSize)
{
    using Kind = BatchFailure::Kind;
    const int status = response.status;
    if (status == 0)
        return std::unexpected(noAnswer(response.transportError));

    if (status >= 200 && status < 300) {
        const auto errors = recordErrors(response.body, batchSize);
        return errors ? withRejections(batchSize, *errors) : std::vector<RecordOutcome>(batchSize);
    }
    if (status == 400 || status == 422) {
        const auto errors = recordErrors(response.body, batchSize);
        if (errors && !errors->empty())
            return withRejections(batchSize, *errors);
        return std::unexpected(
            failure(Kind::RejectedWhole,
                    withExcerpt("the webhook refused the batch (HTTP " + std::to_string(status) + ")", response.body)));
    }
    if (status == 413)
        return std::unexpected(failure(Kind::RejectedWhole, "the webhook refused the batch as too large (413)"));
    // A conflict concerns the data sent, so splitting can isolate the record.
    if (status == 409)
        return std::unexpected(
            failure(Kind::RejectedWhole, withExcerpt("the webhook reported a conflict (409)", response.body)));
    if (status == 401)
        return std::unexpected(failure(Kind::Fatal, "the webhook refused the credentials (401)"));
    if (status == 403)
        return std::unexpected(failure(Kind::Fatal, "the webhook refused access (403)"));
    if (status == 404)
        return std::unexpected(failure(Kind::Fatal, "the webhook URL was not found (404)"));
    if (status == 408 || status == 425 || status == 429 || (status >= 500 && status < 600)) {
        std::string message
            = status == 429 ? "the webhook asked to slow down (429)"
            : status == 408 ? "the webhook timed out receiving the request (408)"
            : status == 425 ? "the webhook asked to retry later (425)"
                            : withExcerpt("the webhook failed (HTTP " + std::to_string(status) + ")", response.body);
        return std::unexpected(failure(Kind::Retryable, std::move(message), response.retryAfter()));
    }
    if (status >= 300 && status < 400) {
        // Redirects are not followed (a POST would turn into a GET and the batch
        // would be lost), so the user has to point the destination at the target.
        const auto location = response.header("Location");
        return std::unexpected(failure(Kind::Fatal, "the webhook redirected (HTTP " + std::to_string(status) + ")"
                                                        + (location ? " to " + displayUrl(*location) : std::string())
                                                        + "; set the URL to the final address"));
    }
    // Any other 4xx (405 method, 410 gone, 415 media type, ...) would answer
    // every batch the same way: stop instead of splitting the batch to no end.
    return std::unexpected(
        failure(Kind::Fatal,
                withExcerpt("the webhook refused the request (HTTP " + std::to_string(status) + ")", response.body)));
}

} // namespace

WebhookDestination::WebhookDestination(WebhookSettings settings) : m_settings(std::move(settings))
{
    const auto configured = [&](std::string_view name) {
        return std::any_of(m_settings.headers.begin(), m_settings.headers.end(),
                           [&](const auto &header) { return equalsIgnoringCase(header.first, name); });
    };
    if (!configured("Content-Type"))
        m_headers.emplace_back("Content-Type", "application/json");
    if (!configured("User-Agent"))
        m_headers.emplace_back("User-Agent", userAgent());
    for (const auto &header : m_settings.headers)
        m_headers.push_back(header);
}

WebhookDestination::~WebhookDestination() = default;

std::vector<SyncMode> WebhookDestination::supportedModes() const
{
    return {SyncMode::Upsert, SyncMode::Insert, SyncMode::Update, SyncMode::Mirror};
}

DestinationLimits WebhookDestination::limits() const
{
    DestinationLimits limits;
    limits.maxBatchRecords = std::max(1, m_settings.batchSize);
    limits.defaultBatchRecords = limits.maxBatchRecords;
    limits.maxBatchBytes = m_settings.maxBatchBytes;
    limits.maxConcurrency = std::max(1, m_settings.concurrency);
    limits.requestsPerSecond = std::max(0.0, m_settings.requestsPerSecond);
    return limits;
}

int WebhookDestination::timeoutMs() const
{
    return std::max(1, m_settings.timeoutSeconds) * 1000;
}

Result<std::string> WebhookDestination::testConnection()
{
    if (auto ok = checkUrl(); !ok)
        return std::unexpected(ok.error());
    // OPTIONS changes nothing at the receiver, whatever it does with POSTs.
    HttpRequest request;
    request.method = "OPTIONS";
    request.url = m_settings.url;
    request.timeoutMs = timeoutMs();
    for (const auto &header : m_headers)
        if (!equalsIgnoringCase(header.first, "Content-Type"))
            request.headers.push_back(header);
    const HttpResponse response = HttpClient::forThisThread().send(request);
    if (response.status == 0)
        return failed("webhook.unreachable", response.transportError, displayUrl(m_settings.url));
    return "reached " + displayUrl(m_settings.url) + " (HTTP " + std::to_string(response.status) + ")";
}

Result<> WebhookDestination::checkUrl() const
{
    if (m_settings.url.empty())
        return invalidInput("webhook.no_url", "no URL is set", "settings.url");
    if (!m_settings.url.starts_with("http://") && !m_settings.url.starts_with("https://"))
        return invalidInput("webhook.bad_url", "the URL must start with http:// or https://", "settings.url");
    return {};
}

Result<> WebhookDestination::begin(const RunInfo &run)
{
    if (auto ok = checkUrl(); !ok)
        return ok;
    if (m_settings.method != "POST" && m_settings.method != "PUT" && m_settings.method != "PATCH")
        return invalidInput("webhook.bad_method",
                            "the method must be POST, PUT or PATCH, not '" + m_settings.method + "'",
                            "settings.method");
    m_run = run;
    // Names are escaped once per run, not once per record.
    m_bodyPrefix = "{\"sync\":";
    appendJsonString(m_bodyPrefix, m_run.syncName);
    m_bodyPrefix += ",\"records\":[";
    m_keyNames.clear();
    for (const auto &name : m_run.keyFields) {
        std::string quoted;
        appendJsonString(quoted, name);
        m_keyNames.push_back(std::move(quoted) + ":");
    }
    m_fieldNames.clear();
    for (const auto &field : m_run.fields) {
        std::string quoted;
        appendJsonString(quoted, field.name);
        m_fieldNames.push_back(std::move(quoted) + ":");
    }
    return {};
}

std::string WebhookDestination::buildBody(std::span<const Record> batch) const
{
    std::size_t names = 48;
    for (const auto &name : m_fieldNames)
        names += name.size() + 1;
    for (const auto &name : m_keyNames)
        names += name.size() + 1;
    std::size_t estimate = m_bodyPrefix.size() + 2;
    for (const auto &record : batch) {
        estimate += names + 24 * record.keyValues.size();
        for (const Value &v : record.fields)
            estimate += v.type() == ValueType::Text ? v.asText().size() + 8 : 24;
    }
    std::string body;
    body.reserve(estimate);
    body += m_bodyPrefix;
    bool firstRecord = true;
    for (const auto &record : batch) {
        if (!firstRecord)
            body += ',';
        firstRecord = false;
        body += "{\"op\":\"";
        body += opName(record.op);
        body += "\",\"key\":{";
        const std::size_t keyCount = std::min(m_keyNames.size(), record.keyValues.size());
        for (std::size_t i = 0; i < keyCount; ++i) {
            if (i > 0)
                body += ',';
            body += m_keyNames[i];
            appendJsonValue(body, record.keyValues[i]);
        }
        body += '}';
        if (record.op != RecordOp::Delete) {
            body += ",\"fields\":{";
            const std::size_t fieldCount = std::min(m_fieldNames.size(), record.fields.size());
            for (std::size_t i = 0; i < fieldCount; ++i) {
                if (i > 0)
                    body += ',';
                body += m_fieldNames[i];
                appendJsonValue(body, record.fields[i]);
            }
            body += '}';
        }
        body += '}';
    }
    body += "]}";
    return body;
}

BatchResult WebhookDestination::write(int batchNumber, std::span<const Record> batch)
{
    HttpRequest request;
    request.method = m_settings.method;
    request.url = m_settings.url;
    request.headers = m_headers;
    request.body = buildBody(batch);
    request.timeoutMs = timeoutMs();
    // write() runs on several executor threads at once; each keeps its own
    // connection alive.
    const HttpResponse response = HttpClient::forThisThread().send(request);
    if (m_run.observer)
        report(batchNumber, request, response);
    return classify(response, batch.size());
}

void WebhookDestination::report(int batchNumber, const HttpRequest &request, const HttpResponse &response) const
{
    HttpExchange exchange = inspectorExchange(request, response);
    exchange.url = displayUrl(request.url);
    m_run.observer->onHttpExchange(batchNumber, exchange);
}

} // namespace sluice

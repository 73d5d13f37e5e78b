#include "destinations/saas/hubspotdestination.h"

#include "destinations/contract/writebyoperation.h"
#include "destinations/httpexchange.h"
#include "destinations/saas/hubspotinternal.h"
#include "http/answers.h"
#include "http/httpclient.h"

#include <algorithm>
#include <limits>

namespace sluice {

using namespace hubspot;

namespace { } // namespace

HubspotDestination::HubspotDestination(HubspotSettings settings) : m_settings(std::move(settings))
{
    while (!m_settings.baseUrl.empty() && m_settings.baseUrl.back() == '/')
        m_settings.baseUrl.pop_back();
    for (auto &property : builtInProperties(m_settings.object))
        m_known[property.name] = std::move(property);
    for (const auto &[name, type] : m_settings.customFields) {
        HubspotProperty &property = m_known[name];
        property.name = name;
        property.type = type;
        property.custom = true;
    }
}

HubspotDestination::~HubspotDestination() = default;

std::vector<SyncMode> HubspotDestination::supportedModes() const
{
    return {SyncMode::Upsert, SyncMode::Insert, SyncMode::Update, SyncMode::Mirror};
}

DestinationLimits HubspotDestination::limits() const
{
    DestinationLimits limits;
    limits.maxBatchRecords = std::clamp(m_settings.batchSize, 1, kMaxBatch);
    limits.defaultBatchRecords = limits.maxBatchRecords;
    limits.maxConcurrency = std::max(1, m_settings.concurrency);
    limits.requestsPerSecond = std::max(0.0, m_settings.requestsPerSecond);
    return limits;
}

std::string HubspotDestination::url(const std::string &path) const
{
    return m_settings.baseUrl + path;
}

HttpRequest HubspotDestination::request(const std::string &method, const std::string &path, std::string body) const
{
    HttpRequest r;
    r.method = method;
    r.url = url(path);
    r.headers = {{"Authorization", "Bearer " + m_settings.accessToken},
                 {"Accept", "application/json"},
                 {"User-Agent", userAgent()}};
    if (method != "GET")
        r.headers.emplace_back("Content-Type", "application/json");
    r.body = std::move(body);
    r.timeoutMs = std::max(1, m_settings.timeoutSeconds) * 1000;
    return r;
}

HttpResponse HubspotDestination::send(int batchNumber, const HttpRequest &request) const
{
    HttpResponse response = HttpClient::forThisThread().send(request);
    if (m_run.observer) {
        m_run.observer->onHttpExchange(batchNumber, inspectorExchange(request, response));
    }
    return response;
}

Result<> HubspotDestination::begin(const RunInfo &run)
{
    if (!m_settings.baseUrl.starts_with("http://") && !m_settings.baseUrl.starts_with("https://"))
        return invalidInput("hubspot.bad_url", "the base URL must start with http:// or https://", "settings.baseUrl");
    if (m_settings.accessToken.empty())
        return invalidInput("hubspot.no_token", "no access token is set", "settings.accessToken");
    if (m_settings.idProperty.empty())
        return invalidInput("hubspot.no_id_property", "idProperty is empty", "settings.idProperty");
    m_run = run;
    m_idField = -1;
    m_idKey = -1;
    for (std::size_t i = 0; i < run.fields.size(); ++i)
        if (run.fields[i].name == m_settings.idProperty)
            m_idField = static_cast<int>(i);
    for (std::size_t i = 0; i < run.keyFields.size(); ++i)
        if (run.keyFields[i] == m_settings.idProperty)
            m_idKey = static_cast<int>(i);
    if (m_settings.object == "companies" && m_settings.idProperty == "email" && run.mode != SyncMode::Insert)
        return invalidInput("hubspot.id_property",
                            "companies have no email property: set idProperty to a unique-value property of "
                            "companies",
                            "settings.idProperty");
    if (run.mode != SyncMode::Insert && m_idField < 0)
        return invalidInput("hubspot.id_unmapped",
                            "map a column to '" + m_settings.idProperty + "': HubSpot matches " + m_settings.object
                                + " by it (idProperty)",
                            "mapping");
    if (run.mode == SyncMode::Mirror && m_idKey < 0)
        return invalidInput("hubspot.mirror_key",
                            "mirror mode deletes " + m_settings.object + " by '" + m_settings.idProperty
                                + "', so the model's primary key must be mapped to it as is",
                            "mapping");
    // Types of custom properties come from HubSpot's schema when the settings
    // do not give them; without it values are sent as they are.
    const bool allKnown = std::all_of(run.fields.begin(), run.fields.end(),
                                      [&](const FieldSpec &f) { return m_known.count(f.name) > 0; });
    if (!allKnown && !m_schemaRead)
        if (auto schema = readSchema())
            learnSchema(*schema);
    m_fieldTypes.clear();
    for (const auto &field : run.fields)
        m_fieldTypes.push_back(propertyType(field.name));
    return {};
}

BatchResult HubspotDestination::write(int batchNumber, std::span<const Record> batch)
{
    // HubSpot's batch endpoints take one operation each, up to the batch size.
    return writeByOperation(
        batch, [](RecordOp) { return std::numeric_limits<std::size_t>::max(); },
        [&](std::span<const Record> part) -> RunResult {
            switch (part.front().op) {
            case RecordOp::Upsert: return upsertOrUpdate(batchNumber, part, false);
            case RecordOp::Update: return upsertOrUpdate(batchNumber, part, true);
            case RecordOp::Insert: return create(batchNumber, part);
            case RecordOp::Delete: return remove(batchNumber, part);
            }
            return std::vector<RecordOutcome>(part.size());
        });
}

} // namespace sluice

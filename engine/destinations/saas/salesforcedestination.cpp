#include "destinations/saas/salesforcedestination.h"

#include "destinations/contract/writebyoperation.h"

#include "destinations/saas/salesforceinternal.h"

#include <algorithm>

namespace sluice {

using namespace salesforce;

SalesforceDestination::SalesforceDestination(SalesforceSettings settings) : m_settings(std::move(settings))
{
    while (!m_settings.instanceUrl.empty() && m_settings.instanceUrl.back() == '/')
        m_settings.instanceUrl.pop_back();
    std::string version = m_settings.apiVersion.empty() ? "v60.0" : m_settings.apiVersion;
    if (version.front() != 'v')
        version = "v" + version;
    m_api = m_settings.instanceUrl + "/services/data/" + version;
    m_tokenUrl = m_settings.tokenUrl.empty() ? m_settings.instanceUrl + "/services/oauth2/token" : m_settings.tokenUrl;
    m_token = m_settings.accessToken;
    for (auto &f : builtInFields(m_settings.object))
        m_known[f.name] = std::move(f);
    learnFields({});
    m_describeRead = false;
}

SalesforceDestination::~SalesforceDestination() = default;

std::vector<SyncMode> SalesforceDestination::supportedModes() const
{
    return {SyncMode::Upsert, SyncMode::Insert, SyncMode::Update, SyncMode::Mirror};
}

DestinationLimits SalesforceDestination::limits() const
{
    DestinationLimits limits;
    if (m_settings.bulk) {
        // A Bulk API job per batch: CSV uploads up to about 100 MB.
        limits.maxBatchRecords = std::max(1, m_settings.bulkBatchSize);
        limits.maxBatchBytes = 100u * 1024u * 1024u;
    } else {
        limits.maxBatchRecords = std::clamp(m_settings.batchSize, 1, kMaxBatch);
    }
    limits.defaultBatchRecords = limits.maxBatchRecords;
    limits.maxConcurrency = std::max(1, m_settings.concurrency);
    limits.requestsPerSecond = std::max(0.0, m_settings.requestsPerSecond);
    return limits;
}

std::string SalesforceDestination::apiUsage() const
{
    std::lock_guard lock(m_usageMutex);
    return m_apiUsage;
}

Result<> SalesforceDestination::begin(const RunInfo &run)
{
    if (!m_settings.instanceUrl.starts_with("http://") && !m_settings.instanceUrl.starts_with("https://"))
        return invalidInput("salesforce.bad_url", "the instance URL must start with https://", "settings.instanceUrl");
    if (m_settings.accessToken.empty() && !canRefresh())
        return invalidInput("salesforce.no_credentials",
                            "set accessToken, or refreshToken and clientId (and clientSecret) to get one",
                            "settings.accessToken");
    if (m_settings.object.empty())
        return invalidInput("salesforce.no_object", "no sObject is set", "settings.object");
    m_run = run;
    m_extField = -1;
    m_extKey = -1;
    const std::string &ext = m_settings.externalIdField;
    for (std::size_t i = 0; i < run.fields.size(); ++i)
        if (!ext.empty() && run.fields[i].name == ext)
            m_extField = static_cast<int>(i);
    for (std::size_t i = 0; i < run.keyFields.size(); ++i)
        if (!ext.empty() && run.keyFields[i] == ext)
            m_extKey = static_cast<int>(i);
    if (run.mode != SyncMode::Insert) {
        if (ext.empty())
            return invalidInput("salesforce.no_external_id",
                                "set externalIdField: " + std::string(syncModeName(run.mode)) + " mode matches "
                                    + m_settings.object + " records by an External ID field",
                                "settings.externalIdField");
        if (m_extField < 0)
            return invalidInput("salesforce.external_id_unmapped",
                                "map a column to '" + ext + "': Salesforce matches " + m_settings.object
                                    + " records by it (externalIdField)",
                                "mapping");
        if (run.mode == SyncMode::Mirror && m_extKey < 0)
            return invalidInput("salesforce.mirror_key",
                                "mirror mode deletes " + m_settings.object + " records by '" + ext
                                    + "', so the model's primary key must be mapped to it as is",
                                "mapping");
    }
    const bool allKnown = std::all_of(run.fields.begin(), run.fields.end(),
                                      [&](const FieldSpec &f) { return m_known.count(f.name) > 0; });
    // Update and mirror find records by the external id the way the org
    // matches it (case-sensitive or not): the describe says which.
    const bool matchesById = run.mode == SyncMode::Update || run.mode == SyncMode::Mirror;
    if ((!allKnown || matchesById) && !m_describeRead)
        if (auto fields = readDescribe(false))
            learnFields(*fields);
    m_fieldTypes.clear();
    for (const auto &field : run.fields)
        m_fieldTypes.push_back(fieldType(field.name));
    return {};
}

BatchResult SalesforceDestination::write(int batchNumber, std::span<const Record> batch)
{
    // sObject Collections take up to kMaxBatch records of one operation; a
    // Bulk API job takes every upsert or insert of the batch at once.
    const std::size_t collectionMax = static_cast<std::size_t>(std::clamp(m_settings.batchSize, 1, kMaxBatch));
    const auto bulk
        = [&](RecordOp op) { return m_settings.bulk && (op == RecordOp::Upsert || op == RecordOp::Insert); };
    return writeByOperation(
        batch, [&](RecordOp op) { return bulk(op) ? batch.size() : collectionMax; },
        [&](std::span<const Record> part) -> RunResult {
            const RecordOp op = part.front().op;
            if (bulk(op))
                return bulkWrite(batchNumber, part, op == RecordOp::Upsert);
            switch (op) {
            case RecordOp::Upsert: return upsert(batchNumber, part);
            case RecordOp::Insert: return insert(batchNumber, part);
            case RecordOp::Update: return update(batchNumber, part);
            case RecordOp::Delete: return remove(batchNumber, part);
            }
            return std::vector<RecordOutcome>(part.size());
        });
}

} // namespace sluice

// Bulk API 2.0 ingest for the Salesforce destination: one job per batch.
//   POST jobs/ingest -> PUT jobs/ingest/{id}/batches (CSV) -> PATCH {"state":"UploadComplete"}
//   -> GET jobs/ingest/{id} until JobComplete -> GET failedResults/ (and
//   unprocessedrecords/ when not every row was processed).
// Failed rows come back as "sf__Id","sf__Error",<the columns sent>; they are
// matched to records by the external id (upsert) or by the whole row (insert).

#include "destinations/saas/salesforcedestination.h"

#include "destinations/saas/salesforceinternal.h"
#include "formats/csvwriter.h"

#include <algorithm>
#include <functional>
#include <map>
#include <thread>

namespace sluice {

using nlohmann::json;
using namespace salesforce;

namespace {

// "REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --"
RecordOutcome bulkErrorOutcome(std::string text)
{
    while (!text.empty() && (text.back() == ' ' || text.back() == '-'))
        text.pop_back();
    std::string code, message = text;
    std::vector<std::string> fields;
    const auto colon = text.find(':');
    if (colon != std::string::npos && colon > 0
        && text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789") == colon) {
        code = text.substr(0, colon);
        message = text.substr(colon + 1);
        const auto last = message.rfind(':');
        if (last != std::string::npos) {
            const std::string tail = message.substr(last + 1);
            if (tail.find(' ') == std::string::npos) {
                message.resize(last);
                std::size_t from = 0;
                while (from <= tail.size() && !tail.empty()) {
                    const auto comma = tail.find(',', from);
                    const std::string name
                        = tail.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
                    if (!name.empty())
                        fields.push_back(name);
                    if (comma == std::string::npos)
                        break;
                    from = comma + 1;
                }
            }
        }
    }
    return {retryableCode(code) ? Outcome::Retryable : Outcome::Rejected, errorText(code, message, fields)};
}

std::string rowKey(const std::vector<std::string> &cells, std::size_t from)
{
    std::string key;
    for (std::size_t i = from; i < cells.size(); ++i) {
        key += cells[i];
        key += '\x1f';
    }
    return key;
}

} // namespace

SalesforceDestination::GroupResult SalesforceDestination::bulkWrite(int batchNumber, std::span<const Record> records,
                                                                    bool upsert) const
{
    using Kind = BatchFailure::Kind;
    std::vector<RecordOutcome> outcomes(records.size());
    // Columns: the external id first (upsert), then every other mapped field.
    std::vector<std::size_t> columns;
    if (upsert)
        columns.push_back(static_cast<std::size_t>(m_extField));
    for (std::size_t i = 0; i < m_run.fields.size(); ++i)
        if (!upsert || static_cast<int>(i) != m_extField)
            columns.push_back(i);
    std::string csv;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (c)
            csv += ',';
        appendCsvField(csv, m_run.fields[columns[c]].name);
    }
    csv += '\n';
    // Which records a failed row stands for.
    std::map<std::string, std::vector<std::size_t>> byKey;
    std::size_t rows = 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const Record &record = records[i];
        if (upsert && !externalIdText(record)) {
            outcomes[i] = {Outcome::Rejected, "no value for " + m_settings.externalIdField
                                                  + ", the External ID Salesforce upserts " + m_settings.object
                                                  + " records by"};
            continue;
        }
        std::vector<std::string> cells;
        for (const std::size_t f : columns) {
            const bool isExt = upsert && static_cast<int>(f) == m_extField;
            const auto value = f < record.fields.size()
                                 ? csvValue(record.fields[f], m_fieldTypes[f], m_settings.clearOnNull && !isExt)
                                 : std::nullopt;
            cells.push_back(value.value_or(""));
        }
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (c)
                csv += ',';
            appendCsvField(csv, cells[c]);
        }
        csv += '\n';
        byKey[upsert ? cells.front() + '\x1f' : rowKey(cells, 0)].push_back(i);
        ++rows;
    }
    if (rows == 0)
        return outcomes;

    json job = {{"object", m_settings.object},
                {"operation", upsert ? "upsert" : "insert"},
                {"contentType", "CSV"},
                {"lineEnding", "LF"},
                {"columnDelimiter", "COMMA"}};
    if (upsert)
        job["externalIdFieldName"] = m_settings.externalIdField;
    const Call created = call(batchNumber, request("POST", apiUrl("/jobs/ingest"), job.dump()));
    if (created.response.status != 200 && created.response.status != 201)
        return std::unexpected(classify(created, true));
    const std::string jobId = stringOf(parseAnswer(created.response.body), "id");
    if (jobId.empty())
        return std::unexpected(
            failure(Kind::Retryable, "Salesforce created a Bulk job without an id: " + excerpt(created.response.body)));
    const std::string jobUrl = apiUrl("/jobs/ingest/" + jobId);
    auto abandon = [&] { call(batchNumber, request("PATCH", jobUrl, R"({"state":"Aborted"})")); };
    const Call uploaded = call(batchNumber, request("PUT", jobUrl + "/batches", csv, "text/csv"));
    if (uploaded.response.status < 200 || uploaded.response.status >= 300) {
        abandon();
        return std::unexpected(classify(uploaded, true));
    }
    const Call closed = call(batchNumber, request("PATCH", jobUrl, R"({"state":"UploadComplete"})"));
    if (closed.response.status < 200 || closed.response.status >= 300) {
        abandon();
        return std::unexpected(classify(closed, true));
    }

    // Salesforce processes the job on its own time: poll until it is done.
    const auto deadline
        = std::chrono::steady_clock::now() + std::chrono::seconds(std::max(1, m_settings.bulkTimeoutSeconds));
    const auto interval = std::chrono::milliseconds(std::max(1, m_settings.bulkPollMs));
    json info;
    std::string state;
    for (;;) {
        const Call polled = call(batchNumber, request("GET", jobUrl));
        if (polled.response.status == 200) {
            info = parseAnswer(polled.response.body);
            state = stringOf(info, "state");
            if (state == "JobComplete")
                break;
            if (state == "Failed" || state == "Aborted")
                return std::unexpected(
                    failure(Kind::Fatal,
                            "Salesforce Bulk job " + jobId + " " + (state == "Failed" ? "failed" : "was aborted")
                                + (stringOf(info, "errorMessage").empty() ? std::string()
                                                                          : ": " + stringOf(info, "errorMessage"))));
        } else {
            const BatchFailure f = classify(polled, true);
            if (f.kind == Kind::Fatal)
                return std::unexpected(f);
        }
        if (std::chrono::steady_clock::now() + interval > deadline)
            return std::unexpected(failure(
                Kind::Fatal, "Salesforce Bulk job " + jobId + " is still " + (state.empty() ? "unanswered" : state)
                                 + " after " + std::to_string(m_settings.bulkTimeoutSeconds)
                                 + " s; it keeps running in Salesforce and its records stay pending here"));
        std::this_thread::sleep_for(interval);
    }

    auto takeRows
        = [&](const std::string &which, const std::function<void(const std::string &error, std::size_t record)> &each)
        -> std::optional<BatchFailure> {
        const Call got = call(batchNumber, request("GET", jobUrl + "/" + which + "/"));
        if (got.response.status != 200)
            return classify(got, true);
        const auto table = parseCsv(got.response.body);
        if (table.empty())
            return std::nullopt;
        // Match the columns by name: the results repeat the columns sent.
        const auto &header = table.front();
        const auto errorColumn = std::find(header.begin(), header.end(), "sf__Error");
        const std::size_t errorAt
            = errorColumn == header.end() ? std::string::npos : std::size_t(errorColumn - header.begin());
        std::vector<std::size_t> position;
        for (const std::size_t f : columns) {
            const auto at = std::find(header.begin(), header.end(), m_run.fields[f].name);
            position.push_back(at == header.end() ? std::string::npos : std::size_t(at - header.begin()));
        }
        for (std::size_t r = 1; r < table.size(); ++r) {
            std::vector<std::string> cells;
            for (const std::size_t p : position)
                cells.push_back(p < table[r].size() ? table[r][p] : std::string());
            const std::string key = upsert ? cells.front() + '\x1f' : rowKey(cells, 0);
            const auto it = byKey.find(key);
            if (it == byKey.end())
                continue;
            for (const std::size_t i : it->second)
                each(errorAt < table[r].size() ? table[r][errorAt] : std::string(), i);
        }
        return std::nullopt;
    };

    const long long failedCount = info.value("numberRecordsFailed", 0LL);
    const long long processed = info.value("numberRecordsProcessed", static_cast<long long>(rows));
    if (failedCount > 0) {
        if (auto f = takeRows("failedResults",
                              [&](const std::string &error, std::size_t i) { outcomes[i] = bulkErrorOutcome(error); }))
            return std::unexpected(*f);
    }
    if (processed < static_cast<long long>(rows)) {
        if (auto f = takeRows("unprocessedrecords", [&](const std::string &, std::size_t i) {
                outcomes[i] = {Outcome::Retryable, "not processed by Salesforce Bulk job " + jobId};
            }))
            return std::unexpected(*f);
    }
    return outcomes;
}

} // namespace sluice

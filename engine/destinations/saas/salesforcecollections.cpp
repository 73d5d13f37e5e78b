// The Salesforce destination's REST writes (sObject Collections): upsert,
// insert, and update and delete by the record ids a SOQL query finds for
// the external ids.

#include "destinations/saas/salesforcedestination.h"

#include "destinations/saas/connectortext.h"

#include "destinations/saas/salesforceinternal.h"
#include "formats/numbers.h"

#include <algorithm>
#include <cmath>

namespace sluice {

using nlohmann::json;
using namespace salesforce;

namespace {

using saas::lower;

std::string soqlLiteral(const std::string &value, bool numeric)
{
    if (numeric && mapping::parseDecimal(value))
        return value;
    std::string out = "'";
    for (const char c : value) {
        if (c == '\'' || c == '\\')
            out += '\\';
        if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else
            out += c;
    }
    return out + "'";
}

std::string textOfJson(const json &j)
{
    if (j.is_string())
        return j.get<std::string>();
    if (j.is_null())
        return {};
    if (j.is_number_float()) {
        const double d = j.get<double>();
        if (std::floor(d) == d && std::fabs(d) < 9.2e18)
            return std::to_string(static_cast<std::int64_t>(d));
    }
    return j.dump();
}

// One result per record sent, in request order.
std::expected<std::vector<RecordOutcome>, BatchFailure> resultsInOrder(const HttpResponse &response,
                                                                       std::size_t expected, bool deleting)
{
    const json body = parseAnswer(response.body);
    if (!body.is_array() || body.size() != expected)
        return std::unexpected(failure(BatchFailure::Kind::Retryable,
                                       "Salesforce answered with " + std::to_string(body.is_array() ? body.size() : 0)
                                           + " results for " + std::to_string(expected)
                                           + " records: " + excerpt(response.body)));
    std::vector<RecordOutcome> outcomes;
    outcomes.reserve(expected);
    for (const auto &result : body)
        outcomes.push_back(resultOutcome(result, deleting));
    return outcomes;
}

} // namespace

SalesforceDestination::GroupResult SalesforceDestination::answeredInPlace(const Call &c,
                                                                          const std::vector<std::size_t> &sent,
                                                                          std::vector<RecordOutcome> outcomes) const
{
    if (c.response.status != 200 || !c.refreshError.empty())
        return std::unexpected(classify(c));
    auto results = resultsInOrder(c.response, sent.size(), false);
    if (!results)
        return std::unexpected(results.error());
    for (std::size_t k = 0; k < sent.size(); ++k)
        outcomes[sent[k]] = std::move((*results)[k]);
    return outcomes;
}

SalesforceDestination::GroupResult SalesforceDestination::upsert(int batchNumber, std::span<const Record> records) const
{
    std::vector<RecordOutcome> outcomes(records.size());
    std::vector<std::size_t> sent;
    std::string body = std::string("{\"allOrNone\":") + (m_settings.allOrNone ? "true" : "false") + ",\"records\":[";
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (!externalIdText(records[i])) {
            outcomes[i] = {Outcome::Rejected, "no value for " + m_settings.externalIdField
                                                  + ", the External ID Salesforce upserts " + m_settings.object
                                                  + " records by"};
            continue;
        }
        if (!sent.empty())
            body += ',';
        appendRecord(body, records[i], nullptr, true);
        sent.push_back(i);
    }
    body += "]}";
    if (sent.empty())
        return outcomes;
    const Call c = call(batchNumber, request("PATCH",
                                             apiUrl("/composite/sobjects/" + urlEncode(m_settings.object) + "/"
                                                    + urlEncode(m_settings.externalIdField)),
                                             body));
    return answeredInPlace(c, sent, std::move(outcomes));
}

SalesforceDestination::GroupResult SalesforceDestination::insert(int batchNumber, std::span<const Record> records) const
{
    std::string body = std::string("{\"allOrNone\":") + (m_settings.allOrNone ? "true" : "false") + ",\"records\":[";
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (i > 0)
            body += ',';
        appendRecord(body, records[i], nullptr, true);
    }
    body += "]}";
    const Call c = call(batchNumber, request("POST", apiUrl("/composite/sobjects"), body));
    if (c.response.status != 200 || !c.refreshError.empty())
        return std::unexpected(classify(c));
    return resultsInOrder(c.response, records.size(), false);
}

std::expected<std::map<std::string, std::vector<std::string>>, BatchFailure> SalesforceDestination::lookupIds(
    int batchNumber, const std::vector<std::string> &externalIds) const
{
    std::map<std::string, std::vector<std::string>> found;
    if (externalIds.empty())
        return found;
    const std::string &ext = m_settings.externalIdField;
    const bool numeric = isNumericType(fieldType(ext));
    // One query per slice of ids, each short enough for a GET (Salesforce
    // takes URIs up to about 16,000 characters).
    constexpr std::size_t kMaxSoql = 8000;
    std::size_t next = 0;
    while (next < externalIds.size()) {
        std::string soql = "SELECT Id, " + ext + " FROM " + m_settings.object + " WHERE " + ext + " IN (";
        const std::size_t first = next;
        while (next < externalIds.size()) {
            const std::string literal = soqlLiteral(externalIds[next], numeric);
            if (next > first && soql.size() + literal.size() + 2 > kMaxSoql)
                break;
            soql += (next > first ? "," : "") + literal;
            ++next;
        }
        soql += ")";
        std::string url = apiUrl("/query?q=" + urlEncode(soql));
        for (int page = 0; page < 1000 && !url.empty(); ++page) {
            const Call c = call(batchNumber, request("GET", url));
            if (c.response.status != 200 || !c.refreshError.empty())
                return std::unexpected(classify(c));
            const json body = parseAnswer(c.response.body);
            if (!body.is_object() || !body.contains("records") || !body["records"].is_array())
                return std::unexpected(
                    failure(BatchFailure::Kind::Retryable,
                            "Salesforce's query answer could not be read: " + excerpt(c.response.body)));
            for (const auto &record : body["records"])
                if (record.is_object() && record.contains(ext))
                    found[matchKey(textOfJson(record[ext]))].push_back(stringOf(record, "Id"));
            url.clear();
            if (!body.value("done", true))
                if (const std::string more = stringOf(body, "nextRecordsUrl"); !more.empty())
                    url = m_settings.instanceUrl + more;
        }
    }
    return found;
}

std::string SalesforceDestination::matchKey(const std::string &externalId) const
{
    const auto it = m_known.find(m_settings.externalIdField);
    if (it != m_known.end() && it->second.caseSensitive)
        return externalId;
    // Salesforce folds case by Unicode rules; ids are ASCII in practice, and
    // other letters are compared as they are.
    return lower(externalId);
}

SalesforceDestination::GroupResult SalesforceDestination::update(int batchNumber, std::span<const Record> records) const
{
    std::vector<RecordOutcome> outcomes(records.size());
    std::vector<std::string> wanted;
    std::vector<std::optional<std::string>> ids(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        ids[i] = externalIdText(records[i]);
        if (ids[i])
            wanted.push_back(*ids[i]);
        else
            outcomes[i] = {Outcome::Rejected, "no value for " + m_settings.externalIdField
                                                  + ", the External ID "
                                                    "Salesforce finds "
                                                  + m_settings.object + " records by"};
    }
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    auto found = lookupIds(batchNumber, wanted);
    if (!found)
        return std::unexpected(found.error());
    std::vector<std::size_t> sent;
    std::string body = std::string("{\"allOrNone\":") + (m_settings.allOrNone ? "true" : "false") + ",\"records\":[";
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (!ids[i])
            continue;
        const auto it = found->find(matchKey(*ids[i]));
        if (it == found->end() || it->second.empty()) {
            outcomes[i] = {Outcome::Rejected, "no " + m_settings.object + " has " + m_settings.externalIdField + " '"
                                                  + *ids[i] + "' (update mode does not create records)"};
            continue;
        }
        if (it->second.size() > 1) {
            outcomes[i] = {Outcome::Rejected, "DUPLICATE_EXTERNAL_ID: " + m_settings.externalIdField + " '" + *ids[i]
                                                  + "' matches " + std::to_string(it->second.size()) + " "
                                                  + m_settings.object + " records"};
            continue;
        }
        if (!sent.empty())
            body += ',';
        appendRecord(body, records[i], &it->second.front(), false);
        sent.push_back(i);
    }
    body += "]}";
    if (sent.empty())
        return outcomes;
    const Call c = call(batchNumber, request("PATCH", apiUrl("/composite/sobjects"), body));
    return answeredInPlace(c, sent, std::move(outcomes));
}

SalesforceDestination::GroupResult SalesforceDestination::remove(int batchNumber, std::span<const Record> records) const
{
    std::vector<RecordOutcome> outcomes(records.size());
    std::vector<std::optional<std::string>> ids(records.size());
    std::vector<std::string> wanted;
    for (std::size_t i = 0; i < records.size(); ++i) {
        ids[i] = externalIdText(records[i]);
        if (ids[i])
            wanted.push_back(*ids[i]);
    }
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    auto found = lookupIds(batchNumber, wanted);
    if (!found)
        return std::unexpected(found.error());
    // Record ids to delete, each with the records it stands for.
    std::vector<std::string> recordIds;
    std::vector<std::vector<std::size_t>> owners;
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (!ids[i])
            continue;
        const auto it = found->find(matchKey(*ids[i]));
        if (it == found->end())
            continue; // not there: nothing to delete
        if (it->second.size() > 1) {
            // Deleting every match would remove records this row never stood for.
            outcomes[i] = {Outcome::Rejected, "DUPLICATE_EXTERNAL_ID: " + m_settings.externalIdField + " '" + *ids[i]
                                                  + "' matches " + std::to_string(it->second.size()) + " "
                                                  + m_settings.object + " records; none was deleted"};
            continue;
        }
        for (const auto &id : it->second) {
            const auto at = std::find(recordIds.begin(), recordIds.end(), id);
            if (at == recordIds.end()) {
                recordIds.push_back(id);
                owners.push_back({i});
            } else {
                owners[std::size_t(at - recordIds.begin())].push_back(i);
            }
        }
    }
    for (std::size_t start = 0; start < recordIds.size(); start += kMaxBatch) {
        const std::size_t end = std::min(recordIds.size(), start + kMaxBatch);
        std::string list;
        for (std::size_t k = start; k < end; ++k)
            list += (k > start ? "," : "") + recordIds[k];
        const Call c
            = call(batchNumber, request("DELETE", apiUrl("/composite/sobjects?ids=" + urlEncode(list)
                                                         + "&allOrNone=" + (m_settings.allOrNone ? "true" : "false"))));
        if (c.response.status != 200 || !c.refreshError.empty()) {
            if (start == 0)
                return std::unexpected(classify(c));
            const BatchFailure f = classify(c);
            for (std::size_t k = start; k < recordIds.size(); ++k)
                for (const std::size_t i : owners[k])
                    outcomes[i] = {Outcome::Retryable, f.message};
            return outcomes;
        }
        auto results = resultsInOrder(c.response, end - start, true);
        if (!results)
            return std::unexpected(results.error());
        for (std::size_t k = start; k < end; ++k) {
            const RecordOutcome &o = (*results)[k - start];
            for (const std::size_t i : owners[k])
                if (o.outcome != Outcome::Delivered && outcomes[i].outcome == Outcome::Delivered)
                    outcomes[i] = o;
        }
    }
    return outcomes;
}

} // namespace sluice

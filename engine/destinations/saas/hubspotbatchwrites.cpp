// The HubSpot destination's batch writes: create, upsert, update and
// archive (found by idProperty first), each input's outcome mapped from a
// 207 by id or objectWriteTraceId.

#include "destinations/saas/hubspotdestination.h"

#include "destinations/saas/connectortext.h"

#include "destinations/saas/hubspotinternal.h"
#include "formats/jsonwriter.h"
#include "http/httpclient.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <set>

namespace sluice {

using nlohmann::json;
using namespace hubspot;

namespace {

using saas::lower;

bool isWriteSuccess(int status)
{
    return status == 200 || status == 201 || status == 207;
}

} // namespace

std::optional<std::string> HubspotDestination::idOf(const Record &record) const
{
    const Value *value = nullptr;
    if (record.op == RecordOp::Delete) {
        if (m_idKey >= 0 && static_cast<std::size_t>(m_idKey) < record.keyValues.size())
            value = &record.keyValues[static_cast<std::size_t>(m_idKey)];
    } else if (m_idField >= 0 && static_cast<std::size_t>(m_idField) < record.fields.size()) {
        value = &record.fields[static_cast<std::size_t>(m_idField)];
    }
    if (!value || value->isNull())
        return std::nullopt;
    auto text = propertyText(*value, propertyType(m_settings.idProperty), false);
    if (!text || text->empty())
        return std::nullopt;
    return text;
}

void HubspotDestination::appendProperties(std::string &body, const Record &record, bool skipId) const
{
    body += "\"properties\":{";
    bool first = true;
    const std::size_t count = std::min(record.fields.size(), m_run.fields.size());
    for (std::size_t i = 0; i < count; ++i) {
        if (skipId && static_cast<int>(i) == m_idField)
            continue;
        const auto text = propertyText(record.fields[i], m_fieldTypes[i], m_settings.clearOnNull);
        if (!text)
            continue;
        if (!first)
            body += ',';
        first = false;
        appendJsonString(body, m_run.fields[i].name);
        body += ':';
        appendJsonString(body, *text);
    }
    body += '}';
}

namespace {

// Per-input outcomes of a 200/201/207 answer. `named` turns an error into the
// indices of the inputs it names (by id or trace id); `confirmed` tells from
// a result which inputs it stands for.
std::vector<RecordOutcome> outcomesOf(const json &body, std::size_t count, const std::vector<std::size_t> &sent,
                                      const std::function<std::vector<std::size_t>(const json &error)> &named,
                                      const std::function<std::vector<std::size_t>(const json &result)> &confirmed)
{
    std::vector<RecordOutcome> outcomes(count);
    std::vector<std::string> unmatched;
    if (body.is_object())
        if (const auto errors = body.find("errors"); errors != body.end() && errors->is_array())
            for (const auto &error : *errors) {
                const auto indices = named(error);
                if (indices.empty()) {
                    unmatched.push_back(errorReason(error));
                    continue;
                }
                for (const std::size_t i : indices) {
                    RecordOutcome &o = outcomes[i];
                    const std::string reason = errorReason(error);
                    if (o.outcome == Outcome::Rejected) {
                        if (o.reason.find(reason) == std::string::npos)
                            o.reason += "; " + reason;
                    } else {
                        o = RecordOutcome{Outcome::Rejected, reason};
                    }
                }
            }
    if (!unmatched.empty()) {
        // An error naming no input: only inputs HubSpot lists as written are sure.
        std::set<std::size_t> written;
        if (const auto results = body.find("results"); results != body.end() && results->is_array())
            for (const auto &result : *results)
                for (const std::size_t i : confirmed(result))
                    written.insert(i);
        for (const std::size_t i : sent)
            if (outcomes[i].outcome == Outcome::Delivered && !written.count(i))
                outcomes[i] = RecordOutcome{Outcome::Rejected, "HubSpot reported an error without naming the record: "
                                                                   + joined(unmatched, "; ")};
    }
    return outcomes;
}

} // namespace

HubspotDestination::GroupResult HubspotDestination::upsertOrUpdate(int batchNumber, std::span<const Record> records,
                                                                   bool update) const
{
    std::vector<RecordOutcome> outcomes(records.size());
    std::map<std::string, std::vector<std::size_t>> byId; // lower-cased: HubSpot matches emails that way
    std::vector<std::size_t> sent;
    std::string body = "{\"inputs\":[";
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto id = idOf(records[i]);
        if (!id) {
            outcomes[i] = RecordOutcome{Outcome::Rejected,
                                        "no value for '" + m_settings.idProperty + "', which HubSpot "
                                            + (update ? "updates " : "upserts ") + m_settings.object + " by"};
            continue;
        }
        if (!sent.empty())
            body += ',';
        // hs_object_id is the record id itself, which update takes without an idProperty.
        if (update && m_settings.idProperty == "hs_object_id") {
            body += "{\"id\":";
        } else {
            body += "{\"idProperty\":";
            appendJsonString(body, m_settings.idProperty);
            body += ",\"id\":";
        }
        appendJsonString(body, *id);
        body += ',';
        appendProperties(body, records[i], true);
        body += '}';
        byId[lower(*id)].push_back(i);
        sent.push_back(i);
    }
    body += "]}";
    if (sent.empty())
        return outcomes;
    const HttpResponse response = send(
        batchNumber,
        request("POST", "/crm/v3/objects/" + m_settings.object + (update ? "/batch/update" : "/batch/upsert"), body));
    if (!isWriteSuccess(response.status))
        return std::unexpected(classify(response));
    const json answer = parseAnswer(response.body);
    auto lookup = [&](const std::string &id) {
        const auto it = byId.find(lower(id));
        return it == byId.end() ? std::vector<std::size_t>{} : it->second;
    };
    auto named = [&](const json &error) {
        std::vector<std::size_t> indices;
        for (const auto &id : contextList(error, "ids"))
            for (const std::size_t i : lookup(id))
                indices.push_back(i);
        return indices;
    };
    auto confirmed = [&](const json &result) {
        if (result.is_object() && result.contains("properties") && result["properties"].is_object())
            return lookup(stringOf(result["properties"], m_settings.idProperty.c_str()));
        return std::vector<std::size_t>{};
    };
    auto mapped = outcomesOf(answer, records.size(), sent, named, confirmed);
    for (const std::size_t i : sent)
        outcomes[i] = std::move(mapped[i]);
    return outcomes;
}

HubspotDestination::GroupResult HubspotDestination::create(int batchNumber, std::span<const Record> records) const
{
    std::vector<RecordOutcome> outcomes(records.size());
    std::vector<std::size_t> sent(records.size());
    std::string body = "{\"inputs\":[";
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (i > 0)
            body += ',';
        body += '{';
        appendProperties(body, records[i], false);
        // Unique per input: a 207 names the failed inputs by it.
        body += ",\"objectWriteTraceId\":\"" + std::to_string(i) + "\"}";
        sent[i] = i;
    }
    body += "]}";
    if (records.empty())
        return outcomes;
    const HttpResponse response
        = send(batchNumber, request("POST", "/crm/v3/objects/" + m_settings.object + "/batch/create", body));
    // A record a killed run may have created already: HubSpot's conflict on
    // it (once the batch is split down to it) is that earlier create.
    if (response.status == 409 && records.size() == 1 && records[0].maybeDelivered)
        return outcomes;
    if (!isWriteSuccess(response.status))
        return std::unexpected(classify(response));
    const json answer = parseAnswer(response.body);
    auto byTrace = [&](const std::string &trace) {
        std::size_t index = 0;
        const auto [end, ec] = std::from_chars(trace.data(), trace.data() + trace.size(), index);
        if (ec != std::errc() || end != trace.data() + trace.size() || index >= records.size())
            return std::vector<std::size_t>{};
        return std::vector<std::size_t>{index};
    };
    auto named = [&](const json &error) {
        std::vector<std::size_t> indices;
        for (const auto &trace : contextList(error, "objectWriteTraceId"))
            for (const std::size_t i : byTrace(trace))
                indices.push_back(i);
        return indices;
    };
    auto confirmed = [&](const json &result) { return byTrace(stringOf(result, "objectWriteTraceId")); };
    return outcomesOf(answer, records.size(), sent, named, confirmed);
}

HubspotDestination::GroupResult HubspotDestination::remove(int batchNumber, std::span<const Record> records) const
{
    std::vector<RecordOutcome> outcomes(records.size());
    std::map<std::string, std::vector<std::size_t>> byId;
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (const auto id = idOf(records[i]))
            byId[lower(*id)].push_back(i);
        // A record without an identifier cannot exist at HubSpot: nothing to delete.
    }
    if (byId.empty())
        return outcomes;
    std::set<std::string> recordIds;
    if (m_settings.idProperty == "hs_object_id") {
        for (const auto &[id, indices] : byId)
            recordIds.insert(id);
    } else {
        // Archive takes record ids: find them by idProperty first.
        std::string body = "{\"idProperty\":";
        appendJsonString(body, m_settings.idProperty);
        body += ",\"properties\":[";
        appendJsonString(body, m_settings.idProperty);
        body += "],\"inputs\":[";
        bool first = true;
        for (const auto &[id, indices] : byId) {
            if (!first)
                body += ',';
            first = false;
            body += "{\"id\":";
            appendJsonString(body, idOf(records[indices.front()]).value_or(id));
            body += '}';
        }
        body += "]}";
        const HttpResponse found
            = send(batchNumber, request("POST", "/crm/v3/objects/" + m_settings.object + "/batch/read", body));
        if (!isWriteSuccess(found.status))
            return std::unexpected(classify(found));
        // Ids HubSpot does not know (OBJECT_NOT_FOUND) are already gone.
        const json answer = parseAnswer(found.body);
        if (answer.is_object() && answer.contains("results") && answer["results"].is_array())
            for (const auto &result : answer["results"]) {
                const std::string recordId = stringOf(result, "id");
                if (!recordId.empty() && result.contains("properties")
                    && byId.count(lower(stringOf(result["properties"], m_settings.idProperty.c_str()))))
                    recordIds.insert(recordId);
            }
    }
    if (recordIds.empty())
        return outcomes;
    std::string body = "{\"inputs\":[";
    bool first = true;
    for (const auto &id : recordIds) {
        if (!first)
            body += ',';
        first = false;
        body += "{\"id\":";
        appendJsonString(body, id);
        body += '}';
    }
    body += "]}";
    const HttpResponse archived
        = send(batchNumber, request("POST", "/crm/v3/objects/" + m_settings.object + "/batch/archive", body));
    if (archived.status < 200 || archived.status >= 300)
        return std::unexpected(classify(archived));
    return outcomes;
}

} // namespace sluice

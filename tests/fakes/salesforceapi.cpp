// The Salesforce routes (crmfakes.h): OAuth token, limits, describe, SOQL
// query, sObject Collections and Bulk API 2.0 jobs.
#include "crmfakes.h"
#include "crmfakesupport.h"

#include <cctype>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <regex>

namespace sluice::fakes {

using nlohmann::json;
using namespace crm;

namespace {

constexpr int kSalesforceMaxRecords = 200;

std::string urlDecode(const std::string &text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1]))
                   && std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::map<std::string, std::string> parseForm(const std::string &text)
{
    std::map<std::string, std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('&', start), text.size());
        const std::string pair = text.substr(start, end - start);
        const auto eq = pair.find('=');
        if (!pair.empty())
            out[urlDecode(pair.substr(0, eq))] = eq == std::string::npos ? "" : urlDecode(pair.substr(eq + 1));
        start = end + 1;
    }
    return out;
}

void appendCsvCell(std::string &out, const std::string &cell)
{
    out += '"';
    for (const char c : cell) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

std::string csvLine(const std::vector<std::string> &cells)
{
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i)
            line += ',';
        appendCsvCell(line, cells[i]);
    }
    return line + '\n';
}

} // namespace

void CrmFakes::sfQuery(const std::string &soql, httplib::Response &response, const std::string &apiRoot)
{
    static const std::regex re(
        R"(^\s*SELECT\s+(.+?)\s+FROM\s+([A-Za-z0-9_]+)(?:\s+WHERE\s+([A-Za-z0-9_]+)\s*(=|IN)\s*(.+?))?(?:\s+LIMIT\s+([0-9]+))?\s*$)",
        std::regex::icase);
    std::smatch m;
    if (!std::regex_match(soql, m, re))
        return answer(response, 400, sfRequestError("MALFORMED_QUERY", "unexpected token in: " + soql));
    const std::string object = m[2];
    if (!m_sfSchema.count(object))
        return answer(response, 400, sfRequestError("INVALID_TYPE", "sObject type '" + object + "' is not supported."));
    std::vector<std::string> select;
    {
        const std::string list = m[1];
        std::size_t start = 0;
        while (start <= list.size()) {
            const std::size_t end = std::min(list.find(',', start), list.size());
            std::string name = list.substr(start, end - start);
            name.erase(0, name.find_first_not_of(' '));
            name.erase(name.find_last_not_of(' ') + 1);
            if (!name.empty()) {
                if (!sfField(object, name))
                    return answer(
                        response, 400,
                        sfRequestError("INVALID_FIELD", "No such column '" + name + "' on entity '" + object + "'."));
                select.push_back(name);
            }
            start = end + 1;
        }
    }
    std::optional<std::vector<std::string>> values;
    std::string whereField;
    if (m[3].matched) {
        whereField = m[3];
        if (!sfField(object, whereField))
            return answer(
                response, 400,
                sfRequestError("INVALID_FIELD", "No such column '" + whereField + "' on entity '" + object + "'."));
        std::string literal = m[5];
        if (lower(m[4]) == "in") {
            if (literal.size() < 2 || literal.front() != '(' || literal.back() != ')')
                return answer(response, 400, sfRequestError("MALFORMED_QUERY", "expected a list after IN"));
            literal = literal.substr(1, literal.size() - 2);
        }
        values.emplace();
        std::size_t i = 0;
        while (i < literal.size()) {
            while (i < literal.size() && (literal[i] == ' ' || literal[i] == ','))
                ++i;
            if (i >= literal.size())
                break;
            std::string value;
            if (literal[i] == '\'') {
                ++i;
                while (i < literal.size() && literal[i] != '\'') {
                    if (literal[i] == '\\' && i + 1 < literal.size()) {
                        const char next = literal[++i];
                        value += next == 'n' ? '\n' : next == 'r' ? '\r' : next;
                    } else {
                        value += literal[i];
                    }
                    ++i;
                }
                ++i;
            } else {
                while (i < literal.size() && literal[i] != ',' && literal[i] != ' ')
                    value += literal[i++];
            }
            values->push_back(value);
        }
    }
    const std::size_t limit = m[6].matched ? std::stoul(m[6]) : std::string::npos;
    json records = json::array();
    for (const auto &r : sfStore(object)) {
        if (records.size() >= limit)
            break;
        if (values) {
            const json fieldValue = whereField == "Id" ? json(r.id) : r.fields.value(whereField, json());
            // SOQL compares strings without regard to case, except on fields
            // marked case-sensitive (and record ids).
            const std::string text = textOf(fieldValue);
            const SalesforceFieldDef *field = whereField == "Id" ? nullptr : sfField(object, whereField);
            if (std::none_of(values->begin(), values->end(),
                             [&](const std::string &v) { return field ? sfSameText(field, text, v) : text == v; }))
                continue;
        }
        json item = {{"attributes", {{"type", object}, {"url", apiRoot + "/sobjects/" + object + "/" + r.id}}}};
        for (const auto &name : select)
            item[name] = name == "Id" ? json(r.id) : r.fields.value(name, json());
        records.push_back(item);
    }
    answer(response, 200, json{{"totalSize", records.size()}, {"done", true}, {"records", records}});
}

void CrmFakes::salesforce(const httplib::Request &request, httplib::Response &response, const std::string &path)
{
    std::lock_guard lock(m_mutex);
    const std::size_t index = logRequest("salesforce", request, path);
    const SalesforceBehaviour &b = m_sfBehaviour;
    [&] {
        if (path == "/services/oauth2/token") {
            if (request.method != "POST")
                return answer(response, 405, json{{"error", "method_not_allowed"}});
            auto form = parseForm(request.body);
            for (const auto &[k, v] : request.params)
                form.emplace(k, v);
            if (form["grant_type"] != "refresh_token")
                return answer(
                    response, 400,
                    json{{"error", "unsupported_grant_type"}, {"error_description", "grant type not supported"}});
            if (form["client_id"].empty())
                return answer(response, 400,
                              json{{"error", "invalid_client_id"}, {"error_description", "client identifier invalid"}});
            if (form["refresh_token"] != m_options.token)
                return answer(response, 400,
                              json{{"error", "invalid_grant"}, {"error_description", "expired access/refresh token"}});
            ++m_sfRefreshes;
            const std::string token = m_options.token + "-renewed-" + std::to_string(m_sfRefreshes);
            if (!b.refreshedTokensExpire)
                m_sfTokens.insert(token);
            m_sfNewestToken = token;
            const std::string host = request.get_header_value("Host");
            return answer(response, 200,
                          json{{"access_token", token},
                               {"instance_url", "http://" + host + m_salesforcePrefix},
                               {"id", "http://" + host + m_salesforcePrefix + "/id/00DSB/005SB"},
                               {"token_type", "Bearer"},
                               {"issued_at", "1714554000000"},
                               {"signature", "c2FuZGJveA=="},
                               {"scope", "api refresh_token"}});
        }
        static const std::regex apiPath(R"(^/services/data/(v[0-9]+\.[0-9]+)(/.*)?$)");
        std::smatch m;
        if (!std::regex_match(path, m, apiPath))
            return answer(response, 404, sfRequestError("NOT_FOUND", "The requested resource does not exist"));
        const std::string version = m[1];
        const std::string rest = m[2].matched ? std::string(m[2]) : std::string("/");
        const std::string apiRoot = "/services/data/" + version;
        const std::string authorization = request.get_header_value("Authorization");
        if (!authorization.starts_with("Bearer ") || !m_sfTokens.count(authorization.substr(7)))
            return answer(response, 401, sfRequestError("INVALID_SESSION_ID", "Session expired or invalid"));
        ++m_sfUsage;
        response.set_header("Sforce-Limit-Info",
                            "api-usage=" + std::to_string(m_sfUsage) + "/" + std::to_string(b.apiAllocation));
        if (b.requestLimitExceeded || m_sfUsage > b.apiAllocation)
            return answer(response, 403, sfRequestError("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));

        const bool write
            = rest.starts_with("/composite/sobjects") || (rest == "/jobs/ingest" && request.method == "POST");
        if (write) {
            const int n = ++m_sfWriteCount;
            if (n <= b.concurrentLimitFirst)
                return answer(response, 403,
                              sfRequestError("REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded."));
            if (n <= b.serverErrorFirst || (b.serverErrorEvery > 0 && n % b.serverErrorEvery == 0))
                return answer(response, b.serverErrorStatus,
                              b.serverErrorStatus == 503
                                  ? sfRequestError("SERVER_UNAVAILABLE", "Server temporarily unavailable")
                                  : sfRequestError("UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include "
                                                                        "this ErrorId if you contact support"));
        }

        static const std::regex describePath(R"(^/sobjects/([A-Za-z0-9_]+)/describe/?$)");
        static const std::regex upsertPath(R"(^/composite/sobjects/([A-Za-z0-9_]+)/([A-Za-z0-9_]+)$)");
        static const std::regex jobPath(
            R"(^/jobs/ingest/([A-Za-z0-9]+)(/batches|/successfulResults/?|/failedResults/?|/unprocessedrecords/?)?$)");
        std::smatch p;
        if (request.method == "GET" && rest == "/limits")
            return answer(
                response, 200,
                json{{"DailyApiRequests", {{"Max", b.apiAllocation}, {"Remaining", b.apiAllocation - m_sfUsage}}}});
        if (request.method == "GET" && std::regex_match(rest, p, describePath)) {
            if (!m_sfSchema.count(p[1]))
                return answer(response, 404, sfRequestError("NOT_FOUND", "The requested resource does not exist"));
            return answer(response, 200, sfDescribe(p[1]));
        }
        if (request.method == "GET" && rest == "/query")
            return sfQuery(request.get_param_value("q"), response, apiRoot);

        auto parseBody = [&](json &body) {
            body = json::parse(request.body, nullptr, false);
            if (body.is_discarded()) {
                answer(response, 400,
                       sfRequestError("JSON_PARSER_ERROR", "Unexpected character at [line:1, column:1]"));
                return false;
            }
            return true;
        };
        auto tooMany = [&](std::size_t count) {
            m_requests[index].records = static_cast<int>(count);
            m_sfLargest = std::max(m_sfLargest, static_cast<int>(count));
            if (count <= static_cast<std::size_t>(kSalesforceMaxRecords))
                return false;
            answer(response, 400,
                   sfRequestError("EXCEEDED_ID_LIMIT",
                                  "record limit reached. cannot submit more than 200 records into this "
                                  "call"));
            return true;
        };
        // Runs `each` on copies of the stores; keeps the changes unless allOrNone saw a failure.
        auto collection =
            [&](const json &records, bool allOrNone,
                const std::function<SfResult(std::map<std::string, std::vector<SfRecord>> &, const json &)> &each,
                bool withCreated) {
                ++m_sfWriteRequests;
                std::map<std::string, std::vector<SfRecord>> work = m_sfRecords;
                std::vector<SfResult> results;
                bool anyFailed = false;
                for (const auto &record : records) {
                    results.push_back(each(work, record));
                    anyFailed = anyFailed || !results.back().success;
                }
                const bool rollBack = allOrNone && anyFailed;
                if (!rollBack)
                    m_sfRecords = std::move(work);
                json out = json::array();
                for (const auto &r : results) {
                    json item;
                    if (rollBack && r.success) {
                        item = {{"success", false},
                                {"errors", json::array({sfError("ALL_OR_NONE_OPERATION_ROLLED_BACK",
                                                                "Record rolled back because not all records were valid "
                                                                "and the request was using AllOrNone header")})}};
                    } else if (r.success) {
                        item = {{"id", r.id}, {"success", true}, {"errors", json::array()}};
                    } else {
                        item = {{"success", false}, {"errors", r.errors}};
                    }
                    if (withCreated)
                        item["created"] = r.success && !rollBack && r.created;
                    out.push_back(item);
                }
                answer(response, 200, out);
            };

        if (request.method == "PATCH" && std::regex_match(rest, p, upsertPath)) {
            const std::string object = p[1], ext = p[2];
            if (!m_sfSchema.count(object))
                return answer(response, 404, sfRequestError("NOT_FOUND", "The requested resource does not exist"));
            const SalesforceFieldDef *field = sfField(object, ext);
            if (!field || !field->externalId)
                return answer(response, 404,
                              sfRequestError("NOT_FOUND", "Provided external ID field does not exist or "
                                                          "is not accessible: "
                                                              + ext));
            json body;
            if (!parseBody(body))
                return;
            if (!body.is_object() || !body.contains("records") || !body["records"].is_array())
                return answer(response, 400, sfRequestError("JSON_PARSER_ERROR", "records must be an array"));
            if (tooMany(body["records"].size()))
                return;
            if (auto refused = sfCheckRecords(object, body["records"], false))
                return answer(response, refused->first, refused->second);
            return collection(
                body["records"], body.value("allOrNone", false),
                [&](auto &work, const json &record) { return sfSave(work[object], object, record, "upsert", ext); },
                true);
        }
        if (rest == "/composite/sobjects" && (request.method == "POST" || request.method == "PATCH")) {
            const bool create = request.method == "POST";
            json body;
            if (!parseBody(body))
                return;
            if (!body.is_object() || !body.contains("records") || !body["records"].is_array())
                return answer(response, 400, sfRequestError("JSON_PARSER_ERROR", "records must be an array"));
            if (tooMany(body["records"].size()))
                return;
            if (auto refused = sfCheckRecords("", body["records"], !create))
                return answer(response, refused->first, refused->second);
            return collection(
                body["records"], body.value("allOrNone", false),
                [&](auto &work, const json &record) {
                    const std::string type = record["attributes"]["type"];
                    if (create && (record.contains("Id") || record.contains("id"))) {
                        SfResult r;
                        r.errors.push_back(sfError("INVALID_FIELD", "Cannot specify Id in an insert call"));
                        return r;
                    }
                    return sfSave(work[type], type, record, create ? "create" : "update", "");
                },
                false);
        }
        if (rest == "/composite/sobjects" && request.method == "DELETE") {
            std::vector<std::string> ids;
            const std::string list = request.get_param_value("ids");
            std::size_t start = 0;
            while (start < list.size()) {
                const std::size_t end = std::min(list.find(',', start), list.size());
                if (end > start)
                    ids.push_back(list.substr(start, end - start));
                start = end + 1;
            }
            if (tooMany(ids.size()))
                return;
            const bool allOrNone = request.get_param_value("allOrNone") == "true";
            json records = json::array();
            for (const auto &id : ids)
                records.push_back(id);
            return collection(
                records, allOrNone,
                [&](auto &work, const json &id) {
                    SfResult r;
                    for (auto &[object, store] : work) {
                        const auto it
                            = std::find_if(store.begin(), store.end(), [&](const SfRecord &s) { return s.id == id; });
                        if (it != store.end()) {
                            store.erase(it);
                            r.success = true;
                            r.id = id;
                            return r;
                        }
                    }
                    r.errors.push_back(sfError("ENTITY_IS_DELETED", "entity is deleted"));
                    return r;
                },
                false);
        }
        if (rest == "/jobs/ingest" && request.method == "POST") {
            json body;
            if (!parseBody(body))
                return;
            const std::string object = body.value("object", "");
            const std::string operation = body.value("operation", "");
            if (!m_sfSchema.count(object))
                return answer(response, 400, sfRequestError("INVALIDJOB", "Unable to find object: " + object));
            if (operation != "insert" && operation != "upsert" && operation != "update" && operation != "delete")
                return answer(response, 400, sfRequestError("INVALIDJOB", "Invalid operation: " + operation));
            SfJob job;
            if (operation == "upsert") {
                job.externalIdField = body.value("externalIdFieldName", "");
                const SalesforceFieldDef *field = sfField(object, job.externalIdField);
                if (!field || !field->externalId)
                    return answer(response, 400,
                                  sfRequestError("INVALIDJOB", "The field '" + job.externalIdField
                                                                   + "' is not an external id field of " + object));
            }
            char id[32];
            std::snprintf(id, sizeof id, "750SB%010zuAAA", m_sfJobOrder.size() + 1);
            job.id = id;
            job.object = object;
            job.operation = operation;
            job.createdDate = isoAt(static_cast<long long>(m_sfJobOrder.size()), true);
            m_sfJobs[job.id] = job;
            m_sfJobOrder.push_back(job.id);
            return answer(response, 200, sfJobInfo(job));
        }
        if (std::regex_match(rest, p, jobPath)) {
            const auto it = m_sfJobs.find(p[1]);
            if (it == m_sfJobs.end())
                return answer(response, 404, sfRequestError("NOT_FOUND", "The requested resource does not exist"));
            SfJob &job = it->second;
            const std::string part = p[2].matched ? std::string(p[2]) : std::string();
            if (part == "/batches" && request.method == "PUT") {
                if (job.state != "Open" || job.uploaded)
                    return answer(response, 409, sfRequestError("INVALIDJOBSTATE", "Job is not open for upload"));
                job.csv = request.body;
                job.uploaded = true;
                m_requests[index].records = static_cast<int>(std::max<std::size_t>(1, parseCsv(job.csv).size()) - 1);
                m_sfLargest = std::max(m_sfLargest, m_requests[index].records);
                response.status = 201;
                return;
            }
            if (part.empty() && request.method == "PATCH") {
                json body;
                if (!parseBody(body))
                    return;
                const std::string state = body.value("state", "");
                if (state == "Aborted") {
                    job.state = "Aborted";
                } else if (state == "UploadComplete") {
                    if (job.state != "Open")
                        return answer(response, 409, sfRequestError("INVALIDJOBSTATE", "Job is not open"));
                    job.state = "UploadComplete";
                    sfProcessJob(job);
                    job.pollsLeft = b.bulkInProgressPolls;
                } else {
                    return answer(response, 400, sfRequestError("INVALIDJOBSTATE", "Invalid state: " + state));
                }
                json info = sfJobInfo(job);
                return answer(response, 200, info);
            }
            if (part.empty() && request.method == "GET") {
                if (job.state == "UploadComplete" || job.state == "InProgress") {
                    if (job.pollsLeft > 0) {
                        --job.pollsLeft;
                        job.state = "InProgress";
                    } else {
                        job.state = "JobComplete";
                    }
                }
                return answer(response, 200, sfJobInfo(job));
            }
            if (request.method == "GET" && !part.empty()) {
                std::vector<std::string> header;
                const std::vector<std::vector<std::string>> *rows = nullptr;
                const std::vector<std::vector<std::string>> none;
                if (part.starts_with("/successfulResults")) {
                    header = {"sf__Id", "sf__Created"};
                    rows = &job.succeeded;
                } else if (part.starts_with("/failedResults")) {
                    header = {"sf__Id", "sf__Error"};
                    rows = &job.failed;
                } else {
                    rows = &none;
                }
                header.insert(header.end(), job.columns.begin(), job.columns.end());
                std::string csv = csvLine(header);
                for (const auto &row : *rows)
                    csv += csvLine(row);
                response.status = 200;
                response.set_content(csv, "text/csv");
                return;
            }
        }
        answer(response, 404, sfRequestError("NOT_FOUND", "The requested resource does not exist"));
    }();
    m_requests[index].status = response.status;
}

} // namespace sluice::fakes

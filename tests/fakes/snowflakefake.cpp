#include "snowflakefake.h"
#include "snowflakefakesupport.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace sluice::fakes {

using nlohmann::json;
using namespace snowflake;

namespace {

constexpr const char *kContentType = "application/json";

std::map<std::string, std::string> queryOf(const httplib::Request &request)
{
    std::map<std::string, std::string> q;
    for (const auto &[k, v] : request.params)
        q[k] = v;
    return q;
}

std::string param(const httplib::Request &request, const char *name)
{
    return request.has_param(name) ? request.get_param_value(name) : std::string();
}

} // namespace

namespace snowflake {

void send(httplib::Response &response, int status, const json &body)
{
    response.status = status;
    response.set_content(body.dump(), kContentType);
}

} // namespace snowflake

void SnowflakeFake::mount(httplib::Server &server, const std::string &prefix)
{
    m_prefix = prefix;
    server.Post(prefix + "/oauth/token-request",
                [this](const httplib::Request &req, httplib::Response &res) { handleTokenRequest(req, res); });
    server.Post(prefix + "/api/v2/statements",
                [this](const httplib::Request &req, httplib::Response &res) { handleSubmit(req, res); });
    server.Get(prefix + R"(/api/v2/statements/([^/]+))", [this](const httplib::Request &req, httplib::Response &res) {
        handleStatus(req, res, req.matches[1].str());
    });
    server.Post(
        prefix + R"(/api/v2/statements/([^/]+)/cancel)",
        [this](const httplib::Request &req, httplib::Response &res) { handleCancel(req, res, req.matches[1].str()); });
}

void SnowflakeFake::setOptions(SnowflakeFakeOptions options)
{
    std::lock_guard lock(m_mutex);
    m_options = std::move(options);
}

SnowflakeFakeOptions SnowflakeFake::options() const
{
    std::lock_guard lock(m_mutex);
    return m_options;
}

void SnowflakeFake::reset()
{
    std::lock_guard lock(m_mutex);
    m_statements.clear();
    m_byHandle.clear();
    m_byRequestId.clear();
    m_requests.clear();
    m_apiRequests = m_submissions = m_cancels = 0;
}

std::vector<SnowflakeStatement> SnowflakeFake::statements() const
{
    std::lock_guard lock(m_mutex);
    std::vector<SnowflakeStatement> out;
    for (const auto &s : m_statements)
        out.push_back(s.info);
    return out;
}

int SnowflakeFake::executions() const
{
    std::lock_guard lock(m_mutex);
    return int(m_statements.size());
}

int SnowflakeFake::executions(const std::string &requestId) const
{
    std::lock_guard lock(m_mutex);
    return int(std::count_if(m_statements.begin(), m_statements.end(),
                             [&](const Stored &s) { return s.info.requestId == requestId; }));
}

int SnowflakeFake::cancels() const
{
    std::lock_guard lock(m_mutex);
    return m_cancels;
}

std::vector<SnowflakeRequest> SnowflakeFake::requests() const
{
    std::lock_guard lock(m_mutex);
    return m_requests;
}

json SnowflakeFake::contents() const
{
    std::lock_guard lock(m_mutex);
    json statements = json::array();
    for (const auto &s : m_statements)
        statements.push_back({{"handle", s.info.handle},
                              {"requestId", s.info.requestId},
                              {"sql", s.info.sql},
                              {"rows", s.info.rows},
                              {"partitions", s.info.partitions},
                              {"failed", s.info.failed},
                              {"cancelled", s.info.cancelled}});
    json tables = json::object();
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(
        m_db, "SELECT TABLE_NAME, ROW_COUNT FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'",
        -1, &st, nullptr);
    while (st && sqlite3_step(st) == SQLITE_ROW)
        tables[reinterpret_cast<const char *>(sqlite3_column_text(st, 0))] = sqlite3_column_int64(st, 1);
    sqlite3_finalize(st);
    return {{"statements", statements}, {"tables", tables}};
}

std::size_t SnowflakeFake::logRequest(const httplib::Request &request, const std::string &path)
{
    SnowflakeRequest r;
    r.method = request.method;
    r.path = path;
    r.query = queryOf(request);
    r.body = request.body;
    r.authorization = request.get_header_value("Authorization");
    r.tokenType = request.get_header_value("X-Snowflake-Authorization-Token-Type");
    r.userAgent = request.get_header_value("User-Agent");
    r.acceptEncoding = request.get_header_value("Accept-Encoding");
    m_requests.push_back(std::move(r));
    return m_requests.size() - 1;
}

void SnowflakeFake::finishLog(std::size_t index, const httplib::Response &response)
{
    if (index < m_requests.size()) {
        m_requests[index].status = response.status;
        m_requests[index].gzipped = response.get_header_value("Content-Encoding") == "gzip";
    }
}

// Logs a request when it arrives and its answer when the handler returns, by whichever path.
struct SnowflakeFake::RequestLog {
    SnowflakeFake *self;
    std::size_t index;
    httplib::Response &response;
    ~RequestLog() { self->finishLog(index, response); }
};

SnowflakeFake::Stored *SnowflakeFake::knownStatement(const std::string &handle, httplib::Response &response)
{
    const auto found = m_byHandle.find(handle);
    if (found != m_byHandle.end())
        return &m_statements[found->second];
    send(response, 422,
         {{"code", "000709"},
          {"sqlState", "02000"},
          {"message", "Statement " + handle + " not found"},
          {"statementHandle", handle}});
    return nullptr;
}

void SnowflakeFake::handleSubmit(const httplib::Request &request, httplib::Response &response)
{
    std::lock_guard lock(m_mutex);
    const RequestLog logged{this, logRequest(request, "/api/v2/statements"), response};

    if (!admit(request, response))
        return;
    if (request.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
        send(response, 415, {{"message", "Unsupported media type: send application/json."}});
        return;
    }
    const json body = json::parse(request.body, nullptr, false);
    if (!body.is_object() || !body.contains("statement") || !body["statement"].is_string()) {
        send(response, 400, {{"code", "390142"}, {"message", "Incoming request does not contain a valid payload."}});
        return;
    }
    const std::string requestId = param(request, "requestId");
    const bool retry = param(request, "retry") == "true";
    const bool async = param(request, "async") == "true";
    const bool nullsAsText = param(request, "nullable") == "false";

    // A resubmission: answer for the statement already run.
    if (retry && !requestId.empty()) {
        if (const auto known = m_byRequestId.find(requestId); known != m_byRequestId.end()) {
            answer(m_statements[known->second], true, async, request, response);
            return;
        }
    }
    ++m_submissions;
    json session = {{"database", body.value("database", m_options.database)},
                    {"schema", body.value("schema", m_options.schema)},
                    {"warehouse", body.value("warehouse", m_options.warehouse)},
                    {"role", body.value("role", m_options.role)}};
    if (session["database"].get<std::string>() != m_options.database) {
        send(response, 422,
             {{"code", "390201"},
              {"message", "The requested database does not exist or not authorized."},
              {"sqlState", "08004"}});
        return;
    }
    Stored stored = execute(body["statement"].get<std::string>(), session, requestId, nullsAsText);
    m_statements.push_back(std::move(stored));
    Stored &statement = m_statements.back();
    m_byHandle[statement.info.handle] = m_statements.size() - 1;
    if (!requestId.empty())
        m_byRequestId[requestId] = m_statements.size() - 1;
    if (m_options.submitServerError.hits(m_submissions)) {
        send(response, m_options.serverErrorStatus, {{"message", "Internal error: the answer was lost."}});
        return;
    }
    answer(statement, true, async, request, response);
}

void SnowflakeFake::handleStatus(const httplib::Request &request, httplib::Response &response,
                                 const std::string &handle)
{
    std::lock_guard lock(m_mutex);
    const RequestLog logged{this, logRequest(request, "/api/v2/statements/" + handle), response};
    if (!admit(request, response))
        return;
    Stored *found = knownStatement(handle, response);
    if (!found)
        return;
    Stored &statement = *found;
    if (request.has_param("partition")) {
        int partition = -1;
        const std::string text = param(request, "partition");
        std::from_chars(text.data(), text.data() + text.size(), partition);
        answerPartition(statement, partition, request, response);
        return;
    }
    answer(statement, false, false, request, response);
}

void SnowflakeFake::handleCancel(const httplib::Request &request, httplib::Response &response,
                                 const std::string &handle)
{
    std::lock_guard lock(m_mutex);
    const RequestLog logged{this, logRequest(request, "/api/v2/statements/" + handle + "/cancel"), response};
    if (!admit(request, response))
        return;
    Stored *found = knownStatement(handle, response);
    if (!found)
        return;
    ++m_cancels;
    Stored &statement = *found;
    if (statement.pollsLeft > 0)
        statement.info.cancelled = true;
    send(response, 200,
         {{"code", "000000"},
          {"sqlState", "00000"},
          {"message", "successfully executed"},
          {"statementHandle", handle},
          {"statementStatusUrl", m_prefix + "/api/v2/statements/" + handle}});
}

} // namespace sluice::fakes

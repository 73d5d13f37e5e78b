// The Salesforce destination's requests: the access token and its renewal
// (OAuth refresh), sending with the API inspector, and what a failed
// answer means for the batch (classify).

#include "destinations/saas/salesforcedestination.h"

#include "destinations/httpexchange.h"
#include "destinations/saas/salesforceinternal.h"
#include "http/answers.h"

#include <algorithm>

namespace sluice {

using nlohmann::json;

namespace salesforce {

// The first {"errorCode","message"} of a whole-request error array (or object).
std::pair<std::string, std::string> firstError(const json &body)
{
    const json *e = &body;
    if (body.is_array() && !body.empty())
        e = &body[0];
    std::string code = stringOf(*e, "errorCode");
    if (code.empty())
        code = stringOf(*e, "statusCode");
    std::string message = stringOf(*e, "message");
    return {code, message};
}

} // namespace salesforce

using namespace salesforce;

namespace {

// 'No such column 'Foo__c' on sobject of type Lead' -> Foo__c
std::optional<std::string> columnNamed(const std::string &message)
{
    const auto at = message.find("No such column '");
    if (at == std::string::npos)
        return std::nullopt;
    const auto start = at + 16;
    const auto end = message.find('\'', start);
    if (end == std::string::npos)
        return std::nullopt;
    return message.substr(start, end - start);
}

} // namespace

std::string SalesforceDestination::apiUrl(const std::string &path) const
{
    return m_api + path;
}

HttpRequest SalesforceDestination::request(const std::string &method, const std::string &url, std::string body,
                                           const std::string &contentType) const
{
    HttpRequest r;
    r.method = method;
    r.url = url;
    r.headers = {{"Accept", "application/json"}, {"User-Agent", userAgent()}};
    if (method != "GET" && method != "DELETE")
        r.headers.emplace_back("Content-Type", contentType);
    r.body = std::move(body);
    r.timeoutMs = std::max(1, m_settings.timeoutSeconds) * 1000;
    return r;
}

HttpResponse SalesforceDestination::send(int batchNumber, const HttpRequest &request, bool report) const
{
    HttpResponse response = HttpClient::forThisThread().send(request);
    if (const auto limit = response.header("Sforce-Limit-Info")) {
        std::lock_guard lock(m_usageMutex);
        m_apiUsage = *limit;
    }
    if (report && m_run.observer) {
        m_run.observer->onHttpExchange(batchNumber, inspectorExchange(request, response));
    }
    return response;
}

bool SalesforceDestination::canRefresh() const
{
    return !m_settings.refreshToken.empty() && !m_settings.clientId.empty();
}

std::string SalesforceDestination::currentToken(int *generation) const
{
    std::lock_guard lock(m_tokenMutex);
    if (generation)
        *generation = m_tokenGeneration;
    return m_token;
}

Result<> SalesforceDestination::renewToken(int seenGeneration, int batchNumber, bool report) const
{
    // One renewal for all threads: those that saw the same expired token
    // wait here and use the token the first one got.
    std::lock_guard lock(m_tokenMutex);
    if (m_tokenGeneration != seenGeneration)
        return {};
    std::string body = "grant_type=refresh_token&client_id=" + urlEncode(m_settings.clientId);
    if (!m_settings.clientSecret.empty())
        body += "&client_secret=" + urlEncode(m_settings.clientSecret);
    body += "&refresh_token=" + urlEncode(m_settings.refreshToken);
    HttpRequest r = request("POST", m_tokenUrl, body, "application/x-www-form-urlencoded");
    const HttpResponse response = HttpClient::forThisThread().send(r);
    const json answer = parseAnswer(response.body);
    if (report && m_run.observer) {
        // The form and a granted token carry secrets: shown with them left out.
        HttpExchange exchange = inspectorExchange(r, response);
        exchange.requestBody = "grant_type=refresh_token&client_id=" + urlEncode(m_settings.clientId)
                             + "&client_secret=[redacted]&refresh_token=[redacted]";
        if (response.status == 200)
            exchange.responseBody = "[redacted: a new access token]";
        m_run.observer->onHttpExchange(batchNumber, exchange);
    }
    if (response.status == 0)
        return failed("salesforce.token_unreachable", "could not reach " + m_tokenUrl + ": " + response.transportError);
    const std::string token = stringOf(answer, "access_token");
    if (response.status != 200 || token.empty()) {
        std::string why = stringOf(answer, "error");
        const std::string description = stringOf(answer, "error_description");
        if (!description.empty())
            why += (why.empty() ? "" : ": ") + description;
        return failed("salesforce.token_refresh", "Salesforce did not renew the access token (HTTP "
                                                      + std::to_string(response.status) + " "
                                                      + (why.empty() ? excerpt(response.body) : why) + ")");
    }
    m_token = token;
    ++m_tokenGeneration;
    return {};
}

SalesforceDestination::Call SalesforceDestination::call(int batchNumber, HttpRequest request, bool report) const
{
    Call c;
    int generation = 0;
    std::string token = currentToken(&generation);
    if (token.empty() && canRefresh()) {
        if (auto r = renewToken(generation, batchNumber, report); !r) {
            c.refreshError = r.error().message;
            c.response.status = 401;
            return c;
        }
        token = currentToken(&generation);
    }
    request.headers.emplace_back("Authorization", "Bearer " + token);
    c.response = send(batchNumber, request, report);
    if (c.response.status == 401 && canRefresh()) {
        if (auto r = renewToken(generation, batchNumber, report); !r) {
            c.refreshError = r.error().message;
            return c;
        }
        request.headers.back().second = "Bearer " + currentToken(nullptr);
        c.refreshed = true;
        c.response = send(batchNumber, request, report);
    }
    return c;
}

BatchFailure SalesforceDestination::classify(const Call &c, bool bulk) const
{
    using Kind = BatchFailure::Kind;
    const HttpResponse &response = c.response;
    const int status = response.status;
    if (!c.refreshError.empty())
        return failure(Kind::Fatal, "Salesforce's session expired and could not be renewed: " + c.refreshError);
    if (status == 0)
        return noAnswer("could not reach Salesforce: " + response.transportError);
    const json body = parseAnswer(response.body);
    const auto [code, message] = firstError(body);
    const std::string said = code.empty() ? excerpt(response.body) : errorText(code, message, {});
    if (status == 400) {
        if (code == "INVALID_FIELD")
            if (const auto column = columnNamed(message))
                return failure(Kind::Fatal, "Salesforce has no field '" + *column + "' on " + m_settings.object
                                                + ": create it or fix the mapping");
        if (bulk || code == "INVALID_TYPE" || code == "INVALIDJOB" || code == "INVALID_FIELD")
            return failure(Kind::Fatal, "Salesforce refused the request (400 " + said + ")");
        return failure(Kind::RejectedWhole, "Salesforce refused the batch (400 " + said + ")");
    }
    if (status == 401) {
        if (c.refreshed)
            return failure(Kind::Fatal,
                           "Salesforce refused the session again right after the token was renewed (401 " + said + ")");
        return failure(Kind::Fatal, "Salesforce refused the access token (401 " + said
                                        + "); set refreshToken, clientId and clientSecret so Sluice can renew it, "
                                          "or a new accessToken");
    }
    if (status == 403) {
        const std::string usage = apiUsage();
        if (code == "REQUEST_LIMIT_EXCEEDED" && message.find("ConcurrentPerOrgLongTxn") != std::string::npos)
            return failure(Kind::Retryable,
                           "Salesforce is running too many long requests for this org (403 " + said + ")",
                           std::chrono::milliseconds(5000));
        if (code == "REQUEST_LIMIT_EXCEEDED")
            return failure(Kind::Fatal, "Salesforce's API request limit is reached (" + said
                                            + (usage.empty() ? "" : "; " + usage)
                                            + "); records stay pending for the next run");
        return failure(Kind::Fatal, "Salesforce refused access (403 " + said + ")");
    }
    if (status == 404)
        return failure(Kind::Fatal, "Salesforce: unknown sObject or field (404 " + said + "); check object '"
                                        + m_settings.object + "'"
                                        + (m_settings.externalIdField.empty()
                                               ? std::string()
                                               : " and externalIdField '" + m_settings.externalIdField + "'"));
    if (status == 409)
        return failure(Kind::RejectedWhole, "Salesforce reported a conflict (409 " + said + ")");
    if (status == 500 || status == 502 || status == 503 || status == 504)
        return failure(Kind::Retryable, "Salesforce failed (HTTP " + std::to_string(status) + " " + said + ")",
                       response.retryAfter());
    if (status >= 300 && status < 400)
        return failure(Kind::Fatal, "Salesforce redirected (HTTP " + std::to_string(status)
                                        + "); set instanceUrl to the org's My Domain URL");
    return failure(Kind::Fatal, "Salesforce refused the request (HTTP " + std::to_string(status) + " " + said + ")");
}

} // namespace sluice

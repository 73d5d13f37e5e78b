// The Adobe Experience Platform fake (engagementfakes.h): streaming collection.
#include "engagementfakes.h"
#include "engagementfakesupport.h"

namespace sluice::fakes {

using nlohmann::json;
using namespace engagement;

namespace {

constexpr std::size_t kAepMaxBytes = 1024 * 1024;

} // namespace

// ---- Adobe Experience Platform

void EngagementFakes::handleAep(const httplib::Request &request, httplib::Response &response, bool batch)
{
    std::lock_guard lock(m_mutex);
    const std::size_t index = logRequest("aep", request, request.body);
    const int n = ++m_aepCount;
    const AepFakeOptions &options = m_aepOptions;
    const std::string connection = request.matches.size() > 1 ? std::string(request.matches[1]) : std::string();
    const auto reply = [&](int status, const json &body) {
        answer(response, status, body);
        finish("aep", index, status);
    };
    const auto error = [&](int status, const std::string &title, const std::string &message) {
        reply(status, {{"type", "https://ns.adobe.com/aep/errors/" + std::to_string(status)},
                       {"status", status},
                       {"title", title},
                       {"message", message}});
    };
    if (options.authenticated) {
        const std::string authorization = request.get_header_value("Authorization");
        if (authorization.empty())
            return error(401, "Unauthorized", "Authorization header is missing on an authenticated connection");
        if (authorization != "Bearer " + m_token)
            return error(403, "Forbidden", "The access token is invalid or expired");
    }
    if (!options.connectionId.empty() && connection != options.connectionId)
        return error(404, "Not Found", "No streaming connection " + connection);
    if (options.rateLimited.hits(n))
        return error(429, "Too Many Requests", "Too many requests");
    if (options.serverError.hits(n))
        return error(options.serverErrorStatus, "Service Unavailable", "Service unavailable");
    if (request.body.size() > kAepMaxBytes) {
        ++service("aep").stats.refusedForSize;
        return error(413, "Payload Too Large", "The request body exceeds 1 MB");
    }
    const json body = json::parse(request.body, nullptr, false);
    if (body.is_discarded())
        return error(400, "Bad Request", "The body is not valid JSON");

    const std::int64_t received = nowMillis();
    // One message: its status, or nullopt when accepted (and stored).
    const auto ingest = [&](const json &message) -> std::optional<std::string> {
        if (!message.is_object())
            return "Invalid message: Message has unknown xdm format";
        if (!message.contains("header") || !message["header"].is_object())
            return "Missing header: Message has unknown xdm format";
        json header = message["header"];
        if (!header.contains("schemaRef") || !header["schemaRef"].is_object()
            || !nonEmptyString(header["schemaRef"], "id"))
            return "Missing schemaRef in header: Message has unknown xdm format";
        if (header.contains("imsOrgId") && header["imsOrgId"] != options.imsOrgId)
            return "The IMS org in the header does not match the connection's";
        header["imsOrgId"] = options.imsOrgId; // added when absent
        if (!nonEmptyString(header, "datasetId"))
            return "Missing datasetId in header";
        if (!message.contains("body") || !message["body"].is_object())
            return "Missing body: Message has unknown xdm format";
        if (!message["body"].contains("xdmEntity") || !message["body"]["xdmEntity"].is_object())
            return "Missing xdmEntity in body: Message has unknown xdm format";
        if (options.rejectMessage)
            if (auto problem = options.rejectMessage(message))
                return *problem;
        m_aepMessages.push_back({{"connectionId", connection}, {"header", header}, {"body", message["body"]}});
        return std::nullopt;
    };
    if (!batch) {
        noteSize("aep", request.body.size(), 1);
        if (auto problem = ingest(body))
            return error(400, "Bad Request", *problem);
        return reply(200, {{"inletId", connection},
                           {"xactionId", std::to_string(received) + ":" + std::to_string(++m_aepTransactions) + ":0"},
                           {"receivedTimeMs", received}});
    }
    if (!body.is_object() || !body.contains("messages") || !body["messages"].is_array())
        return error(400, "Bad Request", "The body needs a \"messages\" array");
    const json &messages = body["messages"];
    noteSize("aep", request.body.size(), int(messages.size()));
    const int transaction = ++m_aepTransactions;
    json responses = json::array();
    for (std::size_t i = 0; i < messages.size(); ++i) {
        if (auto problem = ingest(messages[i]))
            responses.push_back({{"statusCode", 400}, {"message", *problem}});
        else
            responses.push_back({{"xactionId", std::to_string(received) + ":" + std::to_string(transaction) + ":"
                                                   + std::to_string(i)}});
    }
    // Always 207, whether all, some or none of the messages were accepted.
    reply(207, {{"inletId", connection},
                {"batchId", std::to_string(received) + ":" + std::to_string(transaction)},
                {"receivedTimeMs", received},
                {"responses", responses}});
}

} // namespace sluice::fakes

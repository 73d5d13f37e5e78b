// The Segment fake (engagementfakes.h): /batch.
#include "engagementfakes.h"
#include "engagementfakesupport.h"

#include <set>

namespace sluice::fakes {

using nlohmann::json;
using namespace engagement;

namespace {

constexpr std::size_t kSegmentMaxBytes = 500 * 1024;
constexpr std::size_t kSegmentMaxItemBytes = 32 * 1024;
constexpr std::size_t kSegmentMaxItems = 2500;

} // namespace

// ---- Segment

void EngagementFakes::handleSegment(const httplib::Request &request, httplib::Response &response)
{
    std::lock_guard lock(m_mutex);
    const std::size_t index = logRequest("segment", request, request.body);
    const int n = ++m_segmentCount;
    const SegmentFakeOptions &options = m_segmentOptions;
    const auto reply = [&](int status, const json &body) {
        answer(response, status, body);
        finish("segment", index, status);
    };
    const json body = json::parse(request.body, nullptr, false);
    const auto credentials = basicCredentials(request);
    const bool keyInHeader = credentials && credentials->first == m_token;
    const bool keyInBody = body.is_object() && body.value("writeKey", json()) == m_token;
    if (!keyInHeader && !keyInBody)
        return reply(401, {{"success", false}, {"error", "Invalid write key"}});
    if (options.rateLimited.hits(n)) {
        if (!options.retryAfter.empty())
            response.set_header("Retry-After", options.retryAfter);
        if (!options.rateLimitReset.empty())
            response.set_header("X-RateLimit-Reset", options.rateLimitReset);
        return reply(429, {{"success", false}, {"error", "Too Many Requests"}});
    }
    if (options.serverError.hits(n))
        return reply(options.serverErrorStatus, {{"success", false}, {"error", "Internal Server Error"}});
    // 400 only for oversize payloads and invalid JSON.
    if (request.body.size() > kSegmentMaxBytes) {
        ++service("segment").stats.refusedForSize;
        return reply(400, {{"success", false}, {"error", "Payload too large: the batch exceeds 500 KB"}});
    }
    if (body.is_discarded() || !body.is_object() || !body.contains("batch") || !body["batch"].is_array())
        return reply(400, {{"success", false}, {"error", "Invalid JSON: a \"batch\" array is required"}});
    const json &items = body["batch"];
    noteSize("segment", request.body.size(), int(items.size()));
    for (const auto &item : items)
        if (dumped(item).size() > kSegmentMaxItemBytes) {
            ++service("segment").stats.refusedForSize;
            return reply(400, {{"success", false}, {"error", "Payload too large: an item exceeds 32 KB"}});
        }
    static const std::set<std::string> types = {"identify", "track", "page", "screen", "group", "alias"};
    for (std::size_t i = 0; i < items.size(); ++i) {
        json item = items[i];
        const auto drop = [&](const std::string &reason) {
            m_segmentDropped.push_back({{"item", item}, {"reason", reason}});
        };
        if (i >= kSegmentMaxItems) {
            drop("past the 2,500 items of a batch");
            continue;
        }
        if (!item.is_object() || !nonEmptyString(item, "type") || !types.contains(item["type"].get<std::string>())) {
            drop("no valid type");
            continue;
        }
        // Top-level context and integrations are merged into every item.
        for (const char *shared : {"context", "integrations"})
            if (body.contains(shared) && body[shared].is_object()) {
                json merged = body[shared];
                if (item.contains(shared) && item[shared].is_object())
                    merged.update(item[shared]);
                item[shared] = merged;
            }
        const std::string type = item["type"].get<std::string>();
        if (!nonEmptyString(item, "userId") && !nonEmptyString(item, "anonymousId")) {
            drop("neither userId nor anonymousId");
            continue;
        }
        if (type == "track" && !nonEmptyString(item, "event")) {
            drop("track without event");
            continue;
        }
        if (nonEmptyString(item, "messageId")) {
            const std::string id = item["messageId"].get<std::string>();
            if (id.size() >= 100) {
                drop("messageId of 100 characters or more");
                continue;
            }
            if (!m_segmentMessageIds.insert(id).second) {
                ++service("segment").stats.duplicatesIgnored;
                continue;
            }
        } else {
            item["messageId"] = "sandbox-" + std::to_string(m_segmentItems.size() + 1);
        }
        m_segmentItems.push_back(std::move(item));
    }
    reply(200, {{"success", true}});
}

} // namespace sluice::fakes

// Reading HubSpot's answers: error objects, their codes, contexts and
// missing scopes, and what a failed answer means for the batch (classify).

#include "destinations/saas/hubspotdestination.h"

#include "destinations/saas/connectortext.h"

#include "destinations/saas/hubspotinternal.h"
#include "http/httpclient.h"

#include <algorithm>
#include <charconv>

namespace sluice {

using nlohmann::json;

namespace {

// The nested error entries of a HubSpot error object: {"errors":[{"message","code","in","context"}]}.
std::vector<json> nestedErrors(const json &error)
{
    std::vector<json> out;
    if (error.is_object())
        if (const auto it = error.find("errors"); it != error.end() && it->is_array())
            for (const auto &e : *it)
                if (e.is_object())
                    out.push_back(e);
    return out;
}

} // namespace

namespace hubspot {

std::string stringOf(const json &j, const char *key)
{
    if (!j.is_object())
        return {};
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "INVALID_OPTION: "Gold" is not a valid option for user_tier", in HubSpot's words.
std::string errorReason(const json &error)
{
    std::string reason;
    for (const auto &nested : nestedErrors(error)) {
        std::string part = stringOf(nested, "code");
        const std::string message = stringOf(nested, "message");
        if (!message.empty())
            part += (part.empty() ? "" : ": ") + message;
        if (!part.empty())
            reason += (reason.empty() ? "" : "; ") + part;
    }
    if (reason.empty()) {
        reason = stringOf(error, "category");
        const std::string message = stringOf(error, "message");
        if (!message.empty())
            reason += (reason.empty() ? "" : ": ") + message;
    }
    return reason.empty() ? "rejected by HubSpot" : reason;
}

// Strings listed under context.KEY of an error object.
std::vector<std::string> contextList(const json &error, const char *key)
{
    std::vector<std::string> out;
    if (!error.is_object())
        return out;
    const auto context = error.find("context");
    if (context == error.end() || !context->is_object())
        return out;
    const auto list = context->find(key);
    if (list == context->end())
        return out;
    if (list->is_array()) {
        for (const auto &item : *list)
            if (item.is_string())
                out.push_back(item.get<std::string>());
            else if (item.is_number())
                out.push_back(item.dump());
    } else if (list->is_string()) {
        out.push_back(list->get<std::string>());
    }
    return out;
}

// Scopes a 403 MISSING_SCOPES answer asks for.
std::vector<std::string> missingScopes(const json &body)
{
    std::vector<std::string> scopes;
    for (const auto &e : nestedErrors(body))
        for (const char *key : {"requiredGranularScopes", "requiredScopes", "requiredScope", "scopes"})
            for (auto &scope : contextList(e, key))
                if (std::find(scopes.begin(), scopes.end(), scope) == scopes.end())
                    scopes.push_back(std::move(scope));
    return scopes;
}

std::string joined(const std::vector<std::string> &items, const char *separator)
{
    std::string out;
    for (const auto &item : items)
        out += (out.empty() ? "" : separator) + item;
    return out;
}

} // namespace hubspot

using namespace hubspot;

namespace {

using saas::lower;
using saas::trimmed;

// The property a PROPERTY_DOESNT_EXIST (or READ_ONLY_VALUE) error is about:
// context.propertyName, the nested error's "in", or the name quoted in the
// message ('Property "lifetime_value" does not exist').
std::optional<std::string> propertyNamed(const json &body, const std::string &code)
{
    auto quoted = [](const std::string &message) -> std::optional<std::string> {
        const auto open = message.find("Property \"");
        if (open == std::string::npos)
            return std::nullopt;
        const auto start = open + 10;
        const auto close = message.find('"', start);
        if (close == std::string::npos)
            return std::nullopt;
        return message.substr(start, close - start);
    };
    for (const auto &e : nestedErrors(body)) {
        if (stringOf(e, "code") != code && stringOf(e, "subCategory") != code && stringOf(e, "error") != code)
            continue;
        for (const char *key : {"propertyName", "propertyNames", "name"})
            if (auto names = contextList(e, key); !names.empty())
                return names.front();
        if (const std::string in = stringOf(e, "in"); !in.empty())
            return in;
        if (auto name = quoted(stringOf(e, "message")))
            return name;
    }
    for (const char *key : {"propertyName", "propertyNames"})
        if (auto names = contextList(body, key); !names.empty())
            return names.front();
    return quoted(stringOf(body, "message"));
}

bool mentionsCode(const json &body, const std::string &code)
{
    if (stringOf(body, "subCategory") == code)
        return true;
    for (const auto &e : nestedErrors(body))
        if (stringOf(e, "code") == code || stringOf(e, "subCategory") == code || stringOf(e, "error") == code)
            return true;
    return body.is_object() && stringOf(body, "message").find(code) != std::string::npos;
}

BatchFailure failure(BatchFailure::Kind kind, std::string message,
                     std::optional<std::chrono::milliseconds> retryAfter = std::nullopt)
{
    return BatchFailure{kind, std::move(message), retryAfter};
}

} // namespace

BatchFailure HubspotDestination::classify(const HttpResponse &response) const
{
    using Kind = BatchFailure::Kind;
    const int status = response.status;
    if (status == 0)
        return noAnswer("could not reach HubSpot: " + response.transportError);
    const json body = parseAnswer(response.body);
    const std::string category = stringOf(body, "category");
    const std::string message = stringOf(body, "message");
    const std::string said = category.empty() ? excerpt(message.empty() ? response.body : message)
                                              : category + (message.empty() ? "" : ": " + excerpt(message));
    if (status == 400) {
        if (mentionsCode(body, "PROPERTY_DOESNT_EXIST")) {
            const auto name = propertyNamed(body, "PROPERTY_DOESNT_EXIST");
            return failure(Kind::Fatal, "HubSpot has no property '" + name.value_or("?") + "' on " + m_settings.object
                                            + ": create it or fix the mapping");
        }
        if (mentionsCode(body, "READ_ONLY_VALUE")) {
            const auto name = propertyNamed(body, "READ_ONLY_VALUE");
            return failure(Kind::Fatal, "HubSpot property '" + name.value_or("?") + "' on " + m_settings.object
                                            + " is read-only: remove it from the mapping");
        }
        return failure(Kind::RejectedWhole, "HubSpot refused the batch (400 " + said + ")");
    }
    if (status == 401)
        return failure(Kind::Fatal, "HubSpot refused the token (401): check the accessToken of this destination");
    if (status == 403) {
        const auto scopes = missingScopes(body);
        if (category == "MISSING_SCOPES" || !scopes.empty())
            return failure(Kind::Fatal, "HubSpot refused access (403 MISSING_SCOPES): the token lacks scopes: "
                                            + (scopes.empty() ? std::string("(not named)") : joined(scopes)));
        return failure(Kind::Fatal, "HubSpot refused access (403 " + said + ")");
    }
    if (status == 404)
        return failure(Kind::Fatal, "HubSpot does not know object '" + m_settings.object + "' (404 " + said + ")");
    if (status == 409)
        return failure(Kind::RejectedWhole, category.empty() ? "CONFLICT: " + said : said);
    if (status == 413 || status == 414)
        return failure(Kind::RejectedWhole,
                       "HubSpot refused the request as too large (" + std::to_string(status) + ")");
    if (status == 423) {
        auto wait
            = std::max(response.retryAfter().value_or(std::chrono::milliseconds(0)), std::chrono::milliseconds(2000));
        return failure(Kind::Retryable, "HubSpot locked a record for a moment (423)", wait);
    }
    if (status == 429) {
        const std::string policy = stringOf(body, "policyName");
        if (policy == "DAILY" || lower(message).find("daily") != std::string::npos)
            return failure(Kind::Fatal, "HubSpot's daily API limit is reached; records stay pending for the next run");
        std::optional<std::chrono::milliseconds> wait = response.retryAfter();
        if (!wait)
            if (const auto interval = response.header("X-HubSpot-RateLimit-Interval-Milliseconds")) {
                long long ms = 0;
                const auto text = trimmed(*interval);
                if (std::from_chars(text.data(), text.data() + text.size(), ms).ec == std::errc() && ms > 0)
                    wait = std::chrono::milliseconds(ms);
            }
        return failure(Kind::Retryable,
                       "HubSpot's rate limit is reached (429 " + (policy.empty() ? std::string("RATE_LIMIT") : policy)
                           + ")",
                       wait.value_or(std::chrono::milliseconds(10000)));
    }
    if (status == 477)
        return failure(Kind::Retryable, "HubSpot is migrating this account (477)", response.retryAfter());
    if (status >= 500 && status < 600)
        return failure(Kind::Retryable,
                       "HubSpot failed (HTTP " + std::to_string(status) + (said.empty() ? "" : ": " + said) + ")",
                       response.retryAfter());
    if (status >= 300 && status < 400)
        return failure(Kind::Fatal,
                       "HubSpot redirected (HTTP " + std::to_string(status) + "); set baseUrl to the final address");
    return failure(Kind::Fatal, "HubSpot refused the request (HTTP " + std::to_string(status)
                                    + (said.empty() ? "" : ": " + said) + ")");
}

} // namespace sluice

#include "engagementfakesupport.h"

#include <algorithm>
#include <cctype>

namespace sluice::fakes::engagement {

using nlohmann::json;
using SystemClock = std::chrono::system_clock;

namespace {

std::string base64Decode(std::string_view text)
{
    static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    int bits = 0;
    unsigned value = 0;
    for (char c : text) {
        if (c == '=')
            break;
        const auto position = alphabet.find(c);
        if (position == std::string::npos)
            return {};
        value = (value << 6) | unsigned(position);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += char((value >> bits) & 0xFF);
        }
    }
    return out;
}

} // namespace

std::int64_t nowMillis()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(SystemClock::now().time_since_epoch()).count();
}

void answer(httplib::Response &response, int status, const json &body)
{
    response.status = status;
    response.set_content(body.dump(), "application/json");
}

std::string dumped(const json &value)
{
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// "Basic base64(user:password)" -> {user, password}; nullopt when not Basic.
std::optional<std::pair<std::string, std::string>> basicCredentials(const httplib::Request &request)
{
    const std::string header = request.get_header_value("Authorization");
    if (!header.starts_with("Basic "))
        return std::nullopt;
    const std::string decoded = base64Decode(header.substr(6));
    const auto colon = decoded.find(':');
    if (colon == std::string::npos)
        return std::nullopt;
    return std::pair{decoded.substr(0, colon), decoded.substr(colon + 1)};
}

bool nonEmptyString(const json &object, const char *key)
{
    return object.contains(key) && object[key].is_string() && !object[key].get<std::string>().empty();
}

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

} // namespace sluice::fakes::engagement

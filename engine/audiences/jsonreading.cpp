#include "jsonreading.h"

#include "audiencedialect.h"

namespace sluice::audiences::jsonreading {

std::unexpected<Error> bad(const std::string &path, std::string message)
{
    return invalidInput("audience.invalid", std::move(message), path);
}

// Names the keys an object may have, so a typo ("valeu") is an error
// rather than a condition that silently tests nothing.
Result<> onlyKeys(const json &object, const std::string &path, std::initializer_list<std::string_view> allowed)
{
    for (const auto &[key, value] : object.items()) {
        bool known = false;
        for (std::string_view a : allowed)
            known = known || a == key;
        if (!known) {
            std::string list;
            for (std::string_view a : allowed)
                list += (list.empty() ? "" : ", ") + std::string(a);
            return bad(path + "." + key, "unknown key (this object takes " + list + ")");
        }
    }
    return {};
}

Result<std::string> text(const json &object, const std::string &path, const char *key, bool required)
{
    auto it = object.find(key);
    if (it == object.end()) {
        if (required)
            return bad(path + "." + key, "required");
        return std::string();
    }
    if (!it->is_string())
        return bad(path + "." + key, "must be text");
    if (required && it->get_ref<const std::string &>().empty())
        return bad(path + "." + key, "must not be empty");
    return it->get<std::string>();
}

Result<int> positive(const json &object, const std::string &path, const char *key)
{
    auto it = object.find(key);
    if (it == object.end())
        return bad(path + "." + key, "required");
    if (!it->is_number_integer() || it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > 36600)
        return bad(path + "." + key, "must be a whole number of days from 0 to 36600");
    return it->get<int>();
}

bool isDay(const std::string &text)
{
    return LocalCalendar::parseDay(text).has_value();
}

bool isFieldName(const std::string &text)
{
    if (text.empty() || text.size() > 63 || (text[0] >= '0' && text[0] <= '9'))
        return false;
    for (char c : text)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    return true;
}

} // namespace sluice::audiences::jsonreading

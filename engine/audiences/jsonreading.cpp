#include "jsonreading.h"

#include <chrono>

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
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (text[i] < '0' || text[i] > '9')
            return false;
    auto number = [&](std::size_t at, std::size_t count) { return std::stoi(text.substr(at, count)); };
    // A day the calendar has (2026-02-29 is not one), in years whose instants
    // every clock type holds (nanoseconds since 1970 end in 2262).
    const int year = number(0, 4);
    const std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(unsigned(number(5, 2))),
                                          std::chrono::day(unsigned(number(8, 2)))};
    return ymd.ok() && year >= 1900 && year <= 2199;
}

} // namespace sluice::audiences::jsonreading

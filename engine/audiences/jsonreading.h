#pragma once
// Reading the audiences' JSON strictly, shared by audiencejson.cpp and
// customerschemajson.cpp: each helper names the JSON path of what is wrong.
#include "core/error.h"

#include <nlohmann/json.hpp>

#include <array>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace sluice::audiences::jsonreading {

using nlohmann::json;

std::unexpected<Error> bad(const std::string &path, std::string message);

// Names the keys an object may have, so a typo ("valeu") is an error
// rather than a condition that silently tests nothing.
Result<> onlyKeys(const json &object, const std::string &path, std::initializer_list<std::string_view> allowed);

// A text member; "" when absent and not required.
Result<std::string> text(const json &object, const std::string &path, const char *key, bool required);

// A whole number of days, 0 to 36600.
Result<int> positive(const json &object, const std::string &path, const char *key);

// "YYYY-MM-DD", a day the calendar has, from 1900 to 2199.
bool isDay(const std::string &text);

// A name every destination takes as a field and every warehouse as a column:
// ASCII letters, digits and _, not starting with a digit, 1 to 63 characters.
bool isFieldName(const std::string &text);

template <typename E, std::size_t N>
Result<E> readChoice(const json &object, const std::string &path, const char *key,
                     const std::array<std::pair<E, std::string_view>, N> &choices, E fallback)
{
    auto name = text(object, path, key, false);
    if (!name)
        return std::unexpected(name.error());
    if (name->empty())
        return fallback;
    std::string list;
    for (const auto &[e, n] : choices) {
        if (n == *name)
            return e;
        list += (list.empty() ? "" : ", ") + std::string(n);
    }
    return bad(path + "." + key, "unknown value '" + *name + "' (" + list + ")");
}

template <typename E, std::size_t N>
std::string choiceName(E value, const std::array<std::pair<E, std::string_view>, N> &choices)
{
    for (const auto &[e, n] : choices)
        if (e == value)
            return std::string(n);
    return {};
}

} // namespace sluice::audiences::jsonreading

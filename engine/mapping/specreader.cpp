#include "specreader.h"

#include <cmath>

namespace sluice::mapping {

namespace {

template <typename Items> std::string list(const Items &items)
{
    std::string out;
    for (std::string_view item : items) {
        if (!out.empty())
            out += ", ";
        out += item;
    }
    return out;
}

} // namespace

bool valueFromJson(const nlohmann::json &json, Value &out)
{
    switch (json.type()) {
    case nlohmann::json::value_t::null: out = Value(); return true;
    case nlohmann::json::value_t::boolean: out = Value(json.get<bool>()); return true;
    case nlohmann::json::value_t::number_integer: out = Value(json.get<std::int64_t>()); return true;
    case nlohmann::json::value_t::number_unsigned:
        if (json.get<std::uint64_t>() > std::uint64_t(INT64_MAX))
            out = Value(json.get<double>());
        else
            out = Value(json.get<std::int64_t>());
        return true;
    case nlohmann::json::value_t::number_float: out = Value(json.get<double>()); return true;
    case nlohmann::json::value_t::string: out = Value(json.get<std::string>()); return true;
    default: return false;
    }
}

std::unexpected<Error> SpecReader::error(std::string_view key, std::string message) const
{
    return invalidInput("mapping.invalid", std::move(message), key.empty() ? m_path : path(key));
}

Result<void> SpecReader::allowOnly(const std::vector<std::string_view> &keys) const
{
    for (const auto &[key, value] : m_object.items()) {
        bool known = false;
        for (std::string_view k : keys)
            known = known || k == key;
        if (!known)
            return error(key, "unknown key '" + key + "' (allowed here: " + list(keys) + ")");
    }
    return {};
}

Result<std::string> SpecReader::text(std::string_view key) const
{
    if (!has(key))
        return error({}, "missing '" + std::string(key) + "'");
    const auto &v = at(key);
    if (!v.is_string() || v.get<std::string>().empty())
        return error(key, "must be a non-empty text");
    return v.get<std::string>();
}

Result<std::string> SpecReader::text(std::string_view key, std::string fallback) const
{
    if (!has(key))
        return fallback;
    const auto &v = at(key);
    if (!v.is_string())
        return error(key, "must be a text");
    return v.get<std::string>();
}

Result<std::int64_t> SpecReader::integer(std::string_view key, std::int64_t fallback, std::int64_t min,
                                         std::int64_t max) const
{
    if (!has(key))
        return fallback;
    const auto &v = at(key);
    const bool whole = v.is_number_integer() || (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>());
    if (!whole || v.get<double>() < double(min) || v.get<double>() > double(max))
        return error(key, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    return v.get<std::int64_t>();
}

Result<double> SpecReader::number(std::string_view key) const
{
    if (!has(key))
        return error({}, "missing '" + std::string(key) + "'");
    const auto &v = at(key);
    if (!v.is_number())
        return error(key, "must be a number");
    return v.get<double>();
}

Result<bool> SpecReader::boolean(std::string_view key, bool fallback) const
{
    if (!has(key))
        return fallback;
    const auto &v = at(key);
    if (!v.is_boolean())
        return error(key, "must be true or false");
    return v.get<bool>();
}

Result<Value> SpecReader::scalar(std::string_view key) const
{
    if (!has(key))
        return error({}, "missing '" + std::string(key) + "'");
    Value out;
    if (!valueFromJson(at(key), out))
        return error(key, "must be a text, number, true, false or null");
    return out;
}

Result<ProblemAction> SpecReader::action(std::string_view key, ProblemAction fallback) const
{
    if (!has(key))
        return fallback;
    const auto &v = at(key);
    const std::string name = v.is_string() ? v.get<std::string>() : std::string();
    if (name == "reject")
        return ProblemAction::Reject;
    if (name == "dropField")
        return ProblemAction::DropField;
    if (name == "warn")
        return ProblemAction::Warn;
    return error(key, "must be one of: reject, dropField, warn");
}

Result<std::string> SpecReader::choice(std::string_view key, std::initializer_list<std::string_view> choices,
                                       std::string_view fallback) const
{
    if (!has(key))
        return std::string(fallback);
    const auto &v = at(key);
    if (v.is_string())
        for (std::string_view c : choices)
            if (v.get<std::string>() == c)
                return std::string(c);
    return error(key, "must be one of: " + list(choices));
}

} // namespace sluice::mapping

#pragma once
// Reads one object of a mapping's JSON (an entry, a transform, a rule) and
// names the exact JSON path in every error, e.g.
// "$.mapping[2].transforms[0].decimals: must be a whole number from 0 to 15".
// Unknown keys are errors: a typo such as "colum" must not silently map nothing.

#include "core/error.h"
#include "core/value.h"
#include "mapping/mapper.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::mapping {

// A JSON scalar as a Value; false for objects and arrays.
bool valueFromJson(const nlohmann::json &json, Value &out);

class SpecReader {
public:
    SpecReader(const nlohmann::json &object, std::string path) : m_object(object), m_path(std::move(path)) { }

    const std::string &path() const { return m_path; }
    std::string path(std::string_view key) const { return m_path + "." + std::string(key); }
    bool has(std::string_view key) const { return m_object.contains(key); }
    const nlohmann::json &at(std::string_view key) const { return m_object.at(std::string(key)); }

    Result<void> allowOnly(const std::vector<std::string_view> &keys) const;

    Result<std::string> text(std::string_view key) const; // required, non-empty
    Result<std::string> text(std::string_view key, std::string fallback) const;
    Result<std::int64_t> integer(std::string_view key, std::int64_t fallback, std::int64_t min, std::int64_t max) const;
    Result<double> number(std::string_view key) const; // required
    Result<bool> boolean(std::string_view key, bool fallback) const;
    Result<Value> scalar(std::string_view key) const; // required string, number, boolean or null
    Result<ProblemAction> action(std::string_view key, ProblemAction fallback) const;
    // One of `choices` (the value must be spelled exactly).
    Result<std::string> choice(std::string_view key, std::initializer_list<std::string_view> choices,
                               std::string_view fallback) const;

    std::unexpected<Error> error(std::string_view key, std::string message) const;

private:
    const nlohmann::json &m_object;
    std::string m_path;
};

} // namespace sluice::mapping

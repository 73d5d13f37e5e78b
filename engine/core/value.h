#pragma once
// A cell value as read from a source. Deliberately small: sources convert
// their native types to one of these five, and everything downstream
// (key checks, previews, payloads) works on them.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sluice {

enum class ValueType { Null, Integer, Real, Text, Boolean };

std::string_view valueTypeName(ValueType t); // "null", "integer", "real", "text", "boolean"

class Value {
public:
    Value() = default;
    Value(std::nullptr_t) { }
    Value(std::int64_t v) : m_v(v) { }
    Value(int v) : m_v(std::int64_t(v)) { }
    Value(double v) : m_v(v) { }
    Value(bool v) : m_v(v) { }
    Value(std::string v) : m_v(std::move(v)) { }
    Value(const char *v) : m_v(std::string(v)) { }

    ValueType type() const { return static_cast<ValueType>(m_v.index()); }
    bool isNull() const { return m_v.index() == 0; }
    std::int64_t asInteger() const { return std::get<std::int64_t>(m_v); }
    double asReal() const { return std::get<double>(m_v); }
    const std::string &asText() const { return std::get<std::string>(m_v); }
    bool asBoolean() const { return std::get<bool>(m_v); }

    // Makes this a text value, reusing the storage of a text it already
    // holds (sources fill the same rows again and again).
    void setText(std::string_view text)
    {
        if (auto *s = std::get_if<std::string>(&m_v))
            s->assign(text);
        else
            m_v.emplace<std::string>(text);
    }

    // Text form for display and for key comparison; NULL is "".
    std::string toString() const;

    bool operator==(const Value &) const = default;

private:
    // Order matches ValueType.
    std::variant<std::monostate, std::int64_t, double, std::string, bool> m_v;
};

using Row = std::vector<Value>;

struct Column {
    std::string name;
    ValueType type = ValueType::Text; // best knowledge of the type (declared or inferred)
    std::string declaredType;         // as the source names it: "INTEGER", "timestamptz", ...
    bool operator==(const Column &) const = default;
};

} // namespace sluice

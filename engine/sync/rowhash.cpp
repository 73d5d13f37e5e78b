#include "rowhash.h"

#include <bit>

namespace sluice {

void RowHasher::add(const Value &v)
{
    const char tag = char('0' + int(v.type()));
    add(std::string_view(&tag, 1));
    switch (v.type()) {
    case ValueType::Null:
        break;
    case ValueType::Integer: {
        const std::uint64_t x = std::uint64_t(v.asInteger());
        add(std::string_view(reinterpret_cast<const char *>(&x), sizeof x));
        break;
    }
    case ValueType::Real: {
        const std::uint64_t x = std::bit_cast<std::uint64_t>(v.asReal());
        add(std::string_view(reinterpret_cast<const char *>(&x), sizeof x));
        break;
    }
    case ValueType::Boolean:
        add(v.asBoolean() ? std::string_view("t") : std::string_view("f"));
        break;
    case ValueType::Text: {
        const std::uint64_t n = v.asText().size();
        // The length keeps ("ab","c") and ("a","bc") apart.
        add(std::string_view(reinterpret_cast<const char *>(&n), sizeof n));
        add(std::string_view(v.asText()));
        break;
    }
    }
}

std::uint64_t hashText(std::string_view text)
{
    RowHasher h;
    h.add(text);
    return h.value();
}

} // namespace sluice

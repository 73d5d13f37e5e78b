#include "valuefunctions.h"

#include "formats/textutil.h"

namespace sluice::mapping {

Value lowerValue(const Value &value)
{
    if (value.isNull())
        return value;
    std::string s = value.toString();
    toLowerAscii(s);
    return s;
}

Value upperValue(const Value &value)
{
    if (value.isNull())
        return value;
    std::string s = value.toString();
    toUpperAscii(s);
    return s;
}

Value trimValue(const Value &value)
{
    if (value.isNull())
        return value;
    if (value.type() != ValueType::Text)
        return value.toString();
    return std::string(trimmed(value.asText()));
}

Value truncateValue(const Value &value, std::size_t length, std::string_view suffix)
{
    if (value.isNull())
        return value;
    const std::string s = value.toString();
    if (codePointCount(s) <= length)
        return s;
    const std::size_t suffixLength = codePointCount(suffix);
    std::string out(firstCodePoints(s, length > suffixLength ? length - suffixLength : 0));
    out += suffix;
    return out;
}

} // namespace sluice::mapping

// Values as Salesforce reads them (typed JSON and Bulk API CSV cells by
// the field's Salesforce type), and the JSON of one record for a write.

#include "destinations/saas/salesforcedestination.h"

#include "destinations/saas/connectortext.h"

#include "destinations/saas/salesforceinternal.h"
#include "formats/datetime.h"
#include "formats/jsonwriter.h"
#include "formats/numbers.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace sluice {

namespace salesforce {

bool isNumericType(const std::string &type)
{
    return type == "double" || type == "currency" || type == "percent" || type == "int" || type == "long";
}

} // namespace salesforce

using namespace salesforce;

namespace {

using saas::fixedNumber;
using saas::lower;
using saas::trimmed;

bool isTextType(const std::string &type)
{
    static const std::set<std::string> types
        = {"string",   "textarea", "email",     "phone",          "url", "picklist", "multipicklist",
           "combobox", "id",       "reference", "encryptedstring"};
    return types.count(type) > 0;
}

struct Scalar {
    enum class Kind { Omit, Null, Number, Bool, Text } kind = Kind::Omit;
    std::string text;
};

Scalar scalarOf(const Value &value, const std::string &type, bool clearOnNull)
{
    using K = Scalar::Kind;
    if (value.isNull())
        return {clearOnNull ? K::Null : K::Omit, {}};
    const bool integerField = type == "int" || type == "long";
    auto number = [&](double d) -> Scalar {
        if (integerField && std::floor(d) == d && std::fabs(d) < 9.2e18)
            return {K::Number, std::to_string(static_cast<std::int64_t>(d))};
        if (auto text = fixedNumber(d))
            return {K::Number, *text};
        return {clearOnNull ? K::Null : K::Omit, {}};
    };
    if (isNumericType(type)) {
        switch (value.type()) {
        case ValueType::Integer: return {K::Number, std::to_string(value.asInteger())};
        case ValueType::Real: return number(value.asReal());
        case ValueType::Boolean: return {K::Number, value.asBoolean() ? "1" : "0"};
        default:
            if (const auto parsed = mapping::parseDecimal(value.asText()))
                return number(*parsed);
            return {K::Text, value.asText()};
        }
    }
    if (type == "boolean") {
        switch (value.type()) {
        case ValueType::Boolean: return {K::Bool, value.asBoolean() ? "true" : "false"};
        case ValueType::Integer: return {K::Bool, value.asInteger() != 0 ? "true" : "false"};
        case ValueType::Real: return {K::Bool, value.asReal() != 0 ? "true" : "false"};
        default: {
            const std::string text = lower(trimmed(value.asText()));
            if (text == "true" || text == "yes" || text == "1" || text == "y" || text == "t")
                return {K::Bool, "true"};
            if (text == "false" || text == "no" || text == "0" || text == "n" || text == "f")
                return {K::Bool, "false"};
            return {K::Text, value.asText()};
        }
        }
    }
    if ((type == "date" || type == "datetime") && value.type() != ValueType::Boolean) {
        mapping::DateTimeValue parsed;
        std::string error;
        const auto &utc = *mapping::TimeZone::utc();
        if (mapping::DateFormat::iso().parse(value, utc, parsed, error))
            return {K::Text, type == "date" ? mapping::DateFormat::iso().formatDate(parsed, utc).toString()
                                            : mapping::DateFormat::iso().formatDateTime(parsed, utc).toString()};
    }
    const bool text = isTextType(type) || type == "date" || type == "datetime";
    switch (value.type()) {
    case ValueType::Integer: return {text ? K::Text : K::Number, std::to_string(value.asInteger())};
    case ValueType::Real: {
        Scalar s = number(value.asReal());
        if (text && s.kind == K::Number)
            s.kind = K::Text;
        return s;
    }
    case ValueType::Boolean: return {text ? K::Text : K::Bool, value.asBoolean() ? "true" : "false"};
    case ValueType::Text: return {K::Text, value.asText()};
    case ValueType::Null: break;
    }
    return {K::Omit, {}};
}

} // namespace

std::optional<std::string> SalesforceDestination::jsonValue(const Value &value, const std::string &type,
                                                            bool clearOnNull)
{
    const Scalar s = scalarOf(value, type, clearOnNull);
    switch (s.kind) {
    case Scalar::Kind::Omit: return std::nullopt;
    case Scalar::Kind::Null: return "null";
    case Scalar::Kind::Number:
    case Scalar::Kind::Bool: return s.text;
    case Scalar::Kind::Text: {
        std::string out;
        appendJsonString(out, s.text);
        return out;
    }
    }
    return std::nullopt;
}

std::optional<std::string> SalesforceDestination::csvValue(const Value &value, const std::string &type,
                                                           bool clearOnNull)
{
    const Scalar s = scalarOf(value, type, clearOnNull);
    switch (s.kind) {
    case Scalar::Kind::Omit: return std::nullopt;
    case Scalar::Kind::Null: return "#N/A"; // Bulk API's way of setting a field to null
    default: return s.text;
    }
}

const Value *SalesforceDestination::externalIdOf(const Record &record) const
{
    if (record.op == RecordOp::Delete) {
        if (m_extKey >= 0 && static_cast<std::size_t>(m_extKey) < record.keyValues.size())
            return &record.keyValues[static_cast<std::size_t>(m_extKey)];
        return nullptr;
    }
    if (m_extField >= 0 && static_cast<std::size_t>(m_extField) < record.fields.size())
        return &record.fields[static_cast<std::size_t>(m_extField)];
    return nullptr;
}

std::optional<std::string> SalesforceDestination::externalIdText(const Record &record) const
{
    const Value *value = externalIdOf(record);
    if (!value || value->isNull())
        return std::nullopt;
    const auto text = csvValue(*value, fieldType(m_settings.externalIdField), false);
    if (!text || text->empty())
        return std::nullopt;
    return text;
}

void SalesforceDestination::appendRecord(std::string &body, const Record &record, const std::string *id,
                                         bool withExternalId) const
{
    body += "{\"attributes\":{\"type\":";
    appendJsonString(body, m_settings.object);
    body += '}';
    if (id) {
        body += ",\"id\":";
        appendJsonString(body, *id);
    }
    const std::size_t count = std::min(record.fields.size(), m_run.fields.size());
    for (std::size_t i = 0; i < count; ++i) {
        if (!withExternalId && static_cast<int>(i) == m_extField)
            continue;
        // The external id is the record's identity: never cleared by a NULL.
        const bool isExt = static_cast<int>(i) == m_extField;
        const auto value = jsonValue(record.fields[i], m_fieldTypes[i], m_settings.clearOnNull && !isExt);
        if (!value)
            continue;
        body += ',';
        appendJsonString(body, m_run.fields[i].name);
        body += ':';
        body += *value;
    }
    body += '}';
}

} // namespace sluice

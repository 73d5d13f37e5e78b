// The engagement connectors' common settings (engagementcommon.h): their
// specs, reading them, custom field types, and the standard and custom
// fields describe() lists.

#include "destinations/saas/engagementcommon.h"

#include "destinations/saas/engagementinternal.h"

#include <algorithm>
#include <cstdint>

namespace sluice::saas {

using nlohmann::json;

namespace {

std::string typeList()
{
    return "text, integer, number, boolean, datetime, date";
}

std::optional<CustomType> customTypeFromName(std::string_view name)
{
    if (name == "text" || name == "string")
        return CustomType::Text;
    if (name == "integer")
        return CustomType::Integer;
    if (name == "number" || name == "decimal" || name == "real")
        return CustomType::Number;
    if (name == "boolean")
        return CustomType::Boolean;
    if (name == "datetime" || name == "time")
        return CustomType::DateTime;
    if (name == "date")
        return CustomType::Date;
    return std::nullopt;
}

} // namespace

// ---- settings

int integerSetting(const json &s, const std::string &key, int fallback)
{
    const auto it = s.find(key);
    if (it == s.end())
        return fallback;
    if (it->is_number())
        return it->get<int>();
    // Integer settings may hold a reference, resolved to text.
    if (it->is_string())
        if (const auto parsed = parseInteger(it->get<std::string>()))
            return int(std::clamp<std::int64_t>(*parsed, INT32_MIN, INT32_MAX));
    return fallback;
}

std::vector<SettingSpec> commonSettingSpecs(const CommonDefaults &d)
{
    using T = SettingType;
    return {
        {"baseUrl", T::String, false, false, d.baseUrl, {}, "Base URL", d.baseUrlHelp},
        {"batchSize",
         T::Integer,
         false,
         false,
         d.batchSize,
         {},
         "Records per request",
         "At most " + std::to_string(d.maxBatchSize) + " (the service's limit)."},
        {"concurrency", T::Integer, false, false, d.concurrency, {}, "Requests in flight", ""},
        {"requestsPerSecond", T::Number, false, false, d.requestsPerSecond, {}, "Rate limit (0: none)", d.rateHelp},
        {"timeoutSeconds", T::Integer, false, false, 30, {}, "Request timeout (s)", ""},
        {"customFields",
         T::StringMap,
         false,
         false,
         json::object(),
         {},
         "Custom fields",
         "Custom attributes or properties and their types: " + typeList()
             + ". Values are converted to the type before sending; a value that cannot be is rejected."},
    };
}

std::string stringSetting(const json &s, const std::string &key, const std::string &fallback)
{
    const auto it = s.find(key);
    return it != s.end() && it->is_string() ? it->get<std::string>() : fallback;
}

bool booleanSetting(const json &s, const std::string &key, bool fallback)
{
    const auto it = s.find(key);
    return it != s.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

Result<CommonSettings> readCommonSettings(std::string kind, std::string service, const json &s)
{
    CommonSettings c;
    c.kind = std::move(kind);
    c.service = std::move(service);
    c.baseUrl = stringSetting(s, "baseUrl");
    while (!c.baseUrl.empty() && c.baseUrl.back() == '/')
        c.baseUrl.pop_back();
    if (!c.baseUrl.starts_with("http://") && !c.baseUrl.starts_with("https://"))
        return invalidInput(c.kind + ".bad_url", "the base URL must start with http:// or https://",
                            "settings.baseUrl");
    c.batchSize = std::max(1, integerSetting(s, "batchSize", 100));
    c.concurrency = std::max(1, integerSetting(s, "concurrency", 1));
    c.requestsPerSecond = std::max(0.0, s.contains("requestsPerSecond") && s["requestsPerSecond"].is_number()
                                            ? s["requestsPerSecond"].get<double>()
                                            : 0.0);
    c.timeoutSeconds = std::max(1, integerSetting(s, "timeoutSeconds", 30));
    if (const auto it = s.find("customFields"); it != s.end() && it->is_object()) {
        for (const auto &[name, type] : it->items()) {
            const auto parsed = customTypeFromName(type.is_string() ? type.get<std::string>() : "");
            if (!parsed)
                return invalidInput(c.kind + ".custom_type",
                                    "unknown type '" + (type.is_string() ? type.get<std::string>() : type.dump())
                                        + "' for custom field '" + name + "'; use one of: " + typeList(),
                                    "settings.customFields." + name);
            c.customFields.push_back({name, *parsed});
        }
    }
    return c;
}

ValueType customValueType(CustomType type)
{
    switch (type) {
    case CustomType::Integer: return ValueType::Integer;
    case CustomType::Number: return ValueType::Real;
    case CustomType::Boolean: return ValueType::Boolean;
    default: return ValueType::Text;
    }
}

std::string customFormat(CustomType type)
{
    return type == CustomType::DateTime ? "datetime" : type == CustomType::Date ? "date" : "";
}

std::string_view customTypeName(CustomType type)
{
    switch (type) {
    case CustomType::Text: return "text";
    case CustomType::Integer: return "integer";
    case CustomType::Number: return "number";
    case CustomType::Boolean: return "boolean";
    case CustomType::DateTime: return "datetime";
    case CustomType::Date: return "date";
    }
    return "text";
}

ObjectField standardField(std::string name, ValueType type, std::string label, std::string format, bool required,
                          bool identifier, std::vector<std::string> options)
{
    ObjectField f;
    f.name = std::move(name);
    f.type = type;
    f.label = std::move(label);
    f.format = std::move(format);
    f.required = required;
    f.identifier = identifier;
    f.options = std::move(options);
    return f;
}

void addCustomFields(DestinationObject &object, const std::vector<CustomField> &customFields)
{
    for (const auto &custom : customFields) {
        // A custom field named like a standard one only changes its type.
        auto it = std::find_if(object.fields.begin(), object.fields.end(),
                               [&](const ObjectField &f) { return f.name == custom.name; });
        ObjectField f;
        f.name = custom.name;
        f.label = custom.name;
        if (it != object.fields.end())
            f = *it;
        f.type = customValueType(custom.type);
        f.format = customFormat(custom.type);
        f.custom = it == object.fields.end();
        if (it != object.fields.end())
            *it = f;
        else
            object.fields.push_back(f);
    }
}

} // namespace sluice::saas

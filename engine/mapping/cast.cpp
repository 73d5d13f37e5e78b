#include "cast.h"

#include "formats/datetime.h"
#include "formats/numbers.h"
#include "formats/textutil.h"

#include <cmath>

namespace sluice::mapping {

namespace {

class CastTransform : public Transform {
public:
    FieldType target = FieldType::Text;
    DateFormat inputFormat = DateFormat::iso();
    DateFormat outputFormat = DateFormat::iso();
    std::shared_ptr<const TimeZone> inputZone = TimeZone::utc();
    std::shared_ptr<const TimeZone> outputZone = TimeZone::utc();

    FieldType outputType(FieldType) const override { return target; }

    StepResult apply(Value &value, const Row &, std::string &message) const override
    {
        if (value.isNull())
            return StepResult::Ok;
        switch (target) {
        case FieldType::Text:
        case FieldType::Unknown:
            if (value.type() != ValueType::Text)
                value = value.toString();
            return StepResult::Ok;
        case FieldType::Integer: return toInteger(value, message);
        case FieldType::Decimal: return toDecimal(value, message);
        case FieldType::Boolean: return toBoolean(value, message);
        case FieldType::Date:
        case FieldType::DateTime: {
            DateTimeValue dt;
            if (!inputFormat.parse(value, *inputZone, dt, message))
                return StepResult::Failed;
            value = target == FieldType::Date ? outputFormat.formatDate(dt, *outputZone)
                                              : outputFormat.formatDateTime(dt, *outputZone);
            return StepResult::Ok;
        }
        }
        return StepResult::Ok;
    }

private:
    static StepResult toInteger(Value &value, std::string &message)
    {
        switch (value.type()) {
        case ValueType::Integer: return StepResult::Ok;
        case ValueType::Boolean: value = std::int64_t(value.asBoolean()); return StepResult::Ok;
        case ValueType::Real:
        case ValueType::Text: {
            if (value.type() == ValueType::Text)
                if (const auto i = parseInteger(value.asText())) {
                    value = *i;
                    return StepResult::Ok;
                }
            const auto d = numericValue(value);
            // Beyond ±2^63 the double cannot be an int64; a fraction would be lost silently.
            if (d && std::floor(*d) == *d && std::fabs(*d) < 9.2e18) {
                value = static_cast<std::int64_t>(*d);
                return StepResult::Ok;
            }
            message = quoteText(value.toString()) + " is not a whole number";
            return StepResult::Failed;
        }
        case ValueType::Null: return StepResult::Ok;
        }
        return StepResult::Ok;
    }

    static StepResult toDecimal(Value &value, std::string &message)
    {
        switch (value.type()) {
        case ValueType::Real: return StepResult::Ok;
        case ValueType::Integer: value = static_cast<double>(value.asInteger()); return StepResult::Ok;
        case ValueType::Boolean: value = value.asBoolean() ? 1.0 : 0.0; return StepResult::Ok;
        case ValueType::Text:
            if (const auto d = parseDecimal(value.asText())) {
                value = *d;
                return StepResult::Ok;
            }
            message = quoteText(value.asText()) + " is not a number";
            return StepResult::Failed;
        case ValueType::Null: return StepResult::Ok;
        }
        return StepResult::Ok;
    }

    static StepResult toBoolean(Value &value, std::string &message)
    {
        switch (value.type()) {
        case ValueType::Boolean: return StepResult::Ok;
        case ValueType::Integer:
        case ValueType::Real: {
            const double d = value.type() == ValueType::Integer ? double(value.asInteger()) : value.asReal();
            if (d == 0 || d == 1) {
                value = d == 1;
                return StepResult::Ok;
            }
            break;
        }
        case ValueType::Text: {
            const std::string_view t = trimmed(value.asText());
            for (std::string_view yes : {"true", "yes", "y", "t", "1", "on"})
                if (equalsIgnoringAsciiCase(t, yes)) {
                    value = true;
                    return StepResult::Ok;
                }
            for (std::string_view no : {"false", "no", "n", "f", "0", "off"})
                if (equalsIgnoringAsciiCase(t, no)) {
                    value = false;
                    return StepResult::Ok;
                }
            break;
        }
        case ValueType::Null: return StepResult::Ok;
        }
        message = quoteText(value.toString()) + " is not a boolean (true/false, yes/no, 1/0, on/off)";
        return StepResult::Failed;
    }
};

Result<std::shared_ptr<const TimeZone>> zoneOption(const SpecReader &spec, std::string_view key)
{
    auto name = spec.text(key, "UTC");
    if (!name)
        return std::unexpected(name.error());
    auto zone = TimeZone::find(*name);
    if (!zone)
        return std::unexpected(zone.error().within(spec.path(key)));
    return zone;
}

Result<DateFormat> formatOption(const SpecReader &spec, std::string_view key)
{
    auto pattern = spec.text(key, "iso");
    if (!pattern)
        return std::unexpected(pattern.error());
    auto format = DateFormat::compile(*pattern);
    if (!format)
        return std::unexpected(format.error().within(spec.path(key)));
    return format;
}

} // namespace

Result<std::unique_ptr<Transform>> compileCast(const SpecReader &spec)
{
    auto to = spec.choice("to", {"string", "integer", "decimal", "boolean", "date", "datetime"}, "");
    if (!to)
        return std::unexpected(to.error());
    if (to->empty())
        return spec.error({}, "missing 'to' (string, integer, decimal, boolean, date or datetime)");
    auto cast = std::make_unique<CastTransform>();
    cast->target = *fieldTypeFromName(*to);
    const bool dates = cast->target == FieldType::Date || cast->target == FieldType::DateTime;
    for (std::string_view key : {"format", "inputFormat", "timeZone", "inputTimeZone"})
        if (spec.has(key) && !dates)
            return spec.error(key, "'" + std::string(key) + "' applies only to casts to date or datetime");
    if (dates) {
        auto input = formatOption(spec, "inputFormat");
        auto output = formatOption(spec, "format");
        auto inZone = zoneOption(spec, "inputTimeZone");
        auto outZone = zoneOption(spec, "timeZone");
        for (const Error *e : {input ? nullptr : &input.error(), output ? nullptr : &output.error(),
                               inZone ? nullptr : &inZone.error(), outZone ? nullptr : &outZone.error()})
            if (e)
                return std::unexpected(*e);
        cast->inputFormat = std::move(*input);
        cast->outputFormat = std::move(*output);
        cast->inputZone = *inZone;
        cast->outputZone = *outZone;
    }
    return std::unique_ptr<Transform>(std::move(cast));
}

} // namespace sluice::mapping

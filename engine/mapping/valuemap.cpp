#include "valuemap.h"

#include "formats/csvparser.h"
#include "formats/textutil.h"

#include <unordered_map>

namespace sluice {

namespace {

struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

void appendCsvField(std::string &out, std::string_view field)
{
    const bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos
                    || (!field.empty() && (field.front() == ' ' || field.back() == ' '));
    if (!quote) {
        out += field;
        return;
    }
    out += '"';
    for (char c : field) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

std::unexpected<Error> csvError(const std::string &path, std::int64_t line, std::string message)
{
    return invalidInput("mapping.value_map_csv", std::move(message),
                        line > 0 ? path + ":" + std::to_string(line) : path);
}

} // namespace

Result<nlohmann::json> valueMapFromCsv(const std::string &path)
{
    auto reader = CsvReader::open(path);
    if (!reader)
        return std::unexpected(reader.error());
    std::vector<std::string> fields;
    auto header = reader->readRecord(fields);
    if (!header)
        return std::unexpected(header.error());
    if (!*header)
        return csvError(path, 0,
                        "the file is empty; a value map needs a header line (from,to) "
                        "and one line per value");
    if (fields.size() != 2)
        return csvError(path, reader->recordStartLine(),
                        "the header has " + std::to_string(fields.size()) + (fields.size() == 1 ? " field" : " fields")
                            + "; a value map has 2 (from, to)");
    nlohmann::json map = nlohmann::json::object();
    std::unordered_map<std::string, std::int64_t> firstLine;
    for (;;) {
        auto more = reader->readRecord(fields);
        if (!more)
            return std::unexpected(more.error());
        if (!*more)
            return map;
        const std::int64_t line = reader->recordStartLine();
        if (fields.size() != 2)
            return csvError(path, line,
                            "line " + std::to_string(line) + " has " + std::to_string(fields.size())
                                + (fields.size() == 1 ? " field" : " fields") + "; a value map has 2 (from, to)");
        if (auto [it, inserted] = firstLine.emplace(fields[0], line); !inserted)
            return csvError(path, line,
                            "line " + std::to_string(line) + " maps " + mapping::quoteText(fields[0])
                                + " again (first on line " + std::to_string(it->second) + ")");
        map[fields[0]] = fields[1].empty() ? nlohmann::json() : nlohmann::json(fields[1]);
    }
}

Result<std::string> valueMapToCsv(const nlohmann::json &map, std::string_view fromHeader, std::string_view toHeader)
{
    if (!map.is_object())
        return invalidInput("mapping.invalid", "a value map must be a JSON object of values");
    std::string out;
    appendCsvField(out, fromHeader);
    out += ',';
    appendCsvField(out, toHeader);
    out += '\n';
    for (const auto &[from, to] : map.items()) {
        if (to.is_object() || to.is_array())
            return invalidInput("mapping.invalid", "the value for " + mapping::quoteText(from)
                                                       + " must be a text, number, true, false or null");
        appendCsvField(out, from);
        out += ',';
        if (!to.is_null())
            appendCsvField(out, to.is_string() ? to.get<std::string>() : to.dump());
        out += '\n';
    }
    return out;
}

namespace mapping {

namespace {

enum class Unmapped { PassThrough, Null, Default, Reject };

class ValueMapTransform : public Transform {
public:
    std::unordered_map<std::string, Value, TextHash, std::equal_to<>> entries;
    Unmapped unmapped = Unmapped::PassThrough;
    Value fallback;
    bool ignoreCase = false;
    FieldType valuesType = FieldType::Unknown; // common type of all results, if there is one
    bool mixedTypes = false;

    StepResult apply(Value &value, const Row &, std::string &message) const override
    {
        if (value.isNull())
            return StepResult::Ok;
        std::string key = value.toString();
        if (ignoreCase)
            toLowerAscii(key);
        if (const auto it = entries.find(key); it != entries.end()) {
            value = it->second;
            return StepResult::Ok;
        }
        message = quoteText(value.toString()) + " is not in the value map";
        switch (unmapped) {
        case Unmapped::PassThrough: message += "; passed through"; return StepResult::Warn;
        case Unmapped::Null:
            value = Value();
            message += "; sent as null";
            return StepResult::Warn;
        case Unmapped::Default:
            value = fallback;
            message += "; sent as the default " + quoteText(fallback.toString());
            return StepResult::Warn;
        case Unmapped::Reject: return StepResult::Failed;
        }
        return StepResult::Failed;
    }

    FieldType outputType(FieldType input) const override
    {
        if (mixedTypes)
            return FieldType::Unknown;
        if (unmapped == Unmapped::PassThrough && input != valuesType)
            return FieldType::Unknown;
        return valuesType;
    }

    void noteType(const Value &v)
    {
        if (v.isNull())
            return;
        const FieldType t = fieldTypeOf(v);
        if (valuesType == FieldType::Unknown)
            valuesType = t;
        else if (valuesType != t)
            mixedTypes = true;
    }
};

} // namespace

Result<std::unique_ptr<Transform>> compileValueMap(const SpecReader &spec)
{
    auto t = std::make_unique<ValueMapTransform>();
    auto unmapped = spec.choice("unmapped", {"passThrough", "null", "default", "reject"}, "passThrough");
    auto ignoreCase = spec.boolean("ignoreCase", false);
    if (!unmapped)
        return std::unexpected(unmapped.error());
    if (!ignoreCase)
        return std::unexpected(ignoreCase.error());
    t->ignoreCase = *ignoreCase;
    t->unmapped = *unmapped == "null"    ? Unmapped::Null
                : *unmapped == "default" ? Unmapped::Default
                : *unmapped == "reject"  ? Unmapped::Reject
                                         : Unmapped::PassThrough;
    if (t->unmapped == Unmapped::Default) {
        auto fallback = spec.scalar("default");
        if (!fallback)
            return std::unexpected(fallback.error());
        t->fallback = *fallback;
        t->noteType(t->fallback);
    } else if (spec.has("default")) {
        return spec.error("default", "'default' is used only with \"unmapped\": \"default\"");
    }
    if (!spec.has("map") || !spec.at("map").is_object())
        return spec.error(spec.has("map") ? "map" : "", "needs 'map', an object of {\"from\": \"to\"} values");
    for (const auto &[from, to] : spec.at("map").items()) {
        Value v;
        if (!valueFromJson(to, v))
            return spec.error("map." + from, "must be a text, number, true, false or null");
        std::string key = from;
        if (t->ignoreCase)
            toLowerAscii(key);
        if (!t->entries.emplace(key, v).second)
            return spec.error("map." + from, quoteText(from) + " appears twice when case is ignored");
        t->noteType(v);
    }
    return std::unique_ptr<Transform>(std::move(t));
}

} // namespace mapping

} // namespace sluice

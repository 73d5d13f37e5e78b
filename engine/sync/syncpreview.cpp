#include "syncpreview.h"

#include "mapping/preview.h"
#include "sync/modellookup.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

namespace sluice {

Result<SyncPreview> previewSync(const SyncDef &sync, const ModelPreview &sample,
                                const std::vector<std::string> &primaryKey, LookupTable lookup,
                                const std::atomic_bool *cancelled)
{
    SyncPreview out;
    out.columnNamesMapping = !sync.mapping.is_array() || sync.mapping.empty();
    const MappingContext context{sample.columns, primaryKey, std::move(lookup)};
    auto mapper = Mapper::compile(effectiveMapping(sync, sample.columns), sync.settings, context);
    if (cancelled && *cancelled)
        return out;
    if (!mapper)
        return std::unexpected(mapper.error().within("sync '" + sync.name + "'"));
    out.fields = mapper->fieldNames();
    auto payloads = previewPayloads(*mapper, sample.rows);
    if (!payloads)
        return std::unexpected(payloads.error());
    const auto keyIndexes = keyColumnIndexes(sample.columns, primaryKey);
    out.rows.reserve(payloads->size());
    for (std::size_t i = 0; i < payloads->size(); ++i) {
        PayloadPreview &p = (*payloads)[i];
        SyncPreviewRow row;
        row.sourceIndex = i;
        if (keyIndexes)
            for (std::size_t k : *keyIndexes) {
                const Value &v = sample.rows[i][k];
                row.key += (row.key.empty() ? "" : " | ") + (v.isNull() ? std::string("NULL") : v.toString());
            }
        row.payload = std::move(p.json);
        row.problems = std::move(p.problems);
        row.rejected = p.rejected;
        row.skipped = p.skipped;
        out.rows.push_back(std::move(row));
    }
    return out;
}

namespace {

std::string shortValue(const nlohmann::json &v)
{
    std::string text = v.is_string() ? v.get<std::string>() : v.dump();
    if (text.size() > 60)
        text = text.substr(0, 57) + "...";
    return text;
}

// The first six options, comma-separated.
std::string firstOptions(const std::vector<std::string> &options)
{
    std::string list;
    const std::size_t shown = std::min<std::size_t>(options.size(), 6);
    for (std::size_t i = 0; i < shown; ++i)
        list += (i ? ", " : "") + options[i];
    return list;
}

std::string optionList(const std::vector<std::string> &options)
{
    std::string list = firstOptions(options);
    if (options.size() > 6)
        list += ", ... " + std::to_string(options.size()) + " in all";
    return list;
}

bool isNumberText(const std::string &text, bool integer)
{
    if (text.empty())
        return false;
    const char *end = text.data() + text.size();
    if (integer) {
        long long v = 0;
        const auto [at, ec] = std::from_chars(text.data(), end, v);
        return ec == std::errc() && at == end;
    }
    double v = 0;
    const auto [at, ec] = std::from_chars(text.data(), end, v);
    return ec == std::errc() && at == end;
}

// The problem a destination would answer for this value, or "" (with the
// rule and the message's variable parts).
std::string refusal(const DestinationField &field, const nlohmann::json &v, std::string &rule,
                    std::vector<std::string> &args)
{
    if (v.is_null())
        return {};
    if (!field.options.empty()) {
        const std::string text = v.is_string() ? v.get<std::string>() : v.dump();
        if (std::find(field.options.begin(), field.options.end(), text) == field.options.end()) {
            rule = "destinationOptions";
            args = {shortValue(v), firstOptions(field.options), std::to_string(field.options.size())};
            return "'" + shortValue(v) + "' is not one of the destination's options for " + field.name + " ("
                 + optionList(field.options) + ")";
        }
        return {};
    }
    rule = "destinationType";
    args = {shortValue(v)};
    switch (field.type) {
    case FieldType::Integer:
        if (v.is_number_integer() || (v.is_string() && isNumberText(v.get<std::string>(), true)))
            return {};
        args.push_back("integer");
        return "'" + shortValue(v) + "' is not a whole number, which " + field.name + " takes";
    case FieldType::Decimal:
        if (v.is_number() || (v.is_string() && isNumberText(v.get<std::string>(), false)))
            return {};
        args.push_back("number");
        return "'" + shortValue(v) + "' is not a number, which " + field.name + " takes";
    case FieldType::Boolean:
        if (v.is_boolean() || (v.is_string() && (v == "true" || v == "false")))
            return {};
        args.push_back("boolean");
        return "'" + shortValue(v) + "' is not true or false, which " + field.name + " takes";
    default: return {};
    }
}

} // namespace

void checkAgainstDestination(SyncPreview &preview, const std::vector<DestinationField> &fields)
{
    if (fields.empty())
        return;
    for (SyncPreviewRow &row : preview.rows) {
        if (row.payload.empty() || row.skipped)
            continue;
        const nlohmann::json payload = nlohmann::json::parse(row.payload, nullptr, false);
        if (!payload.is_object())
            continue;
        for (const DestinationField &field : fields) {
            const auto it = payload.find(field.name);
            if (it == payload.end())
                continue;
            std::string rule;
            std::vector<std::string> args;
            std::string why = refusal(field, *it, rule, args);
            if (why.empty())
                continue;
            row.problems.push_back(
                FieldProblem{field.name, rule, ProblemAction::Reject, std::move(why), std::move(args)});
            row.rejected = true;
        }
    }
}

} // namespace sluice

#include "checkmapping.h"

#include "automap.h"
#include "formats/textutil.h"

namespace sluice {

using mapping::quoteText;

bool typeFits(FieldType expected, FieldType given)
{
    if (expected == given || expected == FieldType::Unknown || given == FieldType::Unknown)
        return true;
    if (expected == FieldType::Decimal && given == FieldType::Integer)
        return true;
    // Dates travel as ISO 8601 text, which text fields take as it is.
    return expected == FieldType::Text && (given == FieldType::Date || given == FieldType::DateTime);
}

std::vector<MappingIssue> checkMapping(const nlohmann::json &mapping, const std::vector<Column> &columns,
                                       const std::vector<DestinationField> &destinationFields)
{
    MappingContext context;
    context.columns = columns;
    return checkMapping(mapping, context, destinationFields);
}

std::vector<MappingIssue> checkMapping(const nlohmann::json &mapping, const MappingContext &context,
                                       const std::vector<DestinationField> &destinationFields)
{
    std::vector<MappingIssue> issues;
    MappingContext checking = context;
    if (!checking.lookup) // the shape of a lookup step is checkable without its rows
        checking.lookup
            = [](const std::string &, const std::string &,
                 const std::string &) -> Result<std::shared_ptr<const std::unordered_map<std::string, Value>>> {
            return std::make_shared<const std::unordered_map<std::string, Value>>();
        };
    auto mapper = Mapper::compile(mapping, nlohmann::json::object(), checking);
    if (!mapper)
        issues.push_back({IssueSeverity::Error, mapper.error().code, {}, mapper.error().message, mapper.error().where});

    // Field names straight from the JSON, so the checks below still run when
    // the mapping does not compile.
    std::vector<std::string> mapped;
    if (mapping.is_array())
        for (const auto &entry : mapping)
            mapped.push_back(entry.is_object() && entry.contains("field") && entry["field"].is_string()
                                 ? entry["field"].get<std::string>()
                                 : std::string());
    auto indexOf = [&](const std::string &name) -> int {
        for (std::size_t i = 0; i < mapped.size(); ++i)
            if (mapped[i] == name)
                return int(i);
        return -1;
    };
    auto where = [](int index) { return "$.mapping[" + std::to_string(index) + "]"; };

    std::string identifiers;
    bool identifierMapped = false;
    for (const DestinationField &f : destinationFields) {
        const int index = indexOf(f.name);
        if (f.required && index < 0)
            issues.push_back({IssueSeverity::Error, "mapping.required_unmapped", f.name,
                              "required field " + quoteText(f.name) + " is not mapped", "$.mapping"});
        if (f.identifier) {
            identifiers += (identifiers.empty() ? "" : ", ") + f.name;
            identifierMapped = identifierMapped || index >= 0;
        }
        if (index >= 0 && mapper) {
            const FieldType given = mapper->fieldTypes()[std::size_t(index)];
            if (!typeFits(f.type, given))
                issues.push_back({IssueSeverity::Warning, "mapping.type_mismatch", f.name,
                                  quoteText(f.name) + " expects " + std::string(fieldTypeName(f.type))
                                      + " but the mapping gives " + std::string(fieldTypeName(given))
                                      + "; add a cast transform",
                                  where(index)});
        }
    }
    if (!identifiers.empty() && !identifierMapped)
        issues.push_back(
            {IssueSeverity::Error,
             "mapping.no_identifier",
             {},
             "no identifier field is mapped (map one of: " + identifiers + "); the destination cannot match records",
             "$.mapping"});
    if (!destinationFields.empty()) {
        for (std::size_t i = 0; i < mapped.size(); ++i) {
            if (mapped[i].empty())
                continue;
            bool known = false;
            std::string hint;
            for (const DestinationField &f : destinationFields) {
                known = known || f.name == mapped[i];
                if (hint.empty() && normalizedFieldName(f.name) == normalizedFieldName(mapped[i]))
                    hint = " (did you mean " + quoteText(f.name) + "?)";
            }
            if (!known)
                issues.push_back({IssueSeverity::Warning, "mapping.unknown_field", mapped[i],
                                  quoteText(mapped[i]) + " is not a field of the destination" + hint,
                                  where(int(i)) + ".field"});
        }
    }
    return issues;
}

} // namespace sluice

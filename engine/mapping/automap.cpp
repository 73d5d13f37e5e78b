#include "automap.h"

#include "formats/textutil.h"

#include <functional>

namespace sluice {

namespace {

// Normalised names that mean the same thing; the first is the group's name.
const std::vector<std::vector<std::string_view>> synonymGroups = {
    {"email", "emailaddress", "mail", "primaryemail", "email1"},
    {"phone", "phonenumber", "mobile", "mobilephone", "mobilenumber", "tel", "telephone", "cell", "cellphone"},
    {"firstname", "givenname", "forename", "fname"},
    {"lastname", "surname", "familyname", "lname"},
    {"fullname", "name", "displayname"},
    {"company", "companyname", "organization", "organisation", "org", "employer"},
    {"city", "town"},
    {"zip", "zipcode", "postalcode", "postcode"},
    {"state", "province", "region"},
    {"country", "countryname"},
    {"address", "streetaddress", "street", "address1", "addressline1"},
    {"birthday", "birthdate", "dateofbirth", "dob"},
    {"gender", "sex"},
    {"jobtitle", "title", "position"},
    {"website", "url", "homepage"},
    {"externalid", "userid", "customerid"},
    {"createdat", "createddate", "signupdate", "signedupat"},
};

// The synonym group of a normalised name, or -1.
int groupOf(const std::string &normalized)
{
    for (std::size_t g = 0; g < synonymGroups.size(); ++g)
        for (std::string_view n : synonymGroups[g])
            if (n == normalized)
                return int(g);
    return -1;
}

} // namespace

std::string normalizedFieldName(std::string_view name)
{
    if (name.size() > 3 && mapping::equalsIgnoringAsciiCase(name.substr(name.size() - 3), "__c"))
        name.remove_suffix(3);
    std::string out;
    for (char c : name)
        if (c != ' ' && c != '_' && c != '-' && c != '.')
            out += c;
    mapping::toLowerAscii(out);
    return out;
}

std::vector<AutoMapping> autoMap(const std::vector<Column> &modelColumns,
                                 const std::vector<DestinationField> &destinationFields)
{
    std::vector<std::string> columnNames, fieldNames;
    std::vector<int> columnGroups, fieldGroups;
    for (const Column &c : modelColumns) {
        columnNames.push_back(normalizedFieldName(c.name));
        columnGroups.push_back(groupOf(columnNames.back()));
    }
    for (const DestinationField &f : destinationFields) {
        fieldNames.push_back(normalizedFieldName(f.name));
        fieldGroups.push_back(groupOf(fieldNames.back()));
    }
    std::vector<int> chosen(destinationFields.size(), -1);
    std::vector<MatchKind> kinds(destinationFields.size(), MatchKind::Exact);
    std::vector<bool> taken(modelColumns.size(), false);

    auto claim = [&](std::size_t f, std::size_t c, MatchKind kind) {
        chosen[f] = int(c);
        kinds[f] = kind;
        taken[c] = true;
    };
    using Matcher = std::function<bool(std::size_t field, std::size_t column)>;
    const std::pair<MatchKind, Matcher> passes[] = {
        {MatchKind::Exact,
         [&](std::size_t f, std::size_t c) { return destinationFields[f].name == modelColumns[c].name; }},
        {MatchKind::Normalized, [&](std::size_t f, std::size_t c) { return fieldNames[f] == columnNames[c]; }},
    };
    for (const auto &[kind, matches] : passes)
        for (std::size_t f = 0; f < destinationFields.size(); ++f)
            for (std::size_t c = 0; c < modelColumns.size() && chosen[f] < 0; ++c)
                if (!taken[c] && matches(f, c))
                    claim(f, c, kind);

    // Synonyms: a pair whose names contain one another (MobilePhone ~ mobile)
    // is closer than any other pair of the group (Phone ~ tel), so it is
    // claimed first; ties go by field order, then column order.
    for (int closeness : {2, 1}) {
        for (std::size_t f = 0; f < destinationFields.size(); ++f) {
            for (std::size_t c = 0; c < modelColumns.size() && chosen[f] < 0; ++c) {
                if (taken[c] || fieldGroups[f] < 0 || fieldGroups[f] != columnGroups[c])
                    continue;
                const bool contains = fieldNames[f].find(columnNames[c]) != std::string::npos
                                   || columnNames[c].find(fieldNames[f]) != std::string::npos;
                if ((contains ? 2 : 1) >= closeness)
                    claim(f, c, MatchKind::Synonym);
            }
        }
    }
    std::vector<AutoMapping> out;
    for (std::size_t f = 0; f < destinationFields.size(); ++f)
        if (chosen[f] >= 0)
            out.push_back({destinationFields[f].name, modelColumns[chosen[f]].name, kinds[f]});
    return out;
}

nlohmann::json autoMappingJson(const std::vector<AutoMapping> &mappings)
{
    nlohmann::json out = nlohmann::json::array();
    for (const AutoMapping &m : mappings)
        out.push_back({{"field", m.field}, {"column", m.column}});
    return out;
}

} // namespace sluice

#include "columnlookup.h"

#include "formats/textutil.h"

namespace sluice::mapping {

std::optional<int> columnIndex(const std::vector<Column> &columns, std::string_view name)
{
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].name == name)
            return static_cast<int>(i);
    return std::nullopt;
}

std::string unknownColumnMessage(std::string_view name, const std::vector<Column> &columns)
{
    std::string message = "unknown column " + quoteText(name);
    for (const Column &c : columns)
        if (equalsIgnoringAsciiCase(c.name, name))
            return message + " (did you mean " + quoteText(c.name) + "?)";
    return message;
}

} // namespace sluice::mapping

// libFuzzer target: a mapping template ({{column | filter}}, if/elif/else),
// compiled against a few columns and rendered for a row.
#include "mapping/template.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace sluice;
    const std::string text(reinterpret_cast<const char *>(data), size);
    static const std::vector<Column> columns = {{"id", ValueType::Integer, {}},
                                                {"email", ValueType::Text, {}},
                                                {"score", ValueType::Real, {}},
                                                {"active", ValueType::Boolean, {}},
                                                {"signed_up", ValueType::Text, {}}};
    auto compiled = mapping::Template::compile(text, columns, 1764979200);
    if (!compiled)
        return 0;
    const Row row
        = {Value(std::int64_t(42)), Value("Ana@Example.com "), Value(3.75), Value(true), Value("2026-11-02T10:00:00Z")};
    const Row nulls(columns.size());
    std::string out, warning;
    compiled->render(row, out, warning);
    compiled->render(nulls, out, warning);
    return 0;
}

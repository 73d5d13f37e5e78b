// libFuzzer target: a row filter / "when" expression, compiled and evaluated.
#include "mapping/expression.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace sluice;
    const std::string text(reinterpret_cast<const char *>(data), size);
    static const std::vector<Column> columns = {{"id", ValueType::Integer, {}},
                                                {"tier", ValueType::Text, {}},
                                                {"spend", ValueType::Real, {}},
                                                {"vip", ValueType::Boolean, {}},
                                                {"last_seen", ValueType::Text, {}}};
    auto compiled = mapping::Expression::compile(text, columns, 1764979200);
    if (!compiled)
        return 0;
    const Row row = {Value(std::int64_t(7)), Value("VIP"), Value(120.5), Value(false), Value("2026-10-01")};
    const Row nulls(columns.size());
    (void)compiled->isTrue(row);
    (void)compiled->isTrue(nulls);
    return 0;
}

// libFuzzer target: a model's SQL split into statements and checked as one
// read-only query (issue 19), with and without SHOW allowed. Beyond not
// crashing: every statement found lies inside the input, starts on a line the
// input has, and an accepted model ends with exactly one query.
#include "sources/sqlstatements.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string sql(reinterpret_cast<const char *>(data), size);
    const auto lines = 1 + std::count(sql.begin(), sql.end(), '\n');
    for (const auto &statement : sluice::splitSqlStatements(sql)) {
        if (statement.line < 1 || statement.line > lines || statement.text.size() > sql.size())
            std::abort();
    }
    for (const bool allowShow : {false, true}) {
        auto checked = sluice::readOnlyModelStatements(sql, allowShow);
        if (checked && checked->empty())
            std::abort(); // accepted with no query at all
        if (!checked && checked.error().message.empty())
            std::abort(); // an error must say what is wrong
    }
    return 0;
}

#pragma once
// Deterministic sampling by key (sync setting "samplePercent"): a row is in
// the sample when a stable hash of its primary-key text falls below the
// percentage. The same keys are chosen on every run and on every machine,
// and a smaller sample is always a subset of a larger one, so raising the
// percentage later only adds rows.
//
// The hash: the key columns' texts joined by U+001F (unit separator),
// 64-bit FNV-1a, then the splitmix64 finaliser to spread the bits; the row is
// chosen when (hash >> 11) / 2^53 < percent / 100.

#include "core/error.h"
#include "core/value.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::mapping {

std::uint64_t sampleHash(std::string_view keyText);
bool inSample(std::string_view keyText, double percent);

class Sampler {
public:
    // Errors name the unknown key column; `where` is left to the caller.
    static Result<Sampler> compile(double percent, const std::vector<std::string> &keyColumns,
                                   const std::vector<Column> &columns);
    bool selects(const Row &row) const;

private:
    double m_percent = 100;
    std::vector<int> m_keyColumns;
};

} // namespace sluice::mapping

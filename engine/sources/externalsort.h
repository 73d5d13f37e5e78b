#pragma once
// Sorting a source's rows in bounded memory, for sources that cannot sort
// themselves (CSV files): rows are gathered until `memoryBudget` bytes, each
// such run sorted by the order-preserving encoding of the sort columns
// (core/keycodec.h: exactly the order the sync planner merges on) and spilled
// to an anonymous temporary file (std::tmpfile: nothing stays behind, even
// after kill -9), then the runs are merged. A file that fits the budget is
// sorted in memory. The sort is stable; rows with a NULL in a sort column
// come first, in their original order (the planner reports them as invalid).

#include "sources/source.h"

#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

namespace sluice {

inline constexpr std::size_t kDefaultSortMemory = std::size_t(64) << 20;

// Reads all of `input` now (errors and cancellation are reported here) and
// returns its rows sorted by the columns `by` (indexes into its columns),
// at most `limit` of them. `cancelled` must outlive the returned cursor.
Result<std::unique_ptr<RowCursor>> sortRows(std::unique_ptr<RowCursor> input, std::vector<std::size_t> by,
                                            const std::atomic<bool> &cancelled,
                                            std::optional<std::int64_t> limit = std::nullopt,
                                            std::size_t memoryBudget = kDefaultSortMemory);

} // namespace sluice

#pragma once
// Payload preview: sample rows through a compiled mapping, showing the exact
// JSON object the destination would receive for each row and every problem
// found on the way. Pure computation on rows already in memory (no source or
// destination is touched), fast enough to rerun on every keystroke.

#include "core/error.h"
#include "mapping/mapper.h"

#include <string>
#include <vector>

namespace sluice {

struct PayloadPreview {
    std::string json; // the payload object; "" when the row is skipped
    std::vector<FieldProblem> problems;
    bool rejected = false; // the row would not be sent
    bool skipped = false;  // left out by the row filter or sampling
};

// One preview per row, in order. Fails (InvalidInput "mapping.row_width",
// where "row N", 1-based) when a row does not have the model's column count.
Result<std::vector<PayloadPreview>> previewPayloads(const Mapper &mapper, const std::vector<Row> &rows);

} // namespace sluice

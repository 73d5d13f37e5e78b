#pragma once
// The one batch write loop of destinations whose API takes one operation
// per request (HubSpot, Salesforce): a batch is written as runs of one
// operation, in batch order (a mirror run's last batch can hold upserts
// followed by deletes), each run at most `maxRun(op)` records.
//
// A run that fails before anything of the batch was written fails the batch
// (the executor retries or splits it). After an earlier run was written, the
// rest of the batch is retryable, or, when a single record was refused
// whole, that record is rejected: nothing written is ever sent twice.

#include "destinations/contract/destination.h"

#include <cstddef>
#include <expected>
#include <functional>
#include <span>
#include <vector>

namespace sluice {

using RunResult = std::expected<std::vector<RecordOutcome>, BatchFailure>;

BatchResult writeByOperation(std::span<const Record> batch, const std::function<std::size_t(RecordOp)> &maxRun,
                             const std::function<RunResult(std::span<const Record>)> &writeRun);

} // namespace sluice

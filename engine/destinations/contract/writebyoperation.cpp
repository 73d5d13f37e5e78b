#include "writebyoperation.h"

#include <algorithm>

namespace sluice {

BatchResult writeByOperation(std::span<const Record> batch, const std::function<std::size_t(RecordOp)> &maxRun,
                             const std::function<RunResult(std::span<const Record>)> &writeRun)
{
    std::vector<RecordOutcome> outcomes(batch.size());
    bool answered = false; // an earlier run of records of this batch was written
    std::size_t start = 0;
    while (start < batch.size()) {
        const RecordOp op = batch[start].op;
        const std::size_t limit = std::max<std::size_t>(1, maxRun(op));
        std::size_t end = start + 1;
        while (end < batch.size() && batch[end].op == op && end - start < limit)
            ++end;
        const auto part = batch.subspan(start, end - start);
        RunResult result = writeRun(part);
        if (result) {
            std::move(result->begin(), result->end(), outcomes.begin() + std::ptrdiff_t(start));
        } else if (!answered) {
            return std::unexpected(result.error());
        } else {
            // Part of the batch is written already: only the rest is retried.
            const BatchFailure &f = result.error();
            for (std::size_t i = start; i < batch.size(); ++i)
                outcomes[i] = f.kind == BatchFailure::Kind::RejectedWhole && part.size() == 1 && i == start
                                ? RecordOutcome{Outcome::Rejected, f.message}
                                : RecordOutcome{Outcome::Retryable, f.message};
            return outcomes;
        }
        answered = true;
        start = end;
    }
    return outcomes;
}

} // namespace sluice

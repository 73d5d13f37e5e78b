#include "syncrunner.h"

#include "core/keycodec.h"
#include "models/modelrunner.h"
#include "project/runrecorder.h"
#include "project/statestore.h"
#include "sources/sourcekinds.h"
#include "sync/modellookup.h"
#include "sync/rowhash.h"
#include "sync/synccontext.h"
#include "sync/synclock.h"
#include "sync/syncrun.h"

#include <fmt/format.h>

namespace sluice {

using nlohmann::json;

Result<RunSummary> runSync(const std::string &projectPath, const std::string &syncName, const RunOptions &options,
                           CancelToken &cancel, const ProgressFn &progress)
{
    auto ctx = loadContext(projectPath, syncName);
    if (!ctx)
        return std::unexpected(ctx.error());
    SyncRun run(*ctx, options, cancel, progress);
    return run.execute();
}

Result<RunSummary> resetBaseline(const std::string &projectPath, const std::string &syncName, CancelToken &cancel)
{
    auto ctx = loadContext(projectPath, syncName);
    if (!ctx)
        return std::unexpected(ctx.error());
    auto lock = SyncLock::acquire(ctx->store->path(), ctx->syncId, syncName);
    if (!lock)
        return std::unexpected(lock.error());
    auto state = StateStore::open(ctx->store->path());
    if (!state)
        return std::unexpected(state.error());
    RunRecorder recorder(**state);
    auto runId = recorder.startRun(ctx->syncId, syncName, "reset-baseline");
    if (!runId)
        return std::unexpected(runId.error());
    const auto started = Clock::now();
    RunSummary summary;
    summary.runId = *runId;
    summary.sync = syncName;
    summary.kind = "reset-baseline";
    summary.mode = std::string(syncModeName(ctx->mode));
    summary.dryRun = true; // nothing is sent

    auto body = [&]() -> Result<> {
        auto source = makeSource(ctx->source, SourceContext{ctx->store->directory(), SecretAccess::Allowed});
        if (!source)
            return std::unexpected(source.error());
        QuerySpec spec;
        spec.sql = ctx->model.sql;
        spec.orderBy = ctx->model.primaryKey;
        spec.bytewiseOrder = true;
        auto rows = (*source)->query(spec);
        if (!rows)
            return std::unexpected(rows.error());
        auto idx = keyColumnIndexes((*rows)->columns(), ctx->model.primaryKey);
        if (!idx)
            return std::unexpected(idx.error());
        const json mapping = effectiveMapping(ctx->sync, (*rows)->columns());
        const std::uint64_t fingerprint = changeFingerprint(mapping, ctx->sync.settings);
        Row row;
        std::string previous;
        return (*state)->replaceSnapshot(ctx->syncId, [&](std::string &key, std::uint64_t &hash) -> Result<bool> {
            for (;;) {
                if (cancel.isCancelled())
                    return cancelled();
                auto more = (*rows)->next(row);
                if (!more)
                    return std::unexpected(more.error());
                if (!*more)
                    return false;
                ++summary.queried;
                auto k = encodeKey(row, *idx);
                if (!k || *k == previous) {
                    ++summary.invalid;
                    continue;
                }
                previous = *k;
                key = *k;
                hash = hashRow(row, fingerprint);
                ++summary.unchanged.planned;
                return true;
            }
        });
    };
    auto r = body();
    summary.durationMs = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
    summary.status = r ? "succeeded" : (r.error().kind == ErrorKind::Cancelled ? "cancelled" : "failed");
    summary.error = r ? "" : r.error().describe();
    if (r)
        recorder.log(LogLevel::Info, LogMessage{"run.baseline_reset", {std::to_string(summary.unchanged.planned)}});
    else
        recorder.log(LogLevel::Error, summary.error);
    json counts = summary.toJson();
    counts.erase("samples");
    recorder.finishRun(summary.status, counts, summary.error, summary.durationMs);
    return summary;
}

} // namespace sluice

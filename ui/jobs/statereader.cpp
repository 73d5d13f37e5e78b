#include "statereader.h"

#include "core/sqlitehandle.h"
#include "project/projectstore.h"

namespace sluice::ui {

Result<std::vector<RunRecord>> readRuns(const std::string &projectPath, const std::string &syncName, int limit)
{
    auto state = StateStore::open(projectPath);
    if (!state)
        return std::unexpected(state.error());
    return RunRecorder::runs((*state)->handle(), syncName, limit);
}

Result<RejectedRows> readRejections(const std::string &projectPath, const std::string &syncName, int limit)
{
    auto state = StateStore::open(projectPath);
    if (!state)
        return std::unexpected(state.error());
    auto found = findSyncId((*state)->handle(), syncName);
    if (!found)
        return std::unexpected(found.error());
    RejectedRows out;
    if (!*found) // not saved yet, or renamed meanwhile: nothing rejected under this name
        return out;
    // One more than asked tells whether there are more.
    auto rows = (*state)->rejections(**found, limit + 1);
    if (!rows)
        return std::unexpected(rows.error());
    out.rows = std::move(*rows);
    if (int(out.rows.size()) > limit) {
        out.rows.resize(std::size_t(limit));
        out.more = true;
    }
    return out;
}

Result<std::vector<StoredExchange>> readExchanges(const std::string &projectPath, std::int64_t runId)
{
    auto state = StateStore::open(projectPath);
    if (!state)
        return std::unexpected(state.error());
    return RunRecorder::exchanges((*state)->handle(), runId);
}

Result<std::vector<Revision>> readRevisions(const std::string &projectPath, const std::string &entity,
                                            const std::string &name)
{
    auto store = ProjectStore::open(projectPath);
    if (!store)
        return std::unexpected(store.error());
    return (*store)->revisions(entity, name);
}

} // namespace sluice::ui

#pragma once
// Blocking reads of a project's run state (run history, rejected rows, HTTP
// exchanges, configuration revisions), each on a connection of its own so
// they can run on a worker thread while the GUI thread and a sync write to
// the same file (WAL). The pages call them through QtConcurrent.

#include "core/error.h"
#include "project/projectstore.h"
#include "project/runrecorder.h"
#include "project/statestore.h"

#include <string>
#include <vector>

namespace sluice::ui {

struct RejectedRows {
    std::vector<RejectedRow> rows; // ordered by key
    bool more = false;             // the sync has more than `limit`
};

// syncName empty: runs of every sync. Newest first.
Result<std::vector<RunRecord>> readRuns(const std::string &projectPath, const std::string &syncName, int limit);
Result<RejectedRows> readRejections(const std::string &projectPath, const std::string &syncName, int limit);
Result<std::vector<StoredExchange>> readExchanges(const std::string &projectPath, std::int64_t runId);
// Oldest first, as ProjectStore::revisions gives them.
Result<std::vector<Revision>> readRevisions(const std::string &projectPath, const std::string &entity,
                                            const std::string &name);

} // namespace sluice::ui

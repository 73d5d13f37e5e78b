#pragma once
// One run per sync at a time, across threads and processes: an fcntl lock
// on byte <sync id> of ".<project>.lock" beside the project. The kernel drops it when the process
// dies, so a kill -9 never leaves a sync locked.

#include "core/error.h"

#include <cstdint>
#include <memory>
#include <string>

namespace sluice {

class SyncLock {
public:
    static Result<std::unique_ptr<SyncLock>> acquire(const std::string &projectPath, std::int64_t syncId,
                                                     const std::string &syncName);
    ~SyncLock();
    SyncLock(const SyncLock &) = delete;
    SyncLock &operator=(const SyncLock &) = delete;

private:
    SyncLock(int fd, std::int64_t id) : m_fd(fd), m_id(id) { }
    int m_fd; // the process's one descriptor of the lock file (never closed)
    std::int64_t m_id;
};

} // namespace sluice

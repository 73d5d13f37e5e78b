#include "synclock.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>

#include <fcntl.h>
#include <unistd.h>

namespace sluice {

namespace {

// fcntl locks belong to the process and vanish when it closes any descriptor
// of the file, so the process keeps exactly one descriptor per lock file and
// tracks which syncs its own threads hold.
struct LockFile {
    int fd = -1;
    std::set<std::int64_t> held;
};
std::mutex g_mutex;
std::map<std::string, LockFile> g_files;

bool setLock(int fd, std::int64_t id, short type)
{
    struct flock fl {};
    fl.l_type = type;
    fl.l_whence = SEEK_SET;
    fl.l_start = off_t(id);
    fl.l_len = 1;
    return ::fcntl(fd, F_SETLK, &fl) == 0;
}

} // namespace

Result<std::unique_ptr<SyncLock>> SyncLock::acquire(const std::string &projectPath, std::int64_t syncId,
                                                    const std::string &syncName)
{
    // A hidden file beside the project: ".NAME.sluice.lock".
    const std::filesystem::path project(projectPath);
    const std::string path = (project.parent_path() / ("." + project.filename().string() + ".lock")).string();
    std::lock_guard lock(g_mutex);
    LockFile &f = g_files[path];
    if (f.fd < 0) {
        f.fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (f.fd < 0)
            return failed("sync.lock", std::string("cannot create the lock file: ") + std::strerror(errno), path);
    }
    const std::string busy = "sync '" + syncName + "' is already running";
    if (f.held.count(syncId))
        return failed("sync.already_running", busy + " in this process");
    if (!setLock(f.fd, syncId, F_WRLCK)) {
        if (errno == EACCES || errno == EAGAIN)
            return failed("sync.already_running", busy + " in another process");
        return failed("sync.lock", std::string("cannot lock: ") + std::strerror(errno), path);
    }
    f.held.insert(syncId);
    return std::unique_ptr<SyncLock>(new SyncLock(path, syncId));
}

SyncLock::~SyncLock()
{
    std::lock_guard lock(g_mutex);
    LockFile &f = g_files[m_path];
    setLock(f.fd, m_id, F_UNLCK);
    f.held.erase(m_id);
}

} // namespace sluice

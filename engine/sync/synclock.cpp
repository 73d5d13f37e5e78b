#include "synclock.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sluice {

namespace {

// fcntl locks belong to the process and vanish when it closes any descriptor
// of the file, so the process keeps exactly one descriptor per lock file, never
// closed, and tracks which syncs its own threads hold. Lock files are known by
// device and inode, not by name: "p.sluice", "./p.sluice" and a symlink to it
// must share the one descriptor.
struct LockFile {
    int fd = -1;
    std::set<std::int64_t> held;
};
using FileId = std::pair<dev_t, ino_t>;
std::mutex g_mutex;
std::map<FileId, LockFile> g_files;

// The lock file's descriptor, opened (and created) once per process.
Result<LockFile *> lockFile(const std::string &path)
{
    struct stat st { };
    if (::stat(path.c_str(), &st) == 0) {
        if (auto it = g_files.find({st.st_dev, st.st_ino}); it != g_files.end())
            return &it->second;
    }
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return failed("sync.lock", std::string("cannot create the lock file: ") + std::strerror(errno), path);
    if (::fstat(fd, &st) != 0) {
        const std::string err = std::strerror(errno);
        ::close(fd); // ours alone: no lock of this process is on it yet
        return failed("sync.lock", "cannot read the lock file: " + err, path);
    }
    const FileId id{st.st_dev, st.st_ino};
    auto [it, inserted] = g_files.try_emplace(id);
    if (!inserted) {
        // The file was replaced between stat and open by one we already
        // know: closing this descriptor would drop the locks held through
        // the first, so it stays open (rare, and bounded by the files seen).
        return &it->second;
    }
    it->second.fd = fd;
    return &it->second;
}

bool setLock(int fd, std::int64_t id, short type)
{
    struct flock fl { };
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
    auto file = lockFile(path);
    if (!file)
        return std::unexpected(file.error());
    LockFile &f = **file;
    const std::string busy = "sync '" + syncName + "' is already running";
    if (f.held.count(syncId))
        return failed("sync.already_running", busy + " in this process");
    if (!setLock(f.fd, syncId, F_WRLCK)) {
        if (errno == EACCES || errno == EAGAIN)
            return failed("sync.already_running", busy + " in another process");
        return failed("sync.lock", std::string("cannot lock: ") + std::strerror(errno), path);
    }
    f.held.insert(syncId);
    return std::unique_ptr<SyncLock>(new SyncLock(f.fd, syncId));
}

SyncLock::~SyncLock()
{
    std::lock_guard lock(g_mutex);
    for (auto &[id, f] : g_files) {
        if (f.fd == m_fd) {
            setLock(f.fd, m_id, F_UNLCK);
            f.held.erase(m_id);
            return;
        }
    }
}

} // namespace sluice

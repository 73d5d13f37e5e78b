#include "fileutil.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

namespace sluice {

namespace fs = std::filesystem;

Result<std::string> readTextFile(const std::string &path)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        return invalidInput("file.missing", "no such file", path);
    if (fs::is_directory(path, ec))
        return invalidInput("file.is_directory", "is a directory, not a file", path);
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return invalidInput("file.unreadable", std::string("cannot read: ") + std::strerror(errno), path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Result<> writeFileAtomically(const std::string &path, const std::string &content)
{
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return failed("file.write", std::string("cannot create: ") + std::strerror(errno), tmp);
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const std::string err = std::strerror(errno);
            ::close(fd);
            ::unlink(tmp.c_str());
            return failed("file.write", "cannot write: " + err, tmp);
        }
        done += std::size_t(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const std::string err = std::strerror(errno);
        ::unlink(tmp.c_str());
        return failed("file.write", "cannot write: " + err, tmp);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const std::string err = std::strerror(errno);
        ::unlink(tmp.c_str());
        return failed("file.write", "cannot replace: " + err, path);
    }
    return {};
}

bool fileExists(const std::string &path)
{
    std::error_code ec;
    return fs::exists(path, ec);
}

std::string parentDirectory(const std::string &path)
{
    const fs::path p = fs::absolute(fs::path(path));
    return p.parent_path().string();
}

std::string absolutePath(const std::string &path, const std::string &base)
{
    const fs::path p(path);
    if (p.is_absolute() || base.empty())
        return fs::absolute(p).lexically_normal().string();
    return (fs::path(base) / p).lexically_normal().string();
}

} // namespace sluice

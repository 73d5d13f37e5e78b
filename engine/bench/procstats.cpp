#include "bench/procstats.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <string_view>

namespace sluice::bench {

std::int64_t peakRssKb()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.starts_with("VmHWM:"))
            return std::stoll(line.substr(6));
    return 0;
}

double threadCpuSeconds()
{
    rusage usage{};
    ::getrusage(RUSAGE_THREAD, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
         + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

std::string selfExecutable()
{
    char buf[4096];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    std::string path = n > 0 ? std::string(buf, std::size_t(n)) : std::string();
    // Rebuilt while running: the file at the same path is the one to start.
    if (path.ends_with(" (deleted)"))
        path.resize(path.size() - 10);
    return path;
}

Result<ChildRun> runChild(const std::vector<std::string> &argv, bool capture)
{
    if (argv.empty())
        return invalidInput("bench.child", "no program to run");
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0)
        return failed("bench.child", std::string("pipe: ") + std::strerror(errno));
    std::vector<char *> args;
    for (const auto &a : argv)
        args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);
    const auto started = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid < 0)
        return failed("bench.child", std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        ::dup2(pipeFds[1], STDOUT_FILENO);
        ::execvp(args[0], args.data());
        _exit(127);
    }
    ::close(pipeFds[1]);
    ChildRun run;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(pipeFds[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        const std::string_view chunk(buf, std::size_t(n));
        for (char c : chunk)
            run.outputLines += c == '\n';
        if (capture)
            run.output.append(chunk);
    }
    ::close(pipeFds[0]);
    int status = 0;
    rusage usage{};
    while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
    }
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    run.peakRssKb = usage.ru_maxrss; // KiB on Linux
    run.cpuSeconds = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                   + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    if (run.exitCode == 127)
        return failed("bench.child", "cannot run " + argv[0]);
    return run;
}

} // namespace sluice::bench

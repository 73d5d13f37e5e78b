#include "fakehttpserver.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cstdlib>
#include <stdexcept>

namespace sluice::fakes {

namespace {

// Raised from cpp-httplib's default of 5, after which it closes the
// connection: clients that keep connections alive (as Sluice's do) would
// reconnect every few requests, and keep-alive tests would see that.
constexpr std::size_t kKeepAliveMaxCount = 1'000'000;

void setSocketOptions(int sock)
{
    int on = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    // Accepted connections inherit this on Linux; without it each answer waits
    // for the client's delayed ACK (Nagle), about 40 ms.
    setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

// cpp-httplib's stop() closes only the listening socket; a worker serving an
// idle kept-alive connection keeps waiting for the next request until its
// keep-alive timeout (seconds), and stop() joins it. Shutting those
// connections down (found as this process's sockets whose local port is the
// server's) wakes the workers at once. shutdown() does not close the
// descriptor, so the worker still owns and closes it.
void shutdownServedConnections(int port)
{
    DIR *dir = opendir("/proc/self/fd");
    if (!dir)
        return;
    while (dirent *entry = readdir(dir)) {
        char *end = nullptr;
        const long fd = std::strtol(entry->d_name, &end, 10);
        if (end == entry->d_name || *end != '\0')
            continue;
        sockaddr_in address{};
        socklen_t length = sizeof address;
        if (getsockname(static_cast<int>(fd), reinterpret_cast<sockaddr *>(&address), &length) != 0
            || address.sin_family != AF_INET || ntohs(address.sin_port) != port)
            continue;
        int listening = 0;
        socklen_t optionLength = sizeof listening;
        if (getsockopt(static_cast<int>(fd), SOL_SOCKET, SO_ACCEPTCONN, &listening, &optionLength) == 0 && listening)
            continue;
        shutdown(static_cast<int>(fd), SHUT_RDWR);
    }
    closedir(dir);
}

} // namespace

FakeHttpServer::FakeHttpServer(int workerThreads)
{
    const std::size_t threads = workerThreads > 0 ? static_cast<std::size_t>(workerThreads) : 8;
    m_server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    m_server.set_tcp_nodelay(true);
    m_server.set_socket_options(setSocketOptions);
    m_server.set_keep_alive_max_count(kKeepAliveMaxCount);
}

FakeHttpServer::~FakeHttpServer()
{
    stop();
}

void FakeHttpServer::start(int port)
{
    if (m_thread.joinable())
        return;
    if (port > 0) {
        // A fixed port, for the sluice-sandbox program (a user types its URL).
        if (!m_server.bind_to_port("127.0.0.1", port))
            throw std::runtime_error("fake HTTP server: port " + std::to_string(port) + " on 127.0.0.1 is in use");
        m_port = port;
    } else {
        m_port = m_server.bind_to_any_port("127.0.0.1");
    }
    if (m_port <= 0)
        throw std::runtime_error("fake HTTP server: cannot bind a port on 127.0.0.1");
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    // stop() is a no-op until the accept loop runs, so a test that stops at
    // once would otherwise hang in join(). Connections made meanwhile wait in
    // the listen backlog, so this only matters for stopping.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!m_server.is_running() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void FakeHttpServer::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (!m_thread.joinable())
        return;
    m_server.stop();
    shutdownServedConnections(m_port);
    m_thread.join();
}

std::string FakeHttpServer::url(std::string_view path) const
{
    return "http://127.0.0.1:" + std::to_string(m_port) + std::string(path);
}

bool FakeHttpServer::pause(std::chrono::milliseconds delay)
{
    std::unique_lock lock(m_mutex);
    return !m_wake.wait_for(lock, delay, [this] { return m_stopping; });
}

} // namespace sluice::fakes

#include "bench/httpsink.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

namespace sluice::bench {

namespace {

constexpr std::string_view kAnswer = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";

bool sendAll(int fd, std::string_view data)
{
    while (!data.empty()) {
        const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data.remove_prefix(std::size_t(n));
    }
    return true;
}

std::int64_t countOf(std::string_view haystack, std::string_view needle)
{
    std::int64_t n = 0;
    const char *p = haystack.data();
    const char *end = p + haystack.size();
    while (p < end) {
        const void *hit = ::memmem(p, std::size_t(end - p), needle.data(), needle.size());
        if (!hit)
            break;
        ++n;
        p = static_cast<const char *>(hit) + needle.size();
    }
    return n;
}

// Content-Length of a header block, 0 when absent.
std::size_t contentLength(std::string_view head)
{
    static constexpr std::string_view name = "content-length:";
    for (std::size_t at = 0; at < head.size();) {
        const std::size_t eol = head.find("\r\n", at);
        const std::string_view line = head.substr(at, eol == std::string_view::npos ? head.npos : eol - at);
        if (line.size() > name.size()) {
            bool match = true;
            for (std::size_t i = 0; i < name.size() && match; ++i)
                match = char(line[i] | 0x20) == name[i]; // ASCII lower case; ':' and '-' are unchanged
            if (match) {
                std::size_t value = 0;
                for (char c : line.substr(name.size()))
                    if (c >= '0' && c <= '9')
                        value = value * 10 + std::size_t(c - '0');
                return value;
            }
        }
        if (eol == std::string_view::npos)
            break;
        at = eol + 2;
    }
    return 0;
}

} // namespace

Result<std::unique_ptr<HttpSink>> HttpSink::start()
{
    std::unique_ptr<HttpSink> sink(new HttpSink());
    sink->m_listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (sink->m_listenFd < 0)
        return failed("bench.sink", std::string("cannot create a socket: ") + std::strerror(errno));
    const int one = 1;
    ::setsockopt(sink->m_listenFd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(sink->m_listenFd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0
        || ::listen(sink->m_listenFd, 64) != 0)
        return failed("bench.sink", std::string("cannot listen on 127.0.0.1: ") + std::strerror(errno));
    socklen_t len = sizeof addr;
    ::getsockname(sink->m_listenFd, reinterpret_cast<sockaddr *>(&addr), &len);
    sink->m_port = ntohs(addr.sin_port);
    if (::pipe2(sink->m_wakeFds, O_CLOEXEC) != 0)
        return failed("bench.sink", std::string("cannot create a pipe: ") + std::strerror(errno));
    sink->m_acceptor = std::thread([s = sink.get()] { s->acceptLoop(); });
    return sink;
}

HttpSink::~HttpSink()
{
    stop();
}

std::string HttpSink::url() const
{
    return "http://127.0.0.1:" + std::to_string(m_port) + "/ingest";
}

void HttpSink::resetCounts()
{
    m_requests = 0;
    m_bytes = 0;
    m_records = 0;
    m_deletes = 0;
}

void HttpSink::stop()
{
    if (m_stopping.exchange(true))
        return;
    if (m_wakeFds[1] >= 0) {
        const char c = 'x';
        [[maybe_unused]] auto n = ::write(m_wakeFds[1], &c, 1);
    }
    if (m_acceptor.joinable())
        m_acceptor.join();
    std::vector<std::thread> workers;
    {
        std::lock_guard lock(m_mutex);
        for (int fd : m_connections)
            ::shutdown(fd, SHUT_RDWR); // wakes the blocked recv
        workers.swap(m_workers);
    }
    for (auto &t : workers)
        t.join();
    for (int fd : {m_listenFd, m_wakeFds[0], m_wakeFds[1]})
        if (fd >= 0)
            ::close(fd);
    m_listenFd = m_wakeFds[0] = m_wakeFds[1] = -1;
}

void HttpSink::acceptLoop()
{
    for (;;) {
        pollfd fds[2] = {{m_listenFd, POLLIN, 0}, {m_wakeFds[0], POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        if (fds[1].revents || m_stopping)
            return;
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0)
            continue;
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        std::lock_guard lock(m_mutex);
        m_connections.push_back(fd);
        m_workers.emplace_back([this, fd] { serve(fd); });
    }
}

void HttpSink::serve(int fd)
{
    std::string buffer;
    buffer.resize(256 * 1024);
    std::size_t have = 0;  // bytes of buffer in use
    std::size_t start = 0; // where the current request begins
    for (;;) {
        // A whole request in the buffer?
        const std::string_view data(buffer.data() + start, have - start);
        const std::size_t headEnd = data.find("\r\n\r\n");
        if (headEnd != std::string_view::npos) {
            const std::size_t length = contentLength(data.substr(0, headEnd));
            const std::size_t total = headEnd + 4 + length;
            if (data.size() >= total) {
                const std::string_view body = data.substr(headEnd + 4, length);
                ++m_requests;
                m_bytes += std::int64_t(total);
                m_records += countOf(body, "\"op\":");
                m_deletes += countOf(body, "\"op\":\"delete\"");
                if (!sendAll(fd, kAnswer))
                    break;
                start += total;
                if (start == have)
                    start = have = 0;
                continue;
            }
            if (start + total > buffer.size()) {
                std::memmove(buffer.data(), buffer.data() + start, have - start);
                have -= start;
                start = 0;
                if (total > buffer.size())
                    buffer.resize(total);
            }
        }
        if (start > 0 && (have == buffer.size() || start > buffer.size() / 2)) {
            std::memmove(buffer.data(), buffer.data() + start, have - start);
            have -= start;
            start = 0;
        }
        if (have == buffer.size())
            buffer.resize(buffer.size() * 2);
        const ssize_t n = ::recv(fd, buffer.data() + have, buffer.size() - have, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        have += std::size_t(n);
    }
    std::lock_guard lock(m_mutex);
    std::erase(m_connections, fd);
    ::close(fd);
}

} // namespace sluice::bench

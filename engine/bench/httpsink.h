#pragma once
// A minimal HTTP/1.1 receiver on 127.0.0.1 for benchmarks: it reads each
// request (Content-Length bodies, keep-alive), counts requests, bytes and the
// webhook records in them, and answers 200 with an empty body at once. Raw
// sockets, one thread per connection, TCP_NODELAY: it costs the sender as
// little as a receiver can, so a benchmark measures the sender.
//
// Started and stopped by whoever benchmarks with it; the destructor stops it.

#include "core/error.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sluice::bench {

class HttpSink {
public:
    // Listens on 127.0.0.1 on a free port.
    static Result<std::unique_ptr<HttpSink>> start();
    ~HttpSink();
    HttpSink(const HttpSink &) = delete;
    HttpSink &operator=(const HttpSink &) = delete;

    int port() const { return m_port; }
    std::string url() const; // http://127.0.0.1:PORT/ingest

    std::int64_t requests() const { return m_requests.load(); }
    std::int64_t bytes() const { return m_bytes.load(); }
    std::int64_t records() const { return m_records.load(); } // occurrences of "op": in bodies
    std::int64_t deletes() const { return m_deletes.load(); } // of them "op":"delete"
    void resetCounts();

    void stop(); // closes the listener and every connection, joins the threads

private:
    HttpSink() = default;
    void acceptLoop();
    void serve(int fd);

    int m_listenFd = -1;
    int m_wakeFds[2] = {-1, -1};
    int m_port = 0;
    std::thread m_acceptor;
    std::mutex m_mutex;
    std::vector<int> m_connections;
    std::vector<std::thread> m_workers;
    std::atomic<bool> m_stopping{false};
    std::atomic<std::int64_t> m_requests{0}, m_bytes{0}, m_records{0}, m_deletes{0};
};

} // namespace sluice::bench

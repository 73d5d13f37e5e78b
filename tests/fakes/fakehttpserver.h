#pragma once
// A loopback HTTP server for tests, the base of every service fake.
//
// Wraps cpp-httplib's server with what tests need from it: a port picked by
// the kernel (tests run in parallel), its own thread, TCP_NODELAY and a high
// keep-alive request count (without them every answer is about 40 ms late and
// connections are dropped after 5 requests), and a stop() that returns at
// once even while clients keep idle connections open or a handler is in a
// deliberate delay.

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace sluice::fakes {

class FakeHttpServer {
public:
    explicit FakeHttpServer(int workerThreads = 8);
    ~FakeHttpServer(); // stops
    FakeHttpServer(const FakeHttpServer &) = delete;
    FakeHttpServer &operator=(const FakeHttpServer &) = delete;

    // Register handlers here before start().
    httplib::Server &http() { return m_server; }

    // Binds 127.0.0.1 on a free port and serves from a thread; throws
    // std::runtime_error when no port can be bound.
    void start(int port = 0); // 0: a free port chosen by the kernel
    // Idempotent. Wakes handlers waiting in pause(), closes kept-alive
    // connections and joins the serving thread.
    void stop();

    int port() const { return m_port; }
    // "http://127.0.0.1:PORT" + path
    std::string url(std::string_view path = "/") const;

    // Waits `delay` (a slow-response behaviour); returns false early when the
    // server is stopping, so a test never waits out a long delay at teardown.
    bool pause(std::chrono::milliseconds delay);

private:
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
};

} // namespace sluice::fakes

#pragma once
// A minimal SMTP server on 127.0.0.1 for the alert tests: one thread, one
// client at a time, speaking EHLO/HELO, AUTH PLAIN, MAIL FROM, RCPT TO,
// DATA, RSET, NOOP and QUIT, and recording every message it accepts. Every
// wait is bounded, and stop() returns at once even with a client connected.

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sluice::test {

struct ReceivedMail {
    std::string from;            // MAIL FROM argument, e.g. "<alerts@example.com>"
    std::vector<std::string> to; // RCPT TO arguments
    std::string data;            // the message, dot-unstuffed, CRLF line ends
    std::string authPlain;       // the decoded AUTH PLAIN response ("\0user\0password"), if any

    // The value of a header of `data` ("" when absent); case-sensitive name.
    std::string header(const std::string &name) const;
};

class FakeSmtpServer {
public:
    FakeSmtpServer();
    ~FakeSmtpServer(); // stops
    FakeSmtpServer(const FakeSmtpServer &) = delete;
    FakeSmtpServer &operator=(const FakeSmtpServer &) = delete;

    // Binds a free port on 127.0.0.1 and serves from a thread; throws
    // std::runtime_error when it cannot.
    void start();
    void stop();
    int port() const { return m_port; }
    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(m_port); }

    std::vector<ReceivedMail> mails() const;
    std::vector<std::string> commands() const; // every command line received, in order

private:
    void serve();
    void session(int fd);
    bool readLine(int fd, std::string &buffer, std::string &line);

    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_stopping{false};
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::vector<ReceivedMail> m_mails;
    std::vector<std::string> m_commands;
};

} // namespace sluice::test

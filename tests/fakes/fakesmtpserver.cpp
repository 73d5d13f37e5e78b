#include "fakesmtpserver.h"

#include <openssl/evp.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <stdexcept>

namespace sluice::test {

namespace {

constexpr int kPollMs = 100;
constexpr auto kLineTimeout = std::chrono::seconds(10);

void sendAll(int fd, const std::string &text)
{
    std::size_t sent = 0;
    while (sent < text.size()) {
        const ssize_t n = ::send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
        if (n <= 0)
            return;
        sent += std::size_t(n);
    }
}

bool startsWithIgnoringCase(const std::string &line, const std::string &prefix)
{
    if (line.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(line[i])) != static_cast<unsigned char>(prefix[i]))
            return false;
    return true;
}

// AUTH PLAIN / LOGIN credentials; "" for what is not base64.
std::string decodeBase64(const std::string &text)
{
    std::string t;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c)))
            t += c;
    if (t.empty() || t.size() % 4 != 0)
        return {};
    std::string out(t.size() / 4 * 3, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                                  reinterpret_cast<const unsigned char *>(t.data()), int(t.size()));
    if (n < 0)
        return {};
    std::size_t size = std::size_t(n);
    // EVP_DecodeBlock counts the padding as zero bytes.
    for (std::size_t i = t.size(); i > 0 && t[i - 1] == '='; --i)
        --size;
    out.resize(size);
    return out;
}

} // namespace

std::string ReceivedMail::header(const std::string &name) const
{
    const std::string key = name + ": ";
    std::size_t at = 0;
    while (at < data.size()) {
        const auto end = data.find("\r\n", at);
        const std::string line = data.substr(at, end == std::string::npos ? std::string::npos : end - at);
        if (line.empty())
            return {}; // the body starts
        if (line.rfind(key, 0) == 0)
            return line.substr(key.size());
        if (end == std::string::npos)
            break;
        at = end + 2;
    }
    return {};
}

FakeSmtpServer::FakeSmtpServer() = default;

FakeSmtpServer::~FakeSmtpServer()
{
    stop();
}

void FakeSmtpServer::start()
{
    m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_listen < 0)
        throw std::runtime_error("fake SMTP server: no socket");
    int on = 1;
    setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (::bind(m_listen, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 || ::listen(m_listen, 8) != 0)
        throw std::runtime_error("fake SMTP server: cannot bind 127.0.0.1");
    socklen_t length = sizeof address;
    getsockname(m_listen, reinterpret_cast<sockaddr *>(&address), &length);
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] { serve(); });
}

void FakeSmtpServer::stop()
{
    m_stopping = true;
    if (m_thread.joinable())
        m_thread.join();
    if (m_listen >= 0) {
        ::close(m_listen);
        m_listen = -1;
    }
}

std::vector<ReceivedMail> FakeSmtpServer::mails() const
{
    std::lock_guard lock(m_mutex);
    return m_mails;
}

std::vector<std::string> FakeSmtpServer::commands() const
{
    std::lock_guard lock(m_mutex);
    return m_commands;
}

void FakeSmtpServer::serve()
{
    while (!m_stopping) {
        pollfd p{m_listen, POLLIN, 0};
        if (::poll(&p, 1, kPollMs) <= 0)
            continue;
        const int client = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0)
            continue;
        session(client);
        ::close(client);
    }
}

bool FakeSmtpServer::readLine(int fd, std::string &buffer, std::string &line)
{
    const auto deadline = std::chrono::steady_clock::now() + kLineTimeout;
    for (;;) {
        const auto end = buffer.find("\r\n");
        if (end != std::string::npos) {
            line = buffer.substr(0, end);
            buffer.erase(0, end + 2);
            return true;
        }
        if (m_stopping || std::chrono::steady_clock::now() > deadline)
            return false;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, kPollMs) <= 0)
            continue;
        char chunk[4096];
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return false;
        buffer.append(chunk, std::size_t(n));
    }
}

void FakeSmtpServer::session(int fd)
{
    sendAll(fd, "220 fake.smtp.test ESMTP ready\r\n");
    std::string buffer;
    std::string line;
    ReceivedMail mail;
    std::string auth;
    while (readLine(fd, buffer, line)) {
        {
            std::lock_guard lock(m_mutex);
            m_commands.push_back(line);
        }
        if (startsWithIgnoringCase(line, "EHLO")) {
            sendAll(fd, "250-fake.smtp.test\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n");
        } else if (startsWithIgnoringCase(line, "HELO")) {
            sendAll(fd, "250 fake.smtp.test\r\n");
        } else if (startsWithIgnoringCase(line, "AUTH PLAIN")) {
            std::string response = line.size() > 11 ? line.substr(11) : std::string();
            if (response.empty()) {
                sendAll(fd, "334 \r\n");
                if (!readLine(fd, buffer, response))
                    return;
            }
            auth = decodeBase64(response);
            sendAll(fd, "235 2.7.0 authenticated\r\n");
        } else if (startsWithIgnoringCase(line, "MAIL FROM:")) {
            mail = ReceivedMail{};
            mail.from = line.substr(10);
            mail.authPlain = auth;
            sendAll(fd, "250 2.1.0 ok\r\n");
        } else if (startsWithIgnoringCase(line, "RCPT TO:")) {
            mail.to.push_back(line.substr(8));
            sendAll(fd, "250 2.1.5 ok\r\n");
        } else if (startsWithIgnoringCase(line, "DATA")) {
            sendAll(fd, "354 end with <CRLF>.<CRLF>\r\n");
            std::string data;
            std::string dataLine;
            bool complete = false;
            while (readLine(fd, buffer, dataLine)) {
                if (dataLine == ".") {
                    complete = true;
                    break;
                }
                // Dot-stuffing (RFC 5321 4.5.2): a leading dot was doubled.
                if (!dataLine.empty() && dataLine[0] == '.')
                    dataLine.erase(0, 1);
                data += dataLine + "\r\n";
            }
            if (!complete)
                return;
            mail.data = data;
            {
                std::lock_guard lock(m_mutex);
                m_mails.push_back(mail);
            }
            sendAll(fd, "250 2.0.0 queued\r\n");
        } else if (startsWithIgnoringCase(line, "RSET") || startsWithIgnoringCase(line, "NOOP")) {
            sendAll(fd, "250 2.0.0 ok\r\n");
        } else if (startsWithIgnoringCase(line, "QUIT")) {
            sendAll(fd, "221 2.0.0 bye\r\n");
            return;
        } else {
            sendAll(fd, "502 5.5.2 not implemented\r\n");
        }
    }
}

} // namespace sluice::test

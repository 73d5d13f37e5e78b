#include "pgconnect.h"

#include <poll.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>

namespace sluice::pg {

namespace {

using Clock = std::chrono::steady_clock;

bool contains(std::string_view haystack, std::string_view needle)
{
    return haystack.find(needle) != std::string_view::npos;
}

// libpq's message for a failed connection, reduced to what the user needs:
// "connection to server at "h" (1.2.3.4), port 5432 failed: FATAL:  x" -> "x".
std::string libpqReason(const std::string &message)
{
    std::string line = firstLine(message);
    if (line.starts_with("connection to server")) {
        const auto failedAt = line.find(" failed: ");
        if (failedAt != std::string::npos)
            line.erase(0, failedAt + 9);
    }
    for (std::string_view prefix : {"FATAL:  ", "ERROR:  "}) {
        if (line.starts_with(prefix))
            line.erase(0, prefix.size());
    }
    return line.empty() ? "the connection failed" : line;
}

} // namespace

std::string firstLine(std::string_view s)
{
    s = s.substr(0, s.find('\n'));
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t'))
        s.remove_suffix(1);
    return std::string(s);
}

Error connectionError(const std::string &message, const std::string &user, const Endpoint &endpoint,
                      const std::string &where)
{
    const std::string address = endpoint.host + ":" + std::to_string(endpoint.port);
    if (contains(message, "password authentication failed"))
        return Error{ErrorKind::Failed, "postgres.auth", "the password for user '" + user + "' was refused", where};
    if (contains(message, "no password supplied"))
        return Error{ErrorKind::Failed, "postgres.auth",
                     "the server wants a password for user '" + user + "' and none was given", where};
    if (contains(message, "database \"") && contains(message, "\" does not exist"))
        return Error{ErrorKind::Failed, "postgres.no_database", "database '" + endpoint.database + "' does not exist",
                     where};
    if (contains(message, "role \"") && contains(message, "\" does not exist"))
        return Error{ErrorKind::Failed, "postgres.no_role", "user '" + user + "' does not exist on the server", where};
    static const std::pair<std::string_view, std::string_view> unreachable[] = {
        {"Connection refused", "connection refused"},
        {"could not translate host name", "unknown host name"},
        {"No route to host", "no route to host"},
        {"Network is unreachable", "network is unreachable"},
        {"Connection timed out", "timed out"},
        {"timeout expired", "timed out"},
        {"No such file or directory", "no server socket there"},
    };
    for (const auto &[needle, reason] : unreachable) {
        if (contains(message, needle))
            return Error{ErrorKind::Failed, "postgres.unreachable",
                         "cannot reach " + address + ": " + std::string(reason), where};
    }
    if (contains(message, "could not connect"))
        return Error{ErrorKind::Failed, "postgres.unreachable", "cannot reach " + address + ": " + libpqReason(message),
                     where};
    // The server is there but cannot take us just now.
    for (std::string_view busy : {"too many clients", "starting up", "shutting down", "in recovery mode"}) {
        if (contains(message, busy))
            return Error{ErrorKind::Failed, "postgres.unavailable", libpqReason(message), where};
    }
    return Error{ErrorKind::Failed, "postgres.error", libpqReason(message), where};
}

Result<ConnPtr> connect(const Endpoint &endpoint, const std::string &where, const std::function<bool()> &isCancelled,
                        int sliceMs)
{
    const std::string port = std::to_string(endpoint.port);
    const std::string timeout = std::to_string(std::max(0, endpoint.connectTimeoutSeconds));
    std::vector<const char *> keywords
        = {"host",           "port", "dbname", "user", "password", "sslmode", "connect_timeout", "application_name",
           "client_encoding"};
    std::vector<const char *> values = {endpoint.host.c_str(),
                                        port.c_str(),
                                        endpoint.database.c_str(),
                                        endpoint.user.c_str(),
                                        endpoint.password.c_str(),
                                        endpoint.sslmode.c_str(),
                                        timeout.c_str(),
                                        "sluice",
                                        "UTF8"};
    for (const auto &[key, value] : endpoint.extra) {
        keywords.push_back(key.c_str());
        values.push_back(value.c_str());
    }
    keywords.push_back(nullptr);
    values.push_back(nullptr);

    // Non-blocking, so a cancel or our own deadline interrupts a slow server:
    // libpq only applies connect_timeout itself in its blocking calls.
    ConnPtr conn(PQconnectStartParams(keywords.data(), values.data(), 0));
    if (!conn)
        return failed("postgres.error", "out of memory", where);
    std::optional<Clock::time_point> deadline;
    if (endpoint.connectTimeoutSeconds > 0)
        deadline = Clock::now() + std::chrono::seconds(endpoint.connectTimeoutSeconds);

    PostgresPollingStatusType status = PGRES_POLLING_WRITING;
    while (status != PGRES_POLLING_OK) {
        if (status == PGRES_POLLING_FAILED || PQstatus(conn.get()) == CONNECTION_BAD) {
            status = PGRES_POLLING_FAILED;
            break;
        }
        if (isCancelled && isCancelled())
            return cancelled(where);
        if (deadline && Clock::now() >= *deadline)
            return failed("postgres.unreachable",
                          "cannot reach " + endpoint.host + ":" + port + ": no answer within "
                              + std::to_string(endpoint.connectTimeoutSeconds) + " s",
                          where);
        pollfd pfd{PQsocket(conn.get()), short(status == PGRES_POLLING_READING ? POLLIN : POLLOUT), 0};
        const int ready = ::poll(&pfd, 1, sliceMs);
        if (ready < 0 && errno != EINTR)
            return failed("postgres.error", std::string("waiting for the server failed: ") + std::strerror(errno),
                          where);
        if (ready > 0)
            status = PQconnectPoll(conn.get());
    }
    if (status == PGRES_POLLING_FAILED) {
        const char *userName = PQuser(conn.get());
        const std::string user = userName && *userName ? userName : endpoint.user;
        return std::unexpected(connectionError(PQerrorMessage(conn.get()), user, endpoint, where));
    }
    // libpq prints server notices (e.g. "table does not exist, skipping") on
    // stderr by default, which would end up in sluicectl's output.
    PQsetNoticeProcessor(
        conn.get(), [](void *, const char *) {}, nullptr);
    return conn;
}

} // namespace sluice::pg

// The PostgreSQL source's statements: one in flight at a time, sent, waited
// for (cancel requests repeated, then given up on), its results read one by
// one, and its errors in the user's terms.

#include "sources/postgresinternal.h"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <functional>
#include <optional>

namespace sluice {

namespace pgsource {

// Characters (not bytes) of UTF-8 text: the server counts error positions in characters.
std::size_t utf8Length(std::string_view s)
{
    return std::size_t(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

} // namespace pgsource

using namespace pgsource;

namespace {

// A cancel request can arrive just before the server starts the statement and
// be lost, so it is repeated this often while the statement goes on.
constexpr auto kCancelRepeat = std::chrono::seconds(1);
// A server that ignores cancel requests this long is given up on: the
// connection is closed (the next call reconnects).
constexpr auto kCancelGiveUp = std::chrono::seconds(5);

} // namespace

Result<void> PostgresSource::sendQuery(const std::string &sql, bool singleRow)
{
    bool sent = false;
    {
        // Under the lock so a concurrent cancel() either sees the statement
        // running (and cancels it) or we see its flag (and do not start).
        std::lock_guard lock(m_cancelMutex);
        if (m_cancelled)
            return cancelled(where());
        // The extended protocol takes exactly one statement: a model cannot
        // smuggle a COMMIT or a write behind its query.
        sent = PQsendQueryParams(m_conn, sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) == 1;
        m_queryRunning = sent;
    }
    if (!sent) {
        const std::string reason = firstLine(PQerrorMessage(m_conn));
        closeConnection();
        return failed("postgres.connection_lost", "the connection to the server was lost: " + reason, where());
    }
    if (singleRow)
        PQsetSingleRowMode(m_conn);
    return {};
}

Result<void> PostgresSource::waitForResult(bool stopping)
{
    std::optional<Clock::time_point> stopSince;
    Clock::time_point lastCancel;
    while (PQisBusy(m_conn)) {
        if (stopping || m_cancelled) {
            const auto now = Clock::now();
            if (!stopSince) {
                stopSince = now;
                lastCancel = now;
            } else if (now - *stopSince > kCancelGiveUp) {
                closeConnection();
                if (m_cancelled)
                    return cancelled(where());
                return failed("postgres.cancel_timeout", "the server did not answer a cancel request", where());
            } else if (now - lastCancel > kCancelRepeat) {
                sendCancel();
                lastCancel = now;
            }
        }
        pollfd pfd{PQsocket(m_conn), POLLIN, 0};
        const int ready = ::poll(&pfd, 1, kSliceMs);
        if ((ready < 0 && errno != EINTR) || (ready > 0 && !PQconsumeInput(m_conn))) {
            const std::string reason = ready < 0 ? std::strerror(errno) : firstLine(PQerrorMessage(m_conn));
            closeConnection();
            if (m_cancelled)
                return cancelled(where());
            return failed("postgres.connection_lost", "the connection to the server was lost: " + reason, where());
        }
    }
    return {};
}

Result<pg_result *> PostgresSource::nextResult(bool stopping)
{
    if (!m_conn)
        return failed("postgres.connection_lost", "the connection to the server was lost", where());
    if (auto ready = waitForResult(stopping); !ready)
        return std::unexpected(ready.error());
    return takeResult();
}

Result<pg_result *> PostgresSource::takeResult()
{
    PGresult *result = PQgetResult(m_conn);
    if (!result) {
        std::lock_guard lock(m_cancelMutex);
        m_queryRunning = false;
        return nullptr;
    }
    switch (PQresultStatus(result)) {
    case PGRES_COPY_IN:
    case PGRES_COPY_OUT:
    case PGRES_COPY_BOTH:
        // libpq would hand out this result forever; closing is the way out of a COPY.
        PQclear(result);
        closeConnection();
        return invalidInput("postgres.copy", "a COPY statement cannot be read as a model; write a SELECT", where());
    default: return result;
    }
}

Result<void> PostgresSource::finishQuery()
{
    std::optional<Error> error;
    while (m_conn) {
        auto result = nextResult(false);
        if (!result)
            return std::unexpected(error.value_or(result.error()));
        ResultPtr owned(*result);
        if (!owned)
            break;
        // A later statement of a multi-statement model can still fail.
        const ExecStatusType status = PQresultStatus(owned.get());
        if (!error && status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && status != PGRES_SINGLE_TUPLE
            && status != PGRES_EMPTY_QUERY)
            error = queryError(owned.get());
    }
    endReadOnlyTransaction();
    if (error)
        return std::unexpected(*error);
    return {};
}

Result<void> PostgresSource::runStatement(const std::string &sql, const std::function<bool(pg_result *)> &keep)
{
    m_sqlSkipChars = 0;
    m_sqlBodyChars = utf8Length(sql);
    if (auto sent = sendQuery(sql, false); !sent)
        return std::unexpected(sent.error());
    std::optional<Error> error;
    for (;;) {
        auto result = nextResult(false);
        if (!result)
            return std::unexpected(result.error());
        ResultPtr owned(*result);
        if (!owned)
            break;
        if (keep && keep(owned.get())) {
            (void)owned.release(); // the caller's now
            continue;
        }
        if (!error && PQresultStatus(owned.get()) != PGRES_COMMAND_OK)
            error = queryError(owned.get());
    }
    if (error)
        return std::unexpected(*error);
    return {};
}

Result<void> PostgresSource::command(const std::string &sql)
{
    return runStatement(sql, {});
}

void PostgresSource::endReadOnlyTransaction()
{
    if (!m_inReadOnlyTransaction || !m_conn)
        return;
    m_inReadOnlyTransaction = false;
    (void)command("ROLLBACK"); // read-only: nothing to keep
}

void PostgresSource::abandonQuery()
{
    abandonStatement();
    endReadOnlyTransaction();
}

void PostgresSource::abandonStatement()
{
    {
        std::lock_guard lock(m_cancelMutex);
        if (!m_conn || !m_queryRunning)
            return;
    }
    // Results already received need no cancel request. One reaching a server
    // that has just finished is normally ignored, but skipping it keeps the
    // next statement clear of that race altogether.
    if (PQconsumeInput(m_conn)) {
        while (!PQisBusy(m_conn)) {
            auto result = takeResult();
            if (!result || !*result)
                return;
            PQclear(*result);
        }
    }
    sendCancel();
    // Drain until the server acknowledges; waitForResult closes the
    // connection if it never does, which also leaves the source usable.
    for (;;) {
        auto result = nextResult(true);
        if (!result || !*result)
            return;
        PQclear(*result);
    }
}

Error PostgresSource::queryError(const pg_result *result) const
{
    const char *sqlState = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    const std::string state = sqlState ? sqlState : "";
    if (m_cancelled && (state == "57014" || state.empty()))
        return cancelled(where()).error();

    const char *primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    std::string message = primary ? primary : firstLine(PQresultErrorMessage(result));
    if (message.empty())
        message = "the query failed";

    if (!m_conn || PQstatus(m_conn) == CONNECTION_BAD || state.starts_with("08"))
        return Error{ErrorKind::Failed, "postgres.connection_lost", "the connection to the server was lost: " + message,
                     where()};
    // Not the SQL's fault: the server is short of something, shutting down,
    // or a statement_timeout hit.
    for (std::string_view serverClass : {"53", "57", "58", "XX"}) {
        if (state.starts_with(serverClass))
            return Error{ErrorKind::Failed, "postgres.error", message, where()};
    }

    // 25006 read_only_sql_transaction: the model tried to change something.
    if (state == "25006")
        return Error{ErrorKind::InvalidInput, "postgres.read_only",
                     "read-only: Sluice reads warehouses in read-only transactions, and the model tried to change "
                     "data ("
                         + message + ")",
                     where()};
    // A second statement sent as one (the splitter missed it): the server's word.
    if (state == "42601" && message.find("multiple commands") != std::string::npos)
        return Error{ErrorKind::InvalidInput, "postgres.one_statement",
                     "a model is one read-only query (SET search_path ... may come before it)", where()};
    // Positions count from 1 in the statement sent; report them in the
    // user's SQL, and not at all when they point into our LIMIT/ORDER BY wrapper.
    if (const char *position = PQresultErrorField(result, PG_DIAG_STATEMENT_POSITION)) {
        std::size_t pos = 0;
        const std::string_view text(position);
        const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), pos);
        if (ec == std::errc() && pos > m_sqlSkipChars && pos - m_sqlSkipChars <= m_sqlBodyChars)
            message += " (position " + std::to_string(pos - m_sqlSkipChars) + ")";
    }
    return Error{ErrorKind::InvalidInput, "postgres.sql", message, where()};
}

Result<pg_result *> PostgresSource::exec(const std::string &sql)
{
    ResultPtr rows;
    auto ran = runStatement(sql, [&rows](pg_result *result) {
        if (PQresultStatus(result) != PGRES_TUPLES_OK)
            return false;
        rows.reset(result);
        return true;
    });
    if (!ran)
        return std::unexpected(ran.error());
    if (!rows)
        return failed("postgres.error", "the catalog query returned no rows", where());
    return rows.release();
}

} // namespace sluice

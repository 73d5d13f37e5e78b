#include "sources/postgressource.h"

#include "sources/sqlstatements.h"

#include <libpq-fe.h>

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <optional>
#include <map>
#include <set>

namespace sluice {

namespace {

using Clock = std::chrono::steady_clock;

// Blocking waits look at the cancel flag this often.
constexpr int kSliceMs = 100;
// A cancel request can arrive just before the server starts the statement and
// be lost, so it is repeated this often while the statement goes on.
constexpr auto kCancelRepeat = std::chrono::seconds(1);
// A server that ignores cancel requests this long is given up on: the
// connection is closed (the next call reconnects).
constexpr auto kCancelGiveUp = std::chrono::seconds(5);

// Built-in type OIDs (pg_type.dat); fixed across server versions.
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

ValueType valueTypeForOid(Oid oid)
{
    switch (oid) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
        return ValueType::Integer;
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid:
        return ValueType::Real;
    case kBoolOid:
        return ValueType::Boolean;
    default:
        return ValueType::Text;
    }
}

// Whether a column's type is text, by the name format_type() gives it (or
// "oid:N" when the names could not be read): only text takes COLLATE.
bool isTextType(const std::string &declared)
{
    static const std::set<std::string> names = {"text", "character varying", "character", "name", "citext",
                                                "\"char\"", "oid:25", "oid:1043", "oid:1042", "oid:19", "oid:18"};
    return names.count(declared) > 0;
}

// Text format to Value. Anything that does not parse as its type (numeric
// 'NaN' does, as does 'Infinity') is kept as text rather than lost.
Value toValue(const char *text, int length, ValueType type)
{
    const char *end = text + length;
    switch (type) {
    case ValueType::Integer: {
        std::int64_t v = 0;
        const auto [ptr, ec] = std::from_chars(text, end, v);
        if (ec == std::errc() && ptr == end)
            return v;
        break;
    }
    case ValueType::Real: {
        double v = 0;
        const auto [ptr, ec] = std::from_chars(text, end, v);
        if (ec == std::errc() && ptr == end)
            return v;
        break;
    }
    case ValueType::Boolean:
        return length > 0 && text[0] == 't';
    default:
        break;
    }
    return std::string(text, std::size_t(length));
}

struct ResultDeleter {
    void operator()(PGresult *r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

std::string firstLine(std::string_view s)
{
    s = s.substr(0, s.find('\n'));
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t'))
        s.remove_suffix(1);
    return std::string(s);
}

bool contains(std::string_view haystack, std::string_view needle)
{
    return haystack.find(needle) != std::string_view::npos;
}

// Characters (not bytes) of UTF-8 text: the server counts error positions in characters.
std::size_t utf8Length(std::string_view s)
{
    return std::size_t(std::count_if(s.begin(), s.end(),
                                     [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
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

// Streams the rows of the statement in flight; the source does the waiting.
class PostgresCursor final : public RowCursor {
public:
    PostgresCursor(PostgresSource &source, std::vector<Column> columns, ResultPtr first)
        : m_source(&source), m_columns(std::move(columns)), m_pending(std::move(first))
    {
        if (!m_pending)
            m_done = true;
    }

    ~PostgresCursor() override
    {
        abandon();
        if (m_source && m_source->m_cursor == this)
            m_source->m_cursor = nullptr;
    }

    const std::vector<Column> &columns() const override { return m_columns; }

    Result<bool> next(Row &row) override
    {
        if (m_superseded)
            return failed("postgres.superseded",
                          "another call used the connection before this query's rows were all read");
        if (m_done)
            return false;
        if (!m_source) {
            m_done = true;
            return failed("postgres.closed", "the PostgreSQL source was closed");
        }
        if (m_source->m_cancelled) {
            abandon();
            return cancelled(m_source->where());
        }
        ResultPtr result = std::move(m_pending);
        if (!result) {
            auto nextResult = m_source->nextResult(false);
            if (!nextResult) {
                m_done = true;
                return std::unexpected(nextResult.error());
            }
            result.reset(*nextResult);
        }
        if (!result) {
            m_done = true;
            return false;
        }
        switch (PQresultStatus(result.get())) {
        case PGRES_SINGLE_TUPLE: {
            const int n = int(m_columns.size());
            row.resize(m_columns.size());
            for (int i = 0; i < n; ++i) {
                if (PQgetisnull(result.get(), 0, i))
                    row[i] = Value();
                else
                    row[i] = toValue(PQgetvalue(result.get(), 0, i), PQgetlength(result.get(), 0, i),
                                     m_columns[i].type);
            }
            return true;
        }
        case PGRES_TUPLES_OK:
        case PGRES_COMMAND_OK:
        case PGRES_EMPTY_QUERY: {
            m_done = true;
            result.reset();
            if (auto finished = m_source->finishQuery(); !finished)
                return std::unexpected(finished.error());
            return false;
        }
        default: {
            m_done = true;
            const Error error = m_source->queryError(result.get());
            result.reset();
            (void) m_source->finishQuery();
            return std::unexpected(error);
        }
        }
    }

    // Stops the statement so the connection is free for the next one.
    void abandon()
    {
        m_pending.reset();
        if (m_done || !m_source)
            return;
        m_done = true;
        m_source->abandonQuery();
    }

    // Another call needs the connection; reading on would silently miss rows.
    void supersede()
    {
        if (!m_done)
            m_superseded = true;
        abandon();
    }

    void detach() { m_source = nullptr; }

private:
    PostgresSource *m_source;
    std::vector<Column> m_columns;
    ResultPtr m_pending; // the first result, read by query() to learn the columns
    bool m_done = false;
    bool m_superseded = false;
};

PostgresSource::PostgresSource(PostgresSettings settings) : m_settings(std::move(settings)) {}

PostgresSource::~PostgresSource()
{
    if (m_cursor)
        m_cursor->detach();
    closeConnection();
}

std::string PostgresSource::where() const
{
    return m_settings.host + ":" + std::to_string(m_settings.port) + "/" + m_settings.database;
}

std::string PostgresSource::collationFor(const Column &column) const
{
    return isTextType(column.declaredType) ? bytewiseTextCollation() : std::string();
}

std::string PostgresSource::comparison(const Column &column, std::string_view op, const Value &value) const
{
    std::string literal = sqlLiteral(value);
    // A date, timestamp, uuid, ... read as text compares as its own type: the
    // literal is cast to it (DateStyle is ISO for our sessions, and ISO 8601
    // input parses the same under any DateStyle).
    const std::string &type = column.declaredType;
    if (value.type() == ValueType::Text && !isTextType(type) && !type.empty() && !type.starts_with("oid:"))
        literal = "CAST(" + literal + " AS " + type + ")";
    return quoteIdentifier(column.name) + collationFor(column) + " " + std::string(op) + " " + literal;
}

Result<pg_conn *> PostgresSource::connection()
{
    if (m_cancelled)
        return cancelled(where());
    if (m_conn) {
        if (PQstatus(m_conn) == CONNECTION_OK)
            return m_conn;
        closeConnection(); // the server went away; try once more from scratch
    }

    const std::string port = std::to_string(m_settings.port);
    const std::string timeout = std::to_string(std::max(0, m_settings.connectTimeoutSeconds));
    const char *keywords[] = {"host",    "port",           "dbname",          "user",
                              "password", "sslmode",       "connect_timeout", "application_name",
                              "client_encoding", "options", nullptr};
    const char *values[] = {m_settings.host.c_str(),     port.c_str(),
                            m_settings.database.c_str(), m_settings.user.c_str(),
                            m_settings.password.c_str(), m_settings.sslmode.c_str(),
                            timeout.c_str(),             "sluice",
                            "UTF8",
                            // Dates and timestamps as ISO 8601 text whatever the
                            // server's or role's DateStyle: cursors compare them.
                            // Read-only by default; each model query also runs in BEGIN READ ONLY.
                            "-c DateStyle=ISO,YMD -c default_transaction_read_only=on", nullptr};

    // Non-blocking, so a cancel() or our own deadline interrupts a slow server:
    // libpq only applies connect_timeout itself in its blocking calls.
    PGconn *conn = PQconnectStartParams(keywords, values, 0);
    if (!conn)
        return failed("postgres.error", "out of memory", where());
    const std::string endpoint = m_settings.host + ":" + port;
    std::optional<Clock::time_point> deadline;
    if (m_settings.connectTimeoutSeconds > 0)
        deadline = Clock::now() + std::chrono::seconds(m_settings.connectTimeoutSeconds);

    PostgresPollingStatusType status = PGRES_POLLING_WRITING;
    while (status != PGRES_POLLING_OK) {
        if (status == PGRES_POLLING_FAILED || PQstatus(conn) == CONNECTION_BAD) {
            status = PGRES_POLLING_FAILED;
            break;
        }
        if (m_cancelled) {
            PQfinish(conn);
            return cancelled(where());
        }
        if (deadline && Clock::now() >= *deadline) {
            PQfinish(conn);
            return failed("postgres.unreachable",
                          "cannot reach " + endpoint + ": no answer within "
                              + std::to_string(m_settings.connectTimeoutSeconds) + " s",
                          where());
        }
        pollfd pfd{PQsocket(conn), short(status == PGRES_POLLING_READING ? POLLIN : POLLOUT), 0};
        const int ready = ::poll(&pfd, 1, kSliceMs);
        if (ready < 0 && errno != EINTR) {
            const std::string reason = std::strerror(errno);
            PQfinish(conn);
            return failed("postgres.error", "waiting for the server failed: " + reason, where());
        }
        if (ready > 0)
            status = PQconnectPoll(conn);
    }

    if (status == PGRES_POLLING_FAILED) {
        const std::string message = PQerrorMessage(conn);
        const char *userName = PQuser(conn);
        const std::string user = userName && *userName ? userName : m_settings.user;
        PQfinish(conn);
        if (contains(message, "password authentication failed"))
            return failed("postgres.auth", "the password for user '" + user + "' was refused", where());
        if (contains(message, "no password supplied"))
            return failed("postgres.auth",
                          "the server wants a password for user '" + user + "' and none was given",
                          where());
        if (contains(message, "database \"") && contains(message, "\" does not exist"))
            return failed("postgres.no_database",
                          "database '" + m_settings.database + "' does not exist", where());
        if (contains(message, "role \"") && contains(message, "\" does not exist"))
            return failed("postgres.no_role", "user '" + user + "' does not exist on the server",
                          where());
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
                return failed("postgres.unreachable", "cannot reach " + endpoint + ": " + std::string(reason),
                              where());
        }
        if (contains(message, "could not connect"))
            return failed("postgres.unreachable", "cannot reach " + endpoint + ": " + libpqReason(message),
                          where());
        return failed("postgres.error", libpqReason(message), where());
    }

    // libpq prints server notices (e.g. "table does not exist, skipping") on
    // stderr by default, which would end up in sluicectl's output.
    PQsetNoticeProcessor(conn, [](void *, const char *) {}, nullptr);
    PGcancel *cancelHandle = PQgetCancel(conn);
    {
        std::lock_guard lock(m_cancelMutex);
        m_conn = conn;
        m_cancelHandle = cancelHandle;
        m_queryRunning = false;
    }
    return conn;
}

void PostgresSource::closeConnection()
{
    PGconn *conn = nullptr;
    PGcancel *cancelHandle = nullptr;
    {
        std::lock_guard lock(m_cancelMutex);
        std::swap(conn, m_conn);
        std::swap(cancelHandle, m_cancelHandle);
        m_queryRunning = false;
    }
    if (cancelHandle)
        PQfreeCancel(cancelHandle);
    if (conn)
        PQfinish(conn);
}

void PostgresSource::cancel()
{
    m_cancelled = true;
    sendCancel();
}

void PostgresSource::sendCancel()
{
    std::lock_guard lock(m_cancelMutex);
    if (!m_cancelHandle || !m_queryRunning)
        return;
    // Nothing useful to do if the request cannot be delivered: the waiting
    // thread repeats it and eventually gives up on the connection.
    char error[256];
    PQcancel(m_cancelHandle, error, int(sizeof error));
}

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
        return failed("postgres.connection_lost", "the connection to the server was lost: " + reason,
                      where());
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
                return failed("postgres.cancel_timeout", "the server did not answer a cancel request",
                              where());
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
            return failed("postgres.connection_lost",
                          "the connection to the server was lost: " + reason, where());
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
        return invalidInput("postgres.copy", "a COPY statement cannot be read as a model; write a SELECT",
                            where());
    default:
        return result;
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
        if (!error && status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK
            && status != PGRES_SINGLE_TUPLE && status != PGRES_EMPTY_QUERY)
            error = queryError(owned.get());
    }
    endReadOnlyTransaction();
    if (error)
        return std::unexpected(*error);
    return {};
}

Result<void> PostgresSource::command(const std::string &sql)
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
        if (!error && PQresultStatus(owned.get()) != PGRES_COMMAND_OK)
            error = queryError(owned.get());
    }
    if (error)
        return std::unexpected(*error);
    return {};
}

void PostgresSource::endReadOnlyTransaction()
{
    if (!m_inReadOnlyTransaction || !m_conn)
        return;
    m_inReadOnlyTransaction = false;
    (void) command("ROLLBACK"); // read-only: nothing to keep
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
        return Error{ErrorKind::Failed, "postgres.connection_lost",
                     "the connection to the server was lost: " + message, where()};
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
                     "data (" + message + ")",
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
    m_sqlSkipChars = 0;
    m_sqlBodyChars = utf8Length(sql);
    if (auto sent = sendQuery(sql, false); !sent)
        return std::unexpected(sent.error());
    ResultPtr rows;
    std::optional<Error> error;
    for (;;) {
        auto result = nextResult(false);
        if (!result)
            return std::unexpected(result.error());
        ResultPtr owned(*result);
        if (!owned)
            break;
        if (PQresultStatus(owned.get()) == PGRES_TUPLES_OK)
            rows = std::move(owned);
        else if (!error && PQresultStatus(owned.get()) != PGRES_COMMAND_OK)
            error = queryError(owned.get());
    }
    if (error)
        return std::unexpected(*error);
    if (!rows)
        return failed("postgres.error", "the catalog query returned no rows", where());
    return rows.release();
}

Result<void> PostgresSource::loadTypeNames()
{
    // Every type a result column can have, but not the row types of tables
    // (nor their arrays), which would make this grow with the warehouse.
    auto result = exec(R"(SELECT t.oid, pg_catalog.format_type(t.oid, NULL)
FROM pg_catalog.pg_type t
LEFT JOIN pg_catalog.pg_type e ON e.oid = t.typelem
WHERE t.typrelid = 0 AND COALESCE(e.typrelid, 0) = 0)");
    if (!result)
        return std::unexpected(result.error());
    const ResultPtr rows(*result);
    for (int i = 0, n = PQntuples(rows.get()); i < n; ++i) {
        unsigned oid = 0;
        const std::string_view text(PQgetvalue(rows.get(), i, 0));
        std::from_chars(text.data(), text.data() + text.size(), oid);
        m_typeNames.emplace(oid, PQgetvalue(rows.get(), i, 1));
    }
    return {};
}

Result<std::string> PostgresSource::testConnection()
{
    if (m_cursor)
        m_cursor->supersede();
    auto conn = connection();
    if (!conn)
        return std::unexpected(conn.error());
    // server_version reads like "15.18 (Debian 15.18-0+deb12u1)"; the number is enough.
    std::string version;
    if (const char *serverVersion = PQparameterStatus(*conn, "server_version"))
        version = std::string(serverVersion).substr(0, std::string_view(serverVersion).find(' '));
    else
        version = std::to_string(PQserverVersion(*conn) / 10000);
    return "PostgreSQL " + version + " on " + m_settings.host + ":" + std::to_string(m_settings.port)
           + ", database " + PQdb(*conn) + " as user " + PQuser(*conn);
}

Result<std::vector<TableInfo>> PostgresSource::listTables()
{
    if (m_cursor)
        m_cursor->supersede();
    if (auto conn = connection(); !conn)
        return std::unexpected(conn.error());
    // One catalog query for everything. Partitions are left out: they are read
    // through their parent, and a warehouse can have thousands of them.
    auto result = exec(R"(SELECT n.nspname, c.relname, c.relkind IN ('v', 'm'),
       a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
       COALESCE(NULLIF(t.typbasetype, 0), a.atttypid)
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND NOT c.relispartition
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
ORDER BY n.nspname, c.relname, a.attnum)");
    if (!result)
        return std::unexpected(result.error());
    const ResultPtr rows(*result);

    std::vector<TableInfo> tables;
    for (int i = 0, n = PQntuples(rows.get()); i < n; ++i) {
        const char *schema = PQgetvalue(rows.get(), i, 0);
        const char *name = PQgetvalue(rows.get(), i, 1);
        if (tables.empty() || tables.back().schema != schema || tables.back().name != name) {
            TableInfo table;
            table.schema = schema;
            table.name = name;
            table.isView = PQgetvalue(rows.get(), i, 2)[0] == 't';
            tables.push_back(std::move(table));
        }
        if (PQgetisnull(rows.get(), i, 3))
            continue; // a table without columns
        Column column;
        column.name = PQgetvalue(rows.get(), i, 3);
        column.declaredType = PQgetvalue(rows.get(), i, 4);
        Oid oid = 0;
        const std::string_view oidText(PQgetvalue(rows.get(), i, 5));
        std::from_chars(oidText.data(), oidText.data() + oidText.size(), oid);
        column.type = valueTypeForOid(oid);
        tables.back().columns.push_back(std::move(column));
    }
    return tables;
}

Result<std::unique_ptr<RowCursor>> PostgresSource::query(const QuerySpec &spec)
{
    // One statement at a time per connection: an older cursor gives way.
    if (m_cursor)
        m_cursor->supersede();
    if (auto conn = connection(); !conn)
        return std::unexpected(conn.error());
    if (!m_typeNamesLoaded) {
        // Without the names columns are still typed, only labelled "oid:NNNN",
        // so a failure here is not worth failing the query or retrying for.
        auto loaded = loadTypeNames();
        if (!loaded && loaded.error().kind == ErrorKind::Cancelled)
            return std::unexpected(loaded.error());
        m_typeNamesLoaded = true;
        if (auto conn = connection(); !conn)
            return std::unexpected(conn.error());
    }

    // Bytewise order needs COLLATE "C" on text keys, and PostgreSQL refuses
    // COLLATE on other types: learn the column types first (LIMIT 0).
    std::function<std::string(const std::string &)> collate;
    if (spec.bytewiseOrder && !spec.orderBy.empty()) {
        QuerySpec probe;
        probe.sql = spec.sql;
        probe.limit = 0;
        auto probed = query(probe);
        if (!probed)
            return std::unexpected(probed.error());
        std::map<std::string, std::string> clauses;
        for (const Column &c : (*probed)->columns())
            clauses[c.name] = collationFor(c);
        probed->reset();
        collate = [clauses](const std::string &column) {
            const auto it = clauses.find(column);
            return it == clauses.end() ? std::string() : it->second;
        };
    }
    // The model runs read-only (issue 19): in BEGIN READ ONLY, which it cannot
    // end or make writable: its session settings (SET search_path ...) and
    // then its one query, each sent as a single statement.
    auto statements = readOnlyModelStatements(spec.sql);
    if (!statements)
        return std::unexpected(statements.error());
    const std::string &model = statements->back().text;
    const std::string sql = wrapModelSql(model, spec, '"', collate);
    if (auto begun = command("BEGIN READ ONLY"); !begun)
        return std::unexpected(begun.error());
    m_inReadOnlyTransaction = true;
    for (std::size_t k = 0; k + 1 < statements->size(); ++k)
        if (auto set = command((*statements)[k].text); !set) {
            endReadOnlyTransaction();
            return std::unexpected(set.error());
        }
    const std::string body = wrapModelSql(model, QuerySpec{});
    const std::size_t bodyAt = sql.find(body);
    m_sqlSkipChars = bodyAt == std::string::npos ? 0 : utf8Length(std::string_view(sql).substr(0, bodyAt));
    m_sqlBodyChars = utf8Length(body);

    if (auto sent = sendQuery(sql, true); !sent) {
        endReadOnlyTransaction();
        return std::unexpected(sent.error());
    }
    ResultPtr result;
    {
        auto next = nextResult(false);
        if (!next) {
            endReadOnlyTransaction();
            return std::unexpected(next.error());
        }
        result.reset(*next);
    }

    std::vector<Column> columns;
    if (result) {
        switch (PQresultStatus(result.get())) {
        case PGRES_SINGLE_TUPLE:
        case PGRES_TUPLES_OK:
            for (int i = 0, n = PQnfields(result.get()); i < n; ++i) {
                const Oid oid = PQftype(result.get(), i);
                const auto known = m_typeNames.find(oid);
                columns.push_back(Column{PQfname(result.get(), i), valueTypeForOid(oid),
                                         known != m_typeNames.end() ? known->second
                                                                    : "oid:" + std::to_string(oid)});
            }
            break;
        case PGRES_EMPTY_QUERY:
            (void) finishQuery();
            return invalidInput("postgres.empty_query", "the SQL is empty", where());
        default: {
            const Error error = queryError(result.get());
            result.reset();
            (void) finishQuery();
            return std::unexpected(error);
        }
        }
    }
    auto cursor = std::make_unique<PostgresCursor>(*this, std::move(columns), std::move(result));
    m_cursor = cursor.get();
    return cursor;
}

} // namespace sluice

#include "runrecorder.h"

#include "core/envref.h"

#include <fmt/format.h>

#include <chrono>

namespace sluice {

using nlohmann::json;

std::string_view logLevelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug: return "debug";
    case LogLevel::Info: return "info";
    case LogLevel::Warning: return "warning";
    case LogLevel::Error: return "error";
    }
    return "info";
}

std::optional<LogLevel> parseLogLevel(std::string_view name)
{
    for (LogLevel l : {LogLevel::Debug, LogLevel::Info, LogLevel::Warning, LogLevel::Error})
        if (logLevelName(l) == name)
            return l;
    return std::nullopt;
}

namespace {
constexpr std::size_t kFlushEvery = 256;

std::string cut(const std::string &s, std::size_t limit)
{
    if (s.size() <= limit)
        return s;
    return s.substr(0, limit) + fmt::format("\n… ({} more bytes)", s.size() - limit);
}
} // namespace

RunRecorder::RunRecorder(StateStore &store, RetentionPolicy retention) : m_store(store), m_retention(retention)
{ }

RunRecorder::~RunRecorder()
{
    flush();
}

Result<std::int64_t> RunRecorder::startRun(std::int64_t syncId, const std::string &syncName, const std::string &kind)
{
    std::lock_guard lock(m_store.mutex());
    auto st = sqlite::prepare(m_store.handle(), "INSERT INTO runs(sync_id, sync_name, kind, status, started_at) "
                                                "VALUES (?1, ?2, ?3, 'running', ?4)");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, syncId);
    st->bind(2, syncName);
    st->bind(3, kind);
    st->bind(4, nowIsoUtc());
    if (auto r = st->run(); !r)
        return std::unexpected(r.error());
    m_runId = sqlite3_last_insert_rowid(m_store.handle());
    return m_runId;
}

void RunRecorder::log(LogLevel level, std::string message, std::optional<int> batch, std::string rowKey)
{
    log(level, LogMessage{{}, {std::move(message)}}, batch, std::move(rowKey));
}

void RunRecorder::log(LogLevel level, LogMessage message, std::optional<int> batch, std::string rowKey)
{
    // Nothing stored may hold a resolved secret (a server's error echoing a token).
    for (std::string &arg : message.args)
        arg = redactSecrets(std::move(arg));
    LogEvent event{0, m_runId, nowIsoUtc(), level, batch, std::move(rowKey), {}, std::move(message.code), {}};
    if (event.code.empty()) {
        event.message = message.args.empty() ? std::string() : std::move(message.args.front());
    } else {
        event.message = LogMessage{event.code, message.args}.english();
        event.args = std::move(message.args);
    }
    bool due = false;
    {
        std::lock_guard lock(m_mutex);
        m_pending.push_back(std::move(event));
        // Flush in batches, but at least twice a second, so the app's live
        // job log (reading the project file) follows a run as it goes.
        const auto now = std::chrono::steady_clock::now();
        due = m_pending.size() >= kFlushEvery || now - m_lastFlush > std::chrono::milliseconds(500);
        if (due)
            m_lastFlush = now;
    }
    if (due)
        flush();
}

void RunRecorder::onHttpExchange(int batch, const HttpExchange &exchange)
{
    const bool success = exchange.status >= 200 && exchange.status < 300;
    bool keepBodies = true;
    if (success) {
        std::lock_guard lock(m_mutex);
        keepBodies = m_successfulExchanges++ < m_retention.successBodiesPerRun;
    }
    StoredExchange e{0, batch, nowIsoUtc(), {}};
    // Destinations redact the credentials they know; every value resolved
    // from a secret reference is scrubbed here too, wherever it appears (a
    // custom header, a URL, a body that echoes it).
    e.exchange.method = exchange.method;
    e.exchange.url = redactSecrets(exchange.url);
    e.exchange.status = exchange.status;
    e.exchange.latencyMs = exchange.latencyMs;
    e.exchange.requestHeaders = redactSecrets(exchange.requestHeaders);
    e.exchange.responseHeaders = redactSecrets(exchange.responseHeaders);
    if (keepBodies) {
        e.exchange.requestBody = cut(redactSecrets(exchange.requestBody), m_retention.bodyLimit);
        e.exchange.responseBody = cut(redactSecrets(exchange.responseBody), m_retention.bodyLimit);
    } else {
        const auto notKept = [this](const std::string &body) {
            return body.empty() ? std::string()
                                : fmt::format("[{} bytes, not kept: the bodies of the first {} successful "
                                              "exchanges of a run and of every failed one are kept]",
                                              body.size(), m_retention.successBodiesPerRun);
        };
        e.exchange.requestBody = notKept(exchange.requestBody);
        e.exchange.responseBody = notKept(exchange.responseBody);
    }
    bool full = false;
    {
        std::lock_guard lock(m_mutex);
        m_pendingExchanges.push_back(std::move(e));
        full = m_pendingExchanges.size() >= 64;
    }
    if (full)
        flush();
}

Result<> RunRecorder::flush()
{
    std::vector<LogEvent> events;
    std::vector<StoredExchange> exchanges;
    {
        std::lock_guard lock(m_mutex);
        events.swap(m_pending);
        exchanges.swap(m_pendingExchanges);
    }
    if (events.empty() && exchanges.empty())
        return {};
    std::lock_guard lock(m_store.mutex());
    sqlite3 *db = m_store.handle();
    if (auto r = sqlite::exec(db, "BEGIN IMMEDIATE"); !r)
        return r;
    auto body = [&]() -> Result<> {
        auto st = sqlite::prepare(db, "INSERT INTO run_log(run_id, at, level, batch, row_key, message, code, args) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        if (!st)
            return std::unexpected(st.error());
        for (const auto &e : events) {
            st->reset();
            st->bind(1, e.runId);
            st->bind(2, e.at);
            st->bind(3, std::string(logLevelName(e.level)));
            if (e.batch)
                st->bind(4, std::int64_t(*e.batch));
            else
                st->bindNull(4);
            if (e.rowKey.empty())
                st->bindNull(5);
            else
                st->bind(5, e.rowKey);
            st->bind(6, e.message);
            if (e.code.empty()) {
                st->bindNull(7);
                st->bindNull(8);
            } else {
                st->bind(7, e.code);
                st->bind(8, json(e.args).dump());
            }
            if (auto r = st->run(); !r)
                return r;
        }
        auto hx = sqlite::prepare(db, "INSERT INTO http_exchanges(run_id, batch, at, method, url, status, "
                                      "latency_ms, request_headers, request_body, response_headers, "
                                      "response_body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
        if (!hx)
            return std::unexpected(hx.error());
        for (const auto &e : exchanges) {
            hx->reset();
            hx->bind(1, m_runId);
            if (e.batch)
                hx->bind(2, std::int64_t(*e.batch));
            else
                hx->bindNull(2);
            hx->bind(3, e.at);
            hx->bind(4, e.exchange.method);
            hx->bind(5, e.exchange.url);
            hx->bind(6, std::int64_t(e.exchange.status));
            sqlite3_bind_double(hx->get(), 7, e.exchange.latencyMs);
            hx->bind(8, e.exchange.requestHeaders);
            hx->bind(9, e.exchange.requestBody);
            hx->bind(10, e.exchange.responseHeaders);
            hx->bind(11, e.exchange.responseBody);
            if (auto r = hx->run(); !r)
                return r;
        }
        return {};
    };
    auto r = body();
    if (r)
        r = sqlite::exec(db, "COMMIT");
    if (!r)
        sqlite::exec(db, "ROLLBACK");
    return r;
}

Result<> RunRecorder::finishRun(const std::string &status, const json &counts, const std::string &error,
                                std::int64_t durationMs)
{
    if (auto r = flush(); !r)
        return r;
    std::lock_guard lock(m_store.mutex());
    sqlite3 *db = m_store.handle();
    auto st = sqlite::prepare(db, "UPDATE runs SET status = ?1, ended_at = ?2, duration_ms = ?3, counts = ?4, "
                                  "error = ?5 WHERE id = ?6");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, status);
    st->bind(2, nowIsoUtc());
    st->bind(3, durationMs);
    st->bind(4, redactSecrets(counts.dump()));
    if (error.empty())
        st->bindNull(5);
    else
        st->bind(5, redactSecrets(error));
    st->bind(6, m_runId);
    if (auto r = st->run(); !r)
        return r;
    // Retention: logs and API exchanges of old runs go; the run rows stay (history charts).
    return sqlite::exec(db,
                        fmt::format("DELETE FROM run_log WHERE run_id IN (SELECT id FROM runs WHERE id NOT IN "
                                    "  (SELECT id FROM runs ORDER BY id DESC LIMIT {0}));"
                                    "DELETE FROM http_exchanges WHERE run_id IN (SELECT id FROM runs WHERE id NOT IN "
                                    "  (SELECT id FROM runs ORDER BY id DESC LIMIT {1}));",
                                    m_retention.keepRunLogs, m_retention.keepHttpExchanges));
}

namespace {
RunRecord readRun(const sqlite::Statement &st)
{
    RunRecord r;
    r.id = st.integer(0);
    r.syncName = st.text(1);
    r.kind = st.text(2);
    r.status = st.text(3);
    r.startedAt = st.text(4);
    r.endedAt = st.text(5);
    r.durationMs = st.integer(6);
    r.counts = json::parse(st.text(7), nullptr, false);
    r.error = st.text(8);
    return r;
}
constexpr const char *kRunColumns = "id, sync_name, kind, status, started_at, ended_at, duration_ms, counts, error";
} // namespace

Result<std::vector<RunRecord>> RunRecorder::runs(sqlite3 *db, const std::string &syncName, int limit)
{
    auto st = sqlite::prepare(db, fmt::format("SELECT {} FROM runs WHERE ?1 = '' OR sync_name = ?1 "
                                              "ORDER BY id DESC LIMIT ?2",
                                              kRunColumns));
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, syncName);
    st->bind(2, std::int64_t(limit));
    std::vector<RunRecord> out;
    if (auto read = sqlite::eachRow(*st, [&] { out.push_back(readRun(*st)); }); !read)
        return std::unexpected(read.error());
    return out;
}

Result<std::optional<RunRecord>> RunRecorder::run(sqlite3 *db, std::int64_t runId)
{
    auto st = sqlite::prepare(db, fmt::format("SELECT {} FROM runs WHERE id = ?1", kRunColumns));
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, runId);
    return sqlite::firstRow(*st, [&] { return readRun(*st); });
}

Result<std::vector<LogEvent>> RunRecorder::events(sqlite3 *db, std::int64_t runId, LogLevel minLevel)
{
    auto st = sqlite::prepare(db, "SELECT id, run_id, at, level, batch, row_key, message, code, args FROM run_log "
                                  "WHERE run_id = ?1 ORDER BY id");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, runId);
    std::vector<LogEvent> out;
    if (auto read = sqlite::eachRow(*st,
                                    [&] {
                                        LogEvent e;
                                        e.id = st->integer(0);
                                        e.runId = st->integer(1);
                                        e.at = st->text(2);
                                        e.level = parseLogLevel(st->text(3)).value_or(LogLevel::Info);
                                        if (!st->isNull(4))
                                            e.batch = int(st->integer(4));
                                        e.rowKey = st->text(5);
                                        e.message = st->text(6);
                                        e.code = st->text(7);
                                        if (!st->isNull(8)) {
                                            const json args = json::parse(st->text(8), nullptr, false);
                                            if (args.is_array())
                                                for (const json &a : args)
                                                    if (a.is_string())
                                                        e.args.push_back(a.get<std::string>());
                                        }
                                        if (int(e.level) >= int(minLevel))
                                            out.push_back(std::move(e));
                                    });
        !read)
        return std::unexpected(read.error());
    return out;
}

Result<std::vector<StoredExchange>> RunRecorder::exchanges(sqlite3 *db, std::int64_t runId)
{
    auto st = sqlite::prepare(db, "SELECT id, batch, at, method, url, status, latency_ms, request_headers, "
                                  "request_body, response_headers, response_body FROM http_exchanges "
                                  "WHERE run_id = ?1 ORDER BY id");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, runId);
    std::vector<StoredExchange> out;
    if (auto read = sqlite::eachRow(*st,
                                    [&] {
                                        StoredExchange e;
                                        e.id = st->integer(0);
                                        if (!st->isNull(1))
                                            e.batch = int(st->integer(1));
                                        e.at = st->text(2);
                                        e.exchange.method = st->text(3);
                                        e.exchange.url = st->text(4);
                                        e.exchange.status = int(st->integer(5));
                                        e.exchange.latencyMs = st->real(6);
                                        e.exchange.requestHeaders = st->text(7);
                                        e.exchange.requestBody = st->text(8);
                                        e.exchange.responseHeaders = st->text(9);
                                        e.exchange.responseBody = st->text(10);
                                        out.push_back(std::move(e));
                                    });
        !read)
        return std::unexpected(read.error());
    return out;
}

Result<> RunRecorder::closeAbandonedRuns(sqlite3 *db, const std::string &syncName)
{
    auto st = sqlite::prepare(db, "UPDATE runs SET status = 'failed', ended_at = ?1, error = "
                                  "'the process running it stopped (killed or crashed)' "
                                  "WHERE status = 'running' AND sync_name = ?2");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, nowIsoUtc());
    st->bind(2, syncName);
    return st->run();
}

} // namespace sluice

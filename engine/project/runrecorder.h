#pragma once
// Run history and the structured job log, stored in the project file: every
// run with its status and counts, log events (time, level, run, batch, row
// key, message), and for HTTP destinations each request and response (the API
// inspector). Thread-safe; log events are buffered and written in batches so
// logging never dominates a run.

#include "core/error.h"
#include "core/logmessages.h"
#include "destinations/contract/destination.h"
#include "statestore.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace sluice {

enum class LogLevel { Debug, Info, Warning, Error };
std::string_view logLevelName(LogLevel level);
std::optional<LogLevel> parseLogLevel(std::string_view name);

struct LogEvent {
    std::int64_t id = 0;
    std::int64_t runId = 0;
    std::string at;
    LogLevel level = LogLevel::Info;
    std::optional<int> batch;
    std::string rowKey;
    std::string message;           // English
    std::string code;              // core/logmessages.h; "" for a line without one
    std::vector<std::string> args; // the code's arguments
};

struct RunRecord {
    std::int64_t id = 0;
    std::string syncName;
    std::string kind;   // run | dry-run | full-resync | retry-rejected | reset-baseline
    std::string status; // running | succeeded | partial | failed | cancelled
    std::string startedAt, endedAt;
    std::int64_t durationMs = 0;
    nlohmann::json counts = nlohmann::json::object();
    std::string error;
};

struct StoredExchange {
    std::int64_t id = 0;
    std::optional<int> batch;
    std::string at;
    HttpExchange exchange;
};

struct RetentionPolicy {
    int keepRunLogs = 100;      // runs whose job log is kept
    int keepHttpExchanges = 10; // runs whose API exchanges are kept
    std::size_t bodyLimit = 64 * 1024;
    // Every exchange is kept (method, URL, status, latency, headers); the
    // bodies of successful ones only for the first few of a run, so a
    // million-row run does not copy every batch into the project file.
    // Failed exchanges (not 2xx) always keep their bodies.
    std::size_t successBodiesPerRun = 100;
};

class RunRecorder : public DestinationObserver {
public:
    RunRecorder(StateStore &store, RetentionPolicy retention = {});
    ~RunRecorder() override;

    Result<std::int64_t> startRun(std::int64_t syncId, const std::string &syncName, const std::string &kind);
    std::int64_t runId() const { return m_runId; }

    void log(LogLevel level, std::string message, std::optional<int> batch = std::nullopt, std::string rowKey = {});
    // A line with a code (translated by the app); its English text is stored too.
    void log(LogLevel level, LogMessage message, std::optional<int> batch = std::nullopt, std::string rowKey = {});
    void onHttpExchange(int batch, const HttpExchange &exchange) override;

    Result<> finishRun(const std::string &status, const nlohmann::json &counts, const std::string &error,
                       std::int64_t durationMs);
    Result<> flush();

    // Reading history (any thread, any time).
    static Result<std::vector<RunRecord>> runs(sqlite3 *db, const std::string &syncName, int limit);
    static Result<std::optional<RunRecord>> run(sqlite3 *db, std::int64_t runId);
    static Result<std::vector<LogEvent>> events(sqlite3 *db, std::int64_t runId, LogLevel minLevel);
    static Result<std::vector<StoredExchange>> exchanges(sqlite3 *db, std::int64_t runId);
    // Marks runs left "running" by a killed process as failed.
    static Result<> closeAbandonedRuns(sqlite3 *db, const std::string &syncName);

private:
    StateStore &m_store;
    RetentionPolicy m_retention;
    std::int64_t m_runId = 0;
    std::mutex m_mutex;
    std::vector<LogEvent> m_pending;
    std::vector<StoredExchange> m_pendingExchanges;
    std::size_t m_successfulExchanges = 0;
    std::chrono::steady_clock::time_point m_lastFlush = std::chrono::steady_clock::now();
};

} // namespace sluice

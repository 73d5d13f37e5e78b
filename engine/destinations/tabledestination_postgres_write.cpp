// PostgresTableDestination::write(): a batch as one pipeline of prepared
// statements, with savepoints taken only at a refused record.

#include "destinations/tabledestination.h"

#include "destinations/tabledestination_postgres.h"
#include "destinations/tabledestination_sql.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>

namespace sluice {

using namespace pgtable;

namespace {

// A batch failure from an error of connecting or preparing.
BatchFailure pgFailure(const Error &error)
{
    if (error.code == "postgres.unreachable")
        return noAnswer(error.message);
    const bool retry = error.code == "postgres.connection_lost" || error.code == "postgres.unavailable";
    return BatchFailure{retry ? BatchFailure::Kind::Retryable : BatchFailure::Kind::Fatal, error.message, {}};
}

// One record as the parameters of its prepared statement, in text form: the
// server converts each to its column's type.
struct PgCall {
    const char *statement = nullptr;
    std::vector<std::string> text;
    std::vector<const char *> values; // into text; null for SQL NULL
};

// Empty, or why the value cannot be sent.
std::string encodePg(const Value &value, bool numericColumn, std::string &text, bool &isNull)
{
    isNull = false;
    switch (value.type()) {
    case ValueType::Null: isNull = true; break;
    case ValueType::Integer: text = std::to_string(value.asInteger()); break;
    case ValueType::Real: {
        // Shortest form that reads back as the same double.
        char buffer[32];
        const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value.asReal());
        text.assign(buffer, ec == std::errc() ? end : buffer);
        break;
    }
    case ValueType::Boolean:
        // A boolean column reads 1 and 0 as well as an integer column does.
        text = numericColumn ? (value.asBoolean() ? "1" : "0") : (value.asBoolean() ? "true" : "false");
        break;
    case ValueType::Text:
        // Text parameters end at the first NUL byte: sending it would silently cut the value.
        if (value.asText().find('\0') != std::string::npos)
            return "the text contains a NUL character, which PostgreSQL cannot store";
        text = value.asText();
        break;
    }
    return {};
}

enum class CommandKind { Control, Savepoint, Record, Commit };

struct Command {
    CommandKind kind = CommandKind::Control;
    const char *sql = nullptr; // Control, Savepoint, Commit
    std::size_t record = 0;    // Record: index in the batch
};

struct Answer {
    ExecStatusType status = PGRES_PIPELINE_ABORTED;
    std::string state, message; // when status is PGRES_FATAL_ERROR
    std::int64_t rows = 0;      // rows the command changed
};

// Sends `commands` as one pipeline ending in a sync and reads every answer:
// one round trip whatever the batch size. False when the connection broke.
bool runPipeline(PGconn *conn, const std::vector<Command> &commands, const std::vector<PgCall> &calls,
                 std::vector<Answer> &answers)
{
    if (PQenterPipelineMode(conn) != 1)
        return false;
    for (const Command &command : commands) {
        int sent = 0;
        if (command.kind == CommandKind::Record) {
            const PgCall &call = calls[command.record];
            sent = PQsendQueryPrepared(conn, call.statement, int(call.values.size()), call.values.data(), nullptr,
                                       nullptr, 0);
        } else {
            sent = PQsendQueryParams(conn, command.sql, 0, nullptr, nullptr, nullptr, nullptr, 0);
        }
        if (sent != 1)
            return false;
    }
    if (PQpipelineSync(conn) != 1)
        return false;

    answers.assign(commands.size(), Answer{});
    for (Answer &answer : answers) {
        PgResultPtr result(PQgetResult(conn));
        if (!result)
            return false;
        answer.status = PQresultStatus(result.get());
        if (answer.status == PGRES_PIPELINE_SYNC)
            return false; // fewer answers than commands: not a conversation we understand
        if (answer.status == PGRES_FATAL_ERROR) {
            if (PQstatus(conn) == CONNECTION_BAD)
                return false;
            answer.state = pgState(result.get());
            answer.message = pgMessage(conn, result.get());
        } else if (answer.status == PGRES_COMMAND_OK) {
            answer.rows = std::strtoll(PQcmdTuples(result.get()), nullptr, 10);
        }
        // Each command's results end with a null; a broken connection may not get there.
        int extra = 0;
        while (PGresult *more = PQgetResult(conn)) {
            PQclear(more);
            if (++extra > 8)
                return false;
        }
    }
    PgResultPtr sync(PQgetResult(conn));
    if (!sync || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC)
        return false;
    return PQexitPipelineMode(conn) == 1;
}

} // namespace

BatchResult PostgresTableDestination::write(int, std::span<const Record> batch)
{
    std::lock_guard lock(m_mutex);
    if (!m_prepared)
        return std::unexpected(tablesql::notOpen());
    // A connection lost in an earlier batch is made again here, when the
    // executor retries that batch.
    if (!m_conn || PQstatus(m_conn) != CONNECTION_OK) {
        if (auto connected = connect(); !connected)
            return std::unexpected(pgFailure(connected.error()));
    }
    if (!m_prepared->ready) {
        if (auto ready = prepareStatements(); !ready) {
            closeConnection();
            return std::unexpected(pgFailure(ready.error()));
        }
    }
    const Prepared &p = *m_prepared;

    std::vector<RecordOutcome> outcomes(batch.size());
    std::vector<PgCall> calls(batch.size());
    std::vector<std::size_t> pending; // batch indexes still to run, in batch order
    pending.reserve(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const Record &record = batch[i];
        std::vector<Value> keys;
        if (record.op == RecordOp::Delete)
            keys = tablesql::keyValues(record);
        std::string why = tablesql::malformed(record, m_run, keys);
        PgCall &call = calls[i];
        switch (record.op) {
        case RecordOp::Upsert: call.statement = kPgUpsert; break;
        case RecordOp::Insert: call.statement = kPgInsert; break;
        case RecordOp::Update: call.statement = kPgUpdate; break;
        case RecordOp::Delete: call.statement = kPgDelete; break;
        }
        const std::vector<Value> &values = record.op == RecordOp::Delete ? keys : record.fields;
        std::vector<char> nulls(values.size(), 0);
        call.text.resize(values.size());
        for (std::size_t v = 0; v < values.size() && why.empty(); ++v) {
            const std::size_t field = record.op == RecordOp::Delete ? p.keys[v] : v;
            bool isNull = false;
            why = encodePg(values[v], p.numericColumn[field], call.text[v], isNull);
            nulls[v] = isNull;
        }
        if (!why.empty()) {
            outcomes[i] = {Outcome::Rejected, std::move(why)};
            continue;
        }
        // Pointers taken once the strings are in place for good.
        for (std::size_t v = 0; v < values.size(); ++v)
            call.values.push_back(nulls[v] ? nullptr : call.text[v].c_str());
        pending.push_back(i);
    }

    if (pending.empty())
        return outcomes;

    // The whole batch goes in one pipeline. PostgreSQL aborts the transaction
    // at the first error, so a refused record costs one more round: back to
    // the last savepoint, the records undone with it again, then a new
    // savepoint and the rest. Savepoints are only taken at failures: one per
    // record would make thousands of subtransactions per batch.
    std::vector<std::size_t> insertsThatDidNothing; // their key was there already
    std::vector<std::size_t> redo;                  // ran fine, but undone by the rollback to the savepoint
    bool firstRound = true;
    std::vector<Command> commands;
    std::vector<Answer> answers;
    for (;;) {
        commands.clear();
        if (firstRound) {
            commands.push_back({CommandKind::Control, "BEGIN"});
            commands.push_back({CommandKind::Savepoint, "SAVEPOINT sluice_batch"});
        } else {
            commands.push_back({CommandKind::Control, "ROLLBACK TO SAVEPOINT sluice_batch"});
        }
        for (std::size_t i : redo)
            commands.push_back({CommandKind::Record, nullptr, i});
        if (!redo.empty())
            commands.push_back({CommandKind::Savepoint, "SAVEPOINT sluice_batch"});
        for (std::size_t i : pending)
            commands.push_back({CommandKind::Record, nullptr, i});
        // After an error nothing more of the pipeline runs, COMMIT included.
        commands.push_back({CommandKind::Commit, "COMMIT"});

        if (!runPipeline(m_conn, commands, calls, answers)) {
            const std::string reason = firstLine(PQerrorMessage(m_conn));
            closeConnection();
            return std::unexpected(
                BatchFailure{BatchFailure::Kind::Retryable,
                             "the connection to the server was lost" + (reason.empty() ? std::string() : ": " + reason),
                             {}});
        }

        auto settle = [&](const Command &command, const Answer &answer) {
            const Record &record = batch[command.record];
            if (record.op == RecordOp::Update && answer.rows == 0)
                outcomes[command.record] = {Outcome::Rejected, "no row with key " + tablesql::keyText(record)};
            else
                outcomes[command.record] = {Outcome::Delivered, {}};
            if (record.op == RecordOp::Insert && answer.rows == 0 && !record.maybeDelivered)
                insertsThatDidNothing.push_back(command.record);
        };

        std::size_t failedAt = commands.size();
        for (std::size_t c = 0; c < commands.size(); ++c) {
            if (answers[c].status == PGRES_FATAL_ERROR) {
                failedAt = c;
                break;
            }
        }
        if (failedAt == commands.size()) {
            for (std::size_t c = 0; c < commands.size(); ++c) {
                if (commands[c].kind == CommandKind::Record)
                    settle(commands[c], answers[c]);
            }
            // An insert whose key was there: the same row sent again after a
            // kill is delivered; another row under that key is refused, unless
            // a killed run may have inserted it (Record::maybeDelivered).
            for (std::size_t i : insertsThatDidNothing) {
                const PgCall &call = calls[i];
                PgResultPtr same(PQexecParams(m_conn, m_prepared->sql.sameRow.c_str(), int(call.values.size()), nullptr,
                                              call.values.data(), nullptr, nullptr, 0));
                const ExecStatusType status = same ? PQresultStatus(same.get()) : PGRES_FATAL_ERROR;
                if (status != PGRES_TUPLES_OK)
                    outcomes[i] = {Outcome::Retryable, pgError(m_conn, same.get(), where()).message};
                else if (PQntuples(same.get()) == 0)
                    outcomes[i] = {Outcome::Rejected, tablesql::insertConflict(batch[i])};
            }
            return outcomes;
        }

        const Command &culprit = commands[failedAt];
        const Answer &failure = answers[failedAt];
        const Blame blame = pgBlame(failure.state);
        if (culprit.kind != CommandKind::Record || blame != Blame::Record) {
            // A COMMIT has already ended the transaction; anything else left it open and aborted.
            if (culprit.kind != CommandKind::Commit)
                (void)pgRun(m_conn, "ROLLBACK", {}, where());
            BatchFailure::Kind kind = blame == Blame::Retry ? BatchFailure::Kind::Retryable : BatchFailure::Kind::Fatal;
            // A deferred constraint fails at COMMIT, naming no record: the executor splits the batch to find it.
            if (culprit.kind == CommandKind::Commit && blame == Blame::Record)
                kind = BatchFailure::Kind::RejectedWhole;
            return std::unexpected(BatchFailure{kind, failure.message, {}});
        }
        outcomes[culprit.record] = {Outcome::Rejected, failure.message};

        // Records before the last savepoint that ran are written for good;
        // those between it and the failure were undone and go again.
        std::size_t sealed = 0;
        for (std::size_t c = 0; c < failedAt; ++c) {
            if (commands[c].kind == CommandKind::Savepoint)
                sealed = c;
        }
        redo.clear();
        std::vector<std::size_t> rest;
        for (std::size_t c = 0; c < commands.size(); ++c) {
            if (commands[c].kind != CommandKind::Record || c == failedAt)
                continue;
            if (c < sealed)
                settle(commands[c], answers[c]);
            else if (c < failedAt)
                redo.push_back(commands[c].record);
            else
                rest.push_back(commands[c].record);
        }
        pending = std::move(rest);
        firstRound = false;
    }
}

} // namespace sluice

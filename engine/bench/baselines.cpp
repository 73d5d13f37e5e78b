#include "bench/baselines.h"

#include "bench/procstats.h"
#include "core/sqlitehandle.h"
#include "http/httpclient.h"

#include <libpq-fe.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <chrono>
#include <memory>

namespace sluice::bench {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

Result<sqlite::DbPtr> openReadOnly(const std::string &path)
{
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    sqlite::DbPtr db(raw);
    if (rc != SQLITE_OK)
        return std::unexpected(sqlite::lastError(raw, "open").within(path));
    return db;
}

struct PgCloser {
    void operator()(PGconn *c) const { PQfinish(c); }
};
struct ResultCloser {
    void operator()(PGresult *r) const { PQclear(r); }
};
using PgPtr = std::unique_ptr<PGconn, PgCloser>;
using PgResult = std::unique_ptr<PGresult, ResultCloser>;

Result<PgPtr> connect(const std::string &conninfo)
{
    PgPtr conn(PQconnectdb(conninfo.c_str()));
    if (PQstatus(conn.get()) != CONNECTION_OK)
        return failed("bench.postgres", PQerrorMessage(conn.get()), "--postgres");
    PQclear(PQexec(conn.get(), "SET client_min_messages TO warning")); // no NOTICE lines in the report
    return conn;
}

Result<> exec(PGconn *conn, const std::string &sql)
{
    PgResult r(PQexec(conn, sql.c_str()));
    const auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        return failed("bench.postgres", PQerrorMessage(conn), sql.substr(0, 60));
    return {};
}

void appendCopyText(std::string &out, const unsigned char *text, int size)
{
    for (int i = 0; i < size; ++i) {
        const char c = char(text[i]);
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += c;
        }
    }
}

} // namespace

Result<Throughput> bareScan(const std::string &databasePath, const std::string &sql)
{
    auto db = openReadOnly(databasePath);
    if (!db)
        return std::unexpected(db.error());
    const auto started = Clock::now();
    const double cpuStarted = threadCpuSeconds();
    auto st = sqlite::prepare(db->get(), sql);
    if (!st)
        return std::unexpected(st.error());
    sqlite3_stmt *s = st->get();
    const int columns = sqlite3_column_count(s);
    Throughput t;
    std::uint64_t checksum = 0;
    int rc = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        for (int c = 0; c < columns; ++c) {
            switch (sqlite3_column_type(s, c)) {
            case SQLITE_INTEGER: checksum += std::uint64_t(sqlite3_column_int64(s, c)); break;
            case SQLITE_FLOAT: checksum += std::uint64_t(sqlite3_column_double(s, c)); break;
            case SQLITE_NULL: break;
            default: checksum += std::uint64_t(sqlite3_column_bytes(s, c)); checksum += sqlite3_column_text(s, c)[0];
            }
        }
        ++t.rows;
    }
    if (rc != SQLITE_DONE)
        return std::unexpected(sqlite::lastError(db->get(), "scan"));
    t.seconds = since(started);
    t.cpuSeconds = threadCpuSeconds() - cpuStarted;
    if (checksum == 1) // keeps the reads from being optimised away
        t.rows += 0;
    return t;
}

Result<Throughput> perRowLoop(const std::string &databasePath, const std::string &sql, const std::string &url,
                              std::int64_t limit)
{
    auto db = openReadOnly(databasePath);
    if (!db)
        return std::unexpected(db.error());
    auto st = sqlite::prepare(db->get(), sql + " LIMIT " + std::to_string(limit));
    if (!st)
        return std::unexpected(st.error());
    sqlite3_stmt *s = st->get();
    const int columns = sqlite3_column_count(s);
    HttpClient client;
    HttpRequest request;
    request.url = url;
    request.headers = {{"Content-Type", "application/json"}};
    Throughput t;
    const auto started = Clock::now();
    while (sqlite3_step(s) == SQLITE_ROW) {
        nlohmann::json fields = nlohmann::json::object();
        for (int c = 0; c < columns; ++c) {
            const char *name = sqlite3_column_name(s, c);
            switch (sqlite3_column_type(s, c)) {
            case SQLITE_INTEGER: fields[name] = sqlite3_column_int64(s, c); break;
            case SQLITE_FLOAT: fields[name] = sqlite3_column_double(s, c); break;
            case SQLITE_NULL: fields[name] = nullptr; break;
            default: fields[name] = reinterpret_cast<const char *>(sqlite3_column_text(s, c));
            }
        }
        const nlohmann::json body{{"records", nlohmann::json::array({{{"op", "upsert"}, {"fields", fields}}})}};
        request.body = body.dump();
        const HttpResponse response = client.send(request);
        if (response.status != 200)
            return failed("bench.loop",
                          "the sink answered " + std::to_string(response.status) + " " + response.transportError);
        ++t.rows;
    }
    t.seconds = since(started);
    return t;
}

Result<Throughput> loadPostgres(const std::string &conninfo, const std::string &databasePath)
{
    auto conn = connect(conninfo);
    if (!conn)
        return std::unexpected(conn.error());
    auto db = openReadOnly(databasePath);
    if (!db)
        return std::unexpected(db.error());
    const auto started = Clock::now();
    PGconn *c = conn->get();
    if (auto r = exec(c, "DROP TABLE IF EXISTS customers; CREATE TABLE customers (customer_id BIGINT PRIMARY KEY, "
                         "email TEXT NOT NULL, phone TEXT, first_name TEXT, last_name TEXT, country TEXT, "
                         "city TEXT, signup_date TEXT, last_order_date TEXT, total_spend DOUBLE PRECISION, "
                         "orders BIGINT, tier TEXT)");
        !r)
        return std::unexpected(r.error());
    PgResult copy(PQexec(c, "COPY customers FROM STDIN"));
    if (PQresultStatus(copy.get()) != PGRES_COPY_IN)
        return failed("bench.postgres", PQerrorMessage(c), "COPY FROM STDIN");
    auto st = sqlite::prepare(db->get(), "SELECT * FROM customers");
    if (!st)
        return std::unexpected(st.error());
    sqlite3_stmt *s = st->get();
    const int columns = sqlite3_column_count(s);
    Throughput t;
    std::string buffer;
    char num[32];
    while (sqlite3_step(s) == SQLITE_ROW) {
        for (int col = 0; col < columns; ++col) {
            if (col)
                buffer += '\t';
            switch (sqlite3_column_type(s, col)) {
            case SQLITE_NULL: buffer += "\\N"; break;
            case SQLITE_INTEGER: {
                auto [end, ec] = std::to_chars(num, num + sizeof num, sqlite3_column_int64(s, col));
                buffer.append(num, end);
                break;
            }
            case SQLITE_FLOAT: {
                auto [end, ec] = std::to_chars(num, num + sizeof num, sqlite3_column_double(s, col));
                buffer.append(num, end);
                break;
            }
            default: appendCopyText(buffer, sqlite3_column_text(s, col), sqlite3_column_bytes(s, col));
            }
        }
        buffer += '\n';
        ++t.rows;
        if (buffer.size() > (1 << 20)) {
            if (PQputCopyData(c, buffer.data(), int(buffer.size())) != 1)
                return failed("bench.postgres", PQerrorMessage(c), "COPY FROM STDIN");
            buffer.clear();
        }
    }
    if ((!buffer.empty() && PQputCopyData(c, buffer.data(), int(buffer.size())) != 1) || PQputCopyEnd(c, nullptr) != 1)
        return failed("bench.postgres", PQerrorMessage(c), "COPY FROM STDIN");
    PgResult done(PQgetResult(c));
    if (PQresultStatus(done.get()) != PGRES_COMMAND_OK)
        return failed("bench.postgres", PQerrorMessage(c), "COPY FROM STDIN");
    while (PGresult *rest = PQgetResult(c))
        PQclear(rest);
    if (auto r = exec(c, "ANALYZE customers"); !r)
        return std::unexpected(r.error());
    t.seconds = since(started);
    return t;
}

Result<Throughput> postgresCopy(const std::string &conninfo)
{
    auto conn = connect(conninfo);
    if (!conn)
        return std::unexpected(conn.error());
    PGconn *c = conn->get();
    const auto started = Clock::now();
    PgResult copy(PQexec(c, "COPY (SELECT * FROM customers) TO STDOUT"));
    if (PQresultStatus(copy.get()) != PGRES_COPY_OUT)
        return failed("bench.postgres", PQerrorMessage(c), "COPY TO STDOUT");
    Throughput t;
    for (;;) {
        char *line = nullptr;
        const int n = PQgetCopyData(c, &line, 0);
        if (n < 0)
            break;
        ++t.rows;
        PQfreemem(line);
    }
    PgResult done(PQgetResult(c));
    if (PQresultStatus(done.get()) != PGRES_COMMAND_OK)
        return failed("bench.postgres", PQerrorMessage(c), "COPY TO STDOUT");
    t.seconds = since(started);
    return t;
}

} // namespace sluice::bench

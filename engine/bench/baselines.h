#pragma once
// What a benchmark compares Sluice with, measured in the same process on the
// same data:
//   - a bare full scan of the model through the SQLite C API (the floor for
//     reading: every column of every row touched, nothing else done);
//   - one HTTP request per row to the same sink (the hand-written glue loop);
//   - a PostgreSQL COPY of the model through libpq (the floor for reading
//     from PostgreSQL), and loading the warehouse's table into PostgreSQL.
// `sqldiff --table` runs as its own process (procstats.h).

#include "core/error.h"

#include <cstdint>
#include <string>

namespace sluice::bench {

struct Throughput {
    std::int64_t rows = 0;
    double seconds = 0;
    double cpuSeconds = 0; // of the measuring thread
    double rowsPerSecond() const { return seconds > 0 ? double(rows) / seconds : 0; }
};

// SELECT * through sqlite3_step, reading every column by its type, on a
// read-only connection without mutexes (as the SQLite source opens it).
Result<Throughput> bareScan(const std::string &databasePath, const std::string &sql);

// The first `limit` rows of `sql`, each POSTed alone as a webhook body with a
// JSON document built per row (nlohmann_json), on one kept-alive connection.
Result<Throughput> perRowLoop(const std::string &databasePath, const std::string &sql, const std::string &url,
                              std::int64_t limit);

// Replaces table `customers` in PostgreSQL with the warehouse's (COPY FROM STDIN).
Result<Throughput> loadPostgres(const std::string &conninfo, const std::string &databasePath);

// COPY (SELECT * FROM customers) TO STDOUT, every row received.
Result<Throughput> postgresCopy(const std::string &conninfo);

} // namespace sluice::bench

#pragma once
// The benchmark's project: the `customers` model of a bench warehouse and
// three syncs of it with every column mapped as it is:
//   to_table  -> a SQLite table (mirror: changed rows upserted, removed deleted)
//   to_jsonl  -> a JSON Lines file (upsert: this run's records appended)
//   to_sink   -> an HTTP webhook on 127.0.0.1, batches of 100 (mirror)
// Paths are relative to the project's folder.

#include "core/error.h"

#include <string>

namespace sluice::bench {

struct BenchProjectPaths {
    std::string project;   // .../bench.sluice
    std::string warehouse; // file name of the warehouse, beside the project
    std::string sinkUrl;   // the webhook's URL
};

inline constexpr const char *kSyncTable = "to_table";
inline constexpr const char *kSyncJsonl = "to_jsonl";
inline constexpr const char *kSyncSink = "to_sink";

// Creates (replacing) the project file. `postgresConninfo`, when not empty,
// adds a PostgreSQL source with the same model and a sync `pg_to_sink`.
Result<> createBenchProject(const BenchProjectPaths &paths, const std::string &postgresConninfo = {});

inline constexpr const char *kSyncPgSink = "pg_to_sink";

} // namespace sluice::bench

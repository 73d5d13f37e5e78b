#pragma once
// The benchmark's data: a SQLite warehouse with a `customers` table of N rows
// (12 columns: ids, e-mail, phone, names, country, city, dates, spend, order
// count, tier), generated deterministically, and the churn between two runs
// (1% changed, 0.5% deleted, 0.5% added), chosen by id so the counts are exact.

#include "core/error.h"
#include "core/sqlitehandle.h"
#include "core/value.h"

#include <cstdint>
#include <string>

namespace sluice::bench {

// SplitMix64's finaliser: the generated data's deterministic "random" bits,
// derived from an id, so every run of a benchmark generates the same rows.
std::uint64_t mixBits(std::uint64_t x);

// A generated database, opened for writing as fast as it goes (no journal,
// no syncs: a crash mid-way leaves a file the next run replaces).
Result<sqlite::DbPtr> openWritable(const std::string &path);
// The same on a new, empty file in place of `path`.
Result<sqlite::DbPtr> createWritable(const std::string &path);

// Creates (replacing) `path` with customers 1..rows.
Result<> generateWarehouse(const std::string &path, std::int64_t rows);

struct Churn {
    std::int64_t changed = 0;
    std::int64_t deleted = 0;
    std::int64_t added = 0;
};

// Changes rows with id % 100 == 7, deletes rows with id % 200 == 13 and adds
// rows / 200 new customers after the last id, in one transaction.
Result<Churn> applyChurn(const std::string &path, std::int64_t rows);

// One customer as a source yields it (the columns of `customers` in order),
// with fixed values but the id and e-mail: for benchmarks of one stage alone.
Row customerRow(std::int64_t id);

// The model every benchmark sync reads.
inline constexpr const char *kModelSql = "SELECT * FROM customers";
inline constexpr const char *kModelKey = "customer_id";

} // namespace sluice::bench

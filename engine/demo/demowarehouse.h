#pragma once
// The demo warehouse: a SQLite file of users, profiles, behaviours and orders,
// generated deterministically (the same --rows gives the same bytes of data),
// so demos, tests and benchmarks see the same rows everywhere.

#include "core/error.h"

#include <cstdint>
#include <string>

namespace sluice {

struct DemoWarehouseOptions {
    std::int64_t users = 10000;
    std::uint64_t seed = 20261101;
    std::string today = "2026-11-01"; // the frozen clock models read from demo_clock
};

// Writes a new warehouse file at `path` (fails if it exists). Written to a
// temporary file and renamed, so an interrupted run leaves nothing behind.
Result<> generateDemoWarehouse(const std::string &path, const DemoWarehouseOptions &options);

} // namespace sluice

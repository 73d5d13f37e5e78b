// Diff planning: what the planner pays per row to compare the model with the
// snapshot (key encoding, the row hash, the merge, recording acknowledged
// rows), and whole planning runs over a generated warehouse: a dry run with
// no change, and one after 1% changed, 0.5% deleted and 0.5% added rows.
// The baseline in the same process is a bare SQLite C API scan of the same
// table (the floor for reading it).
//
// SLUICE_BENCH_ROWS sets the warehouse size (default 100,000).

#include "bench/baselines.h"
#include "bench/benchdata.h"
#include "bench/benchproject.h"
#include "core/cancel.h"
#include "core/keycodec.h"
#include "project/statestore.h"
#include "sync/rowhash.h"
#include "sync/syncrunner.h"

#include <benchmark/benchmark.h>

#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

using namespace sluice;
using sluice::bench::customerRow;
namespace fs = std::filesystem;

namespace {

std::int64_t benchRows()
{
    const char *n = std::getenv("SLUICE_BENCH_ROWS");
    return n ? std::max<std::int64_t>(1000, std::atoll(n)) : 100'000;
}

void die(const Error &e)
{
    std::fprintf(stderr, "benchmark setup failed: %s\n", e.describe().c_str());
    std::exit(1);
}

// A warehouse and a project whose to_table sync has a snapshot of every row
// (reset-baseline), in a temporary folder removed at exit.
struct Workspace {
    fs::path dir;
    std::string warehouse, project;
    std::int64_t rows = 0;

    Workspace()
    {
        rows = benchRows();
        dir = fs::temp_directory_path() / ("sluice-bench-plan-" + std::to_string(::getpid()));
        fs::create_directories(dir);
        warehouse = (dir / "warehouse.sqlite").string();
        project = (dir / "bench.sluice").string();
        if (auto r = bench::generateWarehouse(warehouse, rows); !r)
            die(r.error());
        if (auto r = bench::createBenchProject({project, "warehouse.sqlite", "http://127.0.0.1:9/unused"}); !r)
            die(r.error());
        CancelToken cancel;
        if (auto r = resetBaseline(project, bench::kSyncTable, cancel); !r)
            die(r.error());
    }
    ~Workspace()
    {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

Workspace &workspace()
{
    static Workspace w;
    return w;
}

void BM_EncodeKey(benchmark::State &state)
{
    const Row row = customerRow(123456);
    const std::vector<std::size_t> keyColumns{0};
    std::string key;
    for (auto _ : state) {
        encodeKeyInto(row, keyColumns, key);
        benchmark::DoNotOptimize(key);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EncodeKey);

void BM_RowHash(benchmark::State &state)
{
    const Row row = customerRow(123456);
    for (auto _ : state)
        benchmark::DoNotOptimize(hashRow(row, 42));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RowHash);

// Recording acknowledged rows in the snapshot, per row, in transactions of
// state.range(0) rows (a batch of 100, or a group of 10,000).
void BM_SnapshotAcknowledge(benchmark::State &state)
{
    Workspace &w = workspace();
    auto store = StateStore::open(w.project);
    if (!store)
        die(store.error());
    std::int64_t syncId = 0;
    {
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2((*store)->handle(), "SELECT id FROM syncs WHERE name = 'to_sink'", -1, &st, nullptr);
        if (sqlite3_step(st) == SQLITE_ROW)
            syncId = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    const std::size_t group = std::size_t(state.range(0));
    std::vector<Acknowledgement> acks(group);
    std::int64_t next = 1;
    for (auto _ : state) {
        for (auto &a : acks) {
            a.key = encodeKeyValues({Value(next)});
            a.hash = std::uint64_t(next++) * 0x9E3779B97F4A7C15ULL;
        }
        // to_sink has no snapshot of its own yet: these are inserts, then
        // updates once the keys come round again.
        if (auto r = (*store)->acknowledge(syncId, 1, acks); !r)
            die(r.error());
        if (next > w.rows)
            next = 1;
    }
    state.SetItemsProcessed(state.iterations() * std::int64_t(group));
}
BENCHMARK(BM_SnapshotAcknowledge)->Arg(100)->Arg(10000)->Unit(benchmark::kMillisecond);

// The floor: every column of every row read through the SQLite C API.
void BM_BareScan(benchmark::State &state)
{
    Workspace &w = workspace();
    for (auto _ : state) {
        auto t = bench::bareScan(w.warehouse, bench::kModelSql);
        if (!t)
            die(t.error());
        benchmark::DoNotOptimize(t->rows);
    }
    state.SetItemsProcessed(state.iterations() * w.rows);
}
BENCHMARK(BM_BareScan)->Unit(benchmark::kMillisecond);

// A dry run against an up-to-date snapshot: read, key, hash, merge; nothing to send.
void BM_PlanNoChange(benchmark::State &state)
{
    Workspace &w = workspace();
    RunOptions options;
    options.kind = RunKind::DryRun;
    for (auto _ : state) {
        CancelToken cancel;
        auto r = runSync(w.project, bench::kSyncTable, options, cancel);
        if (!r)
            die(r.error());
        if (r->unchanged.planned != w.rows)
            die(Error{ErrorKind::Failed, "bench", "expected every row unchanged", {}});
    }
    state.SetItemsProcessed(state.iterations() * w.rows);
}
BENCHMARK(BM_PlanNoChange)->Unit(benchmark::kMillisecond);

// The same after the churn (a dry run maps the 2% it would send).
void BM_PlanAfterChurn(benchmark::State &state)
{
    Workspace &w = workspace();
    static const bool churned = [&] {
        if (auto r = bench::applyChurn(w.warehouse, w.rows); !r)
            die(r.error());
        return true;
    }();
    (void)churned;
    RunOptions options;
    options.kind = RunKind::DryRun;
    for (auto _ : state) {
        CancelToken cancel;
        auto r = runSync(w.project, bench::kSyncTable, options, cancel);
        if (!r)
            die(r.error());
        benchmark::DoNotOptimize(r->changed.planned);
    }
    state.SetItemsProcessed(state.iterations() * w.rows);
}
BENCHMARK(BM_PlanAfterChurn)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();

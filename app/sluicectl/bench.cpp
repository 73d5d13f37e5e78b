// sluicectl bench: generates a warehouse, runs real syncs of it (each in a
// fresh `sluicectl run` process, so its peak memory is its own) and the
// baselines on the same data, and prints the figures side by side.

#include "bench.h"

#include "cliargs.h"

#include "bench/baselines.h"
#include "bench/benchdata.h"
#include "bench/benchproject.h"
#include "bench/httpsink.h"
#include "bench/procstats.h"
#include "mapping/mapper.h"
#include "mapping/preview.h"
#include "models/modelrunner.h"
#include "sources/sourcekinds.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

namespace sluice::cli {

const char *const kBenchUsage = "sluicectl bench [--rows N] [--out DIR] [--postgres CONNINFO] [--sink-only] [--json]";
const char *const kBenchSummary = "Measure a sync's stages, speed and memory against baselines (docs/performance.md)";

namespace {

using nlohmann::json;
namespace fs = std::filesystem;
using namespace sluice::bench;
using Clock = std::chrono::steady_clock;

const CommandSpec kBench{"bench", {}, {"--rows", "--out", "--postgres"}, {"--json", "--sink-only"}, {}, kBenchUsage};

// The payload preview's mapping: ten fields with transforms, templates and rules.
constexpr const char *kPreviewMapping = R"JSON([
  {"field": "id", "column": "customer_id"},
  {"field": "email", "column": "email", "transforms": [{"type": "trim"}, {"type": "lower"}],
   "rules": [{"type": "email", "action": "reject"}]},
  {"field": "email_sha256", "column": "email", "transforms": [{"type": "hash"}]},
  {"field": "full_name", "template": "{{ first_name | trim }} {{ last_name | upper }}"},
  {"field": "phone", "column": "phone", "rules": [{"type": "phone", "action": "warn"}]},
  {"field": "country", "column": "country"},
  {"field": "tier", "column": "tier",
   "transforms": [{"type": "valueMap", "map": {"platinum": "VIP", "gold": "VIP"}, "unmapped": "passThrough"}]},
  {"field": "segment", "template": "{% if total_spend > 4000 %}high{% elif total_spend > 1000 %}mid{% else %}low{% endif %}"},
  {"field": "spend", "column": "total_spend", "transforms": [{"type": "round", "decimals": 2}]},
  {"field": "city", "column": "city", "rules": [{"type": "maxLength", "max": 40, "action": "warn"}]}
])JSON";

double since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string machineText()
{
    std::string cpu = "unknown CPU";
    std::ifstream info("/proc/cpuinfo");
    for (std::string line; std::getline(info, line);)
        if (line.starts_with("model name")) {
            cpu = line.substr(line.find(':') + 2);
            break;
        }
    double memGiB = 0;
    std::ifstream mem("/proc/meminfo");
    for (std::string line; std::getline(mem, line);)
        if (line.starts_with("MemTotal:")) {
            memGiB = std::stod(line.substr(9)) / 1024.0 / 1024.0;
            break;
        }
    return fmt::format("{} CPUs, {}, {:.1f} GiB RAM", std::thread::hardware_concurrency(), cpu, memGiB);
}

std::string duration(double seconds)
{
    return seconds < 1 ? fmt::format("{:.1f} ms", seconds * 1000) : fmt::format("{:.3f} s", seconds);
}

std::string rate(double rowsPerSecond)
{
    if (rowsPerSecond >= 1e6)
        return fmt::format("{:.2f} M/s", rowsPerSecond / 1e6);
    if (rowsPerSecond >= 1e3)
        return fmt::format("{:.1f} k/s", rowsPerSecond / 1e3);
    return fmt::format("{:.0f} /s", rowsPerSecond);
}

// Every figure, for the text table and the --json document.
class Report {
public:
    explicit Report(bool quiet) : m_quiet(quiet) { }

    void step(const std::string &what) const
    {
        if (!m_quiet)
            std::cerr << "bench: " << what << "...\n";
    }
    // One measured line; rssKb 0 when not measured; ratio text may be empty.
    json &line(const std::string &key, const std::string &what, std::int64_t rows, double seconds,
               std::int64_t rssKb = 0, std::string ratio = {})
    {
        m_rows.push_back({what, rows > 0 ? fmt::format("{}", rows) : "", duration(seconds), "",
                          rows > 0 && seconds > 0 ? rate(double(rows) / seconds) : "",
                          rssKb > 0 ? fmt::format("{:.0f} MB", double(rssKb) / 1024.0) : "", std::move(ratio)});
        json &j = m_doc["figures"][key];
        m_last = &j;
        j["rows"] = rows;
        j["seconds"] = seconds;
        j["rows_per_second"] = seconds > 0 ? double(rows) / seconds : 0.0;
        if (rssKb > 0)
            j["peak_rss_mb"] = double(rssKb) / 1024.0;
        return j;
    }
    // The CPU time (user + system) of the line just added.
    void cpu(double seconds)
    {
        m_rows.back()[3] = duration(seconds);
        (*m_last)["cpu_seconds"] = seconds;
    }
    void detail(const std::string &what, const std::string &text)
    {
        m_rows.push_back({"  " + what, "", "", "", "", "", text});
    }
    json &doc() { return m_doc; }

    void print() const
    {
        const std::vector<std::string> head{"STEP", "ROWS", "TIME", "CPU", "RATE", "PEAK RSS", "COMPARED"};
        std::vector<std::size_t> width(head.size(), 0);
        for (std::size_t c = 0; c < head.size(); ++c)
            width[c] = head[c].size();
        for (const auto &r : m_rows)
            for (std::size_t c = 0; c < 6; ++c)
                width[c] = std::max(width[c], r[c].size());
        auto print = [&](const std::vector<std::string> &r) {
            std::string out = fmt::format("{:<{}}", r[0], width[0]);
            for (std::size_t c = 1; c < 6; ++c)
                out += fmt::format("  {:>{}}", r[c], width[c]);
            out += "  " + r[6];
            while (!out.empty() && out.back() == ' ')
                out.pop_back();
            std::cout << out << "\n";
        };
        print(head);
        for (const auto &r : m_rows)
            print(r);
    }

private:
    bool m_quiet;
    std::vector<std::vector<std::string>> m_rows;
    json m_doc = json::object();
    json *m_last = nullptr;
};

struct SyncFigures {
    json summary;
    double seconds = 0, cpuSeconds = 0;
    std::int64_t rssKb = 0;
    std::int64_t requests = 0, records = 0, deletes = 0; // at the sink
};

// One sync in a fresh process: `sluicectl run PROJECT --sync NAME --json`.
Result<SyncFigures> runSyncProcess(const std::string &project, const std::string &sync, HttpSink &sink)
{
    sink.resetCounts();
    auto child = runChild({selfExecutable(), "run", project, "--sync", sync, "--json"}, true);
    if (!child)
        return std::unexpected(child.error());
    SyncFigures f;
    f.summary = json::parse(child->output, nullptr, false);
    if (f.summary.is_discarded() || !f.summary.is_object())
        return failed("bench.run",
                      "sync " + sync + " printed no summary (exit " + std::to_string(child->exitCode) + ")");
    if (f.summary.value("status", "") != "succeeded")
        return failed("bench.run", "sync " + sync + " ended " + f.summary.value("status", "?") + ": "
                                       + f.summary.value("error", json("")).dump());
    f.seconds = child->seconds;
    f.cpuSeconds = child->cpuSeconds;
    f.rssKb = child->peakRssKb;
    f.requests = sink.requests();
    f.records = sink.records();
    f.deletes = sink.deletes();
    return f;
}

// The run's line, its counts and the stages the engine measured.
void reportSync(Report &report, const std::string &key, const std::string &what, const SyncFigures &f,
                const std::string &ratio)
{
    const std::int64_t rows = f.summary.value("queried", std::int64_t(0));
    json &j = report.line(key, what, rows, f.seconds, f.rssKb, ratio);
    report.cpu(f.cpuSeconds);
    j["engine_seconds"] = double(f.summary.value("duration_ms", std::int64_t(0))) / 1000.0;
    j["planned"] = f.summary["planned"];
    j["delivered"] = f.summary["delivered"];
    j["requests"] = f.summary["requests"];
    j["sink"] = json{{"requests", f.requests}, {"records", f.records}, {"deletes", f.deletes}};
    if (f.summary.contains("stages")) {
        const json &s = f.summary["stages"];
        j["stages"] = s;
        const auto stage = [&](const char *name, const char *label, std::int64_t n) {
            const double seconds = s.value(std::string(name) + "_seconds", 0.0);
            report.detail(label, fmt::format("{}{}", duration(seconds),
                                             n > 0 && seconds > 0 ? ", " + rate(double(n) / seconds) : ""));
        };
        stage("query", "query (read the model)", rows);
        stage("plan", "plan (keys, hashes, merge)", rows);
        stage("map", "map (mapping, payloads)", s.value("mapped", std::int64_t(0)));
        stage("deliver", "deliver (destination, all threads)", f.summary.value("delivered", std::int64_t(0)));
        stage("acknowledge", "acknowledge (snapshot commits)", f.summary.value("delivered", std::int64_t(0)));
        stage("wait_rows", "planner waiting for the reader", 0);
        stage("wait", "planner waiting for delivery", 0);
    }
}

std::string times(double a, double b)
{
    return b > 0 ? fmt::format("{:.2f}x", a / b) : "n/a";
}

template <typename T> double median(std::vector<T> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : double(v[v.size() / 2]);
}

int fail(const Error &e)
{
    std::cerr << "error: " << e.describe() << "\n";
    return e.kind == ErrorKind::InvalidInput ? 2 : 1;
}

} // namespace

int cmdBench(const std::vector<std::string> &argv)
{
    auto a = parse(kBench, argv);
    if (!a)
        return fail(a.error());
    auto rowsOption = a->integer("--rows", 1000, 100'000'000);
    if (!rowsOption)
        return fail(rowsOption.error());
    const std::int64_t rows = rowsOption->value_or(1'000'000);
    const std::string out = fs::absolute(a->option("--out").value_or("/tmp/sluice-bench")).string();
    const std::string pg = a->option("--postgres").value_or("");
    const bool asJson = a->flag("--json");
    // Only the HTTP sink's syncs (the table and file ones take longest at 10M rows).
    const bool sinkOnly = a->flag("--sink-only");
    Report report(false);
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec)
        return fail(Error{ErrorKind::InvalidInput, "bench.out", "cannot create the folder: " + ec.message(), out});
    for (const char *name : {"bench-destination.sqlite", "bench-destination.sqlite-wal", "bench-destination.sqlite-shm",
                             "bench-customers.jsonl"})
        fs::remove(fs::path(out) / name, ec);

    const std::string warehouse = (fs::path(out) / "warehouse.sqlite").string();
    const std::string before = (fs::path(out) / "warehouse-before.sqlite").string();
    const std::string project = (fs::path(out) / "bench.sluice").string();
    json &doc = report.doc();
    doc["rows"] = rows;
    doc["machine"] = machineText();
    doc["folder"] = out;

    report.step(fmt::format("generating {} customers", rows));
    auto started = Clock::now();
    if (auto r = generateWarehouse(warehouse, rows); !r)
        return fail(r.error());
    report.line("generate", "generate the warehouse", rows, since(started));
    doc["warehouse_mb"] = double(fs::file_size(warehouse, ec)) / 1e6;

    auto sink = HttpSink::start();
    if (!sink)
        return fail(sink.error());
    if (auto r = createBenchProject({project, "warehouse.sqlite", (*sink)->url()}, pg); !r)
        return fail(r.error());

    report.step("bare scan (SQLite C API)");
    auto scan = bareScan(warehouse, kModelSql);
    if (!scan)
        return fail(scan.error());
    report.line("scan_before", "baseline: bare scan, SQLite C API", scan->rows, scan->seconds);
    report.cpu(scan->cpuSeconds);

    // First full syncs.
    struct Target {
        const char *sync, *key, *label;
    };
    const Target targets[] = {{kSyncTable, "full_table", "full sync -> SQLite table"},
                              {kSyncJsonl, "full_jsonl", "full sync -> JSON Lines file"},
                              {kSyncSink, "full_sink", "full sync -> HTTP sink, batches of 100"}};
    SyncFigures fullSink;
    for (const auto &t : targets) {
        if (sinkOnly && std::string(t.sync) != kSyncSink)
            continue;
        report.step(t.label);
        auto f = runSyncProcess(project, t.sync, **sink);
        if (!f)
            return fail(f.error());
        std::string ratio = times(f->seconds, scan->seconds) + " the bare scan";
        if (std::string(t.sync) == kSyncSink) {
            fullSink = *f;
            ratio += fmt::format("; {} requests", f->requests);
        }
        reportSync(report, t.key, t.label, *f, ratio);
    }

    report.step("one request per row");
    const std::int64_t loopRows = std::min<std::int64_t>(rows, 20'000);
    auto loop = perRowLoop(warehouse, kModelSql, (*sink)->url(), loopRows);
    if (!loop)
        return fail(loop.error());
    const double fullRate = double(fullSink.summary.value("queried", std::int64_t(0))) / fullSink.seconds;
    report.line("per_row_loop", "baseline: one request per row", loop->rows, loop->seconds, 0,
                fmt::format("full sync to the sink is {:.1f}x faster", fullRate / loop->rowsPerSecond()));

    // Churn, then the incremental run and its peers.
    fs::copy_file(warehouse, before, fs::copy_options::overwrite_existing, ec);
    if (ec)
        return fail(Error{ErrorKind::Failed, "bench.copy", ec.message(), before});
    report.step("changing 1%, deleting 0.5%, adding 0.5%");
    auto churn = applyChurn(warehouse, rows);
    if (!churn)
        return fail(churn.error());
    doc["churn"] = json{{"changed", churn->changed}, {"deleted", churn->deleted}, {"added", churn->added}};

    report.step("bare scan after the churn");
    auto scanAfter = bareScan(warehouse, kModelSql);
    if (!scanAfter)
        return fail(scanAfter.error());
    report.line("scan_after", "baseline: bare scan, SQLite C API", scanAfter->rows, scanAfter->seconds);
    report.cpu(scanAfter->cpuSeconds);

    report.step("sqldiff --table customers");
    auto diff = runChild({"sqldiff", "--table", "customers", before, warehouse}, false);
    if (!diff)
        return fail(diff.error());
    if (diff->exitCode != 0)
        return fail(Error{ErrorKind::Failed, "bench.sqldiff",
                          "sqldiff failed (exit " + std::to_string(diff->exitCode) + ")",
                          "is the sqlite3-tools package installed?"});
    report.line("sqldiff", "baseline: sqldiff --table", scanAfter->rows, diff->seconds, diff->peakRssKb,
                fmt::format("{} statements", diff->outputLines))["statements"]
        = diff->outputLines;
    report.cpu(diff->cpuSeconds);

    report.step("incremental sync to the HTTP sink");
    auto incremental = runSyncProcess(project, kSyncSink, **sink);
    if (!incremental)
        return fail(incremental.error());
    reportSync(report, "incremental_sink", "incremental sync -> HTTP sink", *incremental,
               fmt::format("{} the bare scan, {} sqldiff; {} requests", times(incremental->seconds, scanAfter->seconds),
                           times(incremental->seconds, diff->seconds), incremental->requests));

    for (const auto &t : {Target{kSyncTable, "incremental_table", "incremental sync -> SQLite table"},
                          Target{kSyncJsonl, "incremental_jsonl", "incremental sync -> JSON Lines file"}}) {
        if (sinkOnly)
            break;
        report.step(t.label);
        auto f = runSyncProcess(project, t.sync, **sink);
        if (!f)
            return fail(f.error());
        reportSync(report, t.key, t.label, *f, times(f->seconds, scanAfter->seconds) + " the bare scan");
    }

    report.step("re-sync without changes");
    auto noChange = runSyncProcess(project, kSyncSink, **sink);
    if (!noChange)
        return fail(noChange.error());
    reportSync(
        report, "nochange_sink", "no-change re-sync -> HTTP sink", *noChange,
        fmt::format("{} the bare scan; {} requests", times(noChange->seconds, scanAfter->seconds), noChange->requests));

    // Previews, in this process: the median of several.
    report.step("previews");
    {
        const SourceDef sourceDef{"warehouse", "sqlite", {{"path", warehouse}}};
        const ModelDef model{"customers", "warehouse", kModelSql, {kModelKey}, ""};
        std::vector<double> modelMs, payloadMs;
        std::vector<Row> sample;
        std::vector<Column> columns;
        for (int i = 0; i < 7; ++i) {
            const auto t0 = Clock::now();
            auto source = makeSource(sourceDef, SourceContext{out, SecretAccess::Allowed});
            if (!source)
                return fail(source.error());
            auto preview = previewModel(**source, model, 100);
            if (!preview)
                return fail(preview.error());
            modelMs.push_back(since(t0) * 1000);
            sample = preview->rows;
            columns = preview->columns;
        }
        for (int i = 0; i < 7; ++i) {
            const auto t0 = Clock::now();
            auto mapper = Mapper::compile(json::parse(kPreviewMapping), json::object(),
                                          MappingContext{columns, {kModelKey}, {}});
            if (!mapper)
                return fail(mapper.error());
            auto payloads = previewPayloads(*mapper, sample);
            if (!payloads)
                return fail(payloads.error());
            payloadMs.push_back(since(t0) * 1000);
        }
        report.line("model_preview", "model preview, 100 rows (LIMIT pushed down)", 100, median(modelMs) / 1000, 0,
                    "target < 50 ms");
        report.line("payload_preview", "payload preview, 100 rows, 10 fields with transforms", 100,
                    median(payloadMs) / 1000, 0, "target < 20 ms");
    }

    if (!pg.empty()) {
        report.step("loading the warehouse into PostgreSQL");
        // The PostgreSQL sync starts from the data before the churn, like the SQLite one.
        auto load = loadPostgres(pg, before);
        if (!load)
            return fail(load.error());
        report.line("pg_load", "load PostgreSQL (COPY FROM STDIN)", load->rows, load->seconds);
        report.step("full sync from PostgreSQL");
        auto pgFull = runSyncProcess(project, kSyncPgSink, **sink);
        if (!pgFull)
            return fail(pgFull.error());
        reportSync(report, "pg_full_sink", "PostgreSQL: full sync -> HTTP sink", *pgFull, "");
        if (auto reload = loadPostgres(pg, warehouse); !reload)
            return fail(reload.error());
        auto copy = postgresCopy(pg);
        if (!copy)
            return fail(copy.error());
        report.line("pg_copy", "baseline: PostgreSQL COPY of the model (libpq)", copy->rows, copy->seconds);
        auto pgIncremental = runSyncProcess(project, kSyncPgSink, **sink);
        if (!pgIncremental)
            return fail(pgIncremental.error());
        reportSync(report, "pg_incremental_sink", "PostgreSQL: incremental sync -> HTTP sink", *pgIncremental,
                   times(pgIncremental->seconds, copy->seconds) + " the COPY");
    }
    (*sink)->stop();

    if (asJson) {
        std::cout << doc.dump(2) << "\n";
        return 0;
    }
    std::cout << fmt::format("Sluice benchmark: {} customers, {:.0f} MB warehouse, in {}\n{}\n\n", rows,
                             doc.value("warehouse_mb", 0.0), out, doc["machine"].get<std::string>());
    report.print();
    std::cout << fmt::format("\nchurn: {} changed, {} deleted, {} added\n", churn->changed, churn->deleted,
                             churn->added);
    return 0;
}

} // namespace sluice::cli

// Batch delivery over libcurl: the webhook destination (engine/http's
// client) sending batches of 100 customer records to a local HTTP sink on
// 127.0.0.1, from one thread and from four (the webhook's default
// concurrency). Baseline in the same process: one request per record, the
// loop a hand-written glue script runs. The sink is started before the
// benchmarks and stopped after them.

#include "bench/benchdata.h"
#include "bench/httpsink.h"
#include "destinations/webhookdestination.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

using namespace sluice;

namespace {

bench::HttpSink &sink()
{
    static std::unique_ptr<bench::HttpSink> s = [] {
        auto started = bench::HttpSink::start();
        if (!started) {
            std::fprintf(stderr, "cannot start the sink: %s\n", started.error().describe().c_str());
            std::exit(1);
        }
        return std::move(*started);
    }();
    return *s;
}

RunInfo runInfo()
{
    RunInfo run;
    run.syncName = "bench";
    run.fields
        = {{"customer_id", ValueType::Integer}, {"email", ValueType::Text},       {"phone", ValueType::Text},
           {"first_name", ValueType::Text},     {"last_name", ValueType::Text},   {"country", ValueType::Text},
           {"city", ValueType::Text},           {"signup_date", ValueType::Text}, {"last_order_date", ValueType::Text},
           {"total_spend", ValueType::Real},    {"orders", ValueType::Integer},   {"tier", ValueType::Text}};
    run.keyFields = {"customer_id"};
    return run;
}

std::vector<Record> records(std::size_t n)
{
    std::vector<Record> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto id = std::int64_t(i + 1);
        Record &r = out[i];
        r.keyValues = {Value(id)};
        r.fields = bench::customerRow(id);
    }
    return out;
}

WebhookDestination &destination()
{
    static WebhookDestination *d = [] {
        WebhookSettings settings;
        settings.url = sink().url();
        auto *w = new WebhookDestination(settings);
        if (auto r = w->begin(runInfo()); !r) {
            std::fprintf(stderr, "begin failed: %s\n", r.error().describe().c_str());
            std::exit(1);
        }
        return w;
    }();
    return *d;
}

// Batches of 100 records; ->Threads(4) sends four at a time, each thread on
// its own kept-alive connection (as the executor's workers do).
void BM_WebhookBatch100(benchmark::State &state)
{
    WebhookDestination &d = destination();
    const auto batch = records(100);
    for (auto _ : state) {
        auto outcome = d.write(1, batch);
        if (!outcome)
            state.SkipWithError(outcome.error().message.c_str());
    }
    state.SetItemsProcessed(state.iterations() * 100);
}
BENCHMARK(BM_WebhookBatch100)->UseRealTime();
BENCHMARK(BM_WebhookBatch100)->Threads(4)->UseRealTime();

// The baseline: one request per record.
void BM_OneRequestPerRecord(benchmark::State &state)
{
    WebhookDestination &d = destination();
    const auto one = records(1);
    for (auto _ : state) {
        auto outcome = d.write(1, one);
        if (!outcome)
            state.SkipWithError(outcome.error().message.c_str());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_OneRequestPerRecord)->UseRealTime();

} // namespace

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    // Whoever starts the sink stops it.
    sink().stop();
    return 0;
}

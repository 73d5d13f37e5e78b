// sluicectl bench-audience: the demo's customers grown to N (10 orders and 20
// events each on average), one three-condition audience sized by the engine
// against the best hand-written SQL for the same question on the same
// connection, and a preview of 100 members (docs/performance.md, "Audiences").
// Each figure is the median of --repeat runs; the ratios are what to read.

#include "bench.h"

#include "cliargs.h"
#include "clioutput.h"
#include "commandsupport.h"

#include "audiences/audiencerunner.h"
#include "audiences/projectaudience.h"
#include "bench/audiencedata.h"
#include "sources/sourcekinds.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>

namespace sluice::cli {

const char *const kBenchAudienceUsage = "sluicectl bench-audience [--customers N] [--repeat K] [--out DIR] [--json]";
const char *const kBenchAudienceSummary
    = "Size an audience on N generated customers against hand-written SQL (docs/performance.md)";

namespace {

using nlohmann::json;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

const CommandSpec kBenchAudience{"bench-audience", {}, {"--customers", "--repeat", "--out"},
                                 {"--json"},       {}, kBenchAudienceUsage};

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int cmdBenchAudience(const std::vector<std::string> &argv)
{
    auto a = parse(kBenchAudience, argv);
    if (!a)
        return report(a.error());
    auto customersOption = a->integer("--customers", 1000, 50'000'000);
    auto repeatOption = a->integer("--repeat", 1, 50);
    if (!customersOption || !repeatOption)
        return report(!customersOption ? customersOption.error() : repeatOption.error());
    const std::int64_t customers = customersOption->value_or(1'000'000);
    const int repeat = int(repeatOption->value_or(3));
    const std::string out = fs::absolute(a->option("--out").value_or("/tmp/sluice-bench-audience")).string();
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec)
        return report(Error{ErrorKind::InvalidInput, "bench.out", "cannot create the folder: " + ec.message(), out});
    const std::string warehouse = (fs::path(out) / "audience-warehouse.sqlite").string();
    const std::string project = (fs::path(out) / "audience-bench.sluice").string();
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());

    std::cerr << "bench-audience: generating " << customers << " customers with their orders and events...\n";
    auto started = Clock::now();
    auto counts = bench::generateAudienceWarehouse(warehouse, customers, now);
    if (!counts)
        return report(counts.error());
    const double generateMs = msSince(started);
    if (auto r = bench::createAudienceBenchProject(project, warehouse); !r)
        return report(r.error());
    auto loaded = loadProject(project);
    if (!loaded)
        return report(loaded.error());
    auto setup = audiences::audienceSetup(loaded->config, bench::kBenchAudience);
    if (!setup)
        return report(setup.error());
    auto source = makeSource(setup->source, SourceContext{loaded->store->directory(), SecretAccess::Denied});
    if (!source)
        return report(source.error());

    // Alternating, so that a busy moment of the machine hits both sides.
    std::cerr << "bench-audience: sizing " << repeat << " times...\n";
    const std::string handSql = bench::handWrittenAudienceCount(now);
    std::vector<double> hand, compile, count, funnel, preview;
    std::int64_t handMembers = 0, members = 0;
    std::vector<std::int64_t> steps;
    for (int i = 0; i < repeat; ++i) {
        started = Clock::now();
        auto h = audiences::firstRow(**source, handSql);
        if (!h)
            return report(h.error());
        hand.push_back(msSince(started));
        handMembers = (*h)[0].asInteger();

        started = Clock::now();
        auto compiled = audiences::compileOnSource(*setup, **source, now);
        if (!compiled)
            return report(compiled.error());
        compile.push_back(msSince(started));
        started = Clock::now();
        auto c = audiences::countMembers(**source, *compiled);
        if (!c)
            return report(c.error());
        count.push_back(msSince(started));
        members = *c;
        auto size = audiences::measureAudience(**source, *compiled, setup->audience().root.match);
        if (!size)
            return report(size.error());
        funnel.push_back(size->elapsedMs);
        steps = size->funnel;
        auto first = audiences::previewMembers(**source, *compiled, 100);
        if (!first)
            return report(first.error());
        preview.push_back(first->elapsedMs);
    }
    if (members != handMembers || (!steps.empty() && steps.back() != members))
        return report(failed("bench.mismatch", fmt::format("the audience has {} members, the hand-written SQL counts "
                                                           "{}: the benchmark compares different questions",
                                                           members, handMembers))
                          .error());

    const double handMs = median(hand), countMs = median(count), funnelMs = median(funnel);
    const double compileMs = median(compile), previewMs = median(preview);
    if (a->flag("--json")) {
        printJson(json{{"customers", counts->customers},
                       {"orders", counts->orders},
                       {"events", counts->events},
                       {"members", members},
                       {"funnel", steps},
                       {"repeat", repeat},
                       {"generate_ms", generateMs},
                       {"hand_written_ms", handMs},
                       {"compile_ms", compileMs},
                       {"count_ms", countMs},
                       {"count_vs_hand_written", countMs / handMs},
                       {"size_with_funnel_ms", funnelMs},
                       {"size_with_funnel_vs_hand_written", funnelMs / handMs},
                       {"preview_100_ms", previewMs}});
        return 0;
    }
    std::cout << fmt::format("Audience benchmark: {} customers, {} orders, {} events ({:.0f} MB) in {}\n",
                             counts->customers, counts->orders, counts->events,
                             double(fs::file_size(warehouse, ec)) / 1e6, out)
              << fmt::format("'{}' (city, an order over 100 in 30 days, no app_open in 7 days): {} members, "
                             "funnel {}\n",
                             bench::kBenchAudience, members, fmt::join(steps, " -> "))
              << fmt::format("medians of {} runs:\n", repeat)
              << fmt::format("  {:<44} {:>10.1f} ms\n", "generate the warehouse", generateMs)
              << fmt::format("  {:<44} {:>10.1f} ms\n", "baseline: hand-written SQL, COUNT(*)", handMs)
              << fmt::format("  {:<44} {:>10.1f} ms   {:.2f}x the hand-written SQL\n", "audience size (count)", countMs,
                             countMs / handMs)
              << fmt::format("  {:<44} {:>10.1f} ms   {:.2f}x the hand-written SQL\n",
                             "audience size with its funnel (one scan)", funnelMs, funnelMs / handMs)
              << fmt::format("  {:<44} {:>10.1f} ms\n", "compile (read the models' columns, SQL)", compileMs)
              << fmt::format("  {:<44} {:>10.1f} ms   target < 200 ms\n", "preview 100 members", previewMs);
    return 0;
}

} // namespace sluice::cli

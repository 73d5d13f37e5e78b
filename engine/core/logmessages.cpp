#include "core/logmessages.h"

#include <algorithm>
#include <array>

namespace sluice {

namespace {

constexpr std::array kTemplates = {
    LogTemplate{"run.start", "{1} of sync '{2}': model '{3}' -> destination '{4}' ({5} mode)"},
    LogTemplate{"run.summary", "{1}: {2} queried, {3} invalid; added {4}, changed {5}, removed {6}, unchanged {7}; "
                               "{8} delivered, {9} rejected, {10} pending"},
    LogTemplate{"run.summary_error", "{1}: {2} queried, {3} invalid; added {4}, changed {5}, removed {6}, "
                                     "unchanged {7}; {8} delivered, {9} rejected, {10} pending; {11}"},
    LogTemplate{"run.summary_deferred", "{1} until {11}: {2} queried, {3} invalid; added {4}, changed {5}, "
                                        "removed {6}, unchanged {7}; {8} delivered, {9} rejected, {10} pending"},
    LogTemplate{"run.baseline_reset", "baseline reset: {1} rows recorded as synced, nothing sent"},
    LogTemplate{"run.backfill_off",
                "backfill is off: starting from the newest row; only rows added after it will be sent"},
    LogTemplate{"run.no_rejected_rows", "no rejected rows to retry"},
    LogTemplate{"run.mirror_guard_dry_run", "a real run would stop at the mirror guard"},
    LogTemplate{"row.rejected", "rejected: {1}"},
    LogTemplate{"row.rejected_by_validation", "rejected by validation: {1}"},
    LogTemplate{"row.null_key", "rows with a NULL primary key are invalid and not sent"},
    LogTemplate{"row.duplicate_key", "duplicate primary key: every row with it is invalid and not sent"},
    LogTemplate{"row.more_problems",
                "{1} more rows with the same '{2}' problem on field '{3}' (first {4} logged above)"},
    LogTemplate{"batch.retrying_records", "{1} records retryable; retrying in {2} s (attempt {3} of {4})"},
    LogTemplate{"batch.retrying", "{1}; retrying in {2} s (attempt {3} of {4})"},
    LogTemplate{"batch.splitting", "batch of {1} refused ({2}); splitting it to isolate the bad record"},
    LogTemplate{"batch.not_delivered",
                "{1} records not delivered: {2}; they stay pending and are sent again on the next run"},
    LogTemplate{"state.record_failed", "could not record delivered rows: {1}"},
    LogTemplate{"state.cursor_failed", "could not save the cursor: {1}"},
    LogTemplate{"state.staging_failed", "could not record the rows about to be sent, so they were not sent: {1}"},
    LogTemplate{"file.recovered_after_replace", "run {1} was stopped after it replaced the file and before it "
                                                "recorded so: its {2} rows are recorded as delivered now, not sent "
                                                "again"},
    LogTemplate{"file.recovered_before_replace",
                "run {1} was stopped before it replaced the file: nothing of it was kept, its rows are planned again"},
    LogTemplate{"file.dropped_staged", "dropped {1} rows staged by a run that was stopped before it replaced the "
                                       "file: they are planned again"},
};

} // namespace

std::span<const LogTemplate> logTemplates()
{
    return kTemplates;
}

const LogTemplate *findLogTemplate(std::string_view code)
{
    const auto it = std::find_if(kTemplates.begin(), kTemplates.end(), [&](const auto &t) { return t.code == code; });
    return it == kTemplates.end() ? nullptr : &*it;
}

std::string fillLogTemplate(std::string_view pattern, const std::vector<std::string> &args)
{
    std::string out;
    out.reserve(pattern.size() + 32);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{') {
            std::size_t end = i + 1;
            std::size_t n = 0;
            while (end < pattern.size() && pattern[end] >= '0' && pattern[end] <= '9')
                n = n * 10 + std::size_t(pattern[end++] - '0');
            if (end > i + 1 && end < pattern.size() && pattern[end] == '}' && n >= 1 && n <= args.size()) {
                out += args[n - 1];
                i = end;
                continue;
            }
        }
        out += pattern[i];
    }
    return out;
}

std::string LogMessage::english() const
{
    const LogTemplate *t = findLogTemplate(code);
    return t ? fillLogTemplate(t->english, args) : code;
}

} // namespace sluice

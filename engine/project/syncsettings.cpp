#include "syncsettings.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string_view>
#include <tuple>
#include <vector>

namespace sluice {

namespace {

using nlohmann::json;

constexpr std::array kKnownKeys = {
    "alerts",
    "backfill",
    "batchSize",
    "changeDetection",
    "concurrency",
    "filter",
    "httpRetentionRuns",
    "initialTimestamp",
    "logRetentionRuns",
    "maxAttempts",
    "maxRetryWaitSeconds",
    "mirrorGuardPercent",
    "notify",
    "protected",
    "requestsPerSecond",
    "retryBaseMs",
    "samplePercent",
    "schedule",
    "smtp",
    "timestampColumn",
};

// Levenshtein distance, for "did you mean".
std::size_t distance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t previous = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t replaced = previous + (std::tolower(a[i - 1]) == std::tolower(b[j - 1]) ? 0 : 1);
            previous = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, replaced});
        }
    }
    return row[b.size()];
}

std::string closestKey(const std::string &key)
{
    std::string best;
    std::size_t bestDistance = 3; // only close misspellings are suggested
    for (const char *known : kKnownKeys) {
        const std::size_t d = distance(key, known);
        if (d < bestDistance) {
            bestDistance = d;
            best = known;
        }
    }
    return best;
}

// A short rendering of a wrong value for the message.
std::string shown(const json &value)
{
    std::string text = value.dump();
    if (text.size() > 40)
        text = text.substr(0, 37) + "...";
    return text;
}

class Reader {
public:
    Reader(const json &settings, const std::string &where) : m_settings(settings), m_where(where) { }

    const json *find(const char *key) const
    {
        const auto it = m_settings.find(key);
        return it == m_settings.end() || it->is_null() ? nullptr : &*it;
    }

    std::unexpected<Error> wrong(const char *key, const std::string &expected) const
    {
        return invalidInput("settings.type", fmt::format("must be {} (got {})", expected, shown(m_settings[key])),
                            m_where + "." + key);
    }

    Result<std::optional<int>> whole(const char *key, int min, int max) const
    {
        const json *v = find(key);
        if (!v)
            return std::optional<int>();
        const std::string expected = fmt::format("a whole number from {} to {}", min, max);
        if (!v->is_number())
            return wrong(key, expected);
        const double d = v->get<double>();
        if (!std::isfinite(d) || d != std::floor(d) || d < min || d > max)
            return wrong(key, expected);
        return std::optional<int>(int(d));
    }

    Result<std::optional<double>> number(const char *key, double min, double max) const
    {
        const json *v = find(key);
        if (!v)
            return std::optional<double>();
        const std::string expected = fmt::format("a number from {} to {}", min, max);
        if (!v->is_number())
            return wrong(key, expected);
        const double d = v->get<double>();
        if (!std::isfinite(d) || d < min || d > max)
            return wrong(key, expected);
        return std::optional<double>(d);
    }

    Result<std::optional<bool>> flag(const char *key) const
    {
        const json *v = find(key);
        if (!v)
            return std::optional<bool>();
        if (!v->is_boolean())
            return wrong(key, "true or false");
        return std::optional<bool>(v->get<bool>());
    }

    Result<std::optional<std::string>> text(const char *key) const
    {
        const json *v = find(key);
        if (!v)
            return std::optional<std::string>();
        if (!v->is_string())
            return wrong(key, "a text");
        return std::optional<std::string>(v->get<std::string>());
    }

    Result<> shape(const char *key, bool object, bool array, const std::string &expected) const
    {
        const json *v = find(key);
        if (v && !((object && v->is_object()) || (array && v->is_array())))
            return wrong(key, expected);
        return {};
    }

private:
    const json &m_settings;
    std::string m_where;
};

// Stores a value that was read and present; keeps the default otherwise.
template <typename Target, typename Read> Result<> assign(Result<std::optional<Read>> read, Target &target)
{
    if (!read)
        return std::unexpected(read.error());
    if (*read)
        target = **read;
    return {};
}

} // namespace

Result<SyncSettings> parseSyncSettings(const json &settings, const std::string &where)
{
    SyncSettings s;
    if (settings.is_null())
        return s;
    if (!settings.is_object())
        return invalidInput("settings.type", "must be an object of settings (got " + shown(settings) + ")", where);
    for (const auto &[key, value] : settings.items()) {
        if (std::find_if(kKnownKeys.begin(), kKnownKeys.end(), [&](const char *k) { return key == k; })
            != kKnownKeys.end())
            continue;
        const std::string suggestion = closestKey(key);
        return invalidInput("settings.unknown",
                            "is not a sync setting"
                                + (suggestion.empty() ? std::string(" (see docs/project-format.md#sync-settings)")
                                                      : " (did you mean " + suggestion + "?)"),
                            where + "." + key);
    }
    const Reader r(settings, where);
    // Every key is read (and checked) in this order; the first problem is the answer.
    const Result<> reads[] = {
        assign(r.whole("batchSize", 1, 100000), s.batchSize),
        assign(r.whole("concurrency", 1, 64), s.concurrency),
        assign(r.number("requestsPerSecond", 0, 100000), s.requestsPerSecond),
        assign(r.whole("maxAttempts", 1, 100), s.maxAttempts),
        assign(r.whole("retryBaseMs", 1, 600000), s.retryBaseMs),
        assign(r.number("maxRetryWaitSeconds", 0, 86400), s.maxRetryWaitSeconds),
        assign(r.number("mirrorGuardPercent", 0, 100), s.mirrorGuardPercent),
        assign(r.whole("logRetentionRuns", 1, 100000), s.logRetentionRuns),
        assign(r.whole("httpRetentionRuns", 0, 10000), s.httpRetentionRuns),
        assign(r.flag("backfill"), s.backfill),
        assign(r.flag("protected"), s.protectedSync),
        assign(r.text("filter"), s.filter),
        assign(r.number("samplePercent", 0, 100), s.samplePercent),
        assign(r.text("timestampColumn"), s.timestampColumn),
    };
    for (const Result<> &read : reads)
        if (!read)
            return std::unexpected(read.error());
    {
        auto mode = r.text("changeDetection");
        if (!mode)
            return std::unexpected(mode.error());
        if (*mode && **mode != "snapshot" && **mode != "timestamp")
            return r.wrong("changeDetection", "\"snapshot\" or \"timestamp\"");
        s.timestampCursor = *mode && **mode == "timestamp";
    }
    if (const json *init = r.find("initialTimestamp")) {
        if (!init->is_number() && !init->is_string())
            return r.wrong("initialTimestamp", "a number or a text");
        s.initialTimestamp = *init;
    }
    for (auto [key, object, array, expected] :
         {std::tuple{"schedule", true, false, "an object such as {\"type\": \"interval\", \"minutes\": 60}"},
          std::tuple{"alerts", false, true, "a list of alert rules"},
          std::tuple{"notify", false, true, "a list of channels"},
          std::tuple{"smtp", true, false, "an object with \"url\" and \"from\""}})
        if (auto ok = r.shape(key, object, array, expected); !ok)
            return std::unexpected(ok.error());
    if (s.timestampCursor && s.timestampColumn.empty())
        return invalidInput("settings.no_timestamp_column", "timestamp change detection needs settings.timestampColumn",
                            where + ".timestampColumn");
    return s;
}

} // namespace sluice

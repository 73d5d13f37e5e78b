#include "schedule.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>

namespace sluice {

using nlohmann::json;
using namespace std::chrono;

namespace {

constexpr std::int64_t kMaxIntervalMinutes = 366 * 24 * 60;  // a year
constexpr std::int64_t kMaxContinuousSeconds = 24 * 60 * 60; // beyond a day, use an interval

std::string typeList()
{
    return "manual, interval, cron or continuous";
}

std::unexpected<Error> scheduleError(const std::string &key, const std::string &message)
{
    return invalidInput("schedule.invalid", message, key.empty() ? "schedule" : "schedule." + key);
}

// Every key but `type` must be one the type takes: a typo ("minute") would
// otherwise silently give a different schedule.
Result<> checkKeys(const json &value, const std::string &type, std::initializer_list<const char *> allowed)
{
    for (const auto &[key, ignored] : value.items()) {
        if (key == "type")
            continue;
        if (std::find_if(allowed.begin(), allowed.end(), [&](const char *k) { return key == k; }) != allowed.end())
            continue;
        std::string takes;
        for (const char *k : allowed)
            takes += (takes.empty() ? "" : ", ") + std::string(k);
        return scheduleError(key, fmt::format("is not a setting of schedule type '{}' ({})", type,
                                              takes.empty() ? "it takes none" : "it takes " + takes));
    }
    return {};
}

Result<std::int64_t> wholeNumber(const json &value, const char *key, std::int64_t max, const char *unit)
{
    if (!value.contains(key))
        return scheduleError(key, fmt::format("is missing: how many {} apart runs start", unit));
    const json &v = value[key];
    if (!v.is_number_integer() || v.get<std::int64_t>() < 1 || v.get<std::int64_t>() > max)
        return scheduleError(key,
                             fmt::format("must be a whole number of {} from 1 to {}, not {}", unit, max, v.dump()));
    return v.get<std::int64_t>();
}

bool isUtcName(std::string name)
{
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    return name == "UTC" || name == "ETC/UTC" || name == "GMT" || name == "Z";
}

} // namespace

std::string Schedule::describe() const
{
    switch (type) {
    case ScheduleType::Manual: return "manual";
    case ScheduleType::Interval: {
        const auto minutesApart = duration_cast<minutes>(every).count();
        if (minutesApart == 1)
            return "every minute";
        if (minutesApart == 60)
            return "every hour";
        if (minutesApart % 60 == 0)
            return fmt::format("every {} hours", minutesApart / 60);
        return fmt::format("every {} minutes", minutesApart);
    }
    case ScheduleType::Cron: return fmt::format("cron '{}' (UTC)", cron ? cron->text() : std::string());
    case ScheduleType::Continuous: return fmt::format("continuous, every {} s", every.count());
    }
    return "manual";
}

Result<Schedule> parseSchedule(const json &value)
{
    Schedule s;
    if (value.is_null())
        return s;
    if (!value.is_object())
        return scheduleError("", "must be an object such as {\"type\": \"interval\", \"minutes\": 60}");
    if (!value.contains("type") || !value["type"].is_string())
        return scheduleError("type", "is missing; use " + typeList());
    const std::string type = value["type"].get<std::string>();
    if (type == "manual") {
        if (auto r = checkKeys(value, type, {}); !r)
            return std::unexpected(r.error());
        return s;
    }
    if (type == "interval") {
        if (auto r = checkKeys(value, type, {"minutes"}); !r)
            return std::unexpected(r.error());
        auto n = wholeNumber(value, "minutes", kMaxIntervalMinutes, "minutes");
        if (!n)
            return std::unexpected(n.error());
        s.type = ScheduleType::Interval;
        s.every = minutes{*n};
        return s;
    }
    if (type == "continuous") {
        if (auto r = checkKeys(value, type, {"seconds"}); !r)
            return std::unexpected(r.error());
        auto n = wholeNumber(value, "seconds", kMaxContinuousSeconds, "seconds");
        if (!n)
            return std::unexpected(n.error());
        s.type = ScheduleType::Continuous;
        s.every = seconds{*n};
        return s;
    }
    if (type == "cron") {
        if (auto r = checkKeys(value, type, {"expression", "timezone"}); !r)
            return std::unexpected(r.error());
        if (!value.contains("expression") || !value["expression"].is_string())
            return scheduleError("expression", "is missing: a cron expression such as \"0 6 * * *\" (UTC)");
        if (value.contains("timezone")) {
            const json &tz = value["timezone"];
            if (!tz.is_string() || !isUtcName(tz.get<std::string>()))
                return scheduleError("timezone",
                                     fmt::format("{} is not supported: cron schedules run in UTC only; write the "
                                                 "expression in UTC and set \"timezone\": \"UTC\" or leave it out",
                                                 tz.dump()));
        }
        auto cron = CronExpr::parse(value["expression"].get<std::string>());
        if (!cron) {
            Error e = cron.error();
            e.where = "schedule.expression";
            return std::unexpected(e);
        }
        s.type = ScheduleType::Cron;
        s.cron = std::move(*cron);
        return s;
    }
    return scheduleError("type", fmt::format("'{}' is not a schedule type; use {}", type, typeList()));
}

Result<Schedule> syncSchedule(const SyncDef &sync)
{
    const json none;
    const json &value
        = sync.settings.is_object() && sync.settings.contains("schedule") ? sync.settings["schedule"] : none;
    auto s = parseSchedule(value);
    if (!s) {
        Error e = s.error();
        e.where = "sync '" + sync.name + "': settings." + e.where;
        return std::unexpected(e);
    }
    return s;
}

std::optional<SysTime> nextDue(const Schedule &schedule, std::optional<SysTime> lastRunStart, SysTime now)
{
    switch (schedule.type) {
    case ScheduleType::Manual: return std::nullopt;
    case ScheduleType::Interval:
    case ScheduleType::Continuous:
        if (!lastRunStart)
            return now;
        return *lastRunStart + schedule.every;
    case ScheduleType::Cron: {
        if (!schedule.cron)
            return std::nullopt;
        // Strictly after the minute of the last start: one run per slot even
        // when a run starts late in its minute or two start in one minute.
        // Without a last run, the current minute counts when it matches.
        const sys_seconds after
            = lastRunStart ? floor<seconds>(*lastRunStart) : floor<minutes>(floor<seconds>(now)) - seconds{1};
        auto next = schedule.cron->nextAfter(after);
        if (!next)
            return std::nullopt;
        return SysTime(*next);
    }
    }
    return std::nullopt;
}

} // namespace sluice

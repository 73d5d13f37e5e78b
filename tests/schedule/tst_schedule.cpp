// Schedules: cron parsing and next-due times (exact, UTC: month ends, leap
// years, steps and ranges, names, the day-field OR rule), interval and
// continuous due computation, ISO times at the edges of what is stored.

#include "testsupport.h"

#include "schedule/cronexpr.h"
#include "schedule/schedule.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace sluice;
using sluice::test::at;
using namespace std::chrono;
using nlohmann::json;

namespace {

std::string nextCron(const std::string &expression, const std::string &from)
{
    auto cron = CronExpr::parse(expression);
    if (!cron)
        return "error: " + cron.error().message;
    auto next = cron->nextAfter(floor<seconds>(at(from)));
    return next ? formatIsoUtc(*next) : std::string("never");
}

std::string due(const json &schedule, std::optional<std::string> last, const std::string &now)
{
    auto s = parseSchedule(schedule);
    if (!s)
        return "error: " + s.error().describe();
    auto next = nextDue(*s, last ? std::optional<SysTime>(at(*last)) : std::nullopt, at(now));
    if (!next)
        return "never";
    // Sub-second parts matter for continuous schedules.
    const auto ms = duration_cast<milliseconds>(next->time_since_epoch()).count() % 1000;
    return formatIsoUtc(*next) + (ms ? " +" + std::to_string(ms) + "ms" : std::string());
}

} // namespace

class TstSchedule : public QObject {
    Q_OBJECT
private slots:
    void cronNextTimes_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("expected");
        auto row = [](const char *name, const char *e, const char *f, const char *x) {
            QTest::newRow(name) << QString(e) << QString(f) << QString(x);
        };
        // Office hours on weekdays: Friday evening -> Monday morning.
        row("weekdays over weekend", "*/15 9-17 * * 1-5", "2026-11-20T17:50:00Z", "2026-11-23T09:00:00Z");
        row("strictly after", "*/15 9-17 * * 1-5", "2026-11-23T09:00:00Z", "2026-11-23T09:15:00Z");
        row("last slot of the day", "*/15 9-17 * * 1-5", "2026-11-23T17:45:00Z", "2026-11-24T09:00:00Z");
        row("seconds ignored", "15 10 * * *", "2026-01-01T10:15:30Z", "2026-01-02T10:15:00Z");
        // Month ends: months without a 31st are skipped.
        row("31st after April", "0 0 31 * *", "2026-04-15T12:00:00Z", "2026-05-31T00:00:00Z");
        row("31st skips June", "0 0 31 * *", "2026-05-31T00:00:00Z", "2026-07-31T00:00:00Z");
        row("year end", "59 23 31 12 *", "2026-12-31T23:59:00Z", "2027-12-31T23:59:00Z");
        row("first of month", "0 0 1 * *", "2026-01-31T10:00:00Z", "2026-02-01T00:00:00Z");
        // Leap years: 29 February, and 2100 is not a leap year.
        row("Feb 29", "0 12 29 2 *", "2026-03-01T00:00:00Z", "2028-02-29T12:00:00Z");
        row("Feb 29 skips 2100", "0 12 29 2 *", "2096-03-01T00:00:00Z", "2104-02-29T12:00:00Z");
        row("Feb 28-31", "0 0 28-31 2 *", "2027-02-28T00:00:00Z", "2028-02-28T00:00:00Z");
        // Steps and ranges.
        row("range step first", "10-50/20 * * * *", "2026-01-01T00:00:00Z", "2026-01-01T00:10:00Z");
        row("range step next", "10-50/20 * * * *", "2026-01-01T00:10:00Z", "2026-01-01T00:30:00Z");
        row("range step wraps hour", "10-50/20 * * * *", "2026-01-01T00:50:00Z", "2026-01-01T01:10:00Z");
        row("start/step", "5/20 * * * *", "2026-01-01T00:05:00Z", "2026-01-01T00:25:00Z");
        row("hour step wraps day", "0 */6 * * *", "2026-01-01T18:00:00Z", "2026-01-02T00:00:00Z");
        row("day step", "0 0 */10 * *", "2026-01-25T00:00:00Z", "2026-01-31T00:00:00Z");
        // Names and Sunday as 7.
        row("names", "0 9 * JAN,JUL MON-FRI", "2026-02-01T00:00:00Z", "2026-07-01T09:00:00Z");
        row("lower-case names", "0 9 * jan,jul mon-fri", "2026-02-01T00:00:00Z", "2026-07-01T09:00:00Z");
        row("sunday as 7", "0 0 * * 7", "2026-11-20T00:00:00Z", "2026-11-22T00:00:00Z");
        // Both day fields restricted: either matches.
        row("13th or Friday: Friday first", "0 0 13 * FRI", "2026-02-01T00:00:00Z", "2026-02-06T00:00:00Z");
        row("13th or Friday: 13th first", "0 0 13 * FRI", "2026-04-10T00:00:00Z", "2026-04-13T00:00:00Z");
        row("day step or Monday", "0 0 */10 * 1", "2026-01-25T00:00:00Z", "2026-01-26T00:00:00Z");
        row("Feb 29 or a Monday in Feb", "30 2 29 2 MON", "2026-03-03T00:00:00Z", "2027-02-01T02:30:00Z");
        row("@monthly", "@monthly", "2026-01-31T10:00:00Z", "2026-02-01T00:00:00Z");
        row("@hourly", "@hourly", "2026-01-31T10:00:00Z", "2026-01-31T11:00:00Z");
    }

    void cronNextTimes()
    {
        QFETCH(QString, expression);
        QFETCH(QString, from);
        QFETCH(QString, expected);
        QCOMPARE(nextCron(expression.toStdString(), from.toStdString()), expected.toStdString());
    }

    void cronMatches()
    {
        auto cron = CronExpr::parse("*/15 9-17 * * 1-5");
        QVERIFY(cron);
        QVERIFY(cron->matches(floor<seconds>(at("2026-11-23T09:15:00Z"))));
        QVERIFY(cron->matches(floor<seconds>(at("2026-11-23T09:15:59Z"))));
        QVERIFY(!cron->matches(floor<seconds>(at("2026-11-23T09:16:00Z"))));
        QVERIFY(!cron->matches(floor<seconds>(at("2026-11-22T09:15:00Z")))); // Sunday
        QCOMPARE(cron->text(), std::string("*/15 9-17 * * 1-5"));
    }

    void cronErrors_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("message");
        auto row = [](const char *e, const char *m) { QTest::newRow(e) << QString(e) << QString(m); };
        row("* 25 * * *", "cron field 2 (hour): '25' is out of range 0-23");
        row("61 * * * *", "cron field 1 (minute): '61' is out of range 0-59");
        row("* * 0 * *", "cron field 3 (day-of-month): '0' is out of range 1-31");
        row("* * * 13 *", "cron field 4 (month): '13' is out of range 1-12");
        row("* * * * 8", "cron field 5 (day-of-week): '8' is out of range 0-7");
        row("* * * FOO *", "cron field 4 (month): 'FOO' is not a number or a month name (JAN-DEC)");
        row("* * * * MONDAY", "cron field 5 (day-of-week): 'MONDAY' is not a number or a day name (SUN-SAT)");
        row("x * * * *", "cron field 1 (minute): 'x' is not a number");
        row("*/0 * * * *", "cron field 1 (minute): step '0' in '*/0' is not a positive number");
        row("*/x * * * *", "cron field 1 (minute): step 'x' in '*/x' is not a positive number");
        row("5-1 * * * *", "cron field 1 (minute): range '5-1' goes backwards; write it as two ranges ('5-59,0-1')");
        row("0 22-2 * * *", "cron field 2 (hour): range '22-2' goes backwards; write it as two ranges ('22-23,0-2')");
        row("1,,2 * * * *", "cron field 1 (minute): empty entry in the list '1,,2'");
        row("0 5- * * *", "cron field 2 (hour): a range is missing a value");
        row("/5 * * * *", "cron field 1 (minute): '/5' has nothing before the '/'");
        row("* * * *", "'* * * *' has 4 fields; a cron expression has 5 (minute hour day-of-month month day-of-week)");
        row("0 * * * * *", "'0 * * * * *' has 6 fields; a cron expression has 5 (minute hour day-of-month month "
                           "day-of-week); seconds and years are not supported");
        row("   ", "the cron expression is empty");
        row("0 0 30 2 *", "'0 0 30 2 *' never matches: no allowed month has the day of the month it names");
        row("0 0 31 4,6,9,11 *",
            "'0 0 31 4,6,9,11 *' never matches: no allowed month has the day of the month it names");
        row("@reboot", "unknown shortcut '@reboot' (use @hourly, @daily, @weekly, @monthly or @yearly)");
    }

    void cronErrors()
    {
        QFETCH(QString, expression);
        QFETCH(QString, message);
        auto cron = CronExpr::parse(expression.toStdString());
        QVERIFY(!cron);
        QCOMPARE(cron.error().kind, ErrorKind::InvalidInput);
        QCOMPARE(cron.error().code, std::string("schedule.cron"));
        QCOMPARE(cron.error().message, message.toStdString());
    }

    void cronOrRuleKeepsImpossibleDayWithWeekday()
    {
        // "30 February or any Monday": the Mondays make it possible.
        QCOMPARE(nextCron("0 0 30 2 MON", "2026-01-01T00:00:00Z"), std::string("2026-02-02T00:00:00Z"));
    }

    void scheduleParsing()
    {
        auto manual = parseSchedule(json());
        QVERIFY(manual);
        QCOMPARE(manual->type, ScheduleType::Manual);
        QCOMPARE(parseSchedule(json{{"type", "manual"}})->describe(), std::string("manual"));
        QCOMPARE(parseSchedule(json{{"type", "interval"}, {"minutes", 15}})->describe(),
                 std::string("every 15 minutes"));
        QCOMPARE(parseSchedule(json{{"type", "interval"}, {"minutes", 120}})->describe(), std::string("every 2 hours"));
        QCOMPARE(parseSchedule(json{{"type", "continuous"}, {"seconds", 10}})->describe(),
                 std::string("continuous, every 10 s"));
        QCOMPARE(
            parseSchedule(json{{"type", "cron"}, {"expression", "*/15 9-17 * * 1-5"}, {"timezone", "UTC"}})->describe(),
            std::string("cron '*/15 9-17 * * 1-5' (UTC)"));

        auto error = [](const json &j) {
            auto s = parseSchedule(j);
            return s ? std::string("parsed") : s.error().describe();
        };
        QCOMPARE(error(json{{"type", "interval"}}),
                 std::string("schedule.minutes: is missing: how many minutes apart runs start"));
        QCOMPARE(error(json{{"type", "interval"}, {"minutes", 0}}),
                 std::string("schedule.minutes: must be a whole number of minutes from 1 to 527040, not 0"));
        QCOMPARE(error(json{{"type", "interval"}, {"minutes", "5"}}),
                 std::string("schedule.minutes: must be a whole number of minutes from 1 to 527040, not \"5\""));
        QCOMPARE(error(json{{"type", "interval"}, {"minute", 5}}),
                 std::string("schedule.minute: is not a setting of schedule type 'interval' (it takes minutes)"));
        QCOMPARE(error(json{{"type", "continuous"}, {"seconds", 0}}),
                 std::string("schedule.seconds: must be a whole number of seconds from 1 to 86400, not 0"));
        QCOMPARE(error(json{{"type", "cron"}, {"expression", "* 25 * * *"}}),
                 std::string("schedule.expression: cron field 2 (hour): '25' is out of range 0-23"));
        QCOMPARE(error(json{{"type", "cron"}}),
                 std::string("schedule.expression: is missing: a cron expression such as \"0 6 * * *\" (UTC)"));
        QVERIFY(
            error(json{{"type", "cron"}, {"expression", "0 6 * * *"}, {"timezone", "Europe/Berlin"}})
                .starts_with("schedule.timezone: \"Europe/Berlin\" is not supported: cron schedules run in UTC only"));
        QCOMPARE(
            error(json{{"type", "hourly"}}),
            std::string("schedule.type: 'hourly' is not a schedule type; use manual, interval, cron or continuous"));
        QCOMPARE(error(json{{"minutes", 5}}),
                 std::string("schedule.type: is missing; use manual, interval, cron or continuous"));
        QCOMPARE(error(json("hourly")),
                 std::string("schedule: must be an object such as {\"type\": \"interval\", \"minutes\": 60}"));

        SyncDef sync;
        sync.name = "orders";
        sync.settings = json{{"schedule", {{"type", "interval"}}}};
        auto s = syncSchedule(sync);
        QVERIFY(!s);
        QCOMPARE(s.error().where, std::string("sync 'orders': settings.schedule.minutes"));
        sync.settings = json::object();
        QCOMPARE(syncSchedule(sync)->type, ScheduleType::Manual);
    }

    void nextDueTimes()
    {
        const json interval{{"type", "interval"}, {"minutes", 15}};
        const json continuous{{"type", "continuous"}, {"seconds", 10}};
        const json cron{{"type", "cron"}, {"expression", "*/15 * * * *"}};
        QCOMPARE(due(json{{"type", "manual"}}, "2026-11-22T10:00:00Z", "2026-11-22T10:00:00Z"), std::string("never"));
        // Never ran: due now.
        QCOMPARE(due(interval, std::nullopt, "2026-11-22T10:07:00Z"), std::string("2026-11-22T10:07:00Z"));
        QCOMPARE(due(interval, "2026-11-22T10:00:00Z", "2026-11-22T10:07:00Z"), std::string("2026-11-22T10:15:00Z"));
        // Overdue (the daemon was down): due at a time already past, i.e. now.
        QCOMPARE(due(interval, "2026-11-22T08:00:00Z", "2026-11-22T10:07:00Z"), std::string("2026-11-22T08:15:00Z"));
        QCOMPARE(due(continuous, "2026-11-22T10:00:00.500Z", "2026-11-22T10:00:03Z"),
                 std::string("2026-11-22T10:00:10Z +500ms"));
        QCOMPARE(due(continuous, std::nullopt, "2026-11-22T10:00:03Z"), std::string("2026-11-22T10:00:03Z"));
        // Cron, never ran: the next slot, or the current minute when it is one.
        QCOMPARE(due(cron, std::nullopt, "2026-11-22T10:07:30Z"), std::string("2026-11-22T10:15:00Z"));
        QCOMPARE(due(cron, std::nullopt, "2026-11-22T10:15:20Z"), std::string("2026-11-22T10:15:00Z"));
        // Cron after a run: the slot after the last start, even when the run
        // started late in its minute; missed slots are made up by one run.
        QCOMPARE(due(cron, "2026-11-22T10:00:05Z", "2026-11-22T10:07:00Z"), std::string("2026-11-22T10:15:00Z"));
        QCOMPARE(due(cron, "2026-11-22T10:15:59Z", "2026-11-22T10:16:00Z"), std::string("2026-11-22T10:30:00Z"));
        QCOMPARE(due(cron, "2026-11-22T09:00:00Z", "2026-11-22T10:07:00Z"), std::string("2026-11-22T09:15:00Z"));
        QCOMPARE(due(cron, "2026-11-22T10:07:00Z", "2026-11-22T10:07:00Z"), std::string("2026-11-22T10:15:00Z"));
    }

    void isoTimes()
    {
        QCOMPARE(formatIsoUtc(at("2026-11-22T10:00:00.999Z")), std::string("2026-11-22T10:00:00Z"));
        QVERIFY(parseIsoUtc("2026-11-22T10:00:00"));
        QVERIFY(parseIsoUtc("2026-11-22 10:00:00.123"));
        QVERIFY(!parseIsoUtc("2026-02-30T10:00:00Z"));
        QVERIFY(!parseIsoUtc("2026-11-22T10:00"));
        QVERIFY(!parseIsoUtc("2026-11-22T10:00:00Zjunk"));
        // Beyond what the clock can count (found by fuzzing): no time, no overflow.
        QVERIFY(!parseIsoUtc("2276-12-06T10:15:30.123Z"));
        QVERIFY(!parseIsoUtc("9999-12-31T23:59:59Z"));
        QVERIFY(!parseIsoUtc("1600-01-01T00:00:00Z"));
        QCOMPARE(formatIsoUtc(at("2261-12-31T23:59:59Z")), std::string("2261-12-31T23:59:59Z"));
        QCOMPARE(at("2028-02-29T00:00:00Z") - at("2028-02-28T00:00:00Z"), SysTime::duration(hours(24)));
    }
};

QTEST_GUILESS_MAIN(TstSchedule)
#include "tst_schedule.moc"

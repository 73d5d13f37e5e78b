// Dates, date-times and time zones: ISO 8601 and strftime-style formats,
// epoch numbers, fixed offsets and IANA zones from the system tz database
// (including the POSIX rule used after a zone file's last transition).

#include "formats/datetime.h"
#include "formats/timezone.h"

#include "mappingtest.h"

#include <QTest>

using namespace sluice;
using namespace sluice::mapping;
using namespace std::chrono;

namespace {

std::shared_ptr<const TimeZone> zone(std::string_view name)
{
    auto z = TimeZone::find(name);
    if (!z)
        qFatal("zone %s: %s", std::string(name).c_str(), z.error().message.c_str());
    return *z;
}

std::string zoneError(std::string_view name)
{
    auto z = TimeZone::find(name);
    return z ? "found " + (*z)->name() : z.error().code + ": " + z.error().message;
}

sys_seconds at(int y, int m, int d, int hh, int mm, int ss = 0)
{
    return sys_days(year_month_day{year(y), month(unsigned(m)), day(unsigned(d))}) + hours(hh) + minutes(mm)
           + seconds(ss);
}

long offsetHours(std::string_view name, sys_seconds t)
{
    return long(zone(name)->offsetAt(t).count() / 3600);
}

// Parses `input` and writes it as a date or date-time: the cast transform's path.
std::string convert(const Value &input, std::string_view inFormat, std::string_view inZone,
                    std::string_view outFormat, std::string_view outZone, bool dateOnly = false)
{
    auto in = DateFormat::compile(inFormat);
    auto out = DateFormat::compile(outFormat);
    if (!in || !out)
        return "format error";
    DateTimeValue dt;
    std::string error;
    if (!in->parse(input, *zone(inZone), dt, error))
        return "error: " + error;
    const Value v = dateOnly ? out->formatDate(dt, *zone(outZone)) : out->formatDateTime(dt, *zone(outZone));
    return v.toString();
}

std::string compileError(std::string_view pattern)
{
    auto f = DateFormat::compile(pattern);
    return f ? "ok" : f.error().code + ": " + f.error().message;
}

} // namespace

class TstMappingDateTime : public QObject {
    Q_OBJECT
private slots:
    void fixedOffsets()
    {
        QCOMPARE(zoneError("+08:00"), std::string("found +08:00"));
        QCOMPARE(zoneError("+0530"), std::string("found +05:30"));
        QCOMPARE(zoneError("-03"), std::string("found -03:00"));
        QCOMPARE(zoneError("UTC-5"), std::string("found -05:00"));
        QCOMPARE(zoneError("utc"), std::string("found UTC"));
        QCOMPARE(zoneError("Z"), std::string("found UTC"));
        QCOMPARE(zone("+05:45")->offsetAt(at(2026, 1, 1, 0, 0)).count(), 5 * 3600 + 45 * 60);
        QCOMPARE(zoneError("+15:00"),
                 std::string("mapping.time_zone: '+15:00' is not a valid UTC offset (use +08:00, -05:30, ... "
                             "from -14:00 to +14:00)"));
        QCOMPARE(zoneError("+8:00"),
                 std::string("mapping.time_zone: '+8:00' is not a valid UTC offset (use +08:00, -05:30, ... "
                             "from -14:00 to +14:00)"));
    }

    void zoneNamesCannotEscapeTheDatabase()
    {
        const std::string notAName = " is not a time zone name (use UTC, an offset such as +08:00, or an IANA "
                                     "name such as Asia/Shanghai)";
        QCOMPARE(zoneError("../../etc/passwd"), "mapping.time_zone: '../../etc/passwd'" + notAName);
        QCOMPARE(zoneError("/etc/passwd"), "mapping.time_zone: '/etc/passwd'" + notAName);
        QCOMPARE(zoneError("Asia/../../etc"), "mapping.time_zone: 'Asia/../../etc'" + notAName);
        QCOMPARE(zoneError("Asia Shanghai"), "mapping.time_zone: 'Asia Shanghai'" + notAName);
        QCOMPARE(zoneError("Mars/Olympus_Mons"),
                 std::string("mapping.time_zone: unknown time zone 'Mars/Olympus_Mons' (not in the system time "
                             "zone database)"));
        // A file in the database that is not a zone is refused too.
        QCOMPARE(zoneError("zone.tab"),
                 std::string("mapping.time_zone: unknown time zone 'zone.tab' (not in the system time zone "
                             "database)"));
    }

    void ianaZones()
    {
        QCOMPARE(offsetHours("Asia/Shanghai", at(2026, 3, 29, 1, 30)), 8L);
        QCOMPARE(offsetHours("Asia/Shanghai", at(1988, 7, 1, 0, 0)), 9L); // China had DST until 1991
        // New York 2026: EDT from 8 March 07:00 UTC to 1 November 06:00 UTC.
        QCOMPARE(offsetHours("America/New_York", at(2026, 3, 8, 6, 59, 59)), -5L);
        QCOMPARE(offsetHours("America/New_York", at(2026, 3, 8, 7, 0, 0)), -4L);
        QCOMPARE(offsetHours("America/New_York", at(2026, 11, 1, 5, 59, 59)), -4L);
        QCOMPARE(offsetHours("America/New_York", at(2026, 11, 1, 6, 0, 0)), -5L);
        // Beyond the file's transitions the footer's POSIX rule decides.
        QCOMPARE(offsetHours("America/New_York", at(2040, 7, 1, 12, 0)), -4L);
        QCOMPARE(offsetHours("America/New_York", at(2040, 1, 15, 12, 0)), -5L);
        QCOMPARE(offsetHours("America/New_York", at(2040, 3, 11, 6, 59, 59)), -5L);
        QCOMPARE(offsetHours("America/New_York", at(2040, 3, 11, 7, 0, 0)), -4L);
        // Southern hemisphere: summer time spans the new year.
        QCOMPARE(offsetHours("Australia/Sydney", at(2026, 1, 15, 0, 0)), 11L);
        QCOMPARE(offsetHours("Australia/Sydney", at(2026, 7, 15, 0, 0)), 10L);
        QCOMPARE(offsetHours("Australia/Sydney", at(2045, 1, 15, 0, 0)), 11L);
        QCOMPARE(offsetHours("Australia/Sydney", at(2045, 7, 15, 0, 0)), 10L);
        QCOMPARE(zone("Asia/Shanghai").get(), zone("Asia/Shanghai").get()); // cached
    }

    void wallClockInGapsAndOverlaps()
    {
        const auto london = zone("Europe/London");
        auto local = [](int m, int d, int hh, int mm) {
            return local_seconds(at(2026, m, d, hh, mm).time_since_epoch());
        };
        QCOMPARE(london->offsetForLocal(local(1, 10, 12, 0)).count(), 0L);
        QCOMPARE(london->offsetForLocal(local(7, 10, 12, 0)).count(), 3600L);
        // 29 March 01:30 does not exist (01:00 -> 02:00): the offset before the change.
        QCOMPARE(london->offsetForLocal(local(3, 29, 1, 30)).count(), 0L);
        // 25 October 01:30 happens twice: the first one (still summer time).
        QCOMPARE(london->offsetForLocal(local(10, 25, 1, 30)).count(), 3600L);
    }

    void isoAndZones()
    {
        QCOMPARE(convert("2026-03-29T01:30:00Z", "iso", "UTC", "iso", "+08:00"),
                 std::string("2026-03-29T09:30:00+08:00"));
        QCOMPARE(convert("2026-03-29T01:30:00Z", "iso", "UTC", "iso", "Asia/Shanghai"),
                 std::string("2026-03-29T09:30:00+08:00"));
        QCOMPARE(convert("2026-03-29T01:30:00Z", "iso", "UTC", "iso", "America/New_York"),
                 std::string("2026-03-28T21:30:00-04:00"));
        QCOMPARE(convert("2026-03-29T09:30:00+08:00", "iso", "UTC", "iso", "UTC"),
                 std::string("2026-03-29T01:30:00Z"));
        // Without an offset the text is wall-clock time in the input zone.
        QCOMPARE(convert("2026-03-29 01:30:00", "iso", "Asia/Shanghai", "iso", "UTC"),
                 std::string("2026-03-28T17:30:00Z"));
        QCOMPARE(convert("2026-03-29 01:30", "iso", "UTC", "iso", "UTC"), std::string("2026-03-29T01:30:00Z"));
        QCOMPARE(convert("2026-03-29 01:30:00+05", "iso", "UTC", "iso", "UTC"),
                 std::string("2026-03-28T20:30:00Z")); // PostgreSQL's timestamptz text
        QCOMPARE(convert("2026-03-29T01:30:00.123456+02:00", "iso", "UTC", "iso", "UTC"),
                 std::string("2026-03-28T23:30:00.123456Z"));
        QCOMPARE(convert("2026-03-29T01:30:00.5Z", "iso", "UTC", "iso", "UTC"),
                 std::string("2026-03-29T01:30:00.500Z"));
        // A date-time becomes the date of its zone.
        QCOMPARE(convert("2026-03-29T20:30:00Z", "iso", "UTC", "iso", "+08:00", true), std::string("2026-03-30"));
        QCOMPARE(convert("2026-03-29T20:30:00Z", "iso", "UTC", "iso", "UTC", true), std::string("2026-03-29"));
        // A date stays the same calendar date whatever the zone; as a date-time it is that zone's midnight.
        QCOMPARE(convert("2026-03-29", "iso", "UTC", "iso", "-05:00", true), std::string("2026-03-29"));
        QCOMPARE(convert("2026-03-29", "iso", "Asia/Shanghai", "iso", "Asia/Shanghai"),
                 std::string("2026-03-29T00:00:00+08:00"));
    }

    void epochNumbers()
    {
        QCOMPARE(convert(Value(std::int64_t(1774747800)), "iso", "UTC", "iso", "UTC"),
                 std::string("2026-03-29T01:30:00Z"));
        QCOMPARE(convert(Value(1774747800.25), "iso", "UTC", "iso", "UTC"), std::string("2026-03-29T01:30:00.250Z"));
        QCOMPARE(convert("1774747800123", "epochMillis", "UTC", "iso", "UTC"),
                 std::string("2026-03-29T01:30:00.123Z"));
        QCOMPARE(convert("2026-03-29T09:30:00+08:00", "iso", "UTC", "epoch", "UTC"), std::string("1774747800"));
        QCOMPARE(convert("2026-03-29T09:30:00+08:00", "iso", "UTC", "epochMillis", "UTC"),
                 std::string("1774747800000"));
        QCOMPARE(convert("1969-12-31T23:59:59.5Z", "iso", "UTC", "epoch", "UTC"), std::string("-1")); // floor
        QCOMPARE(convert("soon", "epoch", "UTC", "iso", "UTC"),
                 std::string("error: 'soon' is not a number of seconds since 1970"));
    }

    void patterns()
    {
        QCOMPARE(convert("29/03/2026 09:05", "%d/%m/%Y %H:%M", "UTC", "iso", "UTC"),
                 std::string("2026-03-29T09:05:00Z"));
        QCOMPARE(convert("03/29/2026 01:30 PM", "%m/%d/%Y %I:%M %p", "UTC", "iso", "UTC"),
                 std::string("2026-03-29T13:30:00Z"));
        QCOMPARE(convert("03/29/2026 12:10 AM", "%m/%d/%Y %I:%M %p", "UTC", "iso", "UTC"),
                 std::string("2026-03-29T00:10:00Z"));
        QCOMPARE(convert("Mar 29, 2026", "%b %d, %Y", "UTC", "%A %d %B %Y", "UTC", true),
                 std::string("Sunday 29 March 2026"));
        QCOMPARE(convert("29 march 26", "%d %B %y", "UTC", "%F", "UTC", true), std::string("2026-03-29"));
        QCOMPARE(convert("20260329T013000+0800", "%Y%m%dT%H%M%S%z", "UTC", "%F %T %z", "UTC"),
                 std::string("2026-03-28 17:30:00 +00:00"));
        QCOMPARE(convert("2026-03-29 13:05:09.5", "%F %T.%f", "UTC", "%I:%M:%S.%f %p, %a %b %d %%", "UTC"),
                 std::string("01:05:09.500000 PM, Sun Mar 29 %"));
        QCOMPARE(convert("2026年03月29日", "%Y年%m月%d日", "UTC", "%Y/%m/%d", "UTC", true), std::string("2026/03/29"));
    }

    void badInput()
    {
        QCOMPARE(convert("2026-02-30", "iso", "UTC", "iso", "UTC"), std::string("error: '2026-02-30' is not a valid date"));
        QCOMPARE(convert("2026-03-29T24:00:00Z", "iso", "UTC", "iso", "UTC"),
                 std::string("error: '2026-03-29T24:00:00Z' is not a valid date-time"));
        QCOMPARE(convert("yesterday", "iso", "UTC", "iso", "UTC"),
                 std::string("error: 'yesterday' is not an ISO 8601 date or date-time"));
        QCOMPARE(convert("2026-03-29T01:30:00+25:00", "iso", "UTC", "iso", "UTC"),
                 std::string("error: '2026-03-29T01:30:00+25:00' is not an ISO 8601 date or date-time"));
        QCOMPARE(convert("29.03.2026", "%d/%m/%Y", "UTC", "iso", "UTC"),
                 std::string("error: '29.03.2026' does not match the format '%d/%m/%Y'"));
        QCOMPARE(convert("29/03/2026 trailing", "%d/%m/%Y", "UTC", "iso", "UTC"),
                 std::string("error: '29/03/2026 trailing' does not match the format '%d/%m/%Y'"));
        QCOMPARE(convert("13:00 PM", "%I:%M %p", "UTC", "iso", "UTC"), std::string("error: '13:00 PM' is not a valid date-time"));
        QCOMPARE(convert(Value(true), "iso", "UTC", "iso", "UTC"),
                 std::string("error: 'true' is not an ISO 8601 date or date-time"));
    }

    void malformedFormats()
    {
        QCOMPARE(compileError("%Y-%Q"),
                 std::string("mapping.format_syntax: unknown directive '%Q' at position 4 (known: %Y %m %d %H %M "
                             "%S %f %z %y %I %p %b %B %a %A %F %T %%)"));
        QCOMPARE(compileError("%Y-%m-%"), std::string("mapping.format_syntax: incomplete directive '%' at position 7"));
        QCOMPARE(compileError("年%年"),
                 std::string("mapping.format_syntax: unknown directive '%年' at position 2 (known: %Y %m %d %H %M %S "
                             "%f %z %y %I %p %b %B %a %A %F %T %%)"));
        QCOMPARE(compileError(""),
                 std::string("mapping.format_syntax: the format is empty (use iso, epoch, epochMillis or a pattern "
                             "such as %Y-%m-%d)"));
        QCOMPARE(compileError("%Y-%m-%d"), std::string("ok"));
    }

    void daysSince()
    {
        const std::int64_t now = at(2026, 3, 29, 10, 0).time_since_epoch().count();
        std::int64_t days = -1;
        QVERIFY(daysBetween(Value("2026-03-22"), now, days));
        QCOMPARE(days, std::int64_t(7));
        QVERIFY(daysBetween(Value("2026-03-29T23:59:00Z"), now, days));
        QCOMPARE(days, std::int64_t(0));
        QVERIFY(daysBetween(Value("2026-04-01"), now, days));
        QCOMPARE(days, std::int64_t(-3));
        QVERIFY(!daysBetween(Value("never"), now, days));
        QVERIFY(!daysBetween(Value(), now, days));
    }
};

QTEST_GUILESS_MAIN(TstMappingDateTime)
#include "tst_mapping_datetime.moc"

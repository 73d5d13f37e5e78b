// Time zones: fixed offsets by any of their spellings, and IANA zones from
// the system tz database (including the POSIX rule used after a zone file's
// last transition, and wall-clock times in gaps and overlaps).
//
// Dates and date-times as the cast transform reads and writes them (ISO 8601,
// epoch numbers, strftime-style patterns, bad input, malformed formats,
// refused zone names) and days_since() are case files under cases/datetime
// run by tst_mapping_cases.

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

std::string zoneName(std::string_view name)
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

} // namespace

class TstMappingDateTime : public QObject {
    Q_OBJECT
private slots:
    void fixedOffsets()
    {
        QCOMPARE(zoneName("+08:00"), std::string("found +08:00"));
        QCOMPARE(zoneName("+0530"), std::string("found +05:30"));
        QCOMPARE(zoneName("-03"), std::string("found -03:00"));
        QCOMPARE(zoneName("UTC-5"), std::string("found -05:00"));
        QCOMPARE(zoneName("utc"), std::string("found UTC"));
        QCOMPARE(zoneName("Z"), std::string("found UTC"));
        QCOMPARE(zone("+05:45")->offsetAt(at(2026, 1, 1, 0, 0)).count(), 5 * 3600 + 45 * 60);
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
        auto local
            = [](int m, int d, int hh, int mm) { return local_seconds(at(2026, m, d, hh, mm).time_since_epoch()); };
        QCOMPARE(london->offsetForLocal(local(1, 10, 12, 0)).count(), 0L);
        QCOMPARE(london->offsetForLocal(local(7, 10, 12, 0)).count(), 3600L);
        // 29 March 01:30 does not exist (01:00 -> 02:00): the offset before the change.
        QCOMPARE(london->offsetForLocal(local(3, 29, 1, 30)).count(), 0L);
        // 25 October 01:30 happens twice: the first one (still summer time).
        QCOMPARE(london->offsetForLocal(local(10, 25, 1, 30)).count(), 3600L);
    }
};

QTEST_GUILESS_MAIN(TstMappingDateTime)
#include "tst_mapping_datetime.moc"

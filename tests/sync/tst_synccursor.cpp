// Timestamp-cursor mode for append-only tables (scenarios.md #3): backfill
// or start from now, a (timestamp, key) cursor so rows sharing a timestamp at
// a batch boundary are neither lost nor sent twice, late-arriving rows.

#include "syncfixture.h"

#include <QTest>

using namespace sluice;
using namespace sluice::test;
using nlohmann::json;

namespace {
DestinationDef table()
{
    return DestinationDef{"table", "sqlite_table", {{"path", "dest.sqlite"}, {"table", "events"}}};
}
json cursorSettings(bool backfill, int batchSize = 7)
{
    return json{{"changeDetection", "timestamp"},
                {"timestampColumn", "updated_at"},
                {"backfill", backfill},
                {"initialTimestamp", 0},
                {"batchSize", batchSize}};
}
} // namespace

class TstSyncCursor : public QObject {
    Q_OBJECT
private slots:
    void backfillThenNewRows()
    {
        SyncFixture f(0);
        // 30 events, several sharing a timestamp: 10 timestamps x 3 rows.
        f.warehouse("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30) "
                    "INSERT INTO people SELECT i, 'e' || i || '@x', 'E' || i, 0, (i + 2) / 3 FROM n");
        f.addSync("s", table(), "insert", cursorSettings(true));
        RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.added.delivered, 30);
        QCOMPARE(f.query(f.path("dest.sqlite"), "SELECT count(*) FROM events")[0][0], std::string("30"));
        auto cursor = f.query(f.path("p.sluice"), "SELECT timestamp FROM sync_cursor");
        QCOMPARE(cursor[0][0], std::string("10"));

        r = f.run("s");
        QCOMPARE(r.queried, 0);

        // New rows at the cursor's timestamp with larger keys, and later ones.
        f.warehouse("INSERT INTO people VALUES (31, 'a', 'A', 0, 10), (32, 'b', 'B', 0, 11), (33, 'c', 'C', 0, 11)");
        r = f.run("s");
        QCOMPARE(r.queried, 3);
        QCOMPARE(r.added.delivered, 3);
        QCOMPARE(f.query(f.path("dest.sqlite"), "SELECT count(*) FROM events")[0][0], std::string("33"));

        // A late row older than the cursor is not sent (as documented).
        f.warehouse("INSERT INTO people VALUES (34, 'late', 'Late', 0, 2)");
        r = f.run("s");
        QCOMPARE(r.queried, 0);
    }

    void startFromNow()
    {
        SyncFixture f(20);
        f.addSync("s", table(), "insert", cursorSettings(false));
        RunSummary r = f.run("s");
        QCOMPARE(r.queried, 0);
        QCOMPARE(r.delivered(), 0);
        f.warehouse("INSERT INTO people VALUES (21, 'n', 'N', 0, 100), (22, 'm', 'M', 0, 100)");
        r = f.run("s");
        QCOMPARE(r.added.delivered, 2);
        auto rows = f.query(f.path("dest.sqlite"), "SELECT id FROM events ORDER BY id");
        QCOMPARE(rows.size(), std::size_t(2));
        QCOMPARE(rows[0][0], std::string("21"));
    }
};

QTEST_GUILESS_MAIN(TstSyncCursor)
#include "tst_synccursor.moc"

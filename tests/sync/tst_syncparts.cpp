// The pieces of the sync engine's fast path, one by one: the row hash (XXH64
// of a tagged encoding), key encoding into a reused buffer, the row
// prefetcher (order, errors, stopping early), the JSON writer's word-at-a-time
// scan, and what the API inspector keeps of a long run.

#include "core/keycodec.h"
#include "formats/jsonwriter.h"
#include "project/projectstore.h"
#include "project/runrecorder.h"
#include "project/statestore.h"
#include "sync/rowhash.h"
#include "sync/rowprefetch.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <chrono>

using namespace sluice;

namespace {

// Rows 1..n as (id, "text id"); fails with `error` after `failAfter` rows when set.
class CountingCursor final : public RowCursor {
public:
    CountingCursor(std::int64_t n, std::int64_t failAfter = -1) : m_n(n), m_failAfter(failAfter) { }
    const std::vector<Column> &columns() const override { return m_columns; }
    Result<bool> next(Row &row) override
    {
        if (m_failAfter >= 0 && m_next > m_failAfter)
            return failed("test.broken", "the source broke");
        if (m_next > m_n)
            return false;
        ++calls;
        row.resize(2);
        row[0] = Value(m_next);
        row[1].setText("row " + std::to_string(m_next));
        ++m_next;
        return true;
    }
    std::atomic<std::int64_t> calls{0};

private:
    std::int64_t m_n, m_failAfter, m_next = 1;
    std::vector<Column> m_columns{{"id", ValueType::Integer, "INTEGER"}, {"name", ValueType::Text, "TEXT"}};
};

std::string reference(std::string_view text)
{
    // nlohmann_json escapes as the writer's contract says (short forms, \u00xx, UTF-8 passed through).
    return nlohmann::json(std::string(text)).dump();
}

} // namespace

class TestSyncParts : public QObject {
    Q_OBJECT

private slots:
    void xxh64MatchesTheReference()
    {
        QCOMPARE(xxh64("", 0, 0), 0xEF46DB3751D8E999ULL);
        QCOMPARE(xxh64("a", 1, 0), 0xD24EC4F1A98C6E5BULL);
        QCOMPARE(xxh64("abc", 3, 0), 0x44BC2CF5AD770999ULL);
        const std::string long1 = "Nobody inspects the spammish repetition";
        QCOMPARE(xxh64(long1.data(), long1.size(), 0), 0xFBCEA83C8A378BF1ULL);
    }

    void rowHashTellsValuesApart()
    {
        const Row row{Value(std::int64_t(7)), Value("ana@example.com"), Value(), Value(12.5), Value(true)};
        RowHasher h(99);
        for (const Value &v : row)
            h.add(v);
        QCOMPARE(h.value(), hashRow(row, 99));
        QVERIFY(hashRow(row, 99) != hashRow(row, 100)); // the mapping's fingerprint is the seed
        QVERIFY(hashRow({Value("ab"), Value("c")}, 1) != hashRow({Value("a"), Value("bc")}, 1));
        QVERIFY(hashRow({Value(std::int64_t(1))}, 1) != hashRow({Value(1.0)}, 1));
        QVERIFY(hashRow({Value(std::int64_t(1))}, 1) != hashRow({Value("1")}, 1));
        QVERIFY(hashRow({Value()}, 1) != hashRow({Value("")}, 1));
        QVERIFY(hashRow({Value(true)}, 1) != hashRow({Value(false)}, 1));
        // Rows longer than one 32-byte stripe, differing in the last byte.
        const std::string longText(100, 'x');
        QVERIFY(hashRow({Value(longText + "a")}, 1) != hashRow({Value(longText + "b")}, 1));
    }

    void encodeKeyIntoReusesItsBuffer()
    {
        const std::vector<std::size_t> key{0, 1};
        std::string buffer = "left over from a longer key";
        const Row row{Value(std::string("a\0b", 3)), Value(std::int64_t(-5))};
        QVERIFY(encodeKeyInto(row, key, buffer));
        QCOMPARE(buffer, *encodeKey(row, key));
        const auto back = decodeKey(buffer);
        QCOMPARE(back.size(), std::size_t(2));
        QCOMPARE(back[0].asText(), std::string("a\0b", 3));
        QCOMPARE(back[1].asInteger(), std::int64_t(-5));
        QVERIFY(!encodeKeyInto(Row{Value(), Value(std::int64_t(1))}, key, buffer));
    }

    void prefetcherDeliversEveryRowInOrder()
    {
        for (const std::int64_t n : {0, 1, 255, 256, 257, 5000}) {
            CountingCursor cursor(n);
            RowPrefetcher prefetch(cursor, 256, 2);
            Row row;
            std::int64_t seen = 0;
            for (;;) {
                auto more = prefetch.next(row);
                QVERIFY(more);
                if (!*more)
                    break;
                ++seen;
                QCOMPARE(row[0].asInteger(), seen);
                QCOMPARE(row[1].asText(), "row " + std::to_string(seen));
            }
            QCOMPARE(seen, n);
            QVERIFY(!*prefetch.next(row)); // the end stays the end
        }
    }

    void prefetcherReportsErrorsAfterTheRowsBeforeThem()
    {
        CountingCursor cursor(1000, 300);
        RowPrefetcher prefetch(cursor, 64, 2);
        Row row;
        std::int64_t seen = 0;
        for (;;) {
            auto more = prefetch.next(row);
            if (!more) {
                QCOMPARE(more.error().code, std::string("test.broken"));
                break;
            }
            QVERIFY(*more);
            ++seen;
        }
        QCOMPARE(seen, std::int64_t(300));
    }

    void prefetcherStopsWithoutReadingEverything()
    {
        CountingCursor cursor(10'000'000);
        const auto started = std::chrono::steady_clock::now();
        {
            RowPrefetcher prefetch(cursor, 256, 4);
            Row row;
            for (int i = 0; i < 10; ++i)
                QVERIFY(*prefetch.next(row));
        } // the planner stopped early: the reader stops at a chunk boundary
        QVERIFY(cursor.calls.load() <= 256 * 6);
        QVERIFY(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
    }

    void jsonWriterEscapesAtEveryOffset()
    {
        // The writer steps over plain text eight bytes at a time: put each
        // kind of special byte at every position of a word and around it.
        const std::vector<std::string> specials = {"\"", "\\", "\n", "\x01", "\x1f", "é", "\xe2\x82\xac", "\x7f"};
        for (const auto &special : specials) {
            for (std::size_t at = 0; at <= 20; ++at) {
                std::string text(24, 'a');
                text.insert(at, special);
                std::string out;
                appendJsonString(out, text);
                QCOMPARE(out, reference(text));
            }
        }
        std::string out;
        appendJsonString(out, std::string(17, 'z') + "\xff" + std::string(9, 'z')); // invalid UTF-8 -> U+FFFD
        QCOMPARE(out, "\"" + std::string(17, 'z') + "\xEF\xBF\xBD" + std::string(9, 'z') + "\"");
    }

    void inspectorKeepsBodiesOfTheFirstExchangesAndOfFailures()
    {
        QTemporaryDir dir;
        const std::string project = dir.filePath("p.sluice").toStdString();
        {
            auto created = ProjectStore::create(project, "p");
            QVERIFY(created);
            ProjectConfig c;
            c.name = "p";
            c.sources.push_back(SourceDef{"wh", "sqlite", {{"path", "wh.sqlite"}}});
            c.models.push_back(ModelDef{"m", "wh", "SELECT 1 AS id", {"id"}, ""});
            c.destinations.push_back(DestinationDef{"out", "jsonl", {{"path", "out.jsonl"}}});
            c.syncs.push_back(SyncDef{"s", "m", "out", "upsert", nlohmann::json::array(), nlohmann::json::object()});
            auto saved = (*created)->save(c);
            QVERIFY2(saved, saved ? "" : saved.error().describe().c_str());
        }
        auto store = StateStore::open(project);
        QVERIFY(store);
        RetentionPolicy retention;
        retention.successBodiesPerRun = 3;
        {
            RunRecorder recorder(**store, retention);
            QVERIFY(recorder.startRun(1, "s", "run"));
            for (int i = 0; i < 6; ++i) {
                HttpExchange e;
                e.method = "POST";
                e.url = "http://127.0.0.1/x";
                e.status = i == 4 ? 500 : 200;
                e.requestHeaders = "Content-Type: application/json";
                e.requestBody = "{\"batch\":" + std::to_string(i) + "}";
                e.responseBody = i == 4 ? "down" : "";
                recorder.onHttpExchange(i + 1, e);
            }
            QVERIFY(recorder.flush());
        }
        auto exchanges = RunRecorder::exchanges((*store)->handle(), 1);
        QVERIFY(exchanges);
        QCOMPARE(exchanges->size(), std::size_t(6)); // every exchange is listed
        for (int i = 0; i < 6; ++i) {
            const HttpExchange &e = (*exchanges)[std::size_t(i)].exchange;
            QCOMPARE(e.requestHeaders, std::string("Content-Type: application/json"));
            if (i < 3 || i == 4) {
                QCOMPARE(e.requestBody, "{\"batch\":" + std::to_string(i) + "}");
            } else {
                QVERIFY2(e.requestBody.find("not kept") != std::string::npos, e.requestBody.c_str());
                QVERIFY(e.requestBody.find("batch") == std::string::npos);
            }
        }
        QCOMPARE((*exchanges)[4].exchange.responseBody, std::string("down"));
    }
};

QTEST_GUILESS_MAIN(TestSyncParts)
#include "tst_syncparts.moc"

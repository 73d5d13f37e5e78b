// CsvSource: ORDER BY in bounded memory (external sort with spilled runs),
// streaming of large files and cancellation from another thread.

#include "csvtesting.h"

#include <atomic>
#include <future>
#include <thread>

class TstCsvSourceStreaming : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void orderBySortsInBoundedMemory();
    void externalSortMergesSpilledRuns();
    void largeFileStreams();
    void cancelFromAnotherThread();

private:
    CsvSettings fixture(const QString &name, const QByteArray &content);

    QTemporaryDir m_dir;
};

void TstCsvSourceStreaming::initTestCase()
{
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
}

CsvSettings TstCsvSourceStreaming::fixture(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    test::writeFile(path, content);
    CsvSettings s;
    s.path = path.toStdString();
    return s;
}

void TstCsvSourceStreaming::orderBySortsInBoundedMemory()
{
    const CsvSettings s = fixture("order.csv", "id,name\n2,b\n10,c\n1,a\n,nokey\n2,b2\n");
    CsvSource source(s);
    QVERIFY(!source.supportsSql());
    QVERIFY(source.supportsOrderBy());
    QuerySpec spec;
    spec.orderBy = {"id"};
    // Numbers in numeric order, a NULL key first, equal keys in file order.
    const Drained d = drain(source, spec);
    QVERIFY2(!d.error, qPrintable(describe(d.error)));
    QCOMPARE(show(d.rows), QStringList({"n|t:nokey", "i:1|t:a", "i:2|t:b", "i:2|t:b2", "i:10|t:c"}));
    spec.orderBy = {"nope"};
    const auto unknown = source.query(spec);
    QVERIFY(!unknown);
    QCOMPARE(str(unknown.error().message), QStringLiteral("the file has no column 'nope'"));
    QuerySpec where;
    where.where = "id > 1";
    QCOMPARE(str(source.query(where).error().code), QStringLiteral("csv.no_where"));

    // The SQL is ignored: the file is the model.
    QuerySpec withSql;
    withSql.sql = "SELECT nonsense FROM nowhere";
    const Drained unsorted = drain(source, withSql);
    QVERIFY2(!unsorted.error, qPrintable(describe(unsorted.error)));
    QCOMPARE(show(unsorted.rows), QStringList({"i:2|t:b", "i:10|t:c", "i:1|t:a", "n|t:nokey", "i:2|t:b2"}));
}

// Past the memory budget the rows are sorted in runs spilled to temporary
// files and merged: the same order as an in-memory sort, text bytewise.
void TstCsvSourceStreaming::externalSortMergesSpilledRuns()
{
    QString text = "key,n\n";
    std::vector<std::pair<std::string, int>> expected;
    for (int i = 0; i < 20000; ++i) {
        const std::string key = "k" + std::to_string((i * 7919) % 20000);
        text += QString::fromStdString(key) + "," + QString::number(i) + "\n";
        expected.emplace_back(key, i);
    }
    text += "Zed,-1\n\xc3\x89mile,-2\n"; // upper case before lower, UTF-8 after ASCII
    expected.emplace_back("Zed", -1);
    expected.emplace_back("\xc3\x89mile", -2);
    std::stable_sort(expected.begin(), expected.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    const CsvSettings s = fixture("big.csv", text.toUtf8());
    CsvSource source(s);
    QuerySpec all;
    auto unsorted = source.query(all);
    QVERIFY(unsorted);
    std::atomic<bool> cancelled{false};
    auto sorted = sortRows(std::move(*unsorted), {0}, cancelled, std::nullopt, 64 * 1024); // about 40 runs
    QVERIFY2(sorted, sorted ? "" : sorted.error().describe().c_str());
    Row row;
    std::size_t i = 0;
    for (;; ++i) {
        auto more = (*sorted)->next(row);
        QVERIFY(more);
        if (!*more)
            break;
        QVERIFY(i < expected.size());
        QCOMPARE(row[0].asText(), expected[i].first);
        QCOMPARE(row[1].asInteger(), std::int64_t(expected[i].second));
    }
    QCOMPARE(i, expected.size());
}

void TstCsvSourceStreaming::largeFileStreams()
{
    constexpr int rowCount = 100000;
    QByteArray content = "id,name,score,city\n";
    content.reserve(rowCount * 40);
    for (int i = 1; i <= rowCount; ++i)
        content += QByteArray::number(i) + ",user_" + QByteArray::number(i) + ',' + QByteArray::number(i)
                 + ".5,\"Berlin, DE\"\n";
    CsvSource source(fixture("large.csv", content));

    auto cursor = source.query({});
    QVERIFY2(cursor, why(cursor).constData());
    QCOMPARE(show((*cursor)->columns()), QStringLiteral("id:integer|name:text|score:real|city:text"));
    Row row;
    std::int64_t count = 0;
    std::int64_t idSum = 0;
    Row last;
    for (;;) {
        const Result<bool> more = (*cursor)->next(row);
        QVERIFY2(more, why(more).constData());
        if (!*more)
            break;
        ++count;
        idSum += row[0].asInteger();
        if (count == rowCount)
            last = row;
    }
    QCOMPARE(count, std::int64_t(rowCount));
    QCOMPARE(idSum, std::int64_t(rowCount) * (rowCount + 1) / 2);
    QCOMPARE(show(last), QStringLiteral("i:100000|t:user_100000|r:100000.5|t:Berlin, DE"));
}

void TstCsvSourceStreaming::cancelFromAnotherThread()
{
    QByteArray content = "id,name\n";
    for (int i = 1; i <= 50000; ++i)
        content += QByteArray::number(i) + ",n" + QByteArray::number(i) + '\n';
    CsvSource source(fixture("cancel.csv", content));

    auto cursor = source.query({});
    QVERIFY2(cursor, why(cursor).constData());

    // The other thread cancels once 1000 rows are through; the reading
    // thread waits for that at row 1000 so the outcome does not depend on
    // scheduling.
    std::atomic<int> delivered{0};
    std::promise<void> cancelledSignal;
    std::future<void> cancelledFuture = cancelledSignal.get_future();
    std::thread canceller([&] {
        while (delivered.load() < 1000)
            std::this_thread::yield();
        source.cancel();
        cancelledSignal.set_value();
    });

    Row row;
    std::optional<Error> error;
    int rows = 0;
    for (;;) {
        const Result<bool> more = (*cursor)->next(row);
        if (!more) {
            error = more.error();
            break;
        }
        if (!*more)
            break;
        if (++rows == 1000) {
            delivered.store(rows);
            cancelledFuture.wait();
        }
    }
    canceller.join();

    QVERIFY2(error, "the stream ran to the end despite cancel()");
    QCOMPARE(error->kind, ErrorKind::Cancelled);
    QCOMPARE(str(error->code), QStringLiteral("cancelled"));
    QCOMPARE(rows, 1000);

    // Sticky: the cursor and every later call stay cancelled.
    QCOMPARE((*cursor)->next(row).error().kind, ErrorKind::Cancelled);
    QCOMPARE(source.testConnection().error().kind, ErrorKind::Cancelled);
    QCOMPARE(source.listTables().error().kind, ErrorKind::Cancelled);
    QCOMPARE(source.query({}).error().kind, ErrorKind::Cancelled);
}

QTEST_GUILESS_MAIN(TstCsvSourceStreaming)

#include "tst_csvsource_streaming.moc"

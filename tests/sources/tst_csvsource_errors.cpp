// CsvSource: the errors a user sees for a broken file (with the line to look
// at): ragged rows, invalid UTF-8, stray and unterminated quotes, bad headers
// and file problems.

#include "csvtesting.h"

class TstCsvSourceErrors : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void raggedRow();
    void raggedRowAfterInferenceWindow();
    void invalidUtf8_data();
    void invalidUtf8();
    void utf8AcrossBlockBoundary();
    void textAfterClosingQuote();
    void unterminatedQuote();
    void headerErrors();
    void fileProblems();

private:
    CsvSettings fixture(const QString &name, const QByteArray &content);

    QTemporaryDir m_dir;
};

void TstCsvSourceErrors::initTestCase()
{
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
}

CsvSettings TstCsvSourceErrors::fixture(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    test::writeFile(path, content);
    CsvSettings s;
    s.path = path.toStdString();
    return s;
}

void TstCsvSourceErrors::raggedRow()
{
    // Lines are physical: the quoted field spans lines 2-4, so the short row is on line 6.
    const CsvSettings s = fixture("ragged.csv", "id,name,note\n"
                                                "1,Ann,\"first\n"
                                                "second\n"
                                                "third\"\n"
                                                "2,Bob,x\n"
                                                "3,Cy\n"
                                                "4,Dee,y\n");
    CsvSource source(s);
    const Drained d = drain(source);
    QVERIFY(d.error);
    QCOMPARE(d.error->kind, ErrorKind::InvalidInput);
    QCOMPARE(str(d.error->code), QStringLiteral("csv.ragged"));
    QCOMPARE(str(d.error->where), str(s.path) + ":6");
    QCOMPARE(str(d.error->message), QStringLiteral("row has 2 fields, expected 3"));
    // The rows before the broken one are delivered first.
    QCOMPARE(show(d.rows), QStringList({"i:1|t:Ann|t:first\nsecond\nthird", "i:2|t:Bob|t:x"}));

    // The schema browser reports it too, since it falls within the inspected rows.
    const auto tables = source.listTables();
    QVERIFY(!tables);
    QCOMPARE(str(tables.error().where), str(s.path) + ":6");

    // Too many fields, with CRLF line endings (CRLF is one line break, not two).
    const CsvSettings wide = fixture("ragged-wide.csv", "id,name,note\r\n"
                                                        "1,Ann,\"a\r\nb\"\r\n"
                                                        "\r\n"
                                                        "2,Bob,x,extra\r\n");
    CsvSource wideSource(wide);
    const Drained w = drain(wideSource);
    QVERIFY(w.error);
    QCOMPARE(str(w.error->code), QStringLiteral("csv.ragged"));
    QCOMPARE(str(w.error->where), str(wide.path) + ":5");
    QCOMPARE(str(w.error->message), QStringLiteral("row has 4 fields, expected 3"));
    QCOMPARE(str(w.error->describe()), str(wide.path) + ":5: row has 4 fields, expected 3");
}

void TstCsvSourceErrors::raggedRowAfterInferenceWindow()
{
    CsvSettings s = fixture("ragged-late.csv", "a,b,c,d,e\n"
                                               "1,2,3,4,5\n"
                                               "\"x\ny\",2,3,4,5\n"
                                               "1,2,3,4\n");
    s.inferenceRows = 1;
    CsvSource source(s);
    const Drained d = drain(source);
    QCOMPARE(d.rows.size(), std::size_t(2));
    QVERIFY(d.error);
    QCOMPARE(str(d.error->code), QStringLiteral("csv.ragged"));
    QCOMPARE(str(d.error->where), str(s.path) + ":5");
    QCOMPARE(str(d.error->message), QStringLiteral("row has 4 fields, expected 5"));
}

void TstCsvSourceErrors::invalidUtf8_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("byte");

    QTest::newRow("stray 0xFF") << QByteArray("id,name\n1,ok\n2,ab\xFF\n") << 3 << 5;
    QTest::newRow("sequence cut by delimiter") << QByteArray("id,name\n\xE5\x8C,x\n") << 2 << 1;
    QTest::newRow("overlong in quoted field after multi-line field")
        << QByteArray("id,name\n1,\"a\nb\"\n2,\"x\xC0\xAFy\"\n") << 4 << 5;
    QTest::newRow("surrogate") << QByteArray("id,name\n1,\xED\xA0\x80\n") << 2 << 3;
    QTest::newRow("truncated at end of file") << QByteArray("id,name\n1,\xE4\xB8") << 2 << 3;
    QTest::newRow("in header") << QByteArray("id,n\xE9me\n1,x\n") << 1 << 5;
}

void TstCsvSourceErrors::invalidUtf8()
{
    QFETCH(QByteArray, content);
    QFETCH(int, line);
    QFETCH(int, byte);
    const CsvSettings s = fixture("bad-utf8.csv", content);
    CsvSource source(s);
    const Drained d = drain(source);
    QVERIFY(d.error);
    QCOMPARE(d.error->kind, ErrorKind::InvalidInput);
    QCOMPARE(str(d.error->code), QStringLiteral("csv.invalid_utf8"));
    QCOMPARE(str(d.error->where), str(s.path) + ':' + QString::number(line));
    QCOMPARE(str(d.error->message), QStringLiteral("invalid UTF-8 at line %1, byte %2").arg(line).arg(byte));
}

void TstCsvSourceErrors::utf8AcrossBlockBoundary()
{
    // The reader works in 64 KiB blocks; a character split across two blocks
    // is still valid, and an error found in the next block still names the
    // place where the broken sequence started.
    constexpr int block = 64 * 1024;
    const QByteArray header = "id,text\n";
    const QByteArray prefix = "1,";
    // "张" (3 bytes) starts one byte before the boundary.
    const QByteArray padding(block - 1 - header.size() - prefix.size(), 'a');
    const QByteArray good = header + prefix + padding + "张x\n2,北京\n";
    CsvSource source(fixture("boundary.csv", good));
    const Drained d = drain(source);
    QVERIFY2(!d.error, qPrintable(describe(d.error)));
    QCOMPARE(d.rows.size(), std::size_t(2));
    QCOMPARE(QByteArray::fromStdString(d.rows[0][1].asText()), padding + "张x");
    QCOMPARE(QByteArray::fromStdString(d.rows[1][1].asText()), QByteArray("北京"));

    // Two bytes of a three-byte sequence end the first block; the delimiter opens the next.
    const QByteArray shortPadding(block - 2 - header.size() - prefix.size(), 'a');
    const CsvSettings s = fixture("boundary-bad.csv", header + prefix + shortPadding + "\xE5\x8C,x\n");
    CsvSource bad(s);
    const Drained e = drain(bad);
    QVERIFY(e.error);
    QCOMPARE(str(e.error->code), QStringLiteral("csv.invalid_utf8"));
    const int column = prefix.size() + shortPadding.size() + 1;
    QCOMPARE(str(e.error->message), QStringLiteral("invalid UTF-8 at line 2, byte %1").arg(column));
}

void TstCsvSourceErrors::textAfterClosingQuote()
{
    const CsvSettings s = fixture("after-quote.csv", "id,name\n1,\"ab\"c\n");
    CsvSource source(s);
    const Drained d = drain(source);
    QVERIFY(d.error);
    QCOMPARE(d.error->kind, ErrorKind::InvalidInput);
    QCOMPARE(str(d.error->code), QStringLiteral("csv.text_after_quote"));
    QCOMPARE(str(d.error->where), str(s.path) + ":2");
    QVERIFY2(str(d.error->message).contains(QStringLiteral("line 2, byte 7")), qPrintable(str(d.error->message)));
}

void TstCsvSourceErrors::unterminatedQuote()
{
    const CsvSettings s = fixture("unterminated.csv", "id,name\n"
                                                      "1,ok\n"
                                                      "2,\"never\n"
                                                      "closed\n"
                                                      "3,x\n");
    CsvSource source(s);
    const Drained d = drain(source);
    QVERIFY(d.error);
    QCOMPARE(d.error->kind, ErrorKind::InvalidInput);
    QCOMPARE(str(d.error->code), QStringLiteral("csv.unterminated_quote"));
    QCOMPARE(str(d.error->where), str(s.path) + ":3");
    QCOMPARE(str(d.error->message), QStringLiteral("the quoted field starting at line 3 is never closed"));
    QCOMPARE(show(d.rows), QStringList({"i:1|t:ok"}));
}

void TstCsvSourceErrors::headerErrors()
{
    const CsvSettings empty = fixture("empty-name.csv", "id,name, ,x\n1,a,b,c\n");
    CsvSource emptySource(empty);
    const auto e = emptySource.testConnection();
    QVERIFY(!e);
    QCOMPARE(e.error().kind, ErrorKind::InvalidInput);
    QCOMPARE(str(e.error().code), QStringLiteral("csv.empty_column_name"));
    QCOMPARE(str(e.error().where), str(empty.path) + ":1");
    QCOMPARE(str(e.error().message), QStringLiteral("column 3 has an empty name"));

    const CsvSettings dup = fixture("dup-name.csv", "id,email,name,phone, email \n1,2,3,4,5\n");
    CsvSource dupSource(dup);
    const Drained d = drain(dupSource);
    QVERIFY(d.error);
    QCOMPARE(str(d.error->code), QStringLiteral("csv.duplicate_column_name"));
    QCOMPARE(str(d.error->where), str(dup.path) + ":1");
    QCOMPARE(str(d.error->message), QStringLiteral("column name 'email' appears twice (columns 2 and 5)"));

    // Names are trimmed.
    CsvSource trimmed(fixture("trim.csv", " id ,\tname\t\n1,a\n"));
    const auto tables = trimmed.listTables();
    QVERIFY2(tables, why(tables).constData());
    QCOMPARE(show(tables->front().columns), QStringLiteral("id:integer|name:text"));

    // A file with nothing in it has no header to read.
    const CsvSettings nothing = fixture("nothing.csv", "");
    CsvSource nothingSource(nothing);
    const auto n = nothingSource.testConnection();
    QVERIFY(!n);
    QCOMPARE(str(n.error().code), QStringLiteral("csv.empty"));

    // A header with no rows is a valid, empty table.
    CsvSource headerOnly(fixture("header-only.csv", "id,name\n"));
    const Drained h = drain(headerOnly);
    QVERIFY2(!h.error, qPrintable(describe(h.error)));
    QCOMPARE(show(h.columns), QStringLiteral("id:text|name:text"));
    QCOMPARE(h.rows.size(), std::size_t(0));
}

void TstCsvSourceErrors::fileProblems()
{
    CsvSettings missing;
    missing.path = m_dir.filePath("does-not-exist.csv").toStdString();
    CsvSource source(missing);
    const auto r = source.testConnection();
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ErrorKind::InvalidInput);
    QCOMPARE(str(r.error().code), QStringLiteral("csv.missing"));
    QCOMPARE(str(r.error().where), str(missing.path));
    QCOMPARE(str(r.error().message), QStringLiteral("file not found"));
    const auto tables = source.listTables();
    QVERIFY(!tables);
    QCOMPARE(str(tables.error().code), QStringLiteral("csv.missing"));
    const Drained d = drain(source);
    QVERIFY(d.error);
    QCOMPARE(str(d.error->code), QStringLiteral("csv.missing"));

    CsvSettings dir;
    dir.path = m_dir.path().toStdString();
    CsvSource dirSource(dir);
    const auto dr = dirSource.testConnection();
    QVERIFY(!dr);
    QCOMPARE(dr.error().kind, ErrorKind::InvalidInput);
    QCOMPARE(str(dr.error().code), QStringLiteral("csv.is_directory"));
    QCOMPARE(str(dr.error().where), str(dir.path));
}

QTEST_GUILESS_MAIN(TstCsvSourceErrors)

#include "tst_csvsource_errors.moc"

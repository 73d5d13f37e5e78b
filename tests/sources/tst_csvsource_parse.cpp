// CsvSource, CsvReader and the CSV type inference: parsing (delimiters,
// quoting, line endings, byte order mark, header row, records and lines),
// typing of cells and columns, Unicode and the row limit.

#include "csvtesting.h"

class TstCsvSourceParse : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void plainFileWithHeader();
    void semicolonDelimiter();
    void quoting();
    void crlfLineEndings();
    void byteOrderMark();
    void noHeaderRow();
    void readerRecordsAndLines();
    void badDelimiter();
    void classifyCell_data();
    void classifyCell();
    void convertCell();
    void columnTypeInference();
    void lateCellThatDoesNotFitBecomesText();
    void unicodeRoundTrip();
    void limit();

private:
    CsvSettings fixture(const QString &name, const QByteArray &content);

    QTemporaryDir m_dir;
};

void TstCsvSourceParse::initTestCase()
{
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
}

CsvSettings TstCsvSourceParse::fixture(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    test::writeFile(path, content);
    CsvSettings s;
    s.path = path.toStdString();
    return s;
}

void TstCsvSourceParse::plainFileWithHeader()
{
    CsvSource source(fixture("people.csv", "id,name,score,active\n"
                                           "1,Alice,9.5,true\n"
                                           "2,Bob,7,false\n"
                                           "3,Carol,,TRUE\n"));

    const auto connection = source.testConnection();
    QVERIFY2(connection, why(connection).constData());
    QCOMPARE(str(*connection), QStringLiteral("CSV file with 4 columns (header row)"));

    const auto tables = source.listTables();
    QVERIFY2(tables, why(tables).constData());
    QCOMPARE(tables->size(), std::size_t(1));
    const TableInfo &table = tables->front();
    QCOMPARE(str(table.schema), QString());
    QCOMPARE(str(table.name), QStringLiteral("people"));
    QCOMPARE(table.isView, false);
    QCOMPARE(show(table.columns), QStringLiteral("id:integer|name:text|score:real|active:boolean"));

    const Drained d = drain(source);
    QVERIFY2(!d.error, qPrintable(describe(d.error)));
    QCOMPARE(show(d.columns), QStringLiteral("id:integer|name:text|score:real|active:boolean"));
    QCOMPARE(show(d.rows), QStringList({"i:1|t:Alice|r:9.5|b:true", "i:2|t:Bob|r:7|b:false", "i:3|t:Carol|n|b:true"}));
    // The Real column keeps 7 as a real, not an integer.
    QCOMPARE(d.rows[1][2], Value(7.0));
}

void TstCsvSourceParse::semicolonDelimiter()
{
    CsvSettings s = fixture("semi.csv", "id;name;city\n"
                                        "1;Ann;Paris\n"
                                        "2;\"Smith; John\";Lyon,FR\n");
    s.delimiter = ';';
    CsvSource source(s);
    const Drained d = drain(source);
    QVERIFY2(!d.error, qPrintable(describe(d.error)));
    QCOMPARE(show(d.columns), QStringLiteral("id:integer|name:text|city:text"));
    QCOMPARE(show(d.rows), QStringList({"i:1|t:Ann|t:Paris", "i:2|t:Smith; John|t:Lyon,FR"}));
}

void TstCsvSourceParse::quoting()
{
    CsvSource source(fixture("quoting.csv", "id,text,note\n"
                                            "1,\"a,b\",\"say \"\"hi\"\"\"\n"
                                            "2,\"line one\nline two\",plain\n"
                                            "3,\"\",\"\"\"\"\n"
                                            "4,\"x\",\"trailing,\"\n"));
    const Drained d = drain(source);
    QVERIFY2(!d.error, qPrintable(describe(d.error)));
    QCOMPARE(show(d.rows), QStringList({"i:1|t:a,b|t:say \"hi\"", "i:2|t:line one\nline two|t:plain", "i:3|n|t:\"",
                                        "i:4|t:x|t:trailing,"}));
}

void TstCsvSourceParse::crlfLineEndings()
{
    CsvSource lf(fixture("lf.csv", "id,name,note\n1,Alice,\"a\nb\"\n2,Bob,x\n"));
    CsvSource crlf(fixture("crlf.csv", "id,name,note\r\n1,Alice,\"a\r\nb\"\r\n2,Bob,x\r\n"));
    const Drained a = drain(lf);
    const Drained b = drain(crlf);
    QVERIFY2(!a.error, qPrintable(describe(a.error)));
    QVERIFY2(!b.error, qPrintable(describe(b.error)));
    QCOMPARE(show(b.columns), show(a.columns));
    QCOMPARE(b.rows.size(), std::size_t(2));
    // Outside quotes CRLF is just a line ending; inside quotes it is content, kept byte-exact.
    QCOMPARE(show(a.rows), QStringList({"i:1|t:Alice|t:a\nb", "i:2|t:Bob|t:x"}));
    QCOMPARE(show(b.rows), QStringList({"i:1|t:Alice|t:a\r\nb", "i:2|t:Bob|t:x"}));
}

void TstCsvSourceParse::byteOrderMark()
{
    const QByteArray body = "id,name\n1,Alice\n2,Bob\n";
    CsvSource plain(fixture("nobom.csv", body));
    CsvSource bom(fixture("bom.csv", "\xEF\xBB\xBF" + body));
    const Drained a = drain(plain);
    const Drained b = drain(bom);
    QVERIFY2(!a.error, qPrintable(describe(a.error)));
    QVERIFY2(!b.error, qPrintable(describe(b.error)));
    QCOMPARE(QByteArray::fromStdString(b.columns.at(0).name), QByteArray("id"));
    QCOMPARE(show(b.columns), show(a.columns));
    QCOMPARE(show(b.rows), show(a.rows));
    QCOMPARE(show(b.rows), QStringList({"i:1|t:Alice", "i:2|t:Bob"}));

    // Without a header the BOM must not stick to the first cell either.
    CsvSettings s = fixture("bom-noheader.csv", "\xEF\xBB\xBF"
                                                "42,x\n");
    s.header = false;
    CsvSource noHeader(s);
    const Drained c = drain(noHeader);
    QVERIFY2(!c.error, qPrintable(describe(c.error)));
    QCOMPARE(show(c.rows), QStringList({"i:42|t:x"}));
}

void TstCsvSourceParse::noHeaderRow()
{
    CsvSettings s = fixture("noheader.csv", "1,Alice,true\n2,Bob,false\n");
    s.header = false;
    CsvSource source(s);
    const auto connection = source.testConnection();
    QVERIFY2(connection, why(connection).constData());
    QCOMPARE(str(*connection), QStringLiteral("CSV file with 3 columns (no header row)"));
    const Drained d = drain(source);
    QVERIFY2(!d.error, qPrintable(describe(d.error)));
    QCOMPARE(show(d.columns), QStringLiteral("column_1:integer|column_2:text|column_3:boolean"));
    QCOMPARE(show(d.rows), QStringList({"i:1|t:Alice|b:true", "i:2|t:Bob|b:false"}));
}

void TstCsvSourceParse::readerRecordsAndLines()
{
    // Blank lines (including trailing ones) are not records; a last line
    // without a newline is; a lone CR ends a line like LF does; a trailing
    // delimiter makes an empty last field.
    const CsvSettings s = fixture("reader.csv", "a,b\n"
                                                "\n"
                                                "\"multi\nline\",c\n"
                                                "d,\r"
                                                "e,f\r\n"
                                                "\r\n"
                                                "g,h");
    auto reader = CsvReader::open(s.path);
    QVERIFY2(reader, why(reader).constData());
    std::vector<std::string> fields;
    QStringList records;
    QList<qint64> lines;
    for (;;) {
        const Result<bool> more = reader->readRecord(fields);
        QVERIFY2(more, why(more).constData());
        if (!*more)
            break;
        QStringList f;
        for (const std::string &x : fields)
            f << str(x);
        records << f.join('|');
        lines << reader->recordStartLine();
    }
    QCOMPARE(records, QStringList({"a|b", "multi\nline|c", "d|", "e|f", "g|h"}));
    QCOMPARE(lines, QList<qint64>({1, 3, 5, 6, 8}));

    // Only newlines: no records at all.
    const CsvSettings blank = fixture("blank.csv", "\n\n\r\n");
    auto blankReader = CsvReader::open(blank.path);
    QVERIFY(blankReader);
    const Result<bool> none = blankReader->readRecord(fields);
    QVERIFY(none);
    QCOMPARE(*none, false);
}

void TstCsvSourceParse::badDelimiter()
{
    CsvSettings s = fixture("delim.csv", "a,b\n");
    s.delimiter = '\n';
    CsvSource source(s);
    const auto r = source.testConnection();
    QVERIFY(!r);
    QCOMPARE(str(r.error().code), QStringLiteral("csv.bad_delimiter"));

    const auto same = CsvReader::open(s.path, '"', '"');
    QVERIFY(!same);
    QCOMPARE(str(same.error().code), QStringLiteral("csv.bad_delimiter"));
}

void TstCsvSourceParse::classifyCell_data()
{
    QTest::addColumn<QByteArray>("cell");
    QTest::addColumn<QString>("type");

    QTest::newRow("empty") << QByteArray("") << "null";
    QTest::newRow("zero") << QByteArray("0") << "integer";
    QTest::newRow("int") << QByteArray("42") << "integer";
    QTest::newRow("negative") << QByteArray("-17") << "integer";
    QTest::newRow("int64 max") << QByteArray("9223372036854775807") << "integer";
    QTest::newRow("int64 min") << QByteArray("-9223372036854775808") << "integer";
    QTest::newRow("beyond int64") << QByteArray("9223372036854775808") << "text";
    QTest::newRow("zip code") << QByteArray("02134") << "text";
    QTest::newRow("phone with zero") << QByteArray("0301234567") << "text";
    QTest::newRow("E.164 phone") << QByteArray("+4930123456") << "text";
    QTest::newRow("real") << QByteArray("1.5") << "real";
    QTest::newRow("negative real") << QByteArray("-0.25") << "real";
    QTest::newRow("exponent") << QByteArray("1e10") << "real";
    QTest::newRow("exponent sign") << QByteArray("2.5E-3") << "real";
    QTest::newRow("leading point") << QByteArray(".5") << "real";
    QTest::newRow("trailing point") << QByteArray("5.") << "real";
    QTest::newRow("leading zero real") << QByteArray("00.5") << "text";
    QTest::newRow("bare exponent") << QByteArray("1e") << "text";
    QTest::newRow("overflowing real") << QByteArray("1e999") << "text";
    QTest::newRow("inf") << QByteArray("inf") << "text";
    QTest::newRow("nan") << QByteArray("nan") << "text";
    QTest::newRow("hex") << QByteArray("0x1F") << "text";
    QTest::newRow("decimal comma") << QByteArray("1,5") << "text";
    QTest::newRow("padded") << QByteArray(" 42") << "text";
    QTest::newRow("minus only") << QByteArray("-") << "text";
    QTest::newRow("true") << QByteArray("true") << "boolean";
    QTest::newRow("FALSE") << QByteArray("FALSE") << "boolean";
    QTest::newRow("True") << QByteArray("True") << "boolean";
    QTest::newRow("yes") << QByteArray("yes") << "text";
    QTest::newRow("word") << QByteArray("Alice") << "text";
}

void TstCsvSourceParse::classifyCell()
{
    QFETCH(QByteArray, cell);
    QFETCH(QString, type);
    QCOMPARE(typeName(sluice::classifyCell(cell.toStdString())), type);
}

void TstCsvSourceParse::convertCell()
{
    QCOMPARE(sluice::convertCell("12", ValueType::Integer), Value(12));
    QCOMPARE(sluice::convertCell("-3", ValueType::Integer), Value(-3));
    QCOMPARE(sluice::convertCell("3", ValueType::Real), Value(3.0));
    QCOMPARE(sluice::convertCell("2.5e2", ValueType::Real), Value(250.0));
    QCOMPARE(sluice::convertCell("tRUe", ValueType::Boolean), Value(true));
    QCOMPARE(sluice::convertCell("false", ValueType::Boolean), Value(false));
    QCOMPARE(sluice::convertCell("007", ValueType::Text), Value("007"));
    QVERIFY(sluice::convertCell("", ValueType::Integer).isNull());
    QVERIFY(sluice::convertCell("", ValueType::Text).isNull());
    // Cells that do not fit their column's type are kept as text, never lost.
    QCOMPARE(sluice::convertCell("abc", ValueType::Integer), Value("abc"));
    QCOMPARE(sluice::convertCell("007", ValueType::Integer), Value("007"));
    QCOMPARE(sluice::convertCell("1.5", ValueType::Integer), Value("1.5"));
    QCOMPARE(sluice::convertCell("yes", ValueType::Boolean), Value("yes"));
    QCOMPARE(sluice::convertCell("n/a", ValueType::Real), Value("n/a"));
    QCOMPARE(sluice::convertCell("12345678901234567890", ValueType::Real), Value("12345678901234567890"));
}

void TstCsvSourceParse::columnTypeInference()
{
    QCOMPARE(typeName(inferColumnType({"1", "", "-2"})), QStringLiteral("integer"));
    QCOMPARE(typeName(inferColumnType({"1", "2.5"})), QStringLiteral("real"));
    QCOMPARE(typeName(inferColumnType({"true", "", "False"})), QStringLiteral("boolean"));
    QCOMPARE(typeName(inferColumnType({"true", "1"})), QStringLiteral("text"));
    QCOMPARE(typeName(inferColumnType({"1", "02134"})), QStringLiteral("text"));
    QCOMPARE(typeName(inferColumnType({"", ""})), QStringLiteral("text"));
    QCOMPARE(typeName(inferColumnType({})), QStringLiteral("text"));

    CsvSource source(fixture("types.csv", "id,price,active,zip,mixed,blank,code\n"
                                          "1,10,true,02134,true,,A1\n"
                                          "2,,false,10001,1,,B2\n"
                                          ",2.5,,90210,,,\n"
                                          "4,-1e3,TRUE,,0,,C3\n"));
    const Drained d = drain(source);
    QVERIFY2(!d.error, qPrintable(describe(d.error)));
    QCOMPARE(show(d.columns), QStringLiteral("id:integer|price:real|active:boolean|zip:text|"
                                             "mixed:text|blank:text|code:text"));
    QCOMPARE(show(d.rows), QStringList({"i:1|r:10|b:true|t:02134|t:true|n|t:A1", "i:2|n|b:false|t:10001|t:1|n|t:B2",
                                        "n|r:2.5|n|t:90210|n|n|n", "i:4|r:-1000|b:true|n|t:0|n|t:C3"}));
}

void TstCsvSourceParse::lateCellThatDoesNotFitBecomesText()
{
    CsvSettings s = fixture("late.csv", "n,flag\n1,true\n2,false\nthree,maybe\n4,true\n");
    s.inferenceRows = 2;
    CsvSource source(s);
    const Drained d = drain(source);
    QVERIFY2(!d.error, qPrintable(describe(d.error)));
    QCOMPARE(show(d.columns), QStringLiteral("n:integer|flag:boolean"));
    QCOMPARE(show(d.rows), QStringList({"i:1|b:true", "i:2|b:false", "t:three|t:maybe", "i:4|b:true"}));
}

void TstCsvSourceParse::unicodeRoundTrip()
{
    const QByteArray content = "姓名,地址,备注\n"
                               "张伟,北京市朝阳区建国路88号,\"你好, 世界\"\n"
                               "李娜,\"上海市浦东新区\n世纪大道100号\",😀 emoji\n"
                               "Zoë,Straße 5,naïve café\n";
    CsvSource source(fixture("unicode.csv", content));
    const auto tables = source.listTables();
    QVERIFY2(tables, why(tables).constData());
    QCOMPARE(str(tables->front().name), QStringLiteral("unicode"));

    const Drained d = drain(source);
    QVERIFY2(!d.error, qPrintable(describe(d.error)));
    QCOMPARE(d.columns.size(), std::size_t(3));
    QCOMPARE(QByteArray::fromStdString(d.columns[0].name), QByteArray("姓名"));
    QCOMPARE(QByteArray::fromStdString(d.columns[1].name), QByteArray("地址"));
    QCOMPARE(QByteArray::fromStdString(d.columns[2].name), QByteArray("备注"));
    QCOMPARE(d.rows.size(), std::size_t(3));
    const auto bytes
        = [&](std::size_t r, std::size_t c) { return QByteArray::fromStdString(d.rows.at(r).at(c).asText()); };
    QCOMPARE(bytes(0, 0), QByteArray("张伟"));
    QCOMPARE(bytes(0, 1), QByteArray("北京市朝阳区建国路88号"));
    QCOMPARE(bytes(0, 2), QByteArray("你好, 世界"));
    QCOMPARE(bytes(1, 0), QByteArray("李娜"));
    QCOMPARE(bytes(1, 1), QByteArray("上海市浦东新区\n世纪大道100号"));
    QCOMPARE(bytes(1, 2), QByteArray("😀 emoji"));
    QCOMPARE(bytes(2, 0), QByteArray("Zoë"));
    QCOMPARE(bytes(2, 1), QByteArray("Straße 5"));
    QCOMPARE(bytes(2, 2), QByteArray("naïve café"));
}

void TstCsvSourceParse::limit()
{
    QByteArray content = "id\n";
    for (int i = 1; i <= 10; ++i)
        content += QByteArray::number(i) + '\n';
    CsvSource source(fixture("limit.csv", content));

    QuerySpec spec;
    spec.limit = 3;
    Drained d = drain(source, spec);
    QVERIFY2(!d.error, qPrintable(describe(d.error)));
    QCOMPARE(show(d.rows), QStringList({"i:1", "i:2", "i:3"}));

    spec.limit = 0;
    d = drain(source, spec);
    QVERIFY2(!d.error, qPrintable(describe(d.error)));
    QCOMPARE(d.rows.size(), std::size_t(0));
    QCOMPARE(show(d.columns), QStringLiteral("id:integer")); // columns known without rows

    spec.limit = 100;
    d = drain(source, spec);
    QVERIFY2(!d.error, qPrintable(describe(d.error)));
    QCOMPARE(d.rows.size(), std::size_t(10));

    // The limit also stops the cursor before a broken row further down.
    CsvSource broken(fixture("limit-broken.csv", "id,name\n1,a\n2,b\n3\n"));
    spec.limit = 2;
    d = drain(broken, spec);
    QVERIFY2(!d.error, qPrintable(describe(d.error)));
    QCOMPARE(d.rows.size(), std::size_t(2));
}

QTEST_GUILESS_MAIN(TstCsvSourceParse)

#include "tst_csvsource_parse.moc"

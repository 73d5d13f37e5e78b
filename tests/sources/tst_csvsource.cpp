// CsvSource, CsvReader and the CSV type inference: parsing, typing, the
// errors a user sees for a broken file (with the line to look at),
// streaming of large files and cancellation.

#include "formats/csvparser.h"
#include "sources/csvsource.h"
#include "sources/externalsort.h"
#include "sources/typeinference.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <future>
#include <optional>
#include <thread>

using namespace sluice;

namespace {

QString str(const std::string &s)
{
    return QString::fromStdString(s);
}

QString typeName(ValueType t)
{
    return str(std::string(valueTypeName(t)));
}

// One cell as "type:value" ("i:1", "t:Alice", "n" for NULL) so a single
// comparison checks both the type and the value.
QString show(const Value &v)
{
    switch (v.type()) {
    case ValueType::Null: return QStringLiteral("n");
    case ValueType::Integer: return "i:" + str(v.toString());
    case ValueType::Real: return "r:" + str(v.toString());
    case ValueType::Text: return "t:" + str(v.asText());
    case ValueType::Boolean: return "b:" + str(v.toString());
    }
    return {};
}

QString show(const Row &row)
{
    QStringList cells;
    for (const Value &v : row)
        cells << show(v);
    return cells.join('|');
}

QStringList show(const std::vector<Row> &rows)
{
    QStringList out;
    for (const Row &r : rows)
        out << show(r);
    return out;
}

// "id:integer|name:text"
QString show(const std::vector<Column> &columns)
{
    QStringList out;
    for (const Column &c : columns)
        out << str(c.name) + ':' + typeName(c.type);
    return out.join('|');
}

struct Drained {
    std::vector<Column> columns;
    std::vector<Row> rows;
    std::optional<Error> error; // from query() or from the cursor
};

Drained drain(CsvSource &source, const QuerySpec &spec = {})
{
    Drained d;
    auto cursor = source.query(spec);
    if (!cursor) {
        d.error = cursor.error();
        return d;
    }
    d.columns = (*cursor)->columns();
    Row row;
    for (;;) {
        const Result<bool> more = (*cursor)->next(row);
        if (!more) {
            d.error = more.error();
            break;
        }
        if (!*more)
            break;
        d.rows.push_back(row);
    }
    return d;
}

// The failure text for QVERIFY2, which evaluates it even when the check passes.
template<typename T>
QByteArray why(const Result<T> &r)
{
    if (r)
        return {};
    return QByteArray::fromStdString(r.error().code + " @ " + r.error().describe());
}

QString describe(const std::optional<Error> &e)
{
    return e ? str(e->code + " @ " + e->describe()) : QStringLiteral("no error");
}

} // namespace

class TstCsvSource : public QObject {
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
    void raggedRow();
    void raggedRowAfterInferenceWindow();
    void invalidUtf8_data();
    void invalidUtf8();
    void utf8AcrossBlockBoundary();
    void textAfterClosingQuote();
    void unterminatedQuote();
    void headerErrors();
    void fileProblems();
    void orderBySortsInBoundedMemory();
    void externalSortMergesSpilledRuns();
    void largeFileStreams();
    void cancelFromAnotherThread();

private:
    CsvSettings fixture(const QString &name, const QByteArray &content);

    QTemporaryDir m_dir;
};

void TstCsvSource::initTestCase()
{
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
}

CsvSettings TstCsvSource::fixture(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    test::writeFile(path, content);
    CsvSettings s;
    s.path = path.toStdString();
    return s;
}

void TstCsvSource::plainFileWithHeader()
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
    QCOMPARE(show(d.rows), QStringList({"i:1|t:Alice|r:9.5|b:true",
                                        "i:2|t:Bob|r:7|b:false",
                                        "i:3|t:Carol|n|b:true"}));
    // The Real column keeps 7 as a real, not an integer.
    QCOMPARE(d.rows[1][2], Value(7.0));
}

void TstCsvSource::semicolonDelimiter()
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

void TstCsvSource::quoting()
{
    CsvSource source(fixture("quoting.csv", "id,text,note\n"
                                            "1,\"a,b\",\"say \"\"hi\"\"\"\n"
                                            "2,\"line one\nline two\",plain\n"
                                            "3,\"\",\"\"\"\"\n"
                                            "4,\"x\",\"trailing,\"\n"));
    const Drained d = drain(source);
    QVERIFY2(!d.error, qPrintable(describe(d.error)));
    QCOMPARE(show(d.rows), QStringList({"i:1|t:a,b|t:say \"hi\"",
                                        "i:2|t:line one\nline two|t:plain",
                                        "i:3|n|t:\"",
                                        "i:4|t:x|t:trailing,"}));
}

void TstCsvSource::crlfLineEndings()
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

void TstCsvSource::byteOrderMark()
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
    CsvSettings s = fixture("bom-noheader.csv", "\xEF\xBB\xBF" "42,x\n");
    s.header = false;
    CsvSource noHeader(s);
    const Drained c = drain(noHeader);
    QVERIFY2(!c.error, qPrintable(describe(c.error)));
    QCOMPARE(show(c.rows), QStringList({"i:42|t:x"}));
}

void TstCsvSource::noHeaderRow()
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

void TstCsvSource::readerRecordsAndLines()
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

void TstCsvSource::badDelimiter()
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

void TstCsvSource::classifyCell_data()
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

void TstCsvSource::classifyCell()
{
    QFETCH(QByteArray, cell);
    QFETCH(QString, type);
    QCOMPARE(typeName(sluice::classifyCell(cell.toStdString())), type);
}

void TstCsvSource::convertCell()
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
    QCOMPARE(sluice::convertCell("12345678901234567890", ValueType::Real),
             Value("12345678901234567890"));
}

void TstCsvSource::columnTypeInference()
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
    QCOMPARE(show(d.rows), QStringList({"i:1|r:10|b:true|t:02134|t:true|n|t:A1",
                                        "i:2|n|b:false|t:10001|t:1|n|t:B2",
                                        "n|r:2.5|n|t:90210|n|n|n",
                                        "i:4|r:-1000|b:true|n|t:0|n|t:C3"}));
}

void TstCsvSource::lateCellThatDoesNotFitBecomesText()
{
    CsvSettings s = fixture("late.csv", "n,flag\n1,true\n2,false\nthree,maybe\n4,true\n");
    s.inferenceRows = 2;
    CsvSource source(s);
    const Drained d = drain(source);
    QVERIFY2(!d.error, qPrintable(describe(d.error)));
    QCOMPARE(show(d.columns), QStringLiteral("n:integer|flag:boolean"));
    QCOMPARE(show(d.rows), QStringList({"i:1|b:true", "i:2|b:false", "t:three|t:maybe",
                                        "i:4|b:true"}));
}

void TstCsvSource::unicodeRoundTrip()
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
    const auto bytes = [&](std::size_t r, std::size_t c) {
        return QByteArray::fromStdString(d.rows.at(r).at(c).asText());
    };
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

void TstCsvSource::limit()
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

void TstCsvSource::raggedRow()
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

void TstCsvSource::raggedRowAfterInferenceWindow()
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

void TstCsvSource::invalidUtf8_data()
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

void TstCsvSource::invalidUtf8()
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
    QCOMPARE(str(d.error->message), QStringLiteral("invalid UTF-8 at line %1, byte %2")
                                        .arg(line)
                                        .arg(byte));
}

void TstCsvSource::utf8AcrossBlockBoundary()
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
    const CsvSettings s =
        fixture("boundary-bad.csv", header + prefix + shortPadding + "\xE5\x8C,x\n");
    CsvSource bad(s);
    const Drained e = drain(bad);
    QVERIFY(e.error);
    QCOMPARE(str(e.error->code), QStringLiteral("csv.invalid_utf8"));
    const int column = prefix.size() + shortPadding.size() + 1;
    QCOMPARE(str(e.error->message),
             QStringLiteral("invalid UTF-8 at line 2, byte %1").arg(column));
}

void TstCsvSource::textAfterClosingQuote()
{
    const CsvSettings s = fixture("after-quote.csv", "id,name\n1,\"ab\"c\n");
    CsvSource source(s);
    const Drained d = drain(source);
    QVERIFY(d.error);
    QCOMPARE(d.error->kind, ErrorKind::InvalidInput);
    QCOMPARE(str(d.error->code), QStringLiteral("csv.text_after_quote"));
    QCOMPARE(str(d.error->where), str(s.path) + ":2");
    QVERIFY2(str(d.error->message).contains(QStringLiteral("line 2, byte 7")),
             qPrintable(str(d.error->message)));
}

void TstCsvSource::unterminatedQuote()
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
    QCOMPARE(str(d.error->message),
             QStringLiteral("the quoted field starting at line 3 is never closed"));
    QCOMPARE(show(d.rows), QStringList({"i:1|t:ok"}));
}

void TstCsvSource::headerErrors()
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
    QCOMPARE(str(d.error->message),
             QStringLiteral("column name 'email' appears twice (columns 2 and 5)"));

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

void TstCsvSource::fileProblems()
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

void TstCsvSource::orderBySortsInBoundedMemory()
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
void TstCsvSource::externalSortMergesSpilledRuns()
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

void TstCsvSource::largeFileStreams()
{
    constexpr int rowCount = 100000;
    QByteArray content = "id,name,score,city\n";
    content.reserve(rowCount * 40);
    for (int i = 1; i <= rowCount; ++i)
        content += QByteArray::number(i) + ",user_" + QByteArray::number(i) + ','
                   + QByteArray::number(i) + ".5,\"Berlin, DE\"\n";
    CsvSource source(fixture("large.csv", content));

    auto cursor = source.query({});
    QVERIFY2(cursor, why(cursor).constData());
    QCOMPARE(show((*cursor)->columns()),
             QStringLiteral("id:integer|name:text|score:real|city:text"));
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

void TstCsvSource::cancelFromAnotherThread()
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

QTEST_GUILESS_MAIN(TstCsvSource)

#include "tst_csvsource.moc"

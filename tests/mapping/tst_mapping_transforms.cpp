// Value maps as CSV files people keep in a spreadsheet: import, export, the
// round trip, and the errors that name the file and line.
//
// Every transform through a one-field mapping (exact outputs, NULL handling,
// Unicode, onError actions, compile errors with their JSON paths) is a case
// file under cases/ run by tst_mapping_cases; only the file handling, which a
// case file cannot express, is tested here.

#include "mapping/valuemap.h"

#include "mappingtest.h"
#include <QTemporaryDir>

#include <QTest>

#include <fstream>

using namespace sluice;
using nlohmann::json;

class TstMappingTransforms : public QObject {
    Q_OBJECT
private slots:
    void valueMapCsv()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("status.csv").toStdString();
        auto write = [&](const std::string &text) { std::ofstream(path, std::ios::binary) << text; };

        write("in_house,salesforce\nactive,Customer\n\"suspended, for now\",\"Say \"\"hi\"\"\"\r\n"
              "inactive,\n张伟,客户\n");
        auto map = valueMapFromCsv(path);
        QVERIFY2(map, map ? "" : map.error().describe().c_str());
        QCOMPARE(
            map->dump(),
            json(
                {{"active", "Customer"}, {"suspended, for now", "Say \"hi\""}, {"inactive", nullptr}, {"张伟", "客户"}})
                .dump());
        auto csv = valueMapToCsv(*map);
        QVERIFY(csv);
        QCOMPARE(*csv, std::string("from,to\nactive,Customer\ninactive,\n\"suspended, for now\",\"Say \"\"hi\"\"\"\n"
                                   "张伟,客户\n"));
        // Export then import gives the same map back.
        write(*csv);
        QCOMPARE(valueMapFromCsv(path)->dump(), map->dump());
        QCOMPARE(*valueMapToCsv(json{{"vip", 1}, {" pad", true}}, "tier", "score"),
                 std::string("tier,score\n\" pad\",true\nvip,1\n"));
        QVERIFY(!valueMapToCsv(json::array()));

        write("from,to\nactive,Customer\ninactive,Lead\nsuspended,Lead,extra\n");
        auto ragged = valueMapFromCsv(path);
        QVERIFY(!ragged);
        QCOMPARE(ragged.error().code, std::string("mapping.value_map_csv"));
        QCOMPARE(ragged.error().where, path + ":4");
        QCOMPARE(ragged.error().message, std::string("line 4 has 3 fields; a value map has 2 (from, to)"));

        write("from,to\nactive\n");
        QCOMPARE(valueMapFromCsv(path).error().message,
                 std::string("line 2 has 1 field; a value map has 2 (from, to)"));
        write("from,to\nactive,Customer\n\"multi\nline\",x\nactive,Lead\n");
        auto duplicate = valueMapFromCsv(path);
        QCOMPARE(duplicate.error().where, path + ":5");
        QCOMPARE(duplicate.error().message, std::string("line 5 maps 'active' again (first on line 2)"));
        write("just one column\n");
        QCOMPARE(valueMapFromCsv(path).error().describe(),
                 path + ":1: the header has 1 field; a value map has 2 (from, to)");
        write("");
        QCOMPARE(valueMapFromCsv(path).error().describe(),
                 path + ": the file is empty; a value map needs a header line (from,to) and one line per value");
        write("from,to\n\"open,x\n");
        QCOMPARE(valueMapFromCsv(path).error().code, std::string("csv.unterminated_quote"));
        write("from,to\nbad\xff,x\n");
        QCOMPARE(valueMapFromCsv(path).error().code, std::string("csv.invalid_utf8"));
        QCOMPARE(valueMapFromCsv(dir.filePath("missing.csv").toStdString()).error().code, std::string("csv.missing"));
    }
};

QTEST_GUILESS_MAIN(TstMappingTransforms)
#include "tst_mapping_transforms.moc"

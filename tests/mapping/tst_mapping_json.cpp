// The payload JSON writer: escaping, UTF-8 validation with U+FFFD
// replacement, numbers, and that whatever goes in, valid JSON comes out.

#include "formats/jsonwriter.h"
#include "mapping/mappedjson.h"

#include "mappingtest.h"
#include <QElapsedTimer>

#include <QTest>

#include <limits>
#include <random>

using namespace sluice;

namespace {

std::string str(std::string_view text)
{
    std::string out;
    appendJsonString(out, text);
    return out;
}

std::string val(const Value &v)
{
    std::string out;
    appendJsonValue(out, v);
    return out;
}

const std::string fffd = "\xEF\xBF\xBD";

} // namespace

class TstMappingJson : public QObject {
    Q_OBJECT
private slots:
    void escaping()
    {
        // moc cannot read raw string literals, so the expectations are spelled with escapes.
        QCOMPARE(str(""), std::string("\"\""));
        QCOMPARE(str("plain"), std::string("\"plain\""));
        QCOMPARE(str("a\"b\\c"), std::string("\"a\\\"b\\\\c\""));
        QCOMPARE(str("\b\f\n\r\t"), std::string("\"\\b\\f\\n\\r\\t\""));
        QCOMPARE(str(std::string_view("\x00\x01\x1f", 3)), std::string("\"\\u0000\\u0001\\u001f\""));
        QCOMPARE(str("\x7f/</script>"), std::string("\"\x7f/</script>\"")); // DEL and '/' need no escape
        QCOMPARE(str("张伟, 北京市朝阳区"), std::string("\"张伟, 北京市朝阳区\""));
        QCOMPARE(str("😀👩‍💻"), std::string("\"😀👩‍💻\""));
        QCOMPARE(str("\xEF\xBF\xBD"), "\"" + fffd + "\"");                      // a real U+FFFD stays
        QCOMPARE(str("\xF4\x8F\xBF\xBF"), std::string("\"\xF4\x8F\xBF\xBF\"")); // U+10FFFF is valid
    }

    void invalidUtf8BecomesReplacementCharacters()
    {
        QCOMPARE(str("a\xff"
                     "b"),
                 "\"a" + fffd + "b\"");
        QCOMPARE(str("a\xC3"), "\"a" + fffd + "\"");                     // truncated at the end
        QCOMPARE(str("\xE2\x82x"), "\"" + fffd + "x\"");                 // one U+FFFD for the maximal subpart
        QCOMPARE(str("\xF0\x9F\x98"), "\"" + fffd + "\"");               // a cut emoji
        QCOMPARE(str("\xC0\xAF"), "\"" + fffd + fffd + "\"");            // overlong '/'
        QCOMPARE(str("\xE0\x80\xAF"), "\"" + fffd + fffd + fffd + "\""); // overlong, three bytes
        QCOMPARE(str("\xED\xA0\x80"), "\"" + fffd + fffd + fffd + "\""); // UTF-16 surrogate
        QCOMPARE(str("\xF4\x90\x80\x80"), "\"" + fffd + fffd + fffd + fffd + "\""); // above U+10FFFF
        QCOMPARE(str("\x80\x80"), "\"" + fffd + fffd + "\"");                       // stray continuations
        QCOMPARE(str("\xC3\"x"), "\"" + fffd + "\\\"x\""); // the quote after a cut sequence is kept
    }

    void values()
    {
        QCOMPARE(val(Value()), std::string("null"));
        QCOMPARE(val(Value(true)), std::string("true"));
        QCOMPARE(val(Value(false)), std::string("false"));
        QCOMPARE(val(Value(std::numeric_limits<std::int64_t>::min())), std::string("-9223372036854775808"));
        QCOMPARE(val(Value(std::int64_t(42))), std::string("42"));
        QCOMPARE(val(Value(0.1)), std::string("0.1"));
        QCOMPARE(val(Value(1520.0)), std::string("1520"));
        QCOMPARE(val(Value(1e21)), std::string("1e+21"));
        QCOMPARE(val(Value(5e-324)), std::string("5e-324"));
        QCOMPARE(val(Value(1.0 / 3)), std::string("0.3333333333333333"));
        QCOMPARE(val(Value(std::numeric_limits<double>::quiet_NaN())), std::string("null"));
        QCOMPARE(val(Value(std::numeric_limits<double>::infinity())), std::string("null"));
        QCOMPARE(val(Value(-std::numeric_limits<double>::infinity())), std::string("null"));
        QCOMPARE(val(Value("x\ny")), std::string("\"x\\ny\""));
        // Shortest round trip: the text reads back as the same double.
        for (double d : {0.1 + 0.2, 1e-7, 123456789.125, -2.5e300}) {
            const double back = nlohmann::json::parse(val(Value(d))).get<double>();
            QCOMPARE(back, d);
        }
    }

    void objects()
    {
        MappedRow row;
        std::string out;
        appendJsonObject(out, row);
        QCOMPARE(out, std::string("{}"));
        row.fields = {{"email", Value("ana@example.com")},
                      {"na\"me", Value("张伟")},
                      {"n", Value(std::int64_t(1))},
                      {"x", Value()}};
        out = "[";
        appendJsonObject(out, row);
        QCOMPARE(out, std::string("[{\"email\":\"ana@example.com\",\"na\\\"me\":\"张伟\",\"n\":1,\"x\":null}"));
    }

    void anyBytesGiveValidJson()
    {
        std::mt19937 random(20260329);
        std::uniform_int_distribution<int> byte(0, 255), length(0, 40);
        for (int i = 0; i < 2000; ++i) {
            std::string input(std::size_t(length(random)), '\0');
            for (char &c : input)
                c = char(byte(random));
            const std::string out = str(input);
            // nlohmann rejects invalid UTF-8 and bad escapes when parsing.
            QVERIFY2(nlohmann::json::accept(out), out.c_str());
            if (nlohmann::json::accept("\"" + input + "\"")
                && input.find_first_of(std::string("\"\\\0", 3)) == std::string::npos)
                QCOMPARE(nlohmann::json::parse(out).get<std::string>(), input);
        }
    }

    void escapingIsFast()
    {
        std::string text;
        for (int i = 0; i < 20000; ++i)
            text += "Ana Lima, 北京市朝阳区 \"quoted\"\n";
        std::string out;
        out.reserve(text.size() * 2);
        QElapsedTimer timer;
        timer.start();
        appendJsonString(out, text);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        qInfo("escaped %.1f MB in %.2f ms", double(text.size()) / 1e6, ms);
        QVERIFY(nlohmann::json::accept(out));
        QCOMPARE(nlohmann::json::parse(out).get<std::string>(), text);
        QVERIFY2(ms < 200, std::to_string(ms).c_str()); // about 1 ms on the CI machine; generous for sanitizers
    }
};

QTEST_GUILESS_MAIN(TstMappingJson)
#include "tst_mapping_json.moc"

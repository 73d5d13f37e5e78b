// Building blocks of the mapping engine: UTF-8 text helpers, strict numbers
// and decimal rounding, SHA-256, e-mail and phone normal forms, and the
// deterministic sampling hash.

#include "mapping/contactfields.h"
#include "formats/numbers.h"
#include "mapping/sampling.h"
#include "core/sha256.h"
#include "formats/textutil.h"
#include "mapping/valuefunctions.h"

#include "mappingtest.h"

#include <QTest>

#include <algorithm>
#include <set>

using namespace sluice;
using namespace sluice::mapping;

namespace {

std::string phone(std::string_view text, std::string_view code)
{
    std::string e164, error;
    return normalizePhone(text, code, e164, error) ? e164 : "error: " + error;
}

} // namespace

class TstMappingText : public QObject {
    Q_OBJECT
private slots:
    void utf8Counting()
    {
        QCOMPARE(codePointCount("张伟"), std::size_t(2));
        QCOMPARE(codePointCount("a😀b"), std::size_t(3));
        QCOMPARE(firstCodePoints("北京市朝阳区", 3), std::string_view("北京市"));
        QCOMPARE(firstCodePoints("a😀b", 2), std::string_view("a😀"));
        QCOMPARE(firstCodePoints("abc", 10), std::string_view("abc"));
        QCOMPARE(lastCodePoints("北京市朝阳区", 2), std::string_view("阳区"));
        QCOMPARE(charPosition("城市 == x", 7), std::size_t(4)); // byte 7 is the first '='
        QCOMPARE(trimmed("\xE3\x80\x80张伟 \xC2\xA0\t"), std::string_view("张伟"));
        QCOMPARE(trimmed("   "), std::string_view(""));
        QCOMPARE(quoteText("ana@"), std::string("'ana@'"));
        QCOMPARE(quoteText(std::string(45, 'a')), "'" + std::string(40, 'a') + "…'");
        QCOMPARE(quoteText("北京市朝阳区", 2), std::string("'北京…'"));
    }

    void truncateNeverCutsASequence()
    {
        QCOMPARE(truncateValue(Value("北京市朝阳区"), 3), Value("北京市"));
        QCOMPARE(truncateValue(Value("北京市朝阳区"), 4, "…"), Value("北京市…"));
        QCOMPARE(truncateValue(Value("北京市"), 3, "…"), Value("北京市")); // fits: no suffix
        QCOMPARE(truncateValue(Value("👩‍💻 dev"), 1), Value("👩")); // code points, not graphemes
        QCOMPARE(truncateValue(Value(), 3), Value());
        QCOMPARE(truncateValue(Value(std::int64_t(123456)), 3), Value("123"));
        // Every cut of a mixed string is valid UTF-8: its byte length matches a code point boundary.
        const std::string mixed = "a张😀é";
        for (std::size_t n = 0; n <= 4; ++n) {
            const std::string cut = truncateValue(Value(mixed), n).asText();
            QCOMPARE(codePointCount(cut), n);
            QVERIFY(mixed.starts_with(cut));
            QVERIFY(cut.size() == mixed.size() || (static_cast<unsigned char>(mixed[cut.size()]) & 0xC0) != 0x80);
        }
    }

    void caseAndTrimValues()
    {
        QCOMPARE(lowerValue(Value("Ana@Example.COM")), Value("ana@example.com"));
        QCOMPARE(upperValue(Value("张伟 abc")), Value("张伟 ABC"));
        QCOMPARE(lowerValue(Value("ÄÖ")), Value("ÄÖ")); // ASCII-only, documented
        QCOMPARE(trimValue(Value("  x ")), Value("x"));
        QCOMPARE(trimValue(Value()), Value());
        QCOMPARE(trimValue(Value(1.5)), Value("1.5"));
    }

    void strictNumbers()
    {
        QCOMPARE(parseInteger(" 42 "), std::optional<std::int64_t>(42));
        QCOMPARE(parseInteger("+7"), std::optional<std::int64_t>(7));
        QCOMPARE(parseInteger("-0"), std::optional<std::int64_t>(0));
        QCOMPARE(parseInteger("12abc"), std::nullopt);
        QCOMPARE(parseInteger(""), std::nullopt);
        QCOMPARE(parseInteger("99999999999999999999"), std::nullopt);
        QCOMPARE(parseDecimal("1e3"), std::optional<double>(1000));
        QCOMPARE(parseDecimal(".5"), std::optional<double>(0.5));
        QCOMPARE(parseDecimal("nan"), std::nullopt);
        QCOMPARE(parseDecimal("inf"), std::nullopt);
        QCOMPARE(parseDecimal("1,5"), std::nullopt);
        QCOMPARE(parseDecimal("0x10"), std::nullopt);
        QCOMPARE(numericValue(Value("1520.5")), std::optional<double>(1520.5));
        QCOMPARE(numericValue(Value(true)), std::nullopt);
        QCOMPARE(numericValue(Value()), std::nullopt);
    }

    void decimalRounding()
    {
        QCOMPARE(formatDouble(roundDecimal(2.675, 2)), std::string("2.68"));
        QCOMPARE(formatDouble(roundDecimal(1.005, 2)), std::string("1.01"));
        QCOMPARE(formatDouble(roundDecimal(-2.5, 0)), std::string("-3"));
        QCOMPARE(formatDouble(roundDecimal(0.125, 2)), std::string("0.13"));
        QCOMPARE(formatDouble(roundDecimal(9.995, 2)), std::string("10"));
        QCOMPARE(formatDouble(roundDecimal(99.5, 0)), std::string("100"));
        QCOMPARE(formatDouble(roundDecimal(123.456, 0)), std::string("123"));
        QCOMPARE(formatDouble(roundDecimal(1520.55, 1)), std::string("1520.6"));
        QCOMPARE(formatDouble(roundDecimal(-0.001, 2)), std::string("0")); // never "-0"
        QCOMPARE(formatDouble(roundDecimal(0.1, 5)), std::string("0.1"));   // nothing to round
        QCOMPARE(formatDouble(roundDecimal(1e-7, 3)), std::string("0"));
        QCOMPARE(formatDouble(roundDecimal(1e20, 2)), std::string("1e+20")); // nothing after the point
    }

    void sha256Vectors()
    {
        // FIPS 180-4 examples, and lengths around the padding boundary (55/56/63/64 bytes).
        QCOMPARE(sha256Hex(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(sha256Hex("abc"), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                 std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
        QCOMPARE(sha256Hex(std::string(55, 'a')),
                 std::string("9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"));
        QCOMPARE(sha256Hex(std::string(56, 'a')),
                 std::string("b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"));
        QCOMPARE(sha256Hex(std::string(63, 'a')),
                 std::string("7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"));
        QCOMPARE(sha256Hex(std::string(64, 'a')),
                 std::string("ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"));
        QCOMPARE(sha256Hex(std::string(1000000, 'a')),
                 std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
        QCOMPARE(sha256Hex("张伟"), std::string("a3a0bafd0beed44d93517e3bc1458f5645571c3295fb8a9050e2ec7cb73e2819"));
    }

    void emailSyntax()
    {
        for (const char *ok : {"ana@example.com", "first.last+tag@sub.example.co.uk", "o'brien@example.ie",
                               "张伟@例子.中国", "a@b.cd"})
            QVERIFY2(isValidEmail(ok), ok);
        for (const char *bad : {"ana@", "@example.com", "ana@@example.com", "ana@example", "ana..b@example.com",
                                ".ana@example.com", "ana.@example.com", "ana@-example.com", "ana example@x.com",
                                "ana@example.c", "ana@1.2.3.4", " ana@example.com", "ana@example..com", ""})
            QVERIFY2(!isValidEmail(bad), bad);
        QCOMPARE(normalizedEmail("  Ana@Example.COM \t"), std::string("ana@example.com"));
    }

    void phoneNormalisation()
    {
        QCOMPARE(phone("138 1234 5678", "86"), std::string("+8613812345678"));
        QCOMPARE(phone("+86 138-1234-5678", ""), std::string("+8613812345678"));
        QCOMPARE(phone("0086 13812345678", "1"), std::string("+8613812345678"));
        QCOMPARE(phone("(415) 555-2671", "1"), std::string("+14155552671"));
        QCOMPARE(phone("1 415 555 2671", "1"), std::string("+14155552671"));
        QCOMPARE(phone("030 1234567", "49"), std::string("+49301234567"));
        QCOMPARE(phone("13812345678", ""),
                 std::string("error: '13812345678' has no country calling code (write it with + or set "
                             "defaultCountryCode)"));
        QCOMPARE(phone("+86 138x", "86"), std::string("error: '+86 138x' is not a phone number"));
        QCOMPARE(phone("+123", "86"),
                 std::string("error: '+123' is not a valid phone number (E.164 numbers have 7 to 15 digits)"));
        QCOMPARE(phone("+1234567890123456", ""),
                 std::string("error: '+1234567890123456' is not a valid phone number (E.164 numbers have 7 to 15 "
                             "digits)"));
        QCOMPARE(countryCallingCode("+86"), std::string("86"));
        QCOMPARE(countryCallingCode("1"), std::string("1"));
        QCOMPARE(countryCallingCode("8a"), std::string());
        QCOMPARE(countryCallingCode("1234"), std::string());
    }

    void samplingIsDeterministic()
    {
        // The hash is part of the contract (docs/transforms.md): pin it.
        QCOMPARE(sampleHash("user-1"), std::uint64_t(0xc499b5f8a721df58ULL));
        QCOMPARE(sampleHash(""), std::uint64_t(0xf52a15e9a9b5e89bULL));

        auto choose = [](double percent) {
            std::set<int> chosen;
            for (int i = 1; i <= 10000; ++i)
                if (inSample("user-" + std::to_string(i), percent))
                    chosen.insert(i);
            return chosen;
        };
        const auto first = choose(10);
        const auto second = choose(10);
        QCOMPARE(first, second);
        // 10% of 10,000 is 1,000 with a standard deviation of 30.
        QVERIFY2(first.size() >= 910 && first.size() <= 1090, std::to_string(first.size()).c_str());
        QCOMPARE(first.size(), std::size_t(1015));
        const auto five = choose(5);
        QVERIFY(std::includes(first.begin(), first.end(), five.begin(), five.end())); // nested samples
        QVERIFY(five.size() >= 440 && five.size() <= 560);
        QCOMPARE(choose(0).size(), std::size_t(0));
        QCOMPARE(choose(100).size(), std::size_t(10000));
    }
};

QTEST_GUILESS_MAIN(TstMappingText)
#include "tst_mapping_text.moc"

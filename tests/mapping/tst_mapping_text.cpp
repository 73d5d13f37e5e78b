// Building blocks of the mapping engine that no one-field mapping reaches
// exactly: UTF-8 text helpers, every cut of a mixed string, strict integers,
// the e-mail and calling-code normal forms, and the deterministic sampling
// hash.
//
// What the transforms and rules compute from these (truncate, lower, upper,
// trim, decimal parsing and rounding, SHA-256 vectors, e-mail syntax, phone
// normal forms) is a case file under cases/ run by tst_mapping_cases.

#include "formats/numbers.h"
#include "formats/textutil.h"
#include "mapping/contactfields.h"
#include "mapping/sampling.h"
#include "mapping/valuefunctions.h"

#include "mappingtest.h"

#include <QTest>

#include <algorithm>
#include <set>

using namespace sluice;
using namespace sluice::mapping;

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
        // Every cut of a mixed string is valid UTF-8: its byte length matches a code point boundary.
        const std::string mixed = "a张😀é";
        for (std::size_t n = 0; n <= 4; ++n) {
            const std::string cut = truncateValue(Value(mixed), n).asText();
            QCOMPARE(codePointCount(cut), n);
            QVERIFY(mixed.starts_with(cut));
            QVERIFY(cut.size() == mixed.size() || (static_cast<unsigned char>(mixed[cut.size()]) & 0xC0) != 0x80);
        }
    }

    void strictNumbers()
    {
        QCOMPARE(parseInteger(" 42 "), std::optional<std::int64_t>(42));
        QCOMPARE(parseInteger("+7"), std::optional<std::int64_t>(7));
        QCOMPARE(parseInteger("-0"), std::optional<std::int64_t>(0));
        QCOMPARE(parseInteger("12abc"), std::nullopt);
        QCOMPARE(parseInteger(""), std::nullopt);
        QCOMPARE(parseInteger("99999999999999999999"), std::nullopt);
        QCOMPARE(numericValue(Value("1520.5")), std::optional<double>(1520.5));
        QCOMPARE(numericValue(Value(true)), std::nullopt);
        QCOMPARE(numericValue(Value()), std::nullopt);
    }

    void contactNormalForms()
    {
        QCOMPARE(normalizedEmail("  Ana@Example.COM \t"), std::string("ana@example.com"));
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

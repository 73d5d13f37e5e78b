#pragma once
// JSON in tests: QCOMPARE_JSON (QCOMPARE cannot take nlohmann::json, whose
// conversions confuse QTest's overloads) and J(), JSON written with single
// quotes so the tests read like the docs.

#include <QString>
#include <QTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

#define QCOMPARE_JSON(actual, expected)                                                                                \
    do {                                                                                                               \
        const nlohmann::json actualJson_ = (actual);                                                                   \
        const nlohmann::json expectedJson_ = (expected);                                                               \
        QVERIFY2(actualJson_ == expectedJson_, qPrintable(QStringLiteral("\n   actual: %1\n expected: %2")             \
                                                              .arg(QString::fromStdString(actualJson_.dump()),         \
                                                                   QString::fromStdString(expectedJson_.dump()))));    \
    } while (false)

namespace sluice::test {

inline nlohmann::json J(const char *text)
{
    std::string s(text);
    std::replace(s.begin(), s.end(), '\'', '"');
    return nlohmann::json::parse(s);
}

} // namespace sluice::test

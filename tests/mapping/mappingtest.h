#pragma once
// Shared by the mapping tests: lets QCOMPARE print std::string values, so a
// failing comparison shows the text it got instead of only "not the same".

#include <QTest>

#include <string>

namespace QTest {
template <> inline char *toString(const std::string &value)
{
    return qstrdup(value.c_str());
}
} // namespace QTest

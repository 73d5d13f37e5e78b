// Row filter expressions: what no mapping can reach.
//
// Evaluation (comparisons, three-valued logic, in lists, functions, Unicode
// names), row filters keeping only true rows, and every syntax error with its
// position are case files under cases/expression run by tst_mapping_cases. An
// empty text is not among them: a mapping never compiles one (a blank row
// filter means no filter and an empty "when" is refused as an empty text), so
// Expression::compile's own answer is checked here.

#include "mapping/expression.h"

#include "mappingtest.h"

#include <QTest>

using namespace sluice;
using namespace sluice::mapping;

class TstMappingExpression : public QObject {
    Q_OBJECT
private slots:
    void emptyText()
    {
        const std::vector<Column> columns = {{"country", ValueType::Text, "TEXT"}};
        auto e = Expression::compile("", columns, 1774778400);
        QVERIFY(!e);
        QCOMPARE(e.error().code + ": " + e.error().message, std::string("mapping.syntax: the expression is empty"));
    }
};

QTEST_GUILESS_MAIN(TstMappingExpression)
#include "tst_mapping_expression.moc"

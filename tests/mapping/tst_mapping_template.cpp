// Templates: what no mapping can reach.
//
// Rendering ({{ value | filters }}, {% if %} blocks, NULLs, Chinese text),
// filter warnings and every syntax error with its position are case files
// under cases/template run by tst_mapping_cases. An empty template is not
// among them: a mapping refuses an empty "template" text before compiling it,
// so Template's own answer is checked here.

#include "mapping/template.h"

#include "mappingtest.h"

#include <QTest>

using namespace sluice;
using namespace sluice::mapping;

class TstMappingTemplate : public QObject {
    Q_OBJECT
private slots:
    void emptyTemplate()
    {
        const std::vector<Column> columns = {{"first_name", ValueType::Text, "TEXT"}};
        auto t = Template::compile("", columns, 1774778400);
        QVERIFY2(t, t ? "" : t.error().message.c_str());
        std::string out, warning;
        t->render(Row{Value("张")}, out, warning);
        QCOMPARE(out, std::string());
        QCOMPARE(warning, std::string());
    }
};

QTEST_GUILESS_MAIN(TstMappingTemplate)
#include "tst_mapping_template.moc"

#include "canvas/mappingeditor.h"
#include <QTest>
class TstMappingCanvas : public QObject {
    Q_OBJECT
private slots:
    void stub() {}
};
QTEST_MAIN(TstMappingCanvas)
#include "tst_mappingcanvas.moc"

#include <QTest>
class T : public QObject { Q_OBJECT
private slots:
 void placeholder_pending() { QFAIL("test not written yet"); }
};
QTEST_GUILESS_MAIN(T)
#include "tst_projectjson.moc"

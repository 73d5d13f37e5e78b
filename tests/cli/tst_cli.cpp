#include <QTest>
class T : public QObject { Q_OBJECT
private slots:
 void pending() { QFAIL("test not written yet"); }
};
QTEST_GUILESS_MAIN(T)
#include "tst_cli.moc"

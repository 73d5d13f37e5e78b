// A newcomer's first minute: "Open the Demo" on the welcome page lands on a
// sync that runs without any account, on the page with its Run button, with
// nothing else opened and the hint kept in the status line; Run then shows
// what happened (status line, run history, job log).

#include "runs/joblogmodel.h"
#include "runs/joblogview.h"
#include "shell/mainwindow.h"
#include "shell/welcomepage.h"
#include "syncpages/synceditor.h"
#include "syncpages/syncpage.h"

#include <QDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace sluice::ui;

class TstFirstRun : public QObject {
    Q_OBJECT
    QString m_demoDir;

private slots:
    void initTestCase()
    {
        // The demo is made in the user's data folder: a test one here.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("SluiceTests");
        QCoreApplication::setApplicationName("tst_firstrun");
        m_demoDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/demo";
        QDir(m_demoDir).removeRecursively();
    }

    void cleanupTestCase() { QDir(m_demoDir).removeRecursively(); }

    void openTheDemoLandsOnARunnableSync()
    {
        MainWindow w;
        w.resize(1366, 740);
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        auto *welcome = w.findChild<WelcomePage *>();
        QVERIFY(welcome && welcome->demoButton()->isVisible());
        QTest::mouseClick(welcome->demoButton(), Qt::LeftButton);

        SyncEditor *editor = w.currentSyncEditor();
        QVERIFY(editor);
        QCOMPARE(editor->syncName(), QString("user_360_to_file"));
        QCOMPARE(w.editors()->count(), 1); // no model tab beside it
        SyncPage *runs = editor->runsPage();
        QCOMPARE(editor->pages()->currentWidget(), static_cast<QWidget *>(runs));
        QPushButton *run = nullptr;
        for (QPushButton *b : runs->findChildren<QPushButton *>())
            if (b->text() == "Run")
                run = b;
        QVERIFY(run);
        QTRY_VERIFY(run->isVisible() && run->isEnabled());
        QVERIFY(!run->visibleRegion().isEmpty()); // in view, not scrolled away
        QTest::qWait(300);                        // what loads after opening must not take the status line
        QVERIFY2(w.statusText().startsWith("Demo project opened: press Run"), qPrintable(w.statusText()));

        QSignalSpy finished(runs, &SyncPage::runFinished);
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().at(2).toString(), QString("succeeded"));
        QVERIFY2(w.statusText().contains("succeeded"), qPrintable(w.statusText()));
        QTRY_VERIFY(w.jobLog()->model()->rowCount() > 0);
        QVERIFY(QFile::exists(m_demoDir + "/demo.user_360.jsonl"));
    }
};

QTEST_MAIN(TstFirstRun)
#include "tst_firstrun.moc"

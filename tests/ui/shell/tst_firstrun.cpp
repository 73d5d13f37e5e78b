// A newcomer's first minute: "Open the Demo" on the welcome page lands on a
// mapped sync that runs without any account, on its mapping with the Run
// button in view, nothing else opened and the hint kept in the status line;
// Run then shows what happened (the Runs tab, status line, job log) and the
// file holds what the mapping made of each contact.

#include "runs/joblogmodel.h"
#include "runs/joblogview.h"
#include "shell/mainwindow.h"
#include "shell/welcomepage.h"
#include "syncpages/synceditor.h"
#include "syncpages/syncmappingpage.h"
#include "syncpages/syncpage.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <QDir>
#include <QFile>
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
        QCOMPARE(editor->syncName(), QString("contacts_to_file"));
        QCOMPARE(w.editors()->count(), 1); // no model tab beside it
        QCOMPARE(editor->pages()->currentWidget(), static_cast<QWidget *>(editor->mappingPage()));
        QPushButton *run = nullptr;
        for (QPushButton *b : editor->mappingPage()->findChildren<QPushButton *>())
            if (b->text() == "Run")
                run = b;
        QVERIFY(run);
        QTRY_VERIFY(run->isVisible() && run->isEnabled());
        QVERIFY(!run->visibleRegion().isEmpty()); // in view, not scrolled away
        QTest::qWait(300);                        // what loads after opening must not take the status line
        QVERIFY2(w.statusText().startsWith("Demo project opened: this sync maps HubSpot contacts"),
                 qPrintable(w.statusText()));

        SyncPage *runs = editor->runsPage();
        QSignalSpy finished(runs, &SyncPage::runFinished);
        QTest::mouseClick(run, Qt::LeftButton);
        QCOMPARE(editor->pages()->currentWidget(), static_cast<QWidget *>(runs)); // where it shows
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().at(2).toString(), QString("succeeded"));
        QVERIFY2(w.statusText().contains("succeeded"), qPrintable(w.statusText()));
        QTRY_VERIFY(w.jobLog()->model()->rowCount() > 0);

        // One line per contact, shaped by the mapping.
        QFile out(m_demoDir + "/demo.contacts.jsonl");
        QVERIFY(out.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = out.readAll().trimmed().split('\n');
        QCOMPARE(qsizetype(lines.size()), qsizetype(contactsInWarehouse()));
        for (const QByteArray &line : lines) {
            const auto payload = nlohmann::ordered_json::parse(line.toStdString()); // in the order sent
            std::vector<std::string> fields;
            for (auto it = payload.begin(); it != payload.end(); ++it)
                fields.push_back(it.key());
            QCOMPARE(fields, (std::vector<std::string>{"email", "user_tier", "lifetime_value", "last_activity_date",
                                                       "engagement_level", "source"}));
            const std::string email = payload["email"];
            QVERIFY2(QString::fromStdString(email) == QString::fromStdString(email).toLower(), email.c_str());
            QVERIFY2(payload["user_tier"] == "vip" || payload["user_tier"] == "premium"
                         || payload["user_tier"] == "standard",
                     line.constData());
            QVERIFY(payload["lifetime_value"].is_number_integer());
            QCOMPARE(payload["source"].get<std::string>(), std::string("sluice"));
        }
    }

private:
    // Users with an e-mail in the demo warehouse: the contacts the model lists.
    qint64 contactsInWarehouse() const
    {
        sqlite3 *db = nullptr;
        const QByteArray path = (m_demoDir + "/demo.warehouse.sqlite").toUtf8();
        if (sqlite3_open_v2(path.constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
            sqlite3_close(db);
            return -1;
        }
        sqlite3_stmt *st = nullptr;
        qint64 n = -1;
        if (sqlite3_prepare_v2(db, "SELECT count(*) FROM users WHERE email IS NOT NULL", -1, &st, nullptr) == SQLITE_OK
            && sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        sqlite3_close(db);
        return n;
    }
};

QTEST_MAIN(TstFirstRun)
#include "tst_firstrun.moc"

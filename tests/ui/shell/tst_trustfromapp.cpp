// Trust in the app (issue 19): a project imported from a colleague opens with
// the trust banner; clicking Run sends nothing and says why; the schedules
// run nothing; Review and Trust shows the hosts and secrets, and after Trust
// This Project the same Run delivers.

#include "document/projectdocument.h"
#include "jobs/projectscheduler.h"
#include "shell/mainwindow.h"
#include "shell/trustbanner.h"
#include "syncpages/syncpage.h"

#include "fakewebhookserver.h"
#include "project/projectstore.h"

#include <QDialog>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sqlite3.h>

using namespace sluice;
using namespace sluice::ui;
using namespace sluice::fakes;
using nlohmann::json;

namespace {

QPushButton *button(QWidget *page, const QString &text)
{
    for (auto *b : page->findChildren<QPushButton *>())
        if (b->text() == text)
            return b;
    return nullptr;
}

} // namespace

class TstTrustFromApp : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName("SluiceTests");
        qputenv("SLUICE_TST_APP_TOKEN", "app-secret-token-42");
    }

    void importedProjectRunsNothingUntilTrusted()
    {
        FakeWebhookServer hook;
        QTemporaryDir dir;
        sqlite3 *db = nullptr;
        sqlite3_open(dir.filePath("wh.sqlite").toUtf8().constData(), &db);
        sqlite3_exec(db,
                     "CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT); "
                     "INSERT INTO people VALUES (1, 'a@x.com'), (2, 'b@x.com');",
                     nullptr, nullptr, nullptr);
        sqlite3_close(db);
        const QString path = dir.filePath("imported.sluice");
        {
            // As File > Import writes it: created, filled, then not trusted.
            auto store = ProjectStore::create(path.toStdString(), "imported");
            ProjectConfig c;
            c.name = "imported";
            c.sources.push_back(SourceDef{"wh", "sqlite", {{"path", "wh.sqlite"}}});
            c.models.push_back(ModelDef{"people", "wh", "SELECT id, email FROM people", {"id"}, ""});
            c.destinations.push_back(DestinationDef{
                "hook", "webhook", {{"url", hook.url()}, {"headers", {{"X-Token", "${env:SLUICE_TST_APP_TOKEN}"}}}}});
            c.syncs.push_back(SyncDef{"s",
                                      "people",
                                      "hook",
                                      "upsert",
                                      json::array(),
                                      {{"schedule", {{"type", "continuous"}, {"seconds", 1}}}}});
            QVERIFY((*store)->save(c));
            QVERIFY((*store)->revokeTrust());
        }

        MainWindow w;
        w.scheduler()->setIntervals(20, 200);
        w.setSchedulesEnabled(true);
        QVERIFY(w.openProject(path, false));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *banner = w.findChild<TrustBanner *>(QStringLiteral("trustBanner"));
        QVERIFY(banner && banner->isVisible());
        QVERIFY(!w.document()->isTrusted());
        QCOMPARE(ProjectDocument::secretAccess(), SecretAccess::Denied);

        // Run from the sync's page: refused, with the reason; nothing sent.
        w.selectSync("s");
        SyncPage *page = w.syncPage();
        QVERIFY(page);
        QSignalSpy ended(page, &SyncPage::runEnded);
        QTest::mouseClick(button(page, QStringLiteral("Run")), Qt::LeftButton);
        QVERIFY(ended.wait(20000));
        QTest::qWait(1500); // the continuous schedule had its chance too
        QCOMPARE(hook.requestCount(), std::size_t(0));
        QString said;
        for (auto *label : page->findChildren<QLabel *>())
            said += label->text() + "\n";
        QVERIFY2(said.contains("this project is not trusted on this machine"), qPrintable(said));

        // Review and Trust: the dialog lists the host and the secret; Trust.
        QString reviewed;
        QTimer::singleShot(200, [&] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            if (auto *text = dialog->findChild<QPlainTextEdit *>())
                reviewed = text->toPlainText();
            if (auto *trust = dialog->findChild<QPushButton *>(QStringLiteral("trustThisProject")))
                trust->click();
        });
        QTest::mouseClick(banner->findChild<QPushButton *>(QStringLiteral("reviewAndTrust")), Qt::LeftButton);
        QVERIFY2(reviewed.contains(QString::fromStdString(hook.url())), qPrintable(reviewed));
        QVERIFY(reviewed.contains("${env:SLUICE_TST_APP_TOKEN}"));
        QVERIFY(!reviewed.contains("app-secret-token-42"));
        QVERIFY(w.document()->isTrusted());
        QVERIFY(!banner->isVisible());
        QCOMPARE(ProjectDocument::secretAccess(), SecretAccess::Allowed);

        // Now a run delivers, with the secret header.
        QTRY_VERIFY_WITH_TIMEOUT(hook.recordCount() == 2, 20000);
        QCOMPARE(hook.requests().front().header("X-Token"), std::string("app-secret-token-42"));
        w.setSchedulesEnabled(false);
    }
};

QTEST_MAIN(TstTrustFromApp)
#include "tst_trustfromapp.moc"

// The app and sluicectl on one project at the same time, as the README
// promises: the app holds the project open (its schedules running, a click on
// Protected, edits through the undo stack) while `sluicectl daemon` runs the
// same project's schedules beside it for a minute, and `sluicectl export`
// reads it. Afterwards the file is intact, every run of both is in the
// history, every edit is saved, and the -wal was never deleted from under the
// app. Before issue 20's fix the app held no lock on the file at all.

#include "document/projectdocument.h"
#include "document/protectedsync.h"
#include "jobs/projectscheduler.h"
#include "shell/mainwindow.h"
#include "syncpages/synceditor.h"
#include "syncpages/syncsettingspage.h"

#include "demo/demoproject.h"
#include "project/projectstore.h"
#include "project/runrecorder.h"
#include "project/statestore.h"
#include "sharedfile.h"
#include "testsupport.h"

#include <QCheckBox>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <set>
#include <sqlite3.h>
#include <unistd.h>

using namespace sluice;
using namespace sluice::ui;
using nlohmann::json;

namespace {

// What `sluicectl export` reads now; fails the test when it cannot.
json exported(const QString &path)
{
    const test::CliResult r = test::runSluicectl({"export", path, "-"});
    if (r.exitCode != 0)
        qWarning("sluicectl export failed (exit %d): %s", r.exitCode, r.err.constData());
    return r.exitCode == 0 ? json::parse(r.out.toStdString(), nullptr, false) : json();
}

} // namespace

class TstAppBesideDaemon : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName("SluiceTests");
        setProtectedConfirmer([](QWidget *, const QString &, const QString &) { return true; });
    }

    void appAndDaemonShareTheProjectForAMinute()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("shared.sluice");
        QVERIFY(createDemoProject(path.toStdString(), 300));
        {
            auto store = ProjectStore::open(path.toStdString());
            auto config = (*store)->load();
            for (auto &s : config->syncs)
                s.settings["schedule"] = {{"type", "continuous"}, {"seconds", s.name == "user_360_to_file" ? 2 : 3}};
            QVERIFY((*store)->save(*config));
        }

        MainWindow w;
        w.scheduler()->setIntervals(50, 500);
        w.setSchedulesEnabled(true);
        std::set<qint64> appRuns;
        connect(&w, &MainWindow::scheduledRunFinished, &w,
                [&](const QString &, qint64 runId) { appRuns.insert(runId); });
        QVERIFY(w.openProject(path, false));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY2(!test::locksHeldOn(path, ::getpid()).isEmpty(),
                 "the app holds no lock on the project it has open (/proc/locks)");
        test::WalWatcher wal(path);
        QVERIFY2(wal.start(), qPrintable(wal.problem()));

        QProcess daemon;
        daemon.start(qEnvironmentVariable("SLUICECTL"), {"daemon", path});
        QVERIFY(daemon.waitForStarted(10000));

        // Protected, ticked in the app, is what sluicectl export reads.
        QVERIFY(w.selectItem("sync:contacts_to_crm_table#settings"));
        SyncEditor *editor = w.currentSyncEditor();
        QVERIFY(editor);
        auto *protect = editor->settingsPage()->findChild<QCheckBox *>("protected");
        QVERIFY(protect);
        // On its box: the check box may be far wider than its text.
        QTest::mouseClick(protect, Qt::LeftButton, {}, QPoint(protect->height() / 2, protect->height() / 2));
        QVERIFY(protect->isChecked());
        bool seenProtected = false;
        const json before = exported(path);
        for (const json &s : before["syncs"])
            if (s["name"] == "contacts_to_crm_table")
                seenProtected = s["settings"].value("protected", false);
        QVERIFY2(seenProtected,
                 ("sluicectl export does not see Protected ticked in the app: " + before.dump()).c_str());

        // A minute of both running schedules, the app editing every 2 s.
        QStringList edits;
        QElapsedTimer clock;
        clock.start();
        int n = 0;
        while (clock.elapsed() < 60000) {
            const QString text = QString("edit %1").arg(++n);
            QVERIFY2(w.document()->edit("Edit description",
                                        [&](ProjectConfig &c) {
                                            for (auto &m : c.models)
                                                if (m.name == "user_360")
                                                    m.description = text.toStdString();
                                        }),
                     qPrintable(text));
            edits << text;
            QTest::qWait(2000);
        }

        daemon.terminate(); // SIGTERM: the daemon finishes its runs and stops
        QVERIFY(daemon.waitForFinished(30000));
        QCOMPARE(daemon.exitCode(), 0);
        w.setSchedulesEnabled(false);
        QVERIFY(!w.scheduler()->isRunning());
        wal.stop();
        QVERIFY2(wal.problem().isEmpty(), qPrintable(wal.problem()));

        std::set<qint64> daemonRuns;
        static const QRegularExpression line(R"( run (\d+) of sync ')");
        const QString out = QString::fromUtf8(daemon.readAllStandardOutput());
        for (auto it = line.globalMatch(out); it.hasNext();)
            daemonRuns.insert(it.next().captured(1).toLongLong());
        QVERIFY2(daemonRuns.size() >= 5, qPrintable(out + daemon.readAllStandardError()));
        QVERIFY2(appRuns.size() >= 5, qPrintable(QString("the app made %1 scheduled runs").arg(appRuns.size())));

        std::set<qint64> expected = appRuns;
        expected.insert(daemonRuns.begin(), daemonRuns.end());
        QCOMPARE(expected.size(), appRuns.size() + daemonRuns.size());
        std::set<qint64> inHistory;
        {
            auto state = StateStore::open(path.toStdString());
            QVERIFY(state);
            auto runs = RunRecorder::runs((*state)->handle(), "", 100000);
            QVERIFY(runs);
            for (const RunRecord &r : *runs) {
                inHistory.insert(r.id);
                QVERIFY2(r.status == "succeeded", (std::to_string(r.id) + " " + r.status + " " + r.error).c_str());
            }
        }
        QCOMPARE(inHistory, expected);

        // Every edit saved: the last one is what sluicectl reads, and each is a revision.
        std::string description;
        const json after = exported(path);
        QVERIFY(after.is_object());
        for (const json &m : after["models"])
            if (m["name"] == "user_360")
                description = m.value("description", "");
        QCOMPARE(QString::fromStdString(description), edits.last());
        auto revisions = w.document()->store()->revisions("model", "user_360");
        QVERIFY(revisions);
        QSet<QString> revised;
        for (const Revision &r : *revisions)
            revised.insert(QString::fromStdString(json::parse(r.document).value("description", "")));
        for (const QString &e : edits)
            QVERIFY2(revised.contains(e), qPrintable("edit not in the history: " + e));

        w.document()->close();
        QCOMPARE(test::integrityOf(path), std::string("ok"));
    }
};

QTEST_MAIN(TstAppBesideDaemon)
#include "tst_appbesidedaemon.moc"

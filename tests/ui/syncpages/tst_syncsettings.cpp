// A sync's settings page and configuration history as a user meets them:
// edits in the form land in the project file as the engine reads them, undo
// and redo round-trip them, a protected sync asks first, and an older
// version comes back from the history (itself undoable).

#include "alertrules/alertruledialog.h"
#include "alertrules/alertrulesmodel.h"
#include "alertrules/mailserverdialog.h"
#include "document/confighistorymodel.h"
#include "document/projectdocument.h"
#include "document/protectedsync.h"
#include "shell/mainwindow.h"
#include "syncpages/confighistorypage.h"
#include "syncpages/scheduleeditor.h"
#include "syncpages/synceditor.h"
#include "syncpages/syncsettingspage.h"

#include "demo/demoproject.h"
#include "project/projectstore.h"
#include "schedule/cronexpr.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFrame>
#include <QGroupBox>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStyle>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace sluice;
using namespace sluice::ui;
using nlohmann::json;

// nlohmann::json does not go through QCOMPARE (its conversions confuse
// QTest's overloads): compare, and print both sides on failure.
#define JSON_COMPARE(actual, expected)                                                                                 \
    do {                                                                                                               \
        const json a_ = (actual), e_ = (expected);                                                                     \
        QVERIFY2(a_ == e_, ("got " + a_.dump() + ", expected " + e_.dump()).c_str());                                  \
    } while (false)

namespace {

const char *const kSync = "contacts_to_crm_table";

// The sync as the project file holds it now (a connection of its own).
SyncDef savedSync(const QString &path)
{
    auto store = ProjectStore::open(path.toStdString());
    if (!store)
        return {};
    auto config = (*store)->load();
    if (!config)
        return {};
    for (const auto &s : config->syncs)
        if (s.name == kSync)
            return s;
    return {};
}

int savedRevisions(const QString &path)
{
    auto store = ProjectStore::open(path.toStdString());
    auto revisions = store ? (*store)->revisions("sync", kSync) : Result<std::vector<Revision>>();
    return revisions ? int(revisions->size()) : -1;
}

// Clicks a widget of the page as a user does: scrolled into view first (the
// page scrolls to the field being typed in, which may hide another), and a
// check box on its box (it may be far wider than its text). No events are
// processed before the click: a test's pending timers wait for the dialog
// the click opens.
void click(QWidget *w)
{
    for (QWidget *p = w->parentWidget(); p; p = p->parentWidget())
        if (auto *scroll = qobject_cast<QScrollArea *>(p)) {
            scroll->ensureWidgetVisible(w);
            break;
        }
    const QPoint at = qobject_cast<QCheckBox *>(w) ? QPoint(w->height() / 2, w->height() / 2) : w->rect().center();
    QTest::mouseClick(w, Qt::LeftButton, {}, at);
}

// Replaces a text field's content the way a user does: select all, type.
void typeInto(QWidget *w, const QString &text)
{
    w->setFocus();
    QTest::keyClick(w, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(w, text);
}

} // namespace

class TstSyncSettings : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_asked = 0;
    bool m_answer = true;

    SyncSettingsPage *openSettings(MainWindow &w)
    {
        if (!w.selectItem(QStringLiteral("sync:%1#settings").arg(kSync)))
            return nullptr;
        SyncEditor *editor = w.currentSyncEditor();
        return editor ? editor->settingsPage() : nullptr;
    }

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName("SluiceTests");
        setProtectedConfirmer([this](QWidget *, const QString &, const QString &) {
            ++m_asked;
            return m_answer;
        });
    }

    void init()
    {
        forgetProtectedConfirmations();
        m_asked = 0;
        m_answer = true;
    }

    void formEditsReachTheProjectFileAndUndo()
    {
        const QString path = m_dir.filePath("settings.sluice");
        QVERIFY(createDemoProject(path.toStdString(), 200));
        const SyncDef original = savedSync(path);
        JSON_COMPARE(original.settings, json({{"batchSize", 500}}));

        MainWindow w;
        w.show();
        QVERIFY(w.openProject(path, false));
        SyncSettingsPage *page = openSettings(w);
        QVERIFY(page);
        QVERIFY(page->isVisible());
        QCOMPARE(w.currentSyncEditor()->pages()->tabText(w.currentSyncEditor()->pages()->currentIndex()),
                 QString("Settings"));
        QTRY_VERIFY(page->destinationFactsKnown());
        QUndoStack *undo = w.document()->undoStack();
        const int steps = undo->count();

        // Batch size: typed, so one undo step for the whole number.
        auto *batch = page->findChild<QDoubleSpinBox *>("batchSize");
        QVERIFY(batch);
        QCOMPARE(batch->value(), 500.0);
        const int revisionsBefore = savedRevisions(path);
        typeInto(batch, "250");
        JSON_COMPARE(savedSync(path).settings["batchSize"], json(250));
        QCOMPARE(undo->count(), steps + 1);
        // Three keystrokes, one undo step and one version in the history.
        QCOMPARE(savedRevisions(path), revisionsBefore + 1);
        QCOMPARE(undo->text(undo->count() - 1), QString("Set batch size of %1 to 250 records").arg(kSync));

        // Schedule: every 30 minutes.
        auto *type = page->findChild<QComboBox *>("scheduleType");
        auto *minutes = page->findChild<QSpinBox *>("intervalMinutes");
        QVERIFY(type && minutes);
        type->setCurrentIndex(1);
        JSON_COMPARE(savedSync(path).settings["schedule"], json({{"type", "interval"}, {"minutes", 60}}));
        typeInto(minutes, "30");
        JSON_COMPARE(savedSync(path).settings["schedule"], json({{"type", "interval"}, {"minutes", 30}}));
        QCOMPARE(undo->count(), steps + 3);
        // Never ran: due now, then every 30 minutes.
        const auto &next = page->scheduleEditor()->nextRuns();
        QCOMPARE(int(next.size()), 3);
        QCOMPARE(next[1] - next[0], std::chrono::system_clock::duration(std::chrono::minutes(30)));
        QCOMPARE(next[2] - next[1], std::chrono::system_clock::duration(std::chrono::minutes(30)));

        // A cron expression with a mistake is named and not saved; the fixed one is.
        auto *cron = page->findChild<QLineEdit *>("cronExpression");
        QVERIFY(cron);
        type->setCurrentIndex(2);
        JSON_COMPARE(savedSync(path).settings["schedule"], json({{"type", "cron"}, {"expression", "0 * * * *"}}));
        typeInto(cron, "0 25 * * *");
        QCOMPARE(page->scheduleEditor()->problem(), QString("cron field 2 (hour): '25' is out of range 0-23"));
        QVERIFY(page->scheduleEditor()->statusText().contains("out of range 0-23"));
        JSON_COMPARE(savedSync(path).settings["schedule"]["expression"], json("0 * * * *"));
        typeInto(cron, "30 6 * * 1-5");
        QVERIFY(page->scheduleEditor()->problem().isEmpty());
        JSON_COMPARE(savedSync(path).settings["schedule"], json({{"type", "cron"}, {"expression", "30 6 * * 1-5"}}));
        auto expr = CronExpr::parse("30 6 * * 1-5");
        QVERIFY(expr);
        const auto &cronRuns = page->scheduleEditor()->nextRuns();
        QCOMPARE(int(cronRuns.size()), 3);
        for (std::size_t i = 0; i < cronRuns.size(); ++i) {
            QVERIFY(expr->matches(std::chrono::floor<std::chrono::seconds>(cronRuns[i])));
            if (i > 0)
                QCOMPARE(expr->nextAfter(std::chrono::floor<std::chrono::seconds>(cronRuns[i - 1])),
                         std::optional(std::chrono::floor<std::chrono::seconds>(cronRuns[i])));
        }
        QVERIFY(page->scheduleEditor()->statusText().startsWith("Next runs: "));
        const int afterCron = undo->count();

        // Protected: a click, saved; the settings lock until the user
        // chooses to edit them (asked once per session), so no keystroke
        // goes to a question instead of the field.
        auto *protect = page->findChild<QCheckBox *>("protected");
        QVERIFY(protect);
        click(protect);
        JSON_COMPARE(savedSync(path).settings["protected"], json(true));
        QCOMPARE(m_asked, 0); // it was not protected yet
        auto *concurrency = page->findChild<QDoubleSpinBox *>("concurrency");
        QVERIFY(concurrency);
        auto *lockBar = page->findChild<QFrame *>("protectedLock");
        auto *unlock = page->findChild<QPushButton *>("unlockProtected");
        QVERIFY(lockBar && unlock);
        QVERIFY(lockBar->isVisible());
        QVERIFY(!concurrency->isEnabled());
        QVERIFY(!batch->isEnabled());
        typeInto(concurrency, "1"); // a locked field takes no typing
        QVERIFY(!savedSync(path).settings.contains("concurrency"));
        QCOMPARE(m_asked, 0);
        m_answer = false;
        click(unlock);
        QCOMPARE(m_asked, 1);
        QVERIFY(lockBar->isVisible());
        QVERIFY(!concurrency->isEnabled());
        m_answer = true;
        click(unlock);
        QCOMPARE(m_asked, 2);
        QVERIFY(!lockBar->isVisible());
        QVERIFY(concurrency->isEnabled());
        typeInto(concurrency, "1");
        QCOMPARE(m_asked, 2);
        JSON_COMPARE(savedSync(path).settings["concurrency"], json(1));
        typeInto(batch, "50"); // every keystroke reaches the field
        JSON_COMPARE(savedSync(path).settings["batchSize"], json(50));
        QCOMPARE(batch->value(), 50.0);
        auto *attempts = page->findChild<QDoubleSpinBox *>("maxAttempts");
        typeInto(attempts, "3");
        QCOMPARE(m_asked, 2); // agreed once for this session
        JSON_COMPARE(savedSync(path).settings["maxAttempts"], json(3));
        // Mirror mode asks again, every time.
        auto *mode = page->findChild<QComboBox *>("mode");
        QVERIFY(mode);
        m_answer = false;
        mode->setCurrentIndex(3);
        emit mode->activated(3);
        QCOMPARE(m_asked, 3);
        QCOMPARE(savedSync(path).mode, std::string("upsert"));
        QCOMPARE(mode->currentData().toString(), QString("upsert"));
        m_answer = true;
        mode->setCurrentIndex(3);
        emit mode->activated(3);
        QCOMPARE(m_asked, 4);
        QCOMPARE(savedSync(path).mode, std::string("mirror"));
        const SyncDef edited = savedSync(path);
        QCOMPARE(undo->count(), afterCron + 5); // protect, concurrency, batch size, attempts, mode

        // Undo everything: the file and the form are as they were; redo: as edited.
        while (undo->canUndo() && undo->count() > steps && undo->index() > steps)
            undo->undo();
        QVERIFY(savedSync(path) == original);
        QCOMPARE(batch->value(), 500.0);
        QCOMPARE(type->currentIndex(), 0);
        QVERIFY(!protect->isChecked());
        QCOMPARE(mode->currentData().toString(), QString("upsert"));
        while (undo->canRedo())
            undo->redo();
        QVERIFY(savedSync(path) == edited);
        QCOMPARE(batch->value(), 50.0);
        QCOMPARE(cron->text(), QString("30 6 * * 1-5"));
        QVERIFY(protect->isChecked());
        QCOMPARE(mode->currentData().toString(), QString("mirror"));
    }

    void alertRulesThroughTheDialog()
    {
        const QString path = m_dir.filePath("alerts.sluice");
        QVERIFY(createDemoProject(path.toStdString(), 200));
        MainWindow w;
        w.show();
        QVERIFY(w.openProject(path, false));
        SyncSettingsPage *page = openSettings(w);
        QVERIFY(page);
        QCOMPARE(page->alertRules()->rowCount(), 0);

        // Add… opens the dialog; a user fills it in and presses OK.
        QString dialogError;
        QTimer::singleShot(0, this, [&] {
            auto *d = qobject_cast<AlertRuleDialog *>(QApplication::activeModalWidget());
            QVERIFY(d);
            d->findChild<QLineEdit *>("ruleName")->setText("bad rows");
            auto *when = d->findChild<QComboBox *>("ruleCondition");
            when->setCurrentIndex(when->findData("rejected_share_over"));
            d->findChild<QDoubleSpinBox *>("ruleThreshold")->setValue(7.5);
            // Own channels: an e-mail without a mail server is refused by the engine.
            d->findChild<QCheckBox *>("ruleUsesDefaultChannels")->setChecked(false);
            d->findChild<QLineEdit *>("channelEmails")->setText("ops@example.com");
            d->accept();
            dialogError = d->errorText();
            QVERIFY(d->isVisible());
            // Mail Server… from the rule dialog: set up there, and the rule
            // typed so far stays as it is.
            QTimer::singleShot(0, this, [&] {
                auto *m = qobject_cast<MailServerDialog *>(QApplication::activeModalWidget());
                QVERIFY(m);
                m->findChild<QLineEdit *>("smtpUrl")->setText("smtp://127.0.0.1:2525");
                m->findChild<QLineEdit *>("smtpFrom")->setText("sluice@example.com");
                m->accept();
            });
            QTest::mouseClick(d->findChild<QPushButton *>("ruleMailServer"), Qt::LeftButton);
            QCOMPARE(d->findChild<QLineEdit *>("channelEmails")->text(), QString("ops@example.com"));
            QVERIFY2(d->errorText().isEmpty(), qPrintable(d->errorText()));
            d->accept();
        });
        QPushButton *add = page->findChild<QPushButton *>("addAlertRule");
        QVERIFY(add);
        click(add);
        QCOMPARE(
            dialogError,
            QString("E-mail needs a mail server: press Mail Server… to set one up (its URL and sender at least)."));
        JSON_COMPARE(savedSync(path).settings["smtp"]["url"], json("smtp://127.0.0.1:2525"));
        const json saved = savedSync(path).settings["alerts"];
        QCOMPARE(saved.size(), std::size_t(1));
        QCOMPARE(saved[0]["name"].get<std::string>(), std::string("bad rows"));
        QVERIFY2(saved[0]["notify"].dump().find("ops@example.com") != std::string::npos, saved.dump().c_str());
        QCOMPARE(page->alertRules()->rowCount(), 1);
        QCOMPARE(page->alertRules()->index(0, AlertRulesModel::Condition).data().toString(),
                 QString("More than 7.5 % of the records sent rejected"));

        // The engine's checks apply here too: a second rule of the same name is refused.
        QString error;
        QVERIFY(!page->setAlertRule(-1, json{{"name", "bad rows"}, {"when", "run_failed"}}, &error));
        QCOMPARE(error, QString("sync 'contacts_to_crm_table': settings.alerts[1].name: another rule of this sync is "
                                "already named 'bad rows'"));
        QVERIFY(page->setAlertRule(
            -1, json{{"name", "stale"}, {"level", "fatal"}, {"when", "no_success_for"}, {"minutes", 180}}));
        QCOMPARE(page->alertRules()->rowCount(), 2);
        JSON_COMPARE(savedSync(path).settings["alerts"].size(), std::size_t(2));
        QVERIFY(page->removeAlertRule(0));
        JSON_COMPARE(savedSync(path).settings["alerts"],
                     json::parse(R"([{"name":"stale","level":"fatal","when":"no_success_for","minutes":180}])"));
        w.document()->undoStack()->undo();
        JSON_COMPARE(savedSync(path).settings["alerts"].size(), std::size_t(2));
        QCOMPARE(page->alertRules()->rowCount(), 2);
    }

    // Narrow, the two columns stack: no sideways scrolling and no gap between
    // the groups; wide, they stand side by side again.
    void narrowPageStacksItsGroups()
    {
        const QString path = m_dir.filePath("narrow.sluice");
        QVERIFY(createDemoProject(path.toStdString(), 50));
        MainWindow w;
        w.resize(1600, 900);
        w.show();
        QVERIFY(w.openProject(path, false));
        SyncSettingsPage *page = openSettings(w);
        QVERIFY(page);
        auto group = [page](const QString &title) {
            for (QGroupBox *g : page->findChildren<QGroupBox *>())
                if (g->title() == title)
                    return g;
            return static_cast<QGroupBox *>(nullptr);
        };
        QGroupBox *detection = group("Change detection"), *delivery = group("Delivery");
        QVERIFY(detection && delivery);
        auto *scroll = page->findChild<QScrollArea *>();
        QTRY_VERIFY(delivery->mapTo(page, QPoint()).x() > detection->mapTo(page, QPoint()).x()); // side by side

        w.resize(820, 900);
        QTRY_VERIFY(delivery->mapTo(page, QPoint()).y() > detection->mapTo(page, QPoint()).y()); // stacked
        QCOMPARE(scroll->horizontalScrollBar()->maximum(), 0);
        const int gap
            = delivery->mapTo(page, QPoint()).y() - detection->mapTo(page, QPoint(0, detection->height())).y();
        QVERIFY2(gap >= 0 && gap <= 3 * page->style()->pixelMetric(QStyle::PM_LayoutVerticalSpacing) + 12,
                 qPrintable(QString("a gap of %1 px between the groups").arg(gap)));

        w.resize(1600, 900);
        QTRY_VERIFY(delivery->mapTo(page, QPoint()).x() > detection->mapTo(page, QPoint()).x());
    }

    void historyListsRevisionsAndRestores()
    {
        const QString path = m_dir.filePath("history.sluice");
        QVERIFY(createDemoProject(path.toStdString(), 200));
        const SyncDef original = savedSync(path);
        MainWindow w;
        w.show();
        QVERIFY(w.openProject(path, false));
        SyncSettingsPage *page = openSettings(w);
        QVERIFY(page);
        QTRY_VERIFY(page->destinationFactsKnown());
        // Three saved changes: batch size (one click of the arrow), protected, mode.
        auto *batch = page->findChild<QDoubleSpinBox *>("batchSize");
        batch->stepBy(1);
        JSON_COMPARE(savedSync(path).settings["batchSize"], json(501));
        click(page->findChild<QCheckBox *>("protected"));
        auto *mode = page->findChild<QComboBox *>("mode");
        mode->setCurrentIndex(1);
        emit mode->activated(1);
        QCOMPARE(m_asked, 1); // the mode change, on a protected sync
        const SyncDef edited = savedSync(path);
        QCOMPARE(edited.mode, std::string("insert"));

        QVERIFY(w.currentSyncEditor()->showPage("history"));
        ConfigHistoryPage *history = w.currentSyncEditor()->historyPage();
        QVERIFY(history->isVisible());
        QTRY_VERIFY(!history->isLoading() && history->model()->rowCount() > 0);
        // Created, then three changes; newest first.
        QCOMPARE(savedRevisions(path), 4);
        ConfigHistoryModel *model = history->model();
        QCOMPARE(model->rowCount(), 4);
        QCOMPARE(model->summary(0), QString("mode upsert → insert"));
        QCOMPARE(model->summary(1), QString("protected"));
        QCOMPARE(model->summary(2), QString("batch size 500 → 501"));
        QCOMPARE(model->summary(3), QString("created"));
        QVERIFY(model->isCurrent(0));
        QVERIFY(model->index(0, ConfigHistoryModel::Change).data().toString().endsWith("(current)"));
        // The version before the current one is shown first, with its difference highlighted.
        QCOMPARE(history->table()->currentIndex().row(), 1);
        QVERIFY(history->selectedText().contains("\"mode\": \"upsert\""));
        QVERIFY(history->currentText().contains("\"mode\": \"insert\""));
        QCOMPARE(history->diff().changedLeft(), 1);
        QCOMPARE(history->diff().changedRight(), 1);
        QVERIFY(history->restoreButton()->isEnabled());

        // "What did this version change?": the version before it on the left.
        QComboBox *compare = history->comparisonBox();
        compare->setFocus();
        QTest::keyClick(compare, Qt::Key_Down); // the second choice, as the keyboard picks it
        QCOMPARE(compare->currentIndex(), 1);
        history->table()->selectRow(2);
        QVERIFY(history->leftText().contains("\"batchSize\": 500"));
        QVERIFY(history->rightText().contains("\"batchSize\": 501"));
        QCOMPARE(history->selectedText(), history->rightText());
        QCOMPARE(history->diff().changedLeft(), 1);
        QCOMPARE(history->diff().changedRight(), 1);
        history->table()->selectRow(3); // the first version: nothing before it
        QCOMPARE(history->leftText(), QString());
        QCOMPARE(history->diff().changedLeft(), 0);
        QCOMPARE(history->diff().changedRight(), int(history->rightText().split('\n').size()));
        history->setComparison(ConfigHistoryPage::Comparison::WithCurrent);
        history->table()->selectRow(1);
        QVERIFY(history->leftText().contains("\"mode\": \"upsert\""));
        QVERIFY(history->rightText().contains("\"mode\": \"insert\""));

        // Restore the first version: its settings come back (asked: the sync is protected now).
        history->table()->selectRow(3);
        QVERIFY(history->restoreButton()->isEnabled());
        QTest::mouseClick(history->restoreButton(), Qt::LeftButton);
        QVERIFY(savedSync(path) == original);
        QCOMPARE(m_asked, 1); // agreed to edit this sync already in this session
        QCOMPARE(page->findChild<QDoubleSpinBox *>("batchSize")->value(), 500.0);
        QTRY_VERIFY(!history->isLoading() && model->rowCount() == 5);
        QCOMPARE(model->summary(0), QString("mode insert → upsert; batch size 501 → 500; no longer protected"));
        QVERIFY(model->isCurrent(0));
        QVERIFY(model->isCurrent(4)); // the first version is the current one again
        QCOMPARE(w.document()->undoStack()->text(w.document()->undoStack()->index() - 1).left(28),
                 QString("Restore %1").arg(kSync).left(28));
        // The restore is itself one undoable step.
        w.document()->undoStack()->undo();
        QVERIFY(savedSync(path) == edited);
        QCOMPARE(page->findChild<QDoubleSpinBox *>("batchSize")->value(), 501.0);
        w.document()->undoStack()->redo();
        QVERIFY(savedSync(path) == original);
    }
};

QTEST_MAIN(TstSyncSettings)
#include "tst_syncsettings.moc"

// The main window as a user meets it: open the demo project, pick a model in
// the explorer, see its rows (loaded off the GUI thread), cancel a slow one.

#include "canvas/mappingeditor.h"
#include "canvas/mappingview.h"
#include "canvas/stepeditor.h"
#include "connections/settingsform.h"
#include "document/projectdocument.h"
#include "document/projectedits.h"
#include "jobs/enginebridge.h"
#include "jobs/projectscheduler.h"
#include "modeleditor/modeleditor.h"
#include "modeleditor/previewtablemodel.h"
#include "runs/joblogmodel.h"
#include "runs/joblogview.h"
#include "runs/runhistorymodel.h"
#include "shell/mainwindow.h"
#include "shell/newitemdialog.h"
#include "shell/projecttreemodel.h"
#include "shell/readablepalette.h"
#include "shell/welcomepage.h"
#include "syncpages/synceditor.h"
#include "syncpages/syncmappingpage.h"
#include "syncpages/syncpage.h"
#include "testsupport.h"

#include "demo/demoproject.h"
#include "project/projectstore.h"
#include "project/runrecorder.h"
#include "project/statestore.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>

using namespace sluice;
using namespace sluice::ui;

class TstMainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_project;

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName("SluiceTests");
        m_project = m_dir.filePath("demo.sluice");
        auto r = createDemoProject(m_project.toStdString(), 1000);
        QVERIFY2(r, r ? "" : r.error().describe().c_str());
    }

    void opensProjectAndPreviewsFirstModel()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openProject(m_project, false));
        QSignalSpy finished(w.engine(), &EngineBridge::previewFinished);
        ProjectTreeModel *tree = w.projectTreeModel();
        QCOMPARE(tree->rowCount(), 4);
        QCOMPARE(tree->index(0, 0).data().toString(), QString("Sources"));
        QCOMPARE(tree->rowCount(tree->index(1, 0)), 3);
        QCOMPARE(tree->index(0, 0, tree->index(1, 0)).data().toString(), QString("hubspot_contacts"));
        QVERIFY(w.windowTitle().startsWith("demo.sluice"));
        // Opening lands on the first model and previews it.
        QVERIFY(finished.wait(10000));
        QCOMPARE(w.previewModel()->rowCount(), 100);
        QCOMPARE(w.previewModel()->columnCount(), 5);
        QCOMPARE(w.previewModel()->headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(), QString("email"));
        QVERIFY(w.statusText().startsWith("100 rows (more available) in "));
        QVERIFY(w.errorText().isEmpty());
    }

    void clickingAModelPreviewsIt()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openProject(m_project, false));
        QSignalSpy finished(w.engine(), &EngineBridge::previewFinished);
        QVERIFY(finished.wait(10000));
        QTreeView *view = w.projectTree();
        const QModelIndex user360 = w.projectTreeModel()->indexOf(ProjectTreeModel::ItemKind::Model, "user_360");
        QVERIFY(user360.isValid());
        view->scrollTo(user360);
        const QRect rect = view->visualRect(user360);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        // The model opens in a tab of its own and previews there.
        QCOMPARE(w.editors()->count(), 2);
        QCOMPARE(w.editors()->tabText(w.editors()->currentIndex()), QString("user_360"));
        QSignalSpy finished360(w.engine(), &EngineBridge::previewFinished);
        QVERIFY(finished360.wait(10000));
        PreviewTableModel *rows = w.previewModel();
        QCOMPARE(rows->columnCount(), 15);
        QCOMPARE(rows->headerData(14, Qt::Horizontal, Qt::DisplayRole).toString(), QString("user_tier"));
        QCOMPARE(rows->rowCount(), 100);
        // Key column is marked; NULL cells say NULL.
        QVERIFY(rows->headerData(0, Qt::Horizontal, Qt::FontRole).value<QFont>().bold());
        QCOMPARE(rows->index(0, 0).data(PreviewTableModel::SortRole).toLongLong(), 1LL);
        bool sawNull = false;
        for (int r = 0; r < rows->rowCount(); ++r)
            sawNull |= rows->index(r, 4).data().toString() == "NULL"; // phone
        QVERIFY(sawNull);

        // Keyboard: Ctrl+C copies the selected cells as tab-separated text.
        QTableView *table = w.currentModelEditor()->previewTable();
        QCOMPARE(table->accessibleName(), QString("Preview rows"));
        table->setFocus();
        table->selectionModel()->select(QItemSelection(table->model()->index(0, 0), table->model()->index(0, 1)),
                                        QItemSelectionModel::Select);
        QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
        QVERIFY(QApplication::clipboard()->text().startsWith("1\t"));
    }

    void brokenModelShowsError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("broken.sluice");
        {
            auto store = ProjectStore::create(path.toStdString(), "broken");
            ProjectConfig c;
            c.name = "broken";
            c.sources.push_back(
                SourceDef{"wh", "sqlite", {{"path", m_dir.filePath("demo.warehouse.sqlite").toStdString()}}});
            c.models.push_back(ModelDef{"typo", "wh", "SELEC 1", {"id"}, ""});
            c.models.push_back(ModelDef{"nokey", "wh", "SELECT email FROM users", {"user_id"}, ""});
            QVERIFY((*store)->save(c));
        }
        MainWindow w;
        QVERIFY(w.openProject(path, false));
        w.selectModel("typo");
        QTRY_VERIFY(w.errorText().contains("syntax error"));
        QCOMPARE(w.statusText(), QString("Preview failed"));
        w.selectModel("nokey");
        QTRY_VERIFY(w.errorText().contains("primary key column 'user_id' is not in the model's result"));
        QCOMPARE(w.previewModel()->rowCount(), 100);
    }

    void previewCanBeCancelled()
    {
        EngineBridge bridge;
        QSignalSpy finished(&bridge, &EngineBridge::previewFinished);
        const SourceDef src{"wh", "sqlite", {{"path", "demo.warehouse.sqlite"}}};
        // A cross join that runs for minutes unless interrupted.
        const ModelDef slow{"slow", "wh", "SELECT count(*) AS n FROM orders a, orders b, orders c", {"n"}, ""};
        bridge.startPreview(src, slow, m_dir.path(), 10);
        QVERIFY(bridge.isBusy());
        QTest::qWait(200);
        bridge.cancelPreview();
        QVERIFY(finished.wait(10000));
        const auto outcome = finished.first().first().value<PreviewOutcome>();
        QVERIFY(outcome.cancelled);
        QVERIFY(outcome.error.isEmpty());
        QVERIFY(!bridge.isBusy());
    }

    void runsASyncWithLiveLogAndHistory()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openProject(m_project, false));
        w.selectSync("contacts_to_crm_table");
        SyncPage *page = w.syncPage();
        // A sync opens on its mapping; the runs are the next page.
        QVERIFY(w.currentSyncEditor()->showPage("runs"));
        QVERIFY(page->isVisible());
        QCOMPARE(page->history()->rowCount(), 0);
        QSignalSpy finished(page, &SyncPage::runFinished);
        QSignalSpy started(page, &SyncPage::runStarted);
        QPushButton *run = nullptr;
        for (auto *b : page->findChildren<QPushButton *>())
            if (b->text() == "Run")
                run = b;
        QVERIFY(run);
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QCOMPARE(started.count(), 1);
        QCOMPARE(finished.first().at(2).toString(), QString("succeeded"));
        // History: one run, 1000 delivered (the demo here has 1000 users).
        QCOMPARE(page->history()->rowCount(), 1);
        QCOMPARE(page->history()->index(0, RunHistoryModel::Delivered).data().toLongLong(), 1000LL);
        QCOMPARE(page->history()->index(0, RunHistoryModel::Status).data().toString(), QString("succeeded"));
        // The job log dock followed the run.
        JobLogModel *log = w.jobLog()->model();
        QCOMPARE(log->runId(), finished.first().at(1).toLongLong());
        QTRY_VERIFY(log->rowCount() >= 2);
        QVERIFY(log->index(log->rowCount() - 1, JobLogModel::Message)
                    .data()
                    .toString()
                    .startsWith("succeeded: 1000 queried"));
        // Level filter: no warnings in a clean run.
        w.jobLog()->filter()->setMinimumLevel(LogLevel::Warning);
        QCOMPARE(w.jobLog()->filter()->rowCount(), 0);
        w.jobLog()->filter()->setMinimumLevel(LogLevel::Debug);
        w.jobLog()->filter()->setSearchText("SUCCEEDED");
        QCOMPARE(w.jobLog()->filter()->rowCount(), 1);
        QVERIFY(log->toCsv().startsWith("time,level,batch,row_key,message\n"));

        // A second run: nothing changed.
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QCOMPARE(page->history()->rowCount(), 2);
        QCOMPARE(page->history()->index(0, RunHistoryModel::Delivered).data().toLongLong(), 0LL);
        QCOMPARE(page->history()->index(0, RunHistoryModel::Changed).data().toLongLong(), 0LL);
    }

    // The Sync menu owns Ctrl+R: it runs the sync shown from its mapping
    // page too (then shows its Runs page), and Ctrl+0 reaches the explorer
    // from the canvas (the canvas's Fit is Ctrl+9, no longer a rival key).
    void syncMenuKeysWorkFromEveryPage()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(w.openProject(m_project, false));
        w.selectSync("user_360_to_file");
        SyncEditor *editor = w.currentSyncEditor();
        QVERIFY(editor && editor->showPage("mapping"));
        SyncPage *page = editor->runsPage();
        QSignalSpy finished(page, &SyncPage::runFinished);
        QWidget *canvas = editor->mappingPage()->editor()->view();
        canvas->setFocus();
        QTRY_VERIFY(canvas->hasFocus());
        QTest::keyClick(canvas, Qt::Key_R, Qt::ControlModifier);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(2).toString(), QString("succeeded"));
        QCOMPARE(editor->pages()->currentWidget(), static_cast<QWidget *>(page));

        QVERIFY(editor->showPage("mapping"));
        canvas->setFocus();
        QTRY_VERIFY(canvas->hasFocus());
        QTest::keyClick(canvas, Qt::Key_0, Qt::ControlModifier);
        QTreeView *explorer = nullptr;
        for (auto *t : w.findChildren<QTreeView *>())
            if (t->accessibleName() == "Project explorer")
                explorer = t;
        QVERIFY(explorer);
        QTRY_VERIFY(explorer->hasFocus());

        // The menus name the keys, and the View menu no "Backtab".
        for (QAction *a : w.findChildren<QAction *>())
            QVERIFY2(!a->shortcut().toString().contains("Backtab"), qPrintable(a->text()));
    }

    // A dark palette whose placeholder text and outlines are nearly the
    // background's colour is made readable; a light one is left as it is.
    void darkPalettesStayReadable()
    {
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
        dark.setColor(QPalette::PlaceholderText, QColor(0x30, 0x30, 0x30));
        dark.setColor(QPalette::Mid, QColor(0x33, 0x33, 0x33));
        dark.setColor(QPalette::Dark, QColor(0x22, 0x22, 0x22));
        const QPalette fixed = readablePalette(dark);
        QVERIFY(std::abs(fixed.color(QPalette::PlaceholderText).lightness() - fixed.color(QPalette::Base).lightness())
                >= 80);
        for (QPalette::ColorRole outline : {QPalette::Mid, QPalette::Dark})
            QVERIFY2(std::abs(fixed.color(outline).lightness() - fixed.color(QPalette::Window).lightness()) >= 40,
                     qPrintable(fixed.color(outline).name()));
        QCOMPARE(fixed.color(QPalette::Text), dark.color(QPalette::Text));
        QPalette light;
        light.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
        light.setColor(QPalette::WindowText, Qt::black);
        light.setColor(QPalette::Base, Qt::white);
        light.setColor(QPalette::Text, Qt::black);
        light.setColor(QPalette::PlaceholderText, QColor(0x80, 0x80, 0x80));
        light.setColor(QPalette::Mid, QColor(0xa0, 0xa0, 0xa0));
        light.setColor(QPalette::Dark, QColor(0x60, 0x60, 0x60));
        QVERIFY(readablePalette(light) == light);
    }

    // With a model, a source and a sync open on each of its pages, the window
    // still fits a 1366x768 laptop with a taskbar and works at 1024x640: its
    // minimum size says so, and the mapping canvas keeps room at that size.
    void fitsSmallScreens()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openProject(m_project, false));
        QVERIFY(w.selectItem("source:warehouse"));
        QVERIFY(w.selectItem("model:user_360"));
        for (const char *page : {"runs", "settings", "rejected", "inspector", "history", "mapping"})
            QVERIFY(w.selectItem(QStringLiteral("sync:contacts_to_crm_table#%1").arg(page)));
        QCoreApplication::processEvents();
        const QSize minimum = w.minimumSizeHint().expandedTo(w.minimumSize());
        qInfo("minimum size %dx%d", minimum.width(), minimum.height());
        QVERIFY2(minimum.width() <= 1024 && minimum.height() <= 640,
                 qPrintable(QStringLiteral("%1x%2").arg(minimum.width()).arg(minimum.height())));
        w.resize(1024, 640);
        QTRY_COMPARE(w.size(), QSize(1024, 640));
        QWidget *canvas = w.currentSyncEditor()->mappingPage()->editor()->view()->viewport();
        QTRY_VERIFY2(canvas->height() >= 140, qPrintable(QString::number(canvas->height())));
        // Closing the job log (View > Job Log) gives the canvas its height.
        const int withLog = canvas->height();
        w.findChild<QDockWidget *>("jobLogDock")->close();
        QTRY_VERIFY2(canvas->height() >= withLog + 60, qPrintable(QString::number(canvas->height())));
    }

    void editsAreSavedAndUndoable()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("edit.sluice");
        QVERIFY(createDemoProject(path.toStdString(), 200));
        MainWindow w;
        w.show();
        QVERIFY(w.openProject(path, false));
        ProjectDocument *doc = w.document();
        QUndoStack *undo = doc->undoStack();
        QCOMPARE(undo->count(), 0);
        // Rename a model: its syncs and the customer schema follow, the tree
        // shows it, the file has it.
        QVERIFY(doc->edit("Rename", [](ProjectConfig &c) {
            QVERIFY(renameEntity(c, EntityKind::Model, "user_360", "people").isEmpty());
        }));
        QCOMPARE(undo->count(), 1);
        QVERIFY(w.projectTreeModel()->indexOf(ProjectTreeModel::ItemKind::Model, "people").isValid());
        {
            auto store = ProjectStore::open(path.toStdString());
            auto config = (*store)->load();
            int following = 0;
            for (const auto &s : config->syncs)
                following += s.name == "user_360_to_file" && s.model == "people";
            QCOMPARE(following, 1);
            QCOMPARE(config->customerSchema["parent"]["model"].get<std::string>(), std::string("people"));
            // The model the audiences stand on cannot be deleted from under them.
            ProjectConfig copy = *config;
            QCOMPARE(deleteEntity(copy, EntityKind::Model, "people"),
                     QString("'people' is used by sync user_360_to_file, the customer schema of the audiences; "
                             "delete or change those first."));
        }
        // A refused edit (a sync pointing at no model) is not saved and not pushed.
        QSignalSpy failed(doc, &ProjectDocument::editFailed);
        QTimer::singleShot(0, [] {
            for (auto *box : QApplication::topLevelWidgets())
                if (box->inherits("QMessageBox"))
                    box->close();
        });
        QVERIFY(!doc->edit("Break", [](ProjectConfig &c) { c.syncs.front().model = "nothing"; }));
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().first().toString().contains("nothing"));
        QCOMPARE(undo->count(), 1);
        // Typing merges: three edits with one merge key are one undo step.
        const std::string original = doc->config().models.front().description;
        for (const char *d : {"a", "ab", "abc"})
            QVERIFY(doc->edit(
                "Describe", [d](ProjectConfig &c) { c.models.front().description = d; }, "typing"));
        QCOMPARE(undo->count(), 2);
        undo->undo();
        QCOMPARE(doc->config().models.front().description, original);
        undo->undo();
        QVERIFY(w.projectTreeModel()->indexOf(ProjectTreeModel::ItemKind::Model, "user_360").isValid());
        {
            auto store = ProjectStore::open(path.toStdString());
            auto config = (*store)->load();
            for (const auto &s : config->syncs)
                QVERIFY(s.model != "people");
        }
        undo->redo();
        QVERIFY(doc->model("people"));
    }

    void welcomePageOpensTheDemoOnAMappedSync()
    {
        // Test mode keeps the demo out of the real user folder.
        QStandardPaths::setTestModeEnabled(true);
        const QString demoDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/demo";
        QDir(demoDir).removeRecursively();
        MainWindow w;
        w.show();
        QVERIFY(w.welcomePage()->isVisible());
        QTest::mouseClick(w.welcomePage()->demoButton(), Qt::LeftButton);
        QCOMPARE(w.projectPath(), demoDir + "/demo.sluice");
        QVERIFY(QFileInfo::exists(demoDir + "/demo.warehouse.sqlite"));
        QVERIFY(!w.welcomePage()->isVisible());
        QVERIFY(w.syncPage());
        QCOMPARE(w.syncPage()->syncName(), QString("contacts_to_file"));
        QVERIFY(w.statusText().startsWith("Demo project opened"));
        // Closing every tab brings the welcome page back, now listing the demo.
        while (w.editors()->count() > 0)
            w.closeCurrentEditor();
        QVERIFY(w.welcomePage()->isVisible());
        QVERIFY(w.welcomePage()->recentModel()->rowCount() >= 1);
        QCOMPARE(w.welcomePage()->recentModel()->index(0, 0).data(Qt::UserRole).toString(), demoDir + "/demo.sluice");
        QDir(demoDir).removeRecursively();
    }

    // A new, empty project filled from the app alone: a SQLite source, a
    // model on it, a JSON Lines destination and a sync, each through the
    // Project menu's dialog, each an undoable edit saved in the file.
    void buildsAPipelineInAnEmptyProject()
    {
        QTemporaryDir dir;
        // A warehouse to point the source at.
        const QString demo = dir.filePath("demo.sluice");
        QVERIFY(createDemoProject(demo.toStdString(), 50));
        const QString path = dir.filePath("empty.sluice");
        QVERIFY(ProjectStore::create(path.toStdString(), "empty"));
        MainWindow w;
        w.resize(1280, 860);
        w.show();
        QVERIFY(w.openProject(path, false));
        QUndoStack *undo = w.document()->undoStack();
        using K = ProjectTreeModel::ItemKind;

        // A model before any source: the dialog says what is missing first.
        NewItemDialog *first = w.addItem(int(K::Model));
        QVERIFY(first);
        QCOMPARE(first->problem(), QString("The project has no source yet: add a source first."));
        QVERIFY(!first->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
        first->reject();

        // Source: SQLite, its file typed into the form.
        NewItemDialog *source = w.addItem(int(K::Source));
        QVERIFY(source);
        QCOMPARE(source->windowTitle(), QString("Add a Source"));
        source->nameEdit()->setText("warehouse");
        source->kindCombo()->setCurrentIndex(source->kindCombo()->findData("sqlite"));
        // Required and not given yet: said with the form's label, not "$.sources[0].settings".
        QCOMPARE(source->problem(), QString("Database file is required."));
        auto *file = qobject_cast<QLineEdit *>(source->settingsForm()->editor("path"));
        QVERIFY(file);
        // Test before Add (Ctrl+T): a file that is not there, then the right one.
        QTest::keyClicks(file, "missing.sqlite");
        QTRY_VERIFY(source->isActiveWindow());
        QTest::keyClick(file, Qt::Key_T, Qt::ControlModifier);
        QTRY_VERIFY(!source->isTesting() && !source->testResult().isEmpty());
        QVERIFY2(source->testResult().contains("missing.sqlite") && !source->testResult().startsWith("OK"),
                 qPrintable(source->testResult()));
        file->selectAll();
        QTest::keyClick(file, Qt::Key_Backspace);
        QCOMPARE(source->testResult(), QString()); // about other settings: gone
        QTest::keyClicks(file, "demo.warehouse.sqlite");
        QCOMPARE(source->problem(), QString());
        QTest::mouseClick(source->testButton(), Qt::LeftButton);
        QTRY_VERIFY2(source->testResult().startsWith("OK: "), qPrintable(source->testResult()));
        if (const QString out = qEnvironmentVariable("SLUICE_SCREENSHOTS"); !out.isEmpty())
            QVERIFY(source->grab().save(out + "/add-source.png")); // docs/add-source.png
        QTest::mouseClick(source->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QCOMPARE(undo->count(), 1);
        QCOMPARE(undo->text(0), QString("Add warehouse"));
        QVERIFY(w.connectionPage()); // its editor opened
        QVERIFY(w.projectTreeModel()->indexOf(K::Source, "warehouse").isValid());

        // A second source by the same name is refused, naming it.
        NewItemDialog *again = w.addItem(int(K::Source));
        again->nameEdit()->setText("warehouse");
        QCOMPARE(again->problem(), QString("The name 'warehouse' is already used."));
        again->reject();

        // Model: SQL and key.
        NewItemDialog *model = w.addItem(int(K::Model));
        model->nameEdit()->setText("warehouse");
        QVERIFY(!model->problem().contains("already used")); // models and sources have their own names
        model->nameEdit()->setText("people");
        QCOMPARE(model->sourceCombo()->currentText(), QString("warehouse"));
        QCOMPARE(model->problem(), QString("Enter the primary key: the column (or columns) that identify a row."));
        QTest::keyClicks(model->keyEdit(), "user_id");
        QCOMPARE(model->problem(), QString("Enter the model's SQL."));
        QTest::keyClicks(model->sqlEdit(), "SELECT user_id, email FROM users");
        QCOMPARE(model->problem(), QString());
        model->accept();
        QCOMPARE(undo->count(), 2);
        QVERIFY(w.currentModelEditor());

        // Destination: a JSON Lines file.
        NewItemDialog *destination = w.addItem(int(K::Destination));
        destination->nameEdit()->setText("people_file");
        destination->kindCombo()->setCurrentIndex(destination->kindCombo()->findData("jsonl"));
        QTest::keyClicks(qobject_cast<QLineEdit *>(destination->settingsForm()->editor("path")), "people.jsonl");
        QCOMPARE(destination->problem(), QString());
        destination->accept();
        QCOMPARE(undo->count(), 3);

        // Sync: model, destination, mode.
        NewItemDialog *sync = w.addItem(int(K::Sync));
        QVERIFY(sync->nameEdit()->text() == "sync1");
        sync->nameEdit()->setText("people_to_file");
        QCOMPARE(sync->modelCombo()->currentText(), QString("people"));
        QCOMPARE(sync->destinationCombo()->currentText(), QString("people_file"));
        sync->modeCombo()->setCurrentIndex(sync->modeCombo()->findData("mirror"));
        sync->accept();
        QCOMPARE(undo->count(), 4);
        QVERIFY(w.currentSyncEditor());

        // In the file, exactly as entered.
        {
            auto store = ProjectStore::open(path.toStdString());
            QVERIFY(store);
            auto config = (*store)->load();
            QVERIFY(config);
            QCOMPARE(int(config->sources.size()), 1);
            QCOMPARE(QString::fromStdString(config->sources[0].kind), QString("sqlite"));
            QCOMPARE(QString::fromStdString(config->sources[0].settings.value("path", "")),
                     QString("demo.warehouse.sqlite"));
            QCOMPARE(QString::fromStdString(config->models[0].sql), QString("SELECT user_id, email FROM users"));
            QCOMPARE(int(config->models[0].primaryKey.size()), 1);
            QCOMPARE(QString::fromStdString(config->destinations[0].kind), QString("jsonl"));
            QCOMPARE(QString::fromStdString(config->syncs[0].model), QString("people"));
            QCOMPARE(QString::fromStdString(config->syncs[0].mode), QString("mirror"));
        }
        // Undo takes the sync away again; redo brings it back.
        undo->undo();
        QVERIFY(!w.projectTreeModel()->indexOf(K::Sync, "people_to_file").isValid());
        undo->redo();
        QVERIFY(w.projectTreeModel()->indexOf(K::Sync, "people_to_file").isValid());
    }

    // A sync with a schedule runs while the project is open: due at once
    // (it never ran), once, its run in the history; schedules off: no run.
    void runsScheduledSyncsWhileOpen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("scheduled.sluice");
        QVERIFY(createDemoProject(path.toStdString(), 100));
        {
            auto store = ProjectStore::open(path.toStdString());
            auto config = (*store)->load();
            for (auto &s : config->syncs)
                if (s.name == "user_360_to_file")
                    s.settings["schedule"] = {{"type", "interval"}, {"minutes", 60}};
            QVERIFY((*store)->save(*config));
        }
        const auto runsOf = [&](const std::string &sync) {
            auto state = StateStore::open(path.toStdString());
            auto runs = RunRecorder::runs((*state)->handle(), sync, 10);
            return runs ? int(runs->size()) : -1;
        };
        {
            MainWindow w;
            w.setSchedulesEnabled(false);
            QVERIFY(w.openProject(path, false));
            QVERIFY(!w.scheduler()->isRunning());
            QTest::qWait(300);
            QCOMPARE(runsOf("user_360_to_file"), 0);
        }
        MainWindow w;
        w.scheduler()->setIntervals(20, 200);
        w.setSchedulesEnabled(true);
        QSignalSpy finished(&w, &MainWindow::scheduledRunFinished);
        // What the status bar said when the run finished (a model preview
        // finishing later may write its own line there).
        QString statusAtFinish;
        connect(&w, &MainWindow::scheduledRunFinished, &w, [&] { statusAtFinish = w.statusText(); });
        QVERIFY(w.openProject(path, false));
        QVERIFY(w.scheduler()->isRunning());
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().at(0).toString(), QString("user_360_to_file"));
        QCOMPARE(runsOf("user_360_to_file"), 1);
        QCOMPARE(runsOf("contacts_to_crm_table"), 0); // manual: never by the schedule
        QVERIFY2(
            statusAtFinish.startsWith(
                QString("Scheduled run %1 of user_360_to_file: succeeded").arg(finished.first().at(1).toLongLong())),
            qPrintable(statusAtFinish));
        // Next due in an hour: said in the status bar, and nothing more runs meanwhile.
        QTRY_VERIFY(w.scheduleText().startsWith("Next scheduled run: user_360_to_file "));
        QTest::qWait(500);
        QCOMPARE(runsOf("user_360_to_file"), 1);
        w.setSchedulesEnabled(false);
        QVERIFY(!w.scheduler()->isRunning());
        QCOMPARE(w.scheduleText(), QString());
    }

    void refusesNonProject()
    {
        const QString path = m_dir.filePath("notes.txt");
        test::writeFile(path, "hello");
        MainWindow w;
        QVERIFY(!w.openProject(path, false));
        QVERIFY(w.statusText().contains("not a Sluice project"));
        QVERIFY(w.projectPath().isEmpty());
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"

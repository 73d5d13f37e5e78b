// Issue 15: model SQL as a draft until its preview passes. Typing is checked
// when it pauses or the editor loses focus; a query that fails, or that drops
// a primary-key column, is never saved (the syncs keep running on the saved
// SQL), stays in the editor marked "Not saved", survives closing the tab, and
// Ctrl+Z discards it.

#include "modeleditortesting.h"

#include "document/projectdocument.h"
#include "jobs/enginebridge.h"
#include "modeleditor/keycolumnsmodel.h"
#include "modeleditor/modeleditor.h"
#include "shell/mainwindow.h"

#include "demo/demoproject.h"
#include "sync/syncrunner.h"

#include <QAction>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QUndoStack>

#include <memory>

using namespace sluice;
using namespace sluice::ui;
using namespace sluice::test;

class TstModelDrafts : public QObject {
    Q_OBJECT
    OpenDemo m_demo;
    QString &m_project = m_demo.project;
    std::unique_ptr<ProjectDocument> &m_doc = m_demo.doc;

private slots:
    void init() { QCOMPARE(m_demo.reopen(), QString()); }
    void cleanup() { m_doc.reset(); }

    void focusOutSavesOnceCheckedAndUndoDiscardsADraft()
    {
        ModelEditor editor(m_doc.get(), "user_360");
        QLineEdit other(&editor); // somewhere to move the focus to
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        replaceSqlByTyping(editor.sqlEditor(), "SELECT 1 AS user_id");
        QVERIFY(editor.hasPendingSql());
        other.setFocus();
        // Leaving the editor checks the typing at once; saved when it runs.
        QVERIFY(!editor.hasPendingSql());
        QTRY_COMPARE_WITH_TIMEOUT(savedSql(m_project, "user_360"), std::string("SELECT 1 AS user_id"), 10000);
        QCOMPARE(m_doc->undoStack()->count(), 1);

        // Ctrl+Z over typing not saved: the typing goes, the project stack
        // is left alone; a second Ctrl+Z is the window's Undo.
        QAction *undo = m_doc->undoStack()->createUndoAction(&editor);
        undo->setShortcut(QKeySequence::Undo);
        editor.addAction(undo);
        QTest::keyClick(editor.sqlEditor(), Qt::Key_End, Qt::ControlModifier);
        QTest::keyClicks(editor.sqlEditor(), " -- one");
        QVERIFY(editor.hasDraft());
        QTest::keyClick(editor.sqlEditor(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(editor.sqlEditor()->toPlainText(), QString("SELECT 1 AS user_id"));
        QVERIFY(!editor.hasDraft());
        QCOMPARE(m_doc->undoStack()->count(), 1);
        QCOMPARE(m_doc->undoStack()->index(), 1);
        QTest::keyClick(editor.sqlEditor(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(m_doc->undoStack()->index(), 0);
        QCOMPARE(savedSql(m_project, "user_360"), m_doc->model("user_360")->sql);
        QVERIFY(editor.sqlEditor()->toPlainText() != QString("SELECT 1 AS user_id"));
    }

    // Issue 15: a typo in a model's SQL is a draft, never saved, and the
    // syncs that read the model go on running on the saved SQL.
    void aBrokenSqlEditDoesNotBreakTheSync()
    {
        const std::string original = m_doc->model("user_360")->sql;
        {
            ModelEditor editor(m_doc.get(), "user_360");
            editor.show();
            QVERIFY(QTest::qWaitForWindowExposed(&editor));
            QSignalSpy finished(editor.engine(), &EngineBridge::previewFinished);
            replaceSqlByTyping(editor.sqlEditor(), "SELEC user_id, email FROM users");
            // Checked once typing pauses: the preview fails, nothing is saved.
            QVERIFY(finished.wait(10000));
            QVERIFY2(editor.errorText().contains("syntax error"), qPrintable(editor.errorText()));
            QVERIFY2(editor.sqlNote().startsWith("Not saved: the query fails"), qPrintable(editor.sqlNote()));
            QCOMPARE(savedSql(m_project, "user_360"), original);
            QCOMPARE(m_doc->undoStack()->count(), 0);
            QVERIFY(editor.hasDraft());

            // A query that runs but drops the key column is not saved either.
            finished.clear();
            replaceSqlByTyping(editor.sqlEditor(), "SELECT email FROM users");
            editor.previewAction()->trigger();
            QVERIFY(finished.size() > 0 || finished.wait(10000));
            QTRY_VERIFY_WITH_TIMEOUT(editor.sqlNote().contains("no column user_id"), 10000);
            QCOMPARE(savedSql(m_project, "user_360"), original);
        }
        // The sync reading the model still runs, on the saved SQL.
        CancelToken cancel;
        auto run = runSync(m_project.toStdString(), "user_360_to_file", RunOptions{}, cancel);
        QVERIFY2(run, run ? "" : run.error().describe().c_str());
        QCOMPARE(run->status, std::string("succeeded"));
        QCOMPARE(run->queried, 1000);

        // Closing the tab kept the draft: reopening shows it, marked.
        ModelEditor again(m_doc.get(), "user_360");
        QCOMPARE(again.sqlEditor()->toPlainText(), QString("SELECT email FROM users"));
        QVERIFY2(again.sqlNote().startsWith("Not saved: this SQL was left unsaved"), qPrintable(again.sqlNote()));
        // Fixed: it is saved once its preview passes.
        QSignalSpy finished(again.engine(), &EngineBridge::previewFinished);
        replaceSqlByTyping(again.sqlEditor(), "SELECT user_id, email FROM users");
        again.previewAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(savedSql(m_project, "user_360"), std::string("SELECT user_id, email FROM users"),
                                  10000);
        QCOMPARE(again.sqlNote(), QString());
        QCOMPARE(m_doc->sqlDraft("user_360"), QString());
    }

    // A model's tab is marked while its editor holds a draft (SQL or a key
    // waiting for its check), as editors mark unsaved files, and again when
    // the tab is opened on a kept draft.
    void aDraftMarksTheModelsTab()
    {
        m_doc.reset(); // the window opens the project itself
        MainWindow w;
        w.show();
        QVERIFY(w.openProject(m_project, false));
        QVERIFY(w.selectItem("model:user_360"));
        auto *editor = qobject_cast<ModelEditor *>(w.editors()->currentWidget());
        QVERIFY(editor);
        const int tab = w.editors()->currentIndex();
        QCOMPARE(w.editors()->tabText(tab), QString("user_360"));
        QSignalSpy finished(editor->engine(), &EngineBridge::previewFinished);
        replaceSqlByTyping(editor->sqlEditor(), "SELEC user_id FROM users");
        QCOMPARE(w.editors()->tabText(tab), QString("user_360 •"));
        QTRY_VERIFY_WITH_TIMEOUT(editor->sqlNote().startsWith("Not saved"), 10000);
        QCOMPARE(w.editors()->tabToolTip(tab),
                 QString("user_360: not saved; its syncs use the last SQL and key that passed their checks"));
        // Ctrl+Z goes back to the saved SQL: no mark.
        QTest::keyClick(editor->sqlEditor(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(w.editors()->tabText(tab), QString("user_360"));
        QCOMPARE(w.editors()->tabToolTip(tab), QString("user_360"));

        // A key waiting for its check marks the tab too; Keep unmarks it.
        QTRY_VERIFY_WITH_TIMEOUT(editor->keyColumns()->rowCount() == 15, 10000);
        QSignalSpy checked(editor, &ModelEditor::keyCheckFinished);
        KeyColumnsModel *keys = editor->keyColumns();
        QVERIFY(keys->setData(keys->index(keys->rowOf("country")), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(keys->setData(keys->index(keys->rowOf("user_id")), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(w.editors()->tabText(tab), QString("user_360 •"));
        QVERIFY(checked.wait(20000));
        QCOMPARE(w.editors()->tabText(tab), QString("user_360 •")); // countries repeat: it waits
        QTest::mouseClick(editor->keepSavedKeyButton(), Qt::LeftButton);
        QCOMPARE(w.editors()->tabText(tab), QString("user_360"));

        // A draft kept when the tab closed: the reopened tab is marked at once.
        replaceSqlByTyping(editor->sqlEditor(), "SELEC 1");
        w.closeCurrentEditor();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // the tab's editor goes, keeping it
        QVERIFY(w.selectItem("model:user_360"));
        QCOMPARE(w.editors()->tabText(w.editors()->currentIndex()), QString("user_360 •"));
    }
};

QTEST_MAIN(TstModelDrafts)
#include "tst_modeldrafts.moc"

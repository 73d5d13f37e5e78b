// The model editor as a user drives it: type SQL (saved once typing pauses
// and its preview passes, one undo step per burst; drafts in
// tst_modeldrafts), Ctrl+Enter to preview (row count, time, column
// types), pick the primary key and check it (unique, NULL and duplicate
// cases), and drop tables from the schema browsers into the editor.
//
// Drops: QDrag::exec cannot run offscreen, so the mime data comes from the
// schema models themselves (what their views hand to QDrag) and is delivered
// as QDragEnterEvent/QDragMoveEvent/QDropEvent to the editor's viewport.

#include "modeleditortesting.h"

#include "connections/connectionpage.h"
#include "document/projectdocument.h"
#include "jobs/enginebridge.h"
#include "jobs/startingquery.h"
#include "modeleditor/keycolumnsmodel.h"
#include "modeleditor/modeleditor.h"
#include "modeleditor/previewtablemodel.h"
#include "modeleditor/schematreemodel.h"
#include "modeleditor/sqleditor.h"
#include "modeleditor/sqlhighlighter.h"
#include "shell/mainwindow.h"

#include "demo/demoproject.h"
#include "project/projectstore.h"

#include <QAction>
#include <QApplication>
#include <QDropEvent>
#include <QFontDatabase>
#include <QImage>
#include <QLineEdit>
#include <QLocale>
#include <QMimeData>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTreeView>
#include <QUndoStack>

#include <memory>

using namespace sluice;
using namespace sluice::ui;
using namespace sluice::test;

namespace {

std::vector<std::string> savedKey(const ProjectDocument &doc, const QString &model)
{
    return doc.model(model)->primaryKey;
}

void drop(SqlEditor *editor, QMimeData *mime, QPoint at)
{
    QWidget *target = editor->viewport();
    QDragEnterEvent enter(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDragMoveEvent move(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &move);
    QVERIFY(move.isAccepted());
    QDropEvent dropEvent(QPointF(at), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &dropEvent);
    QVERIFY(dropEvent.isAccepted());
}

QModelIndex tableNode(SchemaTreeModel *schema, const QString &name)
{
    for (int r = 0; r < schema->rowCount(); ++r)
        if (schema->index(r, 0).data().toString() == name)
            return schema->index(r, 0);
    return {};
}

} // namespace

class TstModelEditor : public QObject {
    Q_OBJECT
    OpenDemo m_demo;
    QString &m_project = m_demo.project;
    std::unique_ptr<ProjectDocument> &m_doc = m_demo.doc;

private slots:
    void init() { QCOMPARE(m_demo.reopen(), QString()); }
    void cleanup() { m_doc.reset(); }

    void typingIsSavedOncePausedOneUndoStepPerBurst()
    {
        ModelEditor editor(m_doc.get(), "user_360");
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        const std::string original = m_doc->model("user_360")->sql;
        QCOMPARE(editor.sqlEditor()->toPlainText().toStdString(), original);

        replaceSqlByTyping(editor.sqlEditor(), "SELECT user_id, email FROM users");
        // Not saved while typing goes on...
        QVERIFY(editor.hasPendingSql());
        QCOMPARE(savedSql(m_project, "user_360"), original);
        QCOMPARE(m_doc->undoStack()->count(), 0);
        // ...saved once it pauses, as one step.
        QTRY_COMPARE_WITH_TIMEOUT(savedSql(m_project, "user_360"), std::string("SELECT user_id, email FROM users"),
                                  10000);
        QCOMPARE(m_doc->undoStack()->count(), 1);
        QCOMPARE(m_doc->undoStack()->text(0), QString("Edit SQL of user_360"));

        // A second burst is a second step.
        QTest::keyClick(editor.sqlEditor(), Qt::Key_End, Qt::ControlModifier);
        QTest::keyClicks(editor.sqlEditor(), " WHERE user_id < 10");
        QTRY_COMPARE_WITH_TIMEOUT(m_doc->undoStack()->count(), 2, 10000);
        QCOMPARE(savedSql(m_project, "user_360"), std::string("SELECT user_id, email FROM users WHERE user_id < 10"));

        // Undo and redo go through the project stack; the editor follows
        // and its cursor stays inside the text.
        m_doc->undoStack()->undo();
        QCOMPARE(editor.sqlEditor()->toPlainText(), QString("SELECT user_id, email FROM users"));
        QCOMPARE(savedSql(m_project, "user_360"), std::string("SELECT user_id, email FROM users"));
        QCOMPARE(editor.sqlEditor()->textCursor().position(), editor.sqlEditor()->toPlainText().size());
        m_doc->undoStack()->undo();
        QCOMPARE(editor.sqlEditor()->toPlainText().toStdString(), original);
        QCOMPARE(savedSql(m_project, "user_360"), original);
        m_doc->undoStack()->redo();
        QCOMPARE(editor.sqlEditor()->toPlainText(), QString("SELECT user_id, email FROM users"));
        QVERIFY(!editor.hasPendingSql());

        // Typing after an undo starts a new step rather than merging into
        // the one below it.
        QTest::keyClick(editor.sqlEditor(), Qt::Key_End, Qt::ControlModifier);
        QTest::keyClicks(editor.sqlEditor(), " LIMIT 5");
        QTRY_COMPARE_WITH_TIMEOUT(m_doc->undoStack()->index(), 2, 10000);
        QCOMPARE(m_doc->undoStack()->count(), 2);
        m_doc->undoStack()->undo();
        QCOMPARE(editor.sqlEditor()->toPlainText(), QString("SELECT user_id, email FROM users"));
    }

    void emptySqlIsANoteNotASave()
    {
        ModelEditor editor(m_doc.get(), "user_360");
        editor.show();
        const std::string original = m_doc->model("user_360")->sql;
        replaceSqlByTyping(editor.sqlEditor(), "   ");
        editor.commitSql();
        QCOMPARE(savedSql(m_project, "user_360"), original);
        QCOMPARE(m_doc->undoStack()->count(), 0);
        QCOMPARE(editor.sqlEditor()->toPlainText(), QString("   "));
    }

    void ctrlEnterSavesAndPreviewsWithTypes()
    {
        ModelEditor editor(m_doc.get(), "user_360");
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QSignalSpy finished(editor.engine(), &EngineBridge::previewFinished);
        replaceSqlByTyping(editor.sqlEditor(), "SELECT user_id, email, lead_score * 1.5 AS weighted");
        QTest::keyClick(editor.sqlEditor(), Qt::Key_Return);
        QTest::keyClicks(editor.sqlEditor(), "FROM users WHERE user_id <= 42");
        QTest::keyClick(editor.sqlEditor(), Qt::Key_Return, Qt::ControlModifier);
        // Previewed at once, not after the pause, and saved as it runs.
        QVERIFY(finished.wait(10000));
        QCOMPARE(savedSql(m_project, "user_360"),
                 std::string("SELECT user_id, email, lead_score * 1.5 AS weighted\nFROM users WHERE user_id <= 42"));
        PreviewTableModel *rows = editor.previewModel();
        QCOMPARE(rows->rowCount(), 42);
        QCOMPARE(rows->columnCount(), 3);
        QVERIFY2(editor.previewInfo().startsWith("42 rows · 3 columns · "), qPrintable(editor.previewInfo()));
        QVERIFY(editor.previewInfo().endsWith(" ms"));
        // Each column's type: on a second header line and in the tooltip, in
        // the words the canvas uses too (a REAL is a decimal).
        QAbstractItemModel *shown = editor.previewTable()->model();
        QCOMPARE(shown->headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(), QString("user_id\ninteger"));
        QCOMPARE(shown->headerData(1, Qt::Horizontal, Qt::DisplayRole).toString(), QString("email\ntext"));
        QCOMPARE(shown->headerData(2, Qt::Horizontal, Qt::DisplayRole).toString(), QString("weighted\ndecimal"));
        QVERIFY(rows->headerData(0, Qt::Horizontal, Qt::ToolTipRole).toString().startsWith("integer"));
        // Sortable: descending by user_id puts 42 first.
        editor.previewTable()->sortByColumn(0, Qt::DescendingOrder);
        QCOMPARE(shown->index(0, 0).data().toString(), QString("42"));
        // The key picker now lists the previewed columns, key checked.
        KeyColumnsModel *keys = editor.keyColumns();
        QCOMPARE(keys->columns(), QStringList({"user_id", "email", "weighted"}));
        QCOMPARE(keys->index(0).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QCOMPARE(keys->index(1).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    }

    void previewShowsTheEditorsSqlEvenWhenNotSaved()
    {
        ModelEditor editor(m_doc.get(), "user_360");
        editor.show();
        QSignalSpy finished(editor.engine(), &EngineBridge::previewFinished);
        replaceSqlByTyping(editor.sqlEditor(), "SELEC user_id FROM users");
        editor.previewAction()->trigger();
        QVERIFY(finished.wait(10000));
        QVERIFY2(editor.errorText().contains("syntax error"), qPrintable(editor.errorText()));
    }

    void keyPickerHoldsADraftUntilItsCheckPasses()
    {
        ModelEditor editor(m_doc.get(), "user_360");
        editor.show();
        QSignalSpy finished(editor.engine(), &EngineBridge::previewFinished);
        editor.refreshPreview();
        QVERIFY(finished.wait(10000));
        KeyColumnsModel *keys = editor.keyColumns();
        QCOMPARE(keys->rowCount(), 15);
        QCOMPARE(keys->key(), QStringList({"user_id"}));
        QSignalSpy checked(&editor, &ModelEditor::keyCheckFinished);
        const auto tick = [&](const QString &column, bool on) {
            return keys->setData(keys->index(keys->rowOf(column)), on ? Qt::Checked : Qt::Unchecked,
                                 Qt::CheckStateRole);
        };
        const auto ticked = [&](const QString &column) {
            return keys->index(keys->rowOf(column)).data(Qt::CheckStateRole).toInt() == Qt::Checked;
        };

        // user_tier is never NULL: the draft is checked over every row, then
        // saved as one undo step.
        QVERIFY(tick("user_tier", true));
        QCOMPARE(editor.keyDraft(), QStringList({"user_id", "user_tier"}));
        QVERIFY(editor.isCheckingKey());
        QCOMPARE(editor.keyCheckText(), QString("Checking user_id, user_tier in every row before it becomes the key…"));
        QCOMPARE(savedKey(*m_doc, "user_360"), (std::vector<std::string>{"user_id"}));
        QVERIFY(checked.wait(20000));
        QCOMPARE(checked.takeFirst().first().toBool(), true);
        QCOMPARE(savedKey(*m_doc, "user_360"), (std::vector<std::string>{"user_id", "user_tier"}));
        QVERIFY(editor.keyDraft().isEmpty());
        QCOMPARE(m_doc->undoStack()->count(), 1);
        QCOMPARE(m_doc->undoStack()->text(0), QString("Set primary key of user_360 to user_id, user_tier"));

        // Two ticks in a row: the first scan gives way to the second, whose
        // draft fails (tiers and countries repeat). Nothing is saved; the
        // draft waits, ticked, for Use Anyway or Keep.
        QVERIFY(tick("user_id", false));
        QVERIFY(tick("country", true));
        QCOMPARE(editor.keyDraft(), QStringList({"user_tier", "country"}));
        QVERIFY(checked.wait(20000));
        QTest::qWait(50); // no second answer: the first scan's is swallowed
        QCOMPARE(checked.size(), 1);
        QCOMPARE(checked.takeFirst().first().toBool(), false);
        QCOMPARE(savedKey(*m_doc, "user_360"), (std::vector<std::string>{"user_id", "user_tier"}));
        QCOMPARE(m_doc->undoStack()->count(), 1);
        QVERIFY2(editor.keyCheckText().endsWith(
                     "\nNot saved: the syncs keep user_id, user_tier as the key until you choose Use Anyway."),
                 qPrintable(editor.keyCheckText()));
        QVERIFY(ticked("country") && !ticked("user_id"));
        QVERIFY(editor.useKeyAnywayButton()->isVisible());
        QCOMPARE(editor.keepSavedKeyButton()->text(), QString("Keep user_id, user_tier"));

        // Keep: the list shows the saved key again.
        QTest::mouseClick(editor.keepSavedKeyButton(), Qt::LeftButton);
        QCOMPARE(keys->key(), QStringList({"user_id", "user_tier"}));
        QVERIFY(editor.keyDraft().isEmpty());
        QCOMPARE(editor.keyCheckText(), QString("Kept user_id, user_tier as the key."));
        QVERIFY(!editor.useKeyAnywayButton()->isVisible());

        // Use Anyway: saved although the check failed, one more undo step.
        QVERIFY(tick("user_id", false));
        QVERIFY(checked.wait(20000));
        QCOMPARE(checked.takeFirst().first().toBool(), false); // tiers repeat
        QTest::mouseClick(editor.useKeyAnywayButton(), Qt::LeftButton);
        QCOMPARE(savedKey(*m_doc, "user_360"), (std::vector<std::string>{"user_tier"}));
        QVERIFY(editor.keyCheckText().endsWith("\nSaved anyway: rows with a NULL or repeated key are reported as "
                                               "invalid in each run and not sent."));
        QCOMPARE(m_doc->undoStack()->count(), 2);
        QCOMPARE(m_doc->undoStack()->text(1), QString("Set primary key of user_360 to user_tier"));

        // The last key column cannot go.
        QVERIFY(tick("user_tier", false));
        QCOMPARE(savedKey(*m_doc, "user_360"), (std::vector<std::string>{"user_tier"}));
        QCOMPARE(editor.keyCheckText(), QString("A model needs at least one key column."));
        QVERIFY(!editor.isCheckingKey());

        // An undo under a waiting draft: the saved key wins.
        QVERIFY(tick("country", true));
        QVERIFY(checked.wait(20000));
        QCOMPARE(editor.keyDraft(), QStringList({"user_tier", "country"}));
        m_doc->undoStack()->undo();
        QVERIFY(editor.keyDraft().isEmpty());
        QCOMPARE(keys->key(), QStringList({"user_id", "user_tier"}));
        m_doc->undoStack()->undo();
        QCOMPARE(savedKey(*m_doc, "user_360"), (std::vector<std::string>{"user_id"}));
        QCOMPARE(keys->key(), QStringList({"user_id"}));
        QVERIFY(!ticked("country"));

        // Check the saved key: the whole model is scanned off the GUI thread.
        checked.clear();
        editor.checkKeyAction()->trigger();
        QVERIFY(editor.isCheckingKey());
        QVERIFY(!editor.checkKeyAction()->isEnabled());
        QVERIFY(editor.cancelKeyCheckAction()->isEnabled());
        QVERIFY(checked.wait(20000));
        QCOMPARE(checked.first().first().toBool(), true);
        QCOMPARE(editor.keyCheckText(),
                 QString("user_id is unique across %1 rows, and never NULL.").arg(QLocale().toString(1000)));
        QVERIFY(!editor.isCheckingKey());
        // The SQL changed elsewhere makes the result stale.
        m_doc->edit("elsewhere", [](ProjectConfig &c) {
            for (ModelDef &m : c.models)
                if (m.name == "user_360")
                    m.sql += "\n-- changed elsewhere";
        });
        QCOMPARE(editor.keyCheckText(), QString("The SQL or the key changed since the last check."));
    }

    void keyCheckReportsNullsAndDuplicates()
    {
        // Every fifth row has no e-mail (a made-up one otherwise); countries repeat.
        m_doc->edit("setup", [](ProjectConfig &c) {
            c.models.push_back(ModelDef{"by_country",
                                        "warehouse",
                                        "SELECT CASE WHEN user_id % 5 = 0 THEN NULL ELSE 'u' || user_id END AS email,\n"
                                        "       country, user_id\nFROM users ORDER BY user_id",
                                        {"email"},
                                        ""});
        });
        ModelEditor editor(m_doc.get(), "by_country");
        editor.show();
        QSignalSpy checked(&editor, &ModelEditor::keyCheckFinished);
        editor.checkKey();
        QVERIFY(checked.wait(20000));
        QCOMPARE(checked.first().first().toBool(), false);
        const QString nulls = editor.keyCheckText();
        QVERIFY2(nulls.startsWith(
                     QString("email cannot identify rows: problems in %1 rows.\n").arg(QLocale().toString(1000))),
                 qPrintable(nulls));
        QVERIFY2(nulls.contains("200 rows with a NULL key (rows 5, 10, 15, 20, 25, …)."), qPrintable(nulls));

        // Countries as the key: duplicates with their first values.
        editor.keyColumns()->setColumns({"email", "country", "user_id"}, {"text", "text", "integer"});
        checked.clear();
        editor.keyColumns()->setData(editor.keyColumns()->index(1), Qt::Checked, Qt::CheckStateRole);
        editor.keyColumns()->setData(editor.keyColumns()->index(0), Qt::Unchecked, Qt::CheckStateRole);
        QCOMPARE(editor.keyDraft(), QStringList({"country"}));
        QVERIFY(checked.wait(20000));
        QCOMPARE(checked.first().first().toBool(), false);
        QCOMPARE(savedKey(*m_doc, "by_country"), (std::vector<std::string>{"email"})); // not saved
        const QString dupes = editor.keyCheckText();
        QVERIFY2(dupes.contains(" key values appear more than once, in 1,000 rows: '")
                     || dupes.contains(" key values appear more than once, in 1000 rows: '"),
                 qPrintable(dupes));
        QVERIFY2(dupes.contains("' ×"), qPrintable(dupes));
        QVERIFY(!dupes.contains("NULL key"));
    }

    void keyCheckCanBeCancelled()
    {
        ModelEditor editor(m_doc.get(), "user_360");
        QSignalSpy checked(&editor, &ModelEditor::keyCheckFinished);
        editor.checkKey();
        editor.cancelKeyCheck();
        QVERIFY(checked.wait(20000));
        // Either the scan was interrupted or it had already finished.
        QVERIFY2(editor.keyCheckText() == "Key check cancelled."
                     || editor.keyCheckText().startsWith("user_id is unique"),
                 qPrintable(editor.keyCheckText()));
        QVERIFY(editor.checkKeyAction()->isEnabled());
    }

    void dragTableFromSchemaBrowserWritesStartingQuery()
    {
        ModelEditor editor(m_doc.get(), "user_360");
        editor.resize(1000, 700);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QTRY_VERIFY_WITH_TIMEOUT(editor.schema()->rowCount() > 0, 10000);
        const QModelIndex behaviours = tableNode(editor.schema(), "behaviours");
        QVERIFY(behaviours.isValid());
        QCOMPARE(editor.schema()->rowCount(behaviours), 3);

        // An empty editor is replaced.
        replaceSqlByTyping(editor.sqlEditor(), "");
        editor.commitSql(); // empty: not saved
        QCOMPARE(m_doc->undoStack()->count(), 0);
        std::unique_ptr<QMimeData> mime(editor.schema()->mimeData({behaviours}));
        QCOMPARE(mime->text(), QString("SELECT user_id, last_login_date, total_sessions FROM behaviours"));
        drop(editor.sqlEditor(), mime.get(), QPoint(40, 10));
        QCOMPARE(editor.sqlEditor()->toPlainText(),
                 QString("SELECT user_id, last_login_date, total_sessions FROM behaviours"));
        QCOMPARE(savedSql(m_project, "user_360"),
                 std::string("SELECT user_id, last_login_date, total_sessions FROM behaviours"));
        QCOMPARE(m_doc->undoStack()->count(), 1);
        QCOMPARE(m_doc->undoStack()->text(0), QString("Start user_360 from table behaviours"));

        // Into existing SQL: inserted at the drop position, on lines of its own.
        SqlEditor *sql = editor.sqlEditor();
        QTextCursor end(sql->document());
        end.movePosition(QTextCursor::End);
        const QPoint below = sql->cursorRect(end).center() + QPoint(0, sql->fontMetrics().height() * 2);
        const QModelIndex users = tableNode(editor.schema(), "users");
        std::unique_ptr<QMimeData> usersMime(editor.schema()->mimeData({users}));
        // A long column list wraps at 80 characters, FROM on its own line.
        QCOMPARE(usersMime->text(),
                 QString("SELECT user_id, email, first_name, last_name, phone, country, city, company,\n"
                         "    status, lifecycle_stage, lead_source, lead_score, created_at\n"
                         "FROM users"));
        drop(sql, usersMime.get(), below);
        const QString expected
            = "SELECT user_id, last_login_date, total_sessions FROM behaviours\n" + usersMime->text() + "\n";
        QCOMPARE(sql->toPlainText(), expected);
        QCOMPARE(QString::fromStdString(savedSql(m_project, "user_360")), expected);
        QCOMPARE(m_doc->undoStack()->count(), 2);
        m_doc->undoStack()->undo();
        QCOMPARE(sql->toPlainText(), QString("SELECT user_id, last_login_date, total_sessions FROM behaviours"));
    }

    void dragTableFromConnectionPage()
    {
        ConnectionPage page(m_doc.get(), ConnectionPage::Role::Source, "warehouse");
        QSignalSpy tested(&page, &ConnectionPage::tested);
        QVERIFY(tested.wait(10000));
        const QModelIndex orders = tableNode(page.schema(), "orders");
        QVERIFY(orders.isValid());
        std::unique_ptr<QMimeData> mime(page.schema()->mimeData({orders}));
        QCOMPARE(mime->text(), QString("SELECT order_id, user_id, ordered_at, amount, status FROM orders"));

        ModelEditor editor(m_doc.get(), "hubspot_contacts");
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        // Dropped at the very start of the existing query.
        SqlEditor *sql = editor.sqlEditor();
        const QString before = sql->toPlainText();
        drop(sql, mime.get(), sql->cursorRect(QTextCursor(sql->document())).center());
        QCOMPARE(sql->toPlainText(), mime->text() + "\n" + before);
        QCOMPARE(m_doc->undoStack()->count(), 1);
        QCOMPARE(m_doc->undoStack()->text(0), QString("Start hubspot_contacts from table orders"));
    }

    void startingQueryQuotesWhereNeeded()
    {
        QCOMPARE(startingQuery("public.users", {"id", "Email", "first name", "order"}),
                 QString("SELECT id, \"Email\", \"first name\", \"order\" FROM public.users"));
        QCOMPARE(startingQuery("t", {}), QString("SELECT * FROM t"));
        QCOMPARE(sluice::ui::quoteIdentifier("a\"b"), QString("\"a\"\"b\""));
    }

    void highlighterColoursTokens()
    {
        SqlEditor editor;
        editor.setPlainText("SELECT 'it''s', \"Col\", 42 -- note\nFROM t /* multi\nline */ WHERE x = 1.5e3");
        SqlHighlighter *h = editor.highlighter();
        auto colourAt = [&](int block, int column) {
            const QTextBlock b = editor.document()->findBlockByNumber(block);
            for (const auto &range : b.layout()->formats())
                if (column >= range.start && column < range.start + range.length)
                    return range.format.foreground().color();
            return QColor();
        };
        using T = SqlHighlighter::Token;
        QCOMPARE(colourAt(0, 0), h->format(T::Keyword).foreground().color());
        QCOMPARE(colourAt(0, 8), h->format(T::String).foreground().color());  // inside 'it''s'
        QCOMPARE(colourAt(0, 12), h->format(T::String).foreground().color()); // after the doubled quote
        QCOMPARE(colourAt(0, 17), h->format(T::QuotedIdentifier).foreground().color());
        QCOMPARE(colourAt(0, 23), h->format(T::Number).foreground().color());
        QCOMPARE(colourAt(0, 30), h->format(T::Comment).foreground().color());
        QCOMPARE(colourAt(1, 0), h->format(T::Keyword).foreground().color());
        QCOMPARE(colourAt(1, 5), QColor());                                   // the table name: plain
        QCOMPARE(colourAt(2, 0), h->format(T::Comment).foreground().color()); // still in the comment
        QCOMPARE(colourAt(2, 8), h->format(T::Keyword).foreground().color()); // WHERE after it
        QCOMPARE(colourAt(2, 18), h->format(T::Number).foreground().color()); // 1.5e3

        // Dark palettes get a colour set of their own, readable on dark bases.
        const QColor lightKeyword = h->format(T::Keyword).foreground().color();
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        editor.setPalette(dark);
        const QColor darkKeyword = h->format(T::Keyword).foreground().color();
        QVERIFY(darkKeyword != lightKeyword);
        QVERIFY(darkKeyword.lightness() > 128);
        QCOMPARE(colourAt(0, 0), darkKeyword);
    }

    void editorIndentsWithSpacesAndNumbersLines()
    {
        SqlEditor editor;
        editor.show();
        editor.setFocus();
        QTest::keyClick(&editor, Qt::Key_Tab);
        QTest::keyClicks(&editor, "ab");
        QTest::keyClick(&editor, Qt::Key_Tab);
        QCOMPARE(editor.toPlainText(), QString("    ab  "));
        QTest::keyClick(&editor, Qt::Key_Return);
        QTest::keyClicks(&editor, "c");
        QCOMPARE(editor.toPlainText(), QString("    ab  \n    c"));
        QTest::keyClick(&editor, Qt::Key_Backtab);
        QCOMPARE(editor.toPlainText(), QString("    ab  \nc"));
        QVERIFY(editor.lineNumberArea()->width() >= editor.fontMetrics().horizontalAdvance("99"));
        QCOMPARE(editor.font(), QFontDatabase::systemFont(QFontDatabase::FixedFont));
    }

    // The screenshots in docs/: the real main window, driven like a user
    // would (open a model, preview, check the key; open the source). Only
    // with SLUICE_SCREENSHOTS=DIR, run under xvfb-run with QT_QPA_PLATFORM=xcb.
    void screenshots()
    {
        // SLUICE_SCREENSHOTS=DIR writes docs/model-editor.png and
        // docs/source-page.png; without it they go to a temporary directory
        // and are checked, so the screens are always rendered in the tests.
        QTemporaryDir scratch;
        QVERIFY(scratch.isValid());
        QString out = qEnvironmentVariable("SLUICE_SCREENSHOTS");
        if (out.isEmpty())
            out = scratch.path();
        // The window's size, and far more colours than an unpainted window.
        const auto rendered = [](const QString &png, QSize size) {
            const QImage shot(png);
            if (shot.size() != size)
                return QStringLiteral("%1 is %2x%3").arg(png).arg(shot.width()).arg(shot.height());
            QSet<QRgb> colours;
            for (int y = 0; y < shot.height(); y += 3)
                for (int x = 0; x < shot.width(); x += 3)
                    colours.insert(shot.pixel(x, y));
            return colours.size() > 50 ? QString() : QStringLiteral("%1 has %2 colours").arg(png).arg(colours.size());
        };
        m_doc.reset();
        QTemporaryDir dir;
        const QString project = dir.filePath("demo.sluice");
        QVERIFY(createDemoProject(project.toStdString(), 10000));
        MainWindow w;
        w.resize(1280, 860);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openProject(project, false));
        w.selectModel("user_360");
        ModelEditor *editor = w.currentModelEditor();
        QVERIFY(editor);
        QTRY_VERIFY_WITH_TIMEOUT(editor->previewModel()->rowCount() == 100, 20000);
        QSignalSpy checked(editor, &ModelEditor::keyCheckFinished);
        editor->checkKey();
        QVERIFY(checked.wait(60000));
        QTRY_VERIFY(editor->schema()->rowCount() > 0);
        editor->schemaTree()->expand(tableNode(editor->schema(), "users"));
        editor->sqlEditor()->setFocus();
        QTextCursor c = editor->sqlEditor()->textCursor();
        c.setPosition(editor->sqlEditor()->document()->findBlockByNumber(5).position() + 8);
        editor->sqlEditor()->setTextCursor(c);
        QTest::qWait(500);
        QVERIFY(w.grab().save(out + "/model-editor.png"));
        const QString modelShot = rendered(out + "/model-editor.png", w.size() * w.devicePixelRatio());
        QVERIFY2(modelShot.isEmpty(), qPrintable(modelShot));

        QVERIFY(w.selectItem("source:warehouse"));
        ConnectionPage *page = w.connectionPage();
        QVERIFY(page);
        QTRY_VERIFY_WITH_TIMEOUT(page->schema()->rowCount() > 0, 20000);
        page->schemaTree()->expand(tableNode(page->schema(), "users"));
        QTest::qWait(500);
        QVERIFY(w.grab().save(out + "/source-page.png"));
        const QString sourceShot = rendered(out + "/source-page.png", w.size() * w.devicePixelRatio());
        QVERIFY2(sourceShot.isEmpty(), qPrintable(sourceShot));
    }
};

QTEST_MAIN(TstModelEditor)
#include "tst_modeleditor.moc"

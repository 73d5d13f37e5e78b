// The mapping page of a sync in the main window, as a user drives it on the
// demo project: the canvas fills with the model's columns, a column dragged
// onto a field becomes the mapping in the project file, the payload preview
// shows the exact payload each row becomes, Edit > Undo / Redo (and Ctrl+Z
// in the canvas) go through the one project-wide undo stack, typing merges,
// a protected sync asks first, and a dry run shows the plan.
//
// Drags start with real mouse events on the canvas' viewport; the drop is
// delivered as QDragEnterEvent/QDragMoveEvent/QDropEvent, because QDrag::exec
// cannot run offscreen (see tst_mappingcanvas.cpp).
//
// With SLUICE_SCREENSHOT_DIR set (and a real X server: xvfb-run with
// QT_QPA_PLATFORM=xcb), the dry run test saves the window as dry-run.png there.

#include "../uitesting.h"
#include "canvas/mappingdocument.h"
#include "canvas/mappingeditor.h"
#include "canvas/mappingitems.h"
#include "canvas/mappingscene.h"
#include "canvas/mappingtableview.h"
#include "canvas/mappingview.h"
#include "canvas/stepeditor.h"
#include "common/jsontext.h"
#include "document/projectdocument.h"
#include "document/protectedsync.h"
#include "jsoncompare.h"
#include "modeleditor/sourcerowmodel.h"
#include "runs/runhistorymodel.h"
#include "shell/mainwindow.h"
#include "syncpages/dryrunpane.h"
#include "syncpages/dryrunsamplemodel.h"
#include "syncpages/payloadpreviewmodel.h"
#include "syncpages/payloadpreviewpane.h"
#include "syncpages/synceditor.h"
#include "syncpages/syncmappingpage.h"
#include "syncpages/syncpage.h"

#include "demo/demoproject.h"
#include "models/modelrunner.h"
#include "project/projectstore.h"
#include "sources/sourcekinds.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QMenuBar>
#include <QMimeData>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

#include <memory>

using namespace sluice;
using namespace sluice::ui;
using namespace sluice::test;
using nlohmann::json;

namespace {

// The sync's mapping as saved in the project file (a fresh connection).
json savedMapping(const QString &path, const std::string &sync)
{
    auto store = ProjectStore::open(path.toStdString());
    if (!store)
        return "cannot open";
    auto config = (*store)->load();
    if (!config)
        return "cannot load";
    for (const auto &s : config->syncs)
        if (s.name == sync)
            return s.mapping;
    return "no sync";
}

// The first rows of a model, read by the engine directly (not through the UI).
ModelPreview engineRows(const QString &path, const std::string &modelName, int limit)
{
    auto store = ProjectStore::open(path.toStdString());
    auto model = (*store)->model(modelName);
    auto sourceDef = (*store)->source(model->source);
    auto source = makeSource(*sourceDef, SourceContext{(*store)->directory(), SecretAccess::Allowed});
    return *previewModel(**source, *model, limit);
}

std::size_t columnIndex(const ModelPreview &p, const std::string &name)
{
    for (std::size_t i = 0; i < p.columns.size(); ++i)
        if (p.columns[i].name == name)
            return i;
    return std::size_t(-1);
}

// Presses on the column, moves past the drag distance (the column item starts
// the drag), and drops what it dragged on the field.
bool dragColumnToField(MappingEditor *editor, const QString &column, const QString &field)
{
    MappingScene *scene = editor->scene();
    MappingView *view = editor->view();
    std::unique_ptr<QMimeData> dragged;
    scene->setDragStarter([&](QMimeData *data) { dragged.reset(data); });
    ColumnItem *c = scene->columnItem(column);
    FieldItem *f = scene->fieldItem(field);
    if (!c || !f)
        return false;
    view->ensureVisible(c);
    const QPoint from = view->mapFromScene(c->sceneBoundingRect().center());
    const QPoint to = from + QPoint(QApplication::startDragDistance() + 20, 4);
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(view->viewport(), to);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, to);
    scene->setDragStarter({});
    if (!dragged || QString::fromUtf8(dragged->data("application/x-sluice-column")) != column)
        return false;
    view->ensureVisible(f);
    return sendDrop(view, dragged.get(), f->sceneBoundingRect().center());
}

QAction *menuAction(MainWindow &w, const QString &menu, const QString &text)
{
    for (QAction *m : w.menuBar()->actions())
        if (m->text().remove('&') == menu && m->menu())
            for (QAction *a : m->menu()->actions())
                if (a->text().remove('&').startsWith(text))
                    return a;
    return nullptr;
}

} // namespace

class TstSyncMapping : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_projects = 0;

    // A fresh demo project (1000 users) for one test.
    QString newDemo()
    {
        const QString path = m_dir.filePath(QStringLiteral("demo%1.sluice").arg(++m_projects));
        auto r = createDemoProject(path.toStdString(), 1000);
        return r ? path : QString();
    }

    // Shows the window at the tests' size with the project open; keyboard tests
    // also need it to be the active window.
    enum class Focus { Any, Active };
    bool showWithProject(MainWindow &w, const QString &path, Focus focus = Focus::Any)
    {
        w.resize(1280, 860);
        w.show();
        if (focus == Focus::Active) {
            w.activateWindow();
            if (!QTest::qWaitForWindowActive(&w))
                return false;
        }
        return w.openProject(path, false);
    }

    // Opens the sync in the window and waits for its columns, fields and first preview.
    SyncMappingPage *openSync(MainWindow &w, const QString &sync)
    {
        if (!w.selectItem(QStringLiteral("sync:") + sync))
            return nullptr;
        SyncEditor *editor = w.currentSyncEditor();
        if (!editor)
            return nullptr;
        auto *page = editor->findChild<SyncMappingPage *>(QStringLiteral("mapping"));
        if (!page)
            return nullptr;
        if (!QTest::qWaitFor(
                [&] {
                    return !page->isLoading() && !page->preview()->isBusy() && page->preview()->model()->rowCount() > 0;
                },
                20000))
            return nullptr;
        return page;
    }

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName("SluiceTests");
        QVERIFY(m_dir.isValid());
    }

    void opensOnTheMappingPageWithColumnsAndPreview()
    {
        const QString path = newDemo();
        QVERIFY(!path.isEmpty());
        MainWindow w;
        QVERIFY(showWithProject(w, path));
        SyncMappingPage *page = openSync(w, "user_360_to_file");
        QVERIFY(page);
        // The mapping is the page a sync opens on.
        QCOMPARE(w.currentSyncEditor()->pages()->currentWidget(), page);
        QCOMPARE(w.currentSyncEditor()->pages()->tabText(0), QString("Mapping"));
        QVERIFY(page->isVisible());

        // The model's 15 columns on the left; a file takes any field, so the
        // column names are offered as fields (no problems about extra fields).
        MappingDocument *doc = page->editor()->document();
        QCOMPARE(int(doc->columns().size()), 15);
        QCOMPARE(doc->columnNames().first(), QString("user_id"));
        QVERIFY(doc->fieldsAreSuggestions());
        QCOMPARE(int(doc->destinationFields().size()), 15);
        QVERIFY(doc->problems().empty());
        QCOMPARE(page->statusText(),
                 QString("user_360 → user_360_file · 15 columns · the destination takes any field: the model's "
                         "column names are offered"));
        QVERIFY(page->errorText().isEmpty());

        // No mapping yet: the preview shows what a run sends then, every column by name.
        PayloadPreviewPane *preview = page->preview();
        QCOMPARE(preview->model()->rowCount(), 20);
        QVERIFY(preview->model()->result().columnNamesMapping);
        QCOMPARE(preview->countsText(), QString("20 rows: 20 ok, 0 rejected, 0 filtered out · the model's first rows"));
        QCOMPARE(preview->selectedRow(), 0);
        const ModelPreview rows = engineRows(path, "user_360", 1);
        QVERIFY(preview->payloadText().startsWith(QStringLiteral("{\n  \"user_id\": 1,\n  \"email\": \"%1\",\n")
                                                      .arg(QString::fromStdString(rows.rows[0][1].asText()))));
        // The source row beside it: 15 columns, the key marked.
        QCOMPARE(preview->sourceRow()->rowCount(), 15);
        QCOMPARE(preview->sourceRow()->index(1, SourceRowModel::ValueColumn).data().toString(),
                 QString::fromStdString(rows.rows[0][1].asText()));

        // The page fits beside the project explorer in a 1280-pixel window:
        // it does not push the explorer down to a sliver.
        QVERIFY2(w.currentSyncEditor()->minimumSizeHint().width() <= 900,
                 qPrintable(QString::number(w.currentSyncEditor()->minimumSizeHint().width())));
        QVERIFY2(w.projectTree()->width() >= 180, qPrintable(QString::number(w.projectTree()->width())));
    }

    void saysWhyTheColumnsCannotBeRead()
    {
        const QString path = newDemo();
        MainWindow w;
        QVERIFY(showWithProject(w, path));
        QVERIFY(w.document()->edit("Break the model", [](ProjectConfig &c) {
            for (auto &m : c.models)
                if (m.name == "user_360")
                    m.sql = "SELECT * FROM no_such_table";
        }));
        QVERIFY(w.selectItem("sync:user_360_to_file"));
        auto *page = w.currentSyncEditor()->findChild<SyncMappingPage *>("mapping");
        QVERIFY(page);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading(), 20000);
        QVERIFY2(page->errorText().startsWith("The model's columns could not be read:"), qPrintable(page->errorText()));
        QVERIFY(page->errorText().contains("no_such_table"));
        QVERIFY(page->preview()->errorText().startsWith("The model's rows could not be read:"));
        QCOMPARE(page->preview()->countsText(), QString("No rows to preview"));
        // The mapping's summary never says "No problems" while nothing can be previewed.
        QTRY_VERIFY2(page->editor()->problemSummary().contains("the preview fails"),
                     qPrintable(page->editor()->problemSummary()));
        QVERIFY(page->editor()->document()->columns().empty());
        // Undoing the change to the model reads the columns again.
        w.document()->undoStack()->undo();
        QTRY_COMPARE_WITH_TIMEOUT(int(page->editor()->document()->columns().size()), 15, 20000);
        QTRY_VERIFY(page->errorText().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(page->preview()->model()->rowCount(), 20, 20000);
        QVERIFY(page->preview()->errorText().isEmpty());
    }

    // Issue 15: past twenty fields the mapping opens on the table; the demo's 15 on the canvas.
    void aWideSyncOpensOnTheTable()
    {
        const QString path = newDemo();
        MainWindow w;
        QVERIFY(showWithProject(w, path));
        QVERIFY(w.document()->edit("Widen", [](ProjectConfig &c) {
            std::string sql = "SELECT user_id";
            for (int i = 1; i <= 24; ++i)
                sql += ", email AS email_" + std::to_string(i);
            c.models.push_back(ModelDef{"wide", "warehouse", sql + " FROM users", {"user_id"}, ""});
            c.syncs.push_back(SyncDef{"wide_to_file", "wide", "user_360_file", "mirror", json::array(), {}});
        }));
        SyncMappingPage *narrow = openSync(w, "user_360_to_file");
        QVERIFY(narrow);
        QCOMPARE(narrow->editor()->tabs()->currentWidget(), static_cast<QWidget *>(narrow->editor()->view()));
        SyncMappingPage *wide = openSync(w, "wide_to_file");
        QVERIFY(wide);
        QTRY_COMPARE(wide->editor()->tabs()->currentWidget(), static_cast<QWidget *>(wide->editor()->tableView()));
    }

    void dragAndDropEditsTheProjectWithUndoAndRedo()
    {
        const QString path = newDemo();
        MainWindow w;
        QVERIFY(showWithProject(w, path, Focus::Active));
        SyncMappingPage *page = openSync(w, "user_360_to_file");
        QVERIFY(page);
        MappingEditor *editor = page->editor();
        PayloadPreviewPane *preview = page->preview();
        QUndoStack *undo = w.document()->undoStack();
        QCOMPARE(undo->count(), 0);

        // Exactly one Undo and one Redo shortcut in the window: the project's.
        int undoShortcuts = 0, redoShortcuts = 0;
        for (QAction *a : w.findChildren<QAction *>()) {
            undoShortcuts += a->shortcuts().contains(QKeySequence(QKeySequence::Undo));
            redoShortcuts += a->shortcuts().contains(QKeySequence(QKeySequence::Redo));
        }
        QCOMPARE(undoShortcuts, 1);
        QCOMPARE(redoShortcuts, 1);
        QVERIFY(editor->hasExternalUndo());

        const ModelPreview rows = engineRows(path, "user_360", 20);
        const std::size_t emailColumn = columnIndex(rows, "email");
        const std::string email1 = rows.rows[0][emailColumn].asText();
        const QString payload1 = QStringLiteral("{\"email\": \"%1\"}").arg(QString::fromStdString(email1));

        // Drag the email column onto the email field.
        QSignalSpy updated(preview, &PayloadPreviewPane::updated);
        QVERIFY(dragColumnToField(editor, "email", "email"));
        const json one = J("[{'field': 'email', 'column': 'email'}]");
        QCOMPARE_JSON(editor->mapping(), one);
        QVERIFY(editor->scene()->edgeForField("email"));
        // One undo step on the project stack, saved in the project file.
        QCOMPARE(undo->count(), 1);
        QCOMPARE(undo->text(0), QString("Edit mapping of user_360_to_file: Connect email to email"));
        QCOMPARE_JSON(savedMapping(path, "user_360_to_file"), one);
        QCOMPARE_JSON(w.document()->sync("user_360_to_file")->mapping, one);
        // The preview follows after its debounce, off the GUI thread.
        QVERIFY(preview->isBusy());
        QVERIFY(updated.wait(5000));
        QCOMPARE(updated.count(), 1);
        QVERIFY(!preview->model()->result().columnNamesMapping);
        QCOMPARE(preview->model()->index(0, PayloadPreviewModel::PayloadColumn).data().toString(), payload1);
        QCOMPARE(preview->payloadText(),
                 QStringLiteral("{\n  \"email\": \"%1\"\n}").arg(QString::fromStdString(email1)));
        QCOMPARE(preview->countsText(), QString("20 rows: 20 ok, 0 rejected, 0 filtered out · the model's first rows"));
        // Another row, chosen in the row list.
        preview->selectRow(2);
        QCOMPARE(preview->payloadText(), QStringLiteral("{\n  \"email\": \"%1\"\n}")
                                             .arg(QString::fromStdString(rows.rows[2][emailColumn].asText())));
        QCOMPARE(preview->sourceRow()->index(int(emailColumn), SourceRowModel::ValueColumn).data().toString(),
                 QString::fromStdString(rows.rows[2][emailColumn].asText()));
        preview->selectRow(0);

        // A second drag is a second step.
        QVERIFY(dragColumnToField(editor, "first_name", "first_name"));
        const json two = J("[{'field': 'email', 'column': 'email'}, {'field': 'first_name', 'column': 'first_name'}]");
        QCOMPARE_JSON(savedMapping(path, "user_360_to_file"), two);
        QCOMPARE(undo->count(), 2);
        QTRY_COMPARE(preview->model()->index(0, PayloadPreviewModel::PayloadColumn).data().toString(),
                     QStringLiteral("{\"email\": \"%1\", \"first_name\": \"%2\"}")
                         .arg(QString::fromStdString(email1), QString::fromStdString(rows.rows[0][2].asText())));

        // Edit > Undo: gone from the canvas, the file and the preview.
        QAction *undoAction = menuAction(w, "Edit", "Undo");
        QAction *redoAction = menuAction(w, "Edit", "Redo");
        QVERIFY(undoAction && redoAction);
        undoAction->trigger();
        QCOMPARE_JSON(editor->mapping(), one);
        QVERIFY(!editor->scene()->edgeForField("first_name"));
        QCOMPARE_JSON(savedMapping(path, "user_360_to_file"), one);
        QTRY_COMPARE(preview->model()->index(0, PayloadPreviewModel::PayloadColumn).data().toString(), payload1);

        // Ctrl+Z with the canvas focused reaches the same project stack.
        editor->view()->setFocus();
        QTRY_VERIFY(editor->view()->hasFocus());
        QTest::keyClick(editor->view(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(undo->index(), 0);
        QCOMPARE_JSON(editor->mapping(), json::array());
        QVERIFY(!editor->scene()->edgeForField("email"));
        QCOMPARE_JSON(savedMapping(path, "user_360_to_file"), json::array());
        QTRY_VERIFY(preview->model()->result().columnNamesMapping);
        QVERIFY(preview->payloadText().startsWith("{\n  \"user_id\": 1,"));

        // Ctrl+Shift+Z and Edit > Redo bring both back.
        QTest::keyClick(editor->view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE_JSON(editor->mapping(), one);
        QVERIFY(editor->scene()->edgeForField("email"));
        QCOMPARE_JSON(savedMapping(path, "user_360_to_file"), one);
        QTRY_COMPARE(preview->model()->index(0, PayloadPreviewModel::PayloadColumn).data().toString(), payload1);
        QCOMPARE(preview->payloadText(),
                 QStringLiteral("{\n  \"email\": \"%1\"\n}").arg(QString::fromStdString(email1)));
        redoAction->trigger();
        QCOMPARE_JSON(editor->mapping(), two);
        QCOMPARE_JSON(savedMapping(path, "user_360_to_file"), two);
        QCOMPARE(undo->count(), 2);
        QCOMPARE(undo->index(), 2);
    }

    void typingIsOneUndoStep()
    {
        const QString path = newDemo();
        MainWindow w;
        QVERIFY(showWithProject(w, path, Focus::Active));
        SyncMappingPage *page = openSync(w, "user_360_to_file");
        QVERIFY(page);
        MappingEditor *editor = page->editor();
        QUndoStack *undo = w.document()->undoStack();

        // A static value for "city": choosing the kind is one step, typing another.
        editor->openFieldEditor("city");
        auto *fieldEditor = qobject_cast<FieldEditor *>(editor->inlineEditor());
        QVERIFY(fieldEditor);
        QVERIFY(editor->document()->setSourceKind("city", SourceKind::Value));
        QCOMPARE(undo->count(), 1);
        QCOMPARE_JSON(savedMapping(path, "user_360_to_file"), J("[{'field': 'city', 'value': ''}]"));
        QTRY_VERIFY(fieldEditor->valueEdit()->isVisible());
        fieldEditor->valueEdit()->setFocus();
        QTest::keyClicks(fieldEditor->valueEdit(), "Paris");
        QCOMPARE(undo->count(), 2);
        QCOMPARE(undo->text(1), QString("Edit mapping of user_360_to_file: Set static value of city"));
        QCOMPARE_JSON(savedMapping(path, "user_360_to_file"), J("[{'field': 'city', 'value': 'Paris'}]"));
        QTRY_COMPARE(page->preview()->model()->index(0, PayloadPreviewModel::PayloadColumn).data().toString(),
                     QString("{\"city\": \"Paris\"}"));
        // Ctrl+Z in the text field is the project's Undo (not the field's own):
        // it takes the whole word back; then the kind.
        QVERIFY(fieldEditor->valueEdit()->hasFocus());
        QTest::keyClick(fieldEditor->valueEdit(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(undo->index(), 1);
        QCOMPARE_JSON(editor->mapping(), J("[{'field': 'city', 'value': ''}]"));
        QCOMPARE_JSON(savedMapping(path, "user_360_to_file"), J("[{'field': 'city', 'value': ''}]"));
        undo->undo();
        QCOMPARE_JSON(editor->mapping(), json::array());
        undo->redo();
        undo->redo();
        QCOMPARE_JSON(editor->mapping(), J("[{'field': 'city', 'value': 'Paris'}]"));
    }

    void previewHighlightsRejectedAndFilteredRows()
    {
        const QString path = newDemo();
        MainWindow w;
        QVERIFY(showWithProject(w, path));
        SyncMappingPage *page = openSync(w, "user_360_to_file");
        QVERIFY(page);
        PayloadPreviewPane *preview = page->preview();
        // Row 1 (status 'suspended') fails a rule that rejects; row 4 (country JP) is filtered out.
        QSignalSpy updated(preview, &PayloadPreviewPane::updated);
        QVERIFY(w.document()->edit("Rules", [](ProjectConfig &c) {
            for (auto &s : c.syncs)
                if (s.name == "user_360_to_file") {
                    s.mapping = J("[{'field': 'email', 'column': 'email'},"
                                  " {'field': 'status', 'column': 'status', 'rules': [{'type': 'allowedValues',"
                                  "  'values': ['active', 'inactive'], 'action': 'reject'}]}]");
                    s.settings["filter"] = "country != 'JP'";
                }
        }));
        // The canvas shows the edit made elsewhere.
        QVERIFY(page->editor()->scene()->edgeForField("status"));
        QVERIFY(updated.wait(5000));
        PayloadPreviewModel *model = preview->model();
        const ModelPreview rows = engineRows(path, "user_360", 20);
        int rejected = 0, filtered = 0;
        for (const Row &r : rows.rows) {
            const bool jp = r[columnIndex(rows, "country")].toString() == "JP";
            const std::string status = r[columnIndex(rows, "status")].toString();
            filtered += jp;
            rejected += !jp && status != "active" && status != "inactive";
        }
        QVERIFY(rejected >= 1 && filtered >= 1);
        QCOMPARE(model->count(PayloadPreviewModel::Rejected), rejected);
        QCOMPARE(model->count(PayloadPreviewModel::Filtered), filtered);
        QCOMPARE(preview->countsText(),
                 QStringLiteral("20 rows: %1 ok, %2 rejected, %3 filtered out · the model's first rows")
                     .arg(20 - rejected - filtered)
                     .arg(rejected)
                     .arg(filtered));
        // Row 1: rejected, coloured, with the reason; its payload still shown.
        QCOMPARE(model->index(0, PayloadPreviewModel::ResultColumn).data().toString(), QString("rejected"));
        QVERIFY(model->index(0, PayloadPreviewModel::ResultColumn).data(Qt::BackgroundRole).isValid());
        const QString reason
            = "status: 'suspended' is not one of the allowed values: active, inactive (rejects the row)";
        QCOMPARE(model->index(0, 0).data(PayloadPreviewModel::ProblemsRole).toString(), reason);
        QVERIFY(model->index(0, 0).data(Qt::ToolTipRole).toString().contains(reason));
        preview->selectRow(0);
        QCOMPARE(preview->problemsText(), reason);
        QCOMPARE(preview->payloadText(), QStringLiteral("{\n  \"email\": \"%1\",\n  \"status\": \"suspended\"\n}")
                                             .arg(QString::fromStdString(rows.rows[0][1].asText())));
        // Row 4: filtered out, no payload.
        QCOMPARE(model->index(3, PayloadPreviewModel::ResultColumn).data().toString(), QString("filtered out"));
        QCOMPARE(model->index(3, PayloadPreviewModel::PayloadColumn).data().toString(), QString("—"));
        preview->selectRow(3);
        QCOMPARE(preview->payloadText(), QString("This row is left out by the sync's filter or sampling."));

        // A mapping that does not compile says so instead of payloads.
        QVERIFY(w.document()->edit("Broken", [](ProjectConfig &c) {
            for (auto &s : c.syncs)
                if (s.name == "user_360_to_file")
                    s.mapping = J("[{'field': 'email', 'template': '{{ nosuchcolumn }}'}]");
        }));
        QVERIFY(updated.wait(5000));
        QCOMPARE(model->rowCount(), 0);
        QVERIFY2(preview->errorText().startsWith("A run would stop here:"), qPrintable(preview->errorText()));
        QVERIFY(preview->errorText().contains("nosuchcolumn"));
        QVERIFY2(page->editor()->problemSummary().contains("the preview fails"),
                 qPrintable(page->editor()->problemSummary()));
    }

    void protectedSyncAsksOnceBeforeTheFirstEdit()
    {
        const QString path = newDemo();
        MainWindow w;
        QVERIFY(showWithProject(w, path));
        QVERIFY(w.document()->edit("Protect", [](ProjectConfig &c) {
            for (auto &s : c.syncs)
                if (s.name == "contacts_to_crm_table")
                    s.settings["protected"] = true;
        }));
        SyncMappingPage *page = openSync(w, "contacts_to_crm_table");
        QVERIFY(page);
        QVERIFY(page->statusText().endsWith(" · protected"));
        QUndoStack *undo = w.document()->undoStack();
        const int before = undo->count();
        int asked = 0;
        bool answer = false;
        forgetProtectedConfirmations();
        // The question every editor of a protected sync asks (protectedsync.h).
        setProtectedConfirmer([&](QWidget *, const QString &title, const QString &text) {
            ++asked;
            return title == "Edit a protected sync?" && text.startsWith("'contacts_to_crm_table' is protected")
                && answer;
        });
        // No: the canvas goes back to what is saved; nothing is saved or pushed.
        QVERIFY(dragColumnToField(page->editor(), "email", "email"));
        QTRY_COMPARE(asked, 1);
        QCOMPARE_JSON(page->editor()->mapping(), json::array());
        QCOMPARE_JSON(savedMapping(path, "contacts_to_crm_table"), json::array());
        QCOMPARE(undo->count(), before);
        // Yes: saved as one step; later edits are not asked about again.
        answer = true;
        QVERIFY(dragColumnToField(page->editor(), "email", "email"));
        QTRY_COMPARE(asked, 2);
        QTRY_COMPARE(undo->count(), before + 1);
        QCOMPARE(undo->text(before), QString("Edit mapping of contacts_to_crm_table: Connect email to email"));
        QCOMPARE_JSON(savedMapping(path, "contacts_to_crm_table"), J("[{'field': 'email', 'column': 'email'}]"));
        QVERIFY(dragColumnToField(page->editor(), "user_tier", "user_tier"));
        QCOMPARE(undo->count(), before + 2);
        QCOMPARE(asked, 2);
    }

    void dryRunShowsThePlanAndSamples()
    {
        const QString path = newDemo();
        MainWindow w;
        QVERIFY(showWithProject(w, path));
        SyncMappingPage *page = openSync(w, "user_360_to_file");
        QVERIFY(page);
        QVERIFY(dragColumnToField(page->editor(), "email", "email"));
        QVERIFY(dragColumnToField(page->editor(), "user_tier", "user_tier"));
        QSignalSpy finished(page, &SyncMappingPage::dryRunFinished);
        page->runDryRun();
        QCOMPARE(page->panes()->currentWidget(), page->dryRun());
        QVERIFY(page->dryRun()->isRunning());
        QVERIFY(finished.wait(30000));
        DryRunPane *dry = page->dryRun();
        QVERIFY(dry->summary());
        QCOMPARE(QString::fromStdString(dry->summary()->status), QString("succeeded"));
        // A fresh sync of 1000 demo users: everything is new.
        QCOMPARE(dry->countsText(), QString("1000 added, 0 changed, 0 removed, 0 unchanged"));
        // Samples as the engine recorded them, with the current mapping.
        DryRunSampleModel *samples = dry->samples();
        QCOMPARE(samples->count("added"), 5);
        QCOMPARE(samples->rowCount(), 5);
        const ModelPreview rows = engineRows(path, "user_360", 1000);
        const QString key = samples->index(0, DryRunSampleModel::KeyColumn).data().toString();
        const Row *sampled = nullptr;
        for (const Row &r : rows.rows)
            if (QString::fromStdString(r[0].toString()) == key)
                sampled = &r;
        QVERIFY2(sampled, qPrintable(key));
        const QString payload = QStringLiteral("{\"email\": \"%1\", \"user_tier\": \"%2\"}")
                                    .arg(QString::fromStdString((*sampled)[1].asText()),
                                         QString::fromStdString((*sampled)[columnIndex(rows, "user_tier")].asText()));
        QCOMPARE(samples->index(0, DryRunSampleModel::PayloadColumn).data().toString(), payload);
        QCOMPARE(samples->index(0, DryRunSampleModel::KindColumn).data().toString(), QString("added"));
        QCOMPARE(oneLineJson(dry->payloadText().toStdString()), payload);
        // Nothing was sent: the file does not exist; the dry run is in the history.
        QVERIFY(
            !QFileInfo::exists(QFileInfo(path).dir().filePath(QFileInfo(path).completeBaseName() + ".user_360.jsonl")));
        SyncPage *runs = w.syncPage();
        QCOMPARE(runs->history()->rowCount(), 1);
        QCOMPARE(runs->history()->index(0, RunHistoryModel::Kind).data().toString(), QString("dry run"));

        if (const QString shots = qEnvironmentVariable("SLUICE_SCREENSHOT_DIR"); !shots.isEmpty()) {
            dry->samplesView()->selectRow(1);
            QTest::qWait(200);
            QVERIFY(w.grab().save(QDir(shots).filePath("dry-run.png")));
        }
    }
};

QTEST_MAIN(TstSyncMapping)
#include "tst_syncmapping.moc"

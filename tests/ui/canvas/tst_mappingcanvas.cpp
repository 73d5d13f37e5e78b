// The mapping designer (ui/canvas) as a user drives it: drag columns onto
// fields, drop transforms from the palette onto edges, edit them inline,
// delete with the keyboard, auto-map, and the table of the same mapping.
// Every edit is an undo step; every command round-trips.
//
// Drag and drop: the drags start with real mouse presses and moves on the
// view's viewport (the column item decides when a drag begins), but QDrag::exec
// cannot be driven offscreen (it runs its own event loop waiting for the
// platform), so the scene's drag starter hands the mime data to the test,
// which then sends QDragEnterEvent/QDragMoveEvent/QDropEvent to the viewport
// at the target item, exactly as Qt delivers a real drop to QGraphicsView.

#include "canvas/mappingcommands.h"
#include "canvas/mappingdocument.h"
#include "canvas/mappingeditor.h"
#include "canvas/mappingitems.h"
#include "canvas/mappingscene.h"
#include "canvas/mappingtablemodel.h"
#include "canvas/mappingview.h"
#include "canvas/stepeditor.h"
#include "canvas/transformpalettemodel.h"
#include "jsoncompare.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMimeData>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <functional>
#include <memory>

using namespace sluice;
using namespace sluice::ui;
using namespace sluice::test;
using nlohmann::json;

namespace {

Column col(const char *name, ValueType type = ValueType::Text)
{
    return Column{name, type, {}};
}

DestinationField field(const char *name, FieldType type = FieldType::Text, bool required = false,
                       bool identifier = false)
{
    return DestinationField{name, type, required, identifier};
}

// The columns and fields of the auto-map scenario.
std::vector<Column> autoMapColumns()
{
    return {col("user_id", ValueType::Integer), col("Email"), col("first_name"), col("Phone")};
}

std::vector<DestinationField> autoMapFields()
{
    return {field("email", FieldType::Text, true, true), field("firstname"), field("phone"), field("lifecycle")};
}

bool sendDrop(QGraphicsView *view, const QMimeData *data, const QPointF &scenePos)
{
    QWidget *viewport = view->viewport();
    const QPoint pos = view->mapFromScene(scenePos);
    const Qt::DropActions actions = Qt::CopyAction | Qt::LinkAction;
    QDragEnterEvent enter(pos, actions, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &enter);
    QDragMoveEvent move(pos, actions, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    if (!move.isAccepted())
        return false;
    QDropEvent drop(QPointF(pos), actions, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &drop);
    return drop.isAccepted();
}

// Shows the widget and makes its window active, so keyboard focus and
// shortcuts work as they do for a user.
bool showActive(QWidget &widget)
{
    widget.show();
    widget.activateWindow();
    return QTest::qWaitForWindowActive(&widget);
}

QPointF edgeMiddle(EdgeItem *edge)
{
    return edge->path().pointAtPercent(0.5);
}

} // namespace

class TstMappingCanvas : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    }

    // ------------------------------------------------------------ document

    void documentRoundTripsExactly()
    {
        const json mapping = J(
            "[{'field': 'email', 'column': 'email', 'transforms': [{'type': 'trim'}, {'type': 'lower'}],"
            "  'rules': [{'type': 'email', 'action': 'reject'}]},"
            " {'field': 'full_name', 'template': '{{ first_name | trim }} {{ last_name }}'},"
            " {'field': 'lifecyclestage', 'column': 'status', 'transforms': [{'type': 'valueMap',"
            "  'map': {'active': 'customer', 'inactive': 'lead'}, 'unmapped': 'default', 'default': 'other'}]},"
            " {'field': 'source', 'value': 'sluice', 'comment': 'kept as written'},"
            " {'field': 'score', 'value': null, 'transforms': [], 'rules': []},"
            " {'field': 'name', 'transforms': [{'type': 'concatenate', 'columns': ['first_name', 'last_name'],"
            "  'separator': ' ', 'x-future-option': {'nested': [1, 2]}}]},"
            " {'field': 'typo', 'colum': 'email'}]");
        MappingDocument doc;
        doc.load(mapping);
        QCOMPARE_JSON(doc.toJson(), mapping);
        QCOMPARE(int(doc.entries().size()), 7);
        QVERIFY(std::all_of(doc.entries().begin(), doc.entries().end(), [](const MappingEntry &e) { return e.valid; }));
        const MappingEntry *name = doc.entryForField("name");
        QCOMPARE(name->source, SourceKind::None);
        QCOMPARE(int(name->transforms.size()), 1);
        QCOMPARE_JSON(doc.entryForField("source")->extra, J("{'comment': 'kept as written'}"));
        QCOMPARE_JSON(doc.entryForField("score")->value, json());
    }

    void invalidEntriesLoadWithoutCrashing()
    {
        const json junk = J("[42, 'text', null, [], {'column': 'Email'}, {'field': ''},"
                            " {'field': 'a', 'column': 'Email', 'value': 1},"
                            " {'field': 'b', 'transforms': 'trim'},"
                            " {'field': 'c', 'column': 'Email', 'transforms': [{'notype': 1}]},"
                            " {'field': 'd', 'column': 7}, {'field': 'e', 'value': {'x': 1}},"
                            " {'field': 'email', 'column': 'Email'}, {'field': 'email', 'column': 'Phone'},"
                            " {'field': 'phone', 'column': 'Phone', 'transforms': [{'type': 'nosuchthing'}]},"
                            " {'field': 'firstname', 'colum': 'first_name'}]");
        MappingEditor editor;
        editor.setColumns(autoMapColumns());
        editor.setDestinationFields(autoMapFields());
        editor.setMapping(junk);
        editor.resize(1000, 700);
        QVERIFY(showActive(editor));
        editor.scene()->flushPendingUpdates();
        QCOMPARE_JSON(editor.mapping(), junk); // written back exactly, invalid entries included
        MappingDocument *doc = editor.document();
        const int invalid = int(std::count_if(doc->entries().begin(), doc->entries().end(),
                                              [](const MappingEntry &e) { return !e.valid; }));
        QCOMPARE(invalid, 12); // all but 'email', 'phone' and 'firstname'
        QVERIFY(doc->entryForField("email")->valid);
        QCOMPARE(doc->entryForField("email")->column, QString("Email")); // the duplicate is the invalid one

        // Problems: the unknown transform on its node, the typo on its field,
        // the unreadable entries on theirs, the field-less ones in the general list.
        EdgeItem *phone = editor.scene()->edgeForField("phone");
        QVERIFY(phone);
        QVERIFY(phone->transformNode(0)->hasProblem());
        QVERIFY(phone->transformNode(0)->toolTip().contains("unknown transform 'nosuchthing'"));
        FieldItem *first = editor.scene()->fieldItem("firstname");
        QVERIFY(first->hasErrors());
        QVERIFY(first->problemToolTip().contains("unknown key 'colum'"));
        QVERIFY(editor.scene()->fieldItem("a")->problemToolTip().contains("more than one of"));
        QVERIFY(editor.scene()->edgeForField("a")->sourceNode()->hasProblem());
        bool generalShown = false;
        for (QLabel *l : editor.findChildren<QLabel *>())
            generalShown |= l->isVisible() && l->text().contains("Entry 1 cannot be read: the entry is not an object");
        QVERIFY(generalShown);

        // The table shows them too, and editing an unreadable entry replaces it (undoably).
        MappingTableModel *table = editor.tableModel();
        const int rowA = table->rowOf("a");
        QVERIFY(rowA >= 0);
        QCOMPARE(table->index(rowA, MappingTableModel::SourceKindColumn).data().toString(), QString("Invalid entry"));
        QVERIFY(editor.document()->connectColumn("a", "Email"));
        QVERIFY(doc->entryForField("a")->valid);
        editor.undoStack()->undo();
        QCOMPARE_JSON(editor.mapping(), junk);

        // Not a list at all.
        editor.setMapping(J("{'not': 'a list'}"));
        QCOMPARE_JSON(editor.mapping(), json::array());
        QCOMPARE(int(doc->generalProblems().size()), 2); // not a list; no identifier mapped
        editor.setMapping(json());
        QCOMPARE_JSON(editor.mapping(), json::array());
    }

    // Every command: redo, undo, redo leave identical JSON, and the canvas
    // and table follow.
    void everyCommandRoundTrips_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *n : {"connect new", "connect existing", "connect over invalid", "disconnect",
                              "disconnect several", "static value", "static value over column", "template",
                              "clear source keeps transforms", "clear source removes", "source kind template",
                              "insert transform first", "insert transform last", "insert transform new entry",
                              "remove transform", "remove last transform of sourceless", "set option",
                              "remove option", "move transform", "add rule", "remove rule", "set rule option",
                              "rewire to free field", "rewire to mapped field", "auto-map", "replace mapping"})
            QTest::newRow(n) << QString::fromLatin1(n);
    }

    void everyCommandRoundTrips()
    {
        QFETCH(QString, name);
        const std::map<QString, std::function<bool(MappingDocument &)>> edits = {
            {"connect new", [](MappingDocument &d) { return d.connectColumn("phone", "Phone"); }},
            {"connect existing", [](MappingDocument &d) { return d.connectColumn("email", "first_name"); }},
            {"connect over invalid", [](MappingDocument &d) { return d.connectColumn("broken", "Email"); }},
            {"disconnect", [](MappingDocument &d) { return d.disconnect("email"); }},
            {"disconnect several", [](MappingDocument &d) { return d.disconnectFields({"email", "lifecycle", "broken"}); }},
            {"static value", [](MappingDocument &d) { return d.setStaticValue("phone", 42); }},
            {"static value over column", [](MappingDocument &d) { return d.setStaticValue("email", "x@y.z"); }},
            {"template", [](MappingDocument &d) { return d.setTemplate("firstname", "{{ first_name | trim }}"); }},
            {"clear source keeps transforms", [](MappingDocument &d) { return d.setSourceKind("lifecycle", SourceKind::None); }},
            {"clear source removes", [](MappingDocument &d) { return d.setSourceKind("email", SourceKind::None); }},
            {"source kind template", [](MappingDocument &d) { return d.setSourceKind("email", SourceKind::Template); }},
            {"insert transform first", [](MappingDocument &d) { return d.insertStep("lifecycle", StepList::Transforms, 0, J("{'type': 'trim'}")); }},
            {"insert transform last", [](MappingDocument &d) { return d.insertStep("lifecycle", StepList::Transforms, -1, J("{'type': 'upper'}")); }},
            {"insert transform new entry", [](MappingDocument &d) { return d.insertStep("phone", StepList::Transforms, 0, J("{'type': 'concatenate', 'columns': ['Phone']}")); }},
            {"remove transform", [](MappingDocument &d) { return d.removeStep("lifecycle", StepList::Transforms, 1); }},
            {"remove last transform of sourceless", [](MappingDocument &d) { return d.removeStep("name", StepList::Transforms, 0); }},
            {"set option", [](MappingDocument &d) { return d.setStepOption("lifecycle", StepList::Transforms, 1, "unmapped", "null"); }},
            {"remove option", [](MappingDocument &d) { return d.setStepOption("lifecycle", StepList::Transforms, 1, "ignoreCase", {}, true); }},
            {"move transform", [](MappingDocument &d) { return d.moveStep("lifecycle", StepList::Transforms, 0, 1); }},
            {"add rule", [](MappingDocument &d) { return d.insertStep("email", StepList::Rules, -1, J("{'type': 'required'}")); }},
            {"remove rule", [](MappingDocument &d) { return d.removeStep("email", StepList::Rules, 0); }},
            {"set rule option", [](MappingDocument &d) { return d.setStepOption("email", StepList::Rules, 0, "action", "warn"); }},
            {"rewire to free field", [](MappingDocument &d) { return d.rewire("email", "phone"); }},
            {"rewire to mapped field", [](MappingDocument &d) { return d.rewire("email", "lifecycle"); }},
            {"auto-map", [](MappingDocument &d) { return d.autoMap() == 2; }},
            {"replace mapping", [](MappingDocument &d) { return d.replaceMapping(J("[{'field': 'phone', 'value': '+86'}]")); }},
        };
        const json start = J("[{'field': 'email', 'column': 'Email', 'rules': [{'type': 'email'}], 'comment': 'id'},"
                             " {'field': 'lifecycle', 'column': 'user_id', 'transforms': [{'type': 'lower'},"
                             "  {'type': 'valueMap', 'map': {'a': 'b'}, 'ignoreCase': true}]},"
                             " {'field': 'broken', 'value': [1]},"
                             " {'field': 'name', 'transforms': [{'type': 'concatenate', 'columns': ['first_name']}]}]");
        MappingEditor editor;
        editor.setColumns(autoMapColumns());
        editor.setDestinationFields(autoMapFields());
        editor.setMapping(start);
        MappingDocument &doc = *editor.document();
        QUndoStack *stack = editor.undoStack();
        QCOMPARE(stack->count(), 0);

        auto canvasMatches = [&] {
            // One edge per mapped field, each showing the entry's transforms; one table row per field.
            QSet<QString> fields;
            for (const MappingEntry &e : doc.entries())
                fields.insert(e.field);
            int edges = 0;
            for (const QString &f : fields) {
                EdgeItem *edge = editor.scene()->edgeForField(f);
                if (!edge)
                    return false;
                ++edges;
                const MappingEntry *e = doc.entryForField(f);
                if (e->valid && int(std::count_if(edge->nodes().begin(), edge->nodes().end(), [](NodeItem *n) {
                                    return n->kind() == NodeItem::Kind::Transform;
                                })) != int(e->transforms.size()))
                    return false;
                const int row = editor.tableModel()->rowOf(f);
                if (row < 0)
                    return false;
                const QString shown = editor.tableModel()->index(row, MappingTableModel::SourceColumn).data().toString();
                if (e->valid && e->source == SourceKind::Column && shown != e->column)
                    return false;
            }
            return editor.tableModel()->rowCount() == int(doc.fieldNames().size());
        };

        const json before = doc.toJson();
        QVERIFY(edits.at(name)(doc));
        QCOMPARE(stack->count(), 1);
        const json after = doc.toJson();
        QVERIFY(after != before);
        QVERIFY(canvasMatches());
        stack->undo();
        QCOMPARE_JSON(doc.toJson(), before);
        QVERIFY(canvasMatches());
        stack->redo();
        QCOMPARE_JSON(doc.toJson(), after);
        QVERIFY(canvasMatches());
        stack->undo();
        QCOMPARE_JSON(doc.toJson(), before);
        stack->redo();
        QCOMPARE_JSON(doc.toJson(), after);
        QVERIFY(canvasMatches());
    }

    void noOpEditsPushNothing()
    {
        MappingDocument doc;
        doc.setColumns(autoMapColumns());
        doc.setDestinationFields(autoMapFields());
        doc.load(J("[{'field': 'email', 'column': 'Email'}]"));
        QVERIFY(!doc.connectColumn("email", "Email"));
        QVERIFY(!doc.disconnect("phone"));
        QVERIFY(!doc.removeStep("email", StepList::Transforms, 0));
        QVERIFY(!doc.moveStep("email", StepList::Transforms, 0, 1));
        QVERIFY(!doc.rewire("email", "email"));
        QVERIFY(!doc.insertStep("email", StepList::Transforms, 0, J("{'no': 'type'}")));
        QCOMPARE(doc.undoStack()->count(), 0);
    }

    void typingInOneOptionMergesIntoOneStep()
    {
        MappingDocument doc;
        doc.load(J("[{'field': 'x', 'column': 'c', 'transforms': [{'type': 'default', 'value': ''}]}]"));
        const json before = doc.toJson();
        for (const char *text : {"u", "un", "unk", "unknown"})
            QVERIFY(doc.setStepOption("x", StepList::Transforms, 0, "value", text, false, 7));
        QCOMPARE(doc.undoStack()->count(), 1);
        QCOMPARE_JSON(doc.toJson()[0]["transforms"][0]["value"], json("unknown"));
        // Another option, or another session, is another step.
        QVERIFY(doc.setStepOption("x", StepList::Transforms, 0, "value", "unknown!", false, 8));
        QCOMPARE(doc.undoStack()->count(), 2);
        doc.undoStack()->undo();
        doc.undoStack()->undo();
        QCOMPARE_JSON(doc.toJson(), before);
        // Typing back to where it started leaves no step at all.
        QVERIFY(doc.setStepOption("x", StepList::Transforms, 0, "value", "a", false, 9));
        QVERIFY(doc.setStepOption("x", StepList::Transforms, 0, "value", "", false, 9));
        QCOMPARE(doc.undoStack()->count(), 0);
        QCOMPARE_JSON(doc.toJson(), before);
    }

    // ------------------------------------------------------------ canvas

    void buildMappingByDragAndDrop()
    {
        MappingEditor editor;
        editor.setColumns(autoMapColumns());
        editor.setDestinationFields(autoMapFields());
        editor.setMapping(json::array());
        editor.resize(1100, 700);
        QVERIFY(showActive(editor));
        MappingView *view = editor.view();
        MappingScene *scene = editor.scene();
        std::unique_ptr<QMimeData> dragged;
        scene->setDragStarter([&](QMimeData *data) { dragged.reset(data); });

        auto dragColumnToField = [&](const QString &column, const QString &fieldName) {
            ColumnItem *c = scene->columnItem(column);
            FieldItem *f = scene->fieldItem(fieldName);
            if (!c || !f)
                return false;
            dragged.reset();
            const QPoint from = view->mapFromScene(c->sceneBoundingRect().center());
            QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
            QTest::mouseMove(view->viewport(), from + QPoint(QApplication::startDragDistance() + 20, 4));
            QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, from + QPoint(QApplication::startDragDistance() + 20, 4));
            if (!dragged || QString::fromUtf8(dragged->data("application/x-sluice-column")) != column)
                return false;
            return sendDrop(view, dragged.get(), f->sceneBoundingRect().center());
        };

        const std::vector<json> steps = {
            J("[{'field': 'phone', 'column': 'Phone'}]"),
            J("[{'field': 'email', 'column': 'Email'}, {'field': 'phone', 'column': 'Phone'}]"),
            J("[{'field': 'email', 'column': 'Email'}, {'field': 'firstname', 'column': 'first_name'},"
              " {'field': 'phone', 'column': 'Phone'}]"),
            J("[{'field': 'email', 'column': 'Email'}, {'field': 'firstname', 'column': 'first_name'},"
              " {'field': 'phone', 'column': 'Phone'}, {'field': 'lifecycle', 'column': 'user_id'}]"),
            // Dropping another column on a mapped field reconnects it.
            J("[{'field': 'email', 'column': 'Email'}, {'field': 'firstname', 'column': 'first_name'},"
              " {'field': 'phone', 'column': 'Phone'}, {'field': 'lifecycle', 'column': 'first_name'}]"),
        };
        QVERIFY(dragColumnToField("Phone", "phone"));
        QCOMPARE_JSON(editor.mapping(), steps[0]);
        QVERIFY(dragColumnToField("Email", "email"));
        QCOMPARE_JSON(editor.mapping(), steps[1]); // in destination field order, whatever the drag order
        QVERIFY(dragColumnToField("first_name", "firstname"));
        QCOMPARE_JSON(editor.mapping(), steps[2]);
        QVERIFY(dragColumnToField("user_id", "lifecycle"));
        QCOMPARE_JSON(editor.mapping(), steps[3]);
        QVERIFY(dragColumnToField("first_name", "lifecycle"));
        QCOMPARE_JSON(editor.mapping(), steps[4]);
        QCOMPARE(editor.undoStack()->count(), 5);
        QCOMPARE(scene->edgeForField("lifecycle")->column(), QString("first_name"));

        // Undo each step, then redo each.
        for (int i = 3; i >= 0; --i) {
            editor.undoStack()->undo();
            QCOMPARE_JSON(editor.mapping(), steps[std::size_t(i)]);
        }
        editor.undoStack()->undo();
        QCOMPARE_JSON(editor.mapping(), json::array());
        QVERIFY(!scene->edgeForField("phone"));
        for (std::size_t i = 0; i < steps.size(); ++i) {
            editor.undoStack()->redo();
            QCOMPARE_JSON(editor.mapping(), steps[i]);
        }
        QVERIFY(scene->edgeForField("phone"));

        // A transform dropped on a column is refused.
        auto *palette = editor.paletteModel();
        std::unique_ptr<QMimeData> trim(palette->mimeData({palette->index(palette->rowOf("trim"))}));
        QVERIFY(!sendDrop(view, trim.get(), scene->columnItem("Email")->sceneBoundingRect().center()));
        QCOMPARE_JSON(editor.mapping(), steps.back());
    }

    void rewireByDraggingTheEdgeEnd()
    {
        MappingEditor editor;
        editor.setColumns(autoMapColumns());
        editor.setDestinationFields(autoMapFields());
        editor.setMapping(J("[{'field': 'email', 'column': 'Email', 'transforms': [{'type': 'trim'}]},"
                            " {'field': 'phone', 'column': 'Phone'}]"));
        editor.resize(1100, 700);
        QVERIFY(showActive(editor));
        MappingView *view = editor.view();
        MappingScene *scene = editor.scene();
        std::unique_ptr<QMimeData> dragged;
        scene->setDragStarter([&](QMimeData *data) { dragged.reset(data); });

        EdgeItem *edge = scene->edgeForField("email");
        const QPoint grab = view->mapFromScene(edge->endPoint() - QPointF(12, 0));
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, grab);
        QTest::mouseMove(view->viewport(), grab + QPoint(0, 40));
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, grab + QPoint(0, 40));
        QVERIFY(dragged);
        QVERIFY(sendDrop(view, dragged.get(), scene->fieldItem("firstname")->sceneBoundingRect().center()));
        QCOMPARE_JSON(editor.mapping(), J("[{'field': 'firstname', 'column': 'Email', 'transforms': [{'type': 'trim'}]},"
                                     " {'field': 'phone', 'column': 'Phone'}]"));
        // Onto a mapped field: replaces what it had, in one step.
        QVERIFY(sendDrop(view, std::unique_ptr<QMimeData>([] {
                             auto *d = new QMimeData;
                             d->setData("application/x-sluice-edge-end", "firstname");
                             return d;
                         }()).get(),
                         scene->fieldItem("phone")->sceneBoundingRect().center()));
        QCOMPARE_JSON(editor.mapping(), J("[{'field': 'phone', 'column': 'Email', 'transforms': [{'type': 'trim'}]}]"));
        editor.undoStack()->undo();
        editor.undoStack()->undo();
        QCOMPARE_JSON(editor.mapping(), J("[{'field': 'email', 'column': 'Email', 'transforms': [{'type': 'trim'}]},"
                                     " {'field': 'phone', 'column': 'Phone'}]"));
    }

    void autoMapConnectsByName()
    {
        MappingEditor editor;
        editor.setColumns(autoMapColumns());
        editor.setDestinationFields(autoMapFields());
        editor.setMapping(json::array());
        QSignalSpy changed(&editor, &MappingEditor::mappingChanged);
        editor.autoMapAction()->trigger();
        const json expected = J("[{'field': 'email', 'column': 'Email'}, {'field': 'firstname', 'column': 'first_name'},"
                                " {'field': 'phone', 'column': 'Phone'}]");
        QCOMPARE_JSON(editor.mapping(), expected);
        QCOMPARE(editor.undoStack()->count(), 1); // one undo step for the lot
        QVERIFY(changed.count() >= 1);
        QVERIFY(editor.scene()->edgeForField("email"));
        QVERIFY(!editor.scene()->edgeForField("lifecycle"));
        QCOMPARE(editor.scene()->edgeForField("firstname")->column(), QString("first_name"));
        editor.undoStack()->undo();
        QCOMPARE_JSON(editor.mapping(), json::array());
        editor.undoStack()->redo();
        QCOMPARE_JSON(editor.mapping(), expected);
        // Nothing left to map: no step.
        QCOMPARE(editor.autoMap(), 0);
        QCOMPARE(editor.undoStack()->count(), 1);
    }

    void paletteTransformOntoEdgeAndEditInline()
    {
        MappingEditor editor;
        editor.setColumns({col("email"), col("status")});
        editor.setDestinationFields({field("email", FieldType::Text, true, true), field("lifecycle")});
        editor.setMapping(J("[{'field': 'email', 'column': 'email'}, {'field': 'lifecycle', 'column': 'status'}]"));
        editor.resize(1100, 700);
        QVERIFY(showActive(editor));
        MappingView *view = editor.view();
        MappingScene *scene = editor.scene();
        QUndoStack *stack = editor.undoStack();

        // Drag "valueMap" from the palette (its model's mime data) onto the lifecycle edge.
        TransformPaletteModel *palette = editor.paletteModel();
        const QModelIndex valueMap = palette->index(palette->rowOf("valueMap"));
        QVERIFY(valueMap.isValid());
        QVERIFY(palette->flags(valueMap) & Qt::ItemIsDragEnabled);
        std::unique_ptr<QMimeData> data(palette->mimeData({valueMap}));
        QVERIFY(sendDrop(view, data.get(), edgeMiddle(scene->edgeForField("lifecycle"))));
        QCOMPARE_JSON(editor.mapping()[1], J("{'field': 'lifecycle', 'column': 'status', 'transforms': [{'type': 'valueMap', 'map': {}}]}"));
        QCOMPARE(stack->count(), 1);
        NodeItem *node = scene->edgeForField("lifecycle")->transformNode(0);
        QVERIFY(node);
        QCOMPARE(node->label(), QString("valueMap (0)"));

        // The drop opened the inline editor on the new node.
        auto *stepEditor = qobject_cast<StepEditor *>(editor.inlineEditor());
        QVERIFY(stepEditor);
        QVERIFY(stepEditor->isVisible());
        QCOMPARE(stepEditor->field(), QString("lifecycle"));

        // The value-map table: a new row, then its target, as the table's delegate commits them.
        ValueMapModel *map = stepEditor->valueMapModel();
        QVERIFY(map);
        QCOMPARE(map->rowCount(), 1); // the empty row
        QVERIFY(map->setData(map->index(0, 0), "active", Qt::EditRole));
        QVERIFY(map->setData(map->index(0, 1), "Customer", Qt::EditRole));
        QVERIFY(map->setData(map->index(1, 0), "inactive", Qt::EditRole));
        QVERIFY(map->setData(map->index(1, 1), "Lead", Qt::EditRole));
        QCOMPARE(map->rowCount(), 3);
        // The node follows (nodes are rebuilt from the document on each change: look it up again).
        QCOMPARE(scene->edgeForField("lifecycle")->transformNode(0)->label(), QString("valueMap (2)"));
        QCOMPARE(stack->count(), 5);

        // "Unmapped values": the keyboard on the combo box (passThrough -> null -> default).
        auto *unmapped = qobject_cast<QComboBox *>(stepEditor->optionWidget("unmapped"));
        QVERIFY(unmapped);
        unmapped->setFocus();
        QTest::keyClick(unmapped, Qt::Key_Down);
        QTest::keyClick(unmapped, Qt::Key_Down);
        QCOMPARE_JSON(editor.mapping()[1]["transforms"][0]["unmapped"], json("default"));
        QCOMPARE(stack->count(), 7);

        // Typing the default: five keystrokes, one undo step.
        auto *defaultEdit = qobject_cast<QLineEdit *>(stepEditor->optionWidget("default"));
        QVERIFY(defaultEdit);
        defaultEdit->setFocus();
        QTest::keyClicks(defaultEdit, "Other");
        QCOMPARE(stack->count(), 8);
        const json expected = J("{'field': 'lifecycle', 'column': 'status', 'transforms': [{'type': 'valueMap',"
                                " 'map': {'active': 'Customer', 'inactive': 'Lead'}, 'unmapped': 'default', 'default': 'Other'}]}");
        QCOMPARE_JSON(editor.mapping()[1], expected);
        stack->undo();
        QVERIFY(!editor.mapping()[1]["transforms"][0].contains("default"));
        QCOMPARE(defaultEdit->text(), QString()); // the open editor follows undo
        stack->redo();
        QCOMPARE(defaultEdit->text(), QString("Other"));
        QCOMPARE_JSON(editor.mapping()[1], expected);

        // Escape closes the editor.
        QTest::keyClick(defaultEdit, Qt::Key_Escape);
        QTRY_VERIFY(!editor.inlineEditor());

        // Keyboard: Enter on a node opens its editor.
        scene->clearSelection();
        node = scene->edgeForField("lifecycle")->transformNode(0);
        node->setFocus();
        QTest::keyClick(view, Qt::Key_Return);
        QVERIFY(qobject_cast<StepEditor *>(editor.inlineEditor()));
        editor.closeInlineEditor();

        // The palette by keyboard: pick a transform with the edge focused; it goes last.
        scene->edgeForField("lifecycle")->setFocus();
        editor.paletteView()->setCurrentIndex(palette->index(palette->rowOf("trim")));
        emit editor.paletteView()->activated(palette->index(palette->rowOf("trim")));
        QCOMPARE_JSON(editor.mapping()[1]["transforms"][1], J("{'type': 'trim'}"));
        editor.closeInlineEditor();

        // Dropping onto a node inserts after it.
        std::unique_ptr<QMimeData> lower(palette->mimeData({palette->index(palette->rowOf("lower"))}));
        QVERIFY(sendDrop(view, lower.get(),
                         scene->edgeForField("lifecycle")->transformNode(0)->sceneBoundingRect().center()));
        QCOMPARE_JSON(editor.mapping()[1]["transforms"][1], J("{'type': 'lower'}"));
        QCOMPARE_JSON(editor.mapping()[1]["transforms"][2], J("{'type': 'trim'}"));
    }

    void deleteKeyRemovesEdgesAndNodes()
    {
        MappingEditor editor;
        editor.setColumns(autoMapColumns());
        editor.setDestinationFields(autoMapFields());
        const json start = J("[{'field': 'email', 'column': 'Email', 'transforms': [{'type': 'trim'}, {'type': 'lower'}]},"
                             " {'field': 'phone', 'column': 'Phone'}]");
        editor.setMapping(start);
        editor.resize(1100, 700);
        QVERIFY(showActive(editor));
        MappingView *view = editor.view();
        MappingScene *scene = editor.scene();

        // Click the phone edge, press Delete.
        const QPoint onEdge = view->mapFromScene(edgeMiddle(scene->edgeForField("phone")));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, onEdge);
        QVERIFY(scene->edgeForField("phone")->isSelected());
        QTest::keyClick(view, Qt::Key_Delete);
        QCOMPARE_JSON(editor.mapping(), J("[{'field': 'email', 'column': 'Email', 'transforms': [{'type': 'trim'}, {'type': 'lower'}]}]"));
        QVERIFY(!scene->edgeForField("phone"));
        QVERIFY(scene->fieldItem("phone")->hasFocus()); // focus lands on the field

        // Click the "lower" node, press Delete: only that transform goes.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->mapFromScene(scene->edgeForField("email")->transformNode(1)->sceneBoundingRect().center()));
        QTest::keyClick(view, Qt::Key_Delete);
        QCOMPARE_JSON(editor.mapping(), J("[{'field': 'email', 'column': 'Email', 'transforms': [{'type': 'trim'}]}]"));
        QVERIFY(scene->edgeForField("email")->hasFocus());

        editor.undoStack()->undo();
        editor.undoStack()->undo();
        QCOMPARE_JSON(editor.mapping(), start);
    }

    void keyboardOnlyMapping()
    {
        MappingEditor editor;
        editor.setColumns(autoMapColumns());
        editor.setDestinationFields(autoMapFields());
        editor.setMapping(json::array());
        editor.resize(1100, 700);
        QVERIFY(showActive(editor));
        MappingView *view = editor.view();
        MappingScene *scene = editor.scene();
        view->setFocus(Qt::TabFocusReason);
        QVERIFY(scene->columnItem("user_id")->hasFocus()); // Tab into the canvas lands on the first column

        // Down to Email, Tab through the columns to the first field, Ctrl+L.
        QTest::keyClick(view, Qt::Key_Down);
        QVERIFY(scene->columnItem("Email")->hasFocus());
        QTest::keyClick(view, Qt::Key_Tab);
        QTest::keyClick(view, Qt::Key_Tab);
        QTest::keyClick(view, Qt::Key_Tab);
        QVERIFY(scene->fieldItem("email")->hasFocus());
        QCOMPARE(scene->armedColumn(), QString("Phone")); // the last column Tab passed
        QTest::keyClick(view, Qt::Key_Left); // no edge yet: back to the armed column
        QVERIFY(scene->columnItem("Phone")->hasFocus());
        QTest::keyClick(view, Qt::Key_Up);
        QTest::keyClick(view, Qt::Key_Up);
        QVERIFY(scene->columnItem("Email")->hasFocus());
        QTest::keyClick(view, Qt::Key_L, Qt::ControlModifier);
        QCOMPARE_JSON(editor.mapping(), J("[{'field': 'email', 'column': 'Email'}]"));

        // Right from the column follows its edge to the field; Enter edits the field.
        QTest::keyClick(view, Qt::Key_Right);
        QVERIFY(scene->edgeForField("email")->hasFocus());
        QTest::keyClick(view, Qt::Key_Right);
        QVERIFY(scene->fieldItem("email")->hasFocus());
        QTest::keyClick(view, Qt::Key_Return);
        auto *fieldEditor = qobject_cast<FieldEditor *>(editor.inlineEditor());
        QVERIFY(fieldEditor);
        // Switch the source to a static value and type it.
        fieldEditor->sourceKindBox()->setFocus();
        const int valueIndex = fieldEditor->sourceKindBox()->findData(int(SourceKind::Value));
        fieldEditor->sourceKindBox()->setCurrentIndex(valueIndex);
        emit fieldEditor->sourceKindBox()->activated(valueIndex);
        QCOMPARE_JSON(editor.mapping(), J("[{'field': 'email', 'value': ''}]"));
        QTest::keyClicks(fieldEditor->valueEdit(), "ana@example.com");
        QCOMPARE_JSON(editor.mapping(), J("[{'field': 'email', 'value': 'ana@example.com'}]"));
        QCOMPARE(editor.undoStack()->count(), 3); // connect, source kind, typing
        QTest::keyClick(fieldEditor->valueEdit(), Qt::Key_Escape);
        QTRY_VERIFY(!editor.inlineEditor());

        // Zoom and fit from the keyboard and the wheel.
        QCOMPARE(view->zoom(), 1.0);
        QTest::keyClick(view, Qt::Key_Equal, Qt::ControlModifier);
        QVERIFY(qFuzzyCompare(view->zoom(), 1.25));
        QTest::keyClick(view, Qt::Key_Minus, Qt::ControlModifier);
        QVERIFY(qFuzzyCompare(view->zoom(), 1.0));
        QWheelEvent wheel(QPointF(200, 200), view->viewport()->mapToGlobal(QPointF(200, 200)), QPoint(), QPoint(0, 120),
                          Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view->viewport(), &wheel);
        QVERIFY(view->zoom() > 1.1);
        QTest::keyClick(view, Qt::Key_0, Qt::ControlModifier);
        const QRect shown = view->mapFromScene(scene->sceneRect()).boundingRect();
        QVERIFY2(view->viewport()->rect().adjusted(-2, -2, 2, 2).contains(shown), "fit shows the whole mapping");

        // Pan with the middle button when zoomed in.
        view->setZoom(2.5);
        const int before = view->horizontalScrollBar()->value();
        QTest::mousePress(view->viewport(), Qt::MiddleButton, {}, QPoint(300, 300));
        QTest::mouseMove(view->viewport(), QPoint(200, 300));
        QTest::mouseRelease(view->viewport(), Qt::MiddleButton, {}, QPoint(200, 300));
        QCOMPARE(view->horizontalScrollBar()->value(), before + 100);
        // ... or the left button while Space is held; panning edits nothing.
        const int held = view->horizontalScrollBar()->value();
        QTest::keyPress(view, Qt::Key_Space);
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, QPoint(300, 300));
        QTest::mouseMove(view->viewport(), QPoint(250, 300));
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, QPoint(250, 300));
        QTest::keyRelease(view, Qt::Key_Space);
        QCOMPARE(view->horizontalScrollBar()->value(), held + 50);
        QCOMPARE(editor.undoStack()->count(), 3);
    }

    void searchFiltersColumnsAndFields()
    {
        MappingEditor editor;
        std::vector<DestinationField> many = autoMapFields();
        for (int i = 0; i < 300; ++i)
            many.push_back(field(qPrintable(QStringLiteral("hs_property_%1").arg(i))));
        editor.setColumns(autoMapColumns());
        editor.setDestinationFields(many);
        editor.setMapping(J("[{'field': 'phone', 'column': 'Phone'}]"));
        MappingScene *scene = editor.scene();
        editor.searchBox()->setText("PHONE");
        QVERIFY(scene->fieldItem("phone")->isVisible());
        QVERIFY(scene->columnItem("Phone")->isVisible());
        QVERIFY(!scene->fieldItem("email")->isVisible());
        QVERIFY(!scene->fieldItem("hs_property_7")->isVisible());
        QVERIFY(!scene->columnItem("Email")->isVisible());
        QCOMPARE(editor.tableProxy()->rowCount(), 1);
        // A column match also shows the fields it feeds (and vice versa).
        editor.searchBox()->setText("property_29");
        QCOMPARE(int(std::count_if(scene->fieldItems().begin(), scene->fieldItems().end(),
                                   [](FieldItem *f) { return f->isVisible(); })),
                 11); // 29, 290 .. 299
        editor.searchBox()->clear();
        QVERIFY(scene->fieldItem("email")->isVisible());
        QCOMPARE(editor.tableProxy()->rowCount(), 304);

        // A long list auto-maps in one step, quickly (badges and summary are coalesced).
        std::vector<Column> columns = autoMapColumns();
        for (int i = 0; i < 300; ++i)
            columns.push_back(col(qPrintable(QStringLiteral("HS Property %1").arg(i))));
        editor.setColumns(columns);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(editor.autoMap(), 302); // 300 by normalised name, plus email and firstname
        QCoreApplication::processEvents();
        qDebug("auto-mapped 302 fields in %lld ms", timer.elapsed());
        QCOMPARE(editor.undoStack()->count(), 1);
        QCOMPARE(int(editor.mapping().size()), 303);
        timer.restart();
        QVERIFY(editor.document()->connectColumn("lifecycle", "user_id"));
        QCoreApplication::processEvents();
        qDebug("one edit on a 304-field mapping, checks included: %lld ms", timer.elapsed());
    }

    // ------------------------------------------------------------ table

    void tableShowsTheSameMappingAndEditsFlowBack()
    {
        MappingEditor editor;
        editor.setColumns(autoMapColumns());
        editor.setDestinationFields(autoMapFields());
        editor.setMapping(J("[{'field': 'email', 'column': 'Email', 'transforms': [{'type': 'trim'},"
                            " {'type': 'valueMap', 'map': {'a': 'b'}}], 'rules': [{'type': 'email'}]},"
                            " {'field': 'source', 'value': 'sluice'}]"));
        editor.resize(1100, 700);
        QVERIFY(showActive(editor));
        MappingTableModel *table = editor.tableModel();
        QCOMPARE(table->rowCount(), 5); // four destination fields and the custom 'source'
        const int email = table->rowOf("email");
        QCOMPARE(table->index(email, MappingTableModel::FlagsColumn).data().toString(), QString("identifier, required"));
        QCOMPARE(table->index(email, MappingTableModel::SourceKindColumn).data().toString(), QString("Column"));
        QCOMPARE(table->index(email, MappingTableModel::SourceColumn).data().toString(), QString("Email"));
        QCOMPARE(table->index(email, MappingTableModel::TransformsColumn).data().toString(), QString("trim → valueMap (1)"));
        QCOMPARE(table->index(email, MappingTableModel::RulesColumn).data().toString(), QString("email"));
        const int source = table->rowOf("source");
        QCOMPARE(source, 4);
        QCOMPARE(table->index(source, MappingTableModel::FlagsColumn).data().toString(), QString("custom"));
        QCOMPARE(table->index(source, MappingTableModel::SourceColumn).data().toString(), QString("sluice"));

        // Edit in the table, through its delegate: phone's source column.
        editor.showTable();
        QTableView *view = editor.tableView();
        const QModelIndex phoneSource = editor.tableProxy()->index(table->rowOf("phone"), MappingTableModel::SourceColumn);
        view->setCurrentIndex(phoneSource);
        view->edit(phoneSource);
        auto *box = view->findChild<QComboBox *>();
        QVERIFY(box);
        box->setCurrentIndex(box->findText("Phone"));
        QTest::keyClick(box, Qt::Key_Return);
        QTRY_VERIFY(editor.mapping()[1] == J("{'field': 'phone', 'column': 'Phone'}")); // commits queued
        QVERIFY(editor.scene()->edgeForField("phone")); // the canvas has it
        QCOMPARE(editor.scene()->edgeForField("phone")->column(), QString("Phone"));

        // Static value and template cells.
        const QModelIndex lifecycleKind = editor.tableProxy()->index(table->rowOf("lifecycle"), MappingTableModel::SourceKindColumn);
        QVERIFY(editor.tableProxy()->setData(lifecycleKind, int(SourceKind::Value)));
        QVERIFY(editor.tableProxy()->setData(lifecycleKind.siblingAtColumn(MappingTableModel::SourceColumn), "Subscriber"));
        QCOMPARE_JSON(editor.document()->entryForField("lifecycle")->toJson(), J("{'field': 'lifecycle', 'value': 'Subscriber'}"));
        QCOMPARE(editor.scene()->edgeForField("lifecycle")->sourceNode()->label(), QString("\"Subscriber\""));
        QVERIFY(editor.tableProxy()->setData(lifecycleKind.siblingAtColumn(MappingTableModel::SourceColumn), "42"));
        QCOMPARE_JSON(editor.document()->entryForField("lifecycle")->value, json(42));
        const QModelIndex firstKind = editor.tableProxy()->index(table->rowOf("firstname"), MappingTableModel::SourceKindColumn);
        QVERIFY(editor.tableProxy()->setData(firstKind, int(SourceKind::Template)));
        QVERIFY(editor.tableProxy()->setData(firstKind.siblingAtColumn(MappingTableModel::SourceColumn), "{{ first_name | trim }}"));
        QCOMPARE_JSON(editor.document()->entryForField("firstname")->toJson(), J("{'field': 'firstname', 'template': '{{ first_name | trim }}'}"));
        QCOMPARE(editor.scene()->edgeForField("firstname")->sourceNode()->label(), QString("template"));
        // An unknown column name is refused.
        QVERIFY(!editor.tableProxy()->setData(phoneSource, "nope"));

        // A canvas edit shows in the table.
        QVERIFY(editor.document()->rewire("source", "lifecycle"));
        QCOMPARE(table->rowCount(), 4); // the custom row went away
        QCOMPARE(table->index(table->rowOf("lifecycle"), MappingTableModel::SourceColumn).data().toString(), QString("sluice"));

        // Bulk: select rows, press Delete: one undo step.
        const int steps = editor.undoStack()->count();
        view->setFocus();
        view->selectionModel()->select(QItemSelection(editor.tableProxy()->index(0, 0), editor.tableProxy()->index(1, 0)),
                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QTest::keyClick(view, Qt::Key_Delete);
        QCOMPARE(editor.undoStack()->count(), steps + 1);
        QVERIFY(!editor.document()->entryForField("email"));
        QVERIFY(!editor.document()->entryForField("firstname"));
        QVERIFY(!editor.scene()->edgeForField("email"));
        editor.undoStack()->undo();
        QVERIFY(editor.scene()->edgeForField("email"));
    }

    // ------------------------------------------------------------ problems

    void problemsShowAsBadges()
    {
        MappingEditor editor;
        editor.setColumns({col("Email"), col("total_spend", ValueType::Real), col("first_name")});
        editor.setDestinationFields({field("email", FieldType::Text, true, true), field("firstname"),
                                     field("lifetime_value", FieldType::Integer)});
        editor.setMapping(J("[{'field': 'firstname', 'column': 'first_name'},"
                            " {'field': 'lifetime_value', 'column': 'total_spend'}]"));
        MappingScene *scene = editor.scene();
        scene->flushPendingUpdates();
        FieldItem *email = scene->fieldItem("email");
        QVERIFY(email->hasErrors());
        QVERIFY(!email->badgeRect().isNull());
        QVERIFY(email->problemToolTip().contains("Required field 'email' is not mapped"));
        QVERIFY(email->toolTip().contains("Error: Required field 'email' is not mapped"));
        FieldItem *ltv = scene->fieldItem("lifetime_value");
        QCOMPARE(ltv->problemCount(), 1);
        QVERIFY(!ltv->hasErrors()); // a warning
        QVERIFY(ltv->problemToolTip().contains("add a cast transform"));
        QVERIFY(scene->fieldItem("firstname")->badgeRect().isNull());
        const int row = editor.tableModel()->rowOf("email");
        QVERIFY(editor.tableModel()->index(row, MappingTableModel::ProblemsColumn).data().toString().contains("Required field is not mapped"));

        // Fixing it clears the badge (after the coalesced update).
        QVERIFY(editor.document()->connectColumn("email", "Email"));
        QTRY_VERIFY(email->badgeRect().isNull());
        QVERIFY(editor.tableModel()->index(row, MappingTableModel::ProblemsColumn).data().toString().isEmpty());
        // A cast fixes the warning.
        QVERIFY(editor.document()->insertStep("lifetime_value", StepList::Transforms, 0, J("{'type': 'round'}")));
        QVERIFY(editor.document()->insertStep("lifetime_value", StepList::Transforms, 1, J("{'type': 'cast', 'to': 'integer'}")));
        QTRY_COMPARE(ltv->problemCount(), 0);
        // A broken option marks its node.
        QVERIFY(editor.document()->setStepOption("lifetime_value", StepList::Transforms, 0, "decimals", 99));
        scene->flushPendingUpdates();
        QVERIFY(scene->edgeForField("lifetime_value")->transformNode(0)->hasProblem());
        QVERIFY(!scene->edgeForField("lifetime_value")->transformNode(1)->hasProblem());
    }

    // ------------------------------------------------------------ screenshot

    void screenshot()
    {
        // SLUICE_SCREENSHOT=<png> (and SLUICE_SCREENSHOT_DARK) write the
        // docs' screenshots; without them both are rendered to a temporary
        // directory and checked, so the rendering itself is always tested.
        QTemporaryDir scratch;
        QVERIFY(scratch.isValid());
        QString light = qEnvironmentVariable("SLUICE_SCREENSHOT");
        QString dark = qEnvironmentVariable("SLUICE_SCREENSHOT_DARK");
        if (light.isEmpty() && dark.isEmpty()) {
            light = scratch.filePath("canvas-light.png");
            dark = scratch.filePath("canvas-dark.png");
        }
        for (const QString &path : {light, dark}) {
            if (path.isEmpty())
                continue;
            MappingEditor editor;
            if (path == dark) {
                QPalette p;
                p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
                p.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
                p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
                p.setColor(QPalette::AlternateBase, QColor(0x33, 0x33, 0x33));
                p.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
                p.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
                p.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
                p.setColor(QPalette::Mid, QColor(0x5a, 0x5a, 0x5a));
                p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xd9));
                p.setColor(QPalette::HighlightedText, Qt::white);
                p.setColor(QPalette::PlaceholderText, QColor(0x99, 0x99, 0x99));
                for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
                    p.setColor(QPalette::Disabled, role, QColor(0x77, 0x77, 0x77));
                editor.setPalette(p);
            }
            editor.setColumns({col("user_id", ValueType::Integer), col("email"), col("first_name"), col("last_name"),
                               col("phone"), col("status"), col("user_tier"), col("total_spend", ValueType::Real),
                               Column{"last_login_date", ValueType::Text, "timestamptz"}, col("country")});
            editor.setDestinationFields({field("email", FieldType::Text, true, true), field("firstname"),
                                         field("lastname", FieldType::Text, true), field("phone"),
                                         field("lifecyclestage"), field("lifetime_value", FieldType::Decimal),
                                         field("last_activity_date", FieldType::DateTime),
                                         field("engagement_level"), field("company", FieldType::Text, true),
                                         field("hs_language")});
            editor.setMapping(J(
                "[{'field': 'email', 'column': 'email', 'transforms': [{'type': 'trim'}, {'type': 'lower'}],"
                "  'rules': [{'type': 'email', 'action': 'reject'}]},"
                " {'field': 'firstname', 'column': 'first_name'},"
                " {'field': 'lastname', 'column': 'last_name', 'transforms': [{'type': 'trim'}]},"
                " {'field': 'phone', 'column': 'phone', 'rules': [{'type': 'phone', 'defaultCountryCode': '86'}]},"
                " {'field': 'lifecyclestage', 'column': 'status', 'transforms': [{'type': 'valueMap',"
                "  'map': {'active': 'customer', 'inactive': 'lead', 'trial': 'marketingqualifiedlead'},"
                "  'unmapped': 'default', 'default': 'other'}]},"
                " {'field': 'lifetime_value', 'column': 'total_spend', 'transforms': [{'type': 'round', 'decimals': 2}]},"
                " {'field': 'last_activity_date', 'column': 'last_login_date', 'transforms': [{'type': 'cast', 'to': 'datetime'}]},"
                " {'field': 'engagement_level', 'template': '{% if days_since(last_login_date) <= 7 %}Active{% else %}Inactive{% endif %}'},"
                " {'field': 'hs_language', 'column': 'country', 'transforms': [{'type': 'lower'}, {'type': 'truncate', 'length': 2}]},"
                " {'field': 'sluice_source', 'value': 'sluice'}]"));
            editor.resize(1280, 720);
            editor.show();
            QVERIFY(QTest::qWaitForWindowExposed(&editor));
            editor.scene()->flushPendingUpdates();
            editor.scene()->edgeForField("lifecyclestage")->setSelected(true);
            QCoreApplication::processEvents();
            QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
            QVERIFY(editor.grab().save(path));
            // A real picture of the canvas: the window's size, and far more
            // than the few colours of an empty or unpainted widget.
            const QImage shot(path);
            QCOMPARE(shot.size(), editor.size() * editor.devicePixelRatio());
            QSet<QRgb> colours;
            for (int y = 0; y < shot.height(); y += 3)
                for (int x = 0; x < shot.width(); x += 3)
                    colours.insert(shot.pixel(x, y));
            QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
            // Dark really is dark: the canvas background follows the palette.
            const int grey = qGray(shot.pixel(5, shot.height() / 2));
            QVERIFY2(path == dark ? grey < 100 : grey > 150, qPrintable(QString::number(grey)));
            if (qEnvironmentVariableIsSet("SLUICE_SCREENSHOT_EDITOR")) {
                editor.openStepEditor("lifecyclestage", StepList::Transforms, 0);
                QCoreApplication::processEvents();
                QVERIFY(editor.grab().save(QString(path).replace(".png", "-editor.png")));
                editor.openFieldEditor("email");
                QCoreApplication::processEvents();
                QVERIFY(editor.grab().save(QString(path).replace(".png", "-field.png")));
                editor.closeInlineEditor();
                editor.showTable();
                QCoreApplication::processEvents();
                QVERIFY(editor.grab().save(QString(path).replace(".png", "-table.png")));
                editor.showCanvas();
                editor.searchBox()->setText("last");
                QCoreApplication::processEvents();
                QVERIFY(editor.grab().save(QString(path).replace(".png", "-filter.png")));
                editor.searchBox()->clear();
                editor.setMapping(json::array());
                editor.resize(860, 520);
                editor.view()->setFocus();
                editor.scene()->focusField("company");
                QCoreApplication::processEvents();
                QVERIFY(editor.grab().save(QString(path).replace(".png", "-empty.png")));
            }
        }
    }
};

QTEST_MAIN(TstMappingCanvas)
#include "tst_mappingcanvas.moc"

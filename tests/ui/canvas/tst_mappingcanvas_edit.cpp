// The mapping designer (ui/canvas) as a user drives it on the canvas: drag
// columns onto fields, drop transforms from the palette onto edges, edit them
// inline, delete with the keyboard, auto-map, map with the keyboard alone and
// search.
//
// Drag and drop: the drags start with real mouse presses and moves on the
// view's viewport (the column item decides when a drag begins), but QDrag::exec
// cannot be driven offscreen (it runs its own event loop waiting for the
// platform), so the scene's drag starter hands the mime data to the test,
// which then sends QDragEnterEvent/QDragMoveEvent/QDropEvent to the viewport
// at the target item, exactly as Qt delivers a real drop to QGraphicsView.

#include "../uitesting.h"
#include "canvastesting.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QListView>
#include <QMimeData>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QUndoStack>

#include <memory>

namespace {

QPointF edgeMiddle(EdgeItem *edge)
{
    return edge->path().pointAtPercent(0.5);
}

} // namespace

class TstMappingCanvasEdit : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion"))); }

    // ------------------------------------------------------------ canvas

    void buildMappingByDragAndDrop()
    {
        MappingEditor editor;
        QVERIFY(showAutoMapScenario(editor));
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
            QTest::mouseRelease(view->viewport(), Qt::LeftButton, {},
                                from + QPoint(QApplication::startDragDistance() + 20, 4));
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
        QVERIFY(
            showAutoMapScenario(editor, J("[{'field': 'email', 'column': 'Email', 'transforms': [{'type': 'trim'}]},"
                                          " {'field': 'phone', 'column': 'Phone'}]")));
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
        QCOMPARE_JSON(editor.mapping(),
                      J("[{'field': 'firstname', 'column': 'Email', 'transforms': [{'type': 'trim'}]},"
                        " {'field': 'phone', 'column': 'Phone'}]"));
        // Onto a mapped field: replaces what it had, in one step.
        QVERIFY(sendDrop(view,
                         std::unique_ptr<QMimeData>([] {
                             auto *d = new QMimeData;
                             d->setData("application/x-sluice-edge-end", "firstname");
                             return d;
                         }())
                             .get(),
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
        const json expected
            = J("[{'field': 'email', 'column': 'Email'}, {'field': 'firstname', 'column': 'first_name'},"
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
        QCOMPARE(valueMap.data().toString(), QString("Map values")); // named for people, stored as valueMap
        std::unique_ptr<QMimeData> data(palette->mimeData({valueMap}));
        QVERIFY(sendDrop(view, data.get(), edgeMiddle(scene->edgeForField("lifecycle"))));
        QCOMPARE_JSON(editor.mapping()[1],
                      J("{'field': 'lifecycle', 'column': 'status', 'transforms': [{'type': 'valueMap', 'map': {}}]}"));
        QCOMPARE(stack->count(), 1);
        NodeItem *node = scene->edgeForField("lifecycle")->transformNode(0);
        QVERIFY(node);
        QCOMPARE(node->label(), QString("Map values (0)"));

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
        QCOMPARE(scene->edgeForField("lifecycle")->transformNode(0)->label(), QString("Map values (2)"));
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
        const json expected
            = J("{'field': 'lifecycle', 'column': 'status', 'transforms': [{'type': 'valueMap',"
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

    // The keystrokes of a user filling a value map: double-click the empty
    // From cell, type, Tab, type the target, Enter. Every value lands in the
    // row it was typed in, whatever its place in key order.
    void valueMapTypedWithTabAndEnter()
    {
        MappingEditor editor;
        editor.setColumns({col("email"), col("status")});
        editor.setDestinationFields({field("email", FieldType::Text, true, true), field("status")});
        editor.setMapping(
            J("[{'field': 'email', 'column': 'email'},"
              " {'field': 'status', 'column': 'status', 'transforms': [{'type': 'valueMap', 'map': {}}]}]"));
        editor.resize(1100, 700);
        QVERIFY(showActive(editor));
        MappingScene *scene = editor.scene();
        scene->clearSelection();
        scene->edgeForField("status")->transformNode(0)->setFocus();
        QTest::keyClick(editor.view(), Qt::Key_Return);
        auto *stepEditor = qobject_cast<StepEditor *>(editor.inlineEditor());
        QVERIFY(stepEditor);
        QTableView *table = stepEditor->valueMapView();
        ValueMapModel *map = stepEditor->valueMapModel();
        QVERIFY(table && map);

        const auto typeRow = [&](const QString &from, const QString &to) {
            const QModelIndex empty = map->index(map->rowCount() - 1, 0);
            const QPoint at = table->visualRect(empty).center();
            QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at);
            QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, at);
            QWidget *fromEditor = QApplication::focusWidget();
            QVERIFY(qobject_cast<QLineEdit *>(fromEditor));
            QTest::keyClicks(fromEditor, from);
            QTest::keyClick(fromEditor, Qt::Key_Tab);
            QWidget *toEditor = QApplication::focusWidget();
            QVERIFY(qobject_cast<QLineEdit *>(toEditor));
            QVERIFY(toEditor != fromEditor || qobject_cast<QLineEdit *>(toEditor)->text().isEmpty());
            QTest::keyClicks(toEditor, to);
            QTest::keyClick(toEditor, Qt::Key_Return); // the delegate commits on Return in a queued call
        };
        const auto mapIs
            = [&](const char *expected) { return editor.mapping()[1]["transforms"][0]["map"] == J(expected); };
        typeRow("pending", "Lead");
        QTRY_VERIFY2(mapIs("{'pending': 'Lead'}"), editor.mapping()[1].dump().c_str());
        typeRow("active", "Active"); // sorts before "pending" in the stored map
        QTRY_VERIFY2(mapIs("{'active': 'Active', 'pending': 'Lead'}"), editor.mapping()[1].dump().c_str());
        // Rows stay where they were typed; the empty row is last.
        QCOMPARE(map->rowCount(), 3);
        QCOMPARE(map->index(0, 0).data().toString(), QString("pending"));
        QCOMPARE(map->index(1, 0).data().toString(), QString("active"));
        QCOMPARE(map->index(1, 1).data().toString(), QString("Active"));
        QCOMPARE(map->index(2, 0).data().toString(), QString());

        // Retyping a From keeps its row and its target.
        QVERIFY(map->setData(map->index(0, 0), "trial", Qt::EditRole));
        QCOMPARE(map->index(0, 0).data().toString(), QString("trial"));
        QCOMPARE_JSON(editor.mapping()[1]["transforms"][0]["map"], J("{'active': 'Active', 'trial': 'Lead'}"));
        // Undo of the two edits of a row removes it, the other rows stay.
        editor.undoStack()->undo(); // the rename
        editor.undoStack()->undo(); // "Active"
        editor.undoStack()->undo(); // "active"
        QCOMPARE_JSON(editor.mapping()[1]["transforms"][0]["map"], J("{'pending': 'Lead'}"));
        QCOMPARE(map->rowCount(), 2);
        QCOMPARE(map->index(0, 1).data().toString(), QString("Lead"));
    }

    void deleteKeyRemovesEdgesAndNodes()
    {
        MappingEditor editor;
        editor.setColumns(autoMapColumns());
        editor.setDestinationFields(autoMapFields());
        const json start
            = J("[{'field': 'email', 'column': 'Email', 'transforms': [{'type': 'trim'}, {'type': 'lower'}]},"
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
        QCOMPARE_JSON(
            editor.mapping(),
            J("[{'field': 'email', 'column': 'Email', 'transforms': [{'type': 'trim'}, {'type': 'lower'}]}]"));
        QVERIFY(!scene->edgeForField("phone"));
        QVERIFY(scene->fieldItem("phone")->hasFocus()); // focus lands on the field

        // Click the "lower" node, press Delete: only that transform goes.
        QTest::mouseClick(
            view->viewport(), Qt::LeftButton, {},
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
        QVERIFY(showAutoMapScenario(editor));
        MappingView *view = editor.view();
        MappingScene *scene = editor.scene();
        view->setFocus(Qt::TabFocusReason);
        QVERIFY(scene->columnItem("user_id")->hasFocus()); // Tab into the canvas lands on the first column

        // The canvas is one Tab stop: Tab leaves it, Shift+Tab comes back to the same item.
        QTest::keyClick(view, Qt::Key_Down);
        QVERIFY(scene->columnItem("Email")->hasFocus());
        QTest::keyClick(view, Qt::Key_Tab);
        QVERIFY(!view->hasFocus());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab);
        QTRY_VERIFY(view->hasFocus());
        QVERIFY(scene->columnItem("Email")->hasFocus());

        // Arrows move inside: down the columns, right to the first field, Ctrl+L.
        QTest::keyClick(view, Qt::Key_Down);
        QTest::keyClick(view, Qt::Key_Down);
        QVERIFY(scene->columnItem("Phone")->hasFocus());
        QTest::keyClick(view, Qt::Key_Right); // no edge yet: to the first field
        QVERIFY(scene->fieldItem("email")->hasFocus());
        QCOMPARE(scene->armedColumn(), QString("Phone")); // the column the arrows came from
        QTest::keyClick(view, Qt::Key_Left);              // no edge yet: back to the armed column
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
        QCOMPARE(editor.zoomAction()->text(), QString("100%"));
        QTest::keyClick(view, Qt::Key_Equal, Qt::ControlModifier);
        QVERIFY(qFuzzyCompare(view->zoom(), 1.25));
        QCOMPARE(editor.zoomAction()->text(), QString("125%")); // the indicator tells the level
        QTest::keyClick(view, Qt::Key_Minus, Qt::ControlModifier);
        QVERIFY(qFuzzyCompare(view->zoom(), 1.0));
        QCOMPARE(editor.zoomAction()->text(), QString("100%"));
        QWheelEvent wheel(QPointF(200, 200), view->viewport()->mapToGlobal(QPointF(200, 200)), QPoint(), QPoint(0, 120),
                          Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view->viewport(), &wheel);
        QVERIFY(view->zoom() > 1.1);
        QTest::keyClick(view, Qt::Key_9, Qt::ControlModifier);
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
};

QTEST_MAIN(TstMappingCanvasEdit)
#include "tst_mappingcanvas_edit.moc"

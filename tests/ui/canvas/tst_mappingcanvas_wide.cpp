// The canvas at real sizes and from the keyboard: a 150-column model mapped
// by drag with the view scrolling while the drag nears its edge, the unmapped
// columns hidden on demand, and the items' context menus (Shift+F10).

#include "canvas/mappingmime.h"
#include "canvastesting.h"
#include "common/keyboardcontextmenu.h"

#include "../uitesting.h"

#include <QApplication>
#include <QLineEdit>
#include <QMimeData>
#include <QScrollBar>
#include <QUndoStack>

#include <memory>

namespace {

std::vector<Column> manyColumns(int n)
{
    std::vector<Column> columns;
    for (int i = 0; i < n; ++i)
        columns.push_back(Column{QString("col_%1").arg(i, 3, 10, QChar('0')).toStdString(), ValueType::Text, {}});
    return columns;
}

std::vector<DestinationField> manyFields(int n)
{
    std::vector<DestinationField> fields;
    for (int i = 0; i < n; ++i)
        fields.push_back(DestinationField{QString("field_%1").arg(i, 3, 10, QChar('0')).toStdString(), FieldType::Text,
                                          false, false});
    return fields;
}

} // namespace

class TstMappingCanvasWide : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion"))); }

    // The table mapper for 150 fields: beside each field the column auto-map
    // suggests and a sample value from the model's first row; the filter box
    // narrows the rows, Ctrl+A selects them, Ctrl+L connects their
    // suggestions: one undo step each time.
    void tableMapperConnectsSuggestionsInBulk()
    {
        MappingEditor editor;
        std::vector<Column> columns;
        std::vector<DestinationField> fields;
        QHash<QString, QString> samples;
        for (int i = 0; i < 150; ++i) {
            const QString n = QString("%1").arg(i, 3, 10, QChar('0'));
            columns.push_back(Column{("attr_" + n).toStdString(), ValueType::Text, {}});
            fields.push_back(DestinationField{("Attr " + n).toStdString(), FieldType::Text, false, false});
            samples.insert("attr_" + n, "v" + QString::number(i));
        }
        editor.setColumns(columns);
        editor.setDestinationFields(fields);
        editor.setMapping(json::array());
        editor.setSampleValues(samples);
        editor.resize(1024, 640);
        QVERIFY(showActive(editor));
        editor.showTable();
        MappingTableView *table = editor.tableView();
        QAbstractItemModel *rows = table->model();
        QCOMPARE(rows->rowCount(), 150);
        QCOMPARE(rows->index(7, MappingTableModel::SuggestionColumn).data().toString(), QString("attr_007"));
        QCOMPARE(rows->index(7, MappingTableModel::SampleColumn).data().toString(), QString("v7"));

        QTest::keyClicks(editor.searchBox(), "Attr 01"); // Attr 010 .. Attr 019
        QCOMPARE(rows->rowCount(), 10);
        table->setFocus();
        QTest::keyClick(table, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(table, Qt::Key_L, Qt::ControlModifier);
        QCOMPARE(editor.mapping().size(), std::size_t(10));
        QCOMPARE_JSON(editor.mapping()[0], J("{'field': 'Attr 010', 'column': 'attr_010'}"));
        QCOMPARE(editor.undoStack()->count(), 1);

        editor.searchBox()->clear();
        QCOMPARE(rows->rowCount(), 150);
        QCOMPARE(rows->index(10, MappingTableModel::SuggestionColumn).data().toString(), QString()); // mapped now
        QCOMPARE(rows->index(10, MappingTableModel::SampleColumn).data().toString(), QString("v10"));
        table->setFocus();
        QTest::keyClick(table, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(table, Qt::Key_L, Qt::ControlModifier);
        QCOMPARE(editor.mapping().size(), std::size_t(150));
        QCOMPARE(editor.undoStack()->count(), 2);
        editor.undoStack()->undo();
        QCOMPARE(editor.mapping().size(), std::size_t(10));
    }

    // Field 149 is far below the view: a drag held near the bottom edge scrolls
    // until it shows, and the drop there connects it.
    void wideMappingByDragWithAutoScroll()
    {
        MappingEditor editor;
        editor.setColumns(manyColumns(150));
        editor.setDestinationFields(manyFields(150));
        editor.setMapping(json::array());
        editor.resize(1024, 640);
        QVERIFY(showActive(editor));
        MappingView *view = editor.view();
        MappingScene *scene = editor.scene();
        view->resetZoom();
        QScrollBar *vertical = view->verticalScrollBar();
        vertical->setValue(0);
        FieldItem *target = scene->fieldItem("field_149");
        QVERIFY(target);
        auto shown = [&] {
            return view->viewport()->rect().contains(view->mapFromScene(target->sceneBoundingRect().center()));
        };
        QVERIFY(!shown());

        QMimeData data;
        data.setData(mime::column(), "col_000");
        const Qt::DropActions actions = Qt::CopyAction | Qt::LinkAction;
        const QPoint start = view->mapFromScene(scene->columnItem("col_000")->sceneBoundingRect().center());
        QDragEnterEvent enter(start, actions, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &enter);
        // Held 6 px above the bottom edge, in the fields' column.
        const int fieldsX = view->mapFromScene(target->sceneBoundingRect().center()).x();
        const QPoint nearBottom(fieldsX, view->viewport()->height() - 6);
        QDragMoveEvent move(nearBottom, actions, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &move);
        QTRY_VERIFY_WITH_TIMEOUT(vertical->value() == vertical->maximum(), 15000);
        QVERIFY(shown());
        // Away from the edge it stops.
        QDragMoveEvent middle(view->viewport()->rect().center(), actions, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &middle);
        vertical->setValue(vertical->maximum() - 40);
        QTest::qWait(200);
        QCOMPARE(vertical->value(), vertical->maximum() - 40);

        const QPoint at = view->mapFromScene(target->sceneBoundingRect().center());
        QDragMoveEvent over(at, actions, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &over);
        QVERIFY(over.isAccepted());
        QDropEvent drop(QPointF(at), actions, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &drop);
        QVERIFY(drop.isAccepted());
        QCOMPARE_JSON(editor.mapping(), J("[{'field': 'field_149', 'column': 'col_000'}]"));

        // Only the mapped columns, on demand: 1 of 150; every field stays.
        editor.mappedOnlyAction()->trigger();
        int visible = 0;
        for (ColumnItem *c : scene->columnItems())
            visible += c->isVisible() ? 1 : 0;
        QCOMPARE(visible, 1);
        QVERIFY(scene->columnItem("col_000")->isVisible());
        QVERIFY(scene->fieldItem("field_000")->isVisible());
        editor.mappedOnlyAction()->trigger();
        visible = 0;
        for (ColumnItem *c : scene->columnItems())
            visible += c->isVisible() ? 1 : 0;
        QCOMPARE(visible, 150);
        QCOMPARE(editor.undoStack()->count(), 1); // showing and hiding edits nothing
    }

    // Shift+F10 opens the focused item's menu; its entries do what the keys do.
    void contextMenuConnectsAndDisconnects()
    {
        installKeyboardContextMenu();
        MappingEditor editor;
        QVERIFY(showAutoMapScenario(editor));
        MappingView *view = editor.view();
        MappingScene *scene = editor.scene();
        view->setFocus(Qt::TabFocusReason);
        QVERIFY(scene->focusColumn("Email"));
        QVERIFY(scene->focusField("email"));
        OpenedMenu menu = captureMenu([&] { QTest::keyClick(view, Qt::Key_F10, Qt::ShiftModifier); }, "Connect");
        QVERIFY(menu.opened);
        QCOMPARE(menu.entries.mid(0, 2), QStringList({"Edit Field…", "Connect Email Here"}));
        QCOMPARE_JSON(editor.mapping(), J("[{'field': 'email', 'column': 'Email'}]"));

        QVERIFY(scene->focusField("email"));
        menu = captureMenu([&] { QTest::keyClick(view, Qt::Key_F10, Qt::ShiftModifier); }, "Disconnect");
        QVERIFY(menu.entries.contains("Disconnect"));
        QCOMPARE_JSON(editor.mapping(), json::array());
        QCOMPARE(editor.undoStack()->count(), 2);

        // A column with no field chosen yet: its Connect entry is shown, disabled.
        MappingEditor fresh;
        fresh.setColumns(autoMapColumns());
        fresh.setDestinationFields(autoMapFields());
        fresh.setMapping(json::array());
        QVERIFY(showActive(fresh));
        fresh.view()->setFocus(Qt::TabFocusReason);
        QVERIFY(fresh.scene()->focusColumn("Phone"));
        menu = captureMenu([&] { QTest::keyClick(fresh.view(), Qt::Key_F10, Qt::ShiftModifier); });
        QCOMPARE(menu.disabled, QStringList({"Connect to the Selected Field"}));
        QVERIFY(menu.entries.contains("Zoom In") && menu.entries.contains("Auto-map"));
    }
};

QTEST_MAIN(TstMappingCanvasWide)
#include "tst_mappingcanvas_wide.moc"

// The mapping designer (ui/canvas): the table of the same mapping (edits flow
// back to the canvas), problems shown as badges, and the screenshots of the
// designer.

#include "canvastesting.h"

#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>

class TstMappingCanvasViews : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion"))); }

    // ------------------------------------------------------------ table

    void tableShowsTheSameMappingAndEditsFlowBack()
    {
        MappingEditor editor;
        QVERIFY(
            showAutoMapScenario(editor, J("[{'field': 'email', 'column': 'Email', 'transforms': [{'type': 'trim'},"
                                          " {'type': 'valueMap', 'map': {'a': 'b'}}], 'rules': [{'type': 'email'}]},"
                                          " {'field': 'source', 'value': 'sluice'}]")));
        MappingTableModel *table = editor.tableModel();
        QCOMPARE(table->rowCount(), 5); // four destination fields and the custom 'source'
        const int email = table->rowOf("email");
        QCOMPARE(table->index(email, MappingTableModel::FlagsColumn).data().toString(),
                 QString("identifier, required"));
        QCOMPARE(table->index(email, MappingTableModel::SourceKindColumn).data().toString(), QString("Column"));
        QCOMPARE(table->index(email, MappingTableModel::SourceColumn).data().toString(), QString("Email"));
        QCOMPARE(table->index(email, MappingTableModel::TransformsColumn).data().toString(),
                 QString("Trim spaces → Map values (1)"));
        QCOMPARE(table->index(email, MappingTableModel::RulesColumn).data().toString(), QString("email"));
        const int source = table->rowOf("source");
        QCOMPARE(source, 4);
        QCOMPARE(table->index(source, MappingTableModel::FlagsColumn).data().toString(), QString("custom"));
        QCOMPARE(table->index(source, MappingTableModel::SourceColumn).data().toString(), QString("sluice"));

        // Edit in the table, through its delegate: phone's source column.
        editor.showTable();
        QTableView *view = editor.tableView();
        const QModelIndex phoneSource
            = editor.tableProxy()->index(table->rowOf("phone"), MappingTableModel::SourceColumn);
        view->setCurrentIndex(phoneSource);
        view->edit(phoneSource);
        auto *box = view->findChild<QComboBox *>();
        QVERIFY(box);
        box->setCurrentIndex(box->findText("Phone"));
        QTest::keyClick(box, Qt::Key_Return);
        QTRY_VERIFY(editor.mapping()[1] == J("{'field': 'phone', 'column': 'Phone'}")); // commits queued
        QVERIFY(editor.scene()->edgeForField("phone"));                                 // the canvas has it
        QCOMPARE(editor.scene()->edgeForField("phone")->column(), QString("Phone"));

        // Static value and template cells.
        const QModelIndex lifecycleKind
            = editor.tableProxy()->index(table->rowOf("lifecycle"), MappingTableModel::SourceKindColumn);
        QVERIFY(editor.tableProxy()->setData(lifecycleKind, int(SourceKind::Value)));
        QVERIFY(
            editor.tableProxy()->setData(lifecycleKind.siblingAtColumn(MappingTableModel::SourceColumn), "Subscriber"));
        QCOMPARE_JSON(editor.document()->entryForField("lifecycle")->toJson(),
                      J("{'field': 'lifecycle', 'value': 'Subscriber'}"));
        QCOMPARE(editor.scene()->edgeForField("lifecycle")->sourceNode()->label(), QString("\"Subscriber\""));
        QVERIFY(editor.tableProxy()->setData(lifecycleKind.siblingAtColumn(MappingTableModel::SourceColumn), "42"));
        QCOMPARE_JSON(editor.document()->entryForField("lifecycle")->value, json(42));
        const QModelIndex firstKind
            = editor.tableProxy()->index(table->rowOf("firstname"), MappingTableModel::SourceKindColumn);
        QVERIFY(editor.tableProxy()->setData(firstKind, int(SourceKind::Template)));
        QVERIFY(editor.tableProxy()->setData(firstKind.siblingAtColumn(MappingTableModel::SourceColumn),
                                             "{{ first_name | trim }}"));
        QCOMPARE_JSON(editor.document()->entryForField("firstname")->toJson(),
                      J("{'field': 'firstname', 'template': '{{ first_name | trim }}'}"));
        QCOMPARE(editor.scene()->edgeForField("firstname")->sourceNode()->label(), QString("template"));
        // An unknown column name is refused.
        QVERIFY(!editor.tableProxy()->setData(phoneSource, "nope"));

        // A canvas edit shows in the table.
        QVERIFY(editor.document()->rewire("source", "lifecycle"));
        QCOMPARE(table->rowCount(), 4); // the custom row went away
        QCOMPARE(table->index(table->rowOf("lifecycle"), MappingTableModel::SourceColumn).data().toString(),
                 QString("sluice"));

        // Bulk: select rows, press Delete: one undo step.
        const int steps = editor.undoStack()->count();
        view->setFocus();
        view->selectionModel()->select(
            QItemSelection(editor.tableProxy()->index(0, 0), editor.tableProxy()->index(1, 0)),
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
        QVERIFY(editor.tableModel()
                    ->index(row, MappingTableModel::ProblemsColumn)
                    .data()
                    .toString()
                    .contains("Required field is not mapped"));

        // Fixing it clears the badge (after the coalesced update).
        QVERIFY(editor.document()->connectColumn("email", "Email"));
        QTRY_VERIFY(email->badgeRect().isNull());
        QVERIFY(editor.tableModel()->index(row, MappingTableModel::ProblemsColumn).data().toString().isEmpty());
        // A cast fixes the warning.
        QVERIFY(editor.document()->insertStep("lifetime_value", StepList::Transforms, 0, J("{'type': 'round'}")));
        QVERIFY(editor.document()->insertStep("lifetime_value", StepList::Transforms, 1,
                                              J("{'type': 'cast', 'to': 'integer'}")));
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
                                         field("last_activity_date", FieldType::DateTime), field("engagement_level"),
                                         field("company", FieldType::Text, true), field("hs_language")});
            editor.setMapping(
                J("[{'field': 'email', 'column': 'email', 'transforms': [{'type': 'trim'}, {'type': 'lower'}],"
                  "  'rules': [{'type': 'email', 'action': 'reject'}]},"
                  " {'field': 'firstname', 'column': 'first_name'},"
                  " {'field': 'lastname', 'column': 'last_name', 'transforms': [{'type': 'trim'}]},"
                  " {'field': 'phone', 'column': 'phone', 'rules': [{'type': 'phone', 'defaultCountryCode': '86'}]},"
                  " {'field': 'lifecyclestage', 'column': 'status', 'transforms': [{'type': 'valueMap',"
                  "  'map': {'active': 'customer', 'inactive': 'lead', 'trial': 'marketingqualifiedlead'},"
                  "  'unmapped': 'default', 'default': 'other'}]},"
                  " {'field': 'lifetime_value', 'column': 'total_spend', 'transforms': [{'type': 'round', 'decimals': "
                  "2}]},"
                  " {'field': 'last_activity_date', 'column': 'last_login_date', 'transforms': [{'type': 'cast', 'to': "
                  "'datetime'}]},"
                  " {'field': 'engagement_level', 'template': '{% if days_since(last_login_date) <= 7 %}Active{% else "
                  "%}Inactive{% endif %}'},"
                  " {'field': 'hs_language', 'column': 'country', 'transforms': [{'type': 'lower'}, {'type': "
                  "'truncate', 'length': 2}]},"
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

QTEST_MAIN(TstMappingCanvasViews)
#include "tst_mappingcanvas_views.moc"

// The mapping designer (ui/canvas): the mapping document. It round-trips
// exactly, loads invalid entries without crashing, and every edit is an undo
// step; every command round-trips (redo, undo, redo), and the canvas and table
// follow.

#include "canvastesting.h"

#include <QLabel>
#include <QSet>
#include <QUndoStack>

#include <functional>

class TstMappingCanvasDocument : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion"))); }

    // ------------------------------------------------------------ document

    void documentRoundTripsExactly()
    {
        const json mapping
            = J("[{'field': 'email', 'column': 'email', 'transforms': [{'type': 'trim'}, {'type': 'lower'}],"
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
        QVERIFY(showAutoMapScenario(editor, junk, QSize(1000, 700)));
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
        for (const char *n : {"connect new",
                              "connect existing",
                              "connect over invalid",
                              "disconnect",
                              "disconnect several",
                              "static value",
                              "static value over column",
                              "template",
                              "clear source keeps transforms",
                              "clear source removes",
                              "source kind template",
                              "insert transform first",
                              "insert transform last",
                              "insert transform new entry",
                              "remove transform",
                              "remove last transform of sourceless",
                              "set option",
                              "remove option",
                              "move transform",
                              "add rule",
                              "remove rule",
                              "set rule option",
                              "rewire to free field",
                              "rewire to mapped field",
                              "auto-map",
                              "replace mapping"})
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
            {"disconnect several",
             [](MappingDocument &d) {
                 return d.disconnectFields({"email", "lifecycle", "broken"});
             }},
            {"static value", [](MappingDocument &d) { return d.setStaticValue("phone", 42); }},
            {"static value over column", [](MappingDocument &d) { return d.setStaticValue("email", "x@y.z"); }},
            {"template", [](MappingDocument &d) { return d.setTemplate("firstname", "{{ first_name | trim }}"); }},
            {"clear source keeps transforms",
             [](MappingDocument &d) { return d.setSourceKind("lifecycle", SourceKind::None); }},
            {"clear source removes", [](MappingDocument &d) { return d.setSourceKind("email", SourceKind::None); }},
            {"source kind template", [](MappingDocument &d) { return d.setSourceKind("email", SourceKind::Template); }},
            {"insert transform first",
             [](MappingDocument &d) {
                 return d.insertStep("lifecycle", StepList::Transforms, 0, J("{'type': 'trim'}"));
             }},
            {"insert transform last",
             [](MappingDocument &d) {
                 return d.insertStep("lifecycle", StepList::Transforms, -1, J("{'type': 'upper'}"));
             }},
            {"insert transform new entry",
             [](MappingDocument &d) {
                 return d.insertStep("phone", StepList::Transforms, 0,
                                     J("{'type': 'concatenate', 'columns': ['Phone']}"));
             }},
            {"remove transform", [](MappingDocument &d) { return d.removeStep("lifecycle", StepList::Transforms, 1); }},
            {"remove last transform of sourceless",
             [](MappingDocument &d) { return d.removeStep("name", StepList::Transforms, 0); }},
            {"set option",
             [](MappingDocument &d) {
                 return d.setStepOption("lifecycle", StepList::Transforms, 1, "unmapped", "null");
             }},
            {"remove option",
             [](MappingDocument &d) {
                 return d.setStepOption("lifecycle", StepList::Transforms, 1, "ignoreCase", {}, true);
             }},
            {"move transform", [](MappingDocument &d) { return d.moveStep("lifecycle", StepList::Transforms, 0, 1); }},
            {"add rule",
             [](MappingDocument &d) { return d.insertStep("email", StepList::Rules, -1, J("{'type': 'required'}")); }},
            {"remove rule", [](MappingDocument &d) { return d.removeStep("email", StepList::Rules, 0); }},
            {"set rule option",
             [](MappingDocument &d) { return d.setStepOption("email", StepList::Rules, 0, "action", "warn"); }},
            {"rewire to free field", [](MappingDocument &d) { return d.rewire("email", "phone"); }},
            {"rewire to mapped field", [](MappingDocument &d) { return d.rewire("email", "lifecycle"); }},
            {"auto-map", [](MappingDocument &d) { return d.autoMap() == 2; }},
            {"replace mapping",
             [](MappingDocument &d) { return d.replaceMapping(J("[{'field': 'phone', 'value': '+86'}]")); }},
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
                const QString shown
                    = editor.tableModel()->index(row, MappingTableModel::SourceColumn).data().toString();
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

    // "Column" as a field's source connects the column of the field's name;
    // with none, nothing (never the first column, whose data would go out
    // under the field): the editor lets the user pick.
    void sourceKindColumnNeverGuesses()
    {
        MappingDocument doc;
        doc.setColumns(autoMapColumns());
        doc.setDestinationFields(autoMapFields());
        doc.load(json::array());
        QVERIFY(doc.setSourceKind("phone", SourceKind::Column));
        QCOMPARE_JSON(doc.toJson(), J("[{'field': 'phone', 'column': 'Phone'}]"));
        QCOMPARE(doc.undoStack()->count(), 1);
        QVERIFY(!doc.setSourceKind("lifecycle", SourceKind::Column));
        QCOMPARE_JSON(doc.toJson(), J("[{'field': 'phone', 'column': 'Phone'}]"));
        QCOMPARE(doc.undoStack()->count(), 1);
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
};

QTEST_MAIN(TstMappingCanvasDocument)
#include "tst_mappingcanvas_document.moc"

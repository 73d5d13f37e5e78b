// Keyboard access to the main window: Shift+F10 opens the context menu of
// what has the focus, at its current item, in the explorer and on the canvas;
// the entries then act on that item.

#include "canvas/mappingeditor.h"
#include "canvas/mappingscene.h"
#include "canvas/mappingview.h"
#include "canvas/stepeditor.h"
#include "shell/mainwindow.h"
#include "shell/projecttreemodel.h"
#include "syncpages/synceditor.h"
#include "syncpages/syncmappingpage.h"

#include "demo/demoproject.h"

#include "../uitesting.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace sluice;
using namespace sluice::ui;
using namespace sluice::test;

class TstKeyboardAccess : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_project;

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName("SluiceTests");
        m_project = m_dir.filePath("demo.sluice");
        auto r = createDemoProject(m_project.toStdString(), 200);
        QVERIFY2(r, r ? "" : r.error().describe().c_str());
    }

    // Shift+F10 opens the context menu of what has the keyboard focus, at its
    // current item: the explorer's (then Open works from it) and the canvas's.
    void shiftF10OpensContextMenus()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(w.openProject(m_project, false));
        QTreeView *explorer = nullptr;
        for (auto *t : w.findChildren<QTreeView *>())
            if (t->accessibleName() == "Project explorer")
                explorer = t;
        QVERIFY(explorer);
        const QModelIndexList found
            = explorer->model()->match(explorer->model()->index(0, 0), ProjectTreeModel::NameRole, "user_360_to_file",
                                       1, Qt::MatchExactly | Qt::MatchRecursive);
        QCOMPARE(found.size(), 1);
        explorer->setCurrentIndex(found.first());
        explorer->setFocus();
        QTRY_VERIFY(explorer->hasFocus());
        const OpenedMenu menu = captureMenu([&] { QTest::keyClick(explorer, Qt::Key_F10, Qt::ShiftModifier); }, "Open");
        QVERIFY(menu.opened);
        QCOMPARE(menu.entries, QStringList({"Open", "Run", "Dry Run", "Add Sync…", "Rename…", "Duplicate", "Delete"}));
        QTRY_VERIFY(w.currentSyncEditor() && w.currentSyncEditor()->syncName() == "user_360_to_file");

        // The canvas: the menu of its focused column, then the canvas's own entries.
        SyncEditor *editor = w.currentSyncEditor();
        QVERIFY(editor->showPage("mapping"));
        MappingView *canvas = editor->mappingPage()->editor()->view();
        w.activateWindow(); // the popup had the keyboard
        QVERIFY(QTest::qWaitForWindowActive(&w));
        canvas->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(canvas->hasFocus());
        QVERIFY(canvas->mappingScene()->focusColumn("user_id"));
        const OpenedMenu canvasMenu = captureMenu([&] { QTest::keyClick(canvas, Qt::Key_F10, Qt::ShiftModifier); });
        QVERIFY(canvasMenu.opened);
        QVERIFY2(canvasMenu.entries.contains("Auto-map") && canvasMenu.entries.contains("Fit to View"),
                 qPrintable(canvasMenu.entries.join(", ")));
        QVERIFY2(canvasMenu.entries.first().startsWith("Connect"), qPrintable(canvasMenu.entries.join(", ")));
    }
};

QTEST_MAIN(TstKeyboardAccess)
#include "tst_keyboardaccess.moc"

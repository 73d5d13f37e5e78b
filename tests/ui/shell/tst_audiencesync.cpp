// An audience used as a sync's model in the app: offered after the models
// in the New Sync dialog, kept by name, and read (its members' columns) by
// the sync's mapping page, compiled off the UI thread.

#include "shell/mainwindow.h"
#include "shell/newitemdialog.h"
#include "shell/projecttreemodel.h"
#include "syncpages/synceditor.h"
#include "syncpages/syncmappingpage.h"
#include "testsupport.h"

#include "demo/demoproject.h"
#include "project/projectstore.h"

#include <QComboBox>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace sluice;
using namespace sluice::ui;

class TstAudienceSync : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QCoreApplication::setOrganizationName("SluiceTests"); }

    // An audience is offered as a sync's model, after the models; the sync
    // keeps its name, and its mapping page reads the members' columns.
    void anAudienceIsOfferedAsASyncsModel()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("demo.sluice");
        QVERIFY(createDemoProject(path.toStdString(), 200));
        MainWindow w;
        w.show();
        QVERIFY(w.openProject(path, false));
        using K = ProjectTreeModel::ItemKind;
        NewItemDialog *sync = w.addItem(int(K::Sync));
        QComboBox *models = sync->modelCombo();
        QCOMPARE(models->itemText(0), QString("hubspot_contacts"));
        const int vip = models->findData("vip_in_china");
        QVERIFY(vip > 3); // after the three models and a separator
        QCOMPARE(models->itemText(vip), QString("vip_in_china (audience)"));
        QCOMPARE(models->itemText(models->count() - 1), QString("customer_tags (tags)"));
        sync->nameEdit()->setText("vips_to_file");
        models->setCurrentIndex(vip);
        sync->destinationCombo()->setCurrentIndex(sync->destinationCombo()->findText("user_360_file"));
        sync->modeCombo()->setCurrentIndex(sync->modeCombo()->findData("mirror"));
        QCOMPARE(sync->problem(), QString());
        sync->accept();
        {
            auto store = ProjectStore::open(path.toStdString());
            QVERIFY(store);
            auto config = (*store)->load();
            QVERIFY(config);
            auto made = std::find_if(config->syncs.begin(), config->syncs.end(),
                                     [](const SyncDef &s) { return s.name == "vips_to_file"; });
            QVERIFY(made != config->syncs.end());
            QCOMPARE(QString::fromStdString(made->model), QString("vip_in_china"));
        }
        SyncEditor *editor = w.currentSyncEditor();
        QVERIFY(editor && editor->showPage("mapping"));
        SyncMappingPage *page = editor->mappingPage();
        QTRY_VERIFY2_WITH_TIMEOUT(page->statusText().startsWith("vip_in_china → user_360_file · 15 columns"),
                                  qPrintable(page->statusText()), 10000);
        QCOMPARE(page->errorText(), QString());

        // The tags model: the key, the e-mail and one column per tag.
        NewItemDialog *tags = w.addItem(int(K::Sync));
        tags->nameEdit()->setText("tags_to_file");
        tags->modelCombo()->setCurrentIndex(tags->modelCombo()->findData("customer_tags"));
        tags->accept();
        SyncEditor *tagsEditor = w.currentSyncEditor();
        QVERIFY(tagsEditor && tagsEditor->showPage("mapping"));
        QTRY_VERIFY2_WITH_TIMEOUT(
            tagsEditor->mappingPage()->statusText().startsWith("customer_tags → contacts_file · 3 columns"),
            qPrintable(tagsEditor->mappingPage()->statusText()), 10000);
        QCOMPARE(tagsEditor->mappingPage()->errorText(), QString());
    }
};

QTEST_MAIN(TstAudienceSync)
#include "tst_audiencesync.moc"

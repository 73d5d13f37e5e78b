// Issue 15: a project exported on one machine and imported into another
// folder says what the teammate must supply (the warehouse file its relative
// path no longer finds, a secret from an environment variable not set here, a
// keychain entry not here), in the app with a fix for each, and in
// `sluicectl import`.

#include "testsupport.h"

#include "connections/credentialstore.h"
#include "document/projectdocument.h"
#include "shell/mainwindow.h"
#include "shell/projectneedsdialog.h"

#include "demo/demoproject.h"
#include "project/projectjson.h"
#include "project/projectstore.h"

#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace sluice;
using namespace sluice::ui;
using namespace sluice::test;

namespace {

const char *const kTokenVariable = "SLUICE_TST_NEEDS_TOKEN"; // never set

// The demo with a webhook whose token comes from the environment and a
// second one whose token comes from the keychain, exported as a teammate
// would share it.
std::string demoExport(const QString &folder)
{
    const std::string project = QDir(folder).filePath("demo.sluice").toStdString();
    if (auto r = createDemoProject(project, 100); !r)
        qFatal("%s", r.error().describe().c_str());
    auto config = ProjectStore::open(project).value()->load().value();
    config.destinations.push_back(
        DestinationDef{"hook",
                       "webhook",
                       {{"url", "http://127.0.0.1:9/hook"},
                        {"headers", {{"Authorization", std::string("Bearer ${env:") + kTokenVariable + "}"}}}}});
    config.destinations.push_back(
        DestinationDef{"crm_hook",
                       "webhook",
                       {{"url", "http://127.0.0.1:9/crm"}, {"headers", {{"X-Token", "${keychain:team/crm-token}"}}}}});
    return exportText(config);
}

} // namespace

class TstProjectNeeds : public QObject {
    Q_OBJECT
    MemoryCredentialStore m_keychain;

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName("SluiceTests");
        qunsetenv(kTokenVariable);
        installCredentialStore(&m_keychain);
    }
    void cleanupTestCase() { installCredentialStore(nullptr); }

    void importListsWhatIsMissingAndFixesEach()
    {
        QTemporaryDir made, elsewhere;
        const std::string text = demoExport(made.path());
        // Imported into another folder, as the app's File > Import does.
        const QString project = elsewhere.filePath("shared.sluice");
        auto config = parseProjectText(text, "export.json");
        QVERIFY(config);
        QCOMPARE(createProject(project.toStdString(), *config), QString());

        MainWindow w;
        w.resize(1280, 860);
        w.show();
        QVERIFY(w.openProject(project, false));
        ProjectNeedsDialog *dialog = w.showProjectNeeds(true);
        QVERIFY(dialog);
        QCOMPARE(dialog->needCount(), 3);
        const QString warehouse = QDir::toNativeSeparators(elsewhere.filePath("demo.warehouse.sqlite"));
        QCOMPARE(dialog->rowText(0),
                 QString("Source “warehouse” reads %1, which is not on this machine.").arg(warehouse));
        // Destinations in the project's order (by name).
        QCOMPARE(
            dialog->rowText(1),
            QString("“crm_hook” needs the secret team/crm-token from the keychain, which has no such entry here."));
        QCOMPARE(dialog->rowText(2), QString("“hook” needs the secret %1 from the environment, which is not set here. "
                                             "Keep it in the keychain, or set %1 before starting Sluice.")
                                         .arg(kTokenVariable));
        QCOMPARE(dialog->summaryText(), QString("Still missing: 3 of 3."));

        // Locate… the warehouse where the teammate keeps it.
        const QString real = made.filePath("demo.warehouse.sqlite");
        QVERIFY(QFile::exists(real));
        dialog->setPathPrompt([&](const ProjectNeed &) { return real; });
        QTest::mouseClick(dialog->fixButton(0), Qt::LeftButton);
        QCOMPARE(w.document()->source("warehouse")->settings["path"].get<std::string>(), real.toStdString());
        QVERIFY(!dialog->fixButton(0)->isEnabled());

        // The environment's token is kept in the keychain instead; the
        // project file refers to it there and never holds it.
        dialog->setSecretPrompt([](const QString &) { return QStringLiteral("needs-secret-4711"); });
        QTest::mouseClick(dialog->fixButton(2), Qt::LeftButton);
        const QString key = keychainKey("Sluice demo", "destination", "hook", "headers.Authorization");
        QCOMPARE(m_keychain.entries().value(key), QString("needs-secret-4711"));
        QCOMPARE(w.document()->destination("hook")->settings["headers"]["Authorization"].get<std::string>(),
                 "Bearer " + keychainReference(key).toStdString());
        // The keychain's own entry is written under the name the project uses.
        QTest::mouseClick(dialog->fixButton(1), Qt::LeftButton);
        QCOMPARE(m_keychain.entries().value("team/crm-token"), QString("needs-secret-4711"));
        QCOMPARE(dialog->summaryText(), QString("Nothing is missing: the project has what it needs on this machine."));

        // Two project edits, each undoable; nothing is missing any more; the
        // file never holds the secret.
        QCOMPARE(w.document()->undoStack()->count(), 2);
        QVERIFY(ProjectNeedsDialog::needsOf(*w.document(), &m_keychain).empty());
        QFile file(project);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("needs-secret-4711"));
        QVERIFY(!w.showProjectNeeds(true));
    }

    void sluicectlImportPrintsWhatIsMissing()
    {
        QTemporaryDir made, elsewhere;
        const QString exportFile = elsewhere.filePath("export.json");
        QFile out(exportFile);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QByteArray::fromStdString(demoExport(made.path())));
        out.close();
        const QString project = elsewhere.filePath("shared.sluice");
        const CliResult r = runSluicectl({"import", exportFile, project});
        QCOMPARE(r.exitCode, 0);
        const QString printed = QString::fromUtf8(r.out);
        const QString warehouse = elsewhere.filePath("demo.warehouse.sqlite");
        const QString expected = QString("Before its syncs can run, this machine needs:\n"
                                         "  - source 'warehouse': file %1 does not exist (path)\n"
                                         "  - destination 'crm_hook': keychain entry team/crm-token is missing "
                                         "(headers.X-Token); the desktop app keeps it\n"
                                         "  - destination 'hook': environment variable %2 is not set "
                                         "(headers.Authorization uses ${env:%2})\n")
                                     .arg(warehouse, kTokenVariable);
        QVERIFY2(printed.contains(expected), qPrintable(printed));
    }
};

QTEST_MAIN(TstProjectNeeds)
#include "tst_projectneeds.moc"

// The connection page's form as a user fills it in: typed editors built from
// the kind's settings spec, each change an undoable edit (typing in a field
// is one step), validation errors under their field, the Test button testing
// what the form shows, and secrets going to the credential store with only
// ${keychain:...} in the project.
//
// The form is tested with the in-memory store. realKeychainRoundTrip runs itself
// again under dbus-run-session with a throwaway GNOME keyring (the real
// QtKeychain path, never the user's keyring).

#include "connections/connectionpage.h"
#include "connections/credentialstore.h"
#include "connections/keyvaluetablemodel.h"
#include "connections/settingsform.h"
#include "document/projectdocument.h"
#include "jsoncompare.h"

#include "core/envref.h"
#include "demo/demoproject.h"
#include "project/projectjson.h"
#include "project/projectstore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

using namespace sluice;
using namespace sluice::ui;
using namespace sluice::test;
using nlohmann::json;

namespace {

// The configuration as saved in the project file, through a connection of its own.
ProjectConfig saved(const QString &project)
{
    auto store = ProjectStore::open(project.toStdString());
    if (!store)
        return {};
    auto config = (*store)->load();
    return config ? *config : ProjectConfig{};
}

json sourceSettings(const QString &project, const std::string &name)
{
    for (const auto &s : saved(project).sources)
        if (s.name == name)
            return s.settings;
    return nullptr;
}

json destinationSettings(const QString &project, const std::string &name)
{
    for (const auto &d : saved(project).destinations)
        if (d.name == name)
            return d.settings;
    return nullptr;
}

void retype(QWidget *edit, const QString &text)
{
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

} // namespace

class TstConnectionPage : public QObject {
    Q_OBJECT
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_project;
    std::unique_ptr<ProjectDocument> m_doc;
    MemoryCredentialStore m_credentials;

private slots:
    void initTestCase() { installCredentialStore(&m_credentials); }
    void cleanupTestCase() { installCredentialStore(nullptr); }

    void init()
    {
        m_doc.reset();
        m_dir = std::make_unique<QTemporaryDir>();
        m_project = m_dir->filePath("demo.sluice");
        auto r = createDemoProject(m_project.toStdString(), 100);
        QVERIFY2(r, r ? "" : r.error().describe().c_str());
        m_doc = std::make_unique<ProjectDocument>();
        QVERIFY(m_doc->open(m_project));
        QVERIFY(m_doc->edit("setup", [](ProjectConfig &c) {
            c.sources.push_back(SourceDef{"crm_db", "postgres", {{"database", "crm"}, {"user", "app"}}});
            c.destinations.push_back(DestinationDef{"hook", "webhook", {{"url", "http://127.0.0.1:9/hook"}}});
        }));
        m_doc->undoStack()->clear();
    }

    void cleanup() { m_doc.reset(); }

    void formIsBuiltFromTheSpec()
    {
        ConnectionPage page(m_doc.get(), ConnectionPage::Role::Source, "crm_db", &m_credentials);
        SettingsForm *form = page.form();
        QVERIFY(qobject_cast<QLineEdit *>(form->editor("host")));
        QCOMPARE(qobject_cast<QLineEdit *>(form->editor("host"))->text(), QString("127.0.0.1")); // the default
        QCOMPARE(qobject_cast<QSpinBox *>(form->editor("port"))->value(), 5432);
        QCOMPARE(qobject_cast<QLineEdit *>(form->editor("database"))->text(), QString("crm"));
        auto *password = qobject_cast<QLineEdit *>(form->editor("password"));
        QVERIFY(password);
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        auto *ssl = qobject_cast<QComboBox *>(form->editor("sslmode"));
        QVERIFY(ssl);
        QCOMPARE(ssl->count(), 6);
        QCOMPARE(ssl->currentText(), QString("prefer"));

        ConnectionPage hook(m_doc.get(), ConnectionPage::Role::Destination, "hook", &m_credentials);
        QVERIFY(hook.form()->mapModel("headers"));
        QVERIFY(qobject_cast<QComboBox *>(hook.form()->editor("method")));
        ConnectionPage csv(m_doc.get(), ConnectionPage::Role::Destination, "crm_table", &m_credentials);
        QVERIFY(qobject_cast<QCheckBox *>(csv.form()->editor("createTable")));
        QVERIFY(csv.form()->findChild<QWidget *>("path_browse"));
    }

    void typingIsOneUndoableStepPerField()
    {
        ConnectionPage page(m_doc.get(), ConnectionPage::Role::Source, "crm_db", &m_credentials);
        page.show();
        auto *host = qobject_cast<QLineEdit *>(page.form()->editor("host"));
        retype(host, "db.example.com");
        QTRY_COMPARE_WITH_TIMEOUT(sourceSettings(m_project, "crm_db").value("host", ""), std::string("db.example.com"),
                                  3000);
        QCOMPARE(m_doc->undoStack()->count(), 1);
        QCOMPARE(m_doc->undoStack()->text(0), QString("Edit Host of crm_db"));

        auto *port = qobject_cast<QSpinBox *>(page.form()->editor("port"));
        retype(port, "6543");
        QTest::keyClick(port, Qt::Key_Return);
        QCOMPARE(sourceSettings(m_project, "crm_db").value("port", 0), 6543);
        QCOMPARE(m_doc->undoStack()->count(), 2);

        auto *ssl = qobject_cast<QComboBox *>(page.form()->editor("sslmode"));
        ssl->setFocus();
        QTest::keyClick(ssl, Qt::Key_Down); // prefer -> require
        QCOMPARE(sourceSettings(m_project, "crm_db").value("sslmode", ""), std::string("require"));
        QCOMPARE(m_doc->undoStack()->count(), 3);

        // Undo goes back field by field; the form shows the project.
        m_doc->undoStack()->undo();
        QCOMPARE(ssl->currentText(), QString("prefer"));
        m_doc->undoStack()->undo();
        QCOMPARE(port->value(), 5432);
        QVERIFY(!sourceSettings(m_project, "crm_db").contains("port"));
        m_doc->undoStack()->undo();
        QCOMPARE(host->text(), QString("127.0.0.1"));
        QCOMPARE_JSON(sourceSettings(m_project, "crm_db"), (json{{"database", "crm"}, {"user", "app"}}));
        m_doc->undoStack()->redo();
        QCOMPARE(host->text(), QString("db.example.com"));
    }

    void refusedValueShowsUnderItsFieldAndIsTestedAsTyped()
    {
        ConnectionPage page(m_doc.get(), ConnectionPage::Role::Source, "warehouse", &m_credentials);
        QSignalSpy tested(&page, &ConnectionPage::tested);
        QVERIFY(tested.wait(10000));
        QCOMPARE(tested.last().first().toBool(), true);
        QVERIFY(page.resultText().startsWith("OK: "));
        page.show();
        const json before = sourceSettings(m_project, "warehouse");
        auto *path = qobject_cast<QLineEdit *>(page.form()->editor("path"));
        retype(path, "");
        QTest::keyClick(path, Qt::Key_Return);
        QCOMPARE(page.form()->fieldMessage("path"), QString("Database file is required."));
        QCOMPARE_JSON(sourceSettings(m_project, "warehouse"), before);
        QCOMPARE(m_doc->undoStack()->count(), 0);
        // Test tests what the form shows.
        page.test();
        QVERIFY(tested.wait(10000));
        QCOMPARE(tested.last().first().toBool(), false);
        QVERIFY2(page.resultText().contains("required setting 'path' is missing"), qPrintable(page.resultText()));

        // A file that is not there: saved (it is a valid setting), and the test says so.
        retype(path, "nowhere.sqlite");
        QTest::keyClick(path, Qt::Key_Return);
        QCOMPARE(page.form()->fieldMessage("path"), QString());
        QCOMPARE(sourceSettings(m_project, "warehouse").value("path", ""), std::string("nowhere.sqlite"));
        page.testButton()->click();
        QVERIFY(tested.wait(10000));
        QCOMPARE(tested.last().first().toBool(), false);
        QVERIFY2(page.resultText().contains("nowhere.sqlite"), qPrintable(page.resultText()));
        // Undo restores it; testing again succeeds.
        m_doc->undoStack()->undo();
        QCOMPARE(path->text(), QString::fromStdString(before.value("path", "")));
        page.test();
        QVERIFY(tested.wait(10000));
        QCOMPARE(tested.last().first().toBool(), true);
    }

    void secretGoesToTheKeychainAndTheProjectKeepsAReference()
    {
        ConnectionPage page(m_doc.get(), ConnectionPage::Role::Source, "crm_db", &m_credentials);
        page.show();
        auto *password = qobject_cast<QLineEdit *>(page.form()->editor("password"));
        password->setFocus();
        QTest::keyClicks(password, "hunter2");
        QTest::keyClick(password, Qt::Key_Return);
        const QString key = "sluice/Sluice_demo/source/crm_db/password";
        QCOMPARE(page.secretKey("password"), key);
        QCOMPARE(m_credentials.entries().value(key), QString("hunter2"));
        QCOMPARE(sourceSettings(m_project, "crm_db").value("password", ""),
                 std::string("${keychain:sluice/Sluice_demo/source/crm_db/password}"));
        QVERIFY(!QString::fromStdString(exportText(saved(m_project))).contains("hunter2"));
        QFile file(m_project);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("hunter2"));
        // The field keeps no plain text; it says where the secret is.
        QCOMPARE(password->text(), QString());
        QCOMPARE(password->placeholderText(), QString("Saved in the keychain; type to replace"));
        QVERIFY(page.form()->fieldMessage("password").startsWith("Saved in the keychain as "));
        QCOMPARE(m_doc->undoStack()->count(), 1);

        // The engine resolves the reference through the installed store,
        // from a worker thread as runs do.
        auto resolved = QtConcurrent::run([] {
                            return resolveReferences("${keychain:sluice/Sluice_demo/source/crm_db/password}",
                                                     "password", SecretAccess::Allowed);
                        }).result();
        QVERIFY(resolved);
        QCOMPARE(*resolved, std::string("hunter2"));

        // Undo takes the reference away; the keychain entry stays for redo.
        m_doc->undoStack()->undo();
        QVERIFY(!sourceSettings(m_project, "crm_db").contains("password"));
        QCOMPARE(password->placeholderText(), QString("Not set; what you type is kept in the keychain"));
        m_doc->undoStack()->redo();
        QCOMPARE(sourceSettings(m_project, "crm_db").value("password", ""),
                 std::string("${keychain:sluice/Sluice_demo/source/crm_db/password}"));

        // A typed reference is kept as typed.
        password->setFocus();
        QTest::keyClicks(password, "${env:CRM_PASSWORD}");
        QCOMPARE(password->echoMode(), QLineEdit::Normal);
        QTest::keyClick(password, Qt::Key_Return);
        QCOMPARE(sourceSettings(m_project, "crm_db").value("password", ""), std::string("${env:CRM_PASSWORD}"));
        // Forget removes it from the project.
        page.form()->findChild<QAbstractButton *>("password_forget")->click();
        QVERIFY(!sourceSettings(m_project, "crm_db").contains("password"));
        QCOMPARE(m_doc->undoStack()->count(), 3);
    }

    void headerCredentialsGoToTheKeychain()
    {
        ConnectionPage page(m_doc.get(), ConnectionPage::Role::Destination, "hook", &m_credentials);
        KeyValueTableModel *headers = page.form()->mapModel("headers");
        QCOMPARE(headers->rowCount(), 1); // the row that adds
        QVERIFY(headers->setData(headers->index(0, 0), "X-Team"));
        QVERIFY(headers->setData(headers->index(0, 1), "growth"));
        QVERIFY(headers->setData(headers->index(1, 0), "Authorization"));
        QVERIFY(headers->setData(headers->index(1, 1), "Bearer s3cret"));
        const json settings = destinationSettings(m_project, "hook");
        QCOMPARE_JSON(
            settings["headers"],
            (json{{"X-Team", "growth"},
                  {"Authorization", "${keychain:sluice/Sluice_demo/destination/hook/headers.Authorization}"}}));
        QCOMPARE(m_credentials.entries().value("sluice/Sluice_demo/destination/hook/headers.Authorization"),
                 QString("Bearer s3cret"));
        // Removing a header: clear its name.
        QVERIFY(headers->setData(headers->index(0, 0), ""));
        QCOMPARE(destinationSettings(m_project, "hook")["headers"].size(), std::size_t(1));
        m_doc->undoStack()->undo();
        QCOMPARE(destinationSettings(m_project, "hook")["headers"].size(), std::size_t(2));
        QCOMPARE(headers->rowCount(), 3);
    }

    void booleanAndChoiceAreImmediateSteps()
    {
        ConnectionPage page(m_doc.get(), ConnectionPage::Role::Destination, "crm_table", &m_credentials);
        auto *create = qobject_cast<QCheckBox *>(page.form()->editor("createTable"));
        QVERIFY(create->isChecked());
        create->click();
        QCOMPARE(destinationSettings(m_project, "crm_table").value("createTable", true), false);
        QCOMPARE(m_doc->undoStack()->text(0), QString("Edit Create the table if missing of crm_table"));
        m_doc->undoStack()->undo();
        QVERIFY(create->isChecked());
    }

    void realKeychainRoundTrip()
    {
        if (qEnvironmentVariable("SLUICE_REAL_KEYCHAIN") != "1") {
            // Run this slot again inside a private session bus with a fresh,
            // unlocked GNOME keyring in a temporary home: the real keychain
            // path is tested without touching the user's keyring. Both the bus
            // and the keyring daemon end with the child.
            QTemporaryDir home;
            QVERIFY(home.isValid());
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert("HOME", home.path());
            env.insert("XDG_DATA_HOME", home.filePath("data"));
            env.insert("XDG_CONFIG_HOME", home.filePath("config"));
            env.insert("SLUICE_REAL_KEYCHAIN", "1");
            env.remove("DBUS_SESSION_BUS_ADDRESS");
            QProcess child;
            child.setProcessEnvironment(env);
            child.setProcessChannelMode(QProcess::MergedChannels);
            child.start("dbus-run-session",
                        {"--", "sh", "-c",
                         "printf sluice-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null "
                         "&& exec \"$0\" realKeychainRoundTrip",
                         QCoreApplication::applicationFilePath()});
            QVERIFY2(child.waitForStarted(10000),
                     "dbus-run-session is missing (Debian package dbus-daemon; ./dev.sh installs it)");
            QVERIFY(child.waitForFinished(60000));
            const QString output = QString::fromLocal8Bit(child.readAll());
            QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, qPrintable(output));
            QVERIFY2(output.contains("PASS   : TstConnectionPage::realKeychainRoundTrip()"), qPrintable(output));
            return;
        }
        KeychainCredentialStore keychain;
        const QString key = "sluice/tests/source/real/password";
        QString error;
        QVERIFY2(keychain.write(key, "from the GUI thread", &error), qPrintable(error));
        // A fresh store (empty cache) reads it back, from the GUI thread and
        // from a worker through the engine's lookup.
        KeychainCredentialStore fresh;
        QCOMPARE(fresh.read(key, &error).value_or("<" + error + ">"), QString("from the GUI thread"));
        KeychainCredentialStore other;
        installCredentialStore(&other);
        auto resolved = QtConcurrent::run([] {
            return resolveReferences("${keychain:sluice/tests/source/real/password}", "password",
                                     SecretAccess::Allowed);
        });
        while (!resolved.isFinished())
            QTest::qWait(20); // the GUI thread runs the job the worker waits for
        installCredentialStore(&m_credentials);
        QVERIFY2(resolved.result(), resolved.result() ? "" : resolved.result().error().describe().c_str());
        QCOMPARE(*resolved.result(), std::string("from the GUI thread"));
        QVERIFY(keychain.remove(key, &error));
        KeychainCredentialStore afterRemove;
        QVERIFY(!afterRemove.read(key, &error));

        // The form with the real keychain: typed, stored, referenced.
        ConnectionPage page(m_doc.get(), ConnectionPage::Role::Source, "crm_db", &keychain);
        page.show();
        auto *password = qobject_cast<QLineEdit *>(page.form()->editor("password"));
        password->setFocus();
        QTest::keyClicks(password, "typed into the form");
        QTest::keyClick(password, Qt::Key_Return);
        QCOMPARE(sourceSettings(m_project, "crm_db").value("password", ""),
                 std::string("${keychain:sluice/Sluice_demo/source/crm_db/password}"));
        KeychainCredentialStore reader;
        QCOMPARE(reader.read(page.secretKey("password"), &error).value_or("<" + error + ">"),
                 QString("typed into the form"));
        QVERIFY(keychain.remove(page.secretKey("password"), &error));
    }
};

QTEST_MAIN(TstConnectionPage)
#include "tst_connectionpage.moc"

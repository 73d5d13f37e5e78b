// The interface language: catalogues found, choices resolved, Sluice's and
// Qt's translators installed and replaced, the Preferences dialog following.

#include "runs/runwords.h"
#include "shell/languagesettings.h"
#include "shell/preferencesdialog.h"

#include "core/cancel.h"
#include "demo/demoproject.h"
#include "project/runrecorder.h"
#include "project/statestore.h"
#include "sync/syncrunner.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace sluice::ui;

class TestLanguage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SluiceTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_language"));
        QSettings().clear();
        // The test binary is not beside share/; point at the build tree's catalogues.
        qputenv("SLUICE_TRANSLATIONS_DIR", qgetenv("SLUICE_BUILD_DIR") + "/share/sluice/translations");
    }
    void cleanup() { installTranslators(*qApp, QStringLiteral("en")); }

    void availableLanguagesListsTheCatalogues()
    {
        const QList<LanguageOption> options = availableLanguages();
        QStringList codes;
        for (const LanguageOption &option : options)
            codes << option.code;
        QCOMPARE(codes, (QStringList{QStringLiteral("system"), QStringLiteral("en"), QStringLiteral("zh_CN")}));
        QCOMPARE(options.at(1).displayName, QStringLiteral("English"));
        QCOMPARE(options.at(2).displayName, QStringLiteral("简体中文"));
    }

    void choicesResolve()
    {
        QCOMPARE(resolveLanguage(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        QCOMPARE(resolveLanguage(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(resolveLanguage(QStringLiteral("fr_FR")), QStringLiteral("en")); // no catalogue
    }

    void settingRoundTrips()
    {
        QSettings().remove(QLatin1String(kLanguageSettingKey));
        QCOMPARE(savedLanguage(), QStringLiteral("system"));
        saveLanguage(QStringLiteral("zh_CN"));
        QCOMPARE(savedLanguage(), QStringLiteral("zh_CN"));
        saveLanguage(QStringLiteral("system"));
    }

    void translatorsInstallAndReplace()
    {
        QCOMPARE(installTranslators(*qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        QCOMPARE(QCoreApplication::translate("sluice::ui::MainWindow", "&File"), QStringLiteral("文件(&F)"));
        QCOMPARE(QCoreApplication::translate("main", "Sluice reverse-ETL designer"),
                 QStringLiteral("Sluice 反向 ETL 设计器"));
        // Qt's own strings (qtbase_zh_CN.qm): standard buttons.
        QDialogButtonBox buttons(QDialogButtonBox::Cancel);
        QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("取消"));

        QCOMPARE(installTranslators(*qApp, QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("sluice::ui::MainWindow", "&File"), QStringLiteral("&File"));
        QDialogButtonBox english(QDialogButtonBox::Cancel);
        QCOMPARE(english.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Cancel"));
    }

    // Issue 15: the job log speaks the user's language. A real run's lines
    // carry codes and arguments; under zh_CN they read in Chinese, statuses,
    // kinds and modes included, while the stored English stays for the CLI.
    void jobLogSpeaksTheUsersLanguage()
    {
        QTemporaryDir dir;
        const std::string project = dir.filePath("demo.sluice").toStdString();
        QVERIFY(sluice::createDemoProject(project, 50));
        sluice::CancelToken cancel;
        auto run = sluice::runSync(project, "user_360_to_file", sluice::RunOptions{}, cancel);
        QVERIFY2(run, run ? "" : run.error().describe().c_str());
        auto state = sluice::StateStore::open(project);
        QVERIFY(state);
        auto events = sluice::RunRecorder::events((*state)->handle(), run->runId, sluice::LogLevel::Info);
        QVERIFY(events && events->size() >= 2);
        const sluice::LogEvent &first = events->front(), &last = events->back();
        QCOMPARE(first.code, std::string("run.start"));
        QCOMPARE(first.message,
                 std::string("run of sync 'user_360_to_file': model 'user_360' -> destination 'user_360_file' (mirror "
                             "mode)"));
        QCOMPARE(last.code, std::string("run.summary"));

        QCOMPARE(logMessageText(first), QString::fromStdString(first.message)); // English: as stored
        installTranslators(*qApp, QStringLiteral("zh_CN"));
        QCOMPARE(logMessageText(first),
                 QStringLiteral("同步“user_360_to_file”的运行：模型“user_360” → 目标“user_360_file”（镜像模式）"));
        QCOMPARE(logMessageText(last), QStringLiteral("成功：查询 50 行，无效 0 行；新增 50，变更 0，删除 0，未变 0；"
                                                      "送达 50，拒绝 0，待发送 0"));
        // A line without a code is shown as stored.
        sluice::LogEvent plain;
        plain.message = "a line from before codes";
        QCOMPARE(logMessageText(plain), QString("a line from before codes"));
    }

    void preferencesDialogOffersTheLanguagesAndRetranslates()
    {
        saveLanguage(QStringLiteral("en"));
        PreferencesDialog dialog;
        QCOMPARE(dialog.languageBox()->count(), 3);
        QCOMPARE(dialog.selectedLanguage(), QStringLiteral("en"));
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Preferences"));
        QVERIFY(dialog.languageBox()->itemText(0).startsWith(QStringLiteral("System default (")));

        dialog.setSelectedLanguage(QStringLiteral("zh_CN"));
        QCOMPARE(dialog.selectedLanguage(), QStringLiteral("zh_CN"));
        dialog.setSelectedLanguage(QStringLiteral("no_such_language"));
        QCOMPARE(dialog.selectedLanguage(), QStringLiteral("system"));

        // Installing translators sends LanguageChange: the open dialog follows.
        dialog.setSelectedLanguage(QStringLiteral("zh_CN"));
        installTranslators(*qApp, QStringLiteral("zh_CN"));
        QCoreApplication::processEvents();
        QCOMPARE(dialog.windowTitle(), QStringLiteral("首选项"));
        QCOMPARE(dialog.selectedLanguage(), QStringLiteral("zh_CN")); // the choice survives the refill
        QVERIFY(dialog.languageBox()->itemText(0).startsWith(QStringLiteral("跟随系统（")));
        saveLanguage(QStringLiteral("system"));
    }
};

QTEST_MAIN(TestLanguage)
#include "tst_language.moc"

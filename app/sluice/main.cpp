// sluice: the desktop app. Thin: set up the application, open the project
// named on the command line (or the most recent one), show the window.

#include "connections/credentialstore.h"
#include "shell/languagesettings.h"
#include "shell/mainwindow.h"
#include "shell/readablepalette.h"
#include "startupprobe.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSettings>
#include <QStatusBar>

int main(int argc, char **argv)
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Sluice"));
    QApplication::setApplicationName(QStringLiteral("Sluice"));
    QApplication::setApplicationVersion(QStringLiteral(SLUICE_VERSION));
    // Some dark palettes draw placeholders and check box outlines nearly in
    // the background's colour: made readable, other palettes untouched.
    QApplication::setPalette(sluice::ui::readablePalette(QApplication::palette()));
    // The installed desktop entry and icon (installer/linux): taskbars match windows to it.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.sluice.Sluice"));
    // Before any text is built, so the command-line help is translated too.
    sluice::ui::installTranslators(app, sluice::ui::savedLanguage());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Sluice reverse-ETL designer"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QApplication::translate("main", "Project file (*.sluice) to open."));
    QCommandLineOption select(
        QStringLiteral("select"),
        QApplication::translate("main", "Open on an item: model:NAME, sync:NAME, source:NAME, destination:NAME, "
                                        "overview, or a page of a sync: sync:NAME#mapping, #runs, "
                                        "#settings, #rejected, #inspector or #history."),
        QStringLiteral("item"));
    parser.addOption(select);
    // Start-up benchmark only (tests/bench/startup.sh): print when the window
    // is painted, then quit.
    QCommandLineOption startupProbe(QStringLiteral("startup-probe"), QString());
    startupProbe.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(startupProbe);
    parser.process(app);

    // Secrets typed into connection forms live in the OS keychain; runs
    // started from the app resolve their ${keychain:...} references here.
    static sluice::ui::KeychainCredentialStore keychain; // outlives the worker threads
    sluice::ui::installCredentialStore(&keychain);

    sluice::ui::MainWindow window;
    const QStringList args = parser.positionalArguments();
    // With --select only that item opens (no first model's tab beside it).
    const bool selecting = parser.isSet(select);
    bool opened = false;
    if (!args.isEmpty()) {
        opened = window.openProject(QFileInfo(args.first()).absoluteFilePath(), true, !selecting);
    } else {
        const QStringList recent = QSettings().value(QStringLiteral("recentProjects")).toStringList();
        if (!recent.isEmpty() && QFileInfo::exists(recent.first()))
            opened = window.openProject(recent.first(), false, !selecting);
    }
    if (selecting && !window.selectItem(parser.value(select))) {
        if (opened)
            window.showFirstItem();
        window.statusBar()->showMessage(
            QApplication::translate("main", "Nothing named %1 in this project").arg(parser.value(select)));
    }
    if (parser.isSet(startupProbe))
        new StartupProbe(&window, sinceMain); // owned by the window
    window.show();
    return app.exec();
}

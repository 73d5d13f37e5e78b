#include "languagesettings.h"

#include "common/tr.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <algorithm>

namespace sluice::ui {
namespace {

const QString kCataloguePrefix = QStringLiteral("sluice_");

// The translators installed by the last installTranslators() call, owned by
// the application object (so they never outlive it).
QList<QTranslator *> &installedTranslators()
{
    static QList<QTranslator *> translators;
    return translators;
}

QStringList catalogueCodes()
{
    QStringList codes;
    for (const QString &dir : translationDirectories()) {
        const QStringList files = QDir(dir).entryList({kCataloguePrefix + QStringLiteral("*.qm")}, QDir::Files);
        for (const QString &file : files) {
            const QString code = QFileInfo(file).completeBaseName().mid(kCataloguePrefix.size());
            if (!code.isEmpty() && !codes.contains(code))
                codes.append(code);
        }
    }
    std::sort(codes.begin(), codes.end());
    return codes;
}

// A language in its own name: what a reader of that language looks for in a
// list. Chinese needs its script (Simplified or Traditional) to be told apart.
QString nativeName(const QString &code)
{
    const QLocale locale(code);
    if (locale.language() == QLocale::Chinese)
        return locale.script() == QLocale::TraditionalHanScript ? QStringLiteral("繁體中文")
                                                                : QStringLiteral("简体中文");
    const QString name = locale.nativeLanguageName();
    return name.isEmpty() ? code : name.left(1).toUpper() + name.mid(1);
}

// The Qt catalogue directories: Qt's own, then one beside the executable
// (where windeployqt and macdeployqt put Qt's .qm files).
QStringList qtTranslationDirectories()
{
    return {QLibraryInfo::path(QLibraryInfo::TranslationsPath),
            QCoreApplication::applicationDirPath() + QStringLiteral("/translations"),
            QCoreApplication::applicationDirPath() + QStringLiteral("/../Resources/translations")};
}

QTranslator *loadCatalogue(QCoreApplication &app, const QString &baseName, const QStringList &dirs)
{
    for (const QString &dir : dirs) {
        auto *translator = new QTranslator(&app);
        if (translator->load(baseName, dir))
            return translator;
        delete translator;
    }
    return nullptr;
}

} // namespace

QStringList translationDirectories()
{
    QStringList candidates;
    const QString fromEnvironment = qEnvironmentVariable("SLUICE_TRANSLATIONS_DIR");
    if (!fromEnvironment.isEmpty())
        candidates << fromEnvironment;
    const QString appDir = QCoreApplication::applicationDirPath();
    candidates << appDir + QStringLiteral("/../share/sluice/translations") // build tree, Linux, Windows
               << appDir + QStringLiteral("/../Resources/translations");   // macOS bundle
    QStringList existing;
    for (const QString &candidate : candidates) {
        const QString path = QDir::cleanPath(candidate);
        if (QFileInfo(path).isDir() && !existing.contains(path))
            existing << path;
    }
    return existing;
}

QList<LanguageOption> availableLanguages()
{
    QList<LanguageOption> options;
    options.append({QString::fromLatin1(kSystemLanguage), Tr::tr("System default")});
    options.append({QString::fromLatin1(kEnglish), QStringLiteral("English")});
    for (const QString &code : catalogueCodes()) {
        if (code != QLatin1String(kEnglish))
            options.append({code, nativeName(code)});
    }
    return options;
}

QString savedLanguage()
{
    return QSettings().value(QLatin1String(kLanguageSettingKey), QString::fromLatin1(kSystemLanguage)).toString();
}

void saveLanguage(const QString &code)
{
    QSettings().setValue(QLatin1String(kLanguageSettingKey), code);
}

QString resolveLanguage(const QString &choice)
{
    const QString english = QString::fromLatin1(kEnglish);
    const QStringList codes = catalogueCodes();
    if (choice != QLatin1String(kSystemLanguage))
        return codes.contains(choice) ? choice : english;
    // uiLanguages() lists the user's languages by preference, each from the
    // most to the least specific ("zh-CN", "zh-Hans-CN", "zh"). The first one
    // we have wins; English is always there (it is the source language).
    for (QString language : QLocale::system().uiLanguages()) {
        language.replace(QLatin1Char('-'), QLatin1Char('_'));
        if (language == english || language.startsWith(english + QLatin1Char('_')))
            return english;
        if (codes.contains(language))
            return language;
        const QLocale locale(language);
        const QString withoutScript = QLocale::languageToCode(locale.language()) + QLatin1Char('_')
                                    + QLocale::territoryToCode(locale.territory());
        if (codes.contains(withoutScript))
            return withoutScript;
    }
    return english;
}

QString installTranslators(QCoreApplication &app, const QString &choice)
{
    QList<QTranslator *> &installed = installedTranslators();
    for (QTranslator *translator : std::as_const(installed)) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
    installed.clear();

    const QString code = resolveLanguage(choice);
    if (code == QLatin1String(kEnglish))
        return code;
    QTranslator *own = loadCatalogue(app, kCataloguePrefix + code, translationDirectories());
    if (!own)
        return QString::fromLatin1(kEnglish);
    // Qt's dialogs, standard buttons and context menus (qt6-translations-l10n).
    if (QTranslator *qt = loadCatalogue(app, QStringLiteral("qtbase_") + code, qtTranslationDirectories())) {
        QCoreApplication::installTranslator(qt);
        installed.append(qt);
    }
    QCoreApplication::installTranslator(own);
    installed.append(own);
    return code;
}

} // namespace sluice::ui

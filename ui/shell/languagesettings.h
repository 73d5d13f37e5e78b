#pragma once
// The interface language: which catalogues exist, which one the user chose,
// and installing Sluice's and Qt's own translators for it.
//
// The choice is the QSettings value "ui/language": "system" (the default:
// follow the system locale), "en", or a catalogue code such as "zh_CN".
// Catalogues are the sluice_<code>.qm files compiled from translations/*.ts;
// they are looked up relative to the executable, so the same lookup works in
// the build tree (build/app/sluice -> build/share/sluice/translations), in an
// installed prefix (bin/ -> share/sluice/translations) and in a macOS bundle.

#include <QList>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace sluice::ui {

inline constexpr char kLanguageSettingKey[] = "ui/language";
inline constexpr char kSystemLanguage[] = "system";
inline constexpr char kEnglish[] = "en";

struct LanguageOption {
    QString code;        // "system", "en", "zh_CN"
    QString displayName; // a language in its own name ("简体中文"); "System" in the current language
};

// Directories searched for sluice_<code>.qm, most specific first.
// SLUICE_TRANSLATIONS_DIR, when set, comes first.
QStringList translationDirectories();

// "system", then English, then every catalogue found, by code.
QList<LanguageOption> availableLanguages();

// The saved choice ("system" when nothing was saved).
QString savedLanguage();
void saveLanguage(const QString &code);

// The catalogue code a choice means here: "en", or the code of an installed
// catalogue. "system" follows QLocale::system().uiLanguages(); a code with no
// catalogue falls back to English.
QString resolveLanguage(const QString &choice);

// Replaces the translators installed by an earlier call with Sluice's and
// Qt's (qtbase_<code>.qm, for Qt's own dialogs and buttons) for `choice`.
// Returns the resolved code. Widgets receive QEvent::LanguageChange.
QString installTranslators(QCoreApplication &app, const QString &choice);

} // namespace sluice::ui

#pragma once
// Preferences: the interface language (System default / English / every
// installed catalogue). The choice is saved in QSettings ("ui/language") and
// applies from the next start; edit() offers to restart Sluice right away,
// reopening the current project.

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;

namespace sluice::ui {

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget *parent = nullptr);

    // A code from availableLanguages(): "system", "en", "zh_CN".
    QString selectedLanguage() const;
    void setSelectedLanguage(const QString &code);
    QComboBox *languageBox() const { return m_language; }

    // Shows the dialog on `parent`, saves what was chosen and, when the
    // language changed, asks whether to restart now. Restarting closes
    // parent's window (which may refuse, e.g. while a sync runs) and starts
    // Sluice again on `projectPath`.
    static void edit(QWidget *parent, const QString &projectPath);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void fillLanguages();
    void updateNote();

    QLabel *m_languageLabel = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_note = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QString m_initialLanguage;
};

} // namespace sluice::ui

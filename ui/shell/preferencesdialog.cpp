#include "preferencesdialog.h"

#include "languagesettings.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QVBoxLayout>

namespace sluice::ui {
namespace {

QString languageName(const QString &code)
{
    for (const LanguageOption &option : availableLanguages()) {
        if (option.code == code)
            return option.displayName;
    }
    return code;
}

} // namespace

PreferencesDialog::PreferencesDialog(QWidget *parent) : QDialog(parent)
{
    m_language = new QComboBox;
    m_language->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_languageLabel = new QLabel;
    m_languageLabel->setBuddy(m_language);
    m_note = new QLabel;
    m_note->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_language, &QComboBox::currentIndexChanged, this, &PreferencesDialog::updateNote);

    auto *form = new QFormLayout;
    form->addRow(m_languageLabel, m_language);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addStretch();
    layout->addWidget(m_buttons);

    m_initialLanguage = savedLanguage();
    fillLanguages();
    setSelectedLanguage(m_initialLanguage);
    retranslate();
    resize(sizeHint().expandedTo(QSize(420, 0)));
}

QString PreferencesDialog::selectedLanguage() const
{
    return m_language->currentData().toString();
}

void PreferencesDialog::setSelectedLanguage(const QString &code)
{
    const int index = m_language->findData(code);
    m_language->setCurrentIndex(index >= 0 ? index : 0);
}

void PreferencesDialog::fillLanguages()
{
    const QString current = m_language->count() > 0 ? selectedLanguage() : m_initialLanguage;
    const QSignalBlocker blocker(m_language);
    m_language->clear();
    for (const LanguageOption &option : availableLanguages()) {
        QString text = option.displayName;
        if (option.code == QLatin1String(kSystemLanguage))
            text = tr("%1 (%2)", "system default language: 'System default (English)'")
                       .arg(option.displayName, languageName(resolveLanguage(option.code)));
        m_language->addItem(text, option.code);
    }
    setSelectedLanguage(current);
}

void PreferencesDialog::retranslate()
{
    setWindowTitle(tr("Preferences"));
    m_languageLabel->setText(tr("&Language:"));
    m_language->setAccessibleName(tr("Interface language"));
    fillLanguages();
    updateNote();
}

void PreferencesDialog::updateNote()
{
    if (resolveLanguage(selectedLanguage()) == resolveLanguage(m_initialLanguage))
        m_note->setText(tr("Menus, messages and Qt's own dialogs follow this language."));
    else
        m_note->setText(tr("Sluice switches to %1 when it starts again; you can restart it right "
                           "after saving.")
                            .arg(languageName(resolveLanguage(selectedLanguage()))));
}

void PreferencesDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void PreferencesDialog::edit(QWidget *parent, const QString &projectPath)
{
    PreferencesDialog dialog(parent);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString before = dialog.m_initialLanguage;
    const QString chosen = dialog.selectedLanguage();
    if (chosen == before)
        return;
    saveLanguage(chosen);
    const QString language = resolveLanguage(chosen);
    if (language == resolveLanguage(before))
        return; // e.g. from "English" to "System default" on an English system

    QMessageBox question(QMessageBox::Question, tr("Restart Sluice"),
                         tr("Sluice switches to %1 when it starts again. Restart it now?").arg(languageName(language)),
                         QMessageBox::NoButton, parent);
    QPushButton *restart = question.addButton(tr("&Restart Now"), QMessageBox::AcceptRole);
    question.addButton(tr("&Later"), QMessageBox::RejectRole);
    question.setDefaultButton(restart);
    question.exec();
    if (question.clickedButton() != restart)
        return;

    // Closing the window must not quit before the new process has started.
    QWidget *window = parent ? parent->window() : nullptr;
    const bool quitOnLastWindowClosed = QGuiApplication::quitOnLastWindowClosed();
    QGuiApplication::setQuitOnLastWindowClosed(false);
    const bool closed = !window || window->close();
    QGuiApplication::setQuitOnLastWindowClosed(quitOnLastWindowClosed);
    if (!closed)
        return; // the window asked to stay open (a run in progress, unsaved edits)
    QStringList arguments;
    if (!projectPath.isEmpty())
        arguments << projectPath;
    if (!QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments)) {
        if (window)
            window->show();
        QMessageBox::warning(window, tr("Restart Sluice"),
                             tr("Sluice could not start again (%1). Start it yourself to see the "
                                "new language.")
                                 .arg(QCoreApplication::applicationFilePath()));
        return;
    }
    QCoreApplication::quit();
}

} // namespace sluice::ui

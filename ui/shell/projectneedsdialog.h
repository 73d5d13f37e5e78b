#pragma once
// What an imported (or moved) project needs from this machine before its
// syncs can run (engine/trust/projectneeds.h), one row each with a way to fix
// it here: Locate… a missing source file, Choose Folder… for a destination's
// file, Keep in Keychain… for an environment variable that is not set, Enter
// Secret… for a missing keychain entry. Path fixes are project edits (undoable);
// secrets go to the keychain only, never into the file.

#include "trust/projectneeds.h"

#include <QDialog>

#include <functional>
#include <vector>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace sluice::ui {

class CredentialStore;
class ProjectDocument;

class ProjectNeedsDialog : public QDialog {
    Q_OBJECT
public:
    // Lists what `document`'s project needs, with `keychain` (may be null:
    // then secrets can only come from the environment).
    ProjectNeedsDialog(ProjectDocument *document, CredentialStore *keychain, QWidget *parent = nullptr);

    // The needs of the open project, the keychain asked through `keychain`.
    static std::vector<ProjectNeed> needsOf(const ProjectDocument &document, CredentialStore *keychain);

    int needCount() const { return int(m_needs.size()); }
    int fixedCount() const { return m_fixed; }
    QPushButton *fixButton(int row) const;
    QString rowText(int row) const;
    QString summaryText() const;

    // Secrets come from here instead of a password prompt (tests).
    void setSecretPrompt(std::function<QString(const QString &what)> prompt) { m_prompt = std::move(prompt); }
    // Paths come from here instead of a file dialog (tests).
    void setPathPrompt(std::function<QString(const ProjectNeed &)> prompt) { m_pathPrompt = std::move(prompt); }

private:
    void fix(int row);
    bool fixPath(const ProjectNeed &need);
    bool fixSecret(const ProjectNeed &need);
    void markFixed(int row);
    void updateSummary();

    ProjectDocument *m_document;
    CredentialStore *m_keychain;
    std::vector<ProjectNeed> m_needs;
    std::vector<QLabel *> m_texts;
    std::vector<QPushButton *> m_buttons;
    QLabel *m_summary = nullptr;
    int m_fixed = 0;
    std::function<QString(const QString &)> m_prompt;
    std::function<QString(const ProjectNeed &)> m_pathPrompt;
};

} // namespace sluice::ui

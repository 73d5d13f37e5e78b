#pragma once
// Adds a source, model, destination or sync to the project: the few things
// it cannot exist without (a name; a kind and its required settings; a
// model's source, SQL and primary key; a sync's model, destination and mode),
// checked live against the engine's own validation, so OK is only offered
// for something the project accepts. The item's editor takes it from there.
//
// Secrets typed into the form go to the credential store (the OS keychain)
// when the dialog is accepted; the project keeps only ${keychain:...}.
// A source or destination can be tested before it is added (Test, Ctrl+T),
// with the secrets as typed; the test runs off the GUI thread and may be
// abandoned by closing the dialog.

#include "document/projectedits.h"
#include "jobs/backgroundtask.h"
#include "jobs/connectioncheck.h"

#include "core/entities.h"

#include <QDialog>
#include <QHash>
#include <QString>

#include <nlohmann/json.hpp>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;

namespace sluice::ui {

class CredentialStore;
class SettingsForm;

class NewItemDialog : public QDialog {
    Q_OBJECT
public:
    // `projectDir` makes chosen files relative; `credentials` defaults to
    // CredentialStore::defaultStore().
    NewItemDialog(EntityKind kind, const ProjectConfig &config, const QString &projectDir,
                  CredentialStore *credentials = nullptr, QWidget *parent = nullptr);
    ~NewItemDialog() override;

    EntityKind kind() const { return m_kind; }
    QString name() const;
    // Why the item cannot be added as it stands; empty when it can.
    QString problem() const { return m_problem; }
    // The project with the item added (valid when problem() is empty).
    ProjectConfig withItem() const;
    // Stores the secrets typed into the form; false (and why) when one
    // cannot be stored. Called on accept.
    bool storeSecrets(QString *error);

    // For tests and keyboard users.
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *kindCombo() const { return m_kindCombo; }
    SettingsForm *settingsForm() const { return m_form; }
    QComboBox *sourceCombo() const { return m_source; }
    QPlainTextEdit *sqlEdit() const { return m_sql; }
    QLineEdit *keyEdit() const { return m_key; }
    QComboBox *modelCombo() const { return m_model; }
    QComboBox *destinationCombo() const { return m_destination; }
    QComboBox *modeCombo() const { return m_mode; }
    QPushButton *testButton() const { return m_test; } // sources and destinations only
    QString testResult() const;
    bool isTesting() const { return m_testing; } // until its result is shown

public slots:
    // Tests the connection as the form stands (secrets as typed).
    void test();

public:
    void accept() override;

private:
    void buildConnection(QFormLayout *form);
    void buildModel(QFormLayout *form);
    void buildSync(QFormLayout *form);
    void onKindChanged();
    void fitToForm();
    void revalidate();
    QString section() const;
    QString secretKey(const QString &field) const;
    QString suggestedName() const;

    EntityKind m_kind;
    ProjectConfig m_config;
    QString m_projectDir;
    CredentialStore *m_credentials;
    QString m_problem;

    QLineEdit *m_name = nullptr;
    QComboBox *m_kindCombo = nullptr;
    SettingsForm *m_form = nullptr;
    QScrollArea *m_scroll = nullptr;
    nlohmann::json m_settings = nlohmann::json::object();
    QHash<QString, QString> m_secrets; // field -> what was typed
    QComboBox *m_source = nullptr;
    QPlainTextEdit *m_sql = nullptr;
    QLabel *m_sqlLabel = nullptr;
    QLineEdit *m_key = nullptr;
    QComboBox *m_model = nullptr;
    QComboBox *m_destination = nullptr;
    QComboBox *m_mode = nullptr;
    QLabel *m_message = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    bool m_testing = false;
    // Abandon: closing the dialog never waits on a slow server.
    BackgroundTask<ConnectionCheck> m_testTask{BackgroundTask<ConnectionCheck>::OnDestroy::Abandon};
};

} // namespace sluice::ui

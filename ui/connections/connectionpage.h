#pragma once
// The page of a source or a destination: its settings as an editable form
// (SettingsForm, built from the kind's spec), a Test button with a clear
// result, and what it offers: a source's tables and columns (the schema
// browser, whose tables drag into a model's SQL) or a destination's objects
// and fields. Testing and reading the schema run off the GUI thread.
//
// Each change is an undoable ProjectDocument edit (one merge key per field,
// so typing in a field is one step). It is checked against the spec first
// and a refusal shows under its field instead of being saved. Secrets go to
// the keychain (CredentialStore) and the project keeps ${keychain:KEY}.

#include "jobs/connectioncheck.h"

#include "core/entities.h"

#include "jobs/backgroundtask.h"
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <map>

class QLabel;
class QPushButton;
class QSplitter;
class QTreeView;

namespace sluice::ui {

class CredentialStore;
class ProjectDocument;
class SchemaTreeModel;
class SettingsForm;

class ConnectionPage : public QWidget {
    Q_OBJECT
public:
    enum class Role { Source, Destination };
    static constexpr int kTypingSaveDelayMs = 400;

    // `credentials` defaults to CredentialStore::defaultStore().
    ConnectionPage(ProjectDocument *document, Role role, const QString &name, CredentialStore *credentials = nullptr,
                   QWidget *parent = nullptr);
    ~ConnectionPage() override;

    QString name() const { return m_name; }
    Role role() const { return m_role; }
    QString resultText() const;
    bool isTesting() const { return m_task.isRunning(); }
    SchemaTreeModel *schema() const { return m_schema; }
    QTreeView *schemaTree() const { return m_tree; }
    SettingsForm *form() const { return m_form; }
    QPushButton *testButton() const { return m_testButton; }
    // The keychain key a secret setting of this item is saved under.
    QString secretKey(const QString &field) const;

public slots:
    void test();
    void reload();
    // Saves the typing not saved yet.
    void commitPending();

signals:
    void tested(bool ok);

private:
    void onValueEdited(const QString &key, const nlohmann::json &value, bool immediate);
    void onSecretEntered(const QString &key, const QString &secret);
    void onSecretForgotten(const QString &key);
    bool saveSetting(const QString &key, const nlohmann::json &value, const QString &what, bool typed = false);
    const nlohmann::json *storedSettings() const;
    const std::string *storedKind() const;
    QString section() const;

    QPointer<ProjectDocument> m_document;
    Role m_role;
    QString m_name;
    CredentialStore *m_credentials;
    QLabel *m_title = nullptr;
    QLabel *m_kind = nullptr;
    SettingsForm *m_form = nullptr;
    QSplitter *m_split = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_result = nullptr;
    QTreeView *m_tree = nullptr;
    SchemaTreeModel *m_schema = nullptr;
    BackgroundTask<ConnectionCheck> m_task;
    nlohmann::json m_testedSettings; // what the last test was about
    QTimer m_typingTimer;
    std::map<QString, nlohmann::json> m_pending;         // typed, waiting for a pause
    nlohmann::json m_refused = nlohmann::json::object(); // typed but refused: tested as typed
    bool m_committing = false;
};

} // namespace sluice::ui

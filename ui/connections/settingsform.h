#pragma once
// The settings of one source or destination kind as a form, built from the
// kind's settings spec (engine/core/settingsspec.h): a typed editor per
// setting (line edit, spin box, check box, choice list, file chooser,
// key/value table, password field for secrets) and a message line under
// each for its validation error.
//
// The form holds no truth: setSettings() shows what the project says, and
// every user change is only reported (valueEdited, secretEntered) for the
// owner to save as an undoable edit.

#include "core/settingsspec.h"

#include <QHash>
#include <QString>
#include <QWidget>

#include <nlohmann/json.hpp>

class QFormLayout;
class QLabel;

namespace sluice::ui {

class KeyValueTableModel;

class SettingsForm : public QWidget {
    Q_OBJECT
public:
    explicit SettingsForm(QWidget *parent = nullptr);

    // Builds the editors for `spec` (kept alive by the engine's kind table).
    void setSpec(const KindSpec *spec, bool forOutput);
    const KindSpec *spec() const { return m_spec; }
    // Shows `settings` (defaults where unset); `projectDir` makes chosen
    // files relative. Fields listed in `skip` keep what the user is typing.
    void setSettings(const nlohmann::json &settings, const QString &projectDir, const QStringList &skip = {});

    void setFieldError(const QString &key, const QString &message);
    void setFieldNote(const QString &key, const QString &message); // a success note
    void clearMessages();
    QString fieldMessage(const QString &key) const;
    QWidget *editor(const QString &key) const;
    KeyValueTableModel *mapModel(const QString &key) const;

signals:
    // A new value for `key` (null: unset, the default applies). `immediate`
    // for discrete changes (a check box); typing may wait for a pause.
    void valueEdited(const QString &key, const nlohmann::json &value, bool immediate);
    // A secret typed into a password field (to go to the keychain).
    void secretEntered(const QString &key, const QString &secret);
    void secretForgotten(const QString &key);

private:
    struct Field {
        const SettingSpec *spec = nullptr;
        QWidget *editor = nullptr;
        QLabel *message = nullptr;
        KeyValueTableModel *map = nullptr;
    };
    QWidget *makeEditor(Field &field, bool forOutput);
    void showValue(Field &field, const nlohmann::json &value);
    const Field *find(const QString &key) const;
    void showMessage(const QString &key, const QString &message, bool error);

    QFormLayout *m_layout;
    const KindSpec *m_spec = nullptr;
    std::vector<Field> m_fields;
    QString m_projectDir;
    bool m_loading = false;
};

} // namespace sluice::ui

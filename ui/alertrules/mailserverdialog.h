#pragma once
// The mail server of a sync's e-mail alerts (settings.smtp, read by
// engine/alerts/alertrules.h): URL, sender, user, a password reference
// (${env:NAME} or ${keychain:KEY}, never the password) and TLS. An empty URL
// removes the mail server.

#include <nlohmann/json.hpp>

#include <QDialog>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace sluice::ui {

class MailServerDialog : public QDialog {
    Q_OBJECT
public:
    // Returns why `smtp` (null: none) cannot be saved, or an empty string.
    using Validator = std::function<QString(const nlohmann::json &smtp)>;

    MailServerDialog(const nlohmann::json &smtp, Validator validate, QWidget *parent = nullptr);

    nlohmann::json smtp() const; // null when the URL is empty
    void accept() override;

private:
    Validator m_validate;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_from = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QComboBox *m_tls = nullptr;
    QSpinBox *m_timeout = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace sluice::ui

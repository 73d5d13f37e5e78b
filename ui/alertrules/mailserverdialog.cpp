#include "mailserverdialog.h"

#include "dialogproblem.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sluice::ui {

using nlohmann::json;

MailServerDialog::MailServerDialog(const json &smtp, Validator validate, QWidget *parent)
    : QDialog(parent), m_validate(std::move(validate))
{
    setWindowTitle(tr("Mail Server for Alerts"));
    const json s = smtp.is_object() ? smtp : json::object();
    auto text = [&](const char *key) {
        return QString::fromStdString(s.contains(key) && s[key].is_string() ? s[key].get<std::string>() : "");
    };
    m_url = new QLineEdit(text("url"));
    m_url->setObjectName(QStringLiteral("smtpUrl"));
    m_url->setPlaceholderText(QStringLiteral("smtp://mail.example.com:587"));
    m_from = new QLineEdit(text("from"));
    m_from->setObjectName(QStringLiteral("smtpFrom"));
    m_from->setPlaceholderText(QStringLiteral("Sluice <sluice@example.com>"));
    m_user = new QLineEdit(text("user"));
    m_password = new QLineEdit(text("password"));
    m_password->setPlaceholderText(QStringLiteral("${env:SMTP_PASSWORD}"));
    // A reference is shown as typed; anything else may be the password itself
    // (refused on OK, but never shown on screen meanwhile).
    const auto maskUnlessReference = [this] {
        const bool reference = m_password->text().trimmed().startsWith(QLatin1Char('$'));
        m_password->setEchoMode(reference || m_password->text().isEmpty() ? QLineEdit::Normal : QLineEdit::Password);
    };
    connect(m_password, &QLineEdit::textChanged, this, maskUnlessReference);
    maskUnlessReference();
    m_password->setToolTip(tr("A reference such as ${env:SMTP_PASSWORD} or ${keychain:smtp}; the password "
                              "itself is never stored in the project"));
    m_tls = new QComboBox;
    m_tls->addItem(tr("Auto: STARTTLS when offered, required for a password to another host"), QStringLiteral("auto"));
    m_tls->addItem(tr("Required"), QStringLiteral("required"));
    m_tls->addItem(tr("None"), QStringLiteral("none"));
    m_tls->setCurrentIndex(std::max(0, m_tls->findData(text("tls"))));
    m_timeout = new QSpinBox;
    m_timeout->setRange(1, 300);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setValue(
        s.contains("timeoutSeconds") && s["timeoutSeconds"].is_number_integer() ? s["timeoutSeconds"].get<int>() : 30);
    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828"));
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("Server &URL:"), m_url);
    form->addRow(tr("&From:"), m_from);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password reference:"), m_password);
    form->addRow(tr("&TLS:"), m_tls);
    form->addRow(tr("&Time-out:"), m_timeout);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &MailServerDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Used by the e-mail channels of this sync's alert rules. Leave the URL empty "
                                    "to remove the mail server.")));
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

json MailServerDialog::smtp() const
{
    if (m_url->text().trimmed().isEmpty())
        return nullptr;
    json s{{"url", m_url->text().trimmed().toStdString()}, {"from", m_from->text().trimmed().toStdString()}};
    if (!m_user->text().trimmed().isEmpty())
        s["user"] = m_user->text().trimmed().toStdString();
    if (!m_password->text().trimmed().isEmpty())
        s["password"] = m_password->text().trimmed().toStdString();
    if (m_tls->currentData().toString() != QLatin1String("auto"))
        s["tls"] = m_tls->currentData().toString().toStdString();
    if (m_timeout->value() != 30)
        s["timeoutSeconds"] = m_timeout->value();
    return s;
}

void MailServerDialog::accept()
{
    if (acceptable(m_error, m_validate ? m_validate(smtp()) : QString()))
        QDialog::accept();
}

} // namespace sluice::ui

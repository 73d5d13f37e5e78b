#include "alertchannelseditor.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>

namespace sluice::ui {

using nlohmann::json;

AlertChannelsEditor::AlertChannelsEditor(QWidget *parent) : QWidget(parent)
{
    m_log = new QCheckBox(tr("Job log of the run (alerts always go there too)"));
    m_log->setObjectName(QStringLiteral("channelLog"));
    m_webhooks = new QPlainTextEdit;
    m_webhooks->setObjectName(QStringLiteral("channelWebhooks"));
    m_webhooks->setPlaceholderText(QStringLiteral("https://hooks.slack.com/services/${env:SLACK_HOOK}"));
    m_webhooks->setToolTip(tr("Slack-compatible incoming webhooks, one URL per line. A Slack hook URL is a "
                              "secret: write its secret part as a reference such as ${env:SLACK_HOOK}."));
    m_webhooks->setFixedHeight(m_webhooks->fontMetrics().lineSpacing() * 3 + 12);
    m_webhooks->setTabChangesFocus(true);
    m_emails = new QLineEdit;
    m_emails->setObjectName(QStringLiteral("channelEmails"));
    m_emails->setPlaceholderText(tr("ops@example.com, oncall@example.com"));
    m_emails->setToolTip(tr("Sent through the sync's mail server (Mail Server…)"));
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(m_log);
    form->addRow(tr("Webhooks:"), m_webhooks);
    form->addRow(tr("E-mail:"), m_emails);
}

void AlertChannelsEditor::setChannels(const json &channels)
{
    bool log = false;
    QStringList hooks, mails;
    if (channels.is_array()) {
        for (const auto &c : channels) {
            if (c.is_string() && c.get<std::string>() == "log")
                log = true;
            else if (c.is_object() && c.contains("webhook") && c["webhook"].is_string())
                hooks << QString::fromStdString(c["webhook"].get<std::string>());
            else if (c.is_object() && c.contains("email")) {
                const json &to = c["email"];
                if (to.is_string())
                    mails << QString::fromStdString(to.get<std::string>());
                else if (to.is_array())
                    for (const auto &a : to)
                        if (a.is_string())
                            mails << QString::fromStdString(a.get<std::string>());
            }
        }
    }
    m_log->setChecked(log);
    m_webhooks->setPlainText(hooks.join('\n'));
    m_emails->setText(mails.join(QStringLiteral(", ")));
}

json AlertChannelsEditor::channels() const
{
    json out = json::array();
    if (m_log->isChecked())
        out.push_back("log");
    for (const QString &line : m_webhooks->toPlainText().split('\n')) {
        const QString url = line.trimmed();
        if (!url.isEmpty())
            out.push_back(json{{"webhook", url.toStdString()}});
    }
    json mails = json::array();
    for (const QString &part :
         m_emails->text().split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts))
        mails.push_back(part.toStdString());
    if (mails.size() == 1)
        out.push_back(json{{"email", mails[0]}});
    else if (!mails.empty())
        out.push_back(json{{"email", mails}});
    return out;
}

QString AlertChannelsEditor::describe(const json &channels)
{
    if (!channels.is_array() || channels.empty())
        return tr("job log only");
    QStringList parts;
    for (const auto &c : channels) {
        if (c.is_string())
            parts << tr("job log");
        else if (c.is_object() && c.contains("webhook"))
            parts << tr("webhook %1")
                         .arg(QString::fromStdString(c["webhook"].is_string() ? c["webhook"].get<std::string>() : ""));
        else if (c.is_object() && c.contains("email")) {
            const json &to = c["email"];
            QStringList mails;
            if (to.is_string())
                mails << QString::fromStdString(to.get<std::string>());
            else if (to.is_array())
                for (const auto &a : to)
                    if (a.is_string())
                        mails << QString::fromStdString(a.get<std::string>());
            parts << tr("e-mail %1").arg(mails.join(QStringLiteral(", ")));
        }
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace sluice::ui

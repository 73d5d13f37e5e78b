// SyncSettingsPage: the sync's alert rules, default alert channels and mail
// server, each change checked with the engine before it is saved.

#include "syncsettingspage.h"

#include "alertrules/alertchannelseditor.h"
#include "alertrules/alertruledialog.h"
#include "alertrules/alertrulesmodel.h"
#include "alertrules/mailserverdialog.h"
#include "document/projectdocument.h"

#include "alerts/alertrules.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace sluice::ui {

using nlohmann::json;

QString SyncSettingsPage::checkAlerts(const std::function<void(json &settings)> &change) const
{
    const SyncDef *sync = m_document->sync(m_name);
    if (!sync)
        return tr("The sync no longer exists.");
    SyncDef candidate = *sync;
    if (!candidate.settings.is_object())
        candidate.settings = json::object();
    change(candidate.settings);
    auto parsed = parseAlertConfig(candidate);
    if (parsed)
        return {};
    // In the user's words where the engine's are about the file's keys.
    if (parsed.error().code == "alerts.email_without_smtp")
        return tr("E-mail needs a mail server: press Mail Server… to set one up (its URL and sender at least).");
    return QString::fromStdString(parsed.error().describe());
}

bool SyncSettingsPage::setAlertRule(int row, const json &rule, QString *error)
{
    auto change = [row, &rule](json &settings) {
        if (!settings.contains("alerts") || !settings["alerts"].is_array())
            settings["alerts"] = json::array();
        json &alerts = settings["alerts"];
        if (row >= 0 && row < int(alerts.size()))
            alerts[std::size_t(row)] = rule;
        else
            alerts.push_back(rule);
    };
    const QString problem = checkAlerts(change);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    const QString name = QString::fromStdString(rule.value("name", ""));
    return editSync(row < 0 ? tr("Add alert rule %1 to %2").arg(name, m_name)
                            : tr("Edit alert rule %1 of %2").arg(name, m_name),
                    [&](SyncDef &s) { change(s.settings); });
}

bool SyncSettingsPage::removeAlertRule(int row)
{
    const json &rules = m_alertModel->rules();
    if (row < 0 || row >= int(rules.size()))
        return false;
    const QString name = QString::fromStdString(rules[std::size_t(row)].value("name", ""));
    return editSync(tr("Remove alert rule %1 of %2").arg(name, m_name), [&](SyncDef &s) {
        json &alerts = s.settings["alerts"];
        if (alerts.is_array() && row < int(alerts.size()))
            alerts.erase(alerts.begin() + row);
        if (alerts.is_array() && alerts.empty())
            s.settings.erase("alerts");
    });
}

void SyncSettingsPage::addAlertRule()
{
    const json defaults
        = m_shown && m_shown->settings.contains("notify") ? m_shown->settings["notify"] : json::array({"log"});
    AlertRuleDialog dialog(
        json(), defaults,
        [this](const json &rule) {
            const QString problem = checkAlerts([&](json &settings) {
                if (!settings.contains("alerts") || !settings["alerts"].is_array())
                    settings["alerts"] = json::array();
                settings["alerts"].push_back(rule);
            });
            return problem;
        },
        this);
    dialog.setMailServerAction([this] { editMailServer(); });
    if (dialog.exec() == QDialog::Accepted)
        setAlertRule(-1, dialog.rule());
}

void SyncSettingsPage::editAlertRule()
{
    const int row = m_alertTable->currentIndex().row();
    const json &rules = m_alertModel->rules();
    if (row < 0 || row >= int(rules.size()))
        return;
    const json defaults
        = m_shown && m_shown->settings.contains("notify") ? m_shown->settings["notify"] : json::array({"log"});
    AlertRuleDialog dialog(
        rules[std::size_t(row)], defaults,
        [this, row](const json &rule) {
            return checkAlerts([&](json &settings) {
                if (settings.contains("alerts") && settings["alerts"].is_array()
                    && row < int(settings["alerts"].size()))
                    settings["alerts"][std::size_t(row)] = rule;
            });
        },
        this);
    dialog.setMailServerAction([this] { editMailServer(); });
    if (dialog.exec() == QDialog::Accepted)
        setAlertRule(row, dialog.rule());
}

void SyncSettingsPage::removeSelectedAlertRule()
{
    removeAlertRule(m_alertTable->currentIndex().row());
}

void SyncSettingsPage::editDefaultChannels()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Default Alert Channels"));
    auto *editor = new AlertChannelsEditor;
    editor->setChannels(m_shown && m_shown->settings.contains("notify") ? m_shown->settings["notify"]
                                                                        : json::array({"log"}));
    auto *error = new QLabel;
    error->setWordWrap(true);
    error->setStyleSheet(QStringLiteral("color: #c62828"));
    error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(tr("Rules without channels of their own notify these.")));
    layout->addWidget(editor);
    layout->addWidget(error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        const QString problem = checkAlerts([&](json &settings) { settings["notify"] = editor->channels(); });
        if (problem.isEmpty()) {
            dialog.accept();
            return;
        }
        error->setText(problem);
        error->show();
    });
    dialog.resize(520, dialog.sizeHint().height());
    if (dialog.exec() == QDialog::Accepted) {
        const json channels = editor->channels();
        editSync(tr("Set default alert channels of %1").arg(m_name), [&](SyncDef &s) {
            // ["log"] is what no setting means.
            if (channels == json::array({"log"}))
                s.settings.erase("notify");
            else
                s.settings["notify"] = channels;
        });
    }
}

void SyncSettingsPage::editMailServer()
{
    const json smtp = m_shown && m_shown->settings.contains("smtp") ? m_shown->settings["smtp"] : json();
    MailServerDialog dialog(
        smtp,
        [this](const json &value) {
            return checkAlerts([&](json &settings) {
                if (value.is_null())
                    settings.erase("smtp");
                else
                    settings["smtp"] = value;
            });
        },
        this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const json value = dialog.smtp();
    editSync(value.is_null() ? tr("Remove the mail server of %1").arg(m_name)
                             : tr("Set the mail server of %1").arg(m_name),
             [&](SyncDef &s) {
                 if (value.is_null())
                     s.settings.erase("smtp");
                 else
                     s.settings["smtp"] = value;
             });
}

} // namespace sluice::ui

#pragma once
// Edits a list of alert channels as the engine reads them
// (engine/alerts/alertrules.h): "log", {"webhook": URL}, {"email": ADDRESS or [ADDRESS, ...]}.
// Webhooks one per line (a Slack hook URL is a secret: its secret part is
// written as ${env:NAME}); e-mail addresses separated by commas.

#include <nlohmann/json.hpp>

#include <QWidget>

class QCheckBox;
class QLineEdit;
class QPlainTextEdit;

namespace sluice::ui {

class AlertChannelsEditor : public QWidget {
    Q_OBJECT
public:
    explicit AlertChannelsEditor(QWidget *parent = nullptr);

    void setChannels(const nlohmann::json &channels);
    nlohmann::json channels() const;

    // "job log, webhook https://…, e-mail ops@example.com"
    static QString describe(const nlohmann::json &channels);

private:
    QCheckBox *m_log = nullptr;
    QPlainTextEdit *m_webhooks = nullptr;
    QLineEdit *m_emails = nullptr;
};

} // namespace sluice::ui

#pragma once
// Adds or edits one alert rule of a sync, with the fields the engine reads
// (engine/alerts/alertrules.h): name, level, condition and its threshold,
// and the channels to notify (or the sync's default ones). OK checks the
// whole alert configuration with the engine before the dialog closes.

#include <nlohmann/json.hpp>

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace sluice::ui {

class AlertChannelsEditor;

class AlertRuleDialog : public QDialog {
    Q_OBJECT
public:
    // Returns why `rule` cannot be saved, or an empty string.
    using Validator = std::function<QString(const nlohmann::json &rule)>;

    AlertRuleDialog(const nlohmann::json &rule, const nlohmann::json &defaultChannels, Validator validate,
                    QWidget *parent = nullptr);
    // Shows a "Mail Server…" button that calls `setUp` (which may save the
    // sync's mail server as its own edit); the rule being typed stays, and
    // is checked again afterwards.
    void setMailServerAction(std::function<void()> setUp);

    nlohmann::json rule() const;
    QString errorText() const;

    void accept() override;

private:
    void conditionChanged();

    Validator m_validate;
    QLineEdit *m_name = nullptr;
    QComboBox *m_level = nullptr;
    QComboBox *m_when = nullptr;
    QLabel *m_thresholdLabel = nullptr;
    QDoubleSpinBox *m_threshold = nullptr;
    QCheckBox *m_useDefault = nullptr;
    AlertChannelsEditor *m_channels = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_mailServer = nullptr;
    std::function<void()> m_setUpMailServer;
};

} // namespace sluice::ui

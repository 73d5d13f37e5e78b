#include "alertruledialog.h"

#include "alertchannelseditor.h"
#include "dialogproblem.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace sluice::ui {

using nlohmann::json;

namespace {
// The engine's condition names and the threshold key each takes.
struct Condition {
    const char *name;
    const char *thresholdKey;
};
const Condition kConditions[] = {{"run_failed", nullptr},
                                 {"rejected_share_over", "percent"},
                                 {"no_success_for", "minutes"},
                                 {"duration_over", "seconds"}};
} // namespace

AlertRuleDialog::AlertRuleDialog(const json &rule, const json &defaultChannels, Validator validate, QWidget *parent)
    : QDialog(parent), m_validate(std::move(validate))
{
    setWindowTitle(rule.is_object() && rule.contains("name") ? tr("Edit Alert Rule") : tr("Add Alert Rule"));
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("ruleName"));
    m_name->setPlaceholderText(tr("e.g. sync failing"));
    m_name->setToolTip(tr("Unique within the sync: the rule's alerts are tracked by it"));
    m_level = new QComboBox;
    m_level->setObjectName(QStringLiteral("ruleLevel"));
    m_level->addItem(tr("Fatal (job log: error)"), QStringLiteral("fatal"));
    m_level->addItem(tr("Warning (job log: warning)"), QStringLiteral("warning"));
    m_level->addItem(tr("Notice (job log: info)"), QStringLiteral("notice"));
    m_when = new QComboBox;
    m_when->setObjectName(QStringLiteral("ruleCondition"));
    m_when->addItem(tr("A run failed"), QStringLiteral("run_failed"));
    m_when->addItem(tr("Rejected share of a run is over"), QStringLiteral("rejected_share_over"));
    m_when->addItem(tr("No successful run for"), QStringLiteral("no_success_for"));
    m_when->addItem(tr("A run took longer than"), QStringLiteral("duration_over"));
    m_thresholdLabel = new QLabel;
    m_threshold = new QDoubleSpinBox;
    m_threshold->setObjectName(QStringLiteral("ruleThreshold"));
    m_useDefault = new QCheckBox;
    m_useDefault->setObjectName(QStringLiteral("ruleUsesDefaultChannels"));
    m_useDefault->setText(tr("The sync's default channels (%1)").arg(AlertChannelsEditor::describe(defaultChannels)));
    m_channels = new AlertChannelsEditor;
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("ruleError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828"));
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Level:"), m_level);
    form->addRow(tr("&When:"), m_when);
    form->addRow(m_thresholdLabel, m_threshold);
    auto *notify = new QGroupBox(tr("Notify"));
    auto *notifyLayout = new QVBoxLayout(notify);
    notifyLayout->addWidget(m_useDefault);
    notifyLayout->addWidget(m_channels);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_mailServer = buttons->addButton(tr("Mail Server…"), QDialogButtonBox::ActionRole);
    m_mailServer->setObjectName(QStringLiteral("ruleMailServer"));
    m_mailServer->hide();
    connect(m_mailServer, &QPushButton::clicked, this, [this] {
        if (!m_setUpMailServer)
            return;
        m_setUpMailServer();
        // Check again: the mail server may be what was missing.
        const QString problem = m_validate ? m_validate(this->rule()) : QString();
        m_error->setText(problem);
        m_error->setVisible(!problem.isEmpty());
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &AlertRuleDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(notify);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_when, &QComboBox::currentIndexChanged, this, &AlertRuleDialog::conditionChanged);
    connect(m_useDefault, &QCheckBox::toggled, m_channels, [this](bool on) { m_channels->setEnabled(!on); });

    // Fill from the rule (a new one: warning when a run fails, default channels).
    const json r = rule.is_object() ? rule : json::object();
    m_name->setText(QString::fromStdString(r.value("name", "")));
    m_level->setCurrentIndex(std::max(0, m_level->findData(QString::fromStdString(r.value("level", "warning")))));
    m_when->setCurrentIndex(std::max(0, m_when->findData(QString::fromStdString(r.value("when", "run_failed")))));
    conditionChanged();
    for (const auto &c : kConditions)
        if (c.thresholdKey && r.contains(c.thresholdKey) && r[c.thresholdKey].is_number())
            m_threshold->setValue(r[c.thresholdKey].get<double>());
    const bool hasOwn = r.contains("notify");
    m_useDefault->setChecked(!hasOwn);
    m_channels->setEnabled(hasOwn);
    m_channels->setChannels(hasOwn ? r["notify"] : json::array({"log"}));
    resize(520, sizeHint().height());
}

void AlertRuleDialog::setMailServerAction(std::function<void()> setUp)
{
    m_setUpMailServer = std::move(setUp);
    m_mailServer->setVisible(bool(m_setUpMailServer));
}

void AlertRuleDialog::conditionChanged()
{
    const QString when = m_when->currentData().toString();
    m_threshold->setEnabled(when != QLatin1String("run_failed"));
    m_threshold->setVisible(when != QLatin1String("run_failed"));
    m_thresholdLabel->setVisible(when != QLatin1String("run_failed"));
    if (when == QLatin1String("rejected_share_over")) {
        m_thresholdLabel->setText(tr("&Share:"));
        m_threshold->setDecimals(1);
        m_threshold->setRange(0, 99.9);
        m_threshold->setSuffix(tr(" % of records sent"));
        m_threshold->setValue(5);
    } else if (when == QLatin1String("no_success_for")) {
        m_thresholdLabel->setText(tr("&For:"));
        m_threshold->setDecimals(0);
        m_threshold->setRange(1, 525600);
        m_threshold->setSuffix(tr(" minutes"));
        m_threshold->setValue(180);
    } else if (when == QLatin1String("duration_over")) {
        m_thresholdLabel->setText(tr("&Longer than:"));
        m_threshold->setDecimals(0);
        m_threshold->setRange(1, 7 * 24 * 3600);
        m_threshold->setSuffix(tr(" seconds"));
        m_threshold->setValue(900);
    }
    m_thresholdLabel->setBuddy(m_threshold);
}

json AlertRuleDialog::rule() const
{
    json r{{"name", m_name->text().trimmed().toStdString()},
           {"level", m_level->currentData().toString().toStdString()},
           {"when", m_when->currentData().toString().toStdString()}};
    for (const auto &c : kConditions) {
        if (!c.thresholdKey || r["when"] != c.name)
            continue;
        if (std::string_view(c.thresholdKey) == "percent")
            r[c.thresholdKey] = m_threshold->value();
        else
            r[c.thresholdKey] = qRound64(m_threshold->value());
    }
    if (!m_useDefault->isChecked())
        r["notify"] = m_channels->channels();
    return r;
}

QString AlertRuleDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void AlertRuleDialog::accept()
{
    if (acceptable(m_error, m_validate ? m_validate(rule()) : QString()))
        QDialog::accept();
}

} // namespace sluice::ui

#include "syncsettingspage.h"

#include "alertrules/alertchannelseditor.h"
#include "alertrules/alertruledialog.h"
#include "alertrules/alertrulesmodel.h"
#include "alertrules/mailserverdialog.h"
#include "document/projectdocument.h"
#include "scheduleeditor.h"
#include "jobs/statereader.h"

#include "alerts/alertrules.h"
#include "destinations/destinationkinds.h"
#include "project/projectjson.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFont>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

namespace sluice::ui {

using nlohmann::json;

// A number setting that may be absent: its lowest value stands for "the
// default" (the key is left out), shown as text rather than as a number.
class SettingSpinBox : public QDoubleSpinBox {
public:
    SettingSpinBox(double validMin, double max, int decimals, QWidget *parent = nullptr) : QDoubleSpinBox(parent)
    {
        setDecimals(decimals);
        setRange(validMin - 1, max);
        setValue(validMin - 1);
        setAccelerated(true);
        setKeyboardTracking(true);
    }
    bool isDefault() const { return value() <= minimum(); }
    void setDefaultText(const QString &text)
    {
        setSpecialValueText(text);
        updateGeometry();
    }
    void setZeroText(const QString &text) { m_zeroText = text; }
    // " record" for 1, " records" otherwise (there is no English catalogue for %n).
    void setUnits(const QString &one, const QString &many)
    {
        m_one = one;
        m_many = many;
        setSuffix(many);
    }

protected:
    QString textFromValue(double v) const override
    {
        if (!m_zeroText.isEmpty() && v == 0)
            return m_zeroText;
        // Whole numbers without decimals ("20 requests/s", not "20.0").
        if (v == std::floor(v))
            return locale().toString(qint64(v));
        return QDoubleSpinBox::textFromValue(v);
    }
    void paintEvent(QPaintEvent *event) override
    {
        // The unit follows the number shown.
        if (!m_many.isEmpty()) {
            const QString unit = value() == 1 ? m_one : m_many;
            if (suffix() != unit)
                setSuffix(unit);
        }
        QDoubleSpinBox::paintEvent(event);
    }
    double valueFromText(const QString &text) const override
    {
        if (!m_zeroText.isEmpty() && text == m_zeroText)
            return 0;
        return QDoubleSpinBox::valueFromText(text);
    }
    QValidator::State validate(QString &text, int &pos) const override
    {
        if (!m_zeroText.isEmpty() && m_zeroText.startsWith(text, Qt::CaseInsensitive) && !text.isEmpty())
            return text.compare(m_zeroText, Qt::CaseInsensitive) == 0 ? QValidator::Acceptable
                                                                       : QValidator::Intermediate;
        return QDoubleSpinBox::validate(text, pos);
    }

private:
    QString m_zeroText;
    QString m_one, m_many;
};

namespace {

struct ModeInfo {
    const char *name;
    const char *text;
};
const ModeInfo kModes[] = {
    {"upsert", QT_TRANSLATE_NOOP("sluice::ui::SyncSettingsPage", "Upsert: send added and changed rows")},
    {"insert", QT_TRANSLATE_NOOP("sluice::ui::SyncSettingsPage", "Insert: send added rows only")},
    {"update", QT_TRANSLATE_NOOP("sluice::ui::SyncSettingsPage", "Update: send changed rows only")},
    {"mirror", QT_TRANSLATE_NOOP("sluice::ui::SyncSettingsPage",
                                 "Mirror: upsert, and delete rows removed from the model")},
};

DestinationFacts readDestinationFacts(const DestinationDef &def, const std::string &dir, SecretAccess access)
{
    DestinationFacts f;
    auto destination = makeDestination(def, DestinationContext{dir, access});
    if (!destination) {
        f.problem = QString::fromStdString(destination.error().describe());
        return f;
    }
    f.modes = (*destination)->supportedModes();
    const DestinationLimits l = (*destination)->limits();
    f.defaultBatch = l.defaultBatchRecords;
    f.maxBatch = l.maxBatchRecords;
    f.maxConcurrency = l.maxConcurrency;
    f.requestsPerSecond = l.requestsPerSecond;
    f.known = true;
    return f;
}

QFrame *line()
{
    auto *f = new QFrame;
    f->setFrameShape(QFrame::HLine);
    f->setFrameShadow(QFrame::Sunken);
    return f;
}

} // namespace

SyncSettingsPage::SyncSettingsPage(ProjectDocument *document, const QString &syncName, QWidget *parent)
    : QWidget(parent), m_document(document), m_name(syncName)
{
    m_title = new QLabel;
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_destinationInfo = new QLabel;
    m_destinationInfo->setObjectName(QStringLiteral("destinationInfo"));
    m_destinationInfo->setWordWrap(true);
    m_destinationInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Mode and schedule.
    m_mode = new QComboBox;
    m_mode->setObjectName(QStringLiteral("mode"));
    m_mode->setAccessibleName(tr("Mode"));
    for (const auto &m : kModes)
        m_mode->addItem(tr(m.text), QString::fromLatin1(m.name));
    m_modeHint = new QLabel;
    m_modeHint->setWordWrap(true);
    m_modeHint->setStyleSheet(QStringLiteral("color: palette(mid)"));
    connect(m_mode, &QComboBox::activated, this, &SyncSettingsPage::modeChosen);
    m_schedule = new ScheduleEditor;
    connect(m_schedule, &ScheduleEditor::edited, this,
            [this](const json &schedule, const QString &description, const QString &mergeKey) {
                editSync(tr("Schedule %1: %2").arg(m_name, description),
                         [&](SyncDef &s) { s.settings["schedule"] = schedule; },
                         mergeKey.isEmpty() ? QString() : QStringLiteral("schedule:%1:%2").arg(m_name, mergeKey));
            });
    m_protected = new QCheckBox(tr("Protected: ask before editing, deleting, or running it in mirror mode"));
    m_protected->setObjectName(QStringLiteral("protected"));
    connect(m_protected, &QCheckBox::clicked, this, [this](bool on) {
        editSync(on ? tr("Protect %1").arg(m_name) : tr("Unprotect %1").arg(m_name), [&](SyncDef &s) {
            if (on)
                s.settings["protected"] = true;
            else
                s.settings.erase("protected");
        });
    });
    auto *modeBox = new QGroupBox(tr("Mode and schedule"));
    auto *modeForm = new QFormLayout(modeBox);
    modeForm->addRow(tr("&Mode:"), m_mode);
    modeForm->addRow(QString(), m_modeHint);
    modeForm->addRow(tr("&Schedule:"), m_schedule);
    modeForm->addRow(line());
    modeForm->addRow(m_protected);

    // Numbers: key, label, valid minimum, maximum, decimals.
    auto number = [this](const char *key, const QString &label, double min, double max, int decimals,
                         const QString &suffix) {
        auto *spin = new SettingSpinBox(min, max, decimals);
        spin->setObjectName(QString::fromLatin1(key));
        spin->setAccessibleName(label);
        spin->setSuffix(suffix);
        m_numbers.push_back(NumberField{key, spin, decimals == 0, label});
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this, key, spin, decimals, label] {
            if (spin->isDefault())
                setSetting(key, nullptr, label, QString(), true);
            else
                setSetting(key, decimals == 0 ? json(qRound64(spin->value())) : json(spin->value()), label,
                           spin->text(), true);
        });
        return spin;
    };
    auto *delivery = new QGroupBox(tr("Delivery"));
    auto *deliveryForm = new QFormLayout(delivery);
    deliveryForm->addRow(tr("&Batch size:"), number("batchSize", tr("Batch size"), 1, 100000, 0, {}));
    deliveryForm->addRow(tr("&Concurrency:"),
                         number("concurrency", tr("Concurrency"), 1, 64, 0, {}));
    m_numbers[0].spin->setUnits(tr(" record"), tr(" records"));
    m_numbers[1].spin->setUnits(tr(" batch at once"), tr(" batches at once"));
    SettingSpinBox *rate = number("requestsPerSecond", tr("Rate limit"), 0, 100000, 1, tr(" requests/s"));
    rate->setZeroText(tr("No limit"));
    rate->setToolTip(tr("Requests per second, through a token bucket: a throttled request waits, it is never dropped"));
    deliveryForm->addRow(tr("&Rate limit:"), rate);
    SettingSpinBox *attempts = number("maxAttempts", tr("Attempts"), 1, 100, 0, {});
    attempts->setUnits(tr(" attempt"), tr(" attempts"));
    attempts->setDefaultText(tr("Default (8 attempts)"));
    attempts->setToolTip(tr("429, 5xx, time-outs and connection errors are retried with back-off; rows still "
                            "unsent stay pending for the next run"));
    deliveryForm->addRow(tr("Max &attempts:"), attempts);
    SettingSpinBox *backoff = number("retryBaseMs", tr("Retry back-off"), 1, 30000, 0, tr(" ms"));
    backoff->setDefaultText(tr("Default (200 ms)"));
    backoff->setToolTip(tr("The first retry waits up to this long, doubling each time (with jitter), capped at 30 s, "
                           "never sooner than the server's Retry-After"));
    deliveryForm->addRow(tr("Retry &back-off:"), backoff);
    SettingSpinBox *guard = number("mirrorGuardPercent", tr("Mirror guard"), 0, 100, 0, tr(" % of the destination"));
    guard->setDefaultText(tr("Default (20 %)"));
    guard->setToolTip(tr("A mirror run that would delete more than this share of the destination's records "
                         "stops before deleting"));
    deliveryForm->addRow(tr("Mirror &guard:"), guard);

    // Change detection.
    m_changeDetection = new QComboBox;
    m_changeDetection->setObjectName(QStringLiteral("changeDetection"));
    m_changeDetection->addItem(tr("Snapshot: compare every row with what was sent"), QStringLiteral("snapshot"));
    m_changeDetection->addItem(tr("Timestamp cursor: append-only tables"), QStringLiteral("timestamp"));
    connect(m_changeDetection, &QComboBox::activated, this, [this] {
        const bool cursor = m_changeDetection->currentData().toString() == QLatin1String("timestamp");
        editSync(cursor ? tr("Detect changes of %1 by timestamp").arg(m_name)
                        : tr("Detect changes of %1 by snapshot").arg(m_name),
                 [&](SyncDef &s) {
                     if (cursor)
                         s.settings["changeDetection"] = "timestamp";
                     else
                         s.settings.erase("changeDetection");
                 });
    });
    m_timestampColumn = new QLineEdit;
    m_timestampColumn->setObjectName(QStringLiteral("timestampColumn"));
    m_timestampColumn->setPlaceholderText(tr("a NOT NULL column, e.g. created_at"));
    connect(m_timestampColumn, &QLineEdit::textEdited, this, [this](const QString &text) {
        setSetting("timestampColumn", text.trimmed().isEmpty() ? json() : json(text.trimmed().toStdString()),
                   tr("timestamp column"), text.trimmed(), true);
    });
    m_backfill = new QCheckBox(tr("Backfill: start at the initial timestamp (else only rows added from now on)"));
    m_backfill->setObjectName(QStringLiteral("backfill"));
    connect(m_backfill, &QCheckBox::clicked, this, [this](bool on) {
        editSync(on ? tr("Backfill %1").arg(m_name) : tr("Do not backfill %1").arg(m_name), [&](SyncDef &s) {
            if (on)
                s.settings.erase("backfill"); // the default
            else
                s.settings["backfill"] = false;
        });
    });
    m_initialTimestamp = new QLineEdit;
    m_initialTimestamp->setObjectName(QStringLiteral("initialTimestamp"));
    m_initialTimestamp->setPlaceholderText(tr("e.g. 0 or 2026-01-01 (empty: all history)"));
    connect(m_initialTimestamp, &QLineEdit::textEdited, this, [this](const QString &text) {
        const QString t = text.trimmed();
        json v;
        bool isInt = false, isReal = false;
        const qlonglong i = t.toLongLong(&isInt);
        const double d = t.toDouble(&isReal);
        if (t.isEmpty())
            v = nullptr;
        else if (isInt)
            v = i;
        else if (isReal)
            v = d;
        else
            v = t.toStdString();
        setSetting("initialTimestamp", v, tr("initial timestamp"), t, true);
    });
    m_cursorHint = new QLabel(tr("Modes with a cursor: insert or upsert. Rows arriving later with an older "
                                 "timestamp than the cursor are not sent."));
    m_cursorHint->setWordWrap(true);
    m_cursorHint->setStyleSheet(QStringLiteral("color: palette(mid)"));
    auto *detection = new QGroupBox(tr("Change detection"));
    auto *detectionForm = new QFormLayout(detection);
    detectionForm->addRow(tr("&Detect by:"), m_changeDetection);
    detectionForm->addRow(tr("&Timestamp column:"), m_timestampColumn);
    detectionForm->addRow(m_backfill);
    detectionForm->addRow(tr("&Initial timestamp:"), m_initialTimestamp);
    detectionForm->addRow(m_cursorHint);

    // Retention.
    auto *retention = new QGroupBox(tr("History kept"));
    auto *retentionForm = new QFormLayout(retention);
    SettingSpinBox *logs = number("logRetentionRuns", tr("Job logs"), 1, 100000, 0, {});
    logs->setUnits(tr(" run"), tr(" runs"));
    logs->setDefaultText(tr("Default (last 100 runs)"));
    retentionForm->addRow(tr("Job &logs of the last:"), logs);
    SettingSpinBox *http = number("httpRetentionRuns", tr("HTTP exchanges"), 0, 10000, 0, {});
    http->setUnits(tr(" run"), tr(" runs"));
    http->setDefaultText(tr("Default (last 10 runs)"));
    http->setZeroText(tr("None kept"));
    retentionForm->addRow(tr("&HTTP exchanges of the last:"), http);

    // Alert rules.
    m_alertModel = new AlertRulesModel(this);
    m_alertTable = new QTableView;
    m_alertTable->setObjectName(QStringLiteral("alertRules"));
    m_alertTable->setModel(m_alertModel);
    m_alertTable->setAccessibleName(tr("Alert rules"));
    m_alertTable->verticalHeader()->hide();
    m_alertTable->horizontalHeader()->setStretchLastSection(true);
    m_alertTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_alertTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_alertTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_alertTable->setMinimumHeight(m_alertTable->verticalHeader()->defaultSectionSize() * 3
                                   + m_alertTable->horizontalHeader()->sizeHint().height() + 4);
    // Three rules high unless there is room: the form should fit without scrolling.
    m_alertTable->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    connect(m_alertTable, &QTableView::doubleClicked, this, &SyncSettingsPage::editAlertRule);
    auto *addRule = new QPushButton(QIcon(QStringLiteral(":/icons/add.svg")), tr("Add…"));
    addRule->setObjectName(QStringLiteral("addAlertRule"));
    m_editRule = new QPushButton(tr("Edit…"));
    m_removeRule = new QPushButton(QIcon(QStringLiteral(":/icons/delete.svg")), tr("Remove"));
    auto *defaults = new QPushButton(tr("Default Channels…"));
    defaults->setToolTip(tr("Where rules without channels of their own send their alerts"));
    auto *mail = new QPushButton(tr("Mail Server…"));
    connect(addRule, &QPushButton::clicked, this, &SyncSettingsPage::addAlertRule);
    connect(m_editRule, &QPushButton::clicked, this, &SyncSettingsPage::editAlertRule);
    connect(m_removeRule, &QPushButton::clicked, this, &SyncSettingsPage::removeSelectedAlertRule);
    connect(defaults, &QPushButton::clicked, this, &SyncSettingsPage::editDefaultChannels);
    connect(mail, &QPushButton::clicked, this, &SyncSettingsPage::editMailServer);
    auto updateButtons = [this] {
        const bool any = m_alertTable->selectionModel()->hasSelection();
        m_editRule->setEnabled(any);
        m_removeRule->setEnabled(any);
    };
    connect(m_alertTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, updateButtons);
    connect(m_alertModel, &QAbstractItemModel::modelReset, this, updateButtons);
    m_alertInfo = new QLabel;
    m_alertInfo->setWordWrap(true);
    m_alertInfo->setStyleSheet(QStringLiteral("color: palette(mid)"));
    auto *alerts = new QGroupBox(tr("Alert rules"));
    auto *alertsLayout = new QVBoxLayout(alerts);
    auto *ruleButtons = new QHBoxLayout;
    for (QPushButton *b : {addRule, m_editRule, m_removeRule})
        ruleButtons->addWidget(b);
    ruleButtons->addStretch(1);
    ruleButtons->addWidget(defaults);
    ruleButtons->addWidget(mail);
    alertsLayout->addWidget(m_alertTable, 1);
    alertsLayout->addLayout(ruleButtons);
    alertsLayout->addWidget(m_alertInfo);

    auto *content = new QWidget;
    auto *grid = new QGridLayout(content);
    grid->addWidget(m_title, 0, 0, 1, 2);
    grid->addWidget(m_destinationInfo, 1, 0, 1, 2);
    // Two columns of about equal height: what and when on the left, how
    // (delivery, what is kept) and who hears about it (alerts) on the right.
    auto *left = new QVBoxLayout;
    left->addWidget(modeBox);
    left->addWidget(detection);
    left->addStretch(1);
    auto *right = new QVBoxLayout;
    right->addWidget(delivery);
    right->addWidget(retention);
    right->addWidget(alerts, 1);
    grid->addLayout(left, 2, 0);
    grid->addLayout(right, 2, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(2, 1);
    auto *scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    m_factsTask.onFinished(this, [this] {
        m_facts = m_factsTask.result();
        applyFacts();
    });
    m_lastRunTask.onFinished(this, [this] { m_schedule->setLastRunStart(m_lastRunTask.result()); });
    connect(m_document, &ProjectDocument::configChanged, this, &SyncSettingsPage::reload);
    reload();
    refreshRunState();
}

SyncSettingsPage::~SyncSettingsPage()
{
    m_factsTask.waitForFinished();
    m_lastRunTask.waitForFinished();
}

void SyncSettingsPage::reload()
{
    const SyncDef *sync = m_document->sync(m_name);
    if (!sync || (m_shown && *sync == *m_shown))
        return;
    m_shown = *sync;
    const json &settings = sync->settings.is_object() ? sync->settings : json::object();
    auto setting = [&](const char *key) { return settings.contains(key) ? settings[key] : json(); };

    m_title->setText(tr("Settings of %1").arg(m_name));
    {
        const QSignalBlocker block(m_mode);
        m_mode->setCurrentIndex(std::max(0, m_mode->findData(QString::fromStdString(sync->mode))));
    }
    m_modeHint->setText(sync->mode == "mirror"
                            ? tr("Mirror deletes at the destination what leaves the model; the mirror guard "
                                 "stops a run that would delete too much.")
                            : tr("Rows removed from the model stay at the destination."));
    m_schedule->setSchedule(setting("schedule"));
    m_protected->setChecked(setting("protected").is_boolean() && setting("protected").get<bool>());
    for (const NumberField &f : m_numbers) {
        const QSignalBlocker block(f.spin);
        const json v = setting(f.key);
        f.spin->setValue(v.is_number() ? v.get<double>() : f.spin->minimum());
    }
    const bool cursor = setting("changeDetection") == "timestamp";
    m_changeDetection->setCurrentIndex(cursor ? 1 : 0);
    if (!m_timestampColumn->hasFocus())
        m_timestampColumn->setText(QString::fromStdString(setting("timestampColumn").is_string()
                                                              ? setting("timestampColumn").get<std::string>()
                                                              : std::string()));
    m_backfill->setChecked(!setting("backfill").is_boolean() || setting("backfill").get<bool>());
    if (!m_initialTimestamp->hasFocus()) {
        const json init = setting("initialTimestamp");
        m_initialTimestamp->setText(init.is_null()     ? QString()
                                    : init.is_string() ? QString::fromStdString(init.get<std::string>())
                                                       : QString::fromStdString(init.dump()));
    }
    for (QWidget *w : std::initializer_list<QWidget *>{m_timestampColumn, m_backfill, m_initialTimestamp, m_cursorHint})
        w->setEnabled(cursor);

    const int selected = m_alertTable->currentIndex().row();
    m_alertModel->setRules(setting("alerts"), setting("notify").is_array() ? setting("notify") : json::array({"log"}));
    if (selected >= 0 && selected < m_alertModel->rowCount())
        m_alertTable->selectRow(selected);
    m_alertTable->resizeColumnsToContents();
    const json smtp = setting("smtp");
    m_alertInfo->setText(
        tr("Checked after every run; an incident alerts once and recovers once. Default channels: %1. "
           "Mail server: %2.")
            .arg(AlertChannelsEditor::describe(setting("notify").is_array() ? setting("notify") : json::array({"log"})),
                 smtp.is_object() && smtp.contains("url") ? QString::fromStdString(smtp["url"].get<std::string>())
                                                          : tr("none")));

    // The destination's modes and limits, when its definition changed.
    const DestinationDef *destination = m_document->destination(QString::fromStdString(sync->destination));
    const std::string factsFor = destination ? toJson(*destination).dump() : std::string();
    if (factsFor != m_factsFor) {
        m_factsFor = factsFor;
        loadDestinationFacts();
    } else {
        applyFacts();
    }
}

void SyncSettingsPage::refreshRunState()
{
    const std::string path = m_document->path().toStdString();
    const std::string name = m_name.toStdString();
    m_lastRunTask.start([path, name]() -> std::optional<SysTime> {
        auto runs = readRuns(path, name, 50);
        if (!runs)
            return std::nullopt;
        // As the daemon counts them: dry runs and baseline resets do not.
        for (const RunRecord &r : *runs)
            if (r.kind != "dry-run" && r.kind != "reset-baseline")
                return parseIsoUtc(r.startedAt);
        return std::nullopt;
    });
}

void SyncSettingsPage::loadDestinationFacts()
{
    const DestinationDef *destination = m_shown ? m_document->destination(QString::fromStdString(m_shown->destination))
                                                : nullptr;
    if (!destination) {
        m_facts = {};
        applyFacts();
        return;
    }
    const DestinationDef def = *destination;
    const std::string dir = m_document->directory().toStdString();
    const SecretAccess access = ProjectDocument::secretAccess();
    m_factsTask.start([def, dir, access] { return readDestinationFacts(def, dir, access); });
}

void SyncSettingsPage::applyFacts()
{
    if (!m_shown)
        return;
    const QString destination = QString::fromStdString(m_shown->destination);
    auto *items = qobject_cast<QStandardItemModel *>(m_mode->model());
    for (int i = 0; i < m_mode->count(); ++i) {
        const auto mode = parseSyncMode(m_mode->itemData(i).toString().toStdString());
        const bool supported = !m_facts.known || m_facts.modes.empty()
                               || std::find(m_facts.modes.begin(), m_facts.modes.end(), *mode) != m_facts.modes.end();
        if (QStandardItem *item = items ? items->item(i) : nullptr) {
            item->setEnabled(supported);
            item->setToolTip(supported ? QString() : tr("%1 does not support this mode").arg(destination));
        }
    }
    for (const NumberField &f : m_numbers) {
        // A new maximum may clamp the value shown: that is no edit of the user's.
        const QSignalBlocker block(f.spin);
        const QString key = QString::fromLatin1(f.key);
        if (key == QLatin1String("batchSize")) {
            f.spin->setMaximum(m_facts.known ? std::max(1, m_facts.maxBatch) : 100000);
            f.spin->setDefaultText(m_facts.known ? tr("Destination default (%1)").arg(m_facts.defaultBatch)
                                                 : tr("Destination default"));
        } else if (key == QLatin1String("concurrency")) {
            f.spin->setMaximum(m_facts.known ? std::max(1, m_facts.maxConcurrency) : 64);
            f.spin->setDefaultText(m_facts.known ? tr("Destination default (%1)").arg(m_facts.maxConcurrency)
                                                 : tr("Destination default"));
        } else if (key == QLatin1String("requestsPerSecond")) {
            f.spin->setDefaultText(!m_facts.known                  ? tr("Destination default")
                                   : m_facts.requestsPerSecond > 0 ? tr("Destination default (%1/s)").arg(m_facts.requestsPerSecond)
                                                                   : tr("Destination default (no limit)"));
        }
    }
    // Setting a maximum may have clamped a shown value: show the configuration again.
    const json &settings = m_shown->settings;
    for (const NumberField &f : m_numbers) {
        const QSignalBlocker block(f.spin);
        const json v = settings.is_object() && settings.contains(f.key) ? settings[f.key] : json();
        f.spin->setValue(v.is_number() ? v.get<double>() : f.spin->minimum());
    }
    if (m_facts.known)
        m_destinationInfo->setText(
            tr("Destination %1: batches of up to %2 records, up to %3 at once, %4. Empty settings use the "
               "destination's.")
                .arg(destination)
                .arg(m_facts.maxBatch)
                .arg(m_facts.maxConcurrency)
                .arg(m_facts.requestsPerSecond > 0 ? tr("at most %1 requests/s").arg(m_facts.requestsPerSecond)
                                                   : tr("no rate limit")));
    else if (!m_facts.problem.isEmpty())
        m_destinationInfo->setText(tr("Destination %1: its limits are not known here (%2).")
                                       .arg(destination, m_facts.problem));
    else
        m_destinationInfo->setText(tr("Destination %1").arg(destination));
}

bool SyncSettingsPage::editSync(const QString &text, const std::function<void(SyncDef &)> &change,
                                const QString &mergeKey, ProtectedChange protection)
{
    const SyncDef *sync = m_document->sync(m_name);
    if (!sync)
        return false;
    if (!confirmProtectedEdit(this, m_document->path(), *sync, protection)) {
        m_shown.reset(); // show the configuration again, as it still is
        reload();
        return false;
    }
    const std::string name = m_name.toStdString();
    const bool ok = m_document->edit(
        text,
        [&](ProjectConfig &c) {
            for (SyncDef &s : c.syncs) {
                if (s.name != name)
                    continue;
                if (!s.settings.is_object())
                    s.settings = json::object();
                change(s);
            }
        },
        mergeKey);
    if (!ok) {
        m_shown.reset();
        reload();
    }
    return ok;
}

void SyncSettingsPage::setSetting(const char *key, const json &value, const QString &label, const QString &valueText,
                                  bool merge)
{
    // The label in the middle of a sentence ("Set batch size of ...").
    QString what = label;
    if (!what.isEmpty())
        what[0] = what[0].toLower();
    const QString text = value.is_null() ? tr("Reset %1 of %2").arg(what, m_name)
                                         : tr("Set %1 of %2 to %3").arg(what, m_name, valueText);
    editSync(
        text,
        [&](SyncDef &s) {
            if (value.is_null())
                s.settings.erase(key);
            else
                s.settings[key] = value;
        },
        merge ? QStringLiteral("setting:%1:%2").arg(m_name, QString::fromLatin1(key)) : QString());
}

void SyncSettingsPage::modeChosen(int index)
{
    const QString mode = m_mode->itemData(index).toString();
    if (!m_shown || mode.toStdString() == m_shown->mode)
        return;
    const ProtectedChange protection = mode == QLatin1String("mirror") ? ProtectedChange::SwitchToMirror
                                                                       : ProtectedChange::Edit;
    editSync(tr("Set mode of %1 to %2").arg(m_name, mode), [&](SyncDef &s) { s.mode = mode.toStdString(); }, {},
             protection);
}

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
    return parsed ? QString() : QString::fromStdString(parsed.error().describe());
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
    const json defaults = m_shown && m_shown->settings.contains("notify") ? m_shown->settings["notify"]
                                                                          : json::array({"log"});
    AlertRuleDialog dialog(json(), defaults, [this](const json &rule) {
        const QString problem = checkAlerts([&](json &settings) {
            if (!settings.contains("alerts") || !settings["alerts"].is_array())
                settings["alerts"] = json::array();
            settings["alerts"].push_back(rule);
        });
        return problem;
    }, this);
    if (dialog.exec() == QDialog::Accepted)
        setAlertRule(-1, dialog.rule());
}

void SyncSettingsPage::editAlertRule()
{
    const int row = m_alertTable->currentIndex().row();
    const json &rules = m_alertModel->rules();
    if (row < 0 || row >= int(rules.size()))
        return;
    const json defaults = m_shown && m_shown->settings.contains("notify") ? m_shown->settings["notify"]
                                                                          : json::array({"log"});
    AlertRuleDialog dialog(rules[std::size_t(row)], defaults, [this, row](const json &rule) {
        return checkAlerts([&](json &settings) {
            if (settings.contains("alerts") && settings["alerts"].is_array() && row < int(settings["alerts"].size()))
                settings["alerts"][std::size_t(row)] = rule;
        });
    }, this);
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
    MailServerDialog dialog(smtp, [this](const json &value) {
        return checkAlerts([&](json &settings) {
            if (value.is_null())
                settings.erase("smtp");
            else
                settings["smtp"] = value;
        });
    }, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const json value = dialog.smtp();
    editSync(value.is_null() ? tr("Remove the mail server of %1").arg(m_name) : tr("Set the mail server of %1").arg(m_name),
             [&](SyncDef &s) {
                 if (value.is_null())
                     s.settings.erase("smtp");
                 else
                     s.settings["smtp"] = value;
             });
}

} // namespace sluice::ui

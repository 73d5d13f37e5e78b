// SyncSettingsPage: building the form (mode and schedule, delivery, change
// detection, history kept, alert rules) and connecting its fields to edits.

#include "syncsettingspage.h"

#include "settingspinbox.h"

#include "alertrules/alertrulesmodel.h"
#include "document/projectdocument.h"
#include "scheduleeditor.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QComboBox>
#include <QFont>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace sluice::ui {

using nlohmann::json;

namespace {

struct ModeInfo {
    const char *name;
    const char *text;
};
const ModeInfo kModes[] = {
    {"upsert", QT_TRANSLATE_NOOP("sluice::ui::SyncSettingsPage", "Upsert: send added and changed rows")},
    {"insert", QT_TRANSLATE_NOOP("sluice::ui::SyncSettingsPage", "Insert: send added rows only")},
    {"update", QT_TRANSLATE_NOOP("sluice::ui::SyncSettingsPage", "Update: send changed rows only")},
    {"mirror",
     QT_TRANSLATE_NOOP("sluice::ui::SyncSettingsPage", "Mirror: upsert, and delete rows removed from the model")},
};

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
                editSync(
                    tr("Schedule %1: %2").arg(m_name, description),
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
    auto number
        = [this](const char *key, const QString &label, double min, double max, int decimals, const QString &suffix) {
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
    deliveryForm->addRow(tr("&Concurrency:"), number("concurrency", tr("Concurrency"), 1, 64, 0, {}));
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

    // A protected sync shows its settings locked until the user chooses to
    // edit them: asking on the first keystroke sent the next keystrokes to
    // the question (typing 50 saved 5).
    m_lockBar = new QFrame;
    m_lockBar->setObjectName(QStringLiteral("protectedLock"));
    m_lockBar->setFrameShape(QFrame::StyledPanel);
    auto *lockText = new QLabel(tr("This sync is protected: its settings are meant to stay as they are."));
    lockText->setWordWrap(true);
    m_unlock = new QPushButton(tr("Edit Anyway…"));
    m_unlock->setObjectName(QStringLiteral("unlockProtected"));
    connect(m_unlock, &QPushButton::clicked, this, &SyncSettingsPage::unlockProtected);
    auto *lockLayout = new QHBoxLayout(m_lockBar);
    lockLayout->addWidget(lockText, 1);
    lockLayout->addWidget(m_unlock);
    m_lockBar->hide();

    auto *content = new QWidget;
    auto *grid = new QGridLayout(content);
    grid->addWidget(m_title, 0, 0, 1, 2);
    grid->addWidget(m_destinationInfo, 1, 0, 1, 2);
    // Two columns of about equal height: what and when on the left, how
    // (delivery, what is kept) and who hears about it (alerts) on the right.
    auto *left = new QVBoxLayout;
    left->addWidget(modeBox);
    left->addWidget(detection);
    m_leftEnd = new QSpacerItem(0, 0, QSizePolicy::Minimum, QSizePolicy::Expanding);
    left->addSpacerItem(m_leftEnd);
    auto *right = new QVBoxLayout;
    right->addWidget(delivery);
    right->addWidget(retention);
    right->addWidget(alerts, 1);
    m_fields = new QWidget;
    m_columns = new QBoxLayout(QBoxLayout::LeftToRight, m_fields);
    m_columns->setContentsMargins(0, 0, 0, 0);
    m_columns->addLayout(left, 1);
    m_columns->addLayout(right, 1);
    m_left = left;
    m_right = right;
    grid->addWidget(m_lockBar, 2, 0, 1, 2);
    grid->addWidget(m_fields, 3, 0, 1, 2);
    grid->setRowStretch(3, 1);
    auto *scroll = new QScrollArea;
    m_scroll = scroll;
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

void SyncSettingsPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Two columns when they fit beside each other, one under the other when
    // not (a narrow window, a large font or scale): never sideways scrolling.
    const int twoColumns = m_left->minimumSize().width() + m_right->minimumSize().width() + m_columns->spacing()
                         + 2 * style()->pixelMetric(QStyle::PM_LayoutLeftMargin) + 24;
    const auto direction
        = m_scroll->viewport()->width() >= twoColumns ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (m_columns->direction() == direction)
        return;
    m_columns->setDirection(direction);
    // Side by side the two share the width; one under the other, the first
    // takes only its height (its filler would open a gap) and the second
    // (ending with the alert rules) the rest.
    const bool sideBySide = direction == QBoxLayout::LeftToRight;
    m_leftEnd->changeSize(0, 0, QSizePolicy::Minimum, sideBySide ? QSizePolicy::Expanding : QSizePolicy::Fixed);
    m_left->invalidate();
    m_columns->setStretch(0, sideBySide ? 1 : 0);
    m_columns->setStretch(1, 1);
    // At once, not at the next layout pass: a click that follows must find
    // each field where it is drawn.
    m_scroll->widget()->layout()->activate();
}

SyncSettingsPage::~SyncSettingsPage()
{
    m_factsTask.waitForFinished();
    m_lastRunTask.waitForFinished();
}

} // namespace sluice::ui

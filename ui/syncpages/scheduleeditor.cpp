#include "scheduleeditor.h"

#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace sluice::ui {

using nlohmann::json;

namespace {
enum Type { Manual, Interval, Cron, Continuous };
const char *const kTypeNames[] = {"manual", "interval", "cron", "continuous"};
constexpr int kMaxIntervalMinutes = 366 * 24 * 60; // the engine's limit (a leap year)
constexpr int kMaxContinuousSeconds = 24 * 60 * 60;
constexpr int kShownRuns = 3;
} // namespace

QString formatRunTime(SysTime t)
{
    const qint64 secs = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
    const QDateTime utc = QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc());
    const QDateTime local = utc.toLocalTime();
    const QLocale locale;
    // The locale's own long date ("Sunday, 6 December 2026", "2026年12月6日星期日"),
    // not an English pattern filled with translated words.
    QString text = locale.toString(utc.date(), QLocale::LongFormat) + QStringLiteral(" ")
                 + locale.toString(utc.time(), QStringLiteral("HH:mm")) + QStringLiteral(" UTC");
    if (local.offsetFromUtc() != 0)
        text += QStringLiteral(" (")
              + ScheduleEditor::tr("%1 local time").arg(locale.toString(local, QStringLiteral("HH:mm")))
              + QLatin1Char(')');
    return text;
}

ScheduleEditor::ScheduleEditor(QWidget *parent) : QWidget(parent)
{
    m_type = new QComboBox;
    m_type->setObjectName(QStringLiteral("scheduleType"));
    m_type->addItem(tr("Manual: only when started by hand"));
    m_type->addItem(tr("Every N minutes"));
    m_type->addItem(tr("Cron expression (UTC)"));
    m_type->addItem(tr("Continuous: poll every N seconds"));
    m_type->setAccessibleName(tr("Schedule type"));

    m_minutes = new QSpinBox;
    m_minutes->setObjectName(QStringLiteral("intervalMinutes"));
    m_minutes->setRange(1, kMaxIntervalMinutes);
    m_minutes->setValue(60);
    m_minutes->setSuffix(tr(" min"));
    m_minutes->setAccessibleName(tr("Minutes between runs"));
    m_minutes->setToolTip(tr("Counted from the start of the last run"));
    m_cron = new QLineEdit;
    m_cron->setObjectName(QStringLiteral("cronExpression"));
    m_cron->setPlaceholderText(tr("minute hour day-of-month month day-of-week, e.g. */15 9-17 * * MON-FRI"));
    m_cron->setAccessibleName(tr("Cron expression"));
    m_cron->setToolTip(tr("Five fields in UTC: minute (0-59), hour (0-23), day of month (1-31), month (1-12 or "
                          "JAN-DEC), day of week (0-7 or SUN-SAT). Lists, ranges and steps: 0,30  9-17  */15. "
                          "Shorthands: @hourly @daily @weekly @monthly @yearly."));
    m_seconds = new QSpinBox;
    m_seconds->setObjectName(QStringLiteral("continuousSeconds"));
    m_seconds->setRange(1, kMaxContinuousSeconds);
    m_seconds->setValue(60);
    m_seconds->setSuffix(tr(" s"));
    m_seconds->setAccessibleName(tr("Seconds between polls"));

    auto row = [](const QString &label, QWidget *w) {
        auto *page = new QWidget;
        auto *l = new QHBoxLayout(page);
        l->setContentsMargins(0, 0, 0, 0);
        if (!label.isEmpty())
            l->addWidget(new QLabel(label));
        l->addWidget(w, 1);
        return page;
    };
    m_stack = new QStackedWidget;
    m_stack->addWidget(new QWidget);
    m_stack->addWidget(row(tr("Every"), m_minutes));
    m_stack->addWidget(row(QString(), m_cron));
    m_stack->addWidget(row(tr("Every"), m_seconds));
    m_stack->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);

    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("scheduleStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_type);
    layout->addWidget(m_stack);
    layout->addWidget(m_status);

    connect(m_type, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_stack->setCurrentIndex(index);
        m_stack->setVisible(index != Manual);
        if (index == Cron && m_cron->text().trimmed().isEmpty()) {
            const QSignalBlocker block(m_cron);
            m_cron->setText(QStringLiteral("0 * * * *"));
        }
        userChanged({});
    });
    connect(m_minutes, &QSpinBox::valueChanged, this, [this] { userChanged(QStringLiteral("minutes")); });
    connect(m_seconds, &QSpinBox::valueChanged, this, [this] { userChanged(QStringLiteral("seconds")); });
    connect(m_cron, &QLineEdit::textEdited, this, [this] { userChanged(QStringLiteral("cron")); });
    m_stack->hide();
    updateStatus();
}

void ScheduleEditor::setSchedule(const json &value)
{
    const json shown = value.is_null() ? json{{"type", "manual"}} : value;
    if (m_shownValue && *m_shownValue != shown)
        m_changedAt = std::chrono::system_clock::now();
    m_shownValue = shown;
    m_filling = true;
    const QSignalBlocker b1(m_type), b2(m_minutes), b3(m_cron), b4(m_seconds);
    auto field = [&](const char *key) { return value.is_object() && value.contains(key) ? value[key] : json(); };
    int type = Manual;
    const std::string name = value.is_object() ? value.value("type", "manual") : "manual";
    for (int i = 0; i < 4; ++i)
        if (name == kTypeNames[i])
            type = i;
    m_type->setCurrentIndex(type);
    m_stack->setCurrentIndex(type);
    m_stack->setVisible(type != Manual);
    if (type == Interval && field("minutes").is_number_integer())
        m_minutes->setValue(field("minutes").get<int>());
    if (type == Continuous && field("seconds").is_number_integer())
        m_seconds->setValue(field("seconds").get<int>());
    m_timezone = type == Cron && field("timezone").is_string() ? field("timezone").get<std::string>() : std::string();
    // Text being typed that is not a schedule yet stays as it is: the
    // configuration still holds the last valid one.
    const bool typing = m_cron->hasFocus() && !m_problem.isEmpty();
    if (type == Cron && field("expression").is_string() && !typing)
        m_cron->setText(QString::fromStdString(field("expression").get<std::string>()));
    m_filling = false;
    updateStatus();
}

void ScheduleEditor::setLastRunStart(std::optional<SysTime> start)
{
    m_lastStart = start;
    updateStatus();
}

json ScheduleEditor::current() const
{
    switch (m_type->currentIndex()) {
    case Interval: return json{{"type", "interval"}, {"minutes", m_minutes->value()}};
    case Cron: {
        json j{{"type", "cron"}, {"expression", m_cron->text().trimmed().toStdString()}};
        if (!m_timezone.empty())
            j["timezone"] = m_timezone;
        return j;
    }
    case Continuous: return json{{"type", "continuous"}, {"seconds", m_seconds->value()}};
    default: return json{{"type", "manual"}};
    }
}

void ScheduleEditor::userChanged(const QString &mergeKey)
{
    if (m_filling)
        return;
    updateStatus();
    if (!m_problem.isEmpty())
        return;
    m_changedAt = std::chrono::system_clock::now();
    m_shownValue = current();
    updateStatus();
    QString description;
    switch (m_type->currentIndex()) {
    case Interval:
        description = m_minutes->value() == 1 ? tr("every minute") : tr("every %1 minutes").arg(m_minutes->value());
        break;
    case Cron: description = tr("cron '%1' (UTC)").arg(m_cron->text().trimmed()); break;
    case Continuous:
        description = m_seconds->value() == 1 ? tr("continuous, every second")
                                              : tr("continuous, every %1 seconds").arg(m_seconds->value());
        break;
    default: description = tr("manual"); break;
    }
    emit edited(current(), description, mergeKey);
}

void ScheduleEditor::updateStatus()
{
    m_next.clear();
    m_problem.clear();
    auto parsed = parseSchedule(current());
    if (!parsed) {
        // The engine's message names the field at fault ("cron field 2 (hour): '25' is out of range 0-23").
        m_problem = QString::fromStdString(parsed.error().message);
        m_cron->setStyleSheet(QStringLiteral("QLineEdit { border: 1px solid #c62828; }"));
        m_status->setText(QStringLiteral("<span style='color:#c62828'>%1</span>").arg(m_problem.toHtmlEscaped()));
        m_cron->setToolTip(m_problem);
        return;
    }
    m_cron->setStyleSheet({});
    if (parsed->type == ScheduleType::Manual) {
        m_status->setText(tr("Runs only when started by hand (Run, or sluicectl run)."));
        return;
    }
    const SysTime now = std::chrono::system_clock::now();
    std::optional<SysTime> since = m_lastStart;
    if (m_changedAt && (!since || *m_changedAt > *since))
        since = m_changedAt;
    std::optional<SysTime> t = nextDue(*parsed, since, now);
    for (int i = 0; i < kShownRuns && t; ++i) {
        m_next.push_back(*t);
        // The run after a run that starts at t: the schedule asked as if it had.
        t = nextDue(*parsed, *t, *t);
    }
    QStringList lines;
    for (std::size_t i = 0; i < m_next.size(); ++i)
        lines << (i == 0 && m_next[i] <= now ? tr("now (it is due)") : formatRunTime(m_next[i]));
    m_status->setText(tr("Next runs: %1").arg(lines.join(QStringLiteral(" · "))) + QStringLiteral("<br><small>")
                      + tr("Scheduled runs start while the project is open with Project > Run Schedules While "
                           "Open, or under sluicectl daemon PROJECT; a changed schedule counts from the change")
                      + QStringLiteral("</small>"));
}

QString ScheduleEditor::statusText() const
{
    return m_status->text();
}

} // namespace sluice::ui

#pragma once
// Edits settings.schedule of a sync: manual, every N minutes, a cron
// expression (UTC) or continuous polling. A cron expression is checked while
// it is typed (the engine's own parser, so the error names the field at
// fault) and only a valid schedule is handed on; the next three run times
// show what it means.

#include "schedule/schedule.h"

#include <nlohmann/json.hpp>

#include <QWidget>

#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;

namespace sluice::ui {

class ScheduleEditor : public QWidget {
    Q_OBJECT
public:
    explicit ScheduleEditor(QWidget *parent = nullptr);

    // Shows settings["schedule"] (null: manual) without emitting edited().
    void setSchedule(const nlohmann::json &value);
    // When the sync's last counted run started (nullopt: it never ran).
    void setLastRunStart(std::optional<SysTime> start);

    // Why the text shown is not a schedule (empty when it is one).
    QString problem() const { return m_problem; }
    // The next runs of the schedule shown (empty for manual or invalid).
    const std::vector<SysTime> &nextRuns() const { return m_next; }
    QString statusText() const;

signals:
    // A valid schedule the user made; consecutive edits of one field share mergeKey.
    void edited(const nlohmann::json &schedule, const QString &description, const QString &mergeKey);

private:
    nlohmann::json current() const;
    void userChanged(const QString &mergeKey);
    void updateStatus();

    QComboBox *m_type = nullptr;
    QStackedWidget *m_stack = nullptr;
    QSpinBox *m_minutes = nullptr;
    QLineEdit *m_cron = nullptr;
    QSpinBox *m_seconds = nullptr;
    QLabel *m_status = nullptr;
    std::optional<SysTime> m_lastStart;
    // When the schedule shown last changed here (an edit, an undo): it counts
    // from then, as the scheduler does, so an edit never makes a run due now.
    std::optional<SysTime> m_changedAt;
    std::optional<nlohmann::json> m_shownValue;
    std::string m_timezone; // kept as written when the cron expression changes
    QString m_problem;
    std::vector<SysTime> m_next;
    bool m_filling = false;
};

// "Mon 24 Nov 2026, 09:00 UTC" (with the local time when it differs).
QString formatRunTime(SysTime t);

} // namespace sluice::ui

#pragma once
// The settings of one sync (an inner tab of its editor): mode, schedule,
// delivery (batch size, concurrency, rate limit, retries), the mirror guard,
// change detection, retention, alert rules and the protected flag. Keys and
// defaults are the ones the engine reads (engine/sync/syncrunner.cpp,
// schedule.h, alerts/alertrules.h; docs/sync.md and docs/operations.md).
//
// Every change is one undoable ProjectDocument::edit (typing in one field
// merges into one step); the form shows document->config(), re-read on
// every configChanged, so undo and redo show here at once. A protected sync
// asks before its first edit in a session and before mirror mode.

#include "core/entities.h"
#include "destinations/contract/syncmode.h"
#include "document/protectedsync.h"
#include "schedule/schedule.h"

#include "jobs/backgroundtask.h"
#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class QBoxLayout;
class QCheckBox;
class QScrollArea;
class QSpacerItem;
class QVBoxLayout;
class QComboBox;
class QDoubleSpinBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace sluice::ui {

class AlertRulesModel;
class ProjectDocument;
class ScheduleEditor;
class SettingSpinBox;

// What the destination tells about itself, read off the GUI thread.
struct DestinationFacts {
    std::vector<SyncMode> modes; // empty: unknown (the destination could not be built)
    int defaultBatch = 0, maxBatch = 0, maxConcurrency = 0;
    double requestsPerSecond = 0;
    bool known = false;
    QString problem;
};

class SyncSettingsPage : public QWidget {
    Q_OBJECT
public:
    SyncSettingsPage(ProjectDocument *document, const QString &syncName, QWidget *parent = nullptr);
    ~SyncSettingsPage() override;

    ScheduleEditor *scheduleEditor() const { return m_schedule; }
    AlertRulesModel *alertRules() const { return m_alertModel; }
    QTableView *alertTable() const { return m_alertTable; }
    bool destinationFactsKnown() const { return m_facts.known || !m_facts.problem.isEmpty(); }
    const DestinationFacts &destinationFacts() const { return m_facts; }

    // Puts `rule` at `row` (-1: adds it) after checking the alert settings
    // with the engine; on refusal returns false with the engine's reason.
    bool setAlertRule(int row, const nlohmann::json &rule, QString *error = nullptr);
    bool removeAlertRule(int row);

public slots:
    void reload();
    // Re-reads when the sync last ran (after a run), for the next run times.
    void refreshRunState();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    bool editSync(const QString &text, const std::function<void(SyncDef &)> &change, const QString &mergeKey = {},
                  ProtectedChange protection = ProtectedChange::Edit);
    void setSetting(const char *key, const nlohmann::json &value, const QString &label, const QString &valueText,
                    bool merge);
    QString checkAlerts(const std::function<void(nlohmann::json &settings)> &change) const;
    void addAlertRule();
    void editAlertRule();
    void removeSelectedAlertRule();
    void editDefaultChannels();
    void editMailServer();
    void modeChosen(int index);
    void updateLock();
    void unlockProtected();
    void loadDestinationFacts();
    void applyFacts();

    ProjectDocument *m_document;
    QString m_name;
    std::optional<SyncDef> m_shown;
    DestinationFacts m_facts;
    std::string m_factsFor; // the destination definition the facts are about
    BackgroundTask<DestinationFacts> m_factsTask;
    BackgroundTask<std::optional<SysTime>> m_lastRunTask;

    QLabel *m_title = nullptr;
    QFrame *m_lockBar = nullptr;
    QPushButton *m_unlock = nullptr;
    QWidget *m_fields = nullptr;     // every setting; disabled while a protected sync is locked
    QBoxLayout *m_columns = nullptr; // side by side, or one under the other when narrow
    QVBoxLayout *m_left = nullptr;
    QVBoxLayout *m_right = nullptr;
    QSpacerItem *m_leftEnd = nullptr; // fills the left column beside a taller right one
    QScrollArea *m_scroll = nullptr;
    QLabel *m_destinationInfo = nullptr;
    QComboBox *m_mode = nullptr;
    QLabel *m_modeHint = nullptr;
    ScheduleEditor *m_schedule = nullptr;
    QCheckBox *m_protected = nullptr;
    struct NumberField {
        const char *key;
        SettingSpinBox *spin;
        bool integer;
        QString label;
    };
    std::vector<NumberField> m_numbers;
    QComboBox *m_changeDetection = nullptr;
    QLineEdit *m_timestampColumn = nullptr;
    QCheckBox *m_backfill = nullptr;
    QLineEdit *m_initialTimestamp = nullptr;
    QLabel *m_cursorHint = nullptr;
    AlertRulesModel *m_alertModel = nullptr;
    QTableView *m_alertTable = nullptr;
    QPushButton *m_editRule = nullptr;
    QPushButton *m_removeRule = nullptr;
    QLabel *m_alertInfo = nullptr;
};

} // namespace sluice::ui
